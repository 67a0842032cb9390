"""The buy-back page with its panel (the default design): a key press and a typed
level change every figure the panel shows to the server's own (BuybackModel.evaluate, to the
displayed precision), the settled scenario reaches the page's URL and sentence, and axe-core finds
no violation on the page."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel, Scenario
from redesign.buyback.text import scenario_sentence
from tests.browser.a11y import axe_violations, describe
from tests.browser.helpers import assert_no_exception, screenshot, wait_for_app
from tests.browser.panel_expect import (
    all_control,
    group_control,
    press_keys,
    type_box,
    wait_for_panel,
    wait_for_url_level,
)
from tests.browser.panel_expect import figures_wrong as _figures_wrong

MODEL = BuybackModel(load_dataset())


def open_page(page: Page, base: str, query: str = "") -> None:
    page.goto(f"{base}/buyback{query}")
    wait_for_app(page)
    wait_for_panel(page)


def figures_wrong(page: Page, s: Scenario) -> list[str]:
    return _figures_wrong(MODEL, page, s)


def test_the_page_panel_follows_keys_and_boxes_and_settles_into_the_url(
    streamlit_server: str, page: Page
) -> None:
    open_page(page, streamlit_server)
    s = MODEL.default_scenario()
    assert figures_wrong(page, s) == []

    type_box(all_control(page), 60)
    s = sio.make_scenario(MODEL, MODEL.uniform(0.6).levels)
    assert figures_wrong(page, s) == []
    for gid in MODEL.group_ids:
        wait_for_url_level(page, gid, "60")

    first = MODEL.groups[0]
    press_keys(page, group_control(page, first.label), ["ArrowLeft", "ArrowLeft"])
    s = sio.make_scenario(MODEL, s.levels | {first.id: 0.58})
    assert figures_wrong(page, s) == []
    wait_for_url_level(page, first.id, "58")
    expect(page.get_by_text(scenario_sentence(MODEL.evaluate(s)))).to_be_visible(timeout=15_000)
    assert_no_exception(page)
    screenshot(page, "buyback_panel_page")


def test_a_link_opens_in_the_panel(streamlit_server: str, page: Page) -> None:
    open_page(page, streamlit_server, "?bb_autism_teaching=25")
    s = sio.make_scenario(MODEL, MODEL.default_scenario().levels | {"autism_teaching": 0.25})
    assert figures_wrong(page, s) == []


def test_axe_finds_no_violation_on_the_page_with_the_panel(
    streamlit_server: str, page: Page
) -> None:
    open_page(page, streamlit_server)
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_screenshots_look_right(streamlit_server: str, page: Page, tmp_path: Path) -> None:
    for width, height in ((1280, 720), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        open_page(page, streamlit_server)
        screenshot(page, f"buyback_panel_page_{width}x{height}")
