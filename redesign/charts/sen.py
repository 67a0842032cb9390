"""Plotly figures for the SEN needs and provision page, built from the frames in
``redesign.sen``.

House style: light background, gridlines #D9D9D9, axis text #595959, the
Analysis Function palette from ``redesign.core.palette``, no title inside the figure (the page writes the
title, subtitle and date above it), and words on every bar ("101 pupils: over capacity", "470 to 510,
or more"), so nothing depends on colour, the legend or hover. Ranges are drawn as ranges: a solid bar
to the lowest figure and a patterned segment to the highest, with open-ended rows said in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from redesign.charts.house import LABEL_SIZE, house_layout, patterned_marker
from redesign.charts.house import number_or_none as _num
from redesign.charts.house import wrap_label as house_wrap_label
from redesign.core import palette as pal

WRAP = 30
MINUS = "\u2212"

PRIMARY = pal.DARK_BLUE
SECONDARY = pal.ORANGE
SECONDARY_PATTERN = "/"
PLACES = pal.LIGHT_BLUE
PUPILS = pal.DARK_BLUE
RANGE_PATTERN = "/"
CONFIRMED = pal.DARK_PINK
MARKET_TESTING = pal.ORANGE
MARKET_PATTERN = "x"
GROUPS = pal.TURQUOISE
GROUPS_PATTERN = "\\"


def wrap_label(text: str, width: int = WRAP) -> str:
    return house_wrap_label(text, width)


def _count(value: float) -> str:
    return f"{round(value):,}"


def _fte(value: float) -> str:
    return f"{abs(value):.2f}"


def _layout(fig: go.Figure, *, height: int, x_title: str = "", legend: bool = True) -> go.Figure:
    return house_layout(
        fig,
        height=height,
        x_title=x_title,
        legend=legend,
        bargap=0.3,
        bargroupgap=0.05,
        x_rangemode="tozero",
    )


def _top_first(fig: go.Figure, labels: list[str], **kwargs: Any) -> None:
    """Horizontal charts: the first row at the top."""
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(labels)), **kwargs)


def _height(rows: int, per_row: int, extra: int = 150) -> int:
    return max(300, rows * per_row + extra)


def _x_range(fig: go.Figure, top: float, headroom: float = 1.35, **kwargs: Any) -> None:
    fig.update_xaxes(range=[0, top * headroom if top else 1], **kwargs)


# ---------------------------------------------------------------------------------------------------
# Pupils by category of need (January 2004)
# ---------------------------------------------------------------------------------------------------
def categories_bar(frame: pd.DataFrame) -> go.Figure:
    """Grouped horizontal bars: pupils by main need, primary and secondary
    (``redesign.sen.categories``). Each bar says its phase in words."""
    labels = [wrap_label(s) for s in frame["Category of need"]]
    fig = go.Figure()
    for column, name, colour, pattern in (
        ("Primary pupils", "Primary", PRIMARY, ""),
        ("Secondary pupils", "Secondary", SECONDARY, SECONDARY_PATTERN),
    ):
        values = [_num(v) or 0.0 for v in frame[column]]
        fig.add_trace(
            go.Bar(
                x=values,
                y=labels,
                orientation="h",
                name=name,
                marker=patterned_marker(colour, pattern),
                text=[f"{_count(v)} {name.lower()}" for v in values],
                textposition="outside",
                textfont={"size": LABEL_SIZE, "color": pal.TEXT},
                cliponaxis=False,
                hovertemplate=f"%{{y}}: %{{x:,}} {name.lower()} pupils<extra></extra>",
            )
        )
    _layout(
        fig, height=_height(len(frame), 64), x_title="Pupils (main need recorded, January 2004)"
    )
    fig.update_layout(barmode="group")
    top = max(
        [_num(v) or 0 for v in frame["Primary pupils"]]
        + [_num(v) or 0 for v in frame["Secondary pupils"]]
    )
    _x_range(fig, top, 1.3, tickformat=",d")
    _top_first(fig, labels)
    return fig


# ---------------------------------------------------------------------------------------------------
# Special schools: places against pupils (January 2004)
# ---------------------------------------------------------------------------------------------------
def special_schools_bar(frame: pd.DataFrame) -> go.Figure:
    """Places and pupils per special school (``redesign.sen.schools``). Schools with
    more pupils than places say "over capacity" on the bar and in the axis label."""
    labels = []
    for _, row in frame.iterrows():
        label = f"{row['School']} ({row['Type']}, {str(row['Phase']).lower()})"
        if row["Status"] == "over capacity":
            label += " ▲ over capacity"
        labels.append(wrap_label(label, 34))
    places = [_num(v) or 0.0 for v in frame["Places"]]
    pupils = [_num(v) or 0.0 for v in frame["Pupils"]]
    pupil_text = []
    for _, row in frame.iterrows():
        occ = _num(row["Occupancy %"])
        text = f"{_count(row['Pupils'])} pupils"
        if occ is not None:
            text += f" ({occ:.1f}%)"
        if row["Status"] == "over capacity":
            text += ": over capacity"
        elif row["Status"] == "at capacity":
            text += ": full"
        pupil_text.append(text)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=places,
            y=labels,
            orientation="h",
            name="Places",
            marker={"color": PLACES, "line": {"color": pal.DARK_BLUE, "width": 1.5}},
            text=[f"{_count(v)} places" for v in places],
            textposition="outside",
            textfont={"size": LABEL_SIZE, "color": pal.TEXT},
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,} places<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=pupils,
            y=labels,
            orientation="h",
            name="Pupils",
            marker={"color": PUPILS, "line": {"color": pal.DARK_BLUE, "width": 1.5}},
            text=pupil_text,
            textposition="outside",
            textfont={"size": LABEL_SIZE, "color": pal.TEXT},
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    _layout(fig, height=_height(len(frame), 62), x_title="Places and pupils (January 2004)")
    fig.update_layout(barmode="group")
    _x_range(fig, max([*places, *pupils, 0.0]), 1.55, tickformat=",d")
    _top_first(fig, labels)
    return fig


# ---------------------------------------------------------------------------------------------------
# Today's special places against the proposals (ranges as ranges)
# ---------------------------------------------------------------------------------------------------
def _places_words(low: float, high: float, open_ended: str) -> str:
    text = f"{_count(low)} places" if low == high else f"{_count(low)} to {_count(high)} places"
    if open_ended and open_ended != "no":
        text += f", or more ({open_ended} open-ended)"
    return text


def provision_ranges(frame: pd.DataFrame) -> go.Figure:
    """Today's places and the proposed places (``redesign.sen.provision``): a solid bar to the
    lowest figure, a patterned segment to the highest published figure, and "or more" in words
    where a row is open-ended. The first row is today's provision."""
    labels = [
        wrap_label(f"{p} ({'January 2004' if i == 0 else 'proposed'})", 28)
        for i, p in enumerate(frame["Provision"])
    ]
    low = [_num(v) or 0.0 for v in frame["Places, lowest"]]
    high = [_num(v) or 0.0 for v in frame["Places, highest published"]]
    spread = [max(h - lo, 0.0) for lo, h in zip(low, high, strict=True)]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=low[:1],
            y=labels[:1],
            orientation="h",
            name="Places today",
            marker={"color": PLACES, "line": {"color": pal.DARK_BLUE, "width": 1.5}},
            hovertemplate="%{y}: %{x:,} places<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=low[1:],
            y=labels[1:],
            orientation="h",
            name="Proposed places, lowest figure",
            marker={"color": pal.DARK_BLUE, "line": {"color": pal.DARK_BLUE, "width": 1.5}},
            hovertemplate="%{y}: at least %{x:,} places<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=spread[1:],
            y=labels[1:],
            base=low[1:],
            orientation="h",
            name="Range up to the highest published figure",
            marker={
                "color": pal.LIGHT_BLUE,
                "pattern": {
                    "shape": RANGE_PATTERN,
                    "fgcolor": pal.DARK_BLUE,
                    "solidity": 0.4,
                    "fillmode": "overlay",
                },
                "line": {"color": pal.DARK_BLUE, "width": 1.5},
            },
            customdata=high[1:],
            hovertemplate="%{y}: %{base:,} to %{customdata:,} places<extra></extra>",
        )
    )
    # The figure in words at the end of each bar ("470 to 510 places, or more (School E ...)").
    for label, lo, h, open_ended in zip(labels, low, high, frame["Open-ended"], strict=True):
        fig.add_annotation(
            x=h,
            y=label,
            text=_places_words(lo, h, str(open_ended)),
            showarrow=False,
            xanchor="left",
            xshift=8,
            font={"size": LABEL_SIZE, "color": pal.TEXT},
        )
    _layout(fig, height=_height(len(frame), 80), x_title="Places")
    fig.update_layout(barmode="overlay")
    _x_range(fig, max([*high, 0.0]), 1.75, tickformat=",d")
    _top_first(fig, labels)
    return fig


