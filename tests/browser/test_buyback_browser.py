"""The buy-back what-if page in a real browser, in its default design, the buy-back panel: the
keyboard moves a control and the panel's tiles and Plotly charts repaint with the server's figures;
two browser contexts (two sessions) never see each other's scenario; a link reproduces a scenario;
the downloads hold the scenario on screen; screenshots go to test-output/screenshots/.
The previous design's sliders (REDESIGN_BUYBACK_PANEL=0): tests/browser/test_buyback_classic_browser.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel
from tests.browser.conftest import VIEWPORT
from tests.browser.helpers import assert_no_exception, screenshot, wait_for_app
from tests.browser.panel_expect import (
    all_control,
    figures_wrong,
    group_control,
    press_keys,
    read_panel,
    tile_value,
    type_box,
    wait_for_panel,
    wait_for_url_level,
)

SIXTY_FORTY = "bb_autism_teaching=60&bb_autism_hlta=60&bb_behaviour_and_other=40"
MODEL = BuybackModel(load_dataset())


def open_buyback(page: Page, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}/buyback{'?' + query if query else ''}")
    wait_for_app(page, timeout_ms=60_000)
    # The first run of a fresh server imports Plotly and pandas: wait for the panel itself.
    wait_for_panel(page)


def expect_tile(page: Page, tile_id: str, value: str, timeout_ms: float = 30_000) -> None:
    expect(page.locator(f".bbp-tile[data-tile={tile_id}] .bbp-value")).to_have_text(
        value, timeout=timeout_ms
    )


def fte_chart_text(page: Page) -> str:
    """All the text drawn in the panel's posts chart (FTE per group)."""
    text: str = read_panel(page)["fte"]["svg"]
    return text


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


def test_keyboard_moves_a_control_and_the_charts_repaint(streamlit_server: str, page: Page) -> None:
    open_buyback(page, streamlit_server)
    assert_no_exception(page)
    assert tile_value(page, "redundant") == "0.00"
    assert "9.20 kept · 0.00 redundant" in fte_chart_text(page)
    screenshot(page, "buyback_before_key")

    control = group_control(page, "Autism teaching posts")
    press_keys(page, control, ["ArrowLeft"])  # 100% -> 99%

    # The tile and the chart both repaint: 1% of 9.2 FTE is 0.09 FTE (0.092).
    expect_tile(page, "redundant", "0.09")
    page.wait_for_function(
        "() => [...document.querySelectorAll('figure[data-chart=fte] .js-plotly-plot')]"
        ".some((p) => p.textContent.includes('9.11 kept · 0.09 redundant'))",
        timeout=30_000,
    )
    s = sio.make_scenario(MODEL, MODEL.default_scenario().levels | {"autism_teaching": 0.99})
    assert figures_wrong(MODEL, page, s) == []  # the range, its valuetext, the box, every tile
    # The settled level reaches Python: the URL and the sentence follow.
    wait_for_url_level(page, "autism_teaching", "99")
    expect(page.get_by_text("99% of the autism teaching posts").first).to_be_visible(timeout=30_000)
    assert control.locator(".bbp-range").input_value() == "99"
    expect(control.locator(".bbp-box")).to_have_value("99.0")
    assert tile_value(page, "saving") != "£1.25m" or tile_value(page, "income") != "£1.54m"
    wait_for_app(page)
    assert_no_exception(page)
    screenshot(page, "buyback_after_key")


