"""Money charts: saving by service, the waterfall, a service's budget, savings by funding stream."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from redesign.charts.house import (
    LABEL_SIZE,
    bar_end_labels,
    category_order,
    chart_height,
    combined_hover,
    house_layout,
    money_axis,
    number_or_none,
    patterned_marker,
    wrap_label,
)
from redesign.core import palette as pal
from redesign.core.formatting import money_m, share, signed_money_m
from redesign.model.aggregate import MAX_CATEGORIES, top_n_with_other, waterfall_top_n

# The same chart for one service and for a set of services.

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
            **combined_hover("%{y}: %{text}<extra></extra>", frame, "saving"),
        )
    )
    house_layout(
        fig,
        height=chart_height(len(frame)),
        x_title="Saving (£m, as stated in the report)",
        right_margin=150,
    )
    top = max(values or [0.0])
    money_axis(fig, upper=top * 1.05 if top else 1.0)
    category_order(fig, labels)
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
        group = groups.get(kind)
        if not group:
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
                y=group["y"],
                x=group["x"],
                base=group["base"],
                orientation="h",
                name=names[kind],
                showlegend=kind != "step" or one_colour,
                marker={"color": group["fill"], "pattern": pattern, "line": line},
                text=group["text"],
                textposition="outside",
                textfont={"size": LABEL_SIZE, "color": pal.TEXT},
                cliponaxis=False,
                hovertext=group["hover"],
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
        height=chart_height(len(frame), extra=170),
        x_title=x_title,
        legend=True,
        right_margin=170,
    )
    fig.update_layout(barmode="overlay")
    money_axis(fig, upper=top + (top - lower) * 0.04 if top else 1.0, lower=lower)
    category_order(fig, labels)
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
        names_text = "  " + " + ".join(names) + f"<br>  {total_text}"
        fig.add_trace(bar_end_labels([label], [base], [names_text]))
        top = max(top, base)
    house_layout(fig, height=chart_height(len(rows), extra=110), x_title="£m", right_margin=90)
    fig.update_layout(barmode="overlay")
    money_axis(fig, upper=top * (2.6 if not components.empty else 1.3) or 1.0)
    category_order(fig, rows)
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
            marker=patterned_marker(fills, shapes, fgcolor=pal.DARK_GREY),
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
        height=chart_height(max(len(labels), 2), extra=110),
        x_title="Saving (£m)",
        right_margin=280,
    )
    money_axis(fig, upper=top * 1.05 if top else 1.0)
    category_order(fig, labels)
    return fig