# ---------------------------------------------------------------------------------------------------
# Independent placements (February 2015)
# ---------------------------------------------------------------------------------------------------
def placements_bar(frame: pd.DataFrame) -> go.Figure:
    labels = [wrap_label(s, 34) for s in frame["Placement type"]]
    values = [_num(v) or 0.0 for v in frame["Children and young people"]]
    shares = [_num(v) for v in frame["Share of placements %"]]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            name="Children and young people placed",
            marker={"color": pal.DARK_BLUE},
            text=[
                f"{_count(v)} ({s:.1f}% of placements)" if s is not None else _count(v)
                for v, s in zip(values, shares, strict=True)
            ],
            textposition="outside",
            textfont={"size": LABEL_SIZE, "color": pal.TEXT},
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    _layout(
        fig,
        height=_height(len(frame), 70),
        x_title="Children and young people placed (February 2015)",
        legend=False,
    )
    _x_range(fig, max([*values, 0.0]), 1.6, tickformat=",d")
    _top_first(fig, labels)
    return fig


# ---------------------------------------------------------------------------------------------------
# Need beside support: each staffing figure once, with the needs it serves
# ---------------------------------------------------------------------------------------------------
# The look of each kind of staffing figure, in the order of the measures the chart is given
# (redesign.sen.support_figures.MEASURES): confirmed reduction, subject to market testing,
# potential further reduction, at risk subject to buy-back, at risk through grade changes.
SUPPORT_STYLES = (
    (CONFIRMED, ""),
    (MARKET_TESTING, MARKET_PATTERN),
    (pal.LIGHT_PURPLE, "."),
    (GROUPS, GROUPS_PATTERN),
    (pal.DARK_GREY, "-"),
)
SUPPORT_BAR_PX = 40  # each bar's slot, in px (the y axis is laid out in px)
SUPPORT_LINE_PX = 20  # each line of a figure's label
SUPPORT_PAD_PX = 14  # between one figure and the next


