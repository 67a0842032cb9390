"""A figure's quote shown in its place in the source document: the document's title, the section,
and the paragraph around the quote with the quote marked.

Three ways in: ``quote_button`` (a small "Show in the document" button that opens a dialog),
``figure_quote_finder`` (the Data and sources page: choose any quoted figure, see it in place) and
``chart_quotes`` (under a chart's source line: a popover listing the chart's quoted figures, each
opening the dialog).

Nothing from the text files is rendered as markup: the paragraph is HTML-escaped and the only tags
are this module's own (``<div>``, ``<mark>``); titles and labels are Markdown-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from redesign.core.errors import DataError
from redesign.core.text import escape_label, escape_markdown, plain_text
from redesign.data.source_files import load_source_texts
from redesign.data.source_text import QuoteInContext, QuoteRef, SourceText, locate
from redesign.present.sen_tables import sen_figure_sources_frame
from redesign.present.services import figure_sources_display
from redesign.present.tables import figure_sources_frame, service_figures
from ui.data import DataVersion, data_version, dataset_of

DIALOG_TITLE = "In the source document"
BUTTON_LABEL = "Show in the document"
POPOVER_LABEL = BUTTON_LABEL
FINDER_KEY = "quote_finder"
# Highlight: GOV.UK's focus yellow under near-black text (contrast well above WCAG AA); the
# paragraph sits on a light grey panel with the palette's dark blue rule.
MARK_STYLE = "background-color: #FFDD00; color: #0B0C0C; padding: 0 0.1em;"
PANEL_STYLE = (
    "white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.55; color: #0B0C0C; "
    "background-color: #F3F2F1; border-left: 5px solid #12436D; padding: 0.75rem 1rem;"
)
# The popover lists a chart's figures in a box this tall, scrolling when there are many.
POPOVER_LIST_HEIGHT = 320


def _md(text: str) -> str:
    return escape_markdown(plain_text(str(text)))


# --- the texts, once per data version ------------------------------------------------------------


@st.cache_resource(max_entries=4, show_spinner=False)
def _texts(version: DataVersion) -> dict[str, SourceText]:
    # Read-only once made (frozen), so every session shares them.
    return load_source_texts(Path(version[0]))


def source_texts(version: DataVersion) -> tuple[dict[str, SourceText], str]:
    """The documents' texts, and "" or what is wrong with them (named by file and field)."""
    try:
        return _texts(version), ""
    except DataError as exc:
        shown = "; ".join(str(p) for p in exc.problems[:3])
        return {}, f"The documents' text could not be read: {shown}."


# --- one quote in its place -----------------------------------------------------------------------


def quote_html(found: QuoteInContext) -> str:
    """The paragraph as an HTML panel with the quote in ``<mark>``; every character from the
    document escaped. "…" marks a paragraph that goes on beyond what is shown."""
    before = ("…\n" if found.cut_before else "") + found.before
    after = found.after + ("\n…" if found.cut_after else "")
    return (
        f'<div class="quote-in-place" style="{PANEL_STYLE}">'
        f"{html.escape(before)}"
        f'<mark style="{MARK_STYLE}">{html.escape(found.marked)}</mark>'
        f"{html.escape(after)}</div>"
    )


def show_quote(ref: QuoteRef, version: DataVersion | None = None) -> None:
    """``ref``'s document title, section and the paragraph with the quote marked (or why not)."""
    version = version or data_version()
    texts, problem = source_texts(version)
    documents = dataset_of(version).documents
    doc = documents.get(ref.document)
    if ref.label:
        st.markdown(f"**{_md(ref.label)}**")
    st.markdown(_md(doc.title if doc else ref.document))
    if ref.section:
        st.caption(f"Section: {_md(ref.section)}")
    if problem:
        st.warning(_md(problem), icon=":material/warning:")
        return
    found = locate(texts, ref)
    if found is None:
        st.warning(
            "These words could not be found in the document's text: “" + _md(ref.quote) + "”",
            icon=":material/warning:",
        )
        return
    st.html(quote_html(found))
    where = f"Line {found.line} of the text extracted from the published PDF"
    if found.occurrences > 1:
        where += (
            f"; the same words appear {found.occurrences} times in the document, and this is "
            "the first in its section"
        )
    st.caption(_md(where + "."))


