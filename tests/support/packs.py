"""Readers for the exported files, shared by the export tests: a deck's slides, a PDF's pages, a
workbook's sheets (openpyxl), as a reader would see them."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

DAY = date(2026, 11, 23)
DAY_TEXT = "23 November 2026"
CONTINUED = " (continued)"


def deck(data: bytes):
    return Presentation(io.BytesIO(data))


def base_title(title: str) -> str:
    return title.removesuffix(CONTINUED)


def titles(prs) -> list[str]:
    return [s.shapes.title.text for s in prs.slides]


def slides_titled(prs, title: str) -> list:
    return [s for s in prs.slides if base_title(s.shapes.title.text) == title]


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(parts)


def deck_text(prs) -> str:
    return "\n".join(slide_text(s) for s in prs.slides)


def notes_text(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def table_rows(prs, title: str) -> list[list[str]]:
    """Every body row of the tables on the slides with this title (header rows dropped)."""
    rows = []
    for slide in slides_titled(prs, title):
        for shape in slide.shapes:
            if shape.has_table:
                cells = [[c.text for c in row.cells] for row in shape.table.rows]
                rows += cells[1:]
    return rows


def table_header(prs, title: str) -> list[str]:
    for slide in slides_titled(prs, title):
        for shape in slide.shapes:
            if shape.has_table:
                return [c.text for c in shape.table.rows[0].cells]
    return []


def charts(prs, title: str) -> list:
    return [
        shape for slide in slides_titled(prs, title) for shape in slide.shapes if shape.has_chart
    ]


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def sheet_table(book, name: str) -> tuple[list[str], list[list[object]], list[list[str]]]:
    """(header, values, number formats) of the Excel table on a sheet (its first table)."""
    sheet = book[name]
    (table,) = sheet.tables.values()
    cells = sheet[table.ref]
    header = [str(c.value) for c in cells[0]]
    values = [[c.value for c in row] for row in cells[1:]]
    formats = [[c.number_format for c in row] for row in cells[1:]]
    return header, values, formats


def excel_shows(value: float, number_format: str) -> str:
    """What Excel shows for a number in one of the house formats (the positive section)."""
    section = number_format.split(";")[0]
    scaled = value * 100 if section.endswith("%") and not section.endswith('"%"') else value
    decimals = len(section.split(".")[1].split('"')[0].rstrip("%")) if "." in section else 0
    text = f"{scaled:,.{decimals}f}" if "," in section else f"{scaled:.{decimals}f}"
    prefix = section.split("0")[0].replace('"', "").replace("#", "").replace(",", "")
    suffix = section.rsplit("0", 1)[-1].replace('"', "")
    return f"{prefix}{text}{suffix}"


def footer_text(slide) -> str:
    return next(s.text_frame.text for s in slide.shapes if s.name == "Footer")
