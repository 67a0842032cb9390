"""The strategy's suggested actions, searched by the words in the link (``?q=``), its timeline, and
the checks on its published figures."""

from __future__ import annotations

import streamlit as st

from redesign.sen.actions import filter_actions
from ui import cached_sen, state
from ui.blocks import PreparedTable, md, show_csv, show_table, source_line

from .common import SenPage, table_block

SEARCH_PARAM = "q"
SEARCH_KEY = "sen_actions_search"
SEARCH_SYNCED = "sen_actions_search_synced"


def _url_search() -> str:
    values = st.query_params.get_all(SEARCH_PARAM)
    if len(values) != 1:
        return ""
    value = values[0]
    if len(value) > state.MAX_VALUE_CHARS:
        st.warning(
            "The link's search text is too long to use; showing every action.",
            icon=":material/link_off:",
        )
        return ""
    return value


def _on_search() -> None:
    value = str(st.session_state.get(SEARCH_KEY) or "").strip()
    st.session_state[SEARCH_SYNCED] = value
    if value:
        state.set_query(SEARCH_PARAM, value)
    elif SEARCH_PARAM in st.query_params:
        del st.query_params[SEARCH_PARAM]


def _search_box() -> str:
    url_value = _url_search()
    if st.session_state.get(SEARCH_SYNCED) != url_value:
        # The URL is the source of truth (a shared link, back and forward).
        st.session_state[SEARCH_KEY] = url_value
        st.session_state[SEARCH_SYNCED] = url_value
    query = st.text_input(
        "Search the actions",
        key=SEARCH_KEY,
        max_chars=state.MAX_VALUE_CHARS,
        placeholder="For example: autism, behaviour, 2008",
        help="Shows the actions containing every word you type (text, theme, section, "
        "timeline). The search is kept in the page link.",
        on_change=_on_search,
    )
    return query or ""


def actions_section(page: SenPage) -> None:
    sen, parts = page.sen, page.parts
    st.header(f"The strategy's {len(sen.actions)} suggested actions", anchor="actions")
    query = _search_box()
    actions = parts.actions.frame
    shown = filter_actions(actions, query)
    # Every action (no search): the table made once; a search's rows are made for that search.
    table: PreparedTable = parts.actions if shown is actions else cached_sen.actions_prepared(shown)
    st.markdown(
        md(
            f"Showing {len(shown)} of {len(actions)} suggested actions"
            + (f" containing “{query.strip()}”." if query.strip() else ".")
        )
    )
    # On screen the columns a reader needs; the CSV keeps every column (notes on wording too).
    show_table(table)
    show_csv(table, file_name="sen_suggested_actions", key="csv_sen_actions")
    source_line(page.source("Summary of Suggested Actions", sen.timeline.as_at))
    st.caption(
        md(
            "Timeline rows are matched to actions by this tool (the timeline does not cite action"
            " numbers). Years are shown only where the strategy writes them: the timeline's bars"
            " lost their years when the PDF was turned into text."
        )
    )
    table_block(
        title=f"Timeline for implementation, {sen.timeline.start} to {sen.timeline.end}",
        table=parts.timeline,
        key="sen_timeline",
        sources=page.source(sen.timeline.section, sen.timeline.as_at),
    )


def checks_section(page: SenPage) -> None:
    st.header("Checks on the published figures", anchor="checks")
    st.markdown(
        md(
            "Where the strategy's figures do not add up, both numbers are kept; nothing is"
            " corrected. Caveats that are not arithmetic mismatches are listed as notes."
        )
    )
    # In view: where the published figures do not add up is shown, never a click away.
    table_block(
        title="Figures that do not add up",
        table=page.parts.checks,
        key="sen_discrepancies",
        sources=page.doc,
        folded=False,
    )
    table_block(
        title="Notes", table=page.parts.notes, key="sen_notes", sources=page.doc, folded=False
    )
