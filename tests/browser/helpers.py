"""Helpers for real-browser tests of the Streamlit app."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Page

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-output" / "screenshots"

APP = '[data-testid="stApp"]'
STATUS_WIDGET = '[data-testid="stStatusWidget"]'
EXCEPTION = '[data-testid="stException"]'
# Script states that mean "a run is pending or in progress" (stApp's data-test-script-state).
_BUSY_SCRIPT_STATES = {"initial", "running", "rerunRequested", "stopRequested"}
_QUIET_MS = 500
_POLL_MS = 100


def wait_for_app(page: Page, timeout_ms: int = 30000) -> None:
    """Wait until the Streamlit app has finished running.

    Waits for ``stApp``, then polls until the app is connected, its script is not
    running and no ``stStatusWidget`` (running / reconnecting indicator) has been
    shown for 500 ms in a row.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    page.wait_for_selector(APP, timeout=timeout_ms)
    app = page.locator(APP)
    quiet_since: float | None = None
    state = connection = None
    while True:
        state = app.get_attribute("data-test-script-state")
        connection = app.get_attribute("data-test-connection-state")
        # Older/newer frontends may lack the attributes: then the widget alone decides.
        idle = (
            page.locator(STATUS_WIDGET).count() == 0
            and state not in _BUSY_SCRIPT_STATES
            and connection in (None, "CONNECTED")
        )
        now = time.monotonic()
        if not idle:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = now
        elif (now - quiet_since) * 1000 >= _QUIET_MS:
            return
        if now > deadline:
            raise TimeoutError(
                f"Streamlit app still busy after {timeout_ms} ms "
                f"(script state={state!r}, connection={connection!r}, "
                f"status widget shown={page.locator(STATUS_WIDGET).count() > 0})"
            )
        page.wait_for_timeout(_POLL_MS)


def assert_no_exception(page: Page) -> None:
    """Fail if the app shows an exception box or any traceback text."""
    exceptions = page.locator(EXCEPTION)
    count = exceptions.count()
    assert count == 0, f"app shows {count} exception(s): {exceptions.all_inner_texts()}"
    body = page.locator("body").inner_text()
    assert "Traceback" not in body, f"app shows a traceback:\n{body}"


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG to test-output/screenshots/{name}.png and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
