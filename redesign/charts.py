"""Plotly figures for the dashboard, built from the frames in ``redesign.views``.

Every figure: light background, gridlines #D9D9D9, axis text #595959, fonts of 15 px or more (readable
on a projector), no title inside the figure (the page writes title and subtitle above it), and a text
label with words or signed values on every bar, so nothing depends on colour, the legend or hover.
Builders only lay out numbers they are given; the numbers come from ``redesign.views``.

Charts with one bar per service draw at most ``MAX_CATEGORIES`` services, the largest by the chart's
own measure, and one bar "Other N services (combined)" holding the sum of the rest
(``redesign.aggregate``), so a dataset with hundreds of services still gives a readable chart. The
report's nine services are never combined. The page's data table keeps every row.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from redesign import palette as pal
from redesign.aggregate import COMBINED, MAX_CATEGORIES, top_n_with_other, waterfall_top_n
from redesign.formatting import count, fte, money_m, share, signed_money_m

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


def _money_axis(fig: go.Figure, upper: float, lower: float = 0.0, **kwargs: Any) -> None:
    fig.update_xaxes(
        range=[lower, upper], tickprefix="£", ticksuffix="m", tickformat=".2f", **kwargs
    )


def _category_order(fig: go.Figure, labels: Sequence[str]) -> None:
    """Horizontal charts: the first label at the top."""
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(list(labels))))


def _height(rows: int, extra: int = 140) -> int:
    return max(200, rows * ROW_PX + extra)


def _combined_hover(template: str, plotted: pd.DataFrame, measure: str) -> dict[str, Any]:
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


# --- overview: saving by service -----------------------------------------------------------------


def saving_by_service_bar(frame: pd.DataFrame, limit: int = MAX_CATEGORIES) -> go.Figure:
    """Ranked horizontal bars of stated saving per service (``views.ranked_savings_frame``).

    A service with no stated saving keeps its row, with the words "no saving stated". Beyond
    ``limit`` services, the largest savings keep their bars (largest first) and the rest are one
    bar at the bottom, "Other N services (combined)", with their summed saving and share.
    """
    frame = top_n_with_other(
        frame, "Saving £m", "Service", limit, sum_cols=["Share of stated saving"]
    )
    labels = [wrap_label(s) for s in frame["Service"]]
    values, texts = [], []
    for _, row in frame.iterrows():
        saving = number_or_none(row["Saving £m"])
        values.append(saving or 0.0)
        if saving is None:
            texts.append("no saving stated")
        else:
            part = share(row["Share of stated saving"], missing="")
            texts.append(f"{money_m(saving)} ({part})" if part else money_m(saving))
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            marker={"color": pal.STEP_COLOUR, "line": {"width": 0}},
            text=texts,
            textposition="outside",
            textfont={"size": LABEL_SIZE, "color": pal.TEXT},
            cliponaxis=False,
            name="Stated saving",
            **_combined_hover("%{y}: %{text}<extra></extra>", frame, "saving"),
        )
    )
    house_layout(
        fig,
        height=_height(len(frame)),
        x_title="Saving (£m, as stated in the report)",
        right_margin=150,
    )
    top = max(values or [0.0])
    _money_axis(fig, upper=top * 1.05 if top else 1.0)
    _category_order(fig, labels)
    return fig


# --- savings waterfall ---------------------------------------------------------------------------


def waterfall_label(row: pd.Series) -> str:
    """The label on one waterfall bar: level for totals, signed £m and share of saving for steps."""
    if row["Type"] == "total":
        return money_m(row["Level after £m"])
    change = number_or_none(row["Change £m"]) or 0.0
    text = signed_money_m(change)
    part = number_or_none(row["Share of stated saving"])
    if part is not None and round(change, 2) != 0:
        text += f" ({share(-part if change > 0 else part)})"
    if str(row["Type"]).startswith("gap"):
        text = f"gap {text}"
    elif round(change, 2) == 0 and str(row["Note"]).startswith("no saving"):
        text += " (no saving stated)"
    return text


def waterfall(frame: pd.DataFrame, zoom: bool = False, limit: int = MAX_CATEGORIES) -> go.Figure:
    """Horizontal waterfall from ``views.waterfall_table``: current budget down to proposed cost.

    Totals are light blue with a dark outline; saving steps take their funding stream's colour (dark
    blue when stepping by service); gaps where the published figures do not reconcile are light
    purple with a diagonal pattern, "gap" in their label and their own row: never absorbed.
    ``zoom`` starts the £m axis just below the lowest level (said in the axis title), so small
    steps are visible; the total bars are then cut at the axis.
    Beyond ``limit`` saving steps, the largest keep their own step, in order, and the rest are one
    step "Other N services (combined)" whose change is the sum of theirs, so the end level is
    unchanged; totals and gaps are always drawn as they are (``aggregate.waterfall_top_n``).
    """
    frame = waterfall_top_n(frame, limit)
    labels = [wrap_label(s, 28) for s in frame["Step"]]
    groups: dict[str, dict[str, list[Any]]] = {}
    for label, (_, row) in zip(labels, frame.iterrows(), strict=True):
        kind = (
            "total" if row["Type"] == "total" else ("gap" if row["colour_key"] == "gap" else "step")
        )
        before = number_or_none(row["Level before £m"]) or 0.0
        after = number_or_none(row["Level after £m"]) or 0.0
        if kind == "total":
            base, length = 0.0, after
            fill = pal.TOTAL_COLOUR
        else:
            base, length = min(before, after), abs(after - before)
            key = str(row["colour_key"])
            fill = pal.GAP_COLOUR if kind == "gap" else pal.STREAM_COLOURS.get(key, pal.STEP_COLOUR)
        g = groups.setdefault(kind, {k: [] for k in ("y", "x", "base", "fill", "text", "hover")})
        g["y"].append(label)
        g["x"].append(length)
        g["base"].append(base)
        g["fill"].append(fill)
        g["text"].append(waterfall_label(row))
        g["hover"].append(f"{row['Step']}: {waterfall_label(row)}. {row['Note']}".strip())
    names = {
        "total": "Total (current budget, proposed cost)",
        "step": "Saving",
        "gap": "Gap: published figures do not reconcile",
    }
    fig = go.Figure()
    # Steps coloured by funding stream are named on the axis; a single "Saving" legend swatch would
    # show only one of their colours, so the legend lists them only when they share one colour.
    one_colour = len(set(groups.get("step", {}).get("fill", []))) <= 1
    for kind in ("total", "step", "gap"):
        g = groups.get(kind)
        if not g:
            continue
        pattern = (
            {
                "shape": pal.GAP_PATTERN,
                "fgcolor": pal.DARK_GREY,
                "solidity": 0.25,
                "fillmode": "overlay",
            }
            if kind == "gap"
            else {"shape": ""}
        )
        line = (
            {"color": pal.TOTAL_OUTLINE, "width": 2}
            if kind == "total"
            else {"color": pal.DARK_GREY, "width": 1}
            if kind == "gap"
            else {"width": 0}
        )
        fig.add_trace(
            go.Bar(
                y=g["y"],
                x=g["x"],
                base=g["base"],
                orientation="h",
                name=names[kind],
                showlegend=kind != "step" or one_colour,
                marker={"color": g["fill"], "pattern": pattern, "line": line},
                text=g["text"],
                textposition="outside",
                textfont={"size": LABEL_SIZE, "color": pal.TEXT},
                cliponaxis=False,
                hovertext=g["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    levels = [number_or_none(v) or 0.0 for v in frame["Level after £m"]] + [
        number_or_none(v) or 0.0 for v in frame["Level before £m"]
    ]
    top = max(levels or [1.0])
    lower = 0.0
    x_title = "£m: savings (−) and gaps (+)"
    if zoom and levels:
        low = min(levels)
        lower = max(0.0, math.floor((low - 0.15 * (top - low) - 0.1) * 2) / 2)
        x_title = f"£m (axis starts at {money_m(lower)}, not zero)"
    house_layout(
        fig,
        height=_height(len(frame), extra=170),
        x_title=x_title,
        legend=True,
        right_margin=170,
    )
    fig.update_layout(barmode="overlay")
    _money_axis(fig, upper=top + (top - lower) * 0.04 if top else 1.0, lower=lower)
    _category_order(fig, labels)
    return fig


# --- staffing ------------------------------------------------------------------------------------

REDUCTION_PARTS = (
    ("Confirmed reduction FTE", "confirmed", "confirmed"),
    ("Subject to market testing FTE", "market_testing", "subject to market testing"),
    ("Potential further reduction FTE", "potential", "potential"),
)


def _after_text(value: float | None, basis: str) -> str:
    if value is None:
        return "not stated"
    if basis.startswith("partly"):  # a bar combining services: "partly derived"
        return f"after {fte(value)} ({basis})"
    return f"after {fte(value)}" + (" (derived)" if basis.startswith("derived") else "")


def _combined_after_basis(rows: pd.DataFrame) -> dict[str, str]:
    """The "FTE after basis" of a bar combining ``rows``: published, derived or partly either."""
    derived = sum(str(b).startswith("derived") for b in rows["FTE after basis"])
    missing = int(rows["FTE after"].isna().sum())
    if missing:
        basis = "partly not stated"
    elif derived == len(rows):
        basis = "derived: sum of derived FTE after (not published)"
    elif derived:
        basis = "partly derived"
    else:
        basis = "published"
    return {"FTE after basis": basis}


def _service_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Service rows only (a staffing frame's total row has no service_id)."""
    return frame[frame["service_id"] != ""]


