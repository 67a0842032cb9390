"""The one comparison on the buy-back page: up to four scenarios side by side, each either the
scenario set above as it was when added (kept for this browser session only, with the link that
reproduces it) or a saved scenario from the library (with its permalink). A chart, a table whose
cells are written in each row's unit (redesign.buyback.compare) and its CSV."""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from redesign.buyback import compare as bc
from redesign.buyback.charts import compare_figure
from redesign.buyback.model import Scenario
from redesign.exports.pack.request import NamedScenario
from redesign.present import library as pl
from redesign.store import SavedScenario, ScenarioStore, StoreError
from ui.blocks import csv_button, data_table, md, plotly_figure, source_line
from ui.components.copy_link import copy_link

from . import results
from . import state as bs

# Set by a button in the library's fragment that changes the scenario: the fragment then asks for
# a run of the whole page, so that the controls and results show the new scenario.
FULL_RUN = "bb:lib:full_run"
# The message of "Add to the comparison without saving", shown beside that button.
ADD_MSG = "bb:compare_msg:add"
FULL_MESSAGE = (
    f"You can compare up to {bs.MAX_COMPARE} scenarios. Remove one before adding another."
)


@dataclass(frozen=True)
class Compared:
    """A scenario in the comparison: ``saved`` when it came from the library."""

    name: str  # as the comparison shows it (unique among the compared)
    scenario: Scenario
    saved: SavedScenario | None = None
    deleted: bool = False  # deleted from the library since it was added


def ask_full_run() -> None:
    st.session_state[FULL_RUN] = True


def compared() -> list[Compared]:
    return list(st.session_state.get(bs.COMPARE, []))


def _add(item: Compared, message_key: str = bs.COMPARE_MSG) -> bool:
    ss = st.session_state
    items = compared()
    if len(items) >= bs.MAX_COMPARE:
        ss[message_key] = FULL_MESSAGE
        return False
    name = bc.comparison_name(item.name, [c.name for c in items])
    items.append(replace(item, name=name))
    ss[bs.COMPARE] = items
    ss[message_key] = f"Added “{name}” to the comparison below."
    return True


def add_saved(saved: SavedScenario, scenario: Scenario) -> bool:
    """Add a saved scenario (``scenario``: it fitted to today's data) unless it is there."""
    for item in compared():
        if item.saved is not None and item.saved.id == saved.id:
            st.session_state[bs.COMPARE_MSG] = f"“{item.name}” is already in the comparison."
            return False
    return _add(Compared(saved.name, scenario, saved))


def on_compare_add() -> None:
    s = bs.scenario()
    _add(Compared(s.name, s), ADD_MSG)


def on_compare_remove(index: int) -> None:
    ss = st.session_state
    items = compared()
    if 0 <= index < len(items):
        removed = items.pop(index)
        ss[bs.COMPARE_MSG] = f"Removed “{removed.name}” from the comparison."
    ss[bs.COMPARE] = items


def on_compare_load(index: int) -> None:
    ss = st.session_state
    items = compared()
    if not 0 <= index < len(items):
        return
    item = items[index]
    s = item.scenario
    shown = Scenario(s.levels, s.assumptions, s.name or item.name)
    bs.set_scenario(shown)
    ask_full_run()
    if item.saved is not None and not item.deleted:
        ss[bs.OPENED] = (item.saved.id, shown)  # the URL becomes its permalink
    ss[bs.COMPARE_MSG] = f"Showing “{item.name}” in the controls above."


def show_message(key: str = bs.COMPARE_MSG) -> None:
    message = st.session_state.pop(key, None)
    if message == FULL_MESSAGE:
        st.warning(md(message), icon=":material/block:")
    elif message:
        st.info(md(message), icon=":material/info:")


