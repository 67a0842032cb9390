"""What every section of the SEN page shares: its context, the source line of a table, the table
block at the section's heading level, the notes on figures that do not add up, and the links."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

from redesign.checks.discrepancy import Discrepancy
from redesign.data.dataset import REPORT_DOCUMENT, Dataset
from redesign.data.sen.records import SenNeeds
from redesign.present import sen_view
from ui import cached_sen, present
from ui.blocks import md
from ui.blocks import table_block as _table_block

SERVICE_PAGE = "pages/service.py"
BUYBACK_PAGE = "pages/buyback.py"


@dataclass(frozen=True)
class SenPage:
    """The page's data: the dataset, its SEN part, the parts made once per data version, and the
    titles of the two documents it cites."""

    dataset: Dataset
    sen: SenNeeds
    parts: cached_sen.SenParts
    doc: str
    report: str

    @classmethod
    def of(cls, dataset: Dataset, sen: SenNeeds, parts: cached_sen.SenParts) -> SenPage:
        return cls(
            dataset,
            sen,
            parts,
            dataset.document_title(sen.document),
            dataset.document_title(REPORT_DOCUMENT),
        )

    def source(self, section: str, as_at: str) -> str:
        return f"{self.doc}, {section} ({as_at})"

    def checks(self, table: str) -> None:
        """The notes on one table's figures that do not add up (``table``: sen_checks's names)."""
        discrepancy_notes(sen_view.discrepancies_in(self.parts.discrepancies, table))


def table_block(*, folded: bool = True, **kwargs: Any) -> None:
    """A titled table (at heading level 4, under the section's chart), drawn when its "Show data
    table" is opened unless ``folded`` is false: drawn together, the page's tables held back its
    first screen (bench/README.md, "First screen")."""
    _table_block(level=4, folded=folded, **kwargs)


def discrepancy_notes(items: Iterable[Discrepancy]) -> None:
    """Where the strategy's own figures do not add up: both numbers, in words (the shared block
    says "the report", which here would be the wrong document)."""
    for d in items:
        st.info(
            f"**Published figures that do not add up.** {sen_view.discrepancy_text(d)}",
            icon=":material/info:",
        )


def service_link(service_id: str, name: str) -> None:
    try:
        st.page_link(
            SERVICE_PAGE,
            label=f"{md(name)}: service drilldown",
            query_params=present.link_query({"service": service_id}),
            icon=":material/arrow_forward:",
            help="Open this service's figures, text and sources",
        )
    except StreamlitAPIException:  # the page is run on its own, outside app.py's navigation
        st.markdown(f"[{md(name)}: service drilldown](service?service={service_id})")


def buyback_link() -> None:
    try:
        st.page_link(
            BUYBACK_PAGE,
            query_params=present.link_query(),
            label="Buy-back model: what if schools buy more or less of the traded offer?",
            icon=":material/tune:",
        )
    except StreamlitAPIException:
        st.caption("The buy-back model page is not in this app's menu.")
