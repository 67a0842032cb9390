"""Helpers for the workshop browser tests: app servers on a given database, and a participant's
form filled in as a person would (on a phone-sized page)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from redesign.store import DB_URL_ENV
from tests.browser.conftest import (
    REPO_ROOT,
    SERVER_START_TIMEOUT_S,
    SERVER_STOP_TIMEOUT_S,
)
from tests.browser.helpers import wait_for_app
from tests.support.server import free_port, health_ok

PHONE = {"width": 375, "height": 812}
TALLY_WAIT_MS = 10_000  # "within a few seconds": the tally refreshes itself every 2 s


@contextlib.contextmanager
def app_server(db_url: str, log_dir: Path) -> Iterator[str]:
    """``streamlit run app.py`` on a free port with REDESIGN_DB_URL=db_url; its base URL."""
    port = free_port()
    env = {**os.environ, DB_URL_ENV: db_url}
    log_dir.mkdir(parents=True, exist_ok=True)
    with (log_dir / f"server-{port}.log").open("wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
            ],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not health_ok(f"{base}/_stcore/health"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"app server on port {port} did not start (see {log_dir})")
            time.sleep(0.25)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=SERVER_STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def phone(browser: Browser, url: str) -> Page:
    """A participant's page on its own phone-sized browser context (its own session)."""
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(url)
    expect(page.get_by_role("button", name="Send my answer")).to_be_visible(timeout=60_000)
    wait_for_app(page)  # no fragment runs on a page that has not answered yet
    return page


def fill_answer(page: Page, school: str, days: dict[str, str], years: int = 2) -> None:
    """Type a school's answer (names as the form labels them: "<offer>: how many a year")."""
    page.get_by_role("textbox", name="Your school's name").fill(school)
    page.locator(".st-key-ws-phase").click()
    page.get_by_role("option", name="Primary", exact=True).click()
    for offer, value in days.items():
        page.get_by_role("textbox", name=f"{offer}: how many a year").fill(value)
    page.get_by_text(f"{years} year{'s' if years > 1 else ''}", exact=True).click()


def send(page: Page, label: str = "Send my answer") -> None:
    page.get_by_role("button", name=label).click()


def tally_text(page: Page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def wait_for_text(page: Page, text: str, timeout_ms: int = TALLY_WAIT_MS) -> float:
    """Seconds until ``text`` is on the page (no reload); AssertionError after ``timeout_ms``."""
    start = time.monotonic()
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(text, timeout=timeout_ms)
    return time.monotonic() - start
