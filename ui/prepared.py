"""Page blocks drawn from parts made ahead: ``ui.blocks``' chart block, table block, data table and
CSV button, with the table's formatting, escaping and CSV file made once instead of on every rerun.

``prepare_table`` is pure (no Streamlit call): ``ui.cached`` makes each page's tables with it once
per data version and shares them between sessions, so a ``PreparedTable`` (its frames and bytes) is
never changed after it is made. The blocks here draw exactly what ``ui.blocks`` draws for the same
frame (same elements, order, text and files; tests/test_rerun_cache.py compares them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from redesign.formatting import Formatter, format_frame
from redesign.reconciliation import Discrepancy
from ui.blocks import PLOTLY_CONFIG, _slug, discrepancy_notes, md, source_line, visible


@dataclass(frozen=True)
class PreparedTable:
    """A table ready to draw: ``text`` is what ``ui.blocks.data_table`` shows for ``frame``
    (formatted in the house style; every cell and header escaped when ``static``), ``csv`` what
    ``ui.blocks.csv_button`` offers. Shared between sessions: never change it or its frames.

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
) -> PreparedTable:
    """Everything ``data_table`` and ``csv_button`` compute for ``frame``, computed now."""
    text = visible(display) if display is not None else format_frame(visible(frame), formatters)
    if static:
        text = text.map(md)
        text.columns = [md(c) for c in text.columns]
    return PreparedTable(
        frame=frame, text=text, csv=csv_bytes(frame), static=static, arrow=_arrow(text)
    )


def _arrow(text: pd.DataFrame) -> pa.Table | None:
    """``text`` as an Arrow table, or None where pyarrow cannot convert it as it stands (then
    Streamlit converts the frame, with its own fixes, when it is drawn)."""
    try:
        return pa.Table.from_pandas(text)
    except (pa.ArrowException, OverflowError, TypeError, ValueError):
        return None


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``ui.blocks.csv_button``'s file: the numbers, unformatted, UTF-8 with a byte-order mark."""
    return visible(frame).to_csv(index=False).encode("utf-8-sig")


def show_table(table: PreparedTable, *, height: int | None = None) -> None:
    """``ui.blocks.data_table`` for a prepared table."""
    data = table.text if table.arrow is None else table.arrow
    if table.static:
        st.table(data, hide_index=True, **({"height": height} if height else {}))
    else:
        st.dataframe(
            data, hide_index=True, width="stretch", **({"height": height} if height else {})
        )


def show_csv(
    table: PreparedTable, *, file_name: str, key: str, label: str = "Download CSV"
) -> None:
    """``ui.blocks.csv_button`` for a prepared table."""
    st.download_button(
        label,
        data=table.csv,
        file_name=file_name if file_name.endswith(".csv") else f"{file_name}.csv",
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )


def chart_block(
    *,
    title: str,
    subtitle: str,
    fig: go.Figure,
    table: PreparedTable,
    alt: str,
    sources: str | Sequence[str],
    key: str,
    notes: Sequence[str] = (),
    discrepancies: Sequence[Discrepancy] = (),
    table_expanded: bool = False,
) -> None:
    """``ui.blocks.chart_block`` for a figure and table made ahead (neither is changed here:
    ``st.plotly_chart`` serialises a copy of the figure)."""
    st.subheader(md(title), anchor=_slug(key))
    st.markdown(md(subtitle))
    discrepancy_notes(discrepancies)
    st.plotly_chart(
        fig,
        theme=None,
        width="stretch",
        key=f"chart_{key}",
        config=PLOTLY_CONFIG,
        alt=alt,
    )
    if notes:
        st.caption("\n".join(f"- {md(note)}" for note in notes))
    with st.expander("Show data table", expanded=table_expanded, icon=":material/table:"):
        show_table(table)
    show_csv(table, file_name=_slug(key), key=f"csv_{key}")
    source_line(sources)


def table_block(
    *,
    title: str,
    table: PreparedTable,
    key: str,
    description: str = "",
    sources: str | Sequence[str] = (),
    height: int | None = None,
    level: int = 3,
) -> None:
    """``ui.blocks.table_block`` for a table made ahead."""
    heading = "#" * level
    st.markdown(f"{heading} {md(title)}")
    if description:
        st.markdown(md(description))
    show_table(table, height=height)
    show_csv(table, file_name=_slug(key), key=f"csv_{key}")
    source_line(sources)
