"""Reusable page blocks: an accessible chart block, data tables with CSV, metric tiles, notes.

``chart_block`` renders, in order (CONVENTIONS.md, accessibility): an active title (ten words or
fewer), a subtitle (measure, period, scenario), the chart with alt text, the same numbers as a table in
a "Show data table" expander (drawn when the user opens it: ``table_expander``), a CSV download of
those numbers, and a "Source: ..." line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from redesign.checks.discrepancy import Discrepancy
from redesign.core.headline import Headline
from redesign.core.table_format import Formatter, format_frame, format_records
from redesign.core.text import escape_label, escape_markdown, plain_text
from redesign.data.source_text import QuoteRef
from redesign.present.discrepancy_words import discrepancy_text
from ui import present
from ui.components import plotly_chart
from ui.source_view import chart_quotes

MAX_TITLE_WORDS = 10
# Columns that are for the code (ids, colour keys), never shown or exported.
HIDDEN_COLUMNS = ("service_id", "stream", "colour_key")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:60] or "table"


def visible(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame without code-only columns."""
    return frame.drop(columns=[c for c in HIDDEN_COLUMNS if c in frame.columns])


def md(text: str) -> str:
    """Untrusted or data text made safe (and literal) for Markdown."""
    return escape_markdown(plain_text(str(text)))


def label(text: str) -> str:
    """A widget or tile label made safe for Markdown with few backslashes, because Streamlit also
    uses the label's source as an accessible name (e.g. "Help for Saving (as stated)")."""
    return escape_label(str(text))


def source_line(sources: str | Iterable[str]) -> None:
    """ "Source: ..." under a chart or table (sources are plain text; escaped here)."""
    items = [sources] if isinstance(sources, str) else list(dict.fromkeys(sources))
    items = [s for s in items if s]
    if items:
        st.caption("Source: " + md("; ".join(items)))


@dataclass(frozen=True)
class PreparedTable:
    """A table ready to draw: ``text`` is ``frame`` formatted in the house style (every cell and
    header escaped when ``static``), ``csv`` the file ``csv_button`` offers. ``ui.cached`` makes
    each page's tables once per data version and shares them between sessions: never change one
    or its frames after it is made.

    ``arrow`` is ``text`` already converted to an Arrow table, which ``st.table`` and
    ``st.dataframe`` take as it is: the same bytes reach the browser as when Streamlit converts
    the frame itself (pyarrow's ``Table.from_pandas`` with its default index handling, as
    Streamlit calls it), without the conversion on every rerun. None: shown from ``text``."""

    frame: pd.DataFrame
    text: pd.DataFrame
    csv: bytes
    static: bool
    arrow: pa.Table | None = None


def prepare_table(
    frame: pd.DataFrame,
    *,
    formatters: Mapping[str, Formatter] | None = None,
    static: bool = True,
    display: pd.DataFrame | None = None,
    with_csv: bool = True,
    with_arrow: bool = True,
) -> PreparedTable:
    """Everything drawing ``frame`` as a table (and its CSV) needs, computed now (pure: no
    Streamlit call). ``display`` is an already formatted version of ``frame`` (e.g. values
    formatted row by row by their unit) shown instead."""
    text = visible(display) if display is not None else format_frame(visible(frame), formatters)
    if static:
        text = text.map(md)
        text.columns = [md(c) for c in text.columns]
    return PreparedTable(
        frame=frame,
        text=text,
        csv=csv_bytes(frame) if with_csv else b"",
        static=static,
        arrow=_arrow(text) if with_arrow else None,
    )


