"""The buy-back page's previous design (REDESIGN_BUYBACK_PANEL=0: Streamlit's sliders and boxes,
tiles and Plotly charts, rerun by Python on every key press) in a real browser, on a server of
its own: the keyboard moves a slider and the tiles and charts repaint, and held-down arrow keys
are not lost to the page's reruns (code-set widgets get fresh keys). The benchmarks keep this
design as their baseline; what both designs share is tested on the default design, the panel,
in tests/browser/test_buyback_browser.py."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from pages.buyback_parts.panel import ENV
from redesign.store import DB_URL_ENV
from tests.browser.conftest import running_server
from tests.browser.helpers import assert_no_exception, screenshot, wait_for_app


@pytest.fixture(scope="module")
def classic_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log_dir = tmp_path_factory.mktemp("classic_server")
    env = {ENV: "0", DB_URL_ENV: f"sqlite:///{log_dir / 'redesign.db'}"}
    with running_server(log_dir, env) as base_url:
        yield base_url


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


def test_keyboard_moves_a_slider_and_the_charts_repaint(classic_server: str, page: Page) -> None:
    open_buyback(page, classic_server)
    assert_no_exception(page)
    assert tile(page, "At-risk FTE redundant") == "0.00"
    assert "9.20 kept · 0.00 redundant" in fte_chart_text(page)
    screenshot(page, "buyback_classic_before_key")

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
    screenshot(page, "buyback_classic_after_key")


def test_rapid_key_presses_are_not_lost(classic_server: str, page: Page) -> None:
    """Holding an arrow key sends presses faster than the reruns: none may be undone by a value
    the browser had not yet updated (the page gives code-set widgets fresh keys for this)."""
    open_buyback(page, classic_server)
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
