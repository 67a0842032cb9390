"""Plotly figures and their data tables for the buy-back what-if page (pure: no Streamlit).

Conventions: Analysis Function colours from redesign.core.palette; colour never
carries meaning alone (bars are labelled in words and patterned, lines differ in dash);
nothing important only on hover; text large enough to read on a projector. Titles and subtitles are
written by the page above each chart (so screen readers get them as text), not inside the figure.

Figures are built as plain dicts in Plotly's JSON schema rather than through ``plotly.graph_objects``:
validation of graph objects costs milliseconds per trace, and the page rebuilds these figures on every
key press of a slider. ``tests/unit/test_buyback_charts.py`` checks each dict against ``go.Figure``."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.io as pio

from redesign.buyback.model import GroupOutcome, ScenarioResult
from redesign.core import palette
from redesign.core.arithmetic import total
from redesign.core.formatting import fte, money_m

Figure = dict[str, Any]

FONT_SIZE = 16
FONT_FAMILY = "Arial, Helvetica, sans-serif"

# Kept, redundant and expansion FTE: colour AND pattern AND a word on every bar.
KEPT = (palette.DARK_BLUE, "")
REDUNDANT = (palette.ORANGE, "x")
EXPANSION = (palette.TURQUOISE, "/")
SAVING = palette.DARK_BLUE
INCOME = palette.ORANGE
# Up to four compared scenarios: a colour and a pattern each.
SCENARIO_STYLES = (
    (palette.DARK_BLUE, ""),
    (palette.TURQUOISE, "/"),
    (palette.DARK_PINK, "x"),
    (palette.ORANGE, "."),
)


# Plotly's empty "none" template, as on the other pages (redesign.charts): the look is set in
# full in ``_layout``, and with a template given, Streamlit's check of the dict leaves it as it is
# (tests/app/test_plotly_specs.py). Made once; each figure gets its own copy, so no two figures share
# a dict.
_NO_TEMPLATE: dict[str, Any] = pio.templates["none"].to_plotly_json()


def _layout(**extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "template": copy.deepcopy(_NO_TEMPLATE),
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": palette.TEXT},
        "paper_bgcolor": palette.BACKGROUND,
        "plot_bgcolor": palette.BACKGROUND,
        "margin": {"l": 10, "r": 30, "t": 20, "b": 10},
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "xanchor": "left",
            "x": 0,
            "font": {"size": FONT_SIZE},
        },
        "hoverlabel": {"font": {"size": FONT_SIZE}},
        "separators": ".,",
    }
    layout.update(extra)
    return layout


def _axis(title: str, **extra: Any) -> dict[str, Any]:
    axis: dict[str, Any] = {
        "title": {"text": title, "font": {"size": FONT_SIZE, "color": palette.AXIS_TEXT}},
        "tickfont": {"size": FONT_SIZE - 1, "color": palette.AXIS_TEXT},
        "gridcolor": palette.GRIDLINE,
        "zerolinecolor": palette.AXIS_TEXT,
        "automargin": True,
    }
    axis.update(extra)
    return axis


def _wrap(label: str, width: int = 22) -> str:
    """A long category label over several lines (Plotly breaks lines at <br>)."""
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def _bar(
    name: str,
    x: Sequence[Any],
    y: Sequence[Any],
    style: tuple[str, str],
    text: Sequence[str],
    **extra: Any,
) -> dict[str, Any]:
    colour, pattern = style
    marker: dict[str, Any] = {"color": colour, "line": {"color": palette.TEXT, "width": 1}}
    if pattern:
        # The pattern is drawn in a lighter tint so the label on top stays readable.
        # "overlay": the fill keeps its colour and the pattern is drawn over it in a light tint,
        # so labels on top stay readable (the default "replace" would leave a white bar).
        marker["pattern"] = {
            "shape": pattern,
            "fillmode": "overlay",
            "fgcolor": "#FFFFFF",
            "fgopacity": 0.45,
            "size": 10,
            "solidity": 0.2,
        }
    trace: dict[str, Any] = {
        "type": "bar",
        "name": name,
        "x": list(x),
        "y": list(y),
        "marker": marker,
        "text": list(text),
        "textfont": {"size": FONT_SIZE, "color": palette.text_colour_on(colour)},
        "insidetextfont": {"size": FONT_SIZE, "color": palette.text_colour_on(colour)},
        "outsidetextfont": {"size": FONT_SIZE, "color": palette.TEXT},
        "cliponaxis": False,
    }
    trace.update(extra)
    return trace


# --- retained and redundant FTE per group -----------------------------------------------------


def fte_table(result: ScenarioResult) -> pd.DataFrame:
    """The numbers behind the FTE chart, one row per group and a total."""
    return pd.DataFrame(fte_table_rows(result))


def fte_table_rows(result: ScenarioResult) -> list[dict[str, Any]]:
    """``fte_table`` as rows (the page draws them on every key press without a DataFrame)."""
    rows: list[dict[str, Any]] = [
        {
            "Group": o.label,
            "Buy-back %": round(o.level * 100, 1),
            "At risk FTE": o.at_risk_fte,
            "Kept FTE": o.retained_fte,
            "Redundant FTE": o.redundant_fte,
            "Expansion FTE": o.expansion_fte,
        }
        for o in result.groups
    ]
    rows.append(
        {
            "Group": "Total",
            "Buy-back %": round(100 * result.retained_fte / result.at_risk_fte, 1)
            if result.at_risk_fte
            else None,
            "At risk FTE": result.at_risk_fte,
            "Kept FTE": result.retained_fte,
            "Redundant FTE": result.redundant_fte,
            "Expansion FTE": result.expansion_fte,
        }
    )
    return rows


# Bars on the FTE chart: with more groups than this (synthetic data at 10x/100x) the largest
# groups are drawn and the rest combined into one bar, so the chart stays readable and its cost
# does not grow with the data. The data table keeps every group.
MAX_FTE_BARS = 8


@dataclass(frozen=True)
class FteBar:
    label: str
    at_risk_fte: float
    kept_fte: float
    redundant_fte: float
    expansion_fte: float


def fte_bars(result: ScenarioResult, limit: int = MAX_FTE_BARS) -> list[FteBar]:
    """One bar per group, or, past ``limit`` groups, the ``limit - 1`` with the most FTE at risk
    (in data order) and a last bar "Other N groups" with the rest's sums."""

    def bar(o: GroupOutcome) -> FteBar:
        kept = min(o.retained_fte, o.at_risk_fte)
        return FteBar(o.label, o.at_risk_fte, kept, o.redundant_fte, o.expansion_fte)

    groups = result.groups
    if len(groups) <= limit:
        return [bar(o) for o in groups]
    ranked = sorted(range(len(groups)), key=lambda i: (-groups[i].at_risk_fte, i))
    keep = set(ranked[: max(limit - 1, 0)])
    rest = [bar(groups[i]) for i in range(len(groups)) if i not in keep]
    other = FteBar(
        f"Other {len(rest)} groups (combined)",
        total(b.at_risk_fte for b in rest) or 0.0,
        total(b.kept_fte for b in rest) or 0.0,
        total(b.redundant_fte for b in rest) or 0.0,
        total(b.expansion_fte for b in rest) or 0.0,
    )
    return [bar(groups[i]) for i in sorted(keep)] + [other]


