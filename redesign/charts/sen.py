"""Plotly figures for the SEN needs and provision page, built from the frames in
``redesign.sen``.

House style: light background, gridlines #D9D9D9, axis text #595959, the
Analysis Function palette from ``redesign.core.palette``, no title inside the figure (the page writes the
title, subtitle and date above it), and words on every bar ("101 pupils: over capacity", "470 to 510,
or more"), so nothing depends on colour, the legend or hover. Ranges are drawn as ranges: a solid bar
to the lowest figure and a patterned segment to the highest, with open-ended rows said in words.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from redesign.charts.house import FONT_SIZE, LABEL_SIZE, house_layout, patterned_marker
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
# Need beside support
# ---------------------------------------------------------------------------------------------------
def need_support_chart(frame: pd.DataFrame, pupils_as_at: str, proposals_period: str) -> go.Figure:
    """Left: pupils per category of need (as at ``pupils_as_at``, the categories' date). Right:
    the FTE change of the services the tool maps to it in the proposals (``proposals_period``;
    ``redesign.sen.need_support``): confirmed reduction and subject to market testing
    (whole-service figures) and the at-risk FTE of the mapped groups. Each panel's date is in
    its title, on the figure itself."""
    labels = [wrap_label(s, 26) for s in frame["Category of need"]]
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        column_widths=[0.4, 0.6],
        horizontal_spacing=0.03,
        subplot_titles=(
            f"Pupils, {pupils_as_at}",
            f"FTE change of mapped services, {proposals_period}",
        ),
    )
    pupils = [_num(v) or 0.0 for v in frame["Total pupils"]]
    fig.add_trace(
        go.Bar(
            x=pupils,
            y=labels,
            orientation="h",
            name="Pupils (January 2004)",
            marker={"color": pal.LIGHT_BLUE, "line": {"color": pal.DARK_BLUE, "width": 1.5}},
            text=[f"{_count(v)} pupils" for v in pupils],
            textposition="outside",
            textfont={"size": LABEL_SIZE, "color": pal.TEXT},
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,} pupils<extra></extra>",
        ),
        row=1,
        col=1,
    )
    series = (
        (
            "Confirmed reduction FTE (whole services)",
            "confirmed reduction",
            CONFIRMED,
            "",
            "#FFFFFF",
            "no reduction published",
        ),
        (
            "Subject to market testing FTE (whole services)",
            "subject to market testing",
            MARKET_TESTING,
            MARKET_PATTERN,
            "#000000",
            "none subject to market testing",
        ),
        (
            "At-risk FTE of mapped groups (buy-back model)",
            "at risk in mapped groups",
            GROUPS,
            GROUPS_PATTERN,
            "#000000",
            "no at-risk group mapped",
        ),
    )
    tops = [0.0]
    for column, words, colour, pattern, fg, none in series:
        values = [_num(v) for v in frame[column]]
        tops += [v for v in values if v is not None]
        fig.add_trace(
            go.Bar(
                x=[v or 0.0 for v in values],
                y=labels,
                orientation="h",
                name=words.capitalize(),
                marker=patterned_marker(colour, pattern, fgcolor=fg),
                text=[f"{MINUS}{_fte(v)} FTE {words}" if v is not None else none for v in values],
                textposition="outside",
                textfont={"size": 13, "color": pal.TEXT},
                cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra></extra>",
            ),
            row=1,
            col=2,
        )
    _layout(fig, height=_height(len(frame), 96, 170))
    # Legend below the chart: the two panel titles sit above it.
    fig.update_layout(
        barmode="group",
        margin={"t": 40, "b": 150},
        legend={"y": -0.1, "yanchor": "top"},
    )
    fig.update_annotations(font={"size": FONT_SIZE, "color": pal.TEXT})
    fig.update_xaxes(
        range=[0, max([*pupils, 1.0]) * 1.6], tickformat=",d", title_text="Pupils", row=1, col=1
    )
    fig.update_xaxes(
        range=[0, max(tops) * 2.1 or 1], title_text="FTE (reduction or at risk)", row=1, col=2
    )
    _top_first(fig, labels)
    return fig
