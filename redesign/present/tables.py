"""The whole dataset as named tables: what the Data and sources page lists and the workbook holds.

Each table keeps numbers as numbers (the page formats them; CSV and Excel keep them exact), declares
each numeric column's unit and names the documents its figures come from (``DatasetTable``). Columns
for the code (ids) are left out: every header is a reader's. To add a table (e.g. a new dataset), add
a function and an entry in ``core_tables``."""

from __future__ import annotations

import pandas as pd

from redesign.buyback.model import BuybackModel
from redesign.checks.discrepancy import discrepancies_frame
from redesign.checks.reconciliation import all_discrepancies
from redesign.core.records import Figure
from redesign.data.assumptions import UNITS as ASSUMPTION_UNITS
from redesign.data.dataset import Dataset
from redesign.data.services import FUNDING_STREAMS, STAFFING_FIELDS, Service

FIGURE_COLUMNS = [
    "service_id",
    "Service",
    "Figure",
    "Value",
    "Unit",
    "Quote",
    "Section",
    "Document",
    "Label",
    "Note",
]


def _figure_row(
    dataset: Dataset, service_id: str, name: str, figure: str, fig: Figure, unit: str
) -> dict[str, object]:
    return {
        "service_id": service_id,
        "Service": name,
        "Figure": figure,
        "Value": fig.value,
        "Unit": unit,
        "Label": fig.label or "",
        "Document": dataset.document_title(fig.source.document),
        "Section": fig.source.section,
        "Quote": fig.source.quote or "",
        "Note": fig.note or ("printed with no number" if fig.value is None else ""),
    }


def service_figures(dataset: Dataset, service: Service) -> pd.DataFrame:
    """Every published figure of one service with its source."""
    rows = []
    s = service
    for key, (label, whole) in STAFFING_FIELDS.items():
        fig = s.staffing.get(key)
        if fig is not None:
            unit = "FTE" if not whole else "count"
            rows.append(_figure_row(dataset, s.id, s.name, label, fig, unit))
    b = s.budget
    for label, fig in (
        ("Current budget", b.current_budget_m),
        ("Proposed cost", b.proposed_cost_m),
        ("Saving", b.saving_m),
    ):
        if fig is not None:
            rows.append(_figure_row(dataset, s.id, s.name, label, fig, "£m"))
    for fig in b.components:
        rows.append(
            _figure_row(dataset, s.id, s.name, f"Budget component: {fig.label or ''}", fig, "£m")
        )
    for key, fig in b.savings_by_stream_m.items():
        label = f"{FUNDING_STREAMS.get(key, key)} saving"
        rows.append(_figure_row(dataset, s.id, s.name, label, fig, "£m"))
    for key, fig in b.funding_split_pct.items():
        rows.append(_figure_row(dataset, s.id, s.name, f"Funding split: {key.upper()}", fig, "%"))
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def figure_sources_frame(dataset: Dataset) -> pd.DataFrame:
    """Every published service figure in the dataset, with document, section and quote."""
    frames = [service_figures(dataset, s) for s in dataset.services]
    detail = dataset.sen_support
    rows = []
    for group in detail.groups:
        for label, fig in (("At-risk posts", group.posts), ("At-risk FTE", group.fte)):
            if fig is not None:
                unit = "FTE" if "FTE" in label else "count"
                rows.append(
                    _figure_row(
                        dataset,
                        detail.service_id,
                        f"{dataset.service(detail.service_id).name}: {group.label}",
                        label,
                        fig,
                        unit,
                    )
                )
    for change in detail.establishment:
        for key, fig in change.figures.items():
            unit = "FTE" if "fte" in key else "count"
            rows.append(
                _figure_row(
                    dataset,
                    detail.service_id,
                    f"{dataset.service(detail.service_id).name}: {change.label}",
                    key.replace("_", " "),
                    fig,
                    unit,
                )
            )
    frames.append(pd.DataFrame(rows, columns=FIGURE_COLUMNS))
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def categories_frame(dataset: Dataset) -> pd.DataFrame:
    """The original proposals list: each listed name, and the report section covering it if any."""
    rows = []
    for category in dataset.categories:
        for listed in category.listed:
            links = [
                (s, link)
                for s in dataset.services
                for link in s.categories
                if link.category == category.id and link.listed_as == listed.name
            ]
            if not links:
                rows.append(
                    {
                        "Category": category.label,
                        "Listed as": listed.name,
                        "Service (report section)": "",
                        "Link": "no section in the report",
                        "Reason": "",
                    }
                )
            for service, link in links:
                rows.append(
                    {
                        "Category": category.label,
                        "Listed as": listed.name,
                        "Service (report section)": service.name,
                        "Link": "inferred" if link.inferred else "named in the list",
                        "Reason": link.reason or "",
                    }
                )
    return pd.DataFrame(
        rows, columns=["Category", "Listed as", "Service (report section)", "Link", "Reason"]
    )


def at_risk_groups_frame(dataset: Dataset) -> pd.DataFrame:
    """The groups of posts at risk; the derived group's FTE is the remainder of the pool, shown
    and labelled derived (the buy-back model uses the same figure)."""
    detail = dataset.sen_support
    at_risk = BuybackModel(dataset).at_risk_fte
    rows = [
        {
            "Group": g.label,
            "Team": g.team,
            "Post type": g.post_type,
            "Posts": g.posts.value if g.posts is not None else None,
            "FTE at risk": g.fte.value if g.fte is not None else at_risk.get(g.id),
            "Basis": "derived: " + (g.derivation or "") if g.derived else "published",
        }
        for g in detail.groups
    ]
    return pd.DataFrame(
        rows, columns=["Group", "Team", "Post type", "Posts", "FTE at risk", "Basis"]
    )


def establishment_frame(dataset: Dataset) -> pd.DataFrame:
    rows = []
    for change in dataset.sen_support.establishment:
        figs = change.figures
        rows.append(
            {
                "Team": change.team,
                "Change": change.change,
                "Description": change.label,
                "Posts": _value(figs.get("posts")),
                "Posts before": _value(figs.get("posts_before")),
                "Posts after": _value(figs.get("posts_after")),
                "FTE": _value(figs.get("fte")),
                "FTE after": _value(figs.get("fte_after")),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "Team",
            "Change",
            "Description",
            "Posts",
            "Posts before",
            "Posts after",
            "FTE",
            "FTE after",
        ],
    )


def _value(fig: Figure | None) -> float | None:
    return None if fig is None else fig.value


ASSUMPTION_NAME = "Name in scenario files"


def assumptions_frame(dataset: Dataset) -> pd.DataFrame:
    """The model's assumptions; Default, Minimum and Maximum are in the unit each row names."""
    rows = [
        {
            "Assumption": a.label,
            "Unit": ASSUMPTION_UNITS.get(a.unit, a.unit),
            "Default": a.default,
            "Minimum": a.min,
            "Maximum": a.max,
            "Why this default": a.reason,
            ASSUMPTION_NAME: a.id,
        }
        for a in dataset.assumptions
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "Assumption",
            "Unit",
            "Default",
            "Minimum",
            "Maximum",
            "Why this default",
            ASSUMPTION_NAME,
        ],
    )


def documents_frame(dataset: Dataset) -> pd.DataFrame:
    rows = [
        {"Document": d.short, "Title": d.title, "Date": d.date} for d in dataset.documents.values()
    ]
    return pd.DataFrame(rows, columns=["Document", "Title", "Date"])


def reconciliation_frame(dataset: Dataset) -> pd.DataFrame:
    return discrepancies_frame(all_discrepancies(dataset))