def fte_figure(result: ScenarioResult, limit: int = MAX_FTE_BARS) -> Figure:
    """Stacked horizontal bars: kept (solid), redundant (crossed) and expansion (striped) FTE."""
    bars = list(reversed(fte_bars(result, limit)))  # first group at the top
    # The numbers are in the category labels too, so a bar too narrow for its text still says
    # what it shows (nothing only on hover).
    labels = [
        f"<b>{_wrap(b.label, 28)}</b><br>{fte(b.kept_fte + b.expansion_fte)} kept"
        f" · {fte(b.redundant_fte)} redundant"
        + (f" · {fte(b.expansion_fte)} more" if b.expansion_fte > 0 else "")
        for b in bars
    ]
    kept = [b.kept_fte for b in bars]
    redundant = [b.redundant_fte for b in bars]
    expansion = [b.expansion_fte for b in bars]

    def text(values: list[float], word: str) -> list[str]:
        return [f"{fte(v)} {word}" if v >= 0.005 else "" for v in values]

    hover = "%{x:.2f} FTE "

    traces = [
        _bar(
            "Kept (bought back)",
            kept,
            labels,
            KEPT,
            text(kept, "kept"),
            orientation="h",
            textposition="inside",
            insidetextanchor="middle",
            hovertemplate=hover + "kept<extra></extra>",
        ),
        _bar(
            "Redundant",
            redundant,
            labels,
            REDUNDANT,
            text(redundant, "redundant"),
            orientation="h",
            # Inside only: text pushed outside a thin segment ran past the plot's right edge and
            # was cut off; a thin segment's numbers are in its category label.
            textposition="inside",
            insidetextanchor="middle",
            hovertemplate=hover + "redundant<extra></extra>",
        ),
    ]
    if any(v > 0 for v in expansion):
        traces.append(
            _bar(
                "Expansion (above today's posts)",
                expansion,
                labels,
                EXPANSION,
                text(expansion, "more"),
                orientation="h",
                textposition="inside",
                insidetextanchor="middle",
                hovertemplate=hover + "more than today<extra></extra>",
            )
        )
    top = max((b.at_risk_fte + b.expansion_fte for b in bars), default=1)
    return {
        "data": traces,
        "layout": _layout(
            barmode="stack",
            bargap=0.25,
            height=max(360, 110 + 70 * len(bars)),
            margin={"l": 10, "r": 30, "t": 10, "b": 10},
            legend={
                "orientation": "h",
                "yanchor": "top",
                "y": -0.22,
                "xanchor": "left",
                "x": 0,
                "font": {"size": FONT_SIZE},
                "traceorder": "normal",
            },
            uniformtext={"minsize": 12, "mode": "hide"},
            xaxis=_axis("FTE (full-time equivalent)", range=[0, top * 1.08], rangemode="tozero"),
            yaxis=_axis("", showgrid=False),
        ),
    }


