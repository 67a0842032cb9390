"""The SEN needs and provision page in a real browser: no exception, the plotly charts draw as SVG,
the search filters the actions and stays in the link, and a full-page screenshot is saved."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import assert_no_exception, screenshot, wait_for_app

PATH = "sen_needs"
PLOTLY_SVG = ".js-plotly-plot .main-svg"


def _open(page: Page, base_url: str, path: str = PATH) -> None:
    page.goto(f"{base_url}/{path}")
    wait_for_app(page, timeout_ms=60_000)


def _full_screenshot(page: Page, name: str) -> None:
    """Streamlit scrolls inside its main container: grow the viewport to the content's height
    (capped) so the screenshot holds the whole page."""
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return m ? m.scrollHeight : document.body.scrollHeight; }"
    )
    page.set_viewport_size({"width": 1440, "height": min(max(int(height), 900), 26_000)})
    page.wait_for_timeout(1000)
    screenshot(page, name)


def test_sen_page_renders(streamlit_server: str, page: Page):
    _open(page, streamlit_server)
    assert_no_exception(page)
    expect(page.get_by_text("Pupils by category of need").first).to_be_visible(timeout=30_000)
    page.wait_for_selector(PLOTLY_SVG, timeout=30_000)
    assert page.locator(".js-plotly-plot").count() >= 5
    assert page.locator(".js-plotly-plot .bars path").count() > 10
    # dates on the figures and links to the service drilldowns
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text("January 2004", exact=False).first).to_be_visible()
    expect(main.get_by_text("February 2015", exact=False).first).to_be_visible()
    assert page.locator('a[href*="service?service=sen_support"]').count() >= 1
    assert page.locator('a[href$="/buyback"]').count() >= 1
    _full_screenshot(page, "sen_needs")


def test_sen_search_filters_and_is_kept_in_the_link(streamlit_server: str, page: Page):
    _open(page, streamlit_server)
    box = page.get_by_role("textbox", name="Search the actions")
    expect(box).to_be_editable(timeout=30_000)
    box.fill("Corley")
    box.press("Enter")
    expect(page.get_by_text("Showing 1 of 25 suggested actions", exact=False)).to_be_visible(
        timeout=30_000
    )
    # The search is written to the link after the rerun: poll rather than read the URL once.
    expect(page).to_have_url(re.compile(r"[?&]q=Corley(&|$)"), timeout=30_000)
    wait_for_app(page)
    assert_no_exception(page)
    _open(page, streamlit_server, f"{PATH}?q=behaviour%20difficulties")
    expect(page.get_by_text("Showing 5 of 25 suggested actions", exact=False)).to_be_visible(
        timeout=30_000
    )
    assert_no_exception(page)
