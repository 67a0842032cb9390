"""What each page draws that follows from the dataset alone (and the page's settings): figures, data
tables made ready to draw, and the longer texts, built once per data version and shared by every
session instead of being rebuilt on every rerun (the SEN page's in ui/cached_sen.py).

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

from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from redesign.charts.money import saving_by_service_bar, service_budget_bar, streams_bar
from redesign.charts.money import waterfall as waterfall_figure
from redesign.charts.staffing import (
    headcount_bar,
    service_staffing_bar,
    staffing_now_after,
    staffing_reductions,
)
from redesign.checks.discrepancy import Discrepancy
from redesign.core.formatting import fte
from redesign.core.headline import Headline
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
from ui.blocks import PreparedTable, prepare_table
from ui.data import DataVersion, dataset_of

# A page's parts are small (a few figures and tables); a few data versions and, for the pages with
# settings, every combination of them fit. Least recently used entries go first.
ENTRIES = 64


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


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
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


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
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


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
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


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
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


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
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