# --- compared scenarios -----------------------------------------------------------------------

COMPARE_MEASURES = (
    ("Saving", "saving_m"),
    ("Traded income needed a year", "traded_income_m"),
    ("One-off redundancy cost (at-risk posts)", "redundancy_cost_m"),
)


def compare_figure(named: Sequence[tuple[str, ScenarioResult]]) -> Figure:
    """Grouped bars: the £m headlines of up to four scenarios side by side, labelled."""
    measures = [_wrap(label, 18) for label, _ in COMPARE_MEASURES]
    traces = []
    for i, (name, result) in enumerate(named):
        values = [getattr(result, attr) for _, attr in COMPARE_MEASURES]
        traces.append(
            _bar(
                plotly_safe(name),
                measures,
                values,
                SCENARIO_STYLES[i % len(SCENARIO_STYLES)],
                [money_m(v) for v in values],
                textposition="outside",
                textangle=0,
                hovertemplate=f"{plotly_safe(name)}: £%{{y:.2f}}m<extra></extra>",
            )
        )
    top = max(
        (getattr(r, attr) for _, r in named for _, attr in COMPARE_MEASURES),
        default=1,
    )
    return {
        "data": traces,
        "layout": _layout(
            barmode="group",
            bargap=0.25,
            height=400,
            margin={"l": 10, "r": 30, "t": 60, "b": 10},
            xaxis=_axis("", showgrid=False),
            yaxis=_axis("£m", range=[0, max(top, 0.1) * 1.2], tickprefix="£", ticksuffix="m"),
        ),
    }


def plotly_safe(name: str) -> str:
    """A user's scenario name as Plotly text: Plotly renders a subset of HTML (links included) in
    legends and reads %{...} in hover templates, so drop those characters."""
    return "".join(ch for ch in name if ch not in "{}%<>&") or "(unnamed)"
