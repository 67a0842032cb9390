"""``page_setup(title)``: what every page calls first (sidebar, notes, styles), returning the data.

Every page shows the same sidebar: a "Proposals, not decisions" note, the glossary and the data folder
in use. ``st.set_page_config`` is called once, in app.py.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import streamlit as st

from redesign import Dataset
from redesign.core.text import escape_markdown, plain_text
from ui.data import data_dir, data_dir_label, get_dataset
from ui.glossary import sidebar_glossary
from ui.navigation import ensure_navigation
from ui.state import drop_unknown_params


def proposals_note(dataset: Dataset) -> str:
    """The sidebar's "Proposals, not decisions" note, naming each source's period from the data."""
    report = dataset.proposals_period()
    sen = dataset.documents.get(dataset.sen.document) if dataset.sen is not None else None
    sen_part = (
        f" or, for SEN needs and provision, its FOI reply and Inclusion and SEN Strategy "
        f"({escape_markdown(plain_text(sen.date))})"
        if sen is not None and sen.date
        else ""
    )
    return (
        "**Proposals, not decisions.** Every figure comes, as published, from the council's "
        "cabinet report on the Education Services redesign "
        f"({escape_markdown(plain_text(report))}){sen_part}. Where the published figures do "
        "not add up, both numbers are shown; figures this tool computes are labelled *derived*; "
        "the buy-back model's inputs that are not in the report are labelled *assumptions*."
    )


# Readability on a projector: metric values large and never cut short, labels and links that wrap
# instead of ending in "…", and running text kept to a readable line length.
_CSS = """
<style>
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  font-size: 2rem; white-space: normal; overflow: visible; text-overflow: clip;
}
[data-testid="stMetricLabel"] { align-items: flex-start; }
[data-testid="stMetricLabel"] > div { flex: 1 1 auto; min-width: 0; }
[data-testid="stMetricLabel"] > span { flex: 0 0 auto; }
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] p { white-space: normal; overflow: visible; text-overflow: clip; }
[data-testid="stPageLink"] a, [data-testid="stPageLink"] p, [data-testid="stPageLink"] span {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto;
}
[data-testid="stMain"] [data-testid="stPageLink"] p {
  font-size: 1.05rem; font-weight: 600; line-height: 1.35;
}
[data-testid="stExpanderDetails"] [data-testid="stMarkdownContainer"] { max-width: 75em; }
[data-testid="stExpander"] summary p { font-size: 1.1rem; font-weight: 600; }
</style>
"""


def page_setup(
    title: str,
    intro: str | Callable[[Dataset], str] | None = None,
    params: Callable[[str], bool] | Collection[str] | None = None,
    *,
    script: str,
) -> Dataset:
    """Sidebar, styles and page title; returns the (cached) dataset or stops with its problems.

    ``intro`` is Markdown, or a function of the dataset that writes it (for an intro with figures
    in it). ``params`` are the link settings (query keys) the page reads; any other key in the URL
    gets a notice and is removed. ``None`` skips the check. ``script`` is the page's ``__file__``
    (a run that did not come through app.py's navigation is sent there: ui.navigation)."""
    ensure_navigation(script)
    st.html(_CSS)
    # The note names the sources' periods from the data: filled in once the data has loaded.
    note = st.sidebar.empty()
    sidebar_glossary()
    st.sidebar.caption(f"Data folder: {escape_markdown(plain_text(data_dir_label(data_dir())))}")
    st.title(escape_markdown(title))
    dataset = get_dataset()
    note.markdown(proposals_note(dataset))
    if callable(intro):
        intro = intro(dataset)
    if intro:
        st.markdown(intro)
    if params is not None:
        drop_unknown_params(params)
    return dataset
