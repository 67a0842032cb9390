"""Named buy-back scenarios side by side (pure: no Streamlit).

Each row of the comparison is a typed record carrying its unit, so a table, a CSV or a briefing
pack writes every cell in its row's unit without reading the row's label.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from redesign.buyback import scenario_io as sio
from redesign.buyback import text as bt
from redesign.buyback.model import BuybackModel, Scenario, ScenarioResult
from redesign.core.units import Unit, formatter

OUTPUT_COLUMN = "Output"


@dataclass(frozen=True)
class ComparisonRow:
    """One output for every scenario compared, in the order of the scenarios."""

    label: str
    unit: Unit
    values: tuple[float | None, ...]

    def texts(self) -> tuple[str, ...]:
        write = formatter(self.unit)
        return tuple(write(v) if write else ("" if v is None else f"{v:g}") for v in self.values)


# The outputs compared, in order: label (with its unit, as the CSV's row names), unit, figure.
OUTPUTS: tuple[tuple[str, Unit, Callable[[ScenarioResult], float | None]], ...] = (
    ("FTE kept (at-risk posts)", Unit.FTE, lambda r: r.retained_fte),
    ("FTE redundant (at-risk posts)", Unit.FTE, lambda r: r.redundant_fte),
    ("Service FTE after", Unit.FTE, lambda r: r.service_fte_after),
    ("Traded income needed £m", Unit.MONEY_M, lambda r: r.traded_income_m),
    ("Traded share of service cost %", Unit.PERCENT, lambda r: r.traded_share_pct),
    ("Saving £m", Unit.MONEY_M, lambda r: r.saving_m),
    ("Change against the proposed saving £m", Unit.MONEY_M_CHANGE, lambda r: r.saving_change_m),
    ("One-off redundancy cost (at-risk posts) £m", Unit.MONEY_M, lambda r: r.redundancy_cost_m),
    ("Groups below minimum viable size", Unit.COUNT, lambda r: len(r.groups_below_min_viable)),
)


def level_rows(model: BuybackModel, scenarios: Sequence[Scenario]) -> tuple[ComparisonRow, ...]:
    """Each group's buy-back (%, to 0.1) in each scenario."""
    return tuple(
        ComparisonRow(
            f"Buy-back %, {bt.in_sentence(g.label)}",
            Unit.PERCENT,
            tuple(round(s.levels[g.id] * 100, 1) for s in scenarios),
        )
        for g in model.groups
    )


def output_rows(results: Sequence[ScenarioResult]) -> tuple[ComparisonRow, ...]:
    """The headline outputs of each result."""
    return tuple(
        ComparisonRow(label, unit, tuple(figure(r) for r in results))
        for label, unit, figure in OUTPUTS
    )


def comparison_rows(
    model: BuybackModel, saved: Sequence[tuple[str, Scenario]]
) -> tuple[ComparisonRow, ...]:
    """The comparison of the ``saved`` (name, scenario) pairs: levels first, then the outputs."""
    scenarios = [s for _, s in saved]
    return level_rows(model, scenarios) + output_rows([model.evaluate(s) for s in scenarios])


def numbers_frame(rows: Sequence[ComparisonRow], names: Sequence[str]) -> pd.DataFrame:
    """The rows as numbers (for the CSV): an "Output" column, then one column per scenario."""
    return pd.DataFrame(
        [{OUTPUT_COLUMN: row.label} | dict(zip(names, row.values, strict=True)) for row in rows],
        columns=[OUTPUT_COLUMN, *names],
    )


def display_frame(rows: Sequence[ComparisonRow], names: Sequence[str]) -> pd.DataFrame:
    """The rows as text, each cell in its row's unit (for the on-screen table)."""
    return pd.DataFrame(
        [{OUTPUT_COLUMN: row.label} | dict(zip(names, row.texts(), strict=True)) for row in rows],
        columns=[OUTPUT_COLUMN, *names],
    )


def comparison_name(name: str, taken: Sequence[str]) -> str:
    """The name a scenario is compared under: its own, or "Scenario <n>" for an unnamed one (n:
    its place in the comparison), made unique among ``taken``."""
    return unique_name(name or f"Scenario {len(taken) + 1}", taken)


def unique_name(name: str, taken: Sequence[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``… when a compared scenario already has it."""
    if name not in taken:
        return name
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"[: sio.MAX_NAME_CHARS + 5]
