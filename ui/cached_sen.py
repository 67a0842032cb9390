"""The SEN page's parts, built once per data version and shared by every session, as
ui/cached.py does for the other pages (the same rules: the builders are pure, nothing returned is
changed afterwards)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from redesign.charts import sen as sc
from redesign.checks.discrepancy import Discrepancy, discrepancies_frame
from redesign.checks.sen_discrepancies import sen_discrepancies
from redesign.checks.sen_notes import notes_frame, sen_notes
from redesign.core.formatting import count, fte
from redesign.core.headline import Headline
from redesign.core.table_format import Formatter, unit_formatters
from redesign.present.sen_tables import (
    CATEGORY_UNITS,
    PLACEMENT_UNITS,
    SCHOOL_ACTION_UNITS,
    SPECIAL_SCHOOL_UNITS,
)
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
from ui.cached import ENTRIES
from ui.data import DataVersion, dataset_of


def _counts(*columns: str) -> dict[str, Formatter]:
    return dict.fromkeys(columns, count)


def _fte_or_blank(value: object) -> str:
    """An FTE figure, or nothing where the row has no figure of that kind."""
    return fte(value, missing="")


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


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
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
