"""Briefing packs (redesign.exports, ui.briefing): PowerPoint and PDF with the same content.

The deck opens with python-pptx, has the expected slide titles, keeps text at 24 pt or more outside
tables (18 pt or more inside them), charts the stated savings natively with "£0.90m" labels and alt
text; the PDF is A4 landscape with the text, footer and metadata; a scenario adds its numbers and
assumptions; nothing personal appears; the pages that offer the packs still run and show the buttons.
"""

from __future__ import annotations

import io
import re
import urllib.parse
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Pt
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel
from redesign.buyback.text import scenario_sentence
from redesign.core.formatting import MINUS, fte, money_m, pct
from redesign.core.glossary import GLOSSARY
from redesign.exports import pdf_style as bpdf
from redesign.exports.briefing import (
    FontMissingError,
    briefing_content,
    briefing_pdf,
    briefing_pptx,
)
from redesign.exports.pack import PROPOSALS
from redesign.exports.pdf_style import FONT_ENV
from redesign.exports.pptx_text import CHAR_EM, plan, wrap_lines
from redesign.model.finance import service_money, totals
from redesign.present.savings import ranked_savings_frame
from tests.test_sources_redacted import personal_data

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
DAY = date(2026, 11, 23)
DAY_TEXT = "23 November 2026"
BASE_TITLES = [
    "Redesign Explorer: Education Services redesign",
    "Headline figures: money",
    "Headline figures: staff (FTE)",
    "Savings by service",
    "Savings by service: the figures",
    "Savings by funding stream",
    "Savings by funding stream: the figures",
    "Staffing before and after",
    "Where the published figures do not add up",
    "Sources",
    "Glossary",
]
SCENARIO_TITLES = [
    "Buy-back scenario: levels per group",
    "Buy-back scenario: what it means",
    "Buy-back scenario in plain English",
    "Assumptions, not in the report",
]
MONEY = re.compile(rf"^{MINUS}?£\d+\.\d{{2}}m$")


# --- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model(dataset):
    return BuybackModel(dataset)


@pytest.fixture(scope="module")
def scenario(model):
    return sio.make_scenario(
        model,
        {"autism_teaching": 0.6, "autism_hlta": 0.0, "behaviour_and_other": 0.4},
        {"traded_charge_pct": 120},
        "Cabinet option B",
    )


@pytest.fixture(scope="module")
def link(model, scenario):
    query = urllib.parse.urlencode(sio.to_query(model, scenario), quote_via=urllib.parse.quote)
    return f"http://localhost:8501/buyback?{query}"


@pytest.fixture(scope="module")
def plain_deck(dataset):
    return Presentation(io.BytesIO(briefing_pptx(dataset, generated_on=DAY)))


@pytest.fixture(scope="module")
def scenario_deck(dataset, model, scenario, link):
    data = briefing_pptx(dataset, model.evaluate(scenario), link, DAY, scenario=scenario)
    return Presentation(io.BytesIO(data))


@pytest.fixture(scope="module")
def plain_pdf(dataset):
    return briefing_pdf(dataset, generated_on=DAY)


@pytest.fixture(scope="module")
def scenario_pdf(dataset, model, scenario, link):
    return briefing_pdf(dataset, model.evaluate(scenario), link, DAY, scenario=scenario)


# --- helpers -------------------------------------------------------------------------------------


def base_title(title: str) -> str:
    return title.removesuffix(" (continued)")


def titles(deck) -> list[str]:
    return [s.shapes.title.text for s in deck.slides]


def slides_titled(deck, title: str) -> list:
    return [s for s in deck.slides if base_title(s.shapes.title.text) == title]


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(parts)


def deck_text(deck) -> str:
    return "\n".join(slide_text(s) for s in deck.slides)


