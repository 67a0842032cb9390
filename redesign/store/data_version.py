"""Has the data changed since a scenario was saved? If so, its saved outputs and the outputs on
the current data, side by side, for the library to show both.

A saved scenario records the digest of the dataset it was computed on (Dataset.digest). When the
current digest differs, or the scenario no longer fits the data (a group removed or added, an
assumption's range narrowed), ``check_data_version`` re-evaluates it on the current data, after
``scenario_for_current_data`` has fitted it, and says what it had to change."""

from __future__ import annotations

import math
from dataclasses import dataclass

from redesign.buyback.model import MAX_LEVEL, MIN_LEVEL, BuybackModel, Scenario
from redesign.buyback.scenario_io import make_scenario
from redesign.store.records import Headline, SavedScenario


@dataclass(frozen=True)
class DataCheck:
    """A saved scenario against the current data."""

    data_changed: bool  # the dataset's digest differs from the one it was saved with
    saved_digest: str
    current_digest: str
    saved: Headline  # the outputs stored when it was saved
    now: Headline  # the outputs of scenario_for_current_data(...) on the current data
    adjustments: tuple[str, ...]  # what had to change for it to fit the current data

    @property
    def outputs_changed(self) -> bool:
        """Any headline output differs (beyond floating-point noise)."""
        pairs = zip(
            (
                self.saved.retained_fte,
                self.saved.redundant_fte,
                self.saved.traded_income_m,
                self.saved.saving_m,
            ),
            (
                self.now.retained_fte,
                self.now.redundant_fte,
                self.now.traded_income_m,
                self.now.saving_m,
            ),
            strict=True,
        )
        return any(not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9) for a, b in pairs)


def scenario_for_current_data(
    saved: SavedScenario, model: BuybackModel
) -> tuple[Scenario, list[str]]:
    """The saved scenario made to fit the current data, with a note of each change: groups no
    longer in the data dropped, new groups at the default level, levels and assumptions outside
    their ranges clamped, unknown assumptions dropped."""
    changes: list[str] = []
    default_level = model.default_scenario().levels
    levels: dict[str, float] = {}
    for gid in model.group_ids:
        if gid not in saved.levels:
            changes.append(
                f"group {gid!r} is new in the data: set to {default_level[gid] * 100:g}%"
            )
            levels[gid] = default_level[gid]
            continue
        level = saved.levels[gid]
        clamped = min(max(level, MIN_LEVEL), MAX_LEVEL)
        if clamped != level:
            changes.append(f"group {gid!r}: level {level:g} clamped to {clamped:g}")
        levels[gid] = clamped
    changes += [
        f"group {gid!r} is no longer in the data: left out"
        for gid in saved.levels
        if gid not in model.at_risk_fte
    ]
    assumptions: dict[str, float] = {}
    for aid, value in saved.assumptions.items():
        spec = model.assumptions.get(aid)
        if spec is None:
            changes.append(f"assumption {aid!r} is no longer in the data: left out")
            continue
        clamped = spec.clamp(value)
        if clamped != value:
            changes.append(f"assumption {aid!r}: {value:g} clamped to {clamped:g}")
        assumptions[aid] = clamped
    # Values the saved row had but could not be read are not in saved.levels at all (the
    # row's problem says so); they take their defaults here like a new group.
    return make_scenario(model, levels, assumptions, saved.name), changes


def check_data_version(saved: SavedScenario, model: BuybackModel, current_digest: str) -> DataCheck:
    """``saved`` against the current data: changed or not, and both results."""
    scenario, changes = scenario_for_current_data(saved, model)
    return DataCheck(
        data_changed=saved.data_digest != current_digest,
        saved_digest=saved.data_digest,
        current_digest=current_digest,
        saved=saved.headline,
        now=Headline.of(model.evaluate(scenario)),
        adjustments=tuple(changes),
    )
