"""The whole dataset as one Excel workbook (XlsxWriter), for data annexes and briefing packs.

Sheets: a cover (title, date generated, "Proposals, not decisions", the scenario with its reference
and link, sources, contents); with a scenario, its sheet and its curve's, and with compared
scenarios the comparison's, in the figures of the Buy-back what-if page; then one table per sheet
(``redesign.present.dataset_tables``) as a filterable Excel table with a frozen header and its
source line; and a notes sheet with each source document's title, the services' notes and the
glossary. Numbers stay numbers, shown in the Excel format of each column's declared unit."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import xlsxwriter

from redesign.buyback.model import BuybackModel
from redesign.buyback.text import levels_phrase
from redesign.core.glossary import GLOSSARY
from redesign.core.records import documents_of
from redesign.data.dataset import REPORT_DOCUMENT, Dataset
from redesign.data.need_map import EDITORIAL_DOCUMENT
from redesign.exports.pack.model import long_date
from redesign.exports.pack.request import PackRequest, clean_name, scenario_reference
from redesign.exports.workbook.sheets import Formats, sheet_name, write_table
from redesign.present.dataset_table import DatasetTable
from redesign.present.dataset_tables import dataset_tables
from redesign.present.scenarios import (
    comparison_table,
    curve_dataset_table,
    scenario_table,
    unique_names,
)

TITLE = "Redesign Explorer: Education Services redesign, the data"
COVER_CHARS = 100  # the cover's and the notes' text columns, in characters
NOTES_CHARS = 110
LINE_POINTS = 16  # a wrapped line's height at 12 pt


def wrapped(sheet: Any, row: int, text: str, fmt: Any, chars: int) -> None:
    """Text that wraps, always as text (a name a user typed is never read as a formula), in a
    row tall enough for it: not every spreadsheet program sizes a wrapped row itself."""
    sheet.write_string(row, 1, text, fmt)
    lines = sum(max(1, -(-len(part) // chars)) for part in text.split("\n"))
    if lines > 1:
        sheet.set_row(row, LINE_POINTS * lines)


PROPOSALS_NOTE = "Proposals, not decisions."


def scenario_tables(dataset: Dataset, request: PackRequest | None) -> list[DatasetTable]:
    """The scenario's, its curve's and the comparison's sheets (none without a scenario)."""
    if request is None or (request.scenario is None and not request.compared):
        return []
    model = BuybackModel(dataset)
    docs = (*(documents_of(dataset.sen_support) or (REPORT_DOCUMENT,)), EDITORIAL_DOCUMENT)
    tables = []
    if request.scenario is not None:
        tables += [
            scenario_table(model, request.scenario, docs),
            curve_dataset_table(model, request.scenario, docs),
        ]
    if request.compared:
        names = unique_names([clean_name(c.name) for c in request.compared])
        named = list(zip(names, (c.scenario for c in request.compared), strict=True))
        tables.append(comparison_table(model, named, docs))
    return tables


