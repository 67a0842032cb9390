"""The SEN page's figures, section by section: pupils by need, special schools, today's places
against the strategy's proposals, independent placements and out-of-city cost, need beside support.
Each chart is drawn with its table, CSV and source (ui.blocks.chart_block)."""

from __future__ import annotations

import streamlit as st

from redesign.checks.sen_discrepancies import CATEGORIES, SPECIAL_SCHOOLS
from redesign.data.source_text import QuoteRef
from redesign.present import sen_view
from redesign.sen.categories import category_totals
from redesign.sen.placements import placements_summary
from redesign.sen.provision import provision_comparison
from redesign.sen.schools import special_schools_total
from ui.blocks import chart_block, md, metric_tiles, source_line
from ui.data import data_version
from ui.format import pct
from ui.source_view import quote_button, sen_quotes

from .common import SenPage, buyback_link, service_link, table_block

# The records whose quotes the provision chart shows in place.
PROVISION_RECORDS = (
    "special_schools",
    "proposed_special_schools",
    "proposed_enhanced_resource_schools",
)


def need_section(page: SenPage) -> None:
    sen, parts = page.sen, page.parts
    st.header("Pupils by category of need", anchor="need")
    table_total = category_totals(sen)
    largest = sen_view.largest_need(sen)
    chart_block(
        title=f"{largest.label}: the most common main need",
        subtitle=(
            "Pupils at School Action Plus, at statutory assessment or with a statement, by main"
            f" need, primary and secondary schools, {sen.categories.as_at}."
        ),
        fig=parts.categories_fig,
        table=parts.categories,
        alt=(
            "Grouped bar chart of pupils by main need in primary and secondary schools,"
            f" {sen.categories.as_at}; {largest.label} is the largest with"
            f" {largest.pupils:,} pupils."
        ),
        sources=page.source(sen.categories.section, sen.categories.as_at),
        key="sen_categories",
        quotes=sen_quotes(data_version(), ("categories",)),
        notes=[
            f"{table_total.primary:,} primary and {table_total.secondary:,} secondary pupils,"
            f" {table_total.total:,} in all (the sum of the rows).",
        ],
    )
    page.checks(CATEGORIES)
    st.markdown(sen_view.rolls_sentence(sen))
    table_block(
        title=f"School Action and School Action Plus, {sen.school_action.as_at}",
        table=parts.school_action,
        key="sen_school_action",
        description="Derived: the roll each published share implies (count ÷ share), and the "
        "range of whole rolls consistent with the share's rounding to one decimal place.",
        sources=page.source(sen.school_action.section, sen.school_action.as_at),
    )
    table_block(
        title=f"Pupils with statements, {sen.statements.as_at}",
        table=parts.statements,
        key="sen_statements",
        description=sen_view.statements_description(sen),
        sources=page.source(sen.statements.section, sen.statements.as_at),
    )


def special_schools_section(page: SenPage) -> None:
    sen = page.sen
    st.header("Special schools: places and pupils", anchor="special-schools")
    schools = special_schools_total(sen)
    over = sen_view.over_capacity_words(sen)
    chart_block(
        title=sen_view.over_capacity_title(sen),
        subtitle=(
            f"Places and pupils in each of the {schools.schools} special schools,"
            f" {schools.as_at}: {schools.pupils:,} pupils in {schools.places:,} places"
            f" ({pct(schools.occupancy_pct)} filled, derived)."
        ),
        fig=page.parts.special_fig,
        table=page.parts.special,
        alt=(
            f"Bar chart of places and pupils in {schools.schools} special schools,"
            f" {schools.as_at}; over capacity: {over or 'none'}."
        ),
        sources=page.source(sen.special_schools.section, sen.special_schools.as_at),
        key="sen_special_schools",
        quotes=sen_quotes(data_version(), ("special_schools",)),
        notes=[
            f"Over capacity (more pupils than places, as published): {over or 'none'}.",
            f"Full (as many pupils as places): {sen_view.full_schools_words(sen) or 'none'}.",
            "Types: "
            + "; ".join(f"{k} {v}" for k, v in sen.special_schools.type_glossary.items())
            + ".",
        ],
    )
    page.checks(SPECIAL_SCHOOLS)