def support_figures_chart(
    frame: pd.DataFrame, measures: Sequence[tuple[str, str, bool]]
) -> go.Figure:
    """One bar per staffing figure of the services (and at-risk groups) mapped to the categories
    of need, each drawn once (``redesign.sen.support_figures``): on the left, what it is and the
    needs it serves; on the bar, the FTE and its kind in words. ``measures`` are the frame's FTE
    columns, each with its words and whether it is a loss of posts (then signed −), styled by
    ``SUPPORT_STYLES`` in order.

    The y axis is laid out in pixels, each figure given the height of its label or of its bars,
    whichever is more, so a long label never runs into the next."""
    styles = dict(zip((m for m, _, _ in measures), SUPPORT_STYLES, strict=True))
    words = {m: w for m, w, _ in measures}
    signs = {m: MINUS if loss else "" for m, _, loss in measures}
    ys: list[float] = []
    xs: list[float] = []
    texts: list[str] = []
    colours: list[str] = []
    patterns: list[str] = []
    ticks: list[float] = []
    labels: list[str] = []
    dividers: list[float] = []
    top = 0.0
    for _, row in frame.iterrows():
        bars = [(m, v) for m, _, _ in measures if (v := _num(row[m])) is not None]
        if not bars:
            continue
        label = _support_label(row)
        space = max(len(bars) * SUPPORT_BAR_PX, (label.count("<br>") + 1) * SUPPORT_LINE_PX)
        first = top + (space - len(bars) * SUPPORT_BAR_PX) / 2 + SUPPORT_BAR_PX / 2
        for i, (measure, value) in enumerate(bars):
            ys.append(first + i * SUPPORT_BAR_PX)
            xs.append(value)
            texts.append(f"{signs[measure]}{_fte(value)} FTE {words[measure]}")
            colours.append(styles[measure][0])
            patterns.append(styles[measure][1])
        ticks.append(top + space / 2)
        labels.append(label)
        top += space + SUPPORT_PAD_PX
        dividers.append(top - SUPPORT_PAD_PX / 2)
    fig = go.Figure(
        go.Bar(
            x=xs,
            y=ys,
            width=SUPPORT_BAR_PX * 0.7,
            orientation="h",
            marker={
                "color": colours,
                "line": {"color": pal.DARK_GREY, "width": 0.5},
                "pattern": {
                    "shape": patterns,
                    "fgcolor": [pal.text_colour_on(c) for c in colours],
                    "solidity": 0.3,
                    "fillmode": "overlay",
                },
            },
            text=texts,
            textposition="outside",
            textfont={"size": LABEL_SIZE, "color": pal.TEXT},
            cliponaxis=False,
            hovertemplate="%{text}<extra></extra>",
        )
    )
    _layout(fig, height=int(top) + 110, x_title="FTE", legend=False)
    fig.update_layout(margin={"t": 10, "b": 70})
    fig.update_xaxes(range=[0, max(xs or [1.0]) * 2.2])
    fig.update_yaxes(
        range=[top - SUPPORT_PAD_PX / 2, -SUPPORT_PAD_PX / 2],
        tickvals=ticks,
        ticktext=labels,
        tickfont={"size": LABEL_SIZE - 1, "color": pal.TEXT},
        showgrid=False,
        zeroline=False,
    )
    for y in dividers[:-1]:
        fig.add_hline(y=y, line={"color": pal.GRIDLINE, "width": 1})
    return fig


def _support_label(row: pd.Series) -> str:
    """The figure's name over the needs it serves (the axis label of its bars)."""
    name = wrap_label(str(row["Service or posts"]), 34)
    needs = wrap_label("for " + str(row["Serves (the tool's reading)"]), 40)
    return f"<b>{name}</b><br>{needs}"
