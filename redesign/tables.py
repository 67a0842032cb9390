"""The whole dataset as named tables: what the Data and sources page lists and the workbook holds.

Each table keeps numbers as numbers (the page formats them; CSV and Excel keep them exact).
To add a table (e.g. a new dataset), add a function and an entry in ``dataset_tables``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from redesign import sen_analysis, sen_checks
from redesign.dataset import Dataset
from redesign.finance import services_frame
from redesign.reconciliation import all_discrepancies, discrepancies_frame
from redesign.records import Figure, FigureRange
from redesign.services import FUNDING_STREAMS, STAFFING_FIELDS, Service
from redesign.views import staffing_frame, streams_frame

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


@dataclass(frozen=True)
class DatasetTable:
    key: str  # file-name safe
    title: str  # sheet / heading (31 characters at most: Excel's sheet-name limit)
    description: str
    frame: pd.DataFrame


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
    detail = dataset.sen_support
    rows = [
        {
            "Group": g.label,
            "Team": g.team,
            "Post type": g.post_type,
            "Posts": g.posts.value if g.posts is not None else None,
            "FTE at risk": g.fte.value if g.fte is not None else None,
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


def assumptions_frame(dataset: Dataset) -> pd.DataFrame:
    rows = [
        {
            "Assumption": a.label,
            "id": a.id,
            "Unit": a.unit,
            "Default": a.default,
            "Minimum": a.min,
            "Maximum": a.max,
            "Why this default": a.reason,
        }
        for a in dataset.assumptions
    ]
    return pd.DataFrame(
        rows,
        columns=["Assumption", "id", "Unit", "Default", "Minimum", "Maximum", "Why this default"],
    )


def documents_frame(dataset: Dataset) -> pd.DataFrame:
    rows = [
        {"Document": d.short, "Title": d.title, "Date": d.date, "id": d.id}
        for d in dataset.documents.values()
    ]
    return pd.DataFrame(rows, columns=["Document", "Title", "Date", "id"])


def reconciliation_frame(dataset: Dataset) -> pd.DataFrame:
    return discrepancies_frame(all_discrepancies(dataset))


SEN_SOURCE_COLUMNS = ["Record", "Value", "As at", "Quote", "Section", "Document"]


def _walk_sen_figures(node: object, path: str, as_at: str, section: str, rows: list) -> None:
    """Collect every Figure / FigureRange in the SEN records with the path that leads to it."""
    if isinstance(node, (Figure, FigureRange)):
        if isinstance(node, FigureRange):
            value = node.describe()
        else:
            value = "not stated" if node.value is None else f"{node.value:,.10g}"
        rows.append(
            {
                "Record": path,
                "Value": value,  # text: ranges such as "80–100" sit beside plain numbers
                "As at": as_at,
                "Quote": node.source.quote,
                "Section": node.source.section or section,
                "Document": node.source.document,
            }
        )
        return
    if isinstance(node, (tuple, list)):
        for i, item in enumerate(node):
            label = (
                getattr(item, "id", None)
                or getattr(item, "name", None)
                or getattr(item, "label", None)
                or str(i + 1)
            )
            _walk_sen_figures(item, f"{path} › {label}", as_at, section, rows)
        return
    fields = getattr(node, "__dataclass_fields__", None)
    if not fields:
        return
    as_at = getattr(node, "as_at", as_at) or as_at
    section = getattr(node, "section", section) or section
    for name in fields:
        _walk_sen_figures(
            getattr(node, name), f"{path} › {name}" if path else name, as_at, section, rows
        )


def sen_figure_sources_frame(dataset: Dataset) -> pd.DataFrame:
    """Every figure of the SEN dataset with its date, section and verbatim quote."""
    rows: list[dict[str, object]] = []
    if dataset.sen is not None:
        _walk_sen_figures(dataset.sen, "", "", "", rows)
    frame = pd.DataFrame(rows, columns=SEN_SOURCE_COLUMNS)
    frame["Document"] = frame["Document"].map(lambda d: dataset.document_title(str(d)))
    return frame


def sen_tables(dataset: Dataset) -> list[DatasetTable]:
    """The SEN needs and provision tables (FOI reply, February 2015; strategy, January 2004)."""
    sen = dataset.sen
    if sen is None:
        return []
    rows = sen_analysis.need_beside_support(dataset)
    return [
        DatasetTable(
            "sen_categories_of_need",
            "SEN categories of need",
            f"Pupils by main need, primary and secondary ({sen.categories.as_at}).",
            sen_analysis.categories_frame(sen),
        ),
        DatasetTable(
            "sen_special_schools",
            "SEN special schools",
            f"Special-school places and pupils, with occupancy ({sen.special_schools.as_at}).",
            sen_analysis.special_schools_frame(sen),
        ),
        DatasetTable(
            "sen_school_action",
            "SEN School Action",
            "School Action and School Action Plus: pupils, published share of the roll and the "
            "roll each share implies (derived).",
            sen_analysis.school_action_frame(sen),
        ),
        DatasetTable(
            "sen_statements",
            "SEN statements",
            f"Pupils with statements by phase and per school ({sen.statements.as_at}).",
            sen_analysis.statements_frame(sen),
        ),
        DatasetTable(
            "sen_placements",
            "SEN independent placements",
            f"Independent SEN placements by type ({sen.placements.as_at}).",
            sen_analysis.placements_frame(sen),
        ),
        DatasetTable(
            "sen_provision",
            "SEN provision today vs proposed",
            "Today's special-school places against the strategy's proposed provision, ranges kept "
            "as ranges.",
            sen_analysis.provision_frame(sen),
        ),
        DatasetTable(
            "sen_proposed_schools",
            "SEN proposed schools",
            "The strategy's proposed special and enhanced-resource schools.",
            sen_analysis.proposed_schools_frame(sen),
        ),
        DatasetTable(
            "sen_need_beside_support",
            "SEN need beside support",
            "Pupils per category of need beside the FTE change of the teams mapped to it (the "
            "mapping is this tool's editorial reading).",
            sen_analysis.need_support_frame(rows),
        ),
        DatasetTable(
            "sen_actions",
            "SEN suggested actions",
            "The strategy's 25 suggested actions with the timeline row and any year stated.",
            sen_analysis.actions_frame(sen),
        ),
        DatasetTable(
            "sen_timeline",
            "SEN timeline",
            "The strategy's implementation timeline as far as the extracted text keeps it.",
            sen_analysis.timeline_frame(sen),
        ),
        DatasetTable(
            "sen_notes",
            "SEN caveats",
            "Honest caveats about the SEN figures that are not arithmetic mismatches.",
            sen_checks.notes_frame(sen_checks.sen_notes(sen, dataset.proposals_period())),
        ),
        DatasetTable(
            "sen_figure_sources",
            "SEN figure sources",
            "Every SEN figure with its date, section and verbatim quote.",
            sen_figure_sources_frame(dataset),
        ),
    ]


def dataset_tables(dataset: Dataset) -> list[DatasetTable]:
    """Every table of the dataset, in the order the page and the workbook show them."""
    return _core_tables(dataset) + sen_tables(dataset)


def _core_tables(dataset: Dataset) -> list[DatasetTable]:
    return [
        DatasetTable(
            "services",
            "Services",
            "One row per service: budget, proposed cost, savings and staffing, as published; "
            "'Budget minus cost' and 'FTE after' where not published are derived.",
            services_frame(dataset),
        ),
        DatasetTable(
            "savings_by_stream",
            "Savings by stream",
            "Each service's stated saving split by funding stream, and the part the report "
            "does not split.",
            streams_frame(dataset.services),
        ),
        DatasetTable(
            "staffing",
            "Staffing",
            "Headcount and FTE per service, kept apart; confirmed, market-testing and potential "
            "reductions as separate columns.",
            staffing_frame(dataset.services, total_row=True),
        ),
        DatasetTable(
            "reconciliation",
            "Reconciliation",
            "Every place where the published figures do not add up: both numbers and the gap.",
            reconciliation_frame(dataset),
        ),
        DatasetTable(
            "figure_sources",
            "Figure sources",
            "Every published figure with its document, section and verbatim quote.",
            figure_sources_frame(dataset),
        ),
        DatasetTable(
            "categories",
            "Categories",
            "The original proposals list: each listed name and the report section that covers it "
            "(named, inferred, or none).",
            categories_frame(dataset),
        ),
        DatasetTable(
            "sen_support_at_risk",
            "SEN Support at-risk groups",
            "SEN Support Services posts placed at risk subject to market testing, by group.",
            at_risk_groups_frame(dataset),
        ),
        DatasetTable(
            "sen_support_establishment",
            "SEN Support post changes",
            "Other changes to SEN Support Services posts the report states.",
            establishment_frame(dataset),
        ),
        DatasetTable(
            "assumptions",
            "Assumptions",
            "Figures the buy-back model needs that are not in the sources: this tool's "
            "editable placeholders.",
            assumptions_frame(dataset),
        ),
        DatasetTable(
            "documents",
            "Documents",
            "The source documents every figure is transcribed from.",
            documents_frame(dataset),
        ),
    ]
