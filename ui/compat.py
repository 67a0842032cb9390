"""The one place the app reaches into Streamlit's internals (Streamlit 1.67, pinned).

Only what no public API does is here, each use checked by tests/app/test_compat.py, which fails when a
Streamlit upgrade changes what it relies on. Nothing here hides a failure: if the internals are not
as expected, the call raises.

``forget_widget_key``
    The buy-back page gives a widget a fresh key whenever code changes its value (see
    pages/buyback_parts/state.py ``wkey``). Streamlit keeps the metadata of every widget a session
    has drawn until the key is reused, so without this a session grew by about seven entries a
    key press (found by the soak in bench/). Deleting the key from ``st.session_state`` (public)
    drops its value and key mapping; the metadata has no public way out. The buy-back controls are
    to become one custom component (issue 16), which needs no fresh keys; this goes with them.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.state.session_state import SessionState
from streamlit.runtime.state.session_state_proxy import get_session_state


def _session_state() -> SessionState:
    return get_session_state()._state


def forget_widget_key(key: str) -> None:
    """Forget a widget key the page has replaced with a fresh one: its value, its key mapping and
    the widget's metadata (so a stale value the browser still sends for it is ignored: Streamlit
    skips widgets it has no metadata for)."""
    state = _session_state()
    widget_id = state.get_widget_id_from_key(key)
    if key in st.session_state:
        del st.session_state[key]
    if widget_id is not None:
        state._new_widget_state.widget_metadata.pop(widget_id, None)


def widget_metadata_count() -> int:
    """How many widgets this session holds metadata for (for tests and the soak)."""
    return len(_session_state()._new_widget_state.widget_metadata)