def workbook_bytes(
    dataset: Dataset, generated: date | None = None, *, request: PackRequest | None = None
) -> bytes:
    """The workbook as bytes, ready for a download button or a file."""
    generated = generated or (request.generated_on if request is not None else date.today())
    tables = scenario_tables(dataset, request) + dataset_tables(dataset)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "nan_inf_to_errors": True})
    book.set_properties(
        {
            "title": TITLE,
            "subject": "Education Services redesign: proposals, not decisions",
            "comments": f"Generated {long_date(generated)} by Redesign Explorer",
            # A fixed creation time: the same request makes the same file (the date is on the
            # cover sheet).
            "created": _midnight(generated),
        }
    )
    title_fmt = book.add_format({"bold": True, "font_size": 16})
    bold = book.add_format({"bold": True, "font_size": 12})
    wrap = book.add_format({"text_wrap": True, "valign": "top", "font_size": 12})
    text = book.add_format({"font_size": 12})
    used: set[str] = set()

    cover = book.add_worksheet(sheet_name("Cover", used))
    cover.set_column(0, 0, 34)
    cover.set_column(1, 1, COVER_CHARS)
    cover.set_landscape()
    cover.fit_to_pages(1, 0)
    row = 0
    cover.write(row, 0, TITLE, title_fmt)
    row += 2
    cover.write(row, 0, "Status", bold)
    cover.write(row, 1, PROPOSALS_NOTE, bold)
    row += 1
    cover.write(row, 0, "Date generated", bold)
    cover.write(row, 1, long_date(generated), text)
    row += 1
    if request is not None and request.scenario is not None:
        model = BuybackModel(dataset)
        name = clean_name(request.scenario.name)
        phrase = levels_phrase(model.evaluate(request.scenario))
        cover.write(row, 0, "Buy-back scenario", bold)
        # write_string: a name a user typed is never read as a formula.
        wrapped(cover, row, (f"“{name}”: " if name else "") + phrase, wrap, COVER_CHARS)
        row += 1
        cover.write(row, 0, "Scenario reference", bold)
        cover.write(row, 1, scenario_reference(model, request.scenario), text)
        row += 1
        if request.link:
            cover.write(row, 0, "Scenario link", bold)
            wrapped(cover, row, clean_name(request.link), wrap, COVER_CHARS)
            row += 1
    cover.write(row, 0, "Units", bold)
    wrapped(
        cover,
        row,
        "Money in £ million (£m) with two decimals, as the cabinet report writes it; staff in "
        "full-time equivalent (FTE) with two decimals; headcount in people; percentages as "
        "percentages (11.4 is 11.4%).",
        wrap,
        COVER_CHARS,
    )
    row += 2
    cover.write(row, 0, "Sources", bold)
    for doc in dataset.documents.values():
        wrapped(
            cover, row, f"{doc.title} ({doc.date})" if doc.date else doc.title, wrap, COVER_CHARS
        )
        row += 1
    row += 1
    cover.write(row, 0, "Sheets", bold)
    names = {}
    for table in tables:
        names[table.key] = sheet_name(table.title, used)
        wrapped(cover, row, f"{names[table.key]}: {table.description}", wrap, COVER_CHARS)
        row += 1
    notes_name = sheet_name("Notes", used)
    wrapped(
        cover,
        row,
        f"{notes_name}: the source documents, notes on services, glossary",
        wrap,
        COVER_CHARS,
    )

    formats = Formats(book)
    for table in tables:
        source = "; ".join(dataset.document_title(d) for d in table.documents)
        write_table(book, names[table.key], table, formats, source)

    notes = book.add_worksheet(notes_name)
    notes.set_column(0, 0, 40)
    notes.set_column(1, 1, NOTES_CHARS)
    notes.set_landscape()
    notes.fit_to_pages(1, 0)
    row = 0
    notes.write(row, 0, "Source documents", title_fmt)
    row += 1
    for doc in dataset.documents.values():
        notes.write(row, 0, doc.short, bold)
        wrapped(notes, row, f"{doc.title}. {doc.date}".strip(), wrap, NOTES_CHARS)
        row += 1
    row += 1
    notes.write(row, 0, "Notes on services", title_fmt)
    row += 1
    for service in dataset.services:
        for note in service.notes:
            notes.write(row, 0, service.name, bold)
            quote = f' Source: "{note.quote}"' if note.quote else ""
            wrapped(notes, row, note.text + quote, wrap, NOTES_CHARS)
            row += 1
    row += 1
    notes.write(row, 0, "Glossary", title_fmt)
    row += 1
    for term, meaning in GLOSSARY:
        notes.write(row, 0, term, bold)
        wrapped(notes, row, meaning, wrap, NOTES_CHARS)
        row += 1
    row += 1
    notes.write(row, 0, PROPOSALS_NOTE, bold)
    book.close()
    return buffer.getvalue()


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)
