"""The SEN dataset as named tables, each with its source, for the Data and sources page and the workbook."""

from __future__ import annotations

import pandas as pd

from redesign.checks.sen_notes import notes_frame, sen_notes
from redesign.core.records import Figure, FigureRange, documents_of
from redesign.core.units import Unit
from redesign.data.dataset import Dataset
from redesign.data.need_map import EDITORIAL_DOCUMENT
from redesign.present.dataset_table import DatasetTable
from redesign.sen.actions import actions_frame, timeline_frame
from redesign.sen.categories import categories_frame as sen_categories_frame
from redesign.sen.need_support import need_beside_support, need_support_frame
from redesign.sen.placements import placements_frame
from redesign.sen.provision import proposed_schools_frame, provision_frame
from redesign.sen.schools import school_action_frame, special_schools_frame, statements_frame

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


_M = {"Primary pupils": Unit.COUNT, "Secondary pupils": Unit.COUNT, "Total pupils": Unit.COUNT}
# The columns' units of the SEN tables (the Data and sources page, the SEN page, the exports).
CATEGORY_UNITS = {**_M, "Share of table %": Unit.PERCENT}
SPECIAL_SCHOOL_UNITS = {
    "Places": Unit.COUNT,
    "Pupils": Unit.COUNT,
    "Occupancy %": Unit.PERCENT,
    "Spare places": Unit.COUNT,
}
SCHOOL_ACTION_UNITS = {
    "Pupils": Unit.COUNT,
    "Share of roll % (published)": Unit.PERCENT,
    "Roll implied": Unit.COUNT,
    "Roll consistent with the rounding, from": Unit.COUNT,
    "to": Unit.COUNT,
}
PLACEMENT_UNITS = {"Children and young people": Unit.COUNT, "Share of placements %": Unit.PERCENT}


def sen_tables(dataset: Dataset) -> list[DatasetTable]:
    """The SEN needs and provision tables (FOI reply, February 2015; strategy, January 2004), each
    with its columns' units and the documents of the records it is made from."""
    sen = dataset.sen
    if sen is None:
        return []

    def docs(*records: object) -> tuple[str, ...]:
        # A record with no figures (actions, timeline) is the SEN document's own text.
        return documents_of(*records) or (sen.document,)

    rows = need_beside_support(dataset)
    count, fte = Unit.COUNT, Unit.FTE
    need = need_support_frame(rows).drop(columns=["category_id"])
    mapped = tuple(
        s
        for s in dataset.services
        if any(link.service_name == s.name for r in rows for link in r.links)
    )
    return [
        DatasetTable(
            "sen_categories_of_need",
            "SEN categories of need",
            f"Pupils by main need, primary and secondary ({sen.categories.as_at}).",
            sen_categories_frame(sen).drop(columns=["category_id"]),
            CATEGORY_UNITS,
            docs(sen.categories),
        ),
        DatasetTable(
            "sen_special_schools",
            "SEN special schools",
            f"Special-school places and pupils, with occupancy ({sen.special_schools.as_at}).",
            special_schools_frame(sen),
            SPECIAL_SCHOOL_UNITS,
            docs(sen.special_schools),
        ),
        DatasetTable(
            "sen_school_action",
            "SEN School Action",
            "School Action and School Action Plus: pupils, published share of the roll and the "
            "roll each share implies (derived).",
            school_action_frame(sen),
            SCHOOL_ACTION_UNITS,
            docs(sen.school_action, sen.school_action_plus),
        ),
        DatasetTable(
            "sen_statements",
            "SEN statements",
            f"Pupils with statements by phase and per school ({sen.statements.as_at}).",
            statements_frame(sen),
            {
                "Pupils with statements": count,
                "Schools": count,
                "Average per school": Unit.DECIMAL,
                "Fewest per school": count,
                "Most per school": count,
            },
            docs(sen.statements),
        ),
        DatasetTable(
            "sen_placements",
            "SEN independent placements",
            f"Independent SEN placements by type ({sen.placements.as_at}).",
            placements_frame(sen),
            PLACEMENT_UNITS,
            docs(sen.placements),
        ),
        DatasetTable(
            "sen_provision",
            "SEN provision today vs proposed",
            "Today's special-school places against the strategy's proposed provision, ranges kept "
            "as ranges.",
            provision_frame(sen),
            {"Places, lowest": count, "Places, highest published": count},
            docs(
                sen.special_schools,
                sen.proposed_special_schools,
                sen.proposed_enhanced_resource_schools,
            ),
        ),
        DatasetTable(
            "sen_proposed_schools",
            "SEN proposed schools",
            "The strategy's proposed special and enhanced-resource schools.",
            proposed_schools_frame(sen),
            {"Places, lowest": count, "Places, highest": count},
            docs(sen.proposed_special_schools, sen.proposed_enhanced_resource_schools),
        ),
        DatasetTable(
            "sen_need_beside_support",
            "SEN need beside support",
            "Pupils per category of need beside the FTE change of the teams mapped to it (the "
            "mapping is this tool's editorial reading).",
            need,
            {**_M, **{c: fte for c in need.columns if "FTE" in str(c)}},
            tuple(
                dict.fromkeys(docs(sen.categories) + documents_of(mapped) + (EDITORIAL_DOCUMENT,))
            ),
        ),
        DatasetTable(
            "sen_actions",
            "SEN suggested actions",
            "The strategy's 25 suggested actions with the timeline row and any year stated.",
            actions_frame(sen),
            {"No.": count},
            docs(sen.actions),
        ),
        DatasetTable(
            "sen_timeline",
            "SEN timeline",
            "The strategy's implementation timeline as far as the extracted text keeps it.",
            timeline_frame(sen),
            {},
            docs(sen.timeline),
        ),
        DatasetTable(
            "sen_notes",
            "SEN caveats",
            "Honest caveats about the SEN figures that are not arithmetic mismatches.",
            notes_frame(sen_notes(sen, dataset.proposals_period())),
            {},
            docs(sen),
        ),
        DatasetTable(
            "sen_figure_sources",
            "SEN figure sources",
            "Every SEN figure with its date, section and verbatim quote.",
            sen_figure_sources_frame(dataset),
            {},
            docs(sen),
        ),
    ]
