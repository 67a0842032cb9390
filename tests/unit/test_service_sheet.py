"""The one-page service sheet (redesign.exports.sheet): one A4 page for every service, also at 10x the
data, with the service before and after in money and posts, what changes, what schools said in the
report's words, where its figures do not add up, and the sources."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from redesign import load_dataset
from redesign.checks.reconciliation import service_discrepancies
from redesign.core.formatting import fte, money_m
from redesign.exports.pack.model import PROPOSALS
from redesign.exports.sheet.content import Passage, service_sheet, shortened
from redesign.exports.sheet.pdf import service_sheet_pdf
from redesign.model.finance import service_money, service_staffing
from tests.support.packs import DAY, DAY_TEXT, flat
from tests.support.synthetic import make_dataset
from tests.unit.test_sources_redacted import personal_data


def pages(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def sheets(dataset) -> dict[str, bytes]:
    return {s.id: service_sheet_pdf(dataset, s.id, DAY) for s in dataset.services}


def test_every_service_fits_one_a4_page(sheets):
    for sid, data in sheets.items():
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) == 1, sid
        box = reader.pages[0].mediabox
        assert float(box.width) == pytest.approx(595.28, abs=1), sid  # A4 portrait
        assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_the_sheet_says_what_the_service_figures_are(sheets, dataset):
    for service in dataset.services:
        text = flat(pages(sheets[service.id])[0])
        money, staff = service_money(service), service_staffing(service)
        assert service.name in text and PROPOSALS in text and DAY_TEXT in text
        assert money_m(money.current_budget_m) in text and money_m(money.proposed_cost_m) in text
        assert fte(staff.current_fte) in text and fte(staff.proposed_fte_after) in text
        for d in service_discrepancies(service):
            assert d.check_label in text, (service.id, d.check_label)
        assert f"section “{service.section}”" in text or service.section in text
        assert personal_data(text) == []


def test_the_schools_feedback_is_quoted_from_the_report(sheets, dataset):
    for service in dataset.services:
        text = flat(pages(sheets[service.id])[0])
        feedback = service.text.get("feedback")
        if feedback:
            first_words = " ".join(feedback.split()[:8])
            assert flat(first_words) in text, service.id
            assert "What schools said" in text


def test_a_long_text_is_cut_at_a_sentence_and_says_where_the_rest_is(sheets, dataset):
    text = flat(pages(sheets["sen_support"])[0])
    assert "(shortened)" in text and "the full text is in the cabinet report appendix" in text
    short = flat(pages(sheets["school_improvement"])[0])
    assert "(shortened)" not in short  # a short service keeps every word


def test_shortened_keeps_whole_sentences_and_marks_the_cut():
    passage = Passage("Impact", ("One. Two three. Four five six.", "Next paragraph."))
    cut = shortened(passage, 18)
    assert cut.shortened and cut.paragraphs == ("One. Two three.",)
    assert shortened(passage, 1000) == passage
    bullets = Passage("Offer", ("Lead:\n- first thing\n- second thing is long",))
    assert shortened(bullets, 22).paragraphs == ("Lead:\n- first thing",)


def test_the_sheet_content_has_before_after_rows(dataset):
    sheet = service_sheet(dataset, "sen_support", DAY)
    what = [row[0] for row in sheet.figures]
    assert what[:3] == ["Budget and proposed cost", "Staff (FTE)", "People (headcount)"]
    assert "Subject to market testing (FTE)" in what
    assert sheet.figures[1][2].endswith("(derived)")  # FTE after is derived for this service


def test_sheets_at_ten_times_the_data_still_fit_one_page(tmp_path_factory):
    big = load_dataset(make_dataset(Path(tmp_path_factory.mktemp("syn")) / "data", 10))
    for service in (big.services[0], big.services[7], big.services[-1]):
        assert len(pages(service_sheet_pdf(big, service.id, DAY))) == 1, service.id
