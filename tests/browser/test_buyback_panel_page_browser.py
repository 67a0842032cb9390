"""The buy-back page with its panel switched on (REDESIGN_BUYBACK_PANEL=1): a key press and a typed
level change every figure the panel shows to the server's own (BuybackModel.evaluate, to the
displayed precision), the settled scenario reaches the page's URL and sentence, and axe-core finds
no violation on the page."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pages.buyback_parts.panel import ENV
from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel, Scenario
from redesign.buyback.text import scenario_sentence
from tests.browser.a11y import axe_violations, describe
from tests.browser.conftest import running_server
from tests.browser.helpers import assert_no_exception, screenshot, wait_for_app
from tests.browser.panel_expect import (
    all_control,
    group_control,
    mismatches,
    press_keys,
    read_panel,
    type_box,
)

MODEL = BuybackModel(load_dataset())


@pytest.fixture(scope="module")
def panel_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("panel_page"), {ENV: "1"}) as base:
        yield base


def open_page(page: Page, base: str, query: str = "") -> None:
    page.goto(f"{base}/buyback{query}")
    wait_for_app(page)
    page.wait_for_function(
        "document.querySelectorAll('.bbp-plot .main-svg').length >= 2", timeout=60_000
    )


def figures_wrong(page: Page, s: Scenario, timeout_s: float = 10.0) -> list[str]:
    """What the panel shows that differs from the server for ``s``, once the panel has drawn the
    last key press (polled: a press is drawn on the browser's next frame, not at once)."""
    deadline = time.monotonic() + timeout_s
    while True:
        wrong = mismatches(MODEL, s, read_panel(page))
        if not wrong or time.monotonic() > deadline:
            return wrong
        page.wait_for_timeout(100)


def wait_for_url_level(page: Page, group_id: str, pct: str) -> None:
    page.wait_for_function(
        "([k, v]) => new URLSearchParams(location.search).get(k) === v",
        arg=[f"bb_{group_id}", pct],
        timeout=15_000,
    )


def test_the_page_panel_follows_keys_and_boxes_and_settles_into_the_url(
    panel_server: str, page: Page
) -> None:
    open_page(page, panel_server)
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


def test_a_link_opens_in_the_panel(panel_server: str, page: Page) -> None:
    open_page(page, panel_server, "?bb_autism_teaching=25")
    s = sio.make_scenario(MODEL, MODEL.default_scenario().levels | {"autism_teaching": 0.25})
    assert figures_wrong(page, s) == []


def test_axe_finds_no_violation_on_the_page_with_the_panel(panel_server: str, page: Page) -> None:
    open_page(page, panel_server)
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_screenshots_look_right(panel_server: str, page: Page, tmp_path: Path) -> None:
    for width, height in ((1280, 720), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        open_page(page, panel_server)
        screenshot(page, f"buyback_panel_page_{width}x{height}")
