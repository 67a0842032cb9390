"""Staffing before and after: FTE now and after per service, reductions by kind (confirmed, subject
to market testing, potential) as distinct parts, a headcount view, and totals."""

import streamlit as st

from ui import cached
from ui.blocks import chart_block, discrepancy_notes, metric_tiles
from ui.briefing import briefing_downloads
from ui.data import data_version
from ui.format import share
from ui.layout import page_setup
from ui.source_view import figure_quotes

dataset = page_setup(
    "Staffing before and after",
    intro="Posts in full-time equivalents (FTE) now and after the proposals, and the reductions "
    "the report states, kept apart by kind. Headcount (people) is shown separately: FTE and "
    "headcount are never added together.",
    params=(),
    script=__file__,
)
# Figures and tables made once per data version (ui.cached), not on every rerun.
parts = cached.staffing(data_version())

tiles = parts.tiles
metric_tiles([tiles[k] for k in ("current_fte", "fte_after", "headcount")], per_row=3)
metric_tiles(
    [tiles[k] for k in ("confirmed_reduction", "market_testing", "potential_reduction")],
    per_row=3,
)

chart_block(
    title="Staff now and after, service by service",
    subtitle="Full-time equivalent (FTE) per service now and after the proposals, as stated. "
    f"{dataset.proposals_period()}. “Derived” marks an FTE after that the report does not state.",
    fig=parts.now_after_fig,
    table=parts.staff,
    alt=parts.now_after_alt,
    sources=parts.sources,
    key="staffing_now_after",
    quotes=figure_quotes(data_version(), "staffing"),
)

chart_block(
    title="Reductions by kind: confirmed, market testing, potential",
    subtitle="FTE reductions the report states per service, kept apart by kind: confirmed, "
    "subject to market testing (posts kept only as far as schools buy the service back), and "
    f"potential further reductions. {dataset.proposals_period()}.",
    fig=parts.reductions_fig,
    table=parts.reductions,
    alt=parts.reductions_alt,
    sources=parts.sources,
    key="staffing_reductions",
    quotes=figure_quotes(data_version(), "staffing"),
    notes=[
        "The stated reductions need not equal FTE now minus FTE after: where they differ, both "
        "numbers are listed below.",
    ],
)

fte_gaps = parts.fte_gaps
if fte_gaps:
    with st.expander(
        f"Where the stated reduction is not FTE now minus FTE after ({len(fte_gaps)})",
        icon=":material/info:",
    ):
        discrepancy_notes(fte_gaps)

largest = parts.largest_headcount
chart_block(
    title=f"{largest[0]} employs {share(largest[1])} of the people"
    if largest
    else "People employed in each service",
    subtitle="Headcount (people, not FTE) per service now, as stated; casual staff are counted "
    "separately. The report gives no headcount after the proposals.",
    fig=parts.headcount_fig,
    table=parts.headcount,
    alt=parts.headcount_alt,
    sources=parts.sources,
    key="headcount",
    quotes=figure_quotes(data_version(), "headcount"),
)

briefing_downloads(dataset, page="staffing")
