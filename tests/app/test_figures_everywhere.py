"""Every table and every export held to the package's figures (issue 17, "wrong figures").

Each percentage column is checked against the value it is computed from, and each table's source
line against the documents of the records it is made from: on the Data and sources page (AppTest),
in the CSV, in the workbook (openpyxl: the number and the format Excel shows it in), in the PDF
(pypdf text) and in the PowerPoint (python-pptx). The shares were shown 100 times too large, the SEN
tables' sources were the cabinet report's, the derived group's FTE was blank, and raw ids and units
were column headers: each of those would fail here.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from redesign.buyback.model import BuybackModel
from redesign.core.formatting import count, fte, pct
from redesign.core.records import documents_of
from redesign.core.units import Unit
from redesign.exports.briefing import PackRequest, briefing_pdf, briefing_pptx, briefing_xlsx
from redesign.present.dataset_tables import dataset_tables
from redesign.sen.placements import placements_summary
from tests.app.test_pages_apptest import APP, TIMEOUT, plain
from tests.support.packs import (
    DAY,
    deck,
    excel_shows,
    flat,
    footer_text,
    notes_text,
    pdf_pages,
    sheet_table,
    table_rows,
    workbook,
)
from tests.support.tables import open_data_tables
from ui.blocks import csv_bytes

PERCENT_TABLES = (
    "sen_categories_of_need",
    "sen_school_action",
    "sen_special_schools",
    "sen_placements",
)


@pytest.fixture(scope="module")
def tables(dataset):
    return {t.key: t for t in dataset_tables(dataset)}


def expected_percentages(dataset) -> dict[tuple[str, str], list[float]]:
    """Each percentage column, computed here from the figures it is made of (not read back)."""
    sen = dataset.sen
    totals = [r.total.value for r in sen.categories.rows]
    placed = placements_summary(sen)
    return {
        ("sen_categories_of_need", "Share of table %"): [
            round(100 * t / sum(totals), 1) for t in totals
        ],
        ("sen_special_schools", "Occupancy %"): [
            round(100 * r.pupils.value / r.places.value, 1) for r in sen.special_schools.rows
        ],
        ("sen_placements", "Share of placements %"): [
            round(100 * t.pupils.value / placed.total, 1) for t in sen.placements.types
        ],
        ("sen_school_action", "Share of roll % (published)"): [
            sen.school_action.share_of_roll_pct.value,
            sen.school_action_plus.share_of_roll_pct.value,
        ],
    }


# --- the tables' own figures ---------------------------------------------------------------------


def test_every_numeric_column_declares_its_unit_and_no_header_is_a_code(tables):
    for table in tables.values():
        frame = table.frame
        for column in frame.columns:
            numeric = pd.api.types.is_numeric_dtype(frame[column])
            if numeric and not pd.api.types.is_bool_dtype(frame[column]):
                assert column in table.units, (table.key, column)
            assert not re.search(r"_id$|^id$|^gbp|_fte$|_pct$", str(column)), (table.key, column)


def test_each_percentage_column_equals_what_it_is_computed_from(dataset, tables):
    for (key, column), values in expected_percentages(dataset).items():
        table = tables[key]
        assert table.units[column] is Unit.PERCENT
        assert list(table.frame[column]) == pytest.approx(values, abs=0.05), (key, column)
        shown = list(table.display()[column])
        assert shown == [pct(v) for v in values], (key, column)
        if column.startswith("Share"):  # a share of a whole: never 1140.0%
            assert all(float(s.rstrip("%")) <= 100 for s in shown)


def test_each_table_names_the_documents_of_its_records(dataset, tables):
    sen, detail = dataset.sen, dataset.sen_support
    expected = {
        "sen_categories_of_need": documents_of(sen.categories),
        "sen_school_action": documents_of(sen.school_action, sen.school_action_plus),
        "sen_special_schools": documents_of(sen.special_schools),
        "sen_placements": documents_of(sen.placements),
        "sen_statements": documents_of(sen.statements),
        "sen_actions": (sen.document,),
        "services": documents_of(dataset.services),
        "sen_support_at_risk": documents_of(detail.groups),
        "assumptions": ("tool_editorial",),
    }
    for key, docs in expected.items():
        assert tables[key].documents == docs, key
    for table in tables.values():
        if table.key.startswith("sen_") and not table.key.startswith("sen_support"):
            assert "foi_sen" in table.documents, table.key  # never the cabinet report alone


def test_the_derived_group_has_its_fte_labelled_derived(dataset, tables):
    frame = tables["sen_support_at_risk"].frame
    model = BuybackModel(dataset)
    derived = frame[frame["Basis"].str.startswith("derived")]
    assert len(derived) == 1
    assert derived["FTE at risk"].iloc[0] == pytest.approx(model.at_risk_fte["behaviour_and_other"])
    assert frame["FTE at risk"].sum() == pytest.approx(model.pool_fte)
    assert fte(model.at_risk_fte["behaviour_and_other"]) in list(
        tables["sen_support_at_risk"].display()["FTE at risk"]
    )


def test_assumptions_are_written_in_their_units(tables):
    shown = tables["assumptions"].display()
    first = shown.iloc[0]
    assert first["Unit"] == "£ a year per FTE"
    assert first["Default"] == "£50,000" and "50000.0" not in shown.to_string()
    charge = shown[shown["Assumption"].str.startswith("Traded charge")].iloc[0]
    assert charge["Default"] == pct(115)


# --- the page and the CSV ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data_page():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT * 3)
    at.run()
    at.switch_page("pages/data_sources.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    # Its tables are drawn once their "Show data table" is opened.
    at = open_data_tables(at)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _in_order(node: object) -> list[object]:
    """The elements under ``node``, in page order, with an expander's own inside it."""
    children = getattr(node, "children", None)
    if not isinstance(children, dict):
        return [node]
    return [el for child in children.values() for el in _in_order(child)]


