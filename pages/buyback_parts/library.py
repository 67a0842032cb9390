"""The buy-back page's "Save and compare scenarios" section: name the scenario set above, save it
to the scenario library (a database shared by everyone using this app) or add it to the
comparison; the saved scenarios (library_list); the comparison (comparison).

When the library cannot be used (its database unreachable, damaged, or newer than the app), only
its controls give way to a notice saying why; naming and comparing keep working, and so does the
rest of the page."""

from __future__ import annotations

import streamlit as st

from redesign import Dataset
from redesign.buyback import scenario_io as sio
from redesign.store import KEEP_DELETED, MAX_AUTHOR_CHARS, MAX_NOTE_CHARS, ScenarioStore, StoreError
from ui.blocks import md

from . import callbacks as cb
from . import comparison, library_list
from . import library_actions as la
from . import state as bs

NOTICES_SHOWN = "bb:lib:notices_shown"
INTRO = (
    "Save the scenario set above to the scenario library, where everyone using this app can"
    " open and compare it, and where it stays until someone deletes it. A deleted scenario can"
    f" be restored for {KEEP_DELETED.days} days, then it is removed for good. Or add it to the"
    " comparison without saving."
)


def _library() -> tuple[ScenarioStore | None, str]:
    """The library for this run, or None and why it cannot be used."""
    try:
        return la.store(), ""
    except StoreError as exc:
        return None, str(exc)


def _name_field() -> None:
    st.text_input(
        "Scenario name",
        key=bs.wkey(bs.NAME),
        max_chars=sio.MAX_NAME_CHARS,
        on_change=cb.on_name,
        placeholder="e.g. Autism 60%, behaviour 40%",
        help="Also in the link and the YAML file; the library and the comparison use it.",
    )


def _save_fields() -> None:
    row = st.columns([3, 2])
    with row[0]:
        st.text_area(
            "Note (optional)",
            key=la.NOTE,
            max_chars=MAX_NOTE_CHARS,
            height=68,
            placeholder="Why this scenario, for whom",
            help="Plain text; everyone using the library can read it. Leave out personal details.",
        )
    with row[1]:
        st.text_input(
            "Saved by (optional)",
            key=la.AUTHOR,
            max_chars=MAX_AUTHOR_CHARS,
            placeholder="A team or initials",
            help="A label shown in the list, e.g. your team or initials.",
        )


def _buttons(library: ScenarioStore | None) -> None:
    with st.container(horizontal=True, gap="small"):
        if library is not None:
            st.button(
                "Save to the library",
                key="bb:lib:save",
                on_click=la.on_save,
                type="primary",
                icon=":material/save:",
            )
        st.button(
            "Add to the comparison without saving",
            key="bb:compare_add",
            on_click=comparison.on_compare_add,
            icon=":material/add:",
        )


def unavailable_notice(problem: str) -> None:
    st.warning(
        f"**The scenario library cannot be used just now**, so saving, opening and listing saved"
        f" scenarios are not available: {md(problem)}. Everything else on this page works, and"
        " the link and the YAML file above still keep the scenario.",
        icon=":material/cloud_off:",
    )


def _database_notices(library: ScenarioStore) -> None:
    """What happened when the database was opened (a damaged file set aside), once a session."""
    ss = st.session_state
    if ss.get(NOTICES_SHOWN) == library.notices:
        return
    ss[NOTICES_SHOWN] = library.notices
    for notice in library.notices:
        st.info(md(notice), icon=":material/info:")


def library_section(dataset: Dataset) -> None:
    """The whole section (after the scenario's results, before the scenario file upload)."""
    st.session_state[la.DIGEST] = dataset.digest
    st.session_state.pop(comparison.FULL_RUN, None)  # this is a full run
    st.header("Save and compare scenarios", anchor="library")
    st.markdown(INTRO)
    # The name is the scenario's own (the link, the file and the share box show it), so a change
    # to it reruns the whole page; it stays outside the fragment.
    _name_field()
    library_fragment(dataset)


@st.fragment
def library_fragment(dataset: Dataset) -> None:
    """Saving, the list and the comparison: their buttons rerun only this part of the page (a
    whole run redraws the controls and both charts too). A button that changes the scenario
    (open, show in the controls) asks for a whole run instead (comparison.ask_full_run)."""
    if st.session_state.pop(comparison.FULL_RUN, False):
        st.rerun()
    # Saving or deleting the scenario on show changes whether the URL is its permalink.
    bs.write_url(bs.scenario())
    library, problem = _library()
    with st.container(border=True):
        if library is None:
            unavailable_notice(problem)  # in place of the note, the label and "Save"
        else:
            _save_fields()
        _buttons(library)
        library_list.show_message("save")
        comparison.show_message(comparison.ADD_MSG)
    if library is not None:
        _database_notices(library)
        try:
            library_list.saved_list(library)
        except StoreError as exc:
            unavailable_notice(str(exc))
            library = None
    comparison.compare_section(library, dataset.digest)


def open_link(dataset: Dataset) -> None:
    """A saved scenario's permalink (?scenario=<id>), read on the page's first run."""
    st.session_state[la.DIGEST] = dataset.digest
    la.open_link()
