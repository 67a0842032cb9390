"""Briefing packs (redesign.exports.briefing, ui.briefing): PDF, PowerPoint and Excel from one request.

The pack opens with the scenario and its two charts, then the compared scenarios side by side, then
the service figures, waterfall, staffing, reconciliation, assumptions and sources. The deck is 16:9
with text at 24 pt or more outside tables, native charts with alt text; the PDF is A4 landscape,
tagged; every export carries the scenario's short reference, the date, the sources and "Proposals,
not decisions"; nothing personal appears; every page offers the packs.
"""

from __future__ import annotations

import re

import pytest
from pptx.util import Pt
from streamlit.testing.v1 import AppTest

from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel
from redesign.buyback.text import scenario_sentence
from redesign.core.formatting import MINUS, fte, money_m, pct
from redesign.core.glossary import GLOSSARY
from redesign.exports.briefing import (
    FontMissingError,
    NamedScenario,
    PackRequest,
    briefing_pdf,
    briefing_pptx,
)
from redesign.exports.pack.model import PROPOSALS
from redesign.exports.pack.request import scenario_link, scenario_reference
from redesign.exports.pdf import style as pdf_style
from redesign.model.finance import service_money, totals
from redesign.present.savings import ranked_savings_frame
from tests.app.test_pages_apptest import APP, TIMEOUT
from tests.support.packs import (
    DAY,
    DAY_TEXT,
    base_title,
    charts,
    deck,
    deck_text,
    flat,
    footer_text,
    notes_text,
    pdf_pages,
    slide_text,
    slides_titled,
    table_rows,
    titles,
)
from tests.unit.test_sources_redacted import personal_data

MONEY = re.compile(rf"^{MINUS}?£\d+\.\d{{2}}m$")
BASE_SECTIONS = [
    "Headline figures: money",
    "Headline figures: staff (FTE)",
    "Savings by service",
    "Savings by funding stream",
    "Savings waterfall",
    "Staffing before and after",
    "Where the published figures do not add up",
    "Sources",
    "Glossary",
]


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
def request_with_scenario(model, scenario):
    compared = (
        NamedScenario(
            "Keep every post", sio.make_scenario(model, dict.fromkeys(model.group_ids, 1.0))
        ),
        NamedScenario("Half back", sio.make_scenario(model, dict.fromkeys(model.group_ids, 0.5))),
    )
    return PackRequest(
        scenario=scenario,
        link=scenario_link(model, scenario, "http://localhost:8501/buyback"),
        compared=compared,
        page="buyback",
        generated_on=DAY,
    )


@pytest.fixture(scope="module")
def plain_deck(dataset):
    return deck(briefing_pptx(dataset, PackRequest(generated_on=DAY)))


@pytest.fixture(scope="module")
def scenario_deck(dataset, request_with_scenario):
    return deck(briefing_pptx(dataset, request_with_scenario))


@pytest.fixture(scope="module")
def plain_pdf(dataset):
    return briefing_pdf(dataset, PackRequest(generated_on=DAY))


@pytest.fixture(scope="module")
def scenario_pdf(dataset, request_with_scenario):
    return briefing_pdf(dataset, request_with_scenario)


def sections(prs) -> list[str]:
    """The order of the deck's parts, by slide title, without repeats and the title slide."""
    return list(dict.fromkeys(base_title(t) for t in titles(prs)[1:]))


# --- order: the scenario first -------------------------------------------------------------------


def test_deck_is_16_9_and_follows_the_base_order(plain_deck):
    assert plain_deck.slide_width * 9 == pytest.approx(plain_deck.slide_height * 16, rel=1e-3)
    found = sections(plain_deck)
    at = [next(i for i, t in enumerate(found) if t.startswith(s)) for s in BASE_SECTIONS]
    assert at == sorted(at)
    assert not any(t.startswith(("Buy-back", "Compared", "Assumptions")) for t in found)


def test_the_scenario_opens_the_deck_with_its_two_charts(scenario_deck):
    found = sections(scenario_deck)
    assert found[0] == "Buy-back scenario: the scenario's figures"
    assert found[1] == "The scenario in plain English"
    assert found[2] == "Posts kept and lost in each group"
    assert charts(scenario_deck, "Posts kept and lost in each group")
    assert charts(scenario_deck, "Saving and traded income at each buy-back level")
    first_compared = next(i for i, t in enumerate(found) if t.startswith("Compared"))
    first_base = next(i for i, t in enumerate(found) if t.startswith("Headline"))
    assert first_compared < first_base
    assert found.index("Assumptions, not in the report") > found.index("Staffing before and after")


def test_the_scenario_opens_the_pdf_on_page_2(scenario_pdf, model, scenario):
    pages = [flat(p) for p in pdf_pages(scenario_pdf)]
    assert pages[1].startswith("Buy-back scenario")
    result = model.evaluate(scenario)
    assert money_m(result.saving_m) in pages[1] and fte(result.redundant_fte) in pages[1]
    assert "Posts kept and lost in each group" in pages[2]
    compared = next(i for i, p in enumerate(pages) if p.startswith("Compared scenarios"))
    headline = next(i for i, p in enumerate(pages) if p.startswith("Headline figures"))
    assert 2 < compared < headline


