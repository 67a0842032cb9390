"""What the store gives back: frozen records, with timezone-aware UTC times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from redesign.buyback.model import Scenario, ScenarioResult

# The permalink of a saved scenario is the app's page with ?scenario=<id>.
QUERY_KEY = "scenario"


@dataclass(frozen=True)
class Headline:
    """The outputs a library lists for a scenario."""

    retained_fte: float  # FTE kept of the at-risk posts
    redundant_fte: float  # FTE of the at-risk posts made redundant
    traded_income_m: float  # traded income needed, £m a year
    saving_m: float  # saving, £m a year

    @classmethod
    def of(cls, result: ScenarioResult) -> Headline:
        return cls(
            result.retained_fte, result.redundant_fte, result.traded_income_m, result.saving_m
        )


@dataclass(frozen=True)
class SavedScenario:
    """One saved scenario as stored; ``problem`` says why it no longer fits the current data
    (None when it does). The outputs are those computed when it was saved."""

    id: str
    name: str
    note: str
    author: str
    saved_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    levels: dict[str, float]
    assumptions: dict[str, float]
    data_digest: str
    retained_fte: float
    redundant_fte: float
    traded_income_m: float
    saving_m: float
    problem: str | None = None

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def headline(self) -> Headline:
        return Headline(self.retained_fte, self.redundant_fte, self.traded_income_m, self.saving_m)

    @property
    def scenario(self) -> Scenario:
        """The scenario to open, as saved. When ``problem`` is set, use
        redesign.store.data_version.scenario_for_current_data instead."""
        return Scenario(dict(self.levels), dict(self.assumptions), self.name)

    @property
    def query(self) -> dict[str, str]:
        """The query parameters of its permalink."""
        return {QUERY_KEY: self.id}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (times as ISO 8601 with their +00:00 offset)."""
        return {
            "id": self.id,
            "name": self.name,
            "note": self.note,
            "author": self.author,
            "saved_at": self.saved_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "deleted_at": self.deleted_at.isoformat() if self.deleted_at else None,
            "retained_fte": self.retained_fte,
            "redundant_fte": self.redundant_fte,
            "traded_income_m": self.traded_income_m,
            "saving_m": self.saving_m,
            "levels": dict(self.levels),
            "assumptions": dict(self.assumptions),
            "data_digest": self.data_digest,
            "problem": self.problem,
        }
