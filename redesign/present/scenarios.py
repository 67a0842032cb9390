"""Buy-back scenarios side by side, as the buy-back page's comparison shows them: each group's
buy-back level, then the headline outputs, one column per scenario (numbers; each row's unit is
``comparison_unit(row label)``). The briefing packs and the workbook use these figures."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from redesign.buyback.model import BuybackModel, Scenario, ScenarioResult, compare_frame
from redesign.buyback.text import in_sentence
from redesign.core.units import Unit

OUTPUT = "Output"
LEVEL_PREFIX = "Buy-back %, "


def group_level_label(label: str) -> str:
    return f"{LEVEL_PREFIX}{in_sentence(label)}"


def comparison_numbers(
    model: BuybackModel, named: Sequence[tuple[str, Scenario]]
) -> tuple[pd.DataFrame, list[tuple[str, ScenarioResult]]]:
    """(the comparison table, each name with its result). Names must be unique."""
    results = [(name, model.evaluate(s)) for name, s in named]
    levels = pd.DataFrame(
        [
            {OUTPUT: group_level_label(g.label)}
            | {name: round(s.levels[g.id] * 100, 1) for name, s in named}
            for g in model.groups
        ],
        columns=[OUTPUT, *(name for name, _ in named)],
    )
    return pd.concat([levels, compare_frame(results)], ignore_index=True), results


def comparison_unit(label: str) -> Unit:
    """The unit of a comparison row, from the outputs ``compare_frame`` names."""
    if label.startswith("Change") and "£m" in label:
        return Unit.MONEY_M_CHANGE
    if "£m" in label:
        return Unit.MONEY_M
    if label.endswith("%") or label.startswith(LEVEL_PREFIX):
        return Unit.PERCENT
    if "FTE" in label:
        return Unit.FTE
    return Unit.COUNT


def unique_names(names: Sequence[str]) -> list[str]:
    """Names made unique for columns: a repeated name gets " (2)", " (3)"..."""
    out: list[str] = []
    for name in names:
        candidate, n = name or "Unnamed scenario", 2
        while candidate in out:
            candidate = f"{name} ({n})"
            n += 1
        out.append(candidate)
    return out
