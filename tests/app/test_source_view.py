"""ui.source_view under AppTest: the Data and sources page's quote finder, the charts' "Show in the
document" popovers and the dialog, and the paragraph's HTML (escaped, the quote marked)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from redesign.data.source_text import SourceText, canonical_quote, find_quote
from tests.app.test_pages_apptest import assert_clean, page, plain, texts
from ui.source_view import FINDER_KEY, quote_html

MARKED = re.compile(r"<mark[^>]*>(.*?)</mark>", re.DOTALL)
BUDGET = "Hospital Education Service · Current budget: £0.82m"


def panels(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.html if 'class="quote-in-place"' in h.proto.body]


def marked_text(panel: str) -> str:
    (inside,) = MARKED.findall(panel)
    return html.unescape(inside)


def dialogs(at: AppTest) -> list[str]:
    """The element types inside the event container's dialog, if one is open."""
    event = at._tree[2]
    return [
        type(child).__name__
        for block in event.children.values()
        if getattr(block, "type", "") == "dialog"
        for child in block.children.values()
    ]


def choose(at: AppTest, label: str) -> AppTest:
    box = at.selectbox(key=FINDER_KEY)
    return box.select_index(box.options.index(label)).run()


# --- the Data and sources page --------------------------------------------------------------------


def test_the_data_and_sources_page_offers_the_quote_finder():
    at = page("pages/data_sources.py")
    assert_clean(at)
    assert "Find a figure's quote in its document" in [h.value for h in at.header]
    box = at.selectbox(key=FINDER_KEY)
    assert box.value is None  # nothing chosen, nothing shown
    assert panels(at) == []
    assert BUDGET in box.options
    assert "SEN · placements › independent day › pupils: 20" in box.options
    assert len(box.options) > 150


def test_choosing_a_figure_shows_its_paragraph_with_the_quote_marked(dataset):
    at = choose(page("pages/data_sources.py"), BUDGET)
    assert_clean(at)
    (panel,) = panels(at)
    quote = dataset.service("hospital_education").budget.current_budget_m.source.quote
    assert canonical_quote(marked_text(panel)) == canonical_quote(quote)
    # The paragraph around it, as the document prints it (hard line breaks kept).
    assert "Current budget\n£0.82M" in html.unescape(panel)
    assert "Proposed Reduction:- 2.12 FTE" in html.unescape(panel)
    shown = texts(at)
    assert BUDGET in shown
    assert dataset.documents["cabinet_appendix"].title in shown
    assert "Section: Hospital Education Service" in shown
    assert re.search(r"Line \d+ of the text extracted from the published PDF", shown)


def test_a_sen_figure_is_found_in_the_strategy():
    at = choose(page("pages/data_sources.py"), "SEN · placements › independent day › pupils: 20")
    assert_clean(at)
    (panel,) = panels(at)
    assert "Independent SEN Day Schools" in html.unescape(panel)
    assert marked_text(panel).strip()


def test_without_the_documents_text_the_finder_says_so(data_copy: Path, monkeypatch):
    # The copied data folder's sources.yaml points at ../sources, which is not beside the copy.
    monkeypatch.setenv("REDESIGN_DATA_DIR", str(data_copy))
    at = choose(page("pages/data_sources.py"), BUDGET)
    assert not at.exception
    assert panels(at) == []
    (warning,) = [plain(str(w.value)) for w in at.warning]
    assert "cabinet_appendix.txt not found" in warning
    assert "sources.yaml › cabinet_appendix › file" in warning
    assert str(data_copy.parent) not in warning  # no server path


# --- the charts' popovers and the dialog ------------------------------------------------------


def test_a_charts_quotes_open_in_the_dialog():
    at = page("pages/overview.py")
    assert_clean(at)
    assert [b for b in at.button if b.key and b.key.startswith("quote_")] == []  # built when open
    at.session_state["quotes_saving_by_service"] = True  # the popover opened
    at.run()
    buttons = [b for b in at.button if b.key and b.key.startswith("quote_saving_by_service_")]
    assert len(buttons) == 9  # one saving a service
    assert all(" · Saving: " in b.label for b in buttons)
    assert dialogs(at) == []
    buttons[0].click().run()
    assert_clean(at)
    assert dialogs(at) == ["Block"]
    assert at.session_state["quotes_saving_by_service"] is False  # not over the dialog
    (panel,) = panels(at)
    assert "saving £" in marked_text(panel)


def test_the_out_of_city_quote_opens_in_the_dialog(dataset):
    at = page("pages/sen_needs.py")
    assert_clean(at)
    at.button(key="quote_out_of_city").click().run()
    assert_clean(at)
    (panel,) = panels(at)
    expected = dataset.sen.out_of_city.main_needs_quote
    assert canonical_quote(marked_text(panel)) == canonical_quote(expected)


# --- the HTML -------------------------------------------------------------------------------------


def test_nothing_from_the_document_is_markup():
    text = 'A <script>alert(1)</script> line\nthe "figure" & <b>£0.82M</b> here\nand after'
    found = find_quote(SourceText.of("d", text), 'the "figure" & <b>£0.82M</b>')
    assert found is not None
    shown = quote_html(found)
    assert "<script>" not in shown and "<b>" not in shown
    assert "&lt;script&gt;" in shown and "&lt;b&gt;£0.82M&lt;/b&gt;" in shown
    # The only tags are the panel's and the mark's.
    assert re.findall(r"<(/?\w+)", shown) == ["div", "mark", "/mark", "/div"]
    assert html.unescape(MARKED.findall(shown)[0]) == 'the "figure" & <b>£0.82M</b>'


@pytest.mark.parametrize(("cut_before", "cut_after"), [(True, False), (False, True)])
def test_a_cut_paragraph_shows_an_ellipsis(cut_before: bool, cut_after: bool):
    lines = [f"line {n:03d} of a paragraph with no blank line at all, on and on" for n in range(60)]
    at = 3 if cut_after else 57  # three lines (under WINDOW_CHARS) on the uncut side
    text = "\n".join([*lines[:at], "THE QUOTE", *lines[at:]])
    found = find_quote(SourceText.of("d", text), "THE QUOTE")
    assert found is not None and (found.cut_before, found.cut_after) == (cut_before, cut_after)
    shown = html.unescape(quote_html(found))
    body = re.sub(r"<[^>]+>", "", shown)
    assert body.startswith("…\n") is cut_before
    assert body.endswith("\n…") is cut_after
