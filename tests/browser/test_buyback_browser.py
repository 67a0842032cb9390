"""The buy-back what-if page in a real browser: the keyboard moves a slider and the tiles and the
Plotly charts repaint; two browser contexts (two sessions) never see each other's scenario; a link
reproduces a scenario; screenshots go to test-output/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import VIEWPORT
from tests.browser.helpers import assert_no_exception, screenshot, wait_for_app

PLOTLY_SVG = ".js-plotly-plot .main-svg"
SIXTY_FORTY = "bb_autism_teaching=60&bb_autism_hlta=60&bb_behaviour_and_other=40"


def open_buyback(page: Page, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}/buyback{'?' + query if query else ''}")
    wait_for_app(page, timeout_ms=60_000)
    # The first run of a fresh server imports Plotly and pandas: wait for the content itself.
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=60_000)
    page.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2", timeout=60_000
    )


def tile(page: Page, label: str) -> str:
    """The value shown in the metric tile whose label starts with ``label``."""
    metric = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").filter(has_text=re.compile("^" + re.escape(label)))
    )
    return metric.get_by_test_id("stMetricValue").inner_text().strip()


def group_slider(page: Page, label: str):
    """The slider's keyboard-focusable range input (role=slider), found by its label."""
    block = page.get_by_test_id("stSlider").filter(has_text=label)
    return block.get_by_role("slider")


def fte_chart_text(page: Page) -> str:
    """All the text drawn in the first Plotly chart (the FTE per group chart)."""
    return page.evaluate("() => document.querySelector('.js-plotly-plot').textContent")


def full_screenshot(page: Page, name: str) -> None:
    """Streamlit scrolls inside its main container: grow the viewport to the content first."""
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return m ? m.scrollHeight : document.body.scrollHeight; }"
    )
    page.set_viewport_size(
        {"width": VIEWPORT["width"], "height": min(max(int(height), 900), 12_000)}
    )
    page.wait_for_timeout(800)
    screenshot(page, name)
    page.set_viewport_size(VIEWPORT)


