"""ui.navigation: a page run without app.py (Streamlit's legacy pages/ folder mode, which AppTest
uses for every run, as a fresh server does for its first) is sent through app.py's navigation; a
page that is itself the main script draws once, without rerunning for ever."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = """
import streamlit as st

from ui import navigation

st.session_state["app_runs"] = st.session_state.get("app_runs", 0) + 1
navigation.run(
    st.navigation(
        [st.Page("pages/home.py", default=True), st.Page("pages/other.py", url_path="other")]
    )
)
"""
PAGE = """
import streamlit as st

from ui.navigation import ensure_navigation

ensure_navigation(__file__)
st.session_state["page_runs"] = st.session_state.get("page_runs", 0) + 1
st.markdown("{name} page")
"""


def _app(root: Path) -> Path:
    (root / "pages").mkdir()
    (root / "app.py").write_text(APP, encoding="utf-8")
    for name in ("home", "other"):
        (root / "pages" / f"{name}.py").write_text(PAGE.format(name=name), encoding="utf-8")
    return root / "app.py"


def test_a_page_run_on_its_own_goes_through_app(tmp_path: Path) -> None:
    at = AppTest.from_file(str(_app(tmp_path)), default_timeout=30)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["app_runs"] == 1
    # AppTest runs the requested page straight from pages/ (the legacy mode); it is sent back
    # through app.py, which runs it once.
    at.switch_page("pages/other.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [m.value for m in at.markdown] == ["other page"]
    assert at.session_state["app_runs"] == 2
    assert at.session_state["page_runs"] == 2  # once on each visit, never twice in a run
    at.run()
    assert at.session_state["app_runs"] == 3


def test_a_page_that_is_the_main_script_draws_without_looping(tmp_path: Path) -> None:
    page = tmp_path / "alone.py"
    page.write_text(PAGE.format(name="alone"), encoding="utf-8")
    at = AppTest.from_file(str(page), default_timeout=30)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [m.value for m in at.markdown] == ["alone page"]
    at.run()
    assert [m.value for m in at.markdown] == ["alone page"]
