"""Accessibility in a real browser, every page at a desk and in presentation mode: axe-core finds
no WCAG 2.2 A or AA violation (with every expander open), the words on chart bars contrast with
what is behind them, no request leaves the machine, and the Tab order is short and logical."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.a11y import (
    NORMAL_TEXT_RATIO,
    axe_violations,
    bar_text_contrast,
    describe,
    open_expanders,
    tab_until,
)
from tests.browser.helpers import assert_no_exception, wait_for_app
from tests.browser.panel_expect import wait_for_panel

VIEWPORT = {"width": 1280, "height": 720}
# (path, name): every page of app.py (the waterfall in both views).
PAGES = [
    ("", "overview"),
    ("service?service=sen_support", "service"),
    ("waterfall", "waterfall"),
    ("waterfall?view=stream", "waterfall_stream"),
    ("staffing", "staffing"),
    ("buyback", "buyback"),
    ("data_sources", "data_sources"),
    ("sen_needs", "sen_needs"),
]
MODES = {"desk": "", "presenting": "present=1"}


@pytest.fixture
def small(browser: Browser) -> Iterator[Page]:
    """A 1280x720 page: a council meeting room's projector."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        yield context.new_page()
    finally:
        context.close()


def url(base: str, path: str, mode: str) -> str:
    query = MODES[mode]
    if not query:
        return f"{base}/{path}"
    return f"{base}/{path}{'&' if '?' in path else '?'}{query}"


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize(("path", "name"), PAGES, ids=[n for _, n in PAGES])
def test_page_passes_axe_and_stays_on_this_machine(
    streamlit_server: str, small: Page, path: str, name: str, mode: str
) -> None:
    requests: list[str] = []
    small.on("request", lambda request: requests.append(request.url))
    small.goto(url(streamlit_server, path, mode))
    wait_for_app(small, timeout_ms=60_000)
    if name == "buyback":
        wait_for_panel(small)  # its controls, tiles and charts are drawn by the browser
    assert_no_exception(small)
    open_expanders(small)
    small.wait_for_timeout(500)

    violations = axe_violations(small)
    assert not violations, f"{name} ({mode}):\n{describe(violations)}"

    labels = bar_text_contrast(small)
    poor = [(text, inside, round(r, 2)) for text, inside, r in labels if r < NORMAL_TEXT_RATIO]
    assert not poor, f"{name} ({mode}): bar labels below {NORMAL_TEXT_RATIO}:1: {poor}"

    local = (streamlit_server, "data:", "blob:", "about:")
    away = [u for u in requests if not u.startswith(local)]
    assert not away, f"{name} ({mode}) asked another machine for: {away}"
    assert requests, "no request was recorded"


def test_bar_labels_inside_bars_are_checked(streamlit_server: str, small: Page) -> None:
    """The buy-back chart writes its words inside the bars: the contrast check sees them."""
    small.goto(f"{streamlit_server}/buyback")
    wait_for_app(small, timeout_ms=60_000)
    small.wait_for_selector(".js-plotly-plot text.bartext", timeout=30_000)
    inside = [(text, r) for text, is_inside, r in bar_text_contrast(small) if is_inside]
    assert inside, "no bar label inside a bar was found"
    assert all(r >= NORMAL_TEXT_RATIO for _, r in inside), inside


def test_the_page_icon_is_served_by_the_app(streamlit_server: str, small: Page) -> None:
    small.goto(streamlit_server)
    wait_for_app(small, timeout_ms=60_000)
    icons = small.eval_on_selector_all("link[rel~='icon']", "links => links.map(l => l.href)")
    assert icons and all(i.startswith((streamlit_server, "data:")) for i in icons), icons


# --- keyboard ------------------------------------------------------------------------------------
# (path, the control to reach, the most Tab presses it may take from the top of the page)
KEYBOARD = [
    ("", "Download CSV", 30),
    ("", "Briefing pack (PDF)", 50),
    ("staffing", "Download plot as a PNG", 25),
    ("waterfall", "Download CSV", 30),
    ("sen_needs", "Download CSV", 30),
    ("?present=1", "Leave presentation mode", 4),
    ("staffing?present=1", "Next chart", 6),
]


@pytest.mark.parametrize(("path", "wanted", "most"), KEYBOARD)
def test_tab_order_is_short(
    streamlit_server: str, small: Page, path: str, wanted: str, most: int
) -> None:
    small.goto(f"{streamlit_server}/{path}")
    wait_for_app(small, timeout_ms=60_000)
    presses, seen = tab_until(small, wanted)
    order = "\n".join(f"{i}: {s}" for i, s in enumerate(seen, 1))
    assert 0 < presses <= most, f"{wanted!r} took {presses or 'over 150'} presses:\n{order}"
    # Nothing on the way is a heading's link icon or a zoom or pan tool.
    names = [s[1] for s in seen]
    assert "Link to heading" not in names, order
    assert not {"Zoom", "Pan", "Reset axes"} & set(names), order


def test_the_buyback_pack_is_a_few_presses_away(streamlit_server: str, small: Page) -> None:
    """The buy-back page is long (a card per group, charts, the library): its "On this page"
    links take the keyboard to the briefing pack, whose first button is the next stop."""
    small.goto(f"{streamlit_server}/buyback")
    wait_for_app(small, timeout_ms=60_000)
    presses, seen = tab_until(small, "briefing pack")
    assert 0 < presses <= 25, seen
    small.keyboard.press("Enter")
    small.keyboard.press("Tab")
    focused = small.evaluate("() => document.activeElement.innerText")
    assert "Briefing pack (PDF)" in focused, focused


def test_presentation_mode_is_reached_from_the_sidebar_by_keyboard(
    streamlit_server: str, small: Page
) -> None:
    small.goto(f"{streamlit_server}/staffing")
    wait_for_app(small, timeout_ms=60_000)
    presses, seen = tab_until(small, "Presentation mode")
    assert 0 < presses <= 12, seen
    small.keyboard.press("Space")
    wait_for_app(small, timeout_ms=60_000)
    assert "present=1" in small.url
    assert small.locator("[data-testid='stSidebar']").is_hidden()


_ESCAPED_NAMES_JS = """
() => { const out = [];
  for (const e of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]'))
    for (const a of ['aria-label', 'title', 'alt', 'placeholder']) {
      const v = e.getAttribute(a); if (v && v.includes('\\\\')) out.push(a + ': ' + v); }
  return out; }
"""


@pytest.mark.parametrize(("path", "name"), PAGES, ids=[n for _, n in PAGES])
def test_names_are_read_without_escape_characters(
    streamlit_server: str, small: Page, path: str, name: str
) -> None:
    """What a screen reader reads (accessible names, titles, alt text) has no Markdown escapes:
    "Help for Saving (as stated)", never "Help for Saving \\(as stated\\)"."""
    small.goto(f"{streamlit_server}/{path}")
    wait_for_app(small, timeout_ms=60_000)
    if name in ("overview", "service", "staffing", "sen_needs"):
        # Their tiles' help buttons, the names most at risk, are drawn before looking.
        small.wait_for_selector("[data-testid='stMetric'] [aria-label]", timeout=30_000)
    if name == "buyback":
        wait_for_panel(small)  # the panel's tiles, their help buttons and its charts
    small.wait_for_timeout(500)
    escaped = small.evaluate(_ESCAPED_NAMES_JS)
    assert not escaped, f"{name}: {escaped[:5]}"