# --- the deck's rules ----------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["plain_deck", "scenario_deck"])
def test_text_is_24pt_or_more_outside_tables_and_18pt_or_more_inside(which, request):
    prs = request.getfixturevalue(which)
    small = []
    for n, slide in enumerate(prs.slides, 1):
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
                assert shape.chart.font.size >= Pt(24)
    assert small == []


def test_every_chart_is_native_with_alt_text(scenario_deck):
    found = [s for slide in scenario_deck.slides for s in slide.shapes if s.has_chart]
    assert len(found) >= 6  # two scenario charts, compared, services, streams, waterfall
    for shape in found:
        descr = shape._element.nvGraphicFramePr.cNvPr.get("descr")
        assert descr and len(descr) > 40, descr


def test_savings_chart_has_the_finance_values(plain_deck, dataset):
    (frame,) = charts(plain_deck, "Savings by service")
    ranked = ranked_savings_frame(dataset.services)
    by_name = {s.name: s for s in dataset.services}
    stated = [
        (n, service_money(by_name[n]).saving_m)
        for n in ranked["Service"]
        if service_money(by_name[n]).saving_m is not None
    ]
    plot = frame.chart.plots[0]
    assert list(plot.categories) == [n for n, _ in stated]
    assert list(plot.series[0].values) == pytest.approx([v for _, v in stated])
    assert plot.data_labels.number_format == '"£"0.00"m"'
    text = "\n".join(slide_text(s) for s in slides_titled(plain_deck, "Savings by service"))
    assert "states no saving" in text  # not stated is said, never drawn as 0


def test_the_scenario_chart_holds_the_scenario(scenario_deck, model, scenario):
    result = model.evaluate(scenario)
    (frame,) = charts(scenario_deck, "Posts kept and lost in each group")
    plot = frame.chart.plots[0]
    kept, redundant = (list(s.values) for s in list(plot.series)[:2])
    assert kept == pytest.approx([o.retained_fte for o in result.groups])
    assert redundant == pytest.approx([o.redundant_fte for o in result.groups])


def test_footer_has_the_short_reference_and_notes_the_sources(scenario_deck, model, scenario):
    ref = scenario_reference(model, scenario)
    for slide in list(scenario_deck.slides)[1:]:
        footer = footer_text(slide)
        assert PROPOSALS in footer and ref in footer
        assert "http" not in footer and len(footer) < 160
        assert "Source: " in notes_text(slide), slide.shapes.title.text
    assert "localhost" in slide_text(scenario_deck.slides[0])  # the link, on the title slide


def test_scenario_figures_and_sentence(scenario_deck, model, scenario):
    result = model.evaluate(scenario)
    levels = table_rows(scenario_deck, "Posts kept and lost in each group: the figures")
    for outcome, row in zip(result.groups, levels, strict=False):
        assert row == [
            outcome.label,
            f"{round(outcome.level * 100)}%",
            fte(outcome.at_risk_fte),
            fte(outcome.retained_fte),
            fte(outcome.redundant_fte),
        ]
    outputs = {
        r[0]: r[1:]
        for r in table_rows(scenario_deck, "What the scenario means against the proposal")
    }
    assert outputs["Traded share of service cost"][0] == pct(result.traded_share_pct)
    assert outputs["Saving"] == [money_m(result.saving_m), money_m(result.proposed_saving_m)]
    words = flat(
        " ".join(
            slide_text(s) for s in slides_titled(scenario_deck, "The scenario in plain English")
        )
    )
    for sentence in scenario_sentence(result).split(". "):
        assert sentence.strip().removesuffix(".") in words
    assumptions = table_rows(scenario_deck, "Assumptions, not in the report")
    assert assumptions[0][:4] == [
        "Traded charge as a share of direct staff cost",
        "120%",
        "115%",
        "changed",
    ]


def test_compared_scenarios_side_by_side(scenario_deck, model):
    rows = {r[0]: r[1:] for r in table_rows(scenario_deck, "Compared scenarios: the figures")}
    keep = model.evaluate(sio.make_scenario(model, dict.fromkeys(model.group_ids, 1.0)))
    half = model.evaluate(sio.make_scenario(model, dict.fromkeys(model.group_ids, 0.5)))
    assert rows["Saving"] == [money_m(keep.saving_m), money_m(half.saving_m)]
    assert rows["Buy-back %, autism teaching posts"] == [pct(100), pct(50)]


def test_money_cells_are_house_style(plain_deck):
    rows = table_rows(plain_deck, "Savings by service: the figures")
    for row in rows:
        for cell in (row[1], *row[3:]):
            assert MONEY.match(cell) or cell == "none stated", cell
    assert "-£" not in deck_text(plain_deck)  # a hyphen is never a minus