def provision_section(page: SenPage) -> None:
    sen = page.sen
    comparison = provision_comparison(sen)
    special = page.source(sen.special_schools.section, sen.special_schools.as_at)
    proposed = page.source(sen.proposed_special_schools.section, sen.proposed_special_schools.as_at)
    enhanced = page.source(
        sen.proposed_enhanced_resource_schools.section,
        sen.proposed_enhanced_resource_schools.as_at,
    )
    st.header("Today's special places against the strategy's proposals", anchor="proposals")
    chart_block(
        title=(
            f"Strategy proposed {comparison.special.short()} special places, against"
            f" {comparison.today_places:,}"
        ),
        subtitle=(
            f"Places in special schools, {comparison.today_as_at}, against the places the"
            " strategy proposed for broad-spectrum, autism and BESD special schools and for"
            f" enhanced resource schools ({comparison.proposals_as_at}). Ranges are drawn as"
            " ranges."
        ),
        fig=page.parts.provision_fig,
        table=page.parts.provision,
        alt=(
            f"Bar chart: {comparison.today_places:,} special places in"
            f" {comparison.today_as_at}; proposed special places"
            f" {comparison.special.describe()}; proposed enhanced resource places"
            f" {comparison.enhanced.describe()}."
        ),
        sources=[special, proposed, enhanced],
        key="sen_provision",
        quotes=sen_quotes(data_version(), PROVISION_RECORDS),
        notes=page.parts.provision_notes,
    )
    table_block(
        title="The proposed schools, one by one"
        f" ({sen.proposed_special_schools.period_label} proposals)",
        table=page.parts.proposed_schools,
        key="sen_proposed_schools",
        sources=[proposed, enhanced],
    )


def placements_section(page: SenPage) -> None:
    sen = page.sen
    placements = placements_summary(sen)
    st.header("Independent placements and out-of-city cost", anchor="placements")
    chart_block(
        title=sen_view.placements_title(sen),
        subtitle=(
            "Children and young people placed in independent SEN schools by type,"
            f" {placements.as_at} (FOI reply). Placed inside the authority's boundary:"
            f" {placements.inside_authority} ({pct(placements.inside_share_pct)})."
        ),
        fig=page.parts.placements_fig,
        table=page.parts.placements,
        alt=(
            f"Bar chart of {placements.total} independent SEN placements by type,"
            f" {placements.as_at}; none placed inside the authority."
        ),
        sources=page.source(sen.placements.section, sen.placements.as_at),
        key="sen_placements",
        quotes=sen_quotes(data_version(), ("placements",)),
        notes=[sen.placements.placed_inside_note or "", sen.placements.as_at_note or ""],
    )
    st.subheader("Out-of-city cost to education (undated)", anchor="out-of-city")
    metric_tiles(page.parts.out_of_city, per_row=3)
    quote = sen.out_of_city.main_needs_quote
    st.markdown(
        md(
            f"Date of these figures: {sen.out_of_city.as_at}. The {placements.total} independent"
            f" placements above are from {placements.as_at} and count a different thing, so the"
            " two are not a trend."
            + (f" Of the pupils placed out of city, the strategy says: “{quote}”" if quote else "")
        )
    )
    source_line(page.source(sen.out_of_city.section, sen.out_of_city.as_at))
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


def need_support_section(page: SenPage) -> None:
    sen, dataset = page.sen, page.dataset
    period = dataset.proposals_period()
    editorial = "Redesign Explorer's own reading (need-to-support map)"
    st.header("Need beside support", anchor="need-beside-support")
    st.warning(
        "**The links between needs and services are this tool's own reading, not the report's.** "
        + md(dataset.need_map.note if dataset.need_map else ""),
        icon=":material/edit_note:",
    )
    chart_block(
        title="Each staffing change once, with the needs it serves",
        subtitle=(
            f"FTE reductions and posts at risk in the {period} of the services this tool maps to"
            f" the categories of need ({sen.categories.as_at}); each figure is shown once, with"
            " the needs it serves. The pupils in each need are in the first chart on this page."
        ),
        fig=page.parts.need_fig,
        table=page.parts.support,
        alt=(
            "Bar chart of the FTE reductions and posts at risk of each service this tool maps to"
            f" a category of need, in the {period}, each figure once with the needs it serves."
        ),
        sources=[
            page.source(sen.categories.section, sen.categories.as_at),
            f"{page.report}, service staffing ({period})",
            editorial,
        ],
        key="sen_need_support",
        quotes=sen_quotes(data_version(), ("categories",)),
        notes=page.parts.need_notes,
    )
    table_block(
        title="Which services and teams, and why (the tool's reading)",
        table=page.parts.need_detail,
        key="sen_need_support_detail",
        sources=[editorial, f"{page.report}, service staffing ({period})"],
    )
    st.markdown("**Open the services' drilldowns, or change the buy-back:**")
    seen: set[str] = set()
    for link in (link for r in page.parts.need_rows for link in r.links):
        if link.service_id not in seen:
            seen.add(link.service_id)
            service_link(link.service_id, link.service_name)
    buyback_link()
