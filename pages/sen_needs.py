"""SEN needs and provision: the FOI reply (February 2015) and the Inclusion and SEN Strategy
(January 2004 figures), beside the 2016 proposals.

Every figure shows its date: the strategy's tables are "as at January 2004", the FOI placements
February 2015, the redesign proposals 2016. Figures from different dates sit side by side and are
never drawn as a trend. The search over the suggested actions lives in the URL (``?q=``).
"""

import streamlit as st
from streamlit.errors import StreamlitAPIException

from redesign.checks.discrepancy import Discrepancy
from redesign.core.headline import Headline
from redesign.data.dataset import REPORT_DOCUMENT
from redesign.data.source_text import QuoteRef
from redesign.sen.actions import filter_actions
from redesign.sen.categories import category_totals
from redesign.sen.placements import placements_summary
from redesign.sen.provision import provision_comparison
from redesign.sen.schools import school_action_rolls, special_schools_total, statements_per_school
from ui import cached, state
from ui.blocks import (
    PreparedTable,
    chart_block,
    md,
    metric_tiles,
    show_csv,
    show_table,
    source_line,
)
from ui.blocks import table_block as _table_block
from ui.briefing import briefing_downloads
from ui.data import data_version
from ui.format import count, pct
from ui.layout import page_setup
from ui.source_view import quote_button, sen_quotes

SERVICE_PAGE = "pages/service.py"
BUYBACK_PAGE = "pages/buyback.py"
SEARCH_PARAM = "q"
SEARCH_KEY = "sen_actions_search"
SEARCH_SYNCED = "sen_actions_search_synced"
PROVISION_RECORDS = (
    "special_schools",
    "proposed_special_schools",
    "proposed_enhanced_resource_schools",
)

dataset = page_setup(
    "SEN needs and provision",
    intro=lambda data: (
        "What need do the SEN services meet? The council's Inclusion and SEN Strategy counted "
        f"pupils by need, special-school places and pupils **as at {md(data.sen.categories.as_at)}"
        f"**; its FOI reply counted independent placements in **{md(data.sen.placements.as_at)}"
        f"**; the redesign figures are the **{md(data.proposals_period())}**. The figures are "
        "shown side by side, each with its date, and never as a trend."
        if data.sen is not None
        else ""
    ),
    params=(SEARCH_PARAM,),
)
sen = dataset.sen
if sen is None:
    st.info(
        "This data folder has no SEN dataset (sen_needs.yaml and need_support_map.yaml), so "
        "there is nothing to show on this page.",
        icon=":material/info:",
    )
    st.stop()

DOC = dataset.document_title(sen.document)
REPORT = dataset.document_title(REPORT_DOCUMENT)
# Figures and tables made once per data version (ui.cached), not on every rerun.
parts = cached.sen_needs(data_version())
found = parts.discrepancies


def source(section: str, as_at: str) -> str:
    return f"{DOC}, {section} ({as_at})"


def table_block(**kwargs) -> None:  # type: ignore[no-untyped-def]
    """A titled table (at heading level 4, under the section's chart)."""
    _table_block(level=4, **kwargs)


def sen_discrepancy_notes(items: list[Discrepancy]) -> None:
    """Where the strategy's own figures do not add up: both numbers, in words (the shared block
    says "the report", which here would be the wrong document)."""
    for d in items:
        st.info(
            f"**Published figures that do not add up.** {md(d.check_label)}: "
            f"{md(f'{d.published:,.0f}')} {md(d.unit)} against {md(f'{d.computed:,.0f}')} "
            f"{md(d.unit)}. {md(d.detail)}",
            icon=":material/info:",
        )


def service_link(service_id: str, name: str) -> None:
    try:
        st.page_link(
            SERVICE_PAGE,
            label=f"{md(name)}: service drilldown",
            query_params={"service": service_id},
            icon=":material/arrow_forward:",
            help="Open this service's figures, text and sources",
        )
    except StreamlitAPIException:  # the page is run on its own, outside app.py's navigation
        st.markdown(f"[{md(name)}: service drilldown](service?service={service_id})")


def buyback_link() -> None:
    try:
        st.page_link(
            BUYBACK_PAGE,
            label="Buy-back model: what if schools buy more or less of the traded offer?",
            icon=":material/tune:",
        )
    except StreamlitAPIException:
        st.caption("The buy-back model page is not in this app's menu.")