@pytest.fixture
def second_page(browser: Browser) -> Iterator[Page]:
    """A second, separate browser context (its own cookies and Streamlit session)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_keyboard_moves_a_slider_and_the_charts_repaint(streamlit_server: str, page: Page) -> None:
    open_buyback(page, streamlit_server)
    assert_no_exception(page)
    assert tile(page, "At-risk FTE redundant") == "0.00"
    assert "9.20 kept · 0.00 redundant" in fte_chart_text(page)
    screenshot(page, "buyback_before_key")

    thumb = group_slider(page, "Autism teaching posts: buy-back")
    thumb.focus()
    page.keyboard.press("ArrowLeft")  # 100% -> 99%

    # The tile and the chart both repaint: 1% of 9.2 FTE is 0.09 FTE (0.092).
    expect(
        page.get_by_test_id("stMetric")
        .filter(has_text="At-risk FTE redundant")
        .get_by_test_id("stMetricValue")
    ).to_have_text("0.09", timeout=30_000)
    page.wait_for_function(
        # The chart is taken out and put back while the fragment reruns: null is "not yet".
        "() => (document.querySelector('.js-plotly-plot')?.textContent ?? '')"
        ".includes('9.11 kept · 0.09 redundant')",
        timeout=30_000,
    )
    wait_for_app(page)
    assert_no_exception(page)
    assert thumb.input_value() == "99"  # Streamlit's slider is an <input type=range>
    assert thumb.get_attribute("aria-valuetext") == "99%"
    # The number box beside the slider and the URL follow the keyboard.
    box = page.get_by_label("Exact % for Autism teaching posts", exact=True)
    expect(box).to_have_value("99.0")
    assert "bb_autism_teaching=99" in page.url
    assert tile(page, "Saving") != "£1.25m" or tile(page, "Traded income needed") != "£1.54m"
    screenshot(page, "buyback_after_key")


def test_two_browser_sessions_do_not_share_a_scenario(
    streamlit_server: str, page: Page, second_page: Page
) -> None:
    open_buyback(page, streamlit_server)
    open_buyback(second_page, streamlit_server)

    # Session one: type an exact level for every group at once.
    box = page.get_by_label("Exact % for all groups", exact=True)
    box.fill("0")
    box.press("Enter")
    expect(
        page.get_by_test_id("stMetric")
        .filter(has_text="At-risk FTE redundant")
        .get_by_test_id("stMetricValue")
    ).to_have_text("33.32", timeout=30_000)
    wait_for_app(page)

    # Session two still shows the proposal, and its own change does not reach session one.
    second_page.wait_for_timeout(500)
    assert tile(second_page, "At-risk FTE redundant") == "0.00"
    thumb = group_slider(second_page, "Central behaviour and other traded posts: buy-back")
    thumb.focus()
    for _ in range(3):
        second_page.keyboard.press("ArrowLeft")
    expect(
        second_page.get_by_test_id("stMetric")
        .filter(has_text="At-risk FTE redundant")
        .get_by_test_id("stMetricValue")
    ).to_have_text("0.60", timeout=30_000)  # 3% of 19.99 FTE
    wait_for_app(second_page)
    assert tile(page, "At-risk FTE redundant") == "33.32"
    assert "bb_autism_teaching=0" in page.url
    assert "bb_autism_teaching=100" in second_page.url
    screenshot(page, "buyback_session_one")
    screenshot(second_page, "buyback_session_two")


def test_link_reproduces_the_scenario(streamlit_server: str, page: Page) -> None:
    open_buyback(page, streamlit_server, SIXTY_FORTY)
    assert_no_exception(page)
    assert tile(page, "At-risk FTE redundant") == "17.33"
    assert tile(page, "Traded income needed") == "£0.75m"
    assert tile(page, "Saving") == "£1.15m"
    expect(page.get_by_text("17.33 of the 33.32 FTE at risk would go").first).to_be_visible()
    full_screenshot(page, "buyback_sixty_forty")


def test_hostile_link_shows_a_notice_as_text(streamlit_server: str, page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_buyback(
        page,
        streamlit_server,
        "bb_autism_teaching=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&a_traded_charge_pct=1e999",
    )
    assert_no_exception(page)
    expect(page.get_by_text("could not be used as given", exact=False)).to_be_visible()
    assert page.locator("[data-testid='stAlert'] img").count() == 0
    assert dialogs == []
    screenshot(page, "buyback_hostile_link")


def test_rapid_key_presses_are_not_lost(streamlit_server: str, page: Page) -> None:
    """Holding an arrow key sends presses faster than the reruns: none may be undone by a value
    the browser had not yet updated (the page gives code-set widgets fresh keys for this)."""
    open_buyback(page, streamlit_server)
    thumb = group_slider(page, "All groups: buy-back")
    thumb.focus()
    for _ in range(10):
        page.keyboard.press("ArrowLeft")
    expect(
        page.get_by_test_id("stMetric")
        .filter(has_text="At-risk FTE redundant")
        .get_by_test_id("stMetricValue")
    ).to_have_text("3.33", timeout=30_000)  # every group at 90%: 10% of 33.32 FTE
    wait_for_app(page)
    assert "bb_autism_teaching=90&bb_autism_hlta=90&bb_behaviour_and_other=90" in page.url
    assert thumb.input_value() == "90"
    # The keyboard focus stayed on the slider, so the next press still moves it.
    page.keyboard.press("ArrowRight")
    expect(thumb).to_have_value("91", timeout=30_000)
    wait_for_app(page)
    assert_no_exception(page)


def test_downloads_hold_the_scenario_on_screen(streamlit_server: str, page: Page) -> None:
    """The YAML and the FTE CSV are made when the button is pressed (deferred downloads): each
    holds the scenario on screen at that moment, after key presses, not the one the page opened
    with."""
    from redesign import load_dataset
    from redesign.buyback import scenario_io as sio
    from redesign.buyback.model import BuybackModel

    open_buyback(page, streamlit_server, SIXTY_FORTY)
    thumb = group_slider(page, "Autism teaching posts: buy-back")
    thumb.focus()
    page.keyboard.press("ArrowLeft")  # 60% -> 59%
    expect(page.get_by_text("59% of the autism teaching posts").first).to_be_visible(timeout=30_000)
    wait_for_app(page)

    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Download scenario (YAML)").click()
    raw = Path(info.value.path()).read_bytes()
    model = BuybackModel(load_dataset())
    scenario = sio.from_yaml(model, raw)
    assert scenario.levels == {
        "autism_teaching": 0.59,
        "autism_hlta": 0.6,
        "behaviour_and_other": 0.4,
    }

    fte_block = page.get_by_test_id("stDownloadButton").filter(has_text="Download CSV").first
    with page.expect_download(timeout=30_000) as info:
        fte_block.get_by_role("button").click()
    csv = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert csv.splitlines()[0].startswith("Group,Buy-back %,At risk FTE,Kept FTE")
    assert "Autism teaching posts,59.0," in csv
    assert_no_exception(page)
