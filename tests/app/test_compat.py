"""ui.compat, the app's one use of Streamlit internals: each test fails when a Streamlit upgrade
changes what it relies on (then ui/compat.py needs a look), rather than the app quietly losing it."""

from __future__ import annotations

from streamlit.runtime.state.session_state import SessionState
from streamlit.testing.v1 import AppTest


def _renewing_script() -> None:
    """Each run draws one slider under a fresh key, as the buy-back page does when code sets a
    widget's value; with ``forget`` set, the previous key is forgotten first."""
    import streamlit as st

    from ui import compat

    ss = st.session_state
    gen = ss.get("gen", 0)
    if ss.get("forget") and gen:
        compat.forget_widget_key(f"level#{gen}")
    ss["gen"] = gen + 1
    st.slider("Level", 0, 150, key=f"level#{gen + 1}")
    ss["held"] = compat.widget_metadata_count()


def _held_after(runs: int, *, forget: bool) -> list[int]:
    at = AppTest.from_function(_renewing_script, default_timeout=30)
    at.session_state["forget"] = forget
    held = []
    for _ in range(runs):
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        held.append(at.session_state["held"])
    return held


def test_the_internals_it_reads_are_there() -> None:
    assert callable(SessionState.get_widget_id_from_key)
    state = SessionState()
    assert isinstance(state._new_widget_state.widget_metadata, dict)


def test_streamlit_keeps_the_metadata_of_replaced_keys() -> None:
    """Why forget_widget_key exists: without it each fresh key stays in the session. If this
    fails, Streamlit now drops them itself and ui.compat.forget_widget_key can go."""
    held = _held_after(5, forget=False)
    assert held == sorted(held) and held[-1] - held[0] == 4, held


def test_forgetting_a_replaced_key_keeps_the_session_bounded() -> None:
    held = _held_after(5, forget=True)
    assert len(set(held)) == 1, held


def test_forgetting_drops_the_key_and_its_widget() -> None:
    def script() -> None:
        import streamlit as st
        from streamlit.runtime.state.session_state_proxy import get_session_state

        from ui import compat

        ss = st.session_state
        if ss.get("drawn"):
            state = get_session_state()._state
            widget_id = state.get_widget_id_from_key("old")
            compat.forget_widget_key("old")
            ss["after"] = (
                "old" in ss,
                state.get_widget_id_from_key("old"),
                state.get_widget_metadata(widget_id) if widget_id else "no id",
            )
        else:
            st.slider("Old", 0, 10, key="old")
            ss["drawn"] = True

    at = AppTest.from_function(script, default_timeout=30)
    at.run()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["after"] == (False, None, None)


def test_forgetting_a_key_never_drawn_is_harmless() -> None:
    def script() -> None:
        from ui import compat

        compat.forget_widget_key("never")

    at = AppTest.from_function(script, default_timeout=30)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
