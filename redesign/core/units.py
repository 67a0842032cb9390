"""The unit of a table column, said explicitly: how a value is written on screen and in Excel.

Why: guessing a unit from a header went wrong ("Share of table %" holds 11.4, a percentage, but a
"share" was read as a fraction and shown as 1140.0%). A table that leaves the program (the Data and
sources page, the workbook, the briefing packs) declares each numeric column's unit instead, and the
on-screen text and the Excel number format both come from that one declaration, so they agree.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from redesign.core.formatting import (
    count,
    decimal,
    fte,
    money_m,
    pct,
    pounds,
    share,
    signed_fte,
    signed_money_m,
)

Formatter = Callable[[Any], str]


class Unit(StrEnum):
    TEXT = "text"
    MONEY_M = "£m"  # 0.14 -> £0.14m
    MONEY_M_CHANGE = "£m change"  # 0.11 -> +£0.11m
    POUNDS = "£"  # 50000 -> £50,000
    FTE = "FTE"  # 4.13 -> 4.13
    FTE_CHANGE = "FTE change"  # -22.83 -> −22.83
    COUNT = "count"  # 1208 -> 1,208
    PERCENT = "%"  # a value in per cent: 11.4 -> 11.4%
    FRACTION = "fraction"  # a value as a fraction of one: 0.114 -> 11.4%
    DECIMAL = "decimal"  # 23.05 -> 23.05
    BY_ROW = "by row"  # each row names its unit in the table's unit column


FORMATTERS: dict[Unit, Formatter] = {
    Unit.MONEY_M: money_m,
    Unit.MONEY_M_CHANGE: signed_money_m,
    Unit.POUNDS: pounds,
    Unit.FTE: fte,
    Unit.FTE_CHANGE: signed_fte,
    Unit.COUNT: count,
    Unit.PERCENT: pct,
    Unit.FRACTION: share,
    Unit.DECIMAL: decimal,
}

# Excel number formats that write what FORMATTERS write (the Unicode minus before the pound sign):
# the cell keeps the number, the format shows it in the house style.
EXCEL_FORMATS: dict[Unit, str] = {
    Unit.MONEY_M: '"£"0.00"m";"−£"0.00"m";"£"0.00"m"',
    Unit.MONEY_M_CHANGE: '"+£"0.00"m";"−£"0.00"m";"£"0.00"m"',
    Unit.POUNDS: '"£"#,##0;"−£"#,##0;"£"0',
    Unit.FTE: "0.00;−0.00;0.00",
    Unit.FTE_CHANGE: "+0.00;−0.00;0.00",
    Unit.COUNT: "#,##0;−#,##0;0",
    # A percentage held as 11.4: the sign is text, so Excel does not multiply by 100.
    Unit.PERCENT: '0.0"%";−0.0"%";0.0"%"',
    # A fraction held as 0.114: Excel's own percent format multiplies by 100.
    Unit.FRACTION: "0.0%;−0.0%;0.0%",
    Unit.DECIMAL: "#,##0.00;−#,##0.00;0.00",
}

# How rows name their unit (reconciliation, figure sources): the words -> the unit.
_ROW_UNITS = {
    "£m": Unit.MONEY_M,
    "fte": Unit.FTE,
    "%": Unit.PERCENT,
    "pct": Unit.PERCENT,
    "£": Unit.POUNDS,
    "£ a year": Unit.POUNDS,
    "£ a year per fte": Unit.POUNDS,
    "£ one-off per fte": Unit.POUNDS,
    "count": Unit.COUNT,
    "pupils": Unit.COUNT,
    "places": Unit.COUNT,
    "posts": Unit.COUNT,
    "people": Unit.COUNT,
}


def row_unit(words: object) -> Unit:
    """The unit a row names ("£m", "FTE", "pupils", "%"); DECIMAL for words it does not know."""
    return _ROW_UNITS.get(str(words or "").strip().lower(), Unit.DECIMAL)


def formatter(unit: Unit) -> Formatter | None:
    """The house formatter of a unit (None for text and for units given row by row)."""
    return FORMATTERS.get(unit)


def excel_format(unit: Unit) -> str | None:
    return EXCEL_FORMATS.get(unit)
