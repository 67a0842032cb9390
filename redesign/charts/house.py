"""Plotly figures for the dashboard, built from the frames in ``redesign.present``.

Every figure: light background, gridlines #D9D9D9, axis text #595959, fonts of 15 px or more (readable
on a projector), no title inside the figure (the page writes title and subtitle above it), and a text
label with words or signed values on every bar, so nothing depends on colour, the legend or hover.
Builders only lay out numbers they are given; the numbers come from ``redesign.present``.

Charts with one bar per service draw at most ``MAX_CATEGORIES`` services, the largest by the chart's
own measure, and one bar "Other N services (combined)" holding the sum of the rest
(``redesign.model.aggregate``), so a dataset with hundreds of services still gives a readable chart. The
report's nine services are never combined. The page's data table keeps every row."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from redesign.core import palette as pal
from redesign.model.aggregate import COMBINED

FONT_FAMILY = '"Source Sans Pro", "Source Sans 3", "DejaVu Sans", Arial, sans-serif'
FONT_SIZE = 16
TICK_SIZE = 15
LABEL_SIZE = 15
ROW_PX = 46  # height per bar row on horizontal charts
WRAP = 34  # characters per line of a category label


def wrap_label(text: str, width: int = WRAP) -> str:
    """A long axis label broken over lines with <br> (plotly's line break)."""
    lines = textwrap.wrap(str(text), width=width, break_long_words=False) or [""]
    return "<br>".join(lines)


def number_or_none(value: Any) -> float | None:
    if value is None:
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def house_layout(
    fig: go.Figure,
    *,
    height: int,
    x_title: str = "",
    y_title: str = "",
    legend: bool = False,
    left_margin: int | None = None,
    right_margin: int = 30,
    bargap: float = 0.25,
    bargroupgap: float | None = None,
    x_rangemode: str | None = None,
) -> go.Figure:
    """The house style every bar chart shares (CONVENTIONS.md): light, large type, grey grid."""
    fig.update_layout(
        template="none",
        height=height,
        paper_bgcolor=pal.BACKGROUND,
        plot_bgcolor=pal.BACKGROUND,
        font={"family": FONT_FAMILY, "size": FONT_SIZE, "color": pal.TEXT},
        # The right margin holds the labels outside the longest bars, in pixels, so they are never
        # cut off however narrow the screen.
        margin={"l": left_margin or 10, "r": right_margin, "t": 50 if legend else 20, "b": 70},
        showlegend=legend,
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.01,
            "xanchor": "left",
            "x": 0,
            "font": {"size": LABEL_SIZE},
            "traceorder": "normal",
        },
        hoverlabel={"font": {"size": FONT_SIZE, "family": FONT_FAMILY}},
        bargap=bargap,
        uniformtext={"minsize": 13, "mode": "show"},
    )
    if bargroupgap is not None:
        fig.update_layout(bargroupgap=bargroupgap)
    axis = {
        "gridcolor": pal.GRIDLINE,
        "linecolor": pal.AXIS_TEXT,
        "tickfont": {"size": TICK_SIZE, "color": pal.AXIS_TEXT},
        "title": {"font": {"size": FONT_SIZE, "color": pal.AXIS_TEXT}},
        "zeroline": False,
        "automargin": True,
    }
    fig.update_xaxes(**axis, showgrid=True, ticks="outside", tickcolor=pal.GRIDLINE)
    if x_rangemode:
        fig.update_xaxes(rangemode=x_rangemode)
    fig.update_yaxes(**axis, showgrid=False)
    if x_title:
        fig.update_xaxes(title_text=x_title)
    if y_title:
        fig.update_yaxes(title_text=y_title)
    return fig


def money_axis(fig: go.Figure, upper: float, lower: float = 0.0, **kwargs: Any) -> None:
    fig.update_xaxes(
        range=[lower, upper], tickprefix="£", ticksuffix="m", tickformat=".2f", **kwargs
    )


def category_order(fig: go.Figure, labels: Sequence[str]) -> None:
    """Horizontal charts: the first label at the top."""
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(list(labels))))


def bar_end_labels(
    labels: Sequence[str], ends: Sequence[float], texts: Sequence[str]
) -> go.Scatter:
    """Words just past the end of each horizontal bar (a text-only trace, outside the plot area if
    need be), in the house label size; no legend entry, no hover of its own."""
    return go.Scatter(
        y=list(labels),
        x=list(ends),
        mode="text",
        text=list(texts),
        textposition="middle right",
        textfont={"size": LABEL_SIZE, "color": pal.TEXT},
        showlegend=False,
        cliponaxis=False,
        hoverinfo="skip",
    )


def chart_height(rows: int, extra: int = 140) -> int:
    return max(200, rows * ROW_PX + extra)


def combined_hover(template: str, plotted: pd.DataFrame, measure: str) -> dict[str, Any]:
    """A bar trace's hover arguments: ``template`` as it is when every row is its own bar; when
    the last row combines services, its hover says so (the other rows' hover is unchanged)."""
    combined = [int(n) for n in plotted[COMBINED]]
    if not any(combined):
        return {"hovertemplate": template}
    notes = [
        f"<br>{n} services with a smaller {measure}, combined in one bar;"
        "<br>each is listed in the data table"
        if n
        else ""
        for n in combined
    ]
    return {
        "customdata": notes,
        "hovertemplate": template.replace("<extra>", "%{customdata}<extra>"),
    }


# Series that overlap or sit side by side differ by pattern as well as colour (never colour alone).
PATTERN_SOLIDITY = 0.3


def patterned_marker(
    colour: Any, shape: Any, *, fgcolor: str = "#000000", outline: str | None = pal.DARK_GREY
) -> dict[str, Any]:
    """A bar marker: the fill colour with a pattern drawn over it (``shape`` "" for none), the
    same density and mode on every chart, and a thin outline so light bars keep their edge."""
    marker: dict[str, Any] = {
        "color": colour,
        "pattern": {
            "shape": shape,
            "fgcolor": fgcolor,
            "solidity": PATTERN_SOLIDITY,
            "fillmode": "overlay",
        },
    }
    if outline:
        marker["line"] = {"color": outline, "width": 0.5}
    return marker
