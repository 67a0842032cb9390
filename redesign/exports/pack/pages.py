"""The sections a page adds to its briefing pack, after the scenario: the service page its service,
the SEN page its tables of need and provision, Data and sources the at-risk groups and SEN tables."""

from __future__ import annotations

import pandas as pd

from redesign.buyback.text import in_sentence
from redesign.data.dataset import Dataset
from redesign.exports.pack.model import Block, Paragraphs, Section, Table
from redesign.exports.pack.text import frame_table
from redesign.exports.sheet.content import service_sheet, shortened
from redesign.present.dataset_table import DatasetTable
from redesign.present.dataset_tables import core_tables, dataset_tables

PASSAGE_LIMIT = 900  # characters of the report's words per passage in a pack (the rest: the page)
# The SEN tables a pack holds (shares and occupancy among them), in the SEN page's order.
SEN_TABLES = (
    "sen_categories_of_need",
    "sen_school_action",
    "sen_special_schools",
    "sen_placements",
)
DATA_TABLES = ("sen_support_at_risk",)


def page_sections(dataset: Dataset, page: str, service_id: str = "") -> list[Section]:
    if page == "service" and service_id:
        return [service_section(dataset, service_id)]
    if page == "sen_needs":
        return table_sections(dataset, SEN_TABLES)
    if page == "data_sources":
        return table_sections(dataset, DATA_TABLES + SEN_TABLES)
    return []


def service_section(dataset: Dataset, service_id: str) -> Section:
    sheet = service_sheet(dataset, service_id)
    blocks: list[Block] = [
        Table(
            ("", "Now", "Proposed", "Change"),
            sheet.figures,
            (False, True, True, True),
            (4.6, 2.2, 2.6, 2.0),
            notes=sheet.figure_notes,
            heading=f"{sheet.name}: before and after",
        )
    ]
    for passage in (*sheet.changes, *((sheet.feedback,) if sheet.feedback else ())):
        short = shortened(passage, PASSAGE_LIMIT)
        lines = tuple(
            f"•  {line[2:]}" if line.startswith("- ") else line
            for para in short.paragraphs
            for line in para.split("\n")
        )
        texts = lines + ((f"(Shortened: {sheet.full_text}.)",) if short.shortened else ())
        blocks.append(Paragraphs(texts, heading=f"{sheet.name}: {in_sentence(short.heading)}"))
    if sheet.discrepancies:
        blocks.append(
            Paragraphs(sheet.discrepancies, heading=f"{sheet.name}: figures that do not add up")
        )
    return Section(
        f"service_{service_id}",
        sheet.name,
        tuple(blocks),
        sheet.sources,
        dataset.document_title("cabinet_appendix"),
    )


def table_sections(dataset: Dataset, keys: tuple[str, ...]) -> list[Section]:
    wanted = set(keys)
    pool = core_tables(dataset) if wanted <= set(DATA_TABLES) else dataset_tables(dataset)
    tables = {t.key: t for t in pool if t.key in wanted}
    return [dataset_table_section(dataset, tables[k]) for k in keys if k in tables]


def dataset_table_section(dataset: Dataset, table: DatasetTable) -> Section:
    """A dataset table as the Data and sources page shows it, with its own source line."""
    text = table.display()
    docs = [dataset.document_title(d) for d in table.documents]
    block = frame_table(text, dict(table.units), _widths(text))
    return Section(
        table.key,
        table.title,
        (Paragraphs((table.description,)), block),
        "; ".join(docs) + ".",
        "; ".join(docs),
        run_on=True,  # short reference tables: several to a page where they fit
    )


def _widths(text: pd.DataFrame) -> list[float]:
    """Relative column widths from the text they hold: a long text column wider, never less than
    its header's longest word."""
    widths = []
    for column in text.columns:
        cells = [str(v) for v in text[column]]
        # No word is broken: the header's (bold, so a little wider) and the cells' longest.
        header_word = max((len(w) for w in str(column).split()), default=4) * 1.15
        cell_word = max((len(w) for c in cells for w in c.split()), default=1)
        typical = sum(len(c) for c in cells) / max(len(cells), 1)
        longest = max((len(c) for c in cells), default=0)
        # A column with one long cell (a derivation) still gets room, so that row stays short.
        widths.append(max(header_word, cell_word, min(max(typical, longest / 4), 40), 5) + 2)
    return widths