# --- headline figures, each with its date ------------------------------------------------------
table_total = category_totals(sen)
schools = special_schools_total(sen)
placements = placements_summary(sen)
comparison = provision_comparison(sen)
metric_tiles(
    [
        Headline(
            "need_total",
            f"Pupils by main need, {table_total.as_at}",
            count(table_total.total),
            float(table_total.total),
            "Derived: the sum of the category-of-need table's rows (pupils at School Action Plus, "
            "at statutory assessment or with a statement); the table prints no grand total.",
            derived=True,
        ),
        Headline(
            "occupancy",
            f"Special-school places filled, {schools.as_at}",
            pct(schools.occupancy_pct),
            schools.occupancy_pct,
            f"Derived: {schools.pupils:,} pupils in {schools.places:,} places across "
            f"{schools.schools} special schools.",
            derived=True,
        ),
        Headline(
            "placements",
            f"Independent SEN placements, {placements.as_at}",
            count(placements.total),
            float(placements.total),
            f"FOI reply: {placements.inside_authority} of them placed inside the authority's "
            "boundary.",
        ),
        Headline(
            "proposed",
            f"Special places proposed in the strategy ({sen.proposed_special_schools.period_label})",
            comparison.special.short(),
            comparison.special.low,
            f"{comparison.special.describe()}; plus {comparison.enhanced.describe()} enhanced "
            f"resource places ({sen.proposed_special_schools.as_at}). Against "
            f"{comparison.today_places:,} special places in {comparison.today_as_at}.",
        ),
    ],
    per_row=2,  # two to a row, so the labels (with their dates) are never cut short
)

# --- pupils by category of need ----------------------------------------------------------------
st.header("Pupils by category of need", anchor="need")
categories = parts.categories_frame
largest = categories.sort_values("Total pupils", ascending=False).iloc[0]
chart_block(
    title=f"{largest['Category of need']}: the most common main need",
    subtitle=(
        f"Pupils at School Action Plus, at statutory assessment or with a statement, by main need, "
        f"primary and secondary schools, {sen.categories.as_at}."
    ),
    fig=parts.categories_fig,
    table=parts.categories,
    alt=(
        f"Grouped bar chart of pupils by main need in primary and secondary schools, "
        f"{sen.categories.as_at}; {largest['Category of need']} is the largest with "
        f"{largest['Total pupils']:,} pupils."
    ),
    sources=source(sen.categories.section, sen.categories.as_at),
    key="sen_categories",
    quotes=sen_quotes(data_version(), ("categories",)),
    notes=[
        f"{table_total.primary:,} primary and {table_total.secondary:,} secondary pupils, "
        f"{table_total.total:,} in all (the sum of the rows).",
    ],
)
sen_discrepancy_notes([d for d in found if d.service == "Categories of need"])

rolls = school_action_rolls(sen)
sa_, sap = rolls.school_action, rolls.school_action_plus
st.markdown(
    f"In {md(rolls.as_at)}, **{sa_.pupils:,}** pupils were at School Action "
    f"({sa_.share_pct:g}% of the roll, as published) and **{sap.pupils:,}** at School Action "
    f"Plus ({sap.share_pct:g}%). The roll itself is not published: the two shares imply about "
    f"{sa_.roll:,.0f} and {sap.roll:,.0f} pupils, and allowing for their rounding any roll from "
    f"{rolls.consistent_low:,} to {rolls.consistent_high:,} fits both."
    if rolls.consistent_low is not None
    else f"In {md(rolls.as_at)}, {sa_.pupils:,} pupils were at School Action and {sap.pupils:,} "
    "at School Action Plus; the two published shares of the roll do not fit one roll."
)
table_block(
    title=f"School Action and School Action Plus, {rolls.as_at}",
    table=parts.school_action,
    key="sen_school_action",
    description="Derived: the roll each published share implies (count ÷ share), and the range "
    "of whole rolls consistent with the share's rounding to one decimal place.",
    sources=source(sen.school_action.section, sen.school_action.as_at),
)
primary, secondary = statements_per_school(sen)
table_block(
    title=f"Pupils with statements, {sen.statements.as_at}",
    table=parts.statements,
    key="sen_statements",
    description=(
        f"Secondary: {secondary.pupils} pupils in {secondary.schools} schools, "
        f"{secondary.average:.2f} a school on average (derived), {secondary.per_school_min} to "
        f"{secondary.per_school_max} in each. Primary: {primary.pupils} pupils, "
        f"{primary.per_school_min} to {primary.per_school_max} a school; the number of primary "
        "schools is not stated, so no average can be given."
    ),
    sources=source(sen.statements.section, sen.statements.as_at),
)

