"""The saved scenarios: the list (newest first, a page at a time), one chosen scenario with what
can be done to it, and the recently deleted ones with Restore. Names, notes and author labels are
shown as plain text (escaped, or ``st.text``), never as Markdown or HTML."""

from __future__ import annotations

import streamlit as st

from redesign.present import library as pl
from redesign.store import KEEP_DELETED, SavedScenario, ScenarioStore
from ui.blocks import md, record_table
from ui.components.copy_link import copy_link

from . import library_actions as la
from . import state as bs

MAX_DELETED_SHOWN = 20
ICONS = {
    "success": ":material/check:",
    "info": ":material/info:",
    "warning": ":material/warning:",
    "error": ":material/error:",
}


def show_message(where: la.Where) -> None:
    """The last action's message, once, if it belongs here; a deletion gets an Undo button."""
    message: la.Message | None = st.session_state.get(la.MESSAGE)
    if message is None or message.where != where:
        return
    del st.session_state[la.MESSAGE]
    text = md(message.text)
    if message.details:
        text += "\n\n" + "\n".join(f"- {md(d)}" for d in message.details)
    getattr(st, message.kind)(text, icon=ICONS[message.kind])
    if message.undo_id is not None:
        st.button(
            "Undo the deletion",
            key="bb:lib:undo",
            on_click=la.on_undelete,
            args=(message.undo_id,),
            icon=":material/undo:",
        )


def saved_list(library: ScenarioStore) -> None:
    """The list, the chooser and the chosen scenario (the store's errors are the caller's)."""
    ss = st.session_state
    limit = int(ss.get(la.LIMIT, la.PAGE_SIZE))
    items = library.list(limit=limit)
    total = library.count() if len(items) == limit else len(items)
    row = st.columns([4, 1], vertical_alignment="bottom")
    with row[0]:
        st.subheader(f"Saved scenarios ({total:,})", anchor="saved")
    with row[1]:
        # Others' saves appear on any run; this one reruns only the library.
        st.button("Refresh the list", key="bb:lib:refresh", icon=":material/refresh:")
    show_message("list")
    if not items:
        st.caption("No saved scenarios yet: save the scenario set above to start the library.")
    else:
        _table(items, library.data_digest, total)
        _chooser(items)
        chosen = next((s for s in items if s.id == ss.get(la.CHOSEN)), None)
        if chosen is not None:
            _chosen(library, chosen)
    _recently_deleted(library)


def _table(items: list[SavedScenario], digest: str, total: int) -> None:
    st.caption(
        f"Newest first; times are {pl.ZONE_NOTE}. FTE kept, traded income needed and the saving"
        " are as computed when each was saved."
    )
    record_table(pl.list_rows(items, digest))
    if total > len(items):
        row = st.columns([3, 1], vertical_alignment="center")
        with row[0]:
            st.caption(f"Showing the newest {len(items):,} of {total:,}.")
        with row[1]:
            st.button(
                f"Show {la.PAGE_SIZE} more",
                key="bb:lib:more",
                on_click=la.on_more,
                icon=":material/expand_more:",
            )


def _chooser(items: list[SavedScenario]) -> None:
    ss = st.session_state
    labels = {s.id: pl.choice_label(s) for s in items}
    if ss.get(la.CHOSEN) not in labels:
        ss[la.CHOSEN] = None  # deleted, or no longer among those listed
    st.selectbox(
        "Choose a saved scenario to open, compare, rename, copy or delete",
        list(labels),
        format_func=labels.__getitem__,
        index=None,
        key=la.CHOSEN,
        placeholder="Type part of a name, or pick one",
    )


def _chosen(library: ScenarioStore, saved: SavedScenario) -> None:
    with st.container(border=True):
        st.markdown(f"#### {md(saved.name)}")
        st.caption(md(pl.saved_line(saved)))
        if saved.note:
            st.text(saved.note)
        if saved.problem:
            st.warning(
                md(
                    f"This saved scenario does not fit today's data: {saved.problem}. Opening it"
                    " fits it to today's data."
                ),
                icon=":material/warning:",
            )
        change = pl.data_change_note(library.data_check(saved))
        if change is None:
            st.markdown(md(f"Outputs: {pl.headline_text(saved.headline)}."))
        else:
            st.info(md(change.sentence), icon=":material/history:")
            record_table(list(change.rows))
            if change.adjustments:
                st.caption(
                    "To fit today's data:\n" + "\n".join(f"- {md(a)}" for a in change.adjustments)
                )
        st.caption("Its permalink opens it on any server that shares this library:")
        copy_link(
            pl.permalink(bs.page_url(), saved.id),
            key=f"bb:permalink:{saved.id}",
            label=f"the permalink of {saved.name}",
        )
        _buttons(saved)
        _rename(saved)


def _buttons(saved: SavedScenario) -> None:
    buttons = (
        (
            "Open this scenario",
            la.on_open,
            ":material/upload:",
            "Show it in the controls and results above.",
        ),
        (
            "Add to the comparison",
            la.on_compare,
            ":material/compare_arrows:",
            "Compare it side by side under “Compared scenarios” below.",
        ),
        ("Duplicate", la.on_duplicate, ":material/content_copy:", "Save a copy under a new id."),
        (
            "Delete",
            la.on_delete,
            ":material/delete:",
            f"Hidden at once; restorable for {KEEP_DELETED.days} days, then removed for good.",
        ),
    )
    with st.container(horizontal=True, gap="small"):
        for text, action, icon, help_text in buttons:
            st.button(
                text,
                key=f"bb:lib:{action.__name__.removeprefix('on_')}",
                on_click=action,
                args=(saved.id,),
                icon=icon,
                help=help_text,
            )


def _rename(saved: SavedScenario) -> None:
    key = la.rename_key(saved.id)
    st.session_state.setdefault(key, saved.name)
    row = st.columns([3, 1], vertical_alignment="bottom")
    with row[0]:
        st.text_input("New name", key=key, max_chars=60)
    with row[1]:
        st.button(
            "Rename",
            key="bb:lib:rename",
            on_click=la.on_rename,
            args=(saved.id,),
            icon=":material/edit:",
            width="stretch",
        )


def _recently_deleted(library: ScenarioStore) -> None:
    deleted = library.list(deleted_only=True, limit=MAX_DELETED_SHOWN)
    if not deleted:
        return
    with st.expander(
        f"Recently deleted ({len(deleted)}{'+' if len(deleted) == MAX_DELETED_SHOWN else ''})"
    ):
        st.markdown(
            f"Deleted scenarios are kept for {KEEP_DELETED.days} days, then removed for good."
        )
        for i, saved in enumerate(deleted):
            row = st.columns([4, 1], vertical_alignment="center")
            with row[0]:
                st.markdown(
                    f"**{md(saved.name)}**  \n"
                    + md(f"Deleted; can be restored until {pl.restorable_until(saved)}.")
                )
            with row[1]:
                st.button(
                    "Restore",
                    key=f"bb:lib:restore:{i}",
                    on_click=la.on_undelete,
                    args=(saved.id,),
                    icon=":material/restore_from_trash:",
                    width="stretch",
                )
