"""Whole tables formatted in the house style: by each column's declared unit (``redesign.core.units``)
or, for the pages' own short tables, by the unit its header names."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from redesign.core.formatting import (
    MINUS,
    _number,
    count,
    fte,
    money_m,
    pct,
    share,
    signed_money_m,
    yes_no,
)
from redesign.core.units import Unit, formatter, row_unit

# --- whole tables --------------------------------------------------------------------------------

Formatter = Callable[[Any], str]


def column_formatter(column: str) -> Formatter | None:
    """The house formatter a column's header implies (unit in the header), or None for text."""
    name = column.lower()
    if "£m" in name:
        if "change" in name or name.startswith("step"):
            return signed_money_m
        return money_m
    # A "%" in the header means the values are per cent (11.4), whatever else it says; a share
    # without one is a fraction (0.114).
    if name.endswith("%") or " % " in name or "(%)" in name:
        return pct
    if "share" in name:
        return share
    if "fte" in name:
        return fte
    if any(word in name for word in ("headcount", "posts", "casual", "number of", "count")):
        return count
    return None


def format_frame(
    frame: pd.DataFrame,
    formatters: Mapping[str, Formatter] | None = None,
    missing: str = "—",
) -> pd.DataFrame:
    """Every cell as display text: £m, FTE, counts and percentages by column header.

    ``formatters`` overrides the header rule per column. Missing values become ``missing``. The
    result is for display only (CSV downloads keep the numbers).
    """
    formatters = dict(formatters or {})
    out = pd.DataFrame(index=frame.index)
    texts: list[tuple[Any, list[str]]] = []
    for column in frame.columns:
        series = frame[column]
        fmt = formatters.get(column) or column_formatter(str(column))
        if pd.api.types.is_bool_dtype(series):
            texts.append((column, [yes_no(v, missing) for v in series]))
            continue
        texts.append((column, [format_cell(v, fmt, missing) for v in series]))
    if texts and frame.columns.is_unique:
        # One frame from all the columns: adding them one at a time (below) costs several times
        # as much in pandas 3. The columns, their order and dtypes are the same.
        return pd.DataFrame(dict(texts), index=frame.index, columns=[c for c, _v in texts])
    for column, values in texts:
        out[column] = values
    return out


def format_cell(value: Any, fmt: Formatter | None, missing: str = "—") -> str:
    """One table cell as display text, by its column's formatter (``format_frame``'s rule)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return missing
    if isinstance(value, bool):
        return yes_no(value)
    if fmt is not None and _number(value) is not None:
        return fmt(value)
    return str(value)


def format_records(
    records: Sequence[Mapping[str, Any]],
    formatters: Mapping[str, Formatter] | None = None,
    missing: str = "—",
) -> dict[str, list[str]]:
    """``format_frame`` for a short table given as rows (dicts with the same keys, in order),
    without building a DataFrame: column -> its cells as display text. For tables redrawn on
    every key press, where pandas' own overhead is most of the cost."""
    formatters = dict(formatters or {})
    columns = list(records[0]) if records else []
    out: dict[str, list[str]] = {}
    for column in columns:
        fmt = formatters.get(column) or column_formatter(column)
        out[column] = [format_cell(row[column], fmt, missing) for row in records]
    return out


def format_with_unit(x: Any, unit: str, missing: str = "—") -> str:
    """A value in a table whose unit is given per row ("£m", "FTE", "%", counts)."""
    if _number(x) is None:
        return missing
    unit = (unit or "").strip()
    if unit == "£m":
        return money_m(x)
    if unit == "FTE":
        return fte(x)
    if unit in ("%", "pct"):
        return pct(x, 0 if float(x).is_integer() else 1)
    value = float(x)
    if value.is_integer():
        return count(value)
    return f"{value:,.2f}".replace("-", MINUS)


def format_frame_by_unit(
    frame: pd.DataFrame, columns: list[str], unit_column: str, missing: str = "—"
) -> pd.DataFrame:
    """``format_frame``, except that ``columns`` are formatted row by row by ``unit_column``."""
    out = format_frame(frame.drop(columns=columns), missing=missing)
    for column in columns:
        out[column] = [
            format_with_unit(v, u, missing)
            for v, u in zip(frame[column], frame[unit_column], strict=True)
        ]
    return out[list(frame.columns)]


def unit_formatters(units: Mapping[str, Unit]) -> dict[str, Formatter]:
    """Each column's formatter from its declared unit (text columns write their text as it is)."""
    out: dict[str, Formatter] = {}
    for column, unit in units.items():
        fmt = formatter(unit)
        out[column] = fmt if fmt is not None else str
    return out


def format_declared(
    frame: pd.DataFrame,
    units: Mapping[str, Unit],
    unit_column: str = "",
    missing: str = "—",
) -> pd.DataFrame:
    """``frame`` as display text by its declared units: nothing is guessed from a header. Columns
    of unit BY_ROW are written row by row in the unit ``unit_column`` names."""
    by_row = [c for c, u in units.items() if u is Unit.BY_ROW and c in frame.columns]
    fixed = {c: f for c, f in unit_formatters(units).items() if c not in by_row}
    for column in frame.columns:
        fixed.setdefault(column, str)
    out = format_frame(frame.drop(columns=by_row), fixed, missing=missing)
    for column in by_row:
        out[column] = [
            format_cell(v, formatter(row_unit(u)), missing)
            for v, u in zip(frame[column], frame[unit_column], strict=True)
        ]
    return out[list(frame.columns)]
