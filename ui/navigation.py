"""Pages run only through app.py's ``st.navigation``, never from the pages/ folder on their own.

Why: while no session of a fresh server has called ``st.navigation`` yet, Streamlit runs the app
in its legacy "pages/ folder" mode: a first request straight to /waterfall runs pages/waterfall.py
without app.py (no page config, the pages/ folder's file names as the menu, files not in app.py's
PAGES reachable). It resolves that first request against the ``*.py`` files directly in pages/,
which is why each page's url_path equals its file's name (tests/app/test_hostile_urls.py checks).

How, with public API only: app.py runs the page it chose through ``run``, which marks the run. A
page run without that mark (``ensure_navigation``, called by ``ui.layout.page_setup``) calls
``st.navigation``, which from then on makes the app ignore the pages/ folder in every session (as
its documentation says), and reruns: the rerun goes through app.py, which resolves the same page.
The navigation given there lists the page itself, under the name the request used, so the
browser is never told "Page not found".
"""

from __future__ import annotations

from contextvars import ContextVar

import streamlit as st

# Set while app.py's chosen page runs (the script thread's own context: sessions never see
# another's).
_IN_APP: ContextVar[bool] = ContextVar("redesign_in_app_navigation", default=False)
# Set when a run was sent through app.py; if app.py still does not run (a page run as the main
# script, on its own), the next run goes on without it instead of rerunning for ever.
REROUTED = "nav:rerouted"


def run(page: st.Page) -> None:
    """Run the page app.py's ``st.navigation`` returned (marked as run through the app)."""
    st.session_state.pop(REROUTED, None)
    token = _IN_APP.set(True)
    try:
        page.run()
    finally:
        _IN_APP.reset(token)


def _rerouting() -> None:
    """The default page of the one-off navigation below; never drawn (st.rerun follows)."""


def ensure_navigation(script: str) -> None:
    """Send a run of ``script`` (the page's ``__file__``) through app.py if it did not come that
    way: the first run of a fresh server, in the legacy pages/ folder mode."""
    if _IN_APP.get() or st.session_state.get(REROUTED):
        return
    st.session_state[REROUTED] = True
    st.navigation(
        [
            st.Page(_rerouting, title="Redesign Explorer", default=True),
            st.Page(script),  # its url_path is its file's name, as the request resolved it
        ],
        position="hidden",
    )
    st.rerun()
