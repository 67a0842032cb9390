"""Buy-back scenarios side by side, as the buy-back page's comparison shows them: each group's
buy-back level, then the headline outputs, one column per scenario (numbers, with each row's unit
from redesign.buyback.compare). The briefing packs and the workbook use these figures."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from redesign.buyback.compare import OUTPUT_COLUMN, level_rows, numbers_frame, output_rows
from redesign.buyback.curve_chart import curve_table
from redesign.buyback.model import BuybackModel, Scenario, ScenarioResult
from redesign.buyback.text import in_sentence
from redesign.core.units import Unit
from redesign.present.dataset_table import DatasetTable

OUTPUT = OUTPUT_COLUMN
LEVEL_PREFIX = "Buy-back %, "


def group_level_label(label: str) -> str:
    return f"{LEVEL_PREFIX}{in_sentence(label)}"


def comparison_numbers(
    model: BuybackModel, named: Sequence[tuple[str, Scenario]]
) -> tuple[pd.DataFrame, list[tuple[str, ScenarioResult]], list[Unit]]:
    """(the comparison table, each name with its result, each row's unit). Names must be unique."""
    results = [(name, model.evaluate(s)) for name, s in named]
    rows = level_rows(model, [s for _, s in named]) + output_rows([r for _, r in results])
    frame = numbers_frame(rows, [name for name, _ in named])
    return frame, results, [row.unit for row in rows]


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


UNIT_WORDS = {
    Unit.PERCENT: "%",
    Unit.FTE: "FTE",
    Unit.MONEY_M: "£m",
    Unit.MONEY_M_CHANGE: "£m",
    Unit.POUNDS: "£",
    Unit.COUNT: "count",
}
ASSUMPTION_UNITS = {"gbp_per_fte": Unit.POUNDS, "gbp": Unit.POUNDS, "gbp_one_off": Unit.POUNDS}


def comparison_table(
    model: BuybackModel, named: Sequence[tuple[str, Scenario]], documents: tuple[str, ...]
) -> DatasetTable:
    """The comparison as the workbook writes it: the page's numbers and each row's unit."""
    frame, _results, units = comparison_numbers(model, named)
    frame["Unit"] = [UNIT_WORDS.get(unit, "") for unit in units]
    names = [name for name, _ in named]
    return DatasetTable(
        "comparison",
        "Comparison",
        "The compared scenarios side by side, in the figures of the Buy-back what-if page "
        "(buy-back % per group, then the outputs). Money rests on this tool's assumptions.",
        frame,
        dict.fromkeys(names, Unit.BY_ROW),
        documents,
        unit_column="Unit",
    )


def scenario_table(
    model: BuybackModel, scenario: Scenario, documents: tuple[str, ...]
) -> DatasetTable:
    """One scenario beside the proposal (same assumptions), as the buy-back page shows it: each
    group's buy-back and FTE, the outputs, and the assumptions used."""
    result = model.evaluate(scenario)
    values = model.assumption_values(scenario)
    proposal_pct = values["proposal_buyback_pct"]
    proposal = model.evaluate(model.uniform(proposal_pct / 100, scenario))
    rows: list[tuple[str, float | None, float | None, Unit]] = []
    for mine, theirs in zip(result.groups, proposal.groups, strict=True):
        name = in_sentence(mine.label)
        rows += [
            (
                group_level_label(mine.label),
                round(mine.level * 100, 1),
                round(theirs.level * 100, 1),
                Unit.PERCENT,
            ),
            (f"At-risk FTE, {name}", mine.at_risk_fte, theirs.at_risk_fte, Unit.FTE),
            (f"FTE kept, {name}", mine.retained_fte, theirs.retained_fte, Unit.FTE),
            (f"FTE redundant, {name}", mine.redundant_fte, theirs.redundant_fte, Unit.FTE),
        ]
    for row in output_rows([result, proposal]):
        rows.append((row.label, row.values[0], row.values[1], row.unit))
    rows += [
        ("Service cost £m", result.service_cost_m, proposal.service_cost_m, Unit.MONEY_M),
        (
            "One-off redundancy cost of the confirmed redundancies £m",
            result.confirmed_redundancy_cost_m,
            proposal.confirmed_redundancy_cost_m,
            Unit.MONEY_M,
        ),
    ]
    for spec in model.assumptions.values():
        unit = ASSUMPTION_UNITS.get(spec.unit, Unit.PERCENT if spec.unit == "pct" else Unit.FTE)
        rows.append((f"Assumption: {spec.label}", values[spec.id], values[spec.id], unit))
    proposal_name = f"The proposal ({proposal_pct:g}% buy-back)"
    frame = pd.DataFrame(
        [
            {OUTPUT: label, "This scenario": a, proposal_name: b, "Unit": UNIT_WORDS.get(u, "")}
            for label, a, b, u in rows
        ],
        columns=[OUTPUT, "This scenario", proposal_name, "Unit"],
    )
    return DatasetTable(
        "scenario",
        "Scenario",
        "The buy-back scenario beside the proposal with the same assumptions, in the figures of "
        "the Buy-back what-if page. Money rests on this tool's assumptions (the last rows).",
        frame,
        {"This scenario": Unit.BY_ROW, proposal_name: Unit.BY_ROW},
        documents,
        unit_column="Unit",
    )


def curve_table_units() -> dict[str, Unit]:
    return {
        "Buy-back %": Unit.PERCENT,
        "FTE kept (at-risk posts)": Unit.FTE,
        "Traded income £m": Unit.MONEY_M,
        "Saving £m": Unit.MONEY_M,
        "One-off redundancy cost £m": Unit.MONEY_M,
    }


def curve_dataset_table(
    model: BuybackModel, scenario: Scenario, documents: tuple[str, ...]
) -> DatasetTable:
    """The buy-back page's curve (every group at 0% to 150%, every 5%) with its units."""
    return DatasetTable(
        "scenario_curve",
        "Scenario curve",
        "Saving, traded income and redundancy cost with every group at the same buy-back, 0% to "
        "150% (the Buy-back what-if page's curve), with this scenario's assumptions.",
        curve_table(model.curve(scenario)),
        curve_table_units(),
        documents,
    )