def staffing_now_after(frame: pd.DataFrame, limit: int = MAX_CATEGORIES) -> go.Figure:
    """FTE now and after per service, as grouped bars labelled "now ..." and "after ...".

    From ``views.staffing_frame`` (the total row is left out). An "after" the report does not
    publish is labelled "derived". Beyond ``limit`` services, those with the most FTE now keep
    their bars (in report order) and the rest are one pair, "Other N services (combined)".
    """
    frame = top_n_with_other(
        _service_rows(frame),
        "FTE now",
        "Service",
        limit,
        sum_cols=["FTE after"],
        fill=_combined_after_basis,
    )
    labels = [wrap_label(s) for s in frame["Service"]]
    now_fill, _ = pal.STAFFING_STYLE["now"]
    after_fill, _ = pal.STAFFING_STYLE["after"]
    now = [number_or_none(v) for v in frame["FTE now"]]
    after = [number_or_none(v) for v in frame["FTE after"]]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=labels,
            x=[v or 0.0 for v in now],
            orientation="h",
            name="FTE now",
            marker={"color": now_fill, "line": {"color": pal.TOTAL_OUTLINE, "width": 1.5}},
            text=[f"now {fte(v)}" for v in now],
            textposition="outside",
            textfont={"size": LABEL_SIZE, "color": pal.TEXT},
            cliponaxis=False,
            offset=0.02,
            width=0.4,
            **_combined_hover("%{y}: FTE now %{x:.2f}<extra></extra>", frame, "FTE now"),
        )
    )
    fig.add_trace(
        go.Bar(
            y=labels,
            x=[v or 0.0 for v in after],
            orientation="h",
            name="FTE after (derived where not published)",
            marker={"color": after_fill, "line": {"width": 0}},
            text=[
                _after_text(v, str(b)) for v, b in zip(after, frame["FTE after basis"], strict=True)
            ],
            textposition="outside",
            textfont={"size": LABEL_SIZE, "color": pal.TEXT},
            cliponaxis=False,
            offset=-0.42,
            width=0.4,
            **_combined_hover("%{y}: %{text}<extra></extra>", frame, "FTE now"),
        )
    )
    house_layout(
        fig,
        height=_height(len(frame) * 2, extra=120),
        x_title="FTE (full-time equivalent): now and after",
        legend=True,
        right_margin=190,
    )
    fig.update_layout(barmode="overlay")
    upper = max([v or 0.0 for v in now + after] or [1.0])
    fig.update_xaxes(range=[0, upper * 1.03 or 1.0])
    _category_order(fig, labels)
    return fig


