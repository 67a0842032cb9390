"""The whole dataset as one Excel workbook (XlsxWriter), for data annexes.

Sheets: a cover (title, date generated, "Proposals, not decisions", sources, contents), one table per
sheet (``redesign.present.dataset_tables``) as a filterable Excel table with a frozen header, and a notes
sheet with each source document's title, the services' notes and the glossary. Numbers stay numbers,
shown in the house formats (£m with two decimals, FTE with two decimals).
"""

from __future__ import annotations

import io
import math
import re
from datetime import date

import pandas as pd
import xlsxwriter

from redesign.core.formatting import count, fte, money_m, pct, share
from redesign.core.glossary import GLOSSARY
from redesign.core.table_format import column_formatter
from redesign.data.dataset import Dataset
from redesign.present.dataset_tables import dataset_tables
from redesign.present.tables import DatasetTable

TITLE = "Redesign Explorer: Education Services redesign, the data"
PROPOSALS_NOTE = "Proposals, not decisions."
MAX_SHEET_NAME = 31
MAX_COLUMN_WIDTH = 60

# Excel number formats matching redesign.core.formatting (Unicode minus before the pound sign).
EXCEL_FORMATS = {
    money_m: '"£"0.00"m";"−£"0.00"m";"£"0.00"m"',
    fte: "0.00;−0.00;0.00",
    count: "#,##0;−#,##0;0",
    pct: '0.0"%";−0.0"%";0.0"%"',
    share: "0.0%;−0.0%;0.0%",
}


def long_date(day: date) -> str:
    """23 November 2016 (GOV.UK style)."""
    return f"{day.day} {day:%B %Y}"


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


def _cell(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def workbook_bytes(dataset: Dataset, generated: date | None = None) -> bytes:
    """The workbook as bytes, ready for a download button or a file."""
    generated = generated or date.today()
    tables = dataset_tables(dataset)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "nan_inf_to_errors": True})
    book.set_properties(
        {
            "title": TITLE,
            "subject": "Education Services redesign: proposals, not decisions",
            "comments": f"Generated {long_date(generated)} by Redesign Explorer",
        }
    )
    title_fmt = book.add_format({"bold": True, "font_size": 16})
    bold = book.add_format({"bold": True, "font_size": 12})
    wrap = book.add_format({"text_wrap": True, "valign": "top", "font_size": 12})
    text = book.add_format({"font_size": 12})
    used: set[str] = set()

    cover = book.add_worksheet(sheet_name("Cover", used))
    cover.set_column(0, 0, 34)
    cover.set_column(1, 1, 100)
    row = 0
    cover.write(row, 0, TITLE, title_fmt)
    row += 2
    cover.write(row, 0, "Status", bold)
    cover.write(row, 1, PROPOSALS_NOTE, bold)
    row += 1
    cover.write(row, 0, "Date generated", bold)
    cover.write(row, 1, long_date(generated), text)
    row += 1
    cover.write(row, 0, "Units", bold)
    cover.write(
        row,
        1,
        "Money in £ million (£m) with two decimals, as the cabinet report writes it; staff in "
        "full-time equivalent (FTE) with two decimals; headcount in people.",
        wrap,
    )
    row += 2
    cover.write(row, 0, "Sources", bold)
    for doc in dataset.documents.values():
        cover.write(row, 1, f"{doc.title} ({doc.date})" if doc.date else doc.title, wrap)
        row += 1
    row += 1
    cover.write(row, 0, "Sheets", bold)
    names = {}
    for table in tables:
        names[table.key] = sheet_name(table.title, used)
        cover.write(row, 1, f"{names[table.key]}: {table.description}", wrap)
        row += 1
    notes_name = sheet_name("Notes", used)
    cover.write(row, 1, f"{notes_name}: the source documents, notes on services, glossary", wrap)

    for table in tables:
        _write_table(book, names[table.key], table)

    notes = book.add_worksheet(notes_name)
    notes.set_column(0, 0, 40)
    notes.set_column(1, 1, 110)
    row = 0
    notes.write(row, 0, "Source documents", title_fmt)
    row += 1
    for doc in dataset.documents.values():
        notes.write(row, 0, doc.short, bold)
        notes.write(row, 1, f"{doc.title}. {doc.date}".strip(), wrap)
        row += 1
    row += 1
    notes.write(row, 0, "Notes on services", title_fmt)
    row += 1
    for service in dataset.services:
        for note in service.notes:
            notes.write(row, 0, service.name, bold)
            quote = f' Source: "{note.quote}"' if note.quote else ""
            notes.write(row, 1, note.text + quote, wrap)
            row += 1
    row += 1
    notes.write(row, 0, "Glossary", title_fmt)
    row += 1
    for term, meaning in GLOSSARY:
        notes.write(row, 0, term, bold)
        notes.write(row, 1, meaning, wrap)
        row += 1
    row += 1
    notes.write(row, 0, PROPOSALS_NOTE, bold)
    book.close()
    return buffer.getvalue()


def _write_table(book: xlsxwriter.Workbook, name: str, table: DatasetTable) -> None:
    sheet = book.add_worksheet(name)
    frame = table.frame
    sheet.write(0, 0, table.description, book.add_format({"italic": True, "font_size": 12}))
    columns = [str(c) for c in frame.columns]
    header_row = 2
    rows = [[_cell(v) for v in record] for record in frame.itertuples(index=False, name=None)]
    formats = []
    for column in columns:
        fmt = column_formatter(column)
        formats.append(book.add_format({"num_format": EXCEL_FORMATS[fmt]}) if fmt else None)
    if columns:
        last_row = header_row + max(len(rows), 1)
        sheet.add_table(
            header_row,
            0,
            last_row,
            len(columns) - 1,
            {
                "name": re.sub(r"\W", "_", f"t_{table.key}")[:250],
                "style": "Table Style Light 9",
                "columns": [
                    {"header": c, **({"format": f} if f is not None else {})}
                    for c, f in zip(columns, formats, strict=True)
                ],
                "data": rows or [[None] * len(columns)],
            },
        )
        sheet.freeze_panes(header_row + 1, 0)
    for i, column in enumerate(columns):
        longest = max([len(column)] + [len(str(r[i])) for r in rows if r[i] is not None])
        sheet.set_column(i, i, min(max(10, longest + 2), MAX_COLUMN_WIDTH))
