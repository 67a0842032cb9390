"""Data and sources: every dataset table with CSV, each figure's source quote, the full
reconciliation list, the whole dataset as one Excel workbook, and the glossary."""

from datetime import date

import streamlit as st

from redesign.exports.workbook import long_date
from ui import cached
from ui.blocks import md, table_block
from ui.briefing import briefing_downloads
from ui.data import data_version, get_workbook
from ui.glossary import glossary_section
from ui.layout import page_setup
from ui.source_view import figure_quote_finder

dataset = page_setup(
    "Data and sources",
    intro="Every number in this tool, where it comes from, and where the published figures do "
    "not add up. Download any table as CSV, or everything as one Excel workbook.",
    params=(),
    script=__file__,
)

st.download_button(
    "Download the whole dataset (Excel workbook)",
    data=get_workbook(),
    file_name=f"redesign-explorer-data-{date.today().isoformat()}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="download_workbook",
    icon=":material/download:",
    type="primary",
    on_click="ignore",
    help="A cover sheet, one table per sheet, and a notes sheet with the sources and glossary.",
)
st.caption(md(f"Generated {long_date(date.today())}. Proposals, not decisions."))

st.header("Source documents", anchor="documents")
for doc in dataset.documents.values():
    st.markdown(
        f"- **{md(doc.short)}**: {md(doc.title)}" + (f" ({md(doc.date)})" if doc.date else "")
    )

# A real table holds this many columns at 1280 pixels without cutting any off; wider ones are
# shown in parts (the CSV and the workbook keep them whole).
WIDEST = 8

# Every table formatted, escaped and exported once per data version (ui.cached).
parts = cached.data_sources(data_version())

st.header("Where the published figures do not add up", anchor="reconciliation")
recon = parts.reconciliation
st.markdown(
    md(
        "Nothing is corrected: each row compares a published figure with what the other "
        "published figures imply, and gives both. "
    )
    + f"**{len(recon.table.frame)}** "
    + md("checks do not reconcile.")
)
table_block(
    title="Reconciliation list",
    table=recon.table,
    key="reconciliation",
    description=recon.description,
    sources=recon.sources,
)

st.header("Each figure's source", anchor="figure-sources")
sources = parts.figure_sources
table_block(
    title="Every published figure, with its quote",
    table=sources.table,
    key="figure_sources",
    description=sources.description,
    sources=sources.sources,
    height=520,
    # A long grid, drawn when opened: on a first load it held back the tables above it.
    folded=True,
)

st.header("Find a figure's quote in its document", anchor="quote-finder")
st.markdown(
    "Choose a figure to read the words it was transcribed from where they stand in the document, "
    "with the paragraph around them."
)
figure_quote_finder(data_version())

st.header("The dataset, table by table", anchor="tables")
# Each table drawn when opened: drawn together, the twenty tables below the first screen held it
# back (bench/README.md, "First screen"); the title, description, CSV and source stay in view.
for table in parts.others:
    table_block(
        title=table.title,
        table=table.table,
        key=table.key,
        description=table.description,
        sources=table.sources,
        max_columns=WIDEST,
        folded=True,
    )

glossary_section()

briefing_downloads(dataset, page="data_sources")
