"""Presentation mode and layout in a real browser, as a projector shows them (1280x720) and on a
large screen (1920x1080): the key figures fill the first screen, type is large enough to read
across a room, nothing is cut off, the mode is kept from page to page, and charts step with
"Previous" and "Next". Screenshots of every page, both modes, both sizes, are saved to
test-output/screenshots/present/ for a person to look at."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.helpers import SCREENSHOT_DIR, assert_no_exception, wait_for_app
from tests.browser.panel_expect import wait_for_panel

SIZES = {"1280x720": (1280, 720), "1920x1080": (1920, 1080)}
PAGES = [
    ("", "overview"),
    ("service?service=sen_support", "service"),
    ("waterfall", "waterfall"),
    ("staffing", "staffing"),
    ("buyback", "buyback"),
    ("data_sources", "data_sources"),
    ("sen_needs", "sen_needs"),
]
# Presenting, the buy-back page also off the proposal, with each group at its own level and one
# below its minimum viable team: the sentence, the tiles' change lines and the warning grow.
OFF_PROPOSAL = "buyback?bb_autism_teaching=60&bb_autism_hlta=40&bb_behaviour_and_other=120"
PRESENTED = [*PAGES, (OFF_PROPOSAL, "buyback_off_proposal")]
# How many metric tiles open each page: its key figures (the buy-back page lays out its own).
# Tiles that must be on the first screen; on the buy-back page its controls too (below).
KEY_FIGURES = {
    "overview": 10,
    "service": 7,
    "staffing": 6,
    "sen_needs": 4,
    "buyback": 8,
    "buyback_off_proposal": 8,
}
# A tile and its value: Streamlit's metrics, or the buy-back panel's own tiles.
TILE_SELECTORS = {
    "*": ("[data-testid='stMetric']", "[data-testid='stMetricValue'] p"),
    "buyback": (".bbp-tile", ".bbp-tile .bbp-value"),
}
MIN_BODY_PX = 20
MIN_FIGURE_PX = 48

_MAIN = "[data-testid='stMain']"
_SCROLL_JS = "y => document.querySelector(\"[data-testid='stMain']\").scrollTo(0, y)"


@pytest.fixture
def sized(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        yield context.new_page()
    finally:
        context.close()


def _open(page: Page, base: str, path: str, present: bool) -> None:
    query = ("&" if "?" in path else "?") + "present=1" if present else ""
    page.goto(f"{base}/{path}{query}")
    wait_for_app(page, timeout_ms=60_000)
    # The app's styles (ui.layout, ui.present) are in place before anything is measured.
    page.wait_for_function(
        "() => [...document.querySelectorAll('style')].some("
        "s => s.textContent.includes('stHeaderActionElements'))",
        timeout=30_000,
    )
    if path.startswith("buyback"):
        wait_for_panel(page)  # the buy-back panel's parts are drawn by the browser
    page.wait_for_timeout(600)  # charts finish drawing
    assert_no_exception(page)


def _settled_bottoms(page: Page, tiles: Locator, count: int) -> list[float]:
    """Where the first ``count`` tiles end, once two readings 300 ms apart agree: what is drawn
    late above them (an element whose script loads after the run) moves them down."""
    last: list[float] = []
    deadline = time.monotonic() + 15
    while True:
        boxes = [tiles.nth(i).bounding_box() for i in range(count)]
        bottoms = [box["y"] + box["height"] for box in boxes if box]
        if bottoms == last or time.monotonic() > deadline:
            return bottoms
        last = bottoms
        page.wait_for_timeout(300)


def _shot(page: Page, name: str) -> None:
    folder = SCREENSHOT_DIR / "present"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))


def _no_horizontal_overflow(page: Page) -> None:
    """Nothing runs off the right of the screen: no element of the page is wider than it."""
    wide = page.evaluate(
        """() => { const w = document.documentElement.clientWidth; const out = [];
          for (const e of document.querySelectorAll("[data-testid='stMain'] *")) {
            const r = e.getBoundingClientRect();
            if (r.width && r.right > w + 1 && getComputedStyle(e).visibility !== 'hidden')
              out.push((e.getAttribute('data-testid') || e.tagName) + ' ' + Math.round(r.right));
          } return out.slice(0, 5); }"""
    )
    assert not wide, f"cut off on the right: {wide}"


@pytest.mark.parametrize("sized", list(SIZES), indirect=True)
@pytest.mark.parametrize(("path", "name"), PRESENTED, ids=[n for _, n in PRESENTED])
def test_presenting_first_screen_and_chart_screen(
    streamlit_server: str, sized: Page, path: str, name: str
) -> None:
    page, size = sized, f"{sized.viewport_size['width']}x{sized.viewport_size['height']}"
    _open(page, streamlit_server, path, present=True)
    assert (
        page.locator("[data-testid='stSidebar']").count() == 0
        or page.locator("[data-testid='stSidebar']").is_hidden()
    )
    assert page.locator(".modebar-btn").count() == 0
    assert page.get_by_label("Link to heading").filter(visible=True).count() == 0
    height = sized.viewport_size["height"]
    buyback = name.startswith("buyback")
    if buyback:
        assert page.locator(".bbp-warning").count() == (name != "buyback")
    if name in KEY_FIGURES:
        # The buy-back page's tiles are its panel's (ui/components/buyback_panel).
        tile_sel, value_sel = TILE_SELECTORS["buyback" if buyback else "*"]
        tiles = page.locator(tile_sel)
        # Streamlit draws a tile's element once its script has loaded, which on a busy machine
        # can come after the page's run has finished (it waits behind plotly.js): wait for them.
        tiles.nth(KEY_FIGURES[name] - 1).wait_for(state="visible", timeout=30_000)
        assert tiles.count() >= KEY_FIGURES[name]
        bottoms = _settled_bottoms(page, tiles, KEY_FIGURES[name])
        assert max(bottoms) <= height, f"key figures run below the first screen: {bottoms}"
        value = page.locator(value_sel).first
        assert float(value.evaluate("e => getComputedStyle(e).fontSize")[:-2]) >= MIN_FIGURE_PX
        cut = page.eval_on_selector_all(
            value_sel,
            "ps => ps.filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.innerText)",
        )
        assert not cut, f"figures cut off in their tiles: {cut}"
    if buyback:
        # Every control (its slider, the value beside it and its exact box) and the sentence are
        # on the first screen with the tiles, at the body's type size or larger.
        parts = page.locator(".bbp-control")
        assert parts.count() >= 4
        for i in range(parts.count()):
            box = parts.nth(i).bounding_box()
            assert box and box["y"] + box["height"] <= height, f"control {i} below the first screen"
        for sel in (
            ".bbp-label",
            ".bbp-box-label",
            ".bbp-box",
            ".bbp-out",
            ".bbp-tile-label",
            ".bbp-delta",
        ):
            sizes = page.eval_on_selector_all(
                sel, "es => es.map(e => parseFloat(getComputedStyle(e).fontSize))"
            )
            assert sizes and min(sizes) >= MIN_BODY_PX, (sel, sizes)
        sentence = page.get_by_text("If schools buy back", exact=False).first
        box = sentence.bounding_box()
        assert box and box["y"] + box["height"] <= height
    body = page.locator(f"{_MAIN} [data-testid='stMarkdownContainer'] p").first
    assert float(body.evaluate("e => getComputedStyle(e).fontSize")[:-2]) >= MIN_BODY_PX
    _no_horizontal_overflow(page)
    _shot(page, f"{name}_present_{size}_first")
    stage = page.locator(".st-key-present_stage")
    if stage.count():
        top = stage.evaluate("e => e.getBoundingClientRect().top")
        page.evaluate(_SCROLL_JS, int(top) + 0)
        page.wait_for_timeout(400)
        head = page.locator(".st-key-present_stage_head h3")
        expect(head).to_be_visible()
        assert head.bounding_box()["y"] < height / 3  # the title is at the top of its screen
        _shot(page, f"{name}_present_{size}_chart")


@pytest.mark.parametrize("sized", list(SIZES), indirect=True)
@pytest.mark.parametrize(("path", "name"), PAGES, ids=[n for _, n in PAGES])
def test_desk_first_screen(streamlit_server: str, sized: Page, path: str, name: str) -> None:
    page, size = sized, f"{sized.viewport_size['width']}x{sized.viewport_size['height']}"
    _open(page, streamlit_server, path, present=False)
    expect(page.get_by_text("Presentation mode", exact=True)).to_be_visible()
    _no_horizontal_overflow(page)
    _shot(page, f"{name}_desk_{size}_first")


@pytest.mark.parametrize("sized", ["1280x720"], indirect=True)
def test_overview_money_tiles_in_one_row(streamlit_server: str, sized: Page) -> None:
    _open(sized, streamlit_server, "", present=False)
    tiles = sized.locator("[data-testid='stMetric']")
    tops = {round(tiles.nth(i).bounding_box()["y"]) for i in range(4)}
    assert len(tops) == 1, tops


@pytest.mark.parametrize("sized", ["1280x720"], indirect=True)
def test_need_beside_support_labels_are_not_cut_off(streamlit_server: str, sized: Page) -> None:
    """Every word of the chart (bar labels and axis labels) lies inside the chart's area."""
    _open(sized, streamlit_server, "sen_needs", present=False)
    chart = sized.locator(".st-key-chart_sen_need_support .js-plotly-plot")
    chart.scroll_into_view_if_needed()
    outside = chart.evaluate(
        """plot => { const box = plot.getBoundingClientRect(); const out = [];
          for (const t of plot.querySelectorAll('text')) { const r = t.getBoundingClientRect();
            if (r.width && (r.left < box.left - 1 || r.right > box.right + 1))
              out.push(t.textContent); } return out; }"""
    )
    assert not outside, outside


