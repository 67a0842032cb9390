"""The facilitator's screen (``?workshop=<id>&key=<key>``): the join code and QR code, the live
tally, and the controls; below the first screen, what is not for the projector.

The key is taken out of the address bar once checked (a projector shows the address bar) and
kept in this session; a reload asks for it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from pages.workshop_parts import admin
from pages.workshop_parts.common import (
    PROJECTOR_CSS,
    client,
    facilitator_link,
    participant_link,
    qr_png,
    setup,
    unreachable_from_phones,
)
from pages.workshop_parts.tally_view import facilitator_tally
from redesign.buyback.scenario_io import to_query
from redesign.core.text import escape_markdown
from redesign.store import SavedScenario, ScenarioStore, StoreError
from redesign.workshop import Workshop, WorkshopStore, apply_to_library
from redesign.workshop.frames import answers_frame, comments_frame
from redesign.workshop.text import NOT_BINDING
from ui.components.copy_link import copy_link
from ui.data import get_dataset

MESSAGE = admin.MESSAGE
KEY_PROBLEM = "ws:key_problem"


def key_state(workshop_id: str) -> str:
    return f"ws:key:{workshop_id}"


def _ask_for_key(workshop_id: str, problem: str | None) -> None:
    if problem:
        st.error(escape_markdown(problem), icon=":material/key_off:")
    with st.form("ws:key_form"):
        st.text_input(
            "Facilitator key",
            type="password",
            max_chars=64,
            help="The part after key= in the facilitator link given when the workshop was made.",
            key="ws:typed_key",
        )
        st.form_submit_button(
            "Open the facilitator screen",
            on_click=lambda: st.session_state.update(
                {key_state(workshop_id): str(st.session_state.get("ws:typed_key", "")).strip()}
            ),
        )


def act(
    workshops: WorkshopStore, action: Callable[[], Any], done: str | None = None
) -> Callable[[], None]:
    """A widget callback that runs ``action`` and leaves its outcome for the next run to show."""

    def run() -> None:
        try:
            action()
        except StoreError as exc:
            st.session_state[MESSAGE] = ("error", str(exc))
        else:
            if done:
                st.session_state[MESSAGE] = ("success", done)

    return run


def _message() -> None:
    kind, text = st.session_state.pop(MESSAGE, (None, ""))
    if kind == "error":
        st.error(escape_markdown(text), icon=":material/error:")
    elif kind == "success":
        st.success(escape_markdown(text), icon=":material/check_circle:")


def _join_box(workshop: Workshop) -> None:
    link = participant_link(workshop)
    st.markdown("**Join on your phone**: scan, or type the code")
    with st.container(key="ws-code"):
        st.markdown(escape_markdown(workshop.code_text))
    st.image(qr_png(link), width="stretch")
    st.markdown(escape_markdown(link))
    if unreachable_from_phones(link):
        st.caption(
            "Phones cannot reach this address (it names this computer only): open the app by "
            "its network address, or set REDESIGN_PUBLIC_URL."
        )


def _controls(workshops: WorkshopStore, workshop: Workshop, key: str) -> None:
    wid = workshop.id
    st.session_state["ws:reveal"] = workshop.revealed
    st.session_state["ws:lock"] = workshop.locked
    with st.container(horizontal=True, gap="large"):
        st.toggle(
            "Show the results",
            key="ws:reveal",
            help="Off: results are hidden until you reveal them, here and on the phones.",
            on_change=act(
                workshops,
                lambda: workshops.update(wid, key, revealed=st.session_state["ws:reveal"]),
            ),
        )
        st.toggle(
            "Pause answering",
            key="ws:lock",
            help="Answers sent while paused are refused with a message; the form keeps them.",
            on_change=act(
                workshops, lambda: workshops.update(wid, key, locked=st.session_state["ws:lock"])
            ),
            disabled=workshop.closed,
        )
        if workshop.closed:
            st.button(
                "Reopen the workshop",
                key="ws:reopen",
                on_click=act(workshops, lambda: workshops.reopen(wid, key), "Reopened."),
            )
        else:
            st.button(
                "Close the workshop",
                key="ws:close",
                type="primary",
                on_click=act(
                    workshops,
                    lambda: workshops.close(wid, key),
                    "Closed: answers are no longer taken.",
                ),
            )
    st.caption(f"State: {escape_markdown(workshop.state)}. {escape_markdown(NOT_BINDING)}")


def _apply(workshops: WorkshopStore, workshop: Workshop, key: str) -> None:
    st.markdown(
        "Save the tally as a scenario in the library, under the workshop's title, to open on "
        "the Buy-back what-if page."
    )
    st.radio(
        "Which figures",
        ["room", "scaled"],
        format_func={"room": "The room alone", "scaled": "Scaled to the city"}.__getitem__,
        horizontal=True,
        key="ws:apply_basis",
    )

    def apply() -> None:
        scenarios = ScenarioStore.for_dataset(workshops.database, get_dataset())
        chosen = st.session_state.get("ws:apply_basis") or "room"
        try:
            saved = apply_to_library(workshops, scenarios, workshop.id, key, chosen)
        except StoreError as exc:
            st.session_state[MESSAGE] = ("error", str(exc))
        else:
            st.session_state["ws:applied"] = saved

    st.button("Apply to the buy-back model", key="ws:apply", icon=":material/tune:", on_click=apply)
    shown: SavedScenario | None = st.session_state.get("ws:applied")
    if shown is not None:
        saved = shown
        st.success(
            f"Saved to the library as “{escape_markdown(saved.name)}” (id {saved.id}).",
            icon=":material/bookmark_added:",
        )
        st.page_link(
            "pages/buyback.py",
            label="Open it on the Buy-back what-if page",
            icon=":material/open_in_new:",
            query_params=to_query(workshops.model, saved.scenario),
        )


def _answers(workshops: WorkshopStore, workshop: Workshop, key: str) -> None:
    people = workshops.participants(workshop.id, key)
    st.markdown("Answers by school, and the comments. Do not project this part.")
    if not people:
        st.caption("No answers yet.")
        return
    st.dataframe(answers_frame(workshops.model, workshop, people), hide_index=True)
    admin.remove_answer(workshops, workshop, key, people)
    st.markdown("**Comments** (they may hold personal data: for your eyes only)")
    comments = comments_frame(people)
    if comments.empty:
        st.caption("No comments.")
    else:
        st.dataframe(comments, hide_index=True)
        admin.remove_comment(workshops, workshop, key, people)
    admin.downloads(workshops, workshop, people)


def render(workshops: WorkshopStore, workshop_id: str, url_key: str | None) -> None:
    state = key_state(workshop_id)
    if url_key:
        st.session_state[state] = url_key
        del st.query_params["key"]
    key = st.session_state.get(state)
    if key:
        try:
            workshop = workshops.facilitate(workshop_id, key, client=client())
        except StoreError as exc:
            del st.session_state[state]
            # Kept for the run that shows it (a rerun may come first).
            st.session_state[KEY_PROBLEM] = str(exc)
            key = None
    if not key:
        setup("Workshop")
        _ask_for_key(workshop_id, st.session_state.pop(KEY_PROBLEM, None))
        return
    st.set_page_config(page_title=f"Workshop: {workshop.title}")
    setup(workshop.title)
    _message()
    if workshop.deleted:
        admin.deleted(workshops, workshop, key)
        return
    st.html(PROJECTOR_CSS)
    left, right = st.columns([1, 2.9], gap="medium")
    with left:
        _join_box(workshop)
    with right:
        facilitator_tally(workshops, workshop.id)
    _controls(workshops, workshop, key)
    st.divider()
    answers, apply, settings = st.tabs(
        ["Answers by school (not for the projector)", "Apply to the buy-back model", "Settings"],
        key="ws:tabs",  # the open tab stays open when a message appears above it
    )
    with answers:
        _answers(workshops, workshop, key)
    with apply:
        _apply(workshops, workshop, key)
    with settings:
        admin.settings(workshops, workshop, key)
        with st.expander("Your facilitator link (keep it private)"):
            copy_link(
                facilitator_link(workshop, key), key="ws:facilitator_link", label="facilitator link"
            )