def table_rows(deck, title: str) -> list[list[str]]:
    """Every body row of the tables on the slides with this title (header rows dropped)."""
    rows = []
    for slide in slides_titled(deck, title):
        for shape in slide.shapes:
            if shape.has_table:
                cells = [[c.text for c in row.cells] for row in shape.table.rows]
                rows += cells[1:]
    return rows


def charts(deck, title: str) -> list:
    return [
        shape for slide in slides_titled(deck, title) for shape in slide.shapes if shape.has_chart
    ]


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


# --- PowerPoint ----------------------------------------------------------------------------------


def test_deck_is_16_9_with_the_expected_slide_titles(plain_deck):
    assert plain_deck.slide_width * 9 == pytest.approx(plain_deck.slide_height * 16, rel=1e-3)
    found = [base_title(t) for t in titles(plain_deck)]
    assert list(dict.fromkeys(found)) == BASE_TITLES
    assert not any(t.startswith("Buy-back") or t.startswith("Assumptions") for t in found)


def test_scenario_deck_adds_the_scenario_slides_before_the_sources(scenario_deck):
    found = list(dict.fromkeys(base_title(t) for t in titles(scenario_deck)))
    at = found.index("Where the published figures do not add up") + 1
    assert found == BASE_TITLES[:at] + SCENARIO_TITLES + BASE_TITLES[at:]


@pytest.mark.parametrize("which", ["plain_deck", "scenario_deck"])
def test_text_is_24pt_or_more_outside_tables_and_18pt_or_more_inside(which, request):
    deck = request.getfixturevalue(which)
    small = []
    for n, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    for run in para.runs:
                        if run.text.strip() and (run.font.size is None or run.font.size < Pt(24)):
                            small.append((n, run.text[:40], run.font.size))
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        for para in cell.text_frame.paragraphs:
                            for run in para.runs:
                                if run.font.size is None or run.font.size < Pt(18):
                                    small.append((n, run.text[:40], run.font.size))
            if shape.has_chart:
                chart = shape.chart
                assert chart.font.size >= Pt(24)
                assert chart.plots[0].data_labels.font.size >= Pt(24)
                assert chart.category_axis.tick_labels.font.size >= Pt(24)
    assert small == []


def test_non_table_slides_have_only_24pt_text(plain_deck):
    """The brief's own wording: every run on a slide without a table is 24 pt or more."""
    for slide in plain_deck.slides:
        if any(shape.has_table for shape in slide.shapes):
            continue
        for shape in slide.shapes:
            if shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    assert all(r.font.size >= Pt(24) for r in para.runs if r.text.strip())


def test_savings_chart_is_native_with_finance_values_labels_and_alt_text(plain_deck, dataset):
    found = charts(plain_deck, "Savings by service")
    assert len(found) == 1
    frame = found[0]
    chart = frame.chart
    ranked = ranked_savings_frame(dataset.services)
    by_name = {s.name: s for s in dataset.services}
    stated = [
        (name, service_money(by_name[name]).saving_m)
        for name in ranked["Service"]
        if service_money(by_name[name]).saving_m is not None
    ]
    plot = chart.plots[0]
    assert list(plot.categories) == [name for name, _ in stated]
    assert list(plot.series[0].values) == pytest.approx([value for _, value in stated])
    assert plot.has_data_labels
    assert plot.data_labels.number_format == '"£"0.00"m"'
    assert not plot.data_labels.number_format_is_linked
    descr = frame._element.nvGraphicFramePr.cNvPr.get("descr")
    assert descr and descr.startswith("Horizontal bar chart") and money_m(stated[0][1]) in descr
    # The service that states no saving has no bar, and the slide says so (not a zero).
    missing = [n for n in ranked["Service"] if service_money(by_name[n]).saving_m is None]
    text = "\n".join(slide_text(s) for s in slides_titled(plain_deck, "Savings by service"))
    for name in missing:
        assert name in text and "states no saving" in text


