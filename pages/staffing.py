"""Staffing before and after: FTE now and after per service, reductions by kind (confirmed, subject
to market testing, potential) as distinct parts, a headcount view, and totals."""

import streamlit as st

from redesign import charts, views
from ui.blocks import chart_block, discrepancy_notes, metric_tiles
from ui.format import share
from ui.layout import page_setup

dataset = page_setup(
    "Staffing before and after",
    intro="Posts in full-time equivalents (FTE) now and after the proposals, and the reductions "
    "the report states, kept apart by kind. Headcount (people) is shown separately: FTE and "
    "headcount are never added together.",
    params=(),
)
services = dataset.services

tiles = {t.key: t for t in views.headline_figures(services)}
metric_tiles([tiles[k] for k in ("current_fte", "fte_after", "headcount")], per_row=3)
metric_tiles(
    [tiles[k] for k in ("confirmed_reduction", "market_testing", "potential_reduction")],
    per_row=3,
)

staff = views.staffing_frame(services, total_row=True)
sources = views.source_summary(dataset, views.staffing_figures(services))
chart_block(
    title="Staff now and after, service by service",
    subtitle="Full-time equivalent (FTE) per service now and after the proposals, as stated. "
    "2016 proposals. “Derived” marks an FTE after that the report does not state.",
    fig=charts.staffing_now_after(staff),
    table=staff,
    alt=views.staffing_now_after_alt(services),
    sources=sources,
    key="staffing_now_after",
)

reductions = views.reductions_frame(services)
chart_block(
    title="Reductions by kind: confirmed, market testing, potential",
    subtitle="FTE reductions the report states per service, kept apart by kind: confirmed, "
    "subject to market testing (posts kept only as far as schools buy the service back), and "
    "potential further reductions. 2016 proposals.",
    fig=charts.staffing_reductions(staff),
    table=reductions,
    alt=views.staffing_reductions_alt(services),
    sources=sources,
    key="staffing_reductions",
    notes=[
        "The stated reductions need not equal FTE now minus FTE after: where they differ, both "
        "numbers are listed below.",
    ],
)

fte_gaps = [d for s in services for d in views.discrepancies_by_place(s).get("staffing", [])]
if fte_gaps:
    with st.expander(
        f"Where the stated reduction is not FTE now minus FTE after ({len(fte_gaps)})",
        icon=":material/info:",
    ):
        discrepancy_notes(fte_gaps)

heads = views.headcount_frame(services)
largest = views.largest_headcount(services)
chart_block(
    title=f"{largest[0]} employs {share(largest[1])} of the people"
    if largest
    else "People employed in each service",
    subtitle="Headcount (people, not FTE) per service now, as stated; casual staff are counted "
    "separately. The report gives no headcount after the proposals.",
    fig=charts.headcount_bar(heads),
    table=heads,
    alt=views.headcount_alt(services),
    sources=views.source_summary(dataset, views.staffing_figures(services)),
    key="headcount",
)
