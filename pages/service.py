"""Service drilldown (``?service=<id>``): the report's text, money, staffing and sources for one
service, with each reconciliation gap shown beside the figure it affects."""

import streamlit as st

from redesign.present.services import neighbours, service_position
from ui import cached, present, state
from ui.blocks import chart_block, discrepancy_notes, folded, label, md, metric_tiles, show_table
from ui.briefing import briefing_downloads, service_sheet_download
from ui.data import data_version
from ui.format import markdown_paragraphs
from ui.layout import page_setup
from ui.source_view import figure_quotes

BUYBACK_PAGE = "pages/buyback.py"

dataset = page_setup("Service drilldown", params=("service",), script=__file__)
ids = [s.id for s in dataset.services]
names = {s.id: s.name for s in dataset.services}

service_id = state.query_choice("service", ids, default=ids[0], what="service", labels=names)
service = dataset.service(service_id)
prev_service, next_service = neighbours(dataset, service_id)

nav = st.columns([3, 2], vertical_alignment="bottom")
with nav[0]:
    state.choice_widget(
        "Choose a service",
        "service",
        ids,
        service_id,
        labels=names,
        help="Services in the order of the cabinet report. The choice is kept in the page link.",
    )
with nav[1], st.container(horizontal=True, gap="small"):
    if prev_service is not None:
        state.step_button(
            "Previous",
            "service",
            prev_service.id,
            key="prev_service",
            icon=":material/arrow_back:",
            help=f"Previous service: {md(prev_service.name)}",
        )
    if next_service is not None:
        state.step_button(
            "Next",
            "service",
            next_service.id,
            key="next_service",
            icon=":material/arrow_forward:",
            help=f"Next service: {md(next_service.name)}",
        )

# Figures, tables and texts for this service, made once per data version (ui.cached).
parts = cached.service(data_version(), service_id)

st.header(md(service.name), anchor="service")
position, count = service_position(dataset, service_id)
categories = parts.categories_text
st.caption(
    md(f"Service {position} of {count} in the cabinet report, section “{service.section}”.")
    + (f" Original-proposals category: {md(categories)}." if categories else "")
)
found = parts.discrepancies
tiles = parts.tiles
# The key figures before the summary, so that on a projector they fill the first screen.
metric_tiles(
    [tiles[k] for k in ("current_budget", "proposed_cost", "saving", "saving_computed")],
    per_row=4,
)
metric_tiles([tiles[k] for k in ("current_fte", "fte_after", "headcount")], per_row=3)
st.markdown(md(parts.summary))
service_sheet_download(dataset, service_id, service.name)
if service_id == dataset.sen_support.service_id:
    # The posts subject to market testing here are the buy-back model's: one click to it.
    st.page_link(
        BUYBACK_PAGE,
        label="What if schools buy these posts back? Open the buy-back model",
        icon=":material/tune:",
        query_params=present.link_query(),
    )

# --- money ---------------------------------------------------------------------------------------
st.header("Money", anchor="money")
chart_block(
    title="Current budget against proposed cost",
    subtitle=f"{service.name}: £m as stated in the report, {dataset.proposals_period()}.",
    fig=parts.budget_fig,
    table=parts.budget,
    alt=f"Bar chart of {service.name}'s current budget and proposed cost in £m.",
    sources=parts.money_sources,
    key="service_budget",
    quotes=figure_quotes(data_version(), "budget", (service.id,)),
    discrepancies=found.get("budget", []),
)

if parts.streams_fig is None or parts.streams is None:
    st.subheader("Saving by funding stream", anchor="streams")
    st.markdown("The report gives no saving by funding stream for this service.")
    discrepancy_notes(found.get("streams", []))
else:
    chart_block(
        title="Saving by funding stream",
        subtitle=f"{service.name}: saving in £m by funding stream, as stated; any part the "
        "report does not split is shown as a gap.",
        fig=parts.streams_fig,
        table=parts.streams,
        alt=f"Bar chart of {service.name}'s saving split by funding stream.",
        sources=parts.money_sources,
        key="service_streams",
        quotes=figure_quotes(data_version(), "streams", (service.id,)),
        discrepancies=found.get("streams", []),
    )
split = parts.funding_split
if split:
    st.markdown("**How the service is funded today:** " + md(split) + ".")

# --- staffing ------------------------------------------------------------------------------------
st.header("Staff", anchor="staff")
chart_block(
    title="Staff now and after, in FTE",
    subtitle=f"{service.name}: full-time equivalent (FTE) now, after, and reductions by kind, "
    "as stated; a figure the report does not state is marked derived.",
    fig=parts.staff_fig,
    table=parts.staff,
    alt=f"Bar chart of {service.name}'s FTE now ({parts.fte_now}), after, and "
    "its confirmed, market-testing and potential reductions.",
    sources=parts.staffing_sources,
    key="service_staffing",
    quotes=figure_quotes(data_version(), "staffing", (service.id,)),
    discrepancies=found.get("staffing", []),
)
st.subheader("Every staffing figure", anchor="staffing-figures")
st.markdown("Headcount counts people; FTE counts full-time equivalents. They are never added.")
show_table(parts.staffing_lines)

# --- the report's text ---------------------------------------------------------------------------
st.header("What the report says", anchor="report-text")
st.caption("The report's own words for this service, as published.")
# A section's words are sent when it is opened (ui.blocks.folded).
for i, section in enumerate(parts.text_sections):
    with folded(
        label(section.heading), key=f"report_text_{service.id}_{section.key}", expanded=i == 0
    ) as opened:
        if opened:
            st.markdown(markdown_paragraphs(section.text))
if service.notes:
    st.subheader("Notes", anchor="notes")
    for note in service.notes:
        st.markdown("- " + md(note.text) + (f" (Report: “{md(note.quote)}”)" if note.quote else ""))

# --- sources -------------------------------------------------------------------------------------
st.header("Where each number comes from", anchor="sources")
st.markdown(
    md(
        f"Every figure above is quoted from the {dataset.document_title('cabinet_appendix')}, "
        f"section “{service.section}”."
    )
)
show_table(parts.figure_sources)

briefing_downloads(dataset, page="service", service_id=service_id)