def test_stream_chart_includes_the_amount_not_split_by_stream(plain_deck, dataset):
    t = totals(dataset.services)
    (frame,) = charts(plain_deck, "Savings by funding stream")
    plot = frame.chart.plots[0]
    values = dict(zip(plot.categories, plot.series[0].values, strict=True))
    assert values["DSG"] == pytest.approx(t.savings_by_stream_m["dsg"])
    assert values["Not split by stream"] == pytest.approx(t.unsplit_saving_m)
    assert frame._element.nvGraphicFramePr.cNvPr.get("descr")
    rows = table_rows(plain_deck, "Savings by funding stream: the figures")
    assert rows[-1] == ["All stated savings", money_m(t.saving_m)]
    assert any(r[0].startswith("Not split by stream: ") for r in rows)


def test_title_slide_has_the_date_and_proposals_not_decisions(plain_deck):
    first = slide_text(plain_deck.slides[0])
    assert DAY_TEXT in first and PROPOSALS in first
    # ...and every slide ends with the words.
    assert all(PROPOSALS in slide_text(s) for s in plain_deck.slides)


def test_every_chart_and_table_slide_has_a_source_line(scenario_deck):
    for slide in scenario_deck.slides:
        if any(shape.has_table or shape.has_chart for shape in slide.shapes):
            assert "Source: " in slide_text(slide), slide.shapes.title.text


def test_headline_figures_come_from_finance(plain_deck, dataset):
    t = totals(dataset.services)
    money = "\n".join(slide_text(s) for s in slides_titled(plain_deck, "Headline figures: money"))
    for value in (t.current_budget_m, t.proposed_cost_m, t.saving_m, t.saving_computed_m):
        assert money_m(value) in money
    staff = "\n".join(
        slide_text(s) for s in slides_titled(plain_deck, "Headline figures: staff (FTE)")
    )
    for value in (
        t.current_fte,
        t.proposed_fte_after,
        t.confirmed_reduction_fte,
        t.potential_reduction_fte,
        t.market_testing_fte,
    ):
        assert fte(value) in staff


def test_money_cells_are_house_style(plain_deck):
    rows = table_rows(plain_deck, "Savings by service: the figures")
    assert rows, "no savings table"
    for row in rows:
        for cell in (row[1], *row[3:]):
            assert MONEY.match(cell) or cell == "none stated", cell
    assert "-£" not in deck_text(plain_deck)  # a hyphen is never a minus


def test_discrepancies_show_both_numbers(plain_deck, dataset):
    from redesign.checks.reconciliation import all_discrepancies

    rows = table_rows(plain_deck, "Where the published figures do not add up")
    found = all_discrepancies(dataset)
    assert len(rows) == len(found)
    total = next(r for r in rows if r[0] == "All services")
    t = totals(dataset.services)
    assert total[2:4] == [money_m(t.saving_m), money_m(t.saving_computed_m)]


def test_scenario_slides_show_the_scenario_numbers(scenario_deck, dataset, model, scenario, link):
    result = model.evaluate(scenario)
    levels = table_rows(scenario_deck, "Buy-back scenario: levels per group")
    for outcome, row in zip(result.groups, levels, strict=False):
        assert row[0] == outcome.label
        assert row[1:] == [
            fte(outcome.at_risk_fte),
            f"{round(outcome.level * 100)}%",
            fte(outcome.retained_fte),
            fte(outcome.redundant_fte),
        ]
    outputs = {r[0]: r[1:] for r in table_rows(scenario_deck, "Buy-back scenario: what it means")}
    assert outputs["FTE kept (at-risk posts)"][0] == fte(result.retained_fte)
    assert outputs["FTE redundant (at-risk posts)"][0] == fte(result.redundant_fte)
    assert outputs["Service FTE after"][0] == fte(result.service_fte_after)
    assert outputs["Traded income needed"][0] == money_m(result.traded_income_m)
    assert outputs["Traded share of service cost"][0] == pct(result.traded_share_pct)
    assert outputs["Saving"] == [money_m(result.saving_m), money_m(result.proposed_saving_m)]
    assert outputs["One-off redundancy cost (at-risk posts)"][0] == money_m(
        result.redundancy_cost_m
    )
    words = " ".join(
        slide_text(s) for s in slides_titled(scenario_deck, "Buy-back scenario in plain English")
    )
    for sentence in scenario_sentence(result).split(". "):
        assert sentence.strip().removesuffix(".") in words
    assumptions = table_rows(scenario_deck, "Assumptions, not in the report")
    assert len(assumptions) == len(dataset.assumptions)
    assert assumptions[0][0] == "Traded charge as a share of direct staff cost"
    assert assumptions[0][1:] == ["120%", "115%", "changed"]
    assert all(r[3] == "default" for r in assumptions[1:])
    first = slide_text(scenario_deck.slides[0])
    assert link in first and "Cabinet option B" in first


