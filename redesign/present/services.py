"""What the dashboard shows, as records and frames: every derived number is computed here.

Pages read these and render them; they do no arithmetic. Stated figures stay as published; anything
computed from them (a total, a share, an FTE the report does not state) is marked as derived."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from redesign.checks.discrepancy import Discrepancy
from redesign.checks.reconciliation import service_discrepancies
from redesign.core.formatting import count_words
from redesign.core.palette import category_colours
from redesign.core.records import Figure
from redesign.core.table_format import format_frame_by_unit
from redesign.data.dataset import Dataset
from redesign.data.services import TEXT_FIELDS, Service
from redesign.model.finance import (
    select_services,
)
from redesign.present.tables import service_figures

ALL_CATEGORIES = "all"


# --- categories ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryEntry:
    """A service listed under a category: the names it is listed as, and whether that is inferred."""

    service_id: str
    service_name: str
    listed_as: tuple[str, ...]
    inferred: bool  # True when every link to this category is inferred
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class CategoryGroup:
    id: str
    label: str
    colour: str
    entries: tuple[CategoryEntry, ...]
    unmatched: tuple[str, ...]  # listed names that no section of the report covers


def category_groups(dataset: Dataset) -> list[CategoryGroup]:
    """Services under each original-proposals category (a service under several appears in each)."""
    colours = category_colours([c.id for c in dataset.categories])
    groups = []
    for category in dataset.categories:
        entries = []
        covered: set[str] = set()
        for service in dataset.services:
            links = [link for link in service.categories if link.category == category.id]
            if not links:
                continue
            listed = tuple(dict.fromkeys(link.listed_as for link in links if link.listed_as))
            covered.update(listed)
            entries.append(
                CategoryEntry(
                    service.id,
                    service.name,
                    listed,
                    all(link.inferred for link in links),
                    tuple(link.reason for link in links if link.inferred and link.reason),
                )
            )
        unmatched = tuple(n.name for n in category.listed if n.name not in covered)
        groups.append(
            CategoryGroup(
                category.id, category.label, colours[category.id], tuple(entries), unmatched
            )
        )
    return groups


def category_options(dataset: Dataset) -> dict[str, str]:
    """Filter choices: "all" then every category id, with labels."""
    return {ALL_CATEGORIES: "All categories"} | {c.id: c.label for c in dataset.categories}


def services_in(dataset: Dataset, category: str | None) -> tuple[Service, ...]:
    """All services, or those listed under one category ("all" or None: every service)."""
    return select_services(dataset, None if category in (None, ALL_CATEGORIES) else category)


# --- one service ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextSection:
    key: str
    heading: str
    text: str


def service_text_sections(service: Service) -> list[TextSection]:
    """The report's narrative for a service in report order, with the feedback heading it uses."""
    sections = []
    for key, heading in TEXT_FIELDS.items():
        text = service.text.get(key)
        if not text:
            continue
        if key == "feedback" and service.feedback_heading:
            heading = service.feedback_heading
        sections.append(TextSection(key, heading, text))
    return sections


def neighbours(dataset: Dataset, service_id: str) -> tuple[Service | None, Service | None]:
    """The previous and next service in report order (None at either end)."""
    ids = [s.id for s in dataset.services]
    i = ids.index(service_id)
    prev = dataset.services[i - 1] if i > 0 else None
    nxt = dataset.services[i + 1] if i + 1 < len(ids) else None
    return prev, nxt


# Which part of the drilldown each reconciliation check belongs beside.
DISCREPANCY_PLACE = {
    "saving": "budget",
    "budget_components": "budget",
    "savings_by_stream": "streams",
    "fte_reduction": "staffing",
}


def discrepancies_by_place(service: Service) -> dict[str, list[Discrepancy]]:
    found: dict[str, list[Discrepancy]] = {}
    for d in service_discrepancies(service):
        found.setdefault(DISCREPANCY_PLACE.get(d.check, "budget"), []).append(d)
    return found


def service_figure_sources(dataset: Dataset, service: Service) -> pd.DataFrame:
    """Every published figure of one service with its document, section and verbatim quote."""
    frame = service_figures(dataset, service)
    return frame.drop(columns=["service_id", "Service"])


def source_summary(dataset: Dataset, figures: list[Figure]) -> str:
    """One line naming the documents and sections some figures come from (for "Source: ...")."""
    by_doc: dict[str, list[str]] = {}
    for fig in figures:
        sections = by_doc.setdefault(fig.source.document, [])
        if fig.source.section and fig.source.section not in sections:
            sections.append(fig.source.section)
    parts = []
    for doc, sections in by_doc.items():
        title = dataset.document_title(doc)
        if not sections:
            parts.append(title)
        elif len(sections) == 1:
            parts.append(f"{title}, section “{sections[0]}”")
        elif len(sections) <= 3:
            parts.append(f"{title}, sections: " + "; ".join(f"“{x}”" for x in sections))
        else:
            parts.append(f"{title}, the section on each of the {len(sections)} services")
    return "; ".join(parts) + ("" if not parts else ". Quotes for every figure: Data and sources.")


def service_position(dataset: Dataset, service_id: str) -> tuple[int, int]:
    """(position, number of services) in report order, counting from 1."""
    ids = [s.id for s in dataset.services]
    return ids.index(service_id) + 1, len(ids)


def service_categories_text(dataset: Dataset, service: Service) -> str:
    """The categories a service is listed under, each once, "(inferred)" where every link is."""
    seen: dict[str, bool] = {}
    for link in service.categories:
        seen[link.category] = seen.get(link.category, True) and link.inferred
    return "; ".join(
        f"{dataset.category_label(cid)}{' (inferred)' if inferred else ''}"
        for cid, inferred in seen.items()
    )


def categories_lead(dataset: Dataset) -> str:
    """The opening sentence of the overview's category section, counting the report's list."""
    n = len(dataset.categories)
    noun = "category" if n == 1 else "categories"
    return (
        f"The report opens with a list of {count_words(n)} {noun} and the services named under "
        f"{'it' if n == 1 else 'each'}."
    )


def reconciliation_display(frame: pd.DataFrame) -> pd.DataFrame:
    """The reconciliation table for reading: each number in its own row's unit."""
    return format_frame_by_unit(frame, ["Published", "Computed", "Difference"], "Unit")


def figure_sources_display(frame: pd.DataFrame) -> pd.DataFrame:
    """The figure-sources table for reading: each value in its own row's unit."""
    return format_frame_by_unit(frame, ["Value"], "Unit")