def test_two_browser_sessions_do_not_share_a_scenario(
    streamlit_server: str, page: Page, second_page: Page
) -> None:
    open_buyback(page, streamlit_server)
    open_buyback(second_page, streamlit_server)

    # Session one: type an exact level for every group at once.
    type_box(all_control(page), 0)
    expect_tile(page, "redundant", "33.32")
    wait_for_url_level(page, "autism_teaching", "0")
    wait_for_app(page)

    # Session two still shows the proposal, and its own change does not reach session one.
    second_page.wait_for_timeout(500)
    assert tile_value(second_page, "redundant") == "0.00"
    control = group_control(second_page, "Central behaviour and other traded posts")
    press_keys(second_page, control, ["ArrowLeft"] * 3)
    expect_tile(second_page, "redundant", "0.60")  # 3% of 19.99 FTE
    wait_for_url_level(second_page, "behaviour_and_other", "97")
    wait_for_app(second_page)
    page.wait_for_timeout(500)
    assert tile_value(page, "redundant") == "33.32"
    assert "bb_autism_teaching=0" in page.url
    assert "bb_autism_teaching=100" in second_page.url
    screenshot(page, "buyback_session_one")
    screenshot(second_page, "buyback_session_two")


def test_link_reproduces_the_scenario(streamlit_server: str, page: Page) -> None:
    open_buyback(page, streamlit_server, SIXTY_FORTY)
    assert_no_exception(page)
    assert tile_value(page, "redundant") == "17.33"
    assert tile_value(page, "income") == "£0.75m"
    assert tile_value(page, "saving") == "£1.15m"
    # Every figure, the all-groups control's 48.0% (the share of at-risk FTE kept) among them.
    s, _ = sio.from_query(MODEL, dict(p.split("=") for p in SIXTY_FORTY.split("&")))
    assert figures_wrong(MODEL, page, s) == []
    assert read_panel(page)["all"]["box"] == "48.0"
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
    """Holding an arrow key sends presses faster than the page reruns: none may be undone by the
    page answering an earlier settled value."""
    open_buyback(page, streamlit_server)
    control = all_control(page)
    press_keys(page, control, ["ArrowLeft"] * 10)
    expect_tile(page, "redundant", "3.33")  # every group at 90%: 10% of 33.32 FTE
    for gid in MODEL.group_ids:
        wait_for_url_level(page, gid, "90")
    wait_for_app(page)
    page.wait_for_timeout(500)  # the rerun's answer has reached the panel
    assert control.locator(".bbp-range").input_value() == "90"
    # The keyboard focus stayed on the control, so the next press still moves it.
    page.keyboard.press("ArrowRight")
    expect(control.locator(".bbp-range")).to_have_value("91", timeout=30_000)
    wait_for_url_level(page, "autism_teaching", "91")
    assert_no_exception(page)


def test_downloads_hold_the_scenario_on_screen(streamlit_server: str, page: Page) -> None:
    """The YAML and the FTE CSV are made when the button is pressed (deferred downloads): each
    holds the scenario on screen at that moment, after key presses, not the one the page opened
    with."""
    open_buyback(page, streamlit_server, SIXTY_FORTY)
    press_keys(page, group_control(page, "Autism teaching posts"), ["ArrowLeft"])  # 60% -> 59%
    expect(page.get_by_text("59% of the autism teaching posts").first).to_be_visible(timeout=30_000)
    wait_for_app(page)

    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Download scenario (YAML)").click()
    raw = Path(info.value.path()).read_bytes()
    scenario = sio.from_yaml(MODEL, raw)
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


def test_copy_link_puts_the_scenario_link_on_the_clipboard(
    streamlit_server: str, page: Page
) -> None:
    """The share box's link (ui/components/copy_link): shown whole, copied by its button (reached
    by keyboard), and the copy announced; the link reproduces the scenario."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=streamlit_server)
    open_buyback(page, streamlit_server, SIXTY_FORTY)
    shown = page.locator(".app-link-text").first
    expect(shown).to_contain_text(SIXTY_FORTY)
    link = shown.inner_text()
    button = page.get_by_role("button", name="Copy link: this scenario")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".app-link [role=status]").first).to_have_text("Link copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == link
    assert_no_exception(page)
    # The copied link opens the same scenario in a new session.
    page.goto(link)
    wait_for_app(page, timeout_ms=60_000)
    wait_for_panel(page)
    assert tile_value(page, "saving") == "£1.15m"