def page_blocks(at: AppTest) -> dict[str, tuple[pd.DataFrame, str]]:
    """Each "### title" block of the page: its table as shown (a wide one's parts joined, the
    repeated first column dropped) and its source caption."""
    out: dict[str, tuple[pd.DataFrame, str]] = {}
    title, parts = "", []
    for el in _in_order(at.main):
        kind = type(el).__name__
        if kind == "Markdown" and str(el.value).startswith("### "):
            title, parts = plain(str(el.value)[4:]), []
        elif kind in ("Table", "Dataframe"):
            parts.append(el.value)
        elif kind == "Caption" and title and parts and plain(str(el.value)).startswith("Source"):
            shown = pd.concat([parts[0], *(p.iloc[:, 1:] for p in parts[1:])], axis=1)
            out[title] = (shown, plain(str(el.value)))
            title = ""
    return out


def test_the_page_shows_the_percentages_and_the_sources(data_page, dataset, tables):
    blocks = page_blocks(data_page)
    for (key, column), values in expected_percentages(dataset).items():
        shown, source = blocks[tables[key].title]
        header = [plain(str(c)) for c in shown.columns]
        cells = [plain(str(v)) for v in shown.iloc[:, header.index(column)]]
        assert cells == [pct(v) for v in values], (key, cells)
    for table in tables.values():
        if table.title not in blocks:
            continue  # shown in its own section with its own source (reconciliation, quotes)
        _shown, source = blocks[table.title]
        names = [dataset.document_title(d) for d in table.documents]
        assert source == "Source: " + "; ".join(names), table.key


def test_no_code_is_a_column_header_on_the_page(data_page, tables):
    blocks = page_blocks(data_page)
    # Every table is read (a block the walk missed would pass unseen).
    assert len(blocks) >= len(tables) - 2, sorted(blocks)
    for shown, _source in blocks.values():
        for column in shown.columns:
            assert not re.search(r"_id$|^id$|^gbp|_fte$", plain(str(column))), column


def test_the_csv_keeps_percentages_as_numbers(dataset, tables):
    for (key, column), values in expected_percentages(dataset).items():
        read = pd.read_csv(io.BytesIO(csv_bytes(tables[key].frame)), encoding="utf-8-sig")
        assert list(read[column]) == pytest.approx(values, abs=0.05), key


# --- the exports ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book(dataset):
    return workbook(briefing_xlsx(dataset, PackRequest(generated_on=DAY)))


def test_the_workbook_value_and_format_agree(book, dataset, tables):
    for (key, column), values in expected_percentages(dataset).items():
        header, rows, formats = sheet_table(book, tables[key].title)
        i = header.index(column)
        got = [r[i] for r in rows]
        assert got == pytest.approx(values, abs=0.05), key
        assert [excel_shows(v, f[i]) for v, f in zip(got, formats, strict=True)] == [
            pct(v) for v in values
        ]