def _refreshed(store: ScenarioStore | None, items: list[Compared]) -> list[Compared]:
    """Mark the saved ones deleted from the library since they were added (one query)."""
    ids = [c.saved.id for c in items if c.saved is not None]
    if store is None or not ids:
        return items
    try:
        found = store.get_many(ids)
    except StoreError:
        return items  # the library's own notice says the store cannot be used
    return [
        replace(c, deleted=found.get(c.saved.id) is None or found[c.saved.id].deleted)
        if c.saved is not None
        else c
        for c in items
    ]


def _origin(item: Compared) -> str:
    if item.saved is None:
        return "Not saved: kept for this browser session only. Its link:"
    if item.deleted:
        return "Deleted from the library since it was added. Its permalink no longer opens it."
    return pl.saved_line(item.saved) + " Its permalink:"


def _link(item: Compared) -> str:
    if item.saved is not None:
        return pl.permalink(bs.page_url(), item.saved.id)
    return bs.share_link(item.scenario)


def _rows(items: list[Compared], digest: str) -> None:
    for i, item in enumerate(items):
        with st.container(border=True):
            row = st.columns([5, 3, 2], vertical_alignment="center")
            with row[0]:
                st.markdown(f"**{i + 1}. {md(item.name)}**")
                st.caption(md(_origin(item)))
            with row[1]:
                st.button(
                    "Show in the controls",
                    key=f"bb:compare_load:{i}",
                    on_click=on_compare_load,
                    args=(i,),
                    icon=":material/upload:",
                    help=f"Set the controls above to “{md(item.name)}”.",
                    width="stretch",
                )
            with row[2]:
                st.button(
                    "Remove",
                    key=f"bb:compare_remove:{i}",
                    on_click=on_compare_remove,
                    args=(i,),
                    icon=":material/close:",
                    help=f"Take “{md(item.name)}” out of the comparison (it stays saved).",
                    width="stretch",
                )
            copy_link(_link(item), key=f"bb:compare_link:{i}", label=item.name)
            note = pl.earlier_data_note(item.saved, digest) if item.saved else None
            if note:
                st.caption(md(note))


def compare_section(store: ScenarioStore | None, digest: str) -> None:
    """The comparison: its rows with their links, the chart, the table and its CSV. ``store``
    (None when the library cannot be used) says which saved ones were deleted since."""
    st.subheader("Compared scenarios", anchor="compare")
    st.markdown(
        f"Up to {bs.MAX_COMPARE} side by side: add the scenario set above, or saved ones from"
        " the library. The comparison itself is kept for this browser session only."
    )
    show_message()
    items = _refreshed(store, compared())
    st.session_state[bs.COMPARE] = items
    if not items:
        st.caption("No scenarios added yet.")
        return
    _rows(items, digest)
    m = bs.model()
    pairs = [(c.name, c.scenario) for c in items]
    names = [n for n, _ in pairs]
    named = [(name, m.evaluate(s)) for name, s in pairs]
    st.subheader("Compared scenarios: saving, income and redundancy cost", anchor="bb_compare")
    st.markdown(
        "£m: saving and traded income a year, redundancy cost once, for each scenario on"
        " today's data. Money rests on ASSUMPTIONS."
    )
    plotly_figure(
        compare_figure(named),
        key="chart_bb_compare",
        alt="Grouped bar chart comparing the saving, traded income needed and one-off"
        " redundancy cost of the compared scenarios.",
    )
    rows = bc.comparison_rows(m, pairs)
    numbers = bc.numbers_frame(rows, names)
    # Rows mix units, so each cell is written in its row's unit (the CSV keeps the numbers).
    data_table(numbers, display=bc.display_frame(rows, names))
    row = st.columns([1, 3], vertical_alignment="center")
    with row[0]:
        csv_button(numbers, file_name="buyback_compared_scenarios", key="csv_bb_compare")
    with row[1]:
        source_line(results.source_money())


def pack_scenarios() -> list[NamedScenario]:
    """The comparison as the briefing pack lists it: each scenario with where it came from."""
    return [
        NamedScenario(c.name, c.scenario, "saved library", c.saved.id)
        if c.saved is not None
        else NamedScenario(c.name, c.scenario)
        for c in compared()
    ]