@st.dialog(DIALOG_TITLE, width="large")
def _quote_dialog(ref: QuoteRef, version: DataVersion) -> None:
    show_quote(ref, version)


def open_quote(ref: QuoteRef, version: DataVersion | None = None) -> None:
    """Open the dialog showing ``ref`` (one dialog a run: call it from a button's True branch)."""
    _quote_dialog(ref, version or data_version())


# The key of the button pressed, set by its callback. A callback, not the button's return value:
# the request then survives a rerun that comes before the button is drawn again (ui.layout reruns
# the first script of a fresh server through app.py), and the dialog opens where the button is.
_PENDING = "source_view:pending"


def _ask(key: str, close: str | None = None) -> None:
    st.session_state[_PENDING] = key
    if close:
        # The popover the button sits in is closed, so that it does not float over the dialog.
        st.session_state[close] = False


def _opening_button(
    ref: QuoteRef, *, key: str, label: str, icon: str | None = None, close: str | None = None
) -> None:
    st.button(
        escape_label(label),
        key=key,
        icon=icon,
        type="tertiary",
        on_click=_ask,
        args=(key, close),
    )
    if st.session_state.get(_PENDING) == key:
        del st.session_state[_PENDING]
        open_quote(ref)


def quote_button(ref: QuoteRef, *, key: str, label: str = BUTTON_LABEL) -> None:
    """A small button that opens ``ref`` in its place in a dialog (``key`` unique on the page)."""
    _opening_button(ref, key=key, label=label, icon=":material/format_quote:")


# --- the quoted figures: the figure-sources tables as QuoteRefs -----------------------------------


def _sen_label(record: str, value: str) -> str:
    parts = [p for p in record.split(" › ") if p not in ("rows", "types")]
    return "SEN · " + " › ".join(p.replace("_", " ") for p in parts) + f": {value}"


def _service_refs(frame: pd.DataFrame, ids: dict[str, str]) -> list[QuoteRef]:
    """A QuoteRef for each quoted row of a figure-sources frame, its value as the table shows it."""
    shown = figure_sources_display(frame)["Value"].astype(str).tolist()
    return [
        QuoteRef(
            f"{row['Service']} · {row['Figure']}: {value}",
            ids.get(str(row["Document"]), ""),
            str(row["Section"]),
            str(row["Quote"]),
        )
        for row, value in zip(frame.to_dict("records"), shown, strict=True)
        if row["Quote"]
    ]


def _document_ids(version: DataVersion) -> dict[str, str]:
    """Document id by the short title the tables print."""
    return {d.short: d.id for d in dataset_of(version).documents.values()}


@st.cache_resource(max_entries=4, show_spinner=False)
def _sen_refs(version: DataVersion) -> tuple[tuple[str, QuoteRef], ...]:
    """The SEN dataset's quoted figures, each with the record it is under ("categories"...)."""
    ids = _document_ids(version)
    sen = sen_figure_sources_frame(dataset_of(version))
    return tuple(
        (
            str(row.Record).split(" › ")[0],
            QuoteRef(
                _sen_label(str(row.Record), str(row.Value)),
                ids.get(str(row.Document), ""),
                str(row.Section),
                str(row.Quote),
            ),
        )
        for row in sen.itertuples()
        if row.Quote
    )


@st.cache_resource(max_entries=4, show_spinner=False)
def figure_refs(version: DataVersion) -> tuple[QuoteRef, ...]:
    """Every quoted figure of the Data and sources page's tables: the services' figures (with the
    SEN support detail), then the SEN dataset's."""
    services = _service_refs(figure_sources_frame(dataset_of(version)), _document_ids(version))
    return (*services, *(ref for _, ref in _sen_refs(version)))


