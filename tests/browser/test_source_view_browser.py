"""A chart's quotes in a real browser, by keyboard alone: the "Show in the document" popover under
the chart's source line lists the chart's figures; one opens the dialog with the paragraph and the
quote marked. 1280x720 screenshots (a meeting-room projector's size) of the open popover and of
the dialog are saved to test-output/screenshots/source_view_popover.png and source_view_dialog.png."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import SCREENSHOT_DIR, assert_no_exception, wait_for_app

PROJECTOR = {"width": 1280, "height": 720}
CHART_KEY = "saving_by_service"


@pytest.fixture
def small_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PROJECTOR)
    try:
        yield context.new_page()
    finally:
        context.close()


def press(page: Page, selector: str) -> None:
    """Focus a control and press Enter, as a keyboard user would."""
    control = page.locator(selector)
    expect(control).to_be_visible(timeout=30_000)
    control.focus()
    expect(control).to_be_focused()
    page.keyboard.press("Enter")


def test_a_charts_quote_opens_in_its_place(streamlit_server: str, small_page: Page):
    page = small_page
    page.goto(f"{streamlit_server}/")
    wait_for_app(page, timeout_ms=60_000)
    assert_no_exception(page)

    opener = f".st-key-quotes_{CHART_KEY} [data-testid='stPopoverButton']:visible"
    expect(page.locator(opener)).to_have_accessible_name("Show in the document", timeout=30_000)
    press(page, opener)
    wait_for_app(page)
    first = page.locator(f".st-key-quote_{CHART_KEY}_0 button:visible")
    expect(first).to_contain_text("· Saving: £", timeout=30_000)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / "source_view_popover.png"))
    press(page, f".st-key-quote_{CHART_KEY}_0 button:visible")
    wait_for_app(page)

    dialog = page.get_by_role("dialog", name="In the source document")
    expect(dialog).to_be_visible(timeout=30_000)
    expect(dialog).to_contain_text("In the source document")
    expect(dialog).to_contain_text("Appendix A: Cabinet Report")
    expect(dialog).to_contain_text("Section: ")
    mark = dialog.locator(".quote-in-place mark")
    expect(mark).to_have_count(1)
    expect(mark).to_contain_text("(saving £")
    # The paragraph around the quote is there too, as the document prints it.
    expect(dialog.locator(".quote-in-place")).to_contain_text("Current budget")
    assert_no_exception(page)

    page.wait_for_timeout(500)  # the dialog's opening animation
    page.screenshot(path=str(SCREENSHOT_DIR / "source_view_dialog.png"))

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden(timeout=10_000)
