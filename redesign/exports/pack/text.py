"""Small writers shared by the pack's sections: figures with their units, assumptions, tables."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from redesign.core.formatting import fte, money_m, pct, signed_fte, signed_money_m
from redesign.core.table_format import format_with_unit
from redesign.core.units import Unit
from redesign.data.assumptions import Assumption
from redesign.exports.pack.model import Table


def value_with_unit(value: float | None, unit: str) -> str:
    """A reconciliation figure with its unit: "£0.14m", "3.12 FTE", "3,808 pupils"."""
    if value is None:
        return "not stated"
    if unit == "£m":
        return money_m(value)
    if unit == "FTE":
        return f"{fte(value)} FTE"
    return f"{format_with_unit(value, unit)} {unit}".strip()


def difference_with_unit(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "£m":
        return signed_money_m(value)
    if unit == "FTE":
        return f"{signed_fte(value)} FTE"
    text = format_with_unit(abs(value), unit)
    sign = "" if round(value, 6) == 0 else ("+" if value > 0 else "\u2212")
    return f"{sign}{text} {unit}".strip()


def assumption_value(spec: Assumption, value: float) -> str:
    """An assumption in its unit: "£50,000 a year per FTE", "115%", "3.00 FTE"."""
    if spec.unit == "gbp_per_fte":
        return f"£{value:,.0f} a year per FTE"
    if spec.unit == "gbp":
        return f"£{value:,.0f} a year"
    if spec.unit == "gbp_one_off":
        return f"£{value:,.0f} one-off per FTE"
    if spec.unit == "pct":
        return pct(value, 0 if float(value).is_integer() else 1)
    if spec.unit == "fte":
        return f"{fte(value)} FTE"
    return f"{value:g}"


NUMERIC_UNITS = frozenset(u for u in Unit if u is not Unit.TEXT)


def frame_table(
    text: pd.DataFrame,
    units: dict[str, Unit],
    widths: Sequence[float],
    *,
    total_rows: int = 0,
    notes: Sequence[str] = (),
    heading: str = "",
) -> Table:
    """A pack table from a frame already written as text (``DatasetTable.display``): the
    columns with a numeric unit are right-aligned."""
    columns = tuple(str(c) for c in text.columns)
    return Table(
        columns,
        tuple(tuple(str(v) for v in row) for row in text.itertuples(index=False, name=None)),
        tuple(units.get(c, Unit.TEXT) in NUMERIC_UNITS for c in columns),
        tuple(widths),
        total_rows=total_rows,
        notes=tuple(notes),
        heading=heading,
    )
