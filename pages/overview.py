"""Overview: headline figures, a plain-English summary, saving by service, services by category."""

import html

import streamlit as st

from ui import cached, present
from ui.blocks import chart_block, label, md, metric_tiles
from ui.briefing import briefing_downloads
from ui.data import data_version
from ui.format import share
from ui.layout import page_setup
from ui.source_view import figure_quotes

dataset = page_setup(
    "Education Services redesign: overview",
    intro=lambda data: (
        f"What the council's {md(data.proposals_period())} would change, in money "
        "and in posts, for each education service. Choose a service below to see its detail."
    ),
    params=(),
    script=__file__,
)
# Figures, tables and the summary made once per data version (ui.cached), not on every rerun.
parts = cached.overview(data_version())

st.header("Headline figures", anchor="headline-figures")
tiles = parts.tiles
st.subheader("Money (£m)", anchor=False)
metric_tiles(
    [tiles[k] for k in ("current_budget", "proposed_cost", "saving", "saving_computed")],
    per_row=4,
)
st.subheader("Staff (FTE and headcount)", anchor=False)
metric_tiles([tiles[k] for k in ("current_fte", "fte_after", "headcount")], per_row=3)
metric_tiles(
    [tiles[k] for k in ("confirmed_reduction", "market_testing", "potential_reduction")],
    per_row=3,
)
if not present.presenting():  # on a projector the question marks are not shown
    st.caption(
        "Hover on or tab to the question mark beside each figure to see where it comes from. "
        "“Partly derived” means the report does not state the figure for every service."
    )

st.header("In brief", anchor="in-brief")
for paragraph in parts.summary:
    st.markdown(md(paragraph))

largest = parts.largest_saving
chart_block(
    title=f"{largest[0]} makes {share(largest[1])} of the stated saving"
    if largest
    else "Saving stated for each service",
    subtitle="Saving stated in the report for each service, £m, largest first, with its share "
    f"of all stated savings. {dataset.proposals_period()}.",
    fig=parts.ranked_fig,
    table=parts.ranked,
    alt=parts.ranked_alt,
    sources=parts.money_sources,
    key="saving_by_service",
    quotes=figure_quotes(data_version(), "saving"),
)

st.header("Services by original-proposals category", anchor="categories")
st.markdown(
    md(parts.categories_lead)
    + " A service can appear under several. Where the list does not name a service outright, the "
    "link is this tool's reading and is marked **inferred**."
)
groups = parts.category_groups
for start in range(0, len(groups), 3):
    cols = st.columns(3)
    for col, group in zip(cols, groups[start : start + 3], strict=False):
        with col, st.container(border=True, height="stretch"):
            # A colour swatch (the category's fixed colour) beside its name; text is escaped.
            st.html(
                f'<div style="border-left: 10px solid {group.colour}; padding-left: 10px; '
                f'font-weight: 600; font-size: 1.15rem; line-height: 1.3;">'
                f"{html.escape(group.label)}</div>"
            )
            if not group.entries:
                st.markdown("No section of the report is listed here.")
            for entry in group.entries:
                st.page_link(
                    "pages/service.py",
                    label=label(entry.service_name) + (" (inferred)" if entry.inferred else ""),
                    query_params=present.link_query({"service": entry.service_id}),
                    icon=":material/arrow_forward:",
                    help="Open this service's detail",
                    width="stretch",
                )
                listed = "; ".join(f"“{name}”" for name in entry.listed_as)
                reason = " ".join(entry.reasons)
                st.caption(
                    md(f"Listed as {listed}.")
                    + (f" *Inferred:* {md(reason)}" if entry.inferred and reason else "")
                    + (
                        f" Some links inferred: {md(reason)}"
                        if not entry.inferred and reason
                        else ""
                    )
                )
            if group.unmatched:
                st.caption(
                    "Also listed, with no section in the report: "
                    + md("; ".join(group.unmatched))
                    + "."
                )

briefing_downloads(dataset, page="overview")
