"""The briefing pack's closing sections: where the published figures do not add up, the sources
and the glossary."""

from __future__ import annotations

from redesign.checks.discrepancy import Discrepancy
from redesign.checks.reconciliation import all_discrepancies
from redesign.core.glossary import GLOSSARY
from redesign.data.dataset import Dataset
from redesign.exports.pack.model import Paragraphs, Section, Table
from redesign.exports.pack.text import difference_with_unit, value_with_unit
from redesign.present.dataset_tables import reconciliation_documents


def discrepancies_section(dataset: Dataset) -> Section:
    found: list[Discrepancy] = all_discrepancies(dataset)
    if not found:
        return Section(
            "reconciliation",
            "Where the published figures do not add up",
            (Paragraphs(("Every check reconciles: the published figures add up.",)),),
            "Redesign Explorer's checks of the published figures against each other.",
        )
    rows = tuple(
        (
            d.service,
            d.check_label,
            value_with_unit(d.published, d.unit),
            value_with_unit(d.computed, d.unit),
            difference_with_unit(d.difference, d.unit),
        )
        for d in found
    )
    documents = [dataset.document_title(d) for d in reconciliation_documents(dataset)]
    intro = (
        f"{len(found)} published {'figure does' if len(found) == 1 else 'figures do'} not add up. "
        "Nothing is corrected: both numbers are shown."
    )
    table = Table(
        ("Service or table", "What is checked", "Stated", "Other figures give", "Difference"),
        rows,
        (False, False, True, True, True),
        (3.3, 5.2, 1.4, 1.6, 1.4),
    )
    return Section(
        "reconciliation",
        "Where the published figures do not add up",
        (Paragraphs((intro,)), table),
        "; ".join(documents) + ", checked against each other by Redesign Explorer.",
        "; ".join(documents),
    )


def sources_section(dataset: Dataset) -> Section:
    docs = list(dataset.documents.values())
    return Section(
        "sources",
        "Sources",
        (
            Paragraphs(
                tuple(doc.date or "date not given" for doc in docs),
                terms=tuple(doc.title for doc in docs),
            ),
            Paragraphs(
                (
                    "Every figure is as published. Where the published figures do not add up, "
                    "both numbers are shown; figures this tool computes are labelled derived.",
                )
            ),
        ),
        short_source="the documents listed",
    )


def glossary_section() -> Section:
    return Section(
        "glossary",
        "Glossary",
        (
            Paragraphs(
                tuple(meaning for _, meaning in GLOSSARY),
                terms=tuple(term for term, _ in GLOSSARY),
            ),
        ),
        short_source="Redesign Explorer's glossary of the report's terms",
        run_on=True,
    )