# --- special schools -----------------------------------------------------------------------------
st.header("Special schools: places and pupils", anchor="special-schools")
special = parts.special.frame
over = special[special["Status"] == "over capacity"]
full = special[special["Status"] == "at capacity"]
over_words = "; ".join(
    f"{r['School']} ({r['Pupils']} pupils in {r['Places']} places)" for _, r in over.iterrows()
)
chart_block(
    title=(
        f"{len(over)} special schools had more pupils than places"
        if len(over) != 1
        else "One special school had more pupils than places"
    ),
    subtitle=(
        f"Places and pupils in each of the {schools.schools} special schools, {schools.as_at}: "
        f"{schools.pupils:,} pupils in {schools.places:,} places ({pct(schools.occupancy_pct)} "
        "filled, derived)."
    ),
    fig=parts.special_fig,
    table=parts.special,
    alt=(
        f"Bar chart of places and pupils in {schools.schools} special schools, {schools.as_at}; "
        f"over capacity: {over_words or 'none'}."
    ),
    sources=source(sen.special_schools.section, sen.special_schools.as_at),
    key="sen_special_schools",
    quotes=sen_quotes(data_version(), ("special_schools",)),
    notes=[
        f"Over capacity (more pupils than places, as published): {over_words or 'none'}.",
        f"Full (as many pupils as places): {', '.join(full['School']) or 'none'}.",
        "Types: "
        + "; ".join(f"{k} {v}" for k, v in sen.special_schools.type_glossary.items())
        + ".",
    ],
)
sen_discrepancy_notes([d for d in found if d.service == "Special schools"])

# --- today's provision against the proposals ---------------------------------------------------
st.header("Today's special places against the strategy's proposals", anchor="proposals")
chart_block(
    title=(
        f"Strategy proposed {comparison.special.short()} special places, against "
        f"{comparison.today_places:,}"
    ),
    subtitle=(
        f"Places in special schools, {comparison.today_as_at}, against the places the strategy "
        "proposed for broad-spectrum, autism and BESD special schools and for enhanced resource "
        f"schools ({comparison.proposals_as_at}). Ranges are drawn as ranges."
    ),
    fig=parts.provision_fig,
    table=parts.provision,
    alt=(
        f"Bar chart: {comparison.today_places:,} special places in {comparison.today_as_at}; "
        f"proposed special places {comparison.special.describe()}; proposed enhanced resource "
        f"places {comparison.enhanced.describe()}."
    ),
    sources=[
        source(sen.special_schools.section, sen.special_schools.as_at),
        source(sen.proposed_special_schools.section, sen.proposed_special_schools.as_at),
        source(
            sen.proposed_enhanced_resource_schools.section,
            sen.proposed_enhanced_resource_schools.as_at,
        ),
    ],
    key="sen_provision",
    quotes=sen_quotes(data_version(), PROVISION_RECORDS),
    notes=parts.provision_notes,
)
table_block(
    title=f"The proposed schools, one by one ({sen.proposed_special_schools.period_label} "
    "proposals)",
    table=parts.proposed_schools,
    key="sen_proposed_schools",
    sources=[
        source(sen.proposed_special_schools.section, sen.proposed_special_schools.as_at),
        source(
            sen.proposed_enhanced_resource_schools.section,
            sen.proposed_enhanced_resource_schools.as_at,
        ),
    ],
)

# --- independent placements and out-of-city cost -----------------------------------------------
st.header("Independent placements and out-of-city cost", anchor="placements")
chart_block(
    title=f"{placements.total} children in independent SEN placements, none in the city"
    if placements.inside_authority == 0
    else f"{placements.total} children in independent SEN placements",
    subtitle=(
        f"Children and young people placed in independent SEN schools by type, "
        f"{placements.as_at} (FOI reply). Placed inside the authority's boundary: "
        f"{placements.inside_authority} ({pct(placements.inside_share_pct)})."
    ),
    fig=parts.placements_fig,
    table=parts.placements,
    alt=(
        f"Bar chart of {placements.total} independent SEN placements by type, "
        f"{placements.as_at}; none placed inside the authority."
    ),
    sources=source(sen.placements.section, sen.placements.as_at),
    key="sen_placements",
    quotes=sen_quotes(data_version(), ("placements",)),
    notes=[sen.placements.placed_inside_note or "", sen.placements.as_at_note or ""],
)
st.subheader("Out-of-city cost to education (undated)", anchor="out-of-city")
metric_tiles(parts.out_of_city, per_row=3)
st.markdown(
    md(
        f"Date of these figures: {sen.out_of_city.as_at}. The {placements.total} independent "
        f"placements above are from {placements.as_at} and count a different thing, so the two "
        "are not a trend."
        + (
            " Of the pupils placed out of city, the strategy says: "
            f"“{sen.out_of_city.main_needs_quote}”"
            if sen.out_of_city.main_needs_quote
            else ""
        )
    )
)
source_line(source(sen.out_of_city.section, sen.out_of_city.as_at))
if sen.out_of_city.main_needs_quote:
    quote_button(
        QuoteRef(
            "Pupils placed out of city: their main needs",
            sen.document,
            sen.out_of_city.section,
            sen.out_of_city.main_needs_quote,
        ),
        key="quote_out_of_city",
    )

