"""``page_setup(title)``: what every page calls first (sidebar, notes, styles), returning the data.

Every page shows the same sidebar: a "Proposals, not decisions" note, the glossary and the data folder
in use. ``st.set_page_config`` is called once, in app.py.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import streamlit as st

from redesign import Dataset
from redesign.core.text import escape_markdown, plain_text
from ui import present
from ui.data import data_dir, data_dir_label, get_dataset
from ui.glossary import sidebar_glossary
from ui.navigation import ensure_navigation
from ui.state import drop_unknown_params

OVERVIEW_SCRIPT = "pages/overview.py"
PROPOSALS_NOTE = "**Proposals, not decisions.** Figures as published, unless labelled *derived*."


def proposals_note(dataset: Dataset) -> str:
    """The detail behind the sidebar's "Proposals, not decisions" line: each source's period (from
    the data), and how the tool marks derived figures and assumptions."""
    report = dataset.proposals_period()
    sen = dataset.documents.get(dataset.sen.document) if dataset.sen is not None else None
    sen_part = (
        f" For SEN needs and provision, they come from its FOI reply and Inclusion and SEN "
        f"Strategy ({escape_markdown(plain_text(sen.date))})."
        if sen is not None and sen.date
        else ""
    )
    return (
        "The figures come from the council's cabinet report on the Education Services redesign "
        f"({escape_markdown(plain_text(report))}).{sen_part} Where the published figures do "
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
/* Less blank space above the title, so more of the page is on the first screen. */
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
/* Static tables wrap their cells to the page's width: a table wider than the page would be a
   scrolling region that a keyboard cannot reach. */
[data-testid="stTable"] th, [data-testid="stTable"] td { white-space: normal; }
[data-testid="stTable"] table:has(th:nth-child(9)) th,
[data-testid="stTable"] table:has(th:nth-child(9)) td {
  font-size: 0.75rem; padding: 0.15rem 0.25rem; hyphens: auto;
}
/* An upload's limit is stated once, in its label, as the app checks it: Streamlit's own line
   ("1MB per file", the server's backstop, .streamlit/config.toml) would give a second limit. */
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
/* Headings keep their ids (links to #section work) but not the link icon beside each, which is
   a Tab stop before every section. */
[data-testid="stHeaderActionElements"] a[href^="#"] { display: none; }
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
    gets a notice and is removed (presentation mode's keys are every page's). ``None`` skips the
    check. ``script`` is the page's ``__file__`` (a run that did not come through app.py's
    navigation is sent there: ui.navigation). In presentation mode (ui.present) there is no
    sidebar and no intro: the title, then the page's key figures, fill the first screen."""
    ensure_navigation(script)
    presenting = present.presenting()
    present.start_run()
    st.html(_CSS)
    if presenting:
        st.html(present.present_css())
        head = st.columns([3, 2], vertical_alignment="center")
        with head[0]:
            st.title(escape_markdown(title), anchor=False)
        with head[1]:
            present.top_bar()
        st.caption(PROPOSALS_NOTE)
        dataset = get_dataset()
    else:
        present.sidebar_toggle()
        st.sidebar.markdown(PROPOSALS_NOTE)
        # The detail names the sources' periods from the data: filled in once the data has loaded.
        with st.sidebar.expander("About the figures", icon=":material/info:"):
            detail = st.empty()
        sidebar_glossary()
        st.sidebar.caption(
            f"Data folder: {escape_markdown(plain_text(data_dir_label(data_dir())))}"
        )
        st.title(escape_markdown(title), anchor=False)
        dataset = get_dataset()
        detail.markdown(proposals_note(dataset))
        if callable(intro):
            intro = intro(dataset)
        if intro:
            st.markdown(intro)
    present.link_notice()
    if params is not None:
        drop_unknown_params(_with_present(params))
    return dataset


def _with_present(params: Callable[[str], bool] | Collection[str]) -> Callable[[str], bool]:
    """The page's link settings and presentation mode's."""
    known = params if callable(params) else set(params).__contains__
    return lambda key: present.is_param(key) or known(key)


def open_overview() -> None:
    """The page at /overview, the overview's own name: opens the overview (the app's default page,
    at /), keeping the link's settings, instead of "Page not found"."""
    st.switch_page(OVERVIEW_SCRIPT, query_params=st.query_params.to_dict())