def test_headline_figures_come_from_finance(plain_deck, dataset):
    t = totals(dataset.services)
    text = deck_text(plain_deck)
    for value in (t.current_budget_m, t.proposed_cost_m, t.saving_m, t.saving_computed_m):
        assert money_m(value) in text
    assert fte(t.market_testing_fte) in text


def test_glossary_sources_and_date(plain_deck, dataset):
    text = deck_text(plain_deck)
    for term, _ in GLOSSARY:
        assert term in text
    for doc in dataset.documents.values():
        assert doc.title in text
    assert DAY_TEXT in slide_text(plain_deck.slides[0]) and PROPOSALS in slide_text(
        plain_deck.slides[0]
    )


@pytest.mark.parametrize("which", ["scenario_deck", "scenario_pdf"])
def test_no_personal_names_in_the_packs(which, request):
    value = request.getfixturevalue(which)
    text = "\n".join(pdf_pages(value)) if isinstance(value, bytes) else deck_text(value)
    assert personal_data(text) == []


# --- the PDF -------------------------------------------------------------------------------------


def test_pdf_is_a4_landscape_tagged_with_metadata(plain_pdf):
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(plain_pdf))
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(841.89, abs=1) and float(box.height) < 600
    assert reader.metadata.author == "Redesign Explorer"
    assert "Proposals, not decisions" in reader.metadata.subject
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and "/StructTreeRoot" in root and "/Outlines" in root


def test_pdf_footer_on_every_page_with_the_reference(scenario_pdf, model, scenario):
    pages = pdf_pages(scenario_pdf)
    ref = scenario_reference(model, scenario)
    for n, text in enumerate(pages, 1):
        assert PROPOSALS in text and DAY_TEXT in text and ref in text
        assert f"Page {n} of {len(pages)}" in text
    assert "localhost" in flat(pages[0]).replace(" ", "")
    assert all("localhost" not in p for p in pages[1:])  # the long link only on the title page


def test_pdf_charts_are_figures_with_alt_text(scenario_pdf):
    import io

    from pypdf import PdfReader

    def structure(node) -> list[tuple[str, str]]:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            return [found for child in node for found in structure(child)]
        if not hasattr(node, "keys"):
            return []
        here = [(str(node["/S"]), str(node.get("/Alt") or ""))] if "/S" in node else []
        return here + (structure(node["/K"]) if "/K" in node else [])

    root = PdfReader(io.BytesIO(scenario_pdf)).trailer["/Root"]
    alts = [alt for kind, alt in structure(root["/StructTreeRoot"]) if kind == "/Figure" and alt]
    assert len(alts) >= 6
    assert alts[0].startswith("Stacked bar chart") and alts[1].startswith("Line chart")


def test_missing_font_is_a_clear_error(monkeypatch, tmp_path, dataset):
    monkeypatch.setattr(pdf_style, "FONT_DIRS", (str(tmp_path),))
    monkeypatch.delenv(pdf_style.FONT_ENV, raising=False)
    with pytest.raises(FontMissingError, match="fonts-dejavu-core"):
        briefing_pdf(dataset, PackRequest(generated_on=DAY))


# --- the Streamlit side --------------------------------------------------------------------------


def test_pack_bytes_is_cached_per_request(dataset, request_with_scenario):
    from ui.briefing import pack_bytes

    first = pack_bytes("xlsx", dataset, lambda: request_with_scenario)
    assert pack_bytes("xlsx", dataset, lambda: request_with_scenario) is first
    assert pack_bytes("xlsx", dataset, lambda: PackRequest(generated_on=DAY)) is not first


def test_live_scenario_reads_the_state_when_called(model, scenario):
    from pages.buyback_parts.state import LiveScenario
    from redesign.exports.pack.request import NamedScenario
    from ui.briefing import live_scenario

    live = LiveScenario(model, model.default_scenario())
    current = live_scenario(live, "http://h/b", [NamedScenario("A", model.default_scenario())])
    live.set(model, scenario)  # a slider moved after the page last ran in full
    got = current()
    assert got.scenario == scenario and got.page == "buyback"
    assert got.link.startswith("http://h/b?") and "bb_autism_teaching=60" in got.link
    assert [c.name for c in got.compared] == ["A"]


PAGES = [
    "pages/overview.py",
    "pages/service.py",
    "pages/waterfall.py",
    "pages/staffing.py",
    "pages/buyback.py",
    "pages/data_sources.py",
    "pages/sen_needs.py",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_offers_the_three_packs(path):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT * 2)
    at.run()
    at.switch_page(path)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    labels = [el.proto.label for el in at.get("download_button")]
    for label in ("Briefing pack (PDF)", "Briefing pack (PowerPoint)", "Briefing pack (Excel)"):
        assert label in labels, (path, labels)
    assert ("Service sheet (PDF, one page)" in labels) == (path == "pages/service.py")
