"""The workshop page with no workshop in its address: make one, or join one by its code.

Every form acts in its submit button's callback (not on the button's return value): a callback
runs whatever the run that follows does first (e.g. the rerun ui.layout may make)."""

from __future__ import annotations

import streamlit as st

from pages.workshop_parts.common import setup
from pages.workshop_parts.participant import code_form
from redesign.core.text import escape_markdown
from redesign.store import StoreError
from redesign.workshop import MAX_SCHOOLS, MAX_TITLE_CHARS, WorkshopStore, offers
from redesign.workshop.text import NOT_BINDING, money_a_day

DEFAULT_SCHOOLS = 100
PROBLEM = "ws:create_problem"


def _create(workshops: WorkshopStore) -> None:
    state = st.session_state
    asked = state.get("ws:new_offers") or []
    if not asked:
        state[PROBLEM] = "choose at least one offer to ask about"
        return
    try:
        created = workshops.create(
            state.get("ws:new_title", ""),
            asked,
            int(state.get("ws:new_schools") or DEFAULT_SCHOOLS),
            open_now=bool(state.get("ws:new_open", True)),
        )
    except StoreError as exc:
        state[PROBLEM] = str(exc)
        return
    st.query_params.clear()
    st.query_params["workshop"] = created.workshop.id
    st.query_params["key"] = created.facilitator_key


def render(workshops: WorkshopStore) -> None:
    setup("Workshop: what would schools buy?")
    st.markdown(
        "Run a workshop with headteachers: each school says, on its phone, how many days a year "
        "of each traded offer it would buy, and the screen at the front shows, as the answers "
        "arrive, which of the posts at risk that would keep. " + escape_markdown(NOT_BINDING)
    )
    join, create = st.columns([1, 2], gap="large")
    with join:
        st.subheader("Joining a workshop?")
        code_form()
    with create:
        st.subheader("Create a workshop")
        priced = offers(workshops.model)
        problem = st.session_state.pop(PROBLEM, None)
        if problem:
            st.error(f"Not created: {escape_markdown(problem)}.", icon=":material/error:")
        with st.form("ws:create"):
            st.text_input(
                "Title",
                max_chars=MAX_TITLE_CHARS,
                placeholder="Headteachers' briefing, autumn",
                key="ws:new_title",
            )
            st.multiselect(
                "Offers to ask about",
                list(priced),
                default=list(priced),
                format_func=lambda g: f"{priced[g].label} ({money_a_day(priced[g].price_per_day)})",
                key="ws:new_offers",
            )
            st.number_input(
                "Schools in the city that could buy",
                min_value=1,
                max_value=MAX_SCHOOLS,
                value=DEFAULT_SCHOOLS,
                step=1,
                help="The tally also shows the room scaled to this many schools.",
                key="ws:new_schools",
            )
            st.checkbox("Open for answers now", value=True, key="ws:new_open")
            st.form_submit_button(
                "Create the workshop", type="primary", on_click=_create, args=(workshops,)
            )