# Which of a service's figures a chart shows, by the figure-sources table's row.
CHART_FIGURES: dict[str, Callable[[Mapping[Hashable, Any]], bool]] = {
    "money": lambda r: r["Unit"] == "£m",
    "saving": lambda r: r["Figure"] == "Saving",
    "budget": lambda r: (
        r["Figure"] in ("Current budget", "Proposed cost", "Saving")
        or str(r["Figure"]).startswith("Budget component")
    ),
    "streams": lambda r: str(r["Figure"]).endswith(" saving"),
    "staffing": lambda r: r["Unit"] in ("FTE", "count"),
    "headcount": lambda r: str(r["Figure"]).startswith(("Headcount", "Casual staff")),
}


@st.cache_resource(max_entries=64, show_spinner=False)
def figure_quotes(
    version: DataVersion, kind: str, services: tuple[str, ...] = ()
) -> tuple[QuoteRef, ...]:
    """The quoted figures of a chart of services' figures: ``kind`` names which (CHART_FIGURES),
    ``services`` which services (all when empty)."""
    dataset = dataset_of(version)
    wanted = CHART_FIGURES[kind]
    chosen = [s for s in dataset.services if not services or s.id in services]
    frames = [service_figures(dataset, s) for s in chosen]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return ()
    frame = pd.concat(frames, ignore_index=True)
    frame = frame[[wanted(row) for row in frame.to_dict("records")]].reset_index(drop=True)
    return tuple(_service_refs(frame, _document_ids(version)))


def sen_quotes(version: DataVersion, records: tuple[str, ...]) -> tuple[QuoteRef, ...]:
    """The quoted SEN figures under the given records ("categories", "special_schools"...)."""
    return tuple(ref for record, ref in _sen_refs(version) if record in records)


# --- the Data and sources page's finder, and the charts' popovers --------------------------------


def figure_quote_finder(version: DataVersion | None = None) -> None:
    """Choose any quoted figure (type to search) and see its quote in its place."""
    version = version or data_version()
    refs = figure_refs(version)
    if not refs:
        st.info("No figure in this dataset carries a quote.", icon=":material/info:")
        return
    choice = st.selectbox(
        "Figure",
        options=range(len(refs)),
        index=None,
        format_func=lambda i: refs[i].label,
        placeholder="Type to search: a service, a figure or a value",
        key=FINDER_KEY,
        help="Every figure with a quote in the tables on this page; type any part of its name.",
    )
    if choice is not None:
        with st.container(border=True):
            show_quote(refs[choice], version)


def chart_quotes(quotes: Sequence[QuoteRef], *, key: str) -> None:
    """Under a chart's source line: a popover listing the chart's quoted figures; each opens the
    quote in its place. Its list is built only while it is open."""
    if not quotes:
        return
    popover_key, prefix = f"quotes_{key}", f"quote_{key}_"
    # A figure chosen in the popover (which its button has closed): open it here.
    pending = st.session_state.get(_PENDING)
    if isinstance(pending, str) and pending.startswith(prefix):
        del st.session_state[_PENDING]
        index = pending.removeprefix(prefix)
        if index.isdigit() and int(index) < len(quotes):
            open_quote(quotes[int(index)])
    box = st.popover(
        POPOVER_LABEL,
        icon=":material/format_quote:",
        type="tertiary",
        key=popover_key,
        on_change="rerun",
    )
    with box:
        if not box.open:
            return
        st.caption("Choose a figure to see its quote in its place in the document.")
        with st.container(height=POPOVER_LIST_HEIGHT if len(quotes) > 8 else "content"):
            for i, ref in enumerate(quotes):
                _opening_button(ref, key=f"{prefix}{i}", label=ref.label, close=popover_key)