@pytest.mark.parametrize("sized", ["1280x720"], indirect=True)
def test_presentation_mode_is_kept_across_pages_and_steps_charts(
    streamlit_server: str, sized: Page
) -> None:
    page = sized
    _open(page, streamlit_server, "", present=True)
    # The top bar's menu opens another page, still presenting.
    page.get_by_role("button", name="Pages").click()
    page.get_by_role("link", name="Staffing before and after").click()
    wait_for_app(page, timeout_ms=60_000)
    assert "/staffing" in page.url and "present=1" in page.url
    expect(page.get_by_text("Chart 1 of 3")).to_be_visible()
    first = page.locator(".st-key-present_stage_head h3").inner_text()
    page.get_by_role("button", name="Next chart").click()
    wait_for_app(page, timeout_ms=60_000)
    expect(page.get_by_text("Chart 2 of 3")).to_be_visible()
    assert "chart=2" in page.url
    second = page.locator(".st-key-present_stage_head h3").inner_text()
    assert second != first
    assert page.locator(".js-plotly-plot").count() == 1
    page.get_by_role("button", name="Previous chart").click()
    wait_for_app(page, timeout_ms=60_000)
    expect(page.get_by_text("Chart 1 of 3")).to_be_visible()
    assert page.locator(".st-key-present_stage_head h3").inner_text() == first
    # A link drawn by a page keeps the mode too.
    _open(page, streamlit_server, "", present=True)
    page.get_by_role("link", name="SEN Support Services", exact=True).first.click()
    wait_for_app(page, timeout_ms=60_000)
    assert "/service" in page.url and "present=1" in page.url
    # And leaving it brings the sidebar back, on the same page.
    page.get_by_role("button", name="Leave presentation mode").click()
    wait_for_app(page, timeout_ms=60_000)
    assert "present" not in page.url and "/service" in page.url
    expect(page.locator("[data-testid='stSidebar']")).to_be_visible()


@pytest.mark.parametrize("sized", ["1280x720"], indirect=True)
def test_overview_path_opens_the_overview(streamlit_server: str, sized: Page) -> None:
    sized.goto(f"{streamlit_server}/overview?present=1")
    wait_for_app(sized, timeout_ms=60_000)
    assert sized.get_by_text("Page not found").count() == 0
    expect(
        sized.get_by_role("heading", name="Education Services redesign: overview")
    ).to_be_visible()
    assert "present=1" in sized.url


@pytest.mark.parametrize("sized", ["1280x720"], indirect=True)
def test_one_upload_limit_on_screen(streamlit_server: str, sized: Page) -> None:
    _open(sized, streamlit_server, "buyback", present=False)
    # The uploader sits below the library, which opens the store: wait for it, not for a moment.
    expect(sized.get_by_text("files over 64 KB are refused")).to_be_attached(timeout=60_000)
    text = sized.locator(_MAIN).inner_text()
    assert "1MB" not in text.replace(" ", "")
    assert text.count("64 KB") == 1
