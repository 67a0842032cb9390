"""Savings waterfall: from total current budget to total proposed cost, a step per service or per
funding stream (``?view=service|stream``), filtered by category (``?category=<id>``); gaps where the
published figures do not reconcile are their own labelled steps (``?axis=zoom|zero``)."""

import streamlit as st

from redesign.present.services import ALL_CATEGORIES, category_options, services_in
from ui import cached, state
from ui.blocks import chart_block, md
from ui.briefing import briefing_downloads
from ui.data import data_version
from ui.format import money_m
from ui.layout import page_setup
from ui.source_view import figure_quotes

VIEWS = {"service": "By service", "stream": "By funding stream"}
AXES = {"zoom": "Zoom to the changes", "zero": "Start at zero"}

dataset = page_setup(
    "Savings waterfall",
    intro="How the proposals step the budget down from today's total to the proposed cost. Each "
    "step is labelled with its £m and its share of the savings the report states.",
    params=("view", "category", "axis"),
    script=__file__,
)
categories = category_options(dataset)

view = state.query_choice("view", list(VIEWS), default="service", what="view", labels=VIEWS)
category = state.query_choice(
    "category", list(categories), default=ALL_CATEGORIES, what="category", labels=categories
)
axis = state.query_choice("axis", list(AXES), default="zoom", what="axis setting", labels=AXES)

# Radio buttons rather than segmented controls: they wrap on a narrow screen instead of hiding
# an option.
controls = st.columns([2, 3, 2], vertical_alignment="top")
with controls[0]:
    state.choice_widget("Step by", "view", list(VIEWS), view, labels=VIEWS, kind="radio")
with controls[1]:
    state.choice_widget(
        "Original-proposals category",
        "category",
        list(categories),
        category,
        labels=categories,
        help="Only the services listed under this category (named or inferred).",
    )
with controls[2]:
    state.choice_widget("Axis", "axis", list(AXES), axis, labels=AXES, kind="radio")

services = services_in(dataset, category)
if not services:
    st.info("No service of the report is listed under this category.")
    st.stop()
# The figure and table for these settings, made once per data version (ui.cached).
parts = cached.waterfall(data_version(), view, category, axis == "zoom")
start, end = parts.start, parts.end
scope = "all services" if category == ALL_CATEGORIES else f"“{categories[category]}”"
what = "service by service" if view == "service" else "by funding stream"

notes = [
    "Purple, hatched steps labelled “gap” are where the published figures do not add up; "
    "they are shown, never absorbed into another step."
]
notes += parts.gap_notes
if view == "stream":
    notes.append(
        "DSG is ring-fenced: its savings are shown apart from council-funded (core) savings, "
        "never netted against them."
    )
if axis == "zoom":
    notes.append("The £m axis does not start at zero, so that small steps are visible.")

chart_block(
    title=f"Budget falls from {money_m(start)} to {money_m(end)}",
    subtitle=f"Current budget to proposed cost, {what}, {scope}: £m, with each step's share "
    f"of the stated savings. {dataset.proposals_period()}.",
    fig=parts.fig,
    table=parts.table,
    alt=f"Waterfall chart from the current budget of {money_m(start)} to the proposed cost of "
    f"{money_m(end)}, {what}, with gaps where the published figures do not reconcile.",
    sources=parts.money_sources,
    key=f"waterfall_{view}",
    quotes=figure_quotes(data_version(), "money", tuple(s.id for s in services)),
    notes=notes,
)

st.subheader("What the steps mean", anchor=False)
st.markdown(
    "- **A saving** (−) lowers the budget: "
    + (
        "the saving stated for the service."
        if view == "service"
        else "the savings stated for each funding stream, summed across services."
    )
    + "\n- **A gap** is the difference between figures the report publishes that do not agree, "
    "for example a saving the report does not split by funding stream, or a stated saving that "
    "is not the service's budget minus its proposed cost.\n"
    "- **Proposed cost** is where the steps end: the sum of the proposed costs the report states."
)
st.caption(md("Open a service from the Overview to see each figure's source quote."))

briefing_downloads(
    dataset,
    page="waterfall",
    waterfall_view=view,
    waterfall_category="" if category == ALL_CATEGORIES else category,
)
