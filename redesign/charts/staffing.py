"""Staffing charts: FTE now and after, reductions by kind, headcount."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from redesign.charts.house import (
    LABEL_SIZE,
    bar_end_labels,
    category_order,
    chart_height,
    combined_hover,
    house_layout,
    number_or_none,
    patterned_marker,
    wrap_label,
)
from redesign.core import palette as pal
from redesign.core.formatting import count, fte
from redesign.model.aggregate import MAX_CATEGORIES, top_n_with_other

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
            **combined_hover("%{y}: FTE now %{x:.2f}<extra></extra>", frame, "FTE now"),
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
            **combined_hover("%{y}: %{text}<extra></extra>", frame, "FTE now"),
        )
    )
    house_layout(
        fig,
        height=chart_height(len(frame) * 2, extra=120),
        x_title="FTE (full-time equivalent): now and after",
        legend=True,
        right_margin=190,
    )
    fig.update_layout(barmode="overlay")
    upper = max([v or 0.0 for v in now + after] or [1.0])
    fig.update_xaxes(range=[0, upper * 1.03 or 1.0])
    category_order(fig, labels)
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
                marker=patterned_marker(fill, shape),
                **combined_hover(
                    f"%{{y}}: %{{x:.2f}} FTE {word}<extra></extra>", frame, "total reduction"
                ),
            )
        )
    fig.add_trace(
        bar_end_labels(
            labels, totals_by_row, [" " + "<br> + ".join(w) if w else " none stated" for w in words]
        )
    )
    house_layout(
        fig,
        height=chart_height(round(len(frame) * 1.4), extra=140),
        x_title="FTE reductions stated in the report, by kind",
        legend=True,
        right_margin=120,
    )
    fig.update_layout(barmode="overlay")
    # Room to the right of the longest stack for its words ("33.32 subject to market testing").
    fig.update_xaxes(range=[0, max(totals_by_row or [1.0]) * 1.8 or 1.0])
    category_order(fig, labels)
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
            **combined_hover("%{y}: %{x:,.0f} people<extra></extra>", frame, "headcount"),
        )
    )
    fig.add_trace(
        go.Bar(
            y=labels,
            x=[v or 0.0 for v in casual],
            base=[v or 0.0 for v in heads],
            orientation="h",
            name="Casual staff (not in headcount)",
            marker=patterned_marker(casual_fill, casual_shape, outline=None),
            **combined_hover(
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
    fig.add_trace(bar_end_labels(labels, ends, texts))
    house_layout(
        fig,
        height=chart_height(len(frame)),
        x_title="People (headcount, not FTE)",
        legend=True,
        right_margin=200,
    )
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(range=[0, max(ends or [1.0]) * 1.05 or 1.0], tickformat=",d")
    category_order(fig, labels)
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
            marker=patterned_marker(fills, shapes),
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
        height=chart_height(len(labels), extra=110),
        x_title="FTE (full-time equivalent)",
        right_margin=260,
    )
    fig.update_xaxes(range=[0, top * 1.05 if top else 1.0])
    category_order(fig, labels)
    return fig
