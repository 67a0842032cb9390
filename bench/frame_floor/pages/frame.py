"""The frame floor's page: the app's page_setup, then the empty app's slider (bench/frame_floor).

``?blocks=1`` or ``?blocks=2`` adds that many chart blocks under the slider, each drawn by the
app's own ``ui.blocks.chart_block`` (title, subtitle, chart, "Show data table", CSV download and
source line: what CONVENTIONS.md asks under every chart) from a small figure and table made once
(bench/block_parts.py), as the pages' parts are made once by ui.cached. The block floors say what
the conventions' chart block costs a page by itself, on top of the frame.
"""

import streamlit as st

from bench.block_parts import block_parts
from ui.blocks import chart_block
from ui.layout import page_setup

MAX_BLOCKS = 2


def blocks_wanted() -> int:
    raw = st.query_params.get("blocks", "0")
    return min(int(raw), MAX_BLOCKS) if raw.isdigit() else 0


page_setup(
    "App frame floor",
    intro="The frame every page draws, and one slider.",
    params=("blocks",),
    script=__file__,
)
st.slider("Buy-back %", min_value=0, max_value=150, value=100, step=1)
blocks = blocks_wanted()
if blocks:
    figure, table = block_parts()
    for i in range(blocks):
        chart_block(
            title="Savings by service",
            subtitle="£m a year, 2016 proposals",
            fig=figure,
            table=table,
            alt="Bar chart of the saving of three services.",
            sources="Benchmark floor: made-up figures",
            key=f"block_{i}",
        )
