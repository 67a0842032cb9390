"""One table on one sheet: its description and source line above a filterable Excel table, each
number kept a number in the Excel format of its declared unit (so the value and what Excel shows
agree: a percentage held as 11.4 is shown 11.4%, a fraction held as 0.114 is shown 11.4%)."""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd
import xlsxwriter

from redesign.core.units import Unit, excel_format
from redesign.present.dataset_table import DatasetTable

MAX_SHEET_NAME = 31
MAX_COLUMN_WIDTH = 60
HEADER_ROW = 3  # description, source line, a blank row, then the table


def sheet_name(title: str, used: set[str]) -> str:
    """A valid, unique Excel sheet name: no []:*?/\\ characters, at most 31 characters."""
    name = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:MAX_SHEET_NAME] or "Sheet"
    base, i = name, 2
    while name.lower() in {u.lower() for u in used}:
        suffix = f" ({i})"
        name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        i += 1
    used.add(name)
    return name


def cell_value(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


class Formats:
    """One XlsxWriter format per unit, made once per workbook."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self._made: dict[Unit, Any] = {}
        self.italic = book.add_format({"italic": True, "font_size": 12})
        self.source = book.add_format({"font_size": 11, "font_color": "#595959"})

    def of(self, unit: Unit) -> Any:
        number = excel_format(unit)
        if number is None:
            return None
        if unit not in self._made:
            self._made[unit] = self.book.add_format({"num_format": number})
        return self._made[unit]


def write_table(
    book: xlsxwriter.Workbook, name: str, table: DatasetTable, formats: Formats, source: str
) -> None:
    sheet = book.add_worksheet(name)
    frame = table.frame
    sheet.write(0, 0, table.description, formats.italic)
    sheet.write(1, 0, f"Source: {source}", formats.source)
    columns = [str(c) for c in frame.columns]
    rows = [[cell_value(v) for v in record] for record in frame.itertuples(index=False, name=None)]
    if not columns:
        return
    column_formats = [formats.of(table.unit(c)) for c in columns]
    last_row = HEADER_ROW + max(len(rows), 1)
    sheet.add_table(
        HEADER_ROW,
        0,
        last_row,
        len(columns) - 1,
        {
            "name": re.sub(r"\W", "_", f"t_{table.key}")[:250],
            "style": "Table Style Light 9",
            "columns": [
                {"header": c, **({"format": f} if f is not None else {})}
                for c, f in zip(columns, column_formats, strict=True)
            ],
            "data": rows or [[None] * len(columns)],
        },
    )
    # Columns whose unit changes row by row: each number written again in its row's format.
    for c, column in enumerate(columns):
        if table.units.get(column) is not Unit.BY_ROW:
            continue
        for r, row in enumerate(rows):
            value = row[c]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(HEADER_ROW + 1 + r, c, value, formats.of(table.unit(column, r)))
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    # Printed, a sheet is as wide as an A4 landscape page (as many pages long as it needs).
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(HEADER_ROW)
    for i, column in enumerate(columns):
        longest = max([len(column)] + [len(str(r[i])) for r in rows if r[i] is not None])
        sheet.set_column(i, i, min(max(10, longest + 2), MAX_COLUMN_WIDTH))
