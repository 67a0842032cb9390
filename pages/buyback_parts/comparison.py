"""Named buy-back scenarios side by side: add, show in the controls, remove; a chart, a table whose
cells are written in each row's unit (redesign.buyback_compare) and its CSV."""

from __future__ import annotations

import streamlit as st

from redesign.buyback import compare as bc
from redesign.buyback import scenario_io as sio
from redesign.buyback.charts import compare_figure
from redesign.buyback.model import Scenario
from ui.blocks import csv_button, data_table, md, plotly_figure, source_line

from . import callbacks as cb
from . import results
from . import state as bs

FULL_MESSAGE = (
    f"You can compare up to {bs.MAX_COMPARE} scenarios. Remove one before adding another."
)


def compared() -> list[tuple[str, Scenario]]:
    return list(st.session_state.get(bs.COMPARE, []))


def on_compare_add() -> None:
    ss = st.session_state
    saved = compared()
    if len(saved) >= bs.MAX_COMPARE:
        ss[bs.COMPARE_MSG] = FULL_MESSAGE
        return
    s = bs.scenario()
    name = bc.comparison_name(s.name, [n for n, _ in saved])
    saved.append((name, s))
    ss[bs.COMPARE] = saved
    ss[bs.COMPARE_MSG] = f"Added “{name}” to the comparison."


def on_compare_remove(index: int) -> None:
    ss = st.session_state
    saved = compared()
    if 0 <= index < len(saved):
        name, _ = saved.pop(index)
        ss[bs.COMPARE_MSG] = f"Removed “{name}” from the comparison."
    ss[bs.COMPARE] = saved


def on_compare_load(index: int) -> None:
    ss = st.session_state
    saved = compared()
    if 0 <= index < len(saved):
        name, s = saved[index]
        bs.set_scenario(Scenario(s.levels, s.assumptions, s.name or name))
        ss[bs.COMPARE_MSG] = f"Showing “{name}” in the controls above."


def _name_and_add() -> None:
    cols = st.columns([3, 2], vertical_alignment="bottom")
    with cols[0]:
        st.text_input(
            "Scenario name",
            key=bs.wkey(bs.NAME),
            max_chars=sio.MAX_NAME_CHARS,
            on_change=cb.on_name,
            placeholder="e.g. Autism 60%, behaviour 40%",
            help="Also saved in the link and the YAML file.",
        )
    with cols[1]:
        st.button(
            "Add this scenario to the comparison",
            key="bb:compare_add",
            on_click=on_compare_add,
            icon=":material/add:",
            width="stretch",
        )
    message = st.session_state.pop(bs.COMPARE_MSG, None)
    if message == FULL_MESSAGE:
        st.warning(md(message), icon=":material/block:")
    elif message:
        st.info(md(message), icon=":material/info:")


def _saved_rows(saved: list[tuple[str, Scenario]]) -> None:
    for i, (name, _) in enumerate(saved):
        row = st.columns([6, 2, 2], vertical_alignment="center")
        with row[0]:
            st.markdown(f"**{i + 1}. {md(name)}**")
        with row[1]:
            st.button(
                "Show in the controls",
                key=f"bb:compare_load:{i}",
                on_click=on_compare_load,
                args=(i,),
                icon=":material/upload:",
                help=f"Set the controls above to “{md(name)}”.",
                width="stretch",
            )
        with row[2]:
            st.button(
                "Remove",
                key=f"bb:compare_remove:{i}",
                on_click=on_compare_remove,
                args=(i,),
                icon=":material/delete:",
                help=f"Remove “{md(name)}” from the comparison.",
                width="stretch",
            )


def compare_section() -> None:
    st.header("Compare scenarios", anchor="compare")
    st.markdown(
        f"Name the scenario set above and add it here; up to {bs.MAX_COMPARE} side by side."
        " Kept for this browser session only."
    )
    _name_and_add()
    saved = compared()
    if not saved:
        st.caption("No scenarios added yet.")
        return
    _saved_rows(saved)
    m = bs.model()
    names = [n for n, _ in saved]
    named = [(name, m.evaluate(s)) for name, s in saved]
    st.subheader("Compared scenarios: saving, income and redundancy cost", anchor="bb_compare")
    st.markdown(
        "£m: saving and traded income a year, redundancy cost once, for each named scenario."
        " Money rests on ASSUMPTIONS."
    )
    plotly_figure(
        compare_figure(named),
        key="chart_bb_compare",
        alt="Grouped bar chart comparing the saving, traded income needed and one-off"
        " redundancy cost of the named scenarios.",
    )
    rows = bc.comparison_rows(m, saved)
    numbers = bc.numbers_frame(rows, names)
    # Rows mix units, so each cell is written in its row's unit (the CSV keeps the numbers).
    data_table(numbers, display=bc.display_frame(rows, names))
    row = st.columns([1, 3], vertical_alignment="center")
    with row[0]:
        csv_button(numbers, file_name="buyback_compared_scenarios", key="csv_bb_compare")
    with row[1]:
        source_line(results.source_money())
