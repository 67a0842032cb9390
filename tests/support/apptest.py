"""Opening a page as a first visit would, through app.py's navigation, for the AppTest tests."""

from __future__ import annotations

import os

from streamlit.testing.v1 import AppTest

from tests.support.paths import ROOT

# REDESIGN_APP_PATH: another entry script to test (as the browser tests take it).
APP = str(ROOT / os.environ.get("REDESIGN_APP_PATH", "app.py"))
HOME = "pages/overview.py"


def open_app(timeout: float) -> AppTest:
    """app.py's first run (the overview), which must raise nothing."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(
    page: str, timeout: float, *, check: bool = True, **params: str | list[str]
) -> AppTest:
    """``page`` with ``?params`` after a first visit; with ``check`` its run must raise nothing."""
    at = open_app(timeout)
    if page != HOME:
        at.switch_page(page)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if check:
        assert not at.exception, [e.value for e in at.exception]
    return at
