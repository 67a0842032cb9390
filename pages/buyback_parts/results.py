"""What a buy-back scenario means on screen: the tiles, the two charts and the share box.

Each has a part drawn on full runs (titles, notes, the tables that depend on the assumptions only)
and a part the fragment redraws on every key press. The figures come from redesign
(buyback_view.scenario_tiles, buyback_charts); only pixel sizes are decided here.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from redesign.buyback import scenario_io as sio
from redesign.buyback import text as bt
from redesign.buyback import view as bv
from redesign.buyback.charts import fte_figure, fte_table_rows
from redesign.buyback.curve_chart import curve_figure, curve_table
from redesign.buyback.model import Scenario, ScenarioResult
from redesign.core.formatting import fte, money_m
from ui.blocks import (
    csv_button,
    data_table,
    label,
    md,
    plotly_figure,
    record_table,
    source_line,
    table_expander,
)
from ui.components.copy_link import copy_link
from ui.present import presenting

from . import state as bs

# A tile's width: its value's length times the width of a character of the value's font (about
# 0.55 em: 36 px on a desk, 48 px on a projector), with room for the tile's padding; never less
# than a width that keeps two tiles a row in the results column at 1280 px.
TILE_WIDTH = 165
PRESENT_TILE_WIDTH = 180
VALUE_CHAR_PX = 20
PRESENT_VALUE_CHAR_PX = 25
TILE_PADDING_PX = 34
PRESENT_TILE_PADDING_PX = 28

FTE_CHART = (
    "Posts kept and lost in each group",
    "FTE of today's at-risk posts kept (bought back) and made redundant, by group, in this"
    " scenario.",
)
CURVE_CHART = (
    "Saving and traded income at each buy-back level",
    "£m a year with every group at the same buy-back, 0% to 150%; this scenario marked with"
    " diamonds. Money rests on ASSUMPTIONS.",
)
CURVE_NOTE = (
    "The diamonds sit at the share of at-risk FTE this scenario keeps. With groups at different"
    " levels they can sit just off the lines, because groups cost different amounts per FTE."
)


def source_fte() -> str:
    return bt.source_fte(bs.model(), bs.section())


def source_money() -> str:
    return bt.source_money(bs.model(), bs.section())


# --- tiles ---------------------------------------------------------------------------------------


def tile_width(values: list[str], presenting: bool = False) -> int:
    """One width for every tile, wide enough that the longest value is not cut."""
    longest = max((len(v) for v in values), default=0)
    if presenting:
        return max(PRESENT_TILE_WIDTH, PRESENT_VALUE_CHAR_PX * longest + PRESENT_TILE_PADDING_PX)
    return max(TILE_WIDTH, VALUE_CHAR_PX * longest + TILE_PADDING_PX)


def _metric(tile: bv.Tile, width: int) -> None:
    """A tile whose change against the proposal (the caption above the tiles says so) is in words
    and an arrow, never colour alone.
    Labels go through ``label``: Streamlit reads a label's source as the tile's accessible name."""
    same = not tile.delta or tile.delta == bt.NO_CHANGE
    st.metric(
        label(tile.label),
        tile.value,
        delta=label(tile.delta) if tile.delta else None,
        delta_color="off",
        delta_arrow="off" if same else ("up" if tile.change > 0 else "down"),
        help=label(tile.help),
        border=True,
        width=width,
    )


def tiles(result: ScenarioResult, proposal: ScenarioResult) -> None:
    shown = bv.scenario_tiles(result, proposal)
    width = tile_width([t.value for t in shown], presenting())
    # One wrapping row of fixed-width tiles (two or three a line) rather than a row of columns
    # per pair: every block is redrawn on each key press.
    with st.container(horizontal=True, gap="small", key="bb_tiles"):
        for tile in shown:
            _metric(tile, width)


# --- charts --------------------------------------------------------------------------------------


def _chart_head(title: str, subtitle: str, anchor: str) -> DeltaGenerator:
    """A chart's active title and subtitle (ui.blocks.chart_block's order); returns the place
    for the chart itself, which the fragment redraws."""
    st.subheader(md(title), anchor=anchor)
    st.markdown(md(subtitle))
    return st.container()


def chart_layout(s: Scenario) -> tuple[DeltaGenerator, DeltaGenerator]:
    """Both charts' blocks in ui.blocks.chart_block's order (title, subtitle, chart, notes, data
    table, CSV, source). Only the parts that move with the buy-back are left to the fragment:
    the curve's table depends on the assumptions alone, which change only on a full run."""
    fte_slot = _chart_head(*FTE_CHART, "bb_fte")
    source_line(source_fte())
    curve_slot = _chart_head(*CURVE_CHART, "bb_curve")
    st.caption(md(CURVE_NOTE))
    table = curve_table(bs.curve(s))
    with table_expander("bb_curve") as shown:
        if shown:
            data_table(table)
    csv_button(table, file_name="bb_curve", key="csv_bb_curve")
    source_line(source_money())
    return fte_slot, curve_slot


def fte_chart(result: ScenarioResult) -> None:
    plotly_figure(
        fte_figure(result),
        key="chart_bb_fte",
        alt=(
            f"Stacked bar chart: of {fte(result.at_risk_fte)} FTE at risk,"
            f" {fte(result.retained_fte)} FTE kept and {fte(result.redundant_fte)} FTE"
            " redundant, shown for each of the three groups."
        ),
    )
    fte_table(result)


def fte_table(result: ScenarioResult) -> None:
    """The FTE chart's data: a table on request and its CSV."""
    rows = fte_table_rows(result)
    with table_expander("bb_fte") as shown:
        if shown:
            record_table(rows)
    csv_button(pd.DataFrame(rows), file_name="bb_fte", key="csv_bb_fte", deferred=True)


def curve_chart(s: Scenario, result: ScenarioResult) -> None:
    plotly_figure(
        curve_figure(bs.curve(s), result, bv.proposal_pct(bs.model(), s)),
        key="chart_bb_curve",
        alt=(
            "Line chart: the saving and the traded income needed rise with buy-back; this"
            f" scenario gives a saving of {money_m(result.saving_m)} and needs"
            f" {money_m(result.traded_income_m)} of traded income."
        ),
    )


# --- the share box -------------------------------------------------------------------------------


def share_frame() -> DeltaGenerator:
    """The unchanging part of the share box (full runs); returns the place for the link."""
    with st.container(border=True):
        st.markdown("#### Send or save this scenario")
        st.markdown(
            "This link reproduces the scenario exactly (every level and every changed"
            " assumption). Copy it with “Copy link”, or save a file."
        )
        return st.container()


def share(s: Scenario) -> None:
    """The link and the file for this scenario (every key press)."""
    copy_link(bs.share_link(s), key="bb:share_link", label="this scenario")
    m = bs.model()
    st.download_button(
        "Download scenario (YAML)",
        # Made when the button is pressed (Streamlit's deferred download), not on every key
        # press; the model and scenario are immutable, so the file is this scenario's.
        data=lambda: sio.to_yaml(m, s).encode("utf-8"),
        file_name=f"{bv.file_slug(s.name)}.yaml",
        mime="application/x-yaml",
        key="bb:download_yaml",
        icon=":material/download:",
        on_click="ignore",
    )
