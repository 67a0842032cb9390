"""Fixtures for real-browser tests: a Streamlit server and Debian's chromium via Playwright.

Every test under tests/browser/ is marked ``browser`` automatically, so
``pytest -m "not browser"`` skips them all.

Environment:
    REDESIGN_APP_PATH  script to serve (default ``app.py``, relative to the repo root).
    REDESIGN_DATA_DIR  passed through to the server untouched.
    REDESIGN_DB_URL    never passed through: each server gets its own (a temporary SQLite file,
                       or the test's PostgreSQL database), so no test touches var/redesign.db.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from redesign.store import DB_URL_ENV
from tests.support.server import CHROMIUM_ARGS, CHROMIUM_PATH, free_port, health_ok
from ui.components import vendor

REPO_ROOT = Path(__file__).resolve().parents[2]
BROWSER_TESTS_DIR = Path(__file__).resolve().parent
SERVER_START_TIMEOUT_S = 60
SERVER_STOP_TIMEOUT_S = 10
VIEWPORT = {"width": 1440, "height": 900}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # tryfirst: the mark must be in place before `-m` deselection runs.
    for item in items:
        if BROWSER_TESTS_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@contextlib.contextmanager
def running_server(log_dir: Path, env_overrides: dict[str, str]) -> Iterator[str]:
    """``streamlit run`` on a free loopback port with ``env_overrides`` on top of this process's
    environment; yields its base URL and stops it afterwards."""
    app_path = os.environ.get("REDESIGN_APP_PATH", "app.py")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    stdout_path = log_dir / "stdout.log"
    stderr_path = log_dir / "stderr.log"
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        app_path,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    env = {**os.environ, **env_overrides}  # inherits REDESIGN_DATA_DIR untouched

    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        proc = subprocess.Popen(
            cmd, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err
        )

    def server_output() -> str:
        return (
            f"--- stderr ---\n{stderr_path.read_text(errors='replace')}\n"
            f"--- stdout ---\n{stdout_path.read_text(errors='replace')}"
        )

    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not health_ok(f"{base_url}/_stcore/health"):
            if proc.poll() is not None:
                pytest.fail(
                    f"Streamlit server exited with code {proc.returncode} before becoming "
                    f"healthy ({' '.join(cmd)}):\n{server_output()}",
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"Streamlit server not healthy after {SERVER_START_TIMEOUT_S} s "
                    f"({' '.join(cmd)}):\n{server_output()}",
                    pytrace=False,
                )
            time.sleep(0.25)
        yield base_url
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=SERVER_STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start ``streamlit run`` on a free loopback port; yield its base URL. Its scenario library
    is an SQLite file of its own in a temporary folder (never var/redesign.db)."""
    log_dir = tmp_path_factory.mktemp("streamlit_server")
    db_url = f"sqlite:///{log_dir / 'redesign.db'}"
    with running_server(log_dir, {DB_URL_ENV: db_url}) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless, driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(
            f"{CHROMIUM_PATH} not found: install Debian's chromium "
            "(apt-get install -y chromium fonts-dejavu-core). "
            "Do not run `playwright install`.",
            pytrace=False,
        )
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        pw.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (1440x900) and page per test."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        yield context.new_page()
    finally:
        context.close()


HARNESS = REPO_ROOT / "tests" / "support" / "panel_app" / "app.py"


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The harness page on its own server (its static folder holding plotly.js)."""
    vendor.ensure_copy(HARNESS.parent)
    port = free_port()
    log = tmp_path_factory.mktemp("panel_server") / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "streamlit", "run", str(HARNESS.relative_to(REPO_ROOT))),
                *("--server.port", str(port), "--server.address", "127.0.0.1"),
                *("--server.headless", "true"),
            ],
            cwd=REPO_ROOT,
            env=os.environ.copy(),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not health_ok(f"{base}/_stcore/health"):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"harness server did not start:\n{log.read_text()}", pytrace=False)
            time.sleep(0.25)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