def _arrow(text: pd.DataFrame) -> pa.Table | None:
    """``text`` as an Arrow table, or None where pyarrow cannot convert it as it stands (then
    Streamlit converts the frame, with its own fixes, when it is drawn)."""
    try:
        return pa.Table.from_pandas(text)
    except (pa.ArrowException, OverflowError, TypeError, ValueError):
        return None


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The numbers as CSV (unformatted, exact), UTF-8 with a byte-order mark for Excel."""
    return visible(frame).to_csv(index=False).encode("utf-8-sig")


def show_table(table: PreparedTable, *, height: int | None = None) -> None:
    """A prepared table: ``static`` a real HTML table (``st.table``, best for screen readers and
    short tables), else an interactive grid for long ones."""
    data = table.text if table.arrow is None else table.arrow
    if table.static:
        st.table(data, hide_index=True, height=height or "content")
    else:
        st.dataframe(data, hide_index=True, width="stretch", height=height or "auto")


def data_table(
    frame: pd.DataFrame,
    *,
    formatters: Mapping[str, Formatter] | None = None,
    static: bool = True,
    height: int | None = None,
    display: pd.DataFrame | None = None,
) -> None:
    """A table formatted in the house style (£m 2dp, FTE 2dp), every cell escaped, made now (for
    tables that change on every run; see ``prepare_table`` for those that do not)."""
    table = prepare_table(
        frame,
        formatters=formatters,
        static=static,
        display=display,
        with_csv=False,
        with_arrow=False,
    )
    show_table(table, height=height)


def record_table(
    records: Sequence[Mapping[str, Any]], *, formatters: Mapping[str, Formatter] | None = None
) -> None:
    """A short table given as rows, drawn as ``data_table`` draws a frame (house style, every
    cell and header escaped, a real HTML table) but without pandas: for tables redrawn on every
    key press, where building, formatting and converting a DataFrame cost about 3 ms."""
    texts = format_records(records, formatters)
    st.table(
        pa.table({md(column): [md(cell) for cell in cells] for column, cells in texts.items()}),
        hide_index=True,
    )


TABLE_EXPANDER_LABEL = "Show data table"
TABLE_EXPANDER_PREFIX = "table_"


@contextmanager
def folded(
    label: str, *, key: str, expanded: bool = False, icon: str | None = None
) -> Iterator[bool]:
    """An expander whose contents are sent only while it is open; yields whether it is open.

    Why: a closed expander's contents are still built, sent and drawn on every run, and on a
    first load they hold back the page's first screen (bench/README.md, "First screen"). With
    ``on_change="rerun"`` Streamlit reruns when the user opens it, and the contents appear then:
    the same page for the user, less work on every load and key press. Only for contents without
    widgets (a widget not drawn in a run loses its state)."""
    box = st.expander(label, expanded=expanded, icon=icon, key=key, on_change="rerun")
    with box:
        yield bool(box.open)


@contextmanager
def table_expander(key: str, *, expanded: bool = False) -> Iterator[bool]:
    """The "Show data table" expander under a chart (``folded``); yields whether it is open, so
    the table is drawn only then (``key`` as the chart's, unique on the page). On the buy-back
    page, formatting the curve's table had been an eighth of a key press's rerun. It stays open
    while the user moves sliders, and is redrawn with them."""
    with folded(
        TABLE_EXPANDER_LABEL,
        key=f"{TABLE_EXPANDER_PREFIX}{key}",
        expanded=expanded,
        icon=":material/table:",
    ) as opened:
        yield opened


def _download_csv(data: bytes | Callable[[], bytes], file_name: str, key: str, label: str) -> None:
    st.download_button(
        label,
        data=data,
        file_name=file_name if file_name.endswith(".csv") else f"{file_name}.csv",
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )


def csv_button(
    frame: pd.DataFrame,
    *,
    file_name: str,
    key: str,
    label: str = "Download CSV",
    deferred: bool = False,
) -> None:
    """The numbers as CSV (unformatted, exact), UTF-8 with a byte-order mark for Excel.

    ``deferred=True`` makes the file only when the button is pressed (for tables redrawn on every
    key press); the frame must then not be changed afterwards."""
    _download_csv(
        (lambda: csv_bytes(frame)) if deferred else csv_bytes(frame), file_name, key, label
    )


def show_csv(
    table: PreparedTable, *, file_name: str, key: str, label: str = "Download CSV"
) -> None:
    """``csv_button`` for a prepared table."""
    _download_csv(table.csv, file_name, key, label)


def _prepared(
    table: pd.DataFrame | PreparedTable,
    formatters: Mapping[str, Formatter] | None,
    static: bool,
    display: pd.DataFrame | None = None,
) -> PreparedTable:
    if isinstance(table, PreparedTable):
        return table
    return prepare_table(
        table, formatters=formatters, static=static, display=display, with_arrow=False
    )


def chart_block(
    *,
    title: str,
    subtitle: str,
    fig: go.Figure | Mapping[str, Any],
    table: pd.DataFrame | PreparedTable,
    alt: str,
    sources: str | Sequence[str],
    key: str,
    formatters: Mapping[str, Formatter] | None = None,
    notes: Sequence[str] = (),
    discrepancies: Sequence[Discrepancy] = (),
    table_expanded: bool = False,
    static_table: bool = True,
    quotes: Sequence[QuoteRef] = (),
) -> None:
    """Title, subtitle, chart (with alt text), data table, CSV download and source line.

    ``title`` is an active title of ten words or fewer; ``subtitle`` gives measure, period and
    scenario; ``alt`` is one sentence for screen readers; ``key`` must be unique on the page (it
    names the chart and the CSV button). ``notes`` are short plain-text lines shown under the chart;
    ``discrepancies`` (where the published figures behind the chart do not add up) are shown
    between the subtitle and the chart, with both numbers. ``table`` is a frame, or a
    ``PreparedTable`` made ahead (then ``formatters`` and ``static_table`` are its own).
    ``quotes`` are the chart's quoted figures: under the source line, a popover opens each in its
    place in the document (ui.source_view).
    """
    prepared = _prepared(table, formatters, static_table)

    def projected() -> None:
        """On a projector: the chart and what it needs to be read, not the desk's tools."""
        st.markdown(md(subtitle))
        discrepancy_notes(discrepancies)
        spec = fig.to_dict() if isinstance(fig, go.Figure) else dict(fig)
        plotly_figure(present.projector_figure(spec), key=f"chart_{key}", alt=alt)
        if notes:
            st.caption("\n".join(f"- {md(note)}" for note in notes))
        source_line(sources)

    if present.add_slide(md(title), projected):
        return
    # Titles built from data can run long; tests check the real ones keep to MAX_TITLE_WORDS.
    st.subheader(md(title), anchor=_slug(key))
    st.markdown(md(subtitle))
    discrepancy_notes(discrepancies)
    plotly_figure(fig, key=f"chart_{key}", alt=alt)
    if notes:
        st.caption("\n".join(f"- {md(note)}" for note in notes))
    with table_expander(key, expanded=table_expanded) as shown:
        if shown:
            show_table(prepared)
    show_csv(prepared, file_name=_slug(key), key=f"csv_{key}")
    source_line(sources)
    chart_quotes(quotes, key=key)


def plotly_figure(fig: go.Figure | Mapping[str, Any], *, key: str, alt: str) -> None:
    """A Plotly chart in the house way: the page's width, no Streamlit theme (the figure sets the
    look), the toolbar of the mode (``present.plotly_config``), and ``alt`` as its accessible
    name."""
    plotly_chart.chart(fig, key=key, alt=alt, config=present.plotly_config())


def table_block(
    *,
    title: str,
    table: pd.DataFrame | PreparedTable,
    key: str,
    description: str = "",
    sources: str | Sequence[str] = (),
    formatters: Mapping[str, Formatter] | None = None,
    static: bool = False,
    height: int | None = None,
    level: int = 3,
    display: pd.DataFrame | None = None,
    max_columns: int = 0,
    folded: bool = False,
) -> None:
    """A titled table with its CSV download and source line (no chart). ``table`` is a frame, or
    a ``PreparedTable`` made ahead (then ``formatters``, ``static`` and ``display`` are its own).
    ``max_columns``: a static table wider than this is shown in parts of that many columns, each
    with the first column again, so that none is cut off at the right (the CSV is whole).
    ``folded``: the table is drawn only once the reader opens its "Show data table" expander
    (``table_expander``), for tables low on a long page: every table drawn on a first load holds
    back the elements above it (Streamlit's interactive grid most of all)."""
    prepared = _prepared(table, formatters, static, display)
    heading = "#" * level
    st.markdown(f"{heading} {md(title)}")
    if description:
        st.markdown(md(description))
    if folded:
        with table_expander(key) as opened:
            if opened:
                _table_in_parts(prepared, height=height, max_columns=max_columns)
    else:
        _table_in_parts(prepared, height=height, max_columns=max_columns)
    show_csv(prepared, file_name=_slug(key), key=f"csv_{key}")
    source_line(sources)


def _table_in_parts(prepared: PreparedTable, *, height: int | None, max_columns: int) -> None:
    """The table; a static one wider than ``max_columns`` in parts of that many columns, each
    with the first column again (see table_block)."""
    columns = list(prepared.text.columns)
    if not (prepared.static and max_columns and len(columns) > max_columns):
        show_table(prepared, height=height)
        return
    step = max_columns - 1
    for start in range(1, len(columns), step):
        part = columns[start : start + step]
        first = plain_text(str(columns[0])).replace(chr(92), "")
        shown = f"Columns {start + 1} to {start + len(part)} of {len(columns)}"
        st.caption(
            md(
                f"Columns 1 to {len(part) + 1} of {len(columns)}"
                if start == 1
                else f"{shown}, with {first} again first"
            )
        )
        st.table(prepared.text[[columns[0], *part]], hide_index=True)


def metric_tiles(tiles: Sequence[Headline], *, per_row: int = 4) -> None:
    """Headline figures as bordered metric tiles; a derived figure says so in its label.

    A row holds at most ``per_row`` tiles, which share its width (so four fit beside each other
    at 1280x720 with the sidebar open) and wrap onto the next line on a narrow screen, where a
    tile would be narrower than the page's styles allow (ui.layout: so a label never collides
    with its help icon).
    """
    per_row = max(1, per_row)
    for start in range(0, len(tiles), per_row):
        with st.container(horizontal=True, gap="small"):
            for tile in tiles[start : start + per_row]:
                st.metric(
                    label(tile.label),
                    tile.value,
                    help=md(tile.help),
                    border=True,
                    width="stretch",
                )


def discrepancy_notes(found: Sequence[Discrepancy]) -> None:
    """Where the published figures do not add up: both numbers, in words, beside the figure."""
    for d in found:
        st.info(
            f"**Published figures that do not add up.** {md(discrepancy_text(d))}",
            icon=":material/info:",
        )