def test_assumptions_are_read_from_the_link_when_the_scenario_is_not_given(
    dataset, model, scenario, link
):
    content = briefing_content(dataset, model.evaluate(scenario), link, DAY)
    (section,) = [s for s in content.sections if s.key == "assumptions"]
    table = section.blocks[-1]
    assert table.rows[0][3] == "changed"
    without = briefing_content(dataset, model.evaluate(scenario), None, DAY)
    (section,) = [s for s in without.sections if s.key == "assumptions"]
    assert "not supplied" in " ".join(section.blocks[0].texts)


def test_glossary_and_sources_are_in_the_deck(plain_deck, dataset):
    text = deck_text(plain_deck)
    for term, _ in GLOSSARY:
        assert term in text
    for doc in dataset.documents.values():
        assert doc.title in text


@pytest.mark.parametrize("which", ["scenario_deck", "scenario_pdf"])
def test_no_personal_names_in_the_packs(which, request):
    value = request.getfixturevalue(which)
    text = "\n".join(pdf_pages(value)) if isinstance(value, bytes) else deck_text(value)
    assert personal_data(text) == []


# --- PDF -----------------------------------------------------------------------------------------


def test_pdf_is_a4_landscape_with_metadata_and_language(plain_pdf):
    assert plain_pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(plain_pdf))
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(841.89, abs=1) and float(box.height) < 600
    meta = reader.metadata
    assert meta.title.startswith("Redesign Explorer: Education Services redesign")
    assert meta.author == "Redesign Explorer"
    assert "Proposals, not decisions" in meta.subject
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root and "/Outlines" in root


def test_pdf_pages_each_carry_the_footer(plain_pdf):
    pages = pdf_pages(plain_pdf)
    assert len(pages) > 1
    for n, text in enumerate(pages, 1):
        assert PROPOSALS in text and DAY_TEXT in text
        assert f"Page {n} of {len(pages)}" in text


def test_pdf_has_the_same_sections_and_figures_as_the_deck(plain_pdf, dataset):
    text = "\n".join(pdf_pages(plain_pdf))
    for title in BASE_TITLES:
        assert title in text
    t = totals(dataset.services)
    assert money_m(t.saving_m) in text and fte(t.current_fte) in text
    assert f"{MINUS}£" in text  # the Unicode minus and the pound sign both render
    outline = [item.title for item in flatten(PdfReader(io.BytesIO(plain_pdf)).outline)]
    assert "Savings by service" in outline and "Glossary" in outline


def flatten(items) -> list:
    out = []
    for item in items:
        out += flatten(item) if isinstance(item, list) else [item]
    return out


