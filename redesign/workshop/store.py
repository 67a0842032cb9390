"""Workshops in the store's database (the scenario library's Database: same transactions, same
one-line errors, SQLite or PostgreSQL by URL).

Every method is one transaction. An answer bumps its workshop's ``revision`` first, which on
PostgreSQL locks the workshop's row: answers to one workshop are taken one after another, so
"one answer per school" is checked against every answer committed before, on every app server
(and the unique (workshop, school) index refuses a second one whatever happens). Facilitator
methods take the workshop's id and key; participant methods take the join code (and a token to
change an answer). Wrong codes and keys are counted and slowed down (guard).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from redesign.buyback.model import BuybackModel
from redesign.store.db import Clock, Database, utc_now
from redesign.store.errors import InvalidInput, NotFound
from redesign.store.scenarios import KEEP_DELETED, new_id
from redesign.store.schema import join_failures
from redesign.store.schema import workshop_comments as comments_t
from redesign.store.schema import workshop_participants as participants_t
from redesign.store.schema import workshops as table
from redesign.workshop import guard, keys, rows
from redesign.workshop.answers import Answer, AnswerRefused, clean_text, school_key
from redesign.workshop.errors import (
    Closed,
    Paused,
    WrongCode,
    WrongKey,
)
from redesign.workshop.records import (
    MAX_SCHOOLS,
    MAX_TITLE_CHARS,
    MIN_SCHOOLS,
    Created,
    Participant,
    Sent,
    Workshop,
)
from redesign.workshop.tally import Tally, tally

LOCAL = "local"  # the client of a command line or a test: one place


class WorkshopStore:
    """The workshops of one database, their offers priced by one buy-back model."""

    def __init__(self, database: Database, model: BuybackModel, *, clock: Clock = utc_now) -> None:
        self.database = database
        self.model = model
        self._clock = clock

    # --- the facilitator ----------------------------------------------------------------------

    def create(
        self, title: str, offers: Iterable[str], schools_in_city: int, *, open_now: bool = True
    ) -> Created:
        """A new workshop; its facilitator key is in the result, and only there."""
        clean_title = self._title(title)
        asked = self._offers(offers)
        schools = self._schools(schools_in_city)
        key = keys.new_key()
        now = self._clock()
        wid = new_id()
        row = {
            "id": wid,
            "title": clean_title,
            "facilitator_key_hash": keys.digest(key),
            "schools_in_city": schools,
            "offers": json.dumps(list(asked)),
            "locked": not open_now,
            "revealed": False,
            "created_at": now,
            "updated_at": now,
            "revision": 0,
        }
        with self.database.write() as conn:
            # A clash of two codes among the few workshops kept is unlikely; look, and draw again.
            while True:
                code = keys.new_join_code()
                taken = conn.execute(sa.select(table.c.id).where(table.c.join_code == code))
                if taken.first() is None:
                    break
            conn.execute(table.insert().values(**row, join_code=code))
            return Created(rows.workshop(rows.row(conn, wid)), key)

    def facilitate(self, workshop_id: str, key: str, *, client: str = LOCAL) -> Workshop:
        """The workshop, if ``key`` is its facilitator key (deleted ones too, to restore them)."""
        with self.database.read() as conn:
            guard.check(conn, client, self._clock())
            row = rows.find(conn, workshop_id)
            if row is not None and keys.matches(key, row["facilitator_key_hash"]):
                return rows.workshop(row)
        with self.database.write() as conn:
            guard.record_failure(conn, client, self._clock())
        raise WrongKey()

    def update(self, workshop_id: str, key: str, **changes: Any) -> Workshop:
        """Change ``title``, ``schools_in_city``, ``locked`` or ``revealed``."""
        values: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "title":
                values[name] = self._title(value)
            elif name == "schools_in_city":
                values[name] = self._schools(value)
            elif name in ("locked", "revealed"):
                values[name] = bool(value)
            else:
                raise InvalidInput(name, "cannot be changed")
        return self._change(workshop_id, key, **values)

    def close(self, workshop_id: str, key: str) -> Workshop:
        return self._change(workshop_id, key, closed_at=self._clock())

    def reopen(self, workshop_id: str, key: str) -> Workshop:
        return self._change(workshop_id, key, closed_at=None)

    def applied(self, workshop_id: str, key: str, scenario_id: str) -> Workshop:
        """Remember the scenario saved to the library from this workshop."""
        return self._change(workshop_id, key, scenario_id=scenario_id)

    def delete(self, workshop_id: str, key: str) -> Workshop:
        """Hide the workshop and refuse its code; restorable for KEEP_DELETED, then purged."""
        return self._change(workshop_id, key, deleted_at=self._clock(), allow_deleted=True)

    def undelete(self, workshop_id: str, key: str) -> Workshop:
        return self._change(workshop_id, key, deleted_at=None, allow_deleted=True)

    def erase(self, workshop_id: str, key: str) -> None:
        """Remove the workshop, its answers and comments for good, now."""
        with self.database.write() as conn:
            self._authorised(conn, workshop_id, key)
            conn.execute(table.delete().where(table.c.id == workshop_id))

    def participants(self, workshop_id: str, key: str) -> list[Participant]:
        """Every school's answer, with its comment, oldest first (the facilitator's view)."""
        with self.database.read() as conn:
            self._authorised(conn, workshop_id, key, allow_deleted=True)
            return rows.participants(conn, workshop_id)

    def remove_answer(self, workshop_id: str, key: str, participant_id: str) -> None:
        """Take one school's answer out (so it can answer again); NotFound if it is not there."""
        with self.database.write() as conn:
            self._authorised(conn, workshop_id, key)
            gone = conn.execute(
                participants_t.delete().where(
                    participants_t.c.id == str(participant_id),
                    participants_t.c.workshop_id == workshop_id,
                )
            )
            if not gone.rowcount:
                raise NotFound(str(participant_id)[:40])
            self._bump(conn, workshop_id)

    def remove_comment(self, workshop_id: str, key: str, participant_id: str) -> None:
        with self.database.write() as conn:
            self._authorised(conn, workshop_id, key)
            mine = sa.select(participants_t.c.id).where(participants_t.c.workshop_id == workshop_id)
            conn.execute(
                comments_t.delete().where(
                    comments_t.c.participant_id == str(participant_id),
                    comments_t.c.participant_id.in_(mine),
                )
            )
            self._bump(conn, workshop_id)

    # --- the participants ---------------------------------------------------------------------

    def join(self, code: str, *, client: str = LOCAL) -> Workshop:
        """The workshop with this join code (whatever its state); WrongCode, slowed down."""
        with self.database.read() as conn:
            guard.check(conn, client, self._clock())
            row = rows.by_code(conn, code)
        if row is not None:
            return rows.workshop(row)
        with self.database.write() as conn:
            guard.record_failure(conn, client, self._clock())
        raise WrongCode()

    def answer(
        self, code: str, answer: Answer, token: str | None = None, *, client: str = LOCAL
    ) -> Sent:
        """Take a school's answer, or with ``token`` change that participant's own answer."""
        workshop = self.join(code, client=client)
        if not isinstance(answer, Answer):
            raise InvalidInput("answer", f"expected an Answer, got {type(answer).__name__}")
        unknown = set(answer.days) | set(answer.not_sure)
        unknown -= set(workshop.offers)
        if unknown:
            raise InvalidInput("days", f"this workshop does not ask about {sorted(unknown)[0]!r}")
        now = self._clock()
        with self.database.write() as conn:
            self._bump(conn, workshop.id)  # first: on PostgreSQL, one answer at a time
            current = rows.workshop(rows.row(conn, workshop.id))
            if current.deleted:
                raise WrongCode()
            if current.closed:
                raise Closed()
            if current.locked:
                raise Paused()
            key = school_key(answer.school) if answer.school else None
            if token is None:
                token = keys.new_token()
                pid = new_id()
                rows.insert_participant(conn, workshop.id, pid, token, answer, key, now)
                changed = False
            else:
                pid = rows.own(conn, workshop.id, token)
                rows.update_participant(conn, workshop.id, pid, answer, key, now)
                changed = True
            rows.write_answers(conn, pid, answer, now)
            participant = rows.participants(conn, workshop.id, pid)[0]
        return Sent(token, participant, changed)

    def own_answer(self, code: str, token: str, *, client: str = LOCAL) -> Participant | None:
        """The answer ``token`` may change, or None (not this workshop's, or removed)."""
        workshop = self.join(code, client=client)
        if not keys.could_be_secret(token):
            return None
        with self.database.read() as conn:
            row = conn.execute(
                sa.select(participants_t.c.id).where(
                    participants_t.c.workshop_id == workshop.id,
                    participants_t.c.token_hash == keys.digest(token),
                )
            ).first()
            return None if row is None else rows.participants(conn, workshop.id, row[0])[0]

    # --- what the screens read ----------------------------------------------------------------

    def workshop(self, workshop_id: str) -> Workshop:
        """A workshop's public state (no secret in it), for a screen that already joined."""
        with self.database.read() as conn:
            row = rows.find(conn, workshop_id)
            if row is None or row["deleted_at"] is not None:
                raise WrongCode()
            return rows.workshop(row)

    def revision(self, workshop_id: str) -> int:
        """The workshop's revision: a screen redraws its tally only when this has moved."""
        with self.database.read() as conn:
            value = conn.execute(
                sa.select(table.c.revision).where(table.c.id == str(workshop_id))
            ).scalar()
        if value is None:
            raise WrongCode()
        return int(value)

    def answers(self, workshop_id: str) -> list[Answer]:
        """The schools' answers (comments left out): what the tally adds up."""
        with self.database.read() as conn:
            return [p.answer for p in rows.participants(conn, workshop_id, comments=False)]

    def tally(self, workshop: Workshop, days_per_fte: float | None = None) -> Tally:
        answers = self.answers(workshop.id)
        return tally(self.model, workshop.offers, answers, workshop.schools_in_city, days_per_fte)

    def purge(self, older_than: timedelta = KEEP_DELETED) -> int:
        """Remove for good the workshops deleted over ``older_than`` ago, and old wrong-code
        counts; how many workshops."""
        now = self._clock()
        old = table.c.deleted_at < now - older_than
        with self.database.read() as conn:
            stale = conn.execute(sa.select(table.c.id).where(old).limit(1)).first()
            counts = conn.execute(
                sa.select(join_failures.c.client)
                .where(join_failures.c.last_at < now - guard.WINDOW)
                .limit(1)
            ).first()
        if stale is None and counts is None:
            return 0
        with self.database.write() as conn:
            guard.forget_old(conn, now)
            return int(conn.execute(table.delete().where(old)).rowcount or 0)

    # --- internals ----------------------------------------------------------------------------

    def _title(self, value: object) -> str:
        try:
            title = clean_text(value, "title", MAX_TITLE_CHARS)
        except AnswerRefused as exc:
            raise InvalidInput("title", exc.problems[0].message) from None
        if not title:
            raise InvalidInput("title", "give the workshop a title")
        return title

    def _offers(self, offers: Iterable[str]) -> tuple[str, ...]:
        wanted = list(dict.fromkeys(str(o) for o in offers))
        if not wanted:
            return self.model.group_ids
        unknown = [o for o in wanted if o not in self.model.group_ids]
        if unknown:
            raise InvalidInput(
                "offers",
                f"no offer {unknown[0][:40]!r}; the offers are {', '.join(self.model.group_ids)}",
            )
        return tuple(g for g in self.model.group_ids if g in wanted)

    @staticmethod
    def _schools(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput("schools_in_city", "give a whole number of schools")
        if not MIN_SCHOOLS <= value <= MAX_SCHOOLS:
            raise InvalidInput(
                "schools_in_city", f"must be between {MIN_SCHOOLS} and {MAX_SCHOOLS:,}"
            )
        return value

    def _change(
        self, workshop_id: str, key: str, *, allow_deleted: bool = False, **values: Any
    ) -> Workshop:
        with self.database.write() as conn:
            self._authorised(conn, workshop_id, key, allow_deleted=allow_deleted)
            conn.execute(table.update().where(table.c.id == workshop_id).values(**values))
            self._bump(conn, workshop_id)
            return rows.workshop(rows.row(conn, workshop_id))

    def _authorised(
        self, conn: Connection, workshop_id: str, key: str, *, allow_deleted: bool = False
    ) -> RowMapping:
        row = rows.find(conn, workshop_id)
        if row is None or not keys.matches(key, row["facilitator_key_hash"]):
            raise WrongKey()
        if row["deleted_at"] is not None and not allow_deleted:
            raise InvalidInput("workshop", "this workshop is deleted; restore it first")
        return row

    def _bump(self, conn: Connection, workshop_id: str) -> None:
        conn.execute(
            table.update()
            .where(table.c.id == workshop_id)
            .values(revision=table.c.revision + 1, updated_at=self._clock())
        )
