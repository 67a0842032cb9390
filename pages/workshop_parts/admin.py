"""The facilitator's housekeeping: remove an answer or a comment, download CSV files, settings,
delete (restorable for 30 days) or erase for good."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from redesign.core.text import escape_markdown
from redesign.store import KEEP_DELETED, StoreError
from redesign.workshop import (
    MAX_SCHOOLS,
    MAX_TITLE_CHARS,
    Participant,
    Workshop,
    WorkshopStore,
    answers_csv,
    comments_csv,
)


def _who(people: Sequence[Participant]) -> dict[str, str]:
    return {p.id: f"{p.answer.school_label} ({p.created_at:%H:%M:%S})" for p in people}


MESSAGE = "ws:message"  # shown by the facilitator screen on its next run


def _run(action: str, call: Callable[[], object]) -> Callable[[], None]:
    """A button callback: ``call``, then a message for the next run (callbacks run before the
    script, whatever that run does first)."""

    def run() -> None:
        try:
            call()
        except StoreError as exc:
            st.session_state[MESSAGE] = ("error", str(exc))
        else:
            st.session_state[MESSAGE] = ("success", action)

    return run


def remove_answer(
    workshops: WorkshopStore, workshop: Workshop, key: str, people: Sequence[Participant]
) -> None:
    who = _who(people)
    with st.expander("Remove a school's answer (so that it can answer again)"):
        chosen = st.selectbox("Answer", list(who), format_func=who.__getitem__, key="ws:rm_pick")
        st.button(
            "Remove this answer",
            key="ws:rm_answer",
            disabled=not chosen,
            on_click=_run(
                "Answer removed.",
                lambda: workshops.remove_answer(workshop.id, key, st.session_state["ws:rm_pick"]),
            ),
        )


def remove_comment(
    workshops: WorkshopStore, workshop: Workshop, key: str, people: Sequence[Participant]
) -> None:
    who = {
        pid: name
        for pid, name in _who(people).items()
        if any(p.id == pid and p.comment for p in people)
    }
    with st.expander("Remove a comment (for instance one that names a pupil)"):
        chosen = st.selectbox("Comment of", list(who), format_func=who.__getitem__, key="ws:rc")
        st.button(
            "Remove this comment",
            key="ws:rm_comment",
            disabled=not chosen,
            on_click=_run(
                "Comment removed.",
                lambda: workshops.remove_comment(workshop.id, key, st.session_state["ws:rc"]),
            ),
        )


def downloads(workshops: WorkshopStore, workshop: Workshop, people: Sequence[Participant]) -> None:
    st.download_button(
        "Download the answers (CSV)",
        answers_csv(workshops.model, workshop, people).encode("utf-8-sig"),
        file_name="workshop-answers.csv",
        mime="text/csv",
        key="ws:csv_answers",
        icon=":material/download:",
    )
    if st.checkbox("Also offer the comments (they may hold personal data)", key="ws:with_comments"):
        st.download_button(
            "Download the comments (CSV)",
            comments_csv(people).encode("utf-8-sig"),
            file_name="workshop-comments.csv",
            mime="text/csv",
            key="ws:csv_comments",
            icon=":material/download:",
        )


def settings(workshops: WorkshopStore, workshop: Workshop, key: str) -> None:
    with st.form("ws:settings"):
        st.text_input("Title", workshop.title, max_chars=MAX_TITLE_CHARS, key="ws:set_title")
        st.number_input(
            "Schools in the city that could buy",
            min_value=1,
            max_value=MAX_SCHOOLS,
            value=workshop.schools_in_city,
            step=1,
            help="The room is scaled to this many schools, by number of schools.",
            key="ws:set_schools",
        )
        st.form_submit_button(
            "Save the settings",
            on_click=_run(
                "Settings saved.",
                lambda: workshops.update(
                    workshop.id,
                    key,
                    title=st.session_state["ws:set_title"],
                    schools_in_city=int(st.session_state["ws:set_schools"]),
                ),
            ),
        )
    with st.expander("Delete this workshop"):
        st.markdown(
            f"Deleting hides the workshop and refuses its code. It can be restored for "
            f"{KEEP_DELETED.days} days from this screen, then it is removed for good with its "
            "answers and comments."
        )
        st.button(
            "Delete the workshop",
            key="ws:delete",
            icon=":material/delete:",
            on_click=_run("Deleted.", lambda: workshops.delete(workshop.id, key)),
        )


def deleted(workshops: WorkshopStore, workshop: Workshop, key: str) -> None:
    assert workshop.deleted_at is not None
    until = workshop.deleted_at + KEEP_DELETED
    st.warning(
        f"“{escape_markdown(workshop.title)}” is deleted: its code is refused. It can be "
        f"restored until {until.day} {until:%B %Y}, then it is removed for good.",
        icon=":material/delete:",
    )
    with st.container(horizontal=True):
        st.button(
            "Restore the workshop",
            key="ws:undelete",
            icon=":material/restore:",
            on_click=_run("Restored.", lambda: workshops.undelete(workshop.id, key)),
        )
        st.button(
            "Erase it now, with its answers and comments",
            key="ws:erase",
            type="primary",
            on_click=_run(
                "Erased for good: the workshop, its answers and its comments.",
                lambda: workshops.erase(workshop.id, key),
            ),
        )
