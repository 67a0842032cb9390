"""The whole dataset as one Excel workbook (redesign.exports.workbook)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

from redesign.exports.workbook import long_date, sheet_name, workbook_bytes


def _sheets(book: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        return re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())


def _strings(book: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        return z.read("xl/sharedStrings.xml").decode()


def test_workbook_opens_with_every_sheet(dataset):
    book = workbook_bytes(dataset, date(2016, 11, 23))
    assert book[:2] == b"PK"
    sheets = _sheets(book)
    assert sheets[0] == "Cover"
    assert sheets[-1] == "Notes"
    for name in (
        "Services",
        "Savings by stream",
        "Staffing",
        "Reconciliation",
        "Figure sources",
        "Categories",
    ):
        assert name in sheets
    assert all(len(s) <= 31 for s in sheets)


def test_cover_and_notes_content(dataset):
    strings = _strings(workbook_bytes(dataset, date(2016, 11, 23)))
    assert "Proposals, not decisions." in strings
    assert "23 November 2016" in strings
    for doc in dataset.documents.values():
        assert doc.title.replace("&", "&amp;") in strings  # each document's title
    assert "Dedicated Schools Grant" in strings  # the glossary
    assert "Further detailed work is required to clarify these savings." in strings


def test_tables_are_excel_tables_with_house_formats(dataset):
    book = workbook_bytes(dataset)
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        tables = [n for n in z.namelist() if n.startswith("xl/tables/")]
        styles = z.read("xl/styles.xml").decode()
    assert len(tables) >= 6
    assert "&quot;£&quot;0.00&quot;m&quot;" in styles  # £m with two decimals


def test_sheet_names_are_valid_and_unique():
    used: set[str] = set()
    assert sheet_name("a/b:c?", used) == "a b c"
    assert sheet_name("x" * 40, used) == "x" * 31
    assert sheet_name("x" * 40, used) == "x" * 27 + " (2)"


def test_long_date():
    assert long_date(date(2016, 11, 3)) == "3 November 2016"


def test_every_part_is_well_formed_xml(dataset):
    from xml.etree import ElementTree

    with zipfile.ZipFile(io.BytesIO(workbook_bytes(dataset))) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(z.read(name))