def test_the_workbook_gives_each_table_its_source(book, dataset, tables):
    for table in tables.values():
        sheet = book[table.title[:31]]
        names = "; ".join(dataset.document_title(d) for d in table.documents)
        assert sheet["A2"].value == f"Source: {names}", table.key


def test_the_workbook_writes_assumptions_and_the_derived_fte(book, dataset, tables):
    header, rows, formats = sheet_table(book, "Assumptions")
    i = header.index("Default")
    assert excel_shows(rows[0][i], formats[0][i]) == "£50,000"
    header, rows, formats = sheet_table(book, "SEN Support at-risk groups")
    i = header.index("FTE at risk")
    assert all(r[i] is not None for r in rows)  # the derived group's FTE is there, a number
    model = BuybackModel(dataset)
    assert sum(r[i] for r in rows) == pytest.approx(model.pool_fte)


@pytest.fixture(scope="module")
def sen_request():
    return PackRequest(page="sen_needs", generated_on=DAY)


def test_the_sen_pack_pdf_shows_the_percentages_and_sources(dataset, tables, sen_request):
    text = flat("\n".join(pdf_pages(briefing_pdf(dataset, sen_request))))
    for (key, _column), values in expected_percentages(dataset).items():
        for value in values:
            assert pct(value) in text, (key, value)
        names = "; ".join(dataset.document_title(d) for d in tables[key].documents)
        assert f"Source: {names}." in text
    assert "1140.0%" not in text and "3170.0%" not in text


def test_the_sen_pack_deck_shows_the_percentages_and_sources(dataset, tables, sen_request):
    prs = deck(briefing_pptx(dataset, sen_request))
    for (key, column), values in expected_percentages(dataset).items():
        table = tables[key]
        # A wide table goes over slides in parts ("... (columns 1 to 8 of 10)"), rows repeated.
        slides = [s for s in prs.slides if s.shapes.title.text.startswith(table.title)]
        cells = []
        for slide in slides:
            for shape in (s for s in slide.shapes if s.has_table):
                header = [c.text for c in shape.table.rows[0].cells]
                if column in header:
                    i = header.index(column)
                    cells += [row.cells[i].text for row in list(shape.table.rows)[1:]]
        assert cells == [pct(v) for v in values], key
        names = "; ".join(dataset.document_title(d) for d in table.documents)
        for slide in slides:
            assert f"Source: {names}" in notes_text(slide)
            assert footer_text(slide).startswith(f"Source: {names}")


def test_the_shares_of_savings_in_the_packs_are_fractions_written_once(dataset):
    from redesign.model.finance import service_money, totals

    prs = deck(briefing_pptx(dataset, PackRequest(generated_on=DAY)))
    rows = {r[0]: r for r in table_rows(prs, "Savings by service: the figures")}
    t = totals(dataset.services)
    for service in dataset.services:
        saving = service_money(service).saving_m
        if saving is not None:
            assert rows[service.name][2] == pct(100 * saving / t.saving_m)
    assert count(len(dataset.services)) in rows[f"All {len(dataset.services)} services"][0]


def test_the_sen_page_writes_its_tables_by_the_same_units(dataset):
    """The SEN page's own tables (ui.cached) format by the declared units too."""
    from redesign.core.table_format import unit_formatters
    from redesign.present.sen_tables import CATEGORY_UNITS, PLACEMENT_UNITS
    from redesign.sen.categories import categories_frame
    from redesign.sen.placements import placements_frame
    from ui.blocks import prepare_table

    for frame, units, column in (
        (categories_frame(dataset.sen), CATEGORY_UNITS, "Share of table %"),
        (placements_frame(dataset.sen), PLACEMENT_UNITS, "Share of placements %"),
    ):
        shown = prepare_table(frame, formatters=unit_formatters(units), static=False).text
        assert list(shown[column]) == [pct(v) for v in frame[column]]


def test_a_guessed_header_with_a_percent_sign_is_a_percentage():
    """For the pages' own short tables: a "%" in the header means per cent, whatever else it
    says; a share without one is a fraction."""
    from redesign.core.formatting import share
    from redesign.core.table_format import column_formatter

    assert column_formatter("Share of table %") is pct
    assert column_formatter("Share of stated saving") is share
    assert column_formatter("Traded share of service cost %") is pct
