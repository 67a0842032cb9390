"""Page and slide rules of the briefing packs: no orphan rows, no thin "continued" slides.

A table that goes on over several pages leaves at least MIN_ROWS rows on each further page (never
one row at the top of a page); a deck's table or text that goes on over several slides is spread
evenly, so no "(continued)" slide holds one sentence or two rows; every chart keeps to one page.
Checked on the planners themselves (hypothesis) and on real packs, also at 10 times the data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel
from redesign.exports.briefing import NamedScenario, PackRequest, briefing_pptx
from redesign.exports.pack.content import briefing_content
from redesign.exports.pdf import layout as pdf_layout
from redesign.exports.pdf import render_pdf
from redesign.exports.pdf.measure import MIN_ROWS, split_points
from redesign.exports.slides.text import balanced_chunks, starts_anew
from tests.support.packs import CONTINUED, DAY, deck
from tests.support.synthetic import make_dataset

heights = st.lists(st.floats(min_value=0.2, max_value=1.5), min_size=1, max_size=40)


@given(heights, st.floats(min_value=0.0, max_value=5.0), st.floats(min_value=4.0, max_value=6.0))
def test_balanced_chunks_fit_and_spread_evenly(items, first, full):
    sizes = balanced_chunks(items, first, full)
    assert sum(sizes) == len(items) and all(s >= 1 for s in sizes)
    anew = starts_anew(items, sizes, first)  # the caller then starts a new slide
    start = 0
    for n, size in enumerate(sizes):
        room = first if n == 0 and not anew else full
        if size > 1:  # a lone item taller than a slide still goes somewhere
            assert sum(items[start : start + size]) <= room + 1e-9
        start += size
    fresh = balanced_chunks(items, full, full)  # a block that starts on a slide of its own
    if len(fresh) > 1 and max(items) * 3 <= full:
        # The last slide is never a scrap: it holds at least a third of what a slide can.
        assert sum(items[-fresh[-1] :]) >= min(full / 3, sum(items) / len(fresh) / 2) - 1e-9


@given(heights, st.floats(min_value=0.0, max_value=180.0))
def test_pdf_split_points_leave_no_orphan_rows(items, first):
    rows = [h * 8 for h in items]  # mm
    breaks = split_points(rows, first, 176.0, MIN_ROWS)
    starts = sorted(b for b in breaks if b > 0)
    chunks = [b - a for a, b in zip([0, *starts], [*starts, len(rows)], strict=True)]
    for chunk in chunks[1:]:
        assert chunk >= min(MIN_ROWS, len(rows))


def record_tables(monkeypatch) -> list[tuple[str, int, int]]:
    """Every run of a table's rows the PDF draws on one page: (first column, start, end)."""
    drawn: list[tuple[str, int, int]] = []
    original = pdf_layout.PdfLayout._table_rows

    def spy(self, block, start, end):
        drawn.append((block.columns[0], start, end))
        return original(self, block, start, end)

    monkeypatch.setattr(pdf_layout.PdfLayout, "_table_rows", spy)
    return drawn


def assert_no_orphans(drawn):
    for columns, start, end in drawn:
        if start > 0:  # a table's rows going on at the top of a page
            assert end - start >= MIN_ROWS, (columns, start, end)


@pytest.fixture(scope="module")
def full_request(dataset):
    model = BuybackModel(dataset)
    scenario = sio.make_scenario(model, {"autism_teaching": 0.6, "autism_hlta": 0.0})
    compared = tuple(
        NamedScenario(
            f"Scenario {n}", sio.make_scenario(model, dict.fromkeys(model.group_ids, n / 10))
        )
        for n in range(1, 7)
    )
    return PackRequest(scenario=scenario, compared=compared, page="sen_needs", generated_on=DAY)


def test_pdf_tables_never_leave_an_orphan_row(monkeypatch, dataset, full_request):
    drawn = record_tables(monkeypatch)
    render_pdf(briefing_content(dataset, full_request))
    assert drawn
    assert_no_orphans(drawn)


def test_deck_continued_slides_are_never_scraps(dataset, full_request):
    prs = deck(briefing_pptx(dataset, full_request))
    for slide in prs.slides:
        if slide.shapes.title.text.endswith(CONTINUED):
            rows = sum(len(s.table.rows) - 1 for s in slide.shapes if s.has_table)
            assert rows == 0 or rows >= 3, slide.shapes.title.text  # the real data: always 3
            assert not scrap(slide), slide.shapes.title.text


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return load_dataset(make_dataset(Path(tmp_path_factory.mktemp("syn")) / "data", 10))


def test_packs_at_ten_times_the_data_keep_the_rules(monkeypatch, big):
    drawn = record_tables(monkeypatch)
    request = PackRequest(page="data_sources", generated_on=DAY)
    render_pdf(briefing_content(big, request))
    assert_no_orphans(drawn)
    prs = deck(briefing_pptx(big, request))
    for slide in prs.slides:
        if slide.shapes.title.text.endswith(CONTINUED):
            assert not scrap(slide), slide.shapes.title.text


def scrap(slide) -> bool:
    """A "continued" slide holding too little: fewer than 3 table rows (unless the table's notes
    are there too: the last rows of a long table with its notes), or one paragraph alone."""
    rows = sum(len(s.table.rows) - 1 for s in slide.shapes if s.has_table)
    lines = [
        p.text
        for s in slide.shapes
        if s.has_text_frame and s.name != "Footer" and s != slide.shapes.title
        for p in s.text_frame.paragraphs
        if p.text.strip()
    ]
    if rows:
        return rows < 3 and not lines
    return len(lines) < 2
