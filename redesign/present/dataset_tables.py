"""Every table of the dataset, in the order the Data and sources page and the workbook list them, each
with its columns' units and the documents its figures come from."""

from __future__ import annotations

import pandas as pd

from redesign.checks.discrepancy import ALL_SERVICES
from redesign.checks.reconciliation import all_discrepancies
from redesign.core.records import documents_of
from redesign.core.units import Unit
from redesign.data.dataset import REPORT_DOCUMENT, Dataset
from redesign.data.need_map import EDITORIAL_DOCUMENT
from redesign.model.finance import services_frame
from redesign.present.dataset_table import DatasetTable
from redesign.present.savings import streams_frame
from redesign.present.sen_tables import sen_tables
from redesign.present.staffing import staffing_frame
from redesign.present.tables import (
    ASSUMPTION_NAME,
    assumptions_frame,
    at_risk_groups_frame,
    categories_frame,
    documents_frame,
    establishment_frame,
    figure_sources_frame,
    reconciliation_frame,
)

M, FTE, COUNT, BY_ROW = Unit.MONEY_M, Unit.FTE, Unit.COUNT, Unit.BY_ROW
# Columns for the code, never a reader's.
CODE_COLUMNS = ("service_id", "stream", "colour_key")


def dataset_tables(dataset: Dataset) -> list[DatasetTable]:
    """Every table of the dataset, in the order the page and the workbook show them."""
    return core_tables(dataset) + sen_tables(dataset)


def _units(frame: pd.DataFrame, **by_word: Unit) -> dict[str, Unit]:
    """Units for the numeric columns whose header holds one of the words (first match wins), e.g.
    ``_units(frame, **{"£m": M, "FTE": FTE})``: for wide tables of a few kinds of figure. A
    numeric column no word matches is left without a unit, which DatasetTable refuses."""
    out: dict[str, Unit] = {}
    for column in frame.columns:
        series = frame[column]
        if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        for word, unit in by_word.items():
            if word in str(column):
                out[str(column)] = unit
                break
    return out


def reconciliation_documents(dataset: Dataset) -> tuple[str, ...]:
    """The documents whose figures the reconciliation checks: the services', and the SEN
    dataset's when one of its tables does not add up."""
    docs = documents_of(dataset.services) or (REPORT_DOCUMENT,)
    found = all_discrepancies(dataset)
    if any(d.service_id is None and d.service != ALL_SERVICES for d in found):
        docs = tuple(dict.fromkeys(docs + documents_of(dataset.sen)))
    return docs


def core_tables(dataset: Dataset) -> list[DatasetTable]:
    services = dataset.services
    service_docs = documents_of(services) or (REPORT_DOCUMENT,)
    recon_docs = reconciliation_documents(dataset)
    money = services_frame(dataset).drop(columns=list(CODE_COLUMNS), errors="ignore")
    streams = streams_frame(services).drop(columns=list(CODE_COLUMNS), errors="ignore")
    staff = staffing_frame(services, total_row=True).drop(
        columns=list(CODE_COLUMNS), errors="ignore"
    )
    figures = figure_sources_frame(dataset).drop(columns=list(CODE_COLUMNS), errors="ignore")
    categories = categories_frame(dataset)
    inferred = any(link.inferred for s in services for link in s.categories)
    detail = dataset.sen_support
    return [
        DatasetTable(
            "services",
            "Services",
            "One row per service: budget, proposed cost, savings and staffing, as published; "
            "'Budget minus cost' and 'FTE after' where not published are derived.",
            money,
            _units(money, **{"£m": M, "FTE": FTE, "Headcount": COUNT}),
            service_docs,
        ),
        DatasetTable(
            "savings_by_stream",
            "Savings by stream",
            "Each service's stated saving split by funding stream, and the part the report "
            "does not split.",
            streams,
            _units(streams, **{"£m": M}),
            service_docs,
        ),
        DatasetTable(
            "staffing",
            "Staffing",
            "Headcount and FTE per service, kept apart; confirmed, market-testing and potential "
            "reductions as separate columns.",
            staff,
            _units(staff, **{"FTE": FTE, "Headcount": COUNT, "headcount": COUNT, "osts": COUNT}),
            service_docs,
        ),
        DatasetTable(
            "reconciliation",
            "Reconciliation",
            "Every place where the published figures do not add up: both numbers and the gap.",
            reconciliation_frame(dataset),
            {"Published": BY_ROW, "Computed": BY_ROW, "Difference": BY_ROW},
            recon_docs,
            unit_column="Unit",
        ),
        DatasetTable(
            "figure_sources",
            "Figure sources",
            "Every published figure with its document, section and verbatim quote.",
            figures,
            {"Value": BY_ROW},
            documents_of(services, detail) or (REPORT_DOCUMENT,),
            unit_column="Unit",
        ),
        DatasetTable(
            "categories",
            "Categories",
            "The original proposals list: each listed name and the report section that covers it "
            "(named, inferred, or none).",
            categories,
            {},
            (REPORT_DOCUMENT, EDITORIAL_DOCUMENT) if inferred else (REPORT_DOCUMENT,),
        ),
        DatasetTable(
            "sen_support_at_risk",
            "SEN Support at-risk groups",
            "SEN Support Services posts placed at risk subject to market testing, by group; a "
            "group the report does not itemise has the rest of the FTE at risk (derived).",
            at_risk_groups_frame(dataset),
            {"Posts": COUNT, "FTE at risk": FTE},
            documents_of(detail.groups) or (REPORT_DOCUMENT,),
        ),
        DatasetTable(
            "sen_support_establishment",
            "SEN Support post changes",
            "Other changes to SEN Support Services posts the report states.",
            establishment_frame(dataset),
            {
                "Posts": COUNT,
                "Posts before": COUNT,
                "Posts after": COUNT,
                "FTE": FTE,
                "FTE after": FTE,
            },
            documents_of(detail.establishment) or (REPORT_DOCUMENT,),
        ),
        DatasetTable(
            "assumptions",
            "Assumptions",
            "Figures the buy-back model needs that are not in the sources: this tool's "
            f"editable placeholders. '{ASSUMPTION_NAME}' is how scenario files, links and the "
            "command line name each one.",
            assumptions_frame(dataset),
            {"Default": BY_ROW, "Minimum": BY_ROW, "Maximum": BY_ROW},
            (EDITORIAL_DOCUMENT,),
            unit_column="Unit",
        ),
        DatasetTable(
            "documents",
            "Documents",
            "The source documents every figure is transcribed from.",
            documents_frame(dataset),
            {},
            tuple(dataset.documents),
        ),
    ]
