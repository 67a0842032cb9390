"""What the workshop store gives back: frozen records with timezone-aware UTC times. None of them
holds a secret: the facilitator key and the participants' tokens are given once, when made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from redesign.workshop.answers import Answer
from redesign.workshop.keys import shown_code

MAX_TITLE_CHARS = 80
MIN_SCHOOLS = 1
MAX_SCHOOLS = 2_000


@dataclass(frozen=True)
class Workshop:
    id: str
    title: str
    join_code: str  # stored form, "ABCDEFGH"; shown_code gives "ABCD-EFGH"
    schools_in_city: int
    offers: tuple[str, ...]  # group ids asked about, in data order
    locked: bool  # answering paused by the facilitator
    revealed: bool  # the room may see the results
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    deleted_at: datetime | None
    revision: int
    scenario_id: str | None  # the scenario last saved to the library from it

    @property
    def code_text(self) -> str:
        return shown_code(self.join_code)

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def taking_answers(self) -> bool:
        return not (self.closed or self.locked or self.deleted)

    @property
    def state(self) -> str:
        """One phrase for the state, as the screens and the CLI say it."""
        if self.deleted:
            return "deleted"
        if self.closed:
            return "closed"
        if self.locked:
            return "answering paused"
        return "open for answers"


@dataclass(frozen=True)
class Created:
    """A new workshop and its facilitator key, given this once (the store keeps only a digest)."""

    workshop: Workshop
    facilitator_key: str


@dataclass(frozen=True)
class Participant:
    """One school's answer as stored; ``comment`` is for the facilitator's eyes only."""

    id: str
    answer: Answer
    created_at: datetime
    updated_at: datetime

    @property
    def comment(self) -> str:
        return self.answer.comment


@dataclass(frozen=True)
class Sent:
    """An answer taken: the participant's token (to change it later) and what was stored."""

    token: str
    participant: Participant
    changed: bool  # True when it replaced this participant's earlier answer