# --- need beside support -----------------------------------------------------------------------
st.header("Need beside support", anchor="need-beside-support")
st.warning(
    "**The links between needs and services are this tool's own reading, not the report's.** "
    + md(dataset.need_map.note if dataset.need_map else ""),
    icon=":material/edit_note:",
)
rows = parts.need_rows
chart_block(
    title="Pupils by need beside the staffing change meeting it",
    subtitle=(
        f"Pupils by main need ({sen.categories.as_at}) beside the FTE change of "
        f"the services mapped to each need in the {dataset.proposals_period()}: confirmed "
        "reduction, subject to market testing, and the at-risk posts of mapped groups. "
        "A service's figures repeat for each need it serves: "
        "do not add them up."
    ),
    fig=parts.need_fig,
    table=parts.need,
    alt=(
        f"Two-panel bar chart: pupils by main need in {sen.categories.as_at}, and for each need "
        "the FTE reductions and at-risk posts of the services this tool maps to it in the "
        f"{dataset.proposals_period()}."
    ),
    sources=[
        source(sen.categories.section, sen.categories.as_at),
        f"{REPORT}, service staffing ({dataset.proposals_period()})",
        "Redesign Explorer's own reading (need-to-support map)",
    ],
    key="sen_need_support",
    quotes=sen_quotes(data_version(), ("categories",)),
    notes=parts.need_notes,
)
table_block(
    title="Which services and teams, and why (the tool's reading)",
    table=parts.need_detail,
    key="sen_need_support_detail",
    sources=[
        "Redesign Explorer's own reading (need-to-support map)",
        f"{REPORT}, service staffing ({dataset.proposals_period()})",
    ],
)
st.markdown("**Open the services' drilldowns, or change the buy-back:**")
seen: set[str] = set()
for link in (link for r in rows for link in r.links):
    if link.service_id not in seen:
        seen.add(link.service_id)
        service_link(link.service_id, link.service_name)
buyback_link()

# --- the 25 suggested actions ------------------------------------------------------------------
st.header(f"The strategy's {len(sen.actions)} suggested actions", anchor="actions")


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
    help="Shows the actions containing every word you type (text, theme, section, timeline). "
    "The search is kept in the page link.",
    on_change=_on_search,
)
actions = parts.actions.frame
shown = filter_actions(actions, query or "")
# Every action (no search): the table made once; a search's rows are made for that search.
shown_table: PreparedTable = parts.actions if shown is actions else cached.actions_prepared(shown)
st.markdown(
    md(
        f"Showing {len(shown)} of {len(actions)} suggested actions"
        + (f" containing “{query.strip()}”." if (query or "").strip() else ".")
    )
)
# On screen the columns a reader needs; the CSV keeps every column (notes on wording included).
show_table(shown_table)
show_csv(shown_table, file_name="sen_suggested_actions", key="csv_sen_actions")
source_line(source("Summary of Suggested Actions", sen.timeline.as_at))
st.caption(
    md(
        "Timeline rows are matched to actions by this tool (the timeline does not cite action "
        "numbers). Years are shown only where the strategy writes them: the timeline's bars lost "
        "their years when the PDF was turned into text."
    )
)
table_block(
    title=f"Timeline for implementation, {sen.timeline.start} to {sen.timeline.end}",
    table=parts.timeline,
    key="sen_timeline",
    sources=source(sen.timeline.section, sen.timeline.as_at),
)

# --- checks ---------------------------------------------------------------------------------------
st.header("Checks on the published figures", anchor="checks")
st.markdown(
    md(
        "Where the strategy's figures do not add up, both numbers are kept; nothing is corrected. "
        "Caveats that are not arithmetic mismatches are listed as notes."
    )
)
table_block(
    title="Figures that do not add up",
    table=parts.checks,
    key="sen_discrepancies",
    sources=DOC,
)
table_block(
    title="Notes",
    table=parts.notes,
    key="sen_notes",
    sources=DOC,
)

briefing_downloads(dataset, page="sen_needs")
