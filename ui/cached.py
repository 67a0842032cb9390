"""What each page draws that follows from the dataset alone (and the page's settings): figures, data
tables made ready to draw, and the longer texts, built once per data version and shared by every
session instead of being rebuilt on every rerun.

Why: a rerun with nothing changed rebuilt every Plotly figure (20-60 ms each with plotly 7) and
formatted, escaped and exported every table again, from a dataset that never changes while it is
loaded. Each function here takes the data version (``ui.data.data_version()``: the folder and its
files' names, sizes and times, the dataset's own cache key) and the page's settings, so an edited
data file gives new parts, as it gives a new dataset.

Everything returned is shared between sessions, so nothing may change it afterwards: pages pass the
figures (``go.Figure``, of which ``st.plotly_chart`` sends a copy) and the tables to ``ui.blocks``'s
blocks (which only read them). The builders are pure: ``redesign`` computes,
``ui.blocks.prepare_table`` formats.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from redesign.charts import sen as sc
from redesign.charts.money import saving_by_service_bar, service_budget_bar, streams_bar
from redesign.charts.money import waterfall as waterfall_figure
from redesign.charts.staffing import (
    headcount_bar,
    service_staffing_bar,
    staffing_now_after,
    staffing_reductions,
)
from redesign.checks.discrepancy import Discrepancy, discrepancies_frame
from redesign.checks.sen_discrepancies import sen_discrepancies
from redesign.checks.sen_notes import notes_frame, sen_notes
from redesign.core.formatting import count, fte
from redesign.core.headline import Headline
from redesign.core.table_format import Formatter, unit_formatters
from redesign.model.finance import service_staffing
from redesign.present import narrative
from redesign.present.dataset_tables import dataset_tables
from redesign.present.headline import headline_figures, largest_headcount, largest_saving
from redesign.present.savings import (
    budget_frame,
    funding_split_text,
    money_figures,
    ranked_savings_alt,
    ranked_savings_frame,
    service_streams_frame,
)
from redesign.present.sen_tables import (
    CATEGORY_UNITS,
    PLACEMENT_UNITS,
    SCHOOL_ACTION_UNITS,
    SPECIAL_SCHOOL_UNITS,
)
from redesign.present.services import (
    CategoryGroup,
    TextSection,
    categories_lead,
    category_groups,
    discrepancies_by_place,
    figure_sources_display,
    service_categories_text,
    service_figure_sources,
    service_text_sections,
    services_in,
    source_summary,
)
from redesign.present.staffing import (
    headcount_alt,
    headcount_frame,
    reductions_frame,
    service_staffing_lines,
    staffing_figures,
    staffing_frame,
    staffing_lines_frame,
    staffing_now_after_alt,
    staffing_reductions_alt,
)
from redesign.present.waterfall import waterfall_ends, waterfall_gap_notes, waterfall_view
from redesign.sen import support_figures as sf
from redesign.sen.actions import actions_display_frame, actions_frame, timeline_frame
from redesign.sen.categories import categories_frame
from redesign.sen.need_support import (
    NeedSupportRow,
    need_beside_support,
    need_support_detail_frame,
    need_support_notes,
)
from redesign.sen.placements import out_of_city_headlines, placements_frame
from redesign.sen.provision import proposed_schools_frame, provision_frame, provision_notes
from redesign.sen.schools import school_action_frame, special_schools_frame, statements_frame
from ui.blocks import PreparedTable, csv_bytes, prepare_table
from ui.data import DataVersion, dataset_of

# A page's parts are small (a few figures and tables); a few data versions and, for the pages with
# settings, every combination of them fit. Least recently used entries go first.
_ENTRIES = 64


def _counts(*columns: str) -> dict[str, Formatter]:
    return dict.fromkeys(columns, count)


def _fte_or_blank(value: object) -> str:
    """An FTE figure, or nothing where the row has no figure of that kind."""
    return fte(value, missing="")


# --- overview ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewParts:
    tiles: dict[str, Headline]
    summary: tuple[str, ...]
    largest_saving: tuple[str, float | None] | None
    ranked_fig: go.Figure
    ranked: PreparedTable
    ranked_alt: str
    money_sources: str
    categories_lead: str
    category_groups: tuple[CategoryGroup, ...]


@st.cache_resource(max_entries=_ENTRIES, show_spinner=False)
def overview(version: DataVersion) -> OverviewParts:
    dataset = dataset_of(version)
    services = dataset.services
    ranked = ranked_savings_frame(services)
    return OverviewParts(
        tiles={t.key: t for t in headline_figures(services)},
        summary=tuple(narrative.overview_summary(dataset)),
        largest_saving=largest_saving(services),
        ranked_fig=saving_by_service_bar(ranked),
        ranked=prepare_table(ranked),
        ranked_alt=ranked_savings_alt(ranked),
        money_sources=source_summary(dataset, money_figures(services)),
        categories_lead=categories_lead(dataset),
        category_groups=tuple(category_groups(dataset)),
    )


# --- service drilldown ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceParts:
    summary: str
    categories_text: str
    tiles: dict[str, Headline]
    discrepancies: dict[str, list[Discrepancy]]
    money_sources: str
    staffing_sources: str
    budget_fig: go.Figure
    budget: PreparedTable
    streams_fig: go.Figure | None  # None: the report gives no saving by stream
    streams: PreparedTable | None
    funding_split: str
    staff_fig: go.Figure
    staff: PreparedTable
    fte_now: str
    staffing_lines: PreparedTable
    text_sections: tuple[TextSection, ...]
    figure_sources: PreparedTable


@st.cache_resource(max_entries=_ENTRIES, show_spinner=False)
def service(version: DataVersion, service_id: str) -> ServiceParts:
    dataset = dataset_of(version)
    item = dataset.service(service_id)
    one = (item,)
    budget = budget_frame(item)
    streams = service_streams_frame(item)
    staff = staffing_frame(one)
    sources = service_figure_sources(dataset, item)
    return ServiceParts(
        summary=narrative.service_summary(dataset, item),
        categories_text=service_categories_text(dataset, item),
        tiles={t.key: t for t in headline_figures(one)},
        discrepancies=discrepancies_by_place(item),
        money_sources=source_summary(dataset, money_figures(one)),
        staffing_sources=source_summary(dataset, staffing_figures(one)),
        budget_fig=service_budget_bar(budget),
        budget=prepare_table(budget),
        streams_fig=None if streams.empty else streams_bar(streams),
        streams=None if streams.empty else prepare_table(streams),
        funding_split=funding_split_text(item),
        staff_fig=service_staffing_bar(staff),
        staff=prepare_table(staff),
        fte_now=fte(service_staffing(item).current_fte),
        staffing_lines=prepare_table(staffing_lines_frame(service_staffing_lines(item))),
        text_sections=tuple(service_text_sections(item)),
        figure_sources=prepare_table(sources, display=figure_sources_display(sources)),
    )


# --- savings waterfall ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WaterfallParts:
    start: float | None
    end: float | None
    fig: go.Figure
    table: PreparedTable
    gap_notes: tuple[str, ...]
    money_sources: str


@st.cache_resource(max_entries=_ENTRIES, show_spinner=False)
def waterfall(version: DataVersion, view: str, category: str, zoom: bool) -> WaterfallParts:
    """The waterfall for one view (by service or stream), category and axis; the category must
    have services (the page says so and stops otherwise)."""
    dataset = dataset_of(version)
    frame = waterfall_view(dataset, view, category)
    start, end = waterfall_ends(frame)
    services = services_in(dataset, category)
    return WaterfallParts(
        start=start,
        end=end,
        fig=waterfall_figure(frame, zoom=zoom),
        table=prepare_table(frame),
        gap_notes=tuple(waterfall_gap_notes(frame)),
        money_sources=source_summary(dataset, money_figures(services)),
    )


# --- staffing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffingParts:
    tiles: dict[str, Headline]
    sources: str
    now_after_fig: go.Figure
    staff: PreparedTable
    now_after_alt: str
    reductions_fig: go.Figure
    reductions: PreparedTable
    reductions_alt: str
    fte_gaps: tuple[Discrepancy, ...]
    largest_headcount: tuple[str, float | None] | None
    headcount_fig: go.Figure
    headcount: PreparedTable
    headcount_alt: str


@st.cache_resource(max_entries=_ENTRIES, show_spinner=False)
def staffing(version: DataVersion) -> StaffingParts:
    dataset = dataset_of(version)
    services = dataset.services
    staff = staffing_frame(services, total_row=True)
    heads = headcount_frame(services)
    return StaffingParts(
        tiles={t.key: t for t in headline_figures(services)},
        sources=source_summary(dataset, staffing_figures(services)),
        now_after_fig=staffing_now_after(staff),
        staff=prepare_table(staff),
        now_after_alt=staffing_now_after_alt(services),
        reductions_fig=staffing_reductions(staff),
        reductions=prepare_table(reductions_frame(services)),
        reductions_alt=staffing_reductions_alt(services),
        fte_gaps=tuple(d for s in services for d in discrepancies_by_place(s).get("staffing", [])),
        largest_headcount=largest_headcount(services),
        headcount_fig=headcount_bar(heads),
        headcount=prepare_table(heads),
        headcount_alt=headcount_alt(services),
    )


# --- data and sources ----------------------------------------------------------------------------


STATIC_ROWS = 30


@dataclass(frozen=True)
class NamedTable:
    key: str
    title: str
    description: str
    table: PreparedTable
    sources: tuple[str, ...] = ()  # the short titles of the documents its figures come from


@dataclass(frozen=True)
class DataSourcesParts:
    reconciliation: NamedTable
    figure_sources: NamedTable
    others: tuple[NamedTable, ...]  # every other dataset table, in the workbook's order


@st.cache_resource(max_entries=_ENTRIES, show_spinner=False)
def data_sources(version: DataVersion) -> DataSourcesParts:
    dataset = dataset_of(version)
    all_tables = {t.key: t for t in dataset_tables(dataset)}
    recon = all_tables.pop("reconciliation")
    sources = all_tables.pop("figure_sources")
    return DataSourcesParts(
        reconciliation=NamedTable(
            recon.key,
            recon.title,
            recon.description,
            prepare_table(recon.frame, static=True, display=recon.display()),
            tuple(dataset.document_title(d) for d in recon.documents),
        ),
        figure_sources=NamedTable(
            sources.key,
            sources.title,
            sources.description,
            prepare_table(sources.frame, static=False, display=sources.display()),
            tuple(dataset.document_title(d) for d in sources.documents),
        ),
        others=tuple(
            NamedTable(
                t.key,
                t.title,
                t.description,
                # Written by each column's declared unit. Up to STATIC_ROWS rows, a real HTML
                # table whose text wraps, so no column is cut off at the right; longer tables
                # scroll in a grid.
                prepare_table(t.frame, static=len(t.frame) <= STATIC_ROWS, display=t.display()),
                tuple(dataset.document_title(d) for d in t.documents),
            )
            for t in all_tables.values()
        ),
    )


# --- SEN needs and provision ---------------------------------------------------------------------


@dataclass(frozen=True)
class SenParts:
    discrepancies: tuple[Discrepancy, ...]
    categories_frame: pd.DataFrame  # with category_id
    categories_fig: go.Figure
    categories: PreparedTable
    school_action: PreparedTable
    statements: PreparedTable
    special_fig: go.Figure
    special: PreparedTable
    provision_fig: go.Figure
    provision: PreparedTable
    provision_notes: tuple[str, ...]
    proposed_schools: PreparedTable
    placements_fig: go.Figure
    placements: PreparedTable
    out_of_city: tuple[Headline, ...]
    need_fig: go.Figure
    support: PreparedTable
    need_notes: tuple[str, ...]
    need_rows: tuple[NeedSupportRow, ...]
    need_detail: PreparedTable
    actions: PreparedTable  # every action: ``frame`` for the CSV, ``text`` the columns shown
    timeline: PreparedTable
    checks: PreparedTable
    notes: PreparedTable


@st.cache_resource(max_entries=_ENTRIES, show_spinner=False)
def sen_needs(version: DataVersion) -> SenParts:
    """The SEN page's parts; the dataset must have its SEN data (the page checks first)."""
    dataset = dataset_of(version)
    sen = dataset.sen
    if sen is None:
        raise ValueError("this dataset has no SEN needs data")
    found = sen_discrepancies(sen)
    categories = categories_frame(sen)
    special = special_schools_frame(sen)
    provision = provision_frame(sen)
    placements = placements_frame(sen)
    rows = need_beside_support(dataset)
    detail = need_support_detail_frame(rows)
    support = sf.support_figures_frame(
        sf.support_figures(rows, dataset.sen_support.groups), sen.categories.as_at
    )
    actions = actions_frame(sen)
    return SenParts(
        discrepancies=tuple(found),
        categories_frame=categories,
        categories_fig=sc.categories_bar(categories),
        categories=prepare_table(
            categories.drop(columns=["category_id"]), formatters=unit_formatters(CATEGORY_UNITS)
        ),
        school_action=prepare_table(
            school_action_frame(sen), formatters=unit_formatters(SCHOOL_ACTION_UNITS)
        ),
        statements=prepare_table(
            statements_frame(sen),
            formatters={
                **_counts(
                    "Pupils with statements", "Schools", "Fewest per school", "Most per school"
                ),
                "Average per school": lambda v: f"{v:.2f}",
            },
        ),
        special_fig=(sc.special_schools_bar(special)),
        special=prepare_table(special, formatters=unit_formatters(SPECIAL_SCHOOL_UNITS)),
        provision_fig=(sc.provision_ranges(provision)),
        provision=prepare_table(
            provision, formatters=_counts("Places, lowest", "Places, highest published")
        ),
        provision_notes=tuple(provision_notes(sen)),
        proposed_schools=prepare_table(
            proposed_schools_frame(sen),
            formatters=_counts("Places, lowest", "Places, highest"),
        ),
        placements_fig=(sc.placements_bar(placements)),
        placements=prepare_table(placements, formatters=unit_formatters(PLACEMENT_UNITS)),
        out_of_city=tuple(out_of_city_headlines(sen)),
        need_fig=sc.support_figures_chart(support, sf.MEASURE_WORDS),
        support=prepare_table(
            support.drop(columns=["key"]),
            formatters=dict.fromkeys(sf.MEASURES, _fte_or_blank),
        ),
        need_notes=tuple(need_support_notes(dataset)),
        need_rows=rows,
        need_detail=prepare_table(
            detail[
                [
                    "Category of need",
                    "Service",
                    "Teams",
                    "At-risk groups",
                    "Why (the tool's reading)",
                ]
            ]
        ),
        actions=actions_prepared(actions),
        timeline=prepare_table(timeline_frame(sen)),
        checks=prepare_table(
            discrepancies_frame(found),
            formatters=dict.fromkeys(("Published", "Computed", "Difference"), count),
        ),
        notes=prepare_table(notes_frame(sen_notes(sen, dataset.proposals_period()))),
    )


def actions_prepared(shown: pd.DataFrame) -> PreparedTable:
    """The suggested actions for the rows ``shown`` (``sa.actions_frame`` or a search's rows of
    it): on screen the columns a reader needs, in the CSV every column."""
    shown_table = prepare_table(actions_display_frame(shown), formatters={"No.": count})
    return replace(shown_table, frame=shown, csv=csv_bytes(shown))