def structure(node) -> list[tuple[str, str]]:
    """(type, alt text) of every element in a PDF structure tree."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        return [found for child in node for found in structure(child)]
    if not hasattr(node, "keys"):
        return []
    here = [(str(node["/S"]), str(node.get("/Alt") or ""))] if "/S" in node else []
    return here + (structure(node["/K"]) if "/K" in node else [])


def test_pdf_charts_are_figures_with_alt_text(plain_pdf):
    root = PdfReader(io.BytesIO(plain_pdf)).trailer["/Root"]
    alts = [alt for kind, alt in structure(root["/StructTreeRoot"]) if kind == "/Figure" and alt]
    assert len(alts) == 2
    assert alts[0].startswith("Horizontal bar chart of the stated saving for each of")
    assert "Not split by stream" in alts[1]


def test_pdf_with_scenario_has_the_link_on_every_page(scenario_pdf, model, scenario):
    pages = pdf_pages(scenario_pdf)
    query = urllib.parse.urlencode(sio.to_query(model, scenario), quote_via=urllib.parse.quote)
    for text in pages:
        assert "Scenario link:" in " ".join(text.split())
    joined = " ".join("\n".join(pages).split())
    result = model.evaluate(scenario)
    assert "Assumptions, not in the report" in joined
    assert money_m(result.saving_m) in joined
    assert query.split("&")[0] in joined.replace(" ", "")


def test_missing_font_is_a_clear_error(monkeypatch, tmp_path, dataset):
    monkeypatch.setattr(bpdf, "FONT_DIRS", (str(tmp_path),))
    monkeypatch.delenv(FONT_ENV, raising=False)
    with pytest.raises(FontMissingError, match="fonts-dejavu-core"):
        briefing_pdf(dataset, generated_on=DAY)


# --- layout helpers ------------------------------------------------------------------------------


def test_wrap_lines_counts_words_not_characters():
    assert wrap_lines("", 5, 24) == 1
    assert wrap_lines("short", 5, 24) == 1
    per_line = int(5 * 72 / (24 * CHAR_EM))
    assert wrap_lines("x " * per_line, 5, 24) == 2
    assert wrap_lines("a\nb", 5, 24) == 2


def test_table_plan_keeps_notes_with_rows():
    heights = [0.5] * 8
    new_first, chunks, alone = plan(heights, 0.6, 1.0, 4.6, 4.6, True)
    assert not new_first and sum(chunks) == 8 and all(chunks)
    assert not alone  # the last rows moved over with the notes
    assert chunks[-1] >= 1


# --- Streamlit helper ----------------------------------------------------------------------------


def test_pack_bytes_is_cached_per_scenario_and_day(dataset, model, scenario, link):
    from ui.briefing import pack_bytes

    result = model.evaluate(scenario)
    first = pack_bytes("pptx", dataset, lambda: (scenario, result, link), DAY)
    again = pack_bytes("pptx", dataset, lambda: (scenario, result, link), DAY)
    assert again is first
    other = model.evaluate(model.default_scenario())
    assert pack_bytes("pptx", dataset, lambda: (None, other, None), DAY) is not first


def test_live_scenario_reads_the_state_when_called(model, scenario):
    from pages.buyback_parts.state import LiveScenario
    from ui.briefing import live_scenario

    live = LiveScenario(model, model.default_scenario())
    current = live_scenario(live, "http://h/b")
    live.set(model, scenario)  # a slider moved after the page last ran in full
    got, result, url = current()
    assert got == scenario and result == model.evaluate(scenario)
    assert url.startswith("http://h/b?") and "bb_autism_teaching=60" in url


# --- pages ---------------------------------------------------------------------------------------


def download_labels(at: AppTest) -> list[str]:
    return [el.proto.label for el in at.get("download_button")]


def test_overview_page_offers_the_briefing_pack():
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    labels = download_labels(at)
    assert "Briefing pack (PowerPoint)" in labels and "Briefing pack (PDF)" in labels


def test_buyback_page_offers_the_briefing_pack():
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page("pages/buyback.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    labels = download_labels(at)
    assert "Briefing pack (PowerPoint)" in labels and "Briefing pack (PDF)" in labels