def staffing_reductions(frame: pd.DataFrame, limit: int = MAX_CATEGORIES) -> go.Figure:
    """FTE reductions per service as stacked parts: confirmed (solid), subject to market testing
    (crossed) and potential (dotted), with the words and numbers beside each bar.

    From ``views.staffing_frame`` (the total row is left out). Beyond ``limit`` services, those
    with the largest total reduction keep their bars (in report order) and the rest are one
    stacked bar, "Other N services (combined)", each part the sum of theirs.
    """
    frame = top_n_with_other(
        _service_rows(frame), [column for column, _, _ in REDUCTION_PARTS], "Service", limit
    )
    labels = [wrap_label(s) for s in frame["Service"]]
    fig = go.Figure()
    totals_by_row = [0.0] * len(frame)
    words: list[list[str]] = [[] for _ in range(len(frame))]
    for column, style, word in REDUCTION_PARTS:
        values = [number_or_none(v) for v in frame[column]]
        fill, shape = pal.STAFFING_STYLE[style]
        bases = list(totals_by_row)
        for i, v in enumerate(values):
            if v:
                totals_by_row[i] += v
                words[i].append(f"{fte(v)} {word}")
        fig.add_trace(
            go.Bar(
                y=labels,
                x=[v or 0.0 for v in values],
                base=bases,
                orientation="h",
                name=f"Reduction: {word}",
                marker={
                    "color": fill,
                    "pattern": {
                        "shape": shape,
                        "fgcolor": "#000000",
                        "solidity": 0.3,
                        "fillmode": "overlay",
                    },
                    "line": {"color": pal.DARK_GREY, "width": 0.5},
                },
                **_combined_hover(
                    f"%{{y}}: %{{x:.2f}} FTE {word}<extra></extra>", frame, "total reduction"
                ),
            )
        )
    fig.add_trace(
        go.Scatter(
            y=labels,
            x=totals_by_row,
            mode="text",
            text=[" " + "<br> + ".join(w) if w else " none stated" for w in words],
            textposition="middle right",
            textfont={"size": LABEL_SIZE, "color": pal.TEXT},
            showlegend=False,
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    house_layout(
        fig,
        height=_height(round(len(frame) * 1.4), extra=140),
        x_title="FTE reductions stated in the report, by kind",
        legend=True,
        right_margin=120,
    )
    fig.update_layout(barmode="overlay")
    # Room to the right of the longest stack for its words ("33.32 subject to market testing").
    fig.update_xaxes(range=[0, max(totals_by_row or [1.0]) * 1.8 or 1.0])
    _category_order(fig, labels)
    return fig


def headcount_bar(frame: pd.DataFrame, limit: int = MAX_CATEGORIES) -> go.Figure:
    """Headcount (people) per service, with casual staff as a separate, patterned part.

    From ``views.headcount_frame``. Beyond ``limit`` services, those with the most people
    (headcount plus casual staff, the bar's length) keep their bars (in report order) and the
    rest are one bar, "Other N services (combined)", each part the sum of theirs.
    """
    frame = top_n_with_other(frame, ["Headcount", "Casual staff (headcount)"], "Service", limit)
    labels = [wrap_label(s) for s in frame["Service"]]
    heads = [number_or_none(v) for v in frame["Headcount"]]
    casual = [number_or_none(v) for v in frame["Casual staff (headcount)"]]
    fill, _ = pal.STAFFING_STYLE["after"]
    casual_fill, casual_shape = pal.STAFFING_STYLE["casual"]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=labels,
            x=[v or 0.0 for v in heads],
            orientation="h",
            name="Headcount (people employed)",
            marker={"color": fill},
            **_combined_hover("%{y}: %{x:,.0f} people<extra></extra>", frame, "headcount"),
        )
    )
    fig.add_trace(
        go.Bar(
            y=labels,
            x=[v or 0.0 for v in casual],
            base=[v or 0.0 for v in heads],
            orientation="h",
            name="Casual staff (not in headcount)",
            marker={
                "color": casual_fill,
                "pattern": {
                    "shape": casual_shape,
                    "fgcolor": "#000000",
                    "solidity": 0.3,
                    "fillmode": "overlay",
                },
            },
            **_combined_hover(
                "%{y}: plus %{x:,.0f} casual staff<extra></extra>", frame, "headcount"
            ),
        )
    )
    ends = [(h or 0.0) + (c or 0.0) for h, c in zip(heads, casual, strict=True)]
    texts = [
        (f" {count(h)} people" if h is not None else " not stated")
        + (f" + {count(c)} casual" if c else "")
        for h, c in zip(heads, casual, strict=True)
    ]
    fig.add_trace(
        go.Scatter(
            y=labels,
            x=ends,
            mode="text",
            text=texts,
            textposition="middle right",
            textfont={"size": LABEL_SIZE, "color": pal.TEXT},
            showlegend=False,
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    house_layout(
        fig,
        height=_height(len(frame)),
        x_title="People (headcount, not FTE)",
        legend=True,
        right_margin=200,
    )
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(range=[0, max(ends or [1.0]) * 1.05 or 1.0], tickformat=",d")
    _category_order(fig, labels)
    return fig


# --- one service ---------------------------------------------------------------------------------


def service_budget_bar(frame: pd.DataFrame) -> go.Figure:
    """A service's current budget against its proposed cost, and any stated budget components.

    From ``views.budget_frame``. Components are drawn as one stacked bar, so a sum that differs from
    the stated budget is visible; both numbers are labelled.
    """
    by_figure = {str(r["Figure"]): number_or_none(r["£m"]) for _, r in frame.iterrows()}
    current = by_figure.get("Current budget")
    proposed = by_figure.get("Proposed cost")
    rows = ["Current budget", "Proposed cost"]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=rows,
            x=[current or 0.0, proposed or 0.0],
            orientation="h",
            marker={
                "color": [pal.TOTAL_COLOUR, pal.DARK_BLUE],
                "line": {"color": pal.TOTAL_OUTLINE, "width": 1.5},
            },
            text=[money_m(current), money_m(proposed)],
            textposition="outside",
            textfont={"size": LABEL_SIZE, "color": pal.TEXT},
            cliponaxis=False,
            name="Stated",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    components = frame[frame["Figure"].astype(str).str.startswith("Budget component")]
    top = max(current or 0.0, proposed or 0.0)
    if not components.empty:
        label = "Budget components (stated)"
        rows.append(label)
        base = 0.0
        colours = [pal.TURQUOISE, pal.ORANGE, pal.LIGHT_PURPLE, pal.DARK_PINK]
        names = []
        for i, (_, comp) in enumerate(components.iterrows()):
            value = number_or_none(comp["£m"]) or 0.0
            name = str(comp["Figure"]).removeprefix("Budget component: ")
            names.append(f"{money_m(value)} {name}")
            fig.add_trace(
                go.Bar(
                    y=[label],
                    x=[value],
                    base=[base],
                    orientation="h",
                    name=name,
                    marker={"color": colours[i % len(colours)], "line": {"color": "#FFFFFF"}},
                    hovertemplate=f"{name}: {money_m(value)}<extra></extra>",
                    showlegend=False,
                )
            )
            base += value
        stated_sum = by_figure.get("Sum of budget components")
        total_text = f"= {money_m(stated_sum)}"
        if current is not None and stated_sum is not None and round(stated_sum - current, 2):
            total_text += f", not the stated {money_m(current)}"
        fig.add_trace(
            go.Scatter(
                y=[label],
                x=[base],
                mode="text",
                text=["  " + " + ".join(names) + f"<br>  {total_text}"],
                textposition="middle right",
                textfont={"size": LABEL_SIZE, "color": pal.TEXT},
                showlegend=False,
                cliponaxis=False,
                hoverinfo="skip",
            )
        )
        top = max(top, base)
    house_layout(fig, height=_height(len(rows), extra=110), x_title="£m", right_margin=90)
    fig.update_layout(barmode="overlay")
    _money_axis(fig, upper=top * (2.6 if not components.empty else 1.3) or 1.0)
    _category_order(fig, rows)
    return fig


def streams_bar(frame: pd.DataFrame) -> go.Figure:
    """Saving by funding stream (``views.service_streams_frame`` or ``views.stream_totals_frame``).

    A stream printed without a number keeps its row labelled "printed blank"; a saving the report
    does not split is a patterned gap bar.
    """
    labels = [str(s) for s in frame["Funding stream"]]
    values, fills, shapes, texts = [], [], [], []
    for _, row in frame.iterrows():
        value = number_or_none(row["Saving £m"])
        stream = str(row["stream"])
        gap = stream == "unsplit"
        values.append(abs(value) if value is not None else 0.0)
        fills.append(pal.GAP_COLOUR if gap else pal.stream_colour(stream))
        shapes.append(pal.GAP_PATTERN if gap else "")
        if value is None:
            texts.append(f"{row['Status']} (no number)")
        elif gap:
            texts.append(f"gap: {money_m(value)} not split by stream")
        else:
            texts.append(money_m(value))
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=values,
            orientation="h",
            marker={
                "color": fills,
                "pattern": {
                    "shape": shapes,
                    "fgcolor": pal.DARK_GREY,
                    "solidity": 0.25,
                    "fillmode": "overlay",
                },
                "line": {"color": pal.DARK_GREY, "width": 0.5},
            },
            text=texts,
            textposition="outside",
            textfont={"size": LABEL_SIZE, "color": pal.TEXT},
            cliponaxis=False,
            name="Saving by stream",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    top = max(values or [0.0])
    house_layout(
        fig,
        height=_height(max(len(labels), 2), extra=110),
        x_title="Saving (£m)",
        right_margin=280,
    )
    _money_axis(fig, upper=top * 1.05 if top else 1.0)
    _category_order(fig, labels)
    return fig


def service_staffing_bar(frame: pd.DataFrame) -> go.Figure:
    """One service's FTE now, after and reductions by kind, each its own labelled bar.

    From a one-row ``views.staffing_frame``. Headcount is not on this chart (never mixed with FTE).
    """
    row = frame.iloc[0]
    specs = [
        ("FTE now", "now", "FTE now", ""),
        ("FTE after", "after", "FTE after", ""),
        ("Confirmed reduction FTE", "confirmed", "Confirmed reduction", "reduction"),
        (
            "Subject to market testing FTE",
            "market_testing",
            "Subject to market testing",
            "subject to market testing",
        ),
        (
            "Potential further reduction FTE",
            "potential",
            "Potential further reduction",
            "potential",
        ),
        ("Vacancies FTE", "vacancies", "Vacancies", "vacant"),
    ]
    labels, values, fills, shapes, texts = [], [], [], [], []
    for column, style, label, word in specs:
        value = number_or_none(row[column])
        if value is None and column not in ("FTE now", "FTE after"):
            continue
        fill, shape = pal.STAFFING_STYLE[style]
        labels.append(label)
        values.append(value or 0.0)
        fills.append(fill)
        shapes.append(shape)
        text = fte(value)
        if column == "FTE after" and str(row["FTE after basis"]).startswith("derived"):
            text += " (derived)"
        elif word and value is not None:
            text += f" {word}"
        texts.append(text)
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=values,
            orientation="h",
            marker={
                "color": fills,
                "pattern": {
                    "shape": shapes,
                    "fgcolor": "#000000",
                    "solidity": 0.3,
                    "fillmode": "overlay",
                },
                "line": {"color": pal.DARK_GREY, "width": 0.5},
            },
            text=texts,
            textposition="outside",
            textfont={"size": LABEL_SIZE, "color": pal.TEXT},
            cliponaxis=False,
            name="FTE",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    top = max(values or [0.0])
    house_layout(
        fig,
        height=_height(len(labels), extra=110),
        x_title="FTE (full-time equivalent)",
        right_margin=260,
    )
    fig.update_xaxes(range=[0, top * 1.05 if top else 1.0])
    _category_order(fig, labels)
    return fig


# The same chart for one service and for a set of services.
service_streams_bar = streams_bar
