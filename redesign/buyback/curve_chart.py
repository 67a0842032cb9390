"""The buy-back curve: saving and traded income with every group at 0% to 150%, and its table."""

from __future__ import annotations

from typing import Any

import pandas as pd

from redesign.buyback.charts import FONT_SIZE, INCOME, SAVING, Figure, _axis, _layout
from redesign.buyback.model import ScenarioResult
from redesign.core import palette
from redesign.core.formatting import money_m

# --- saving and traded income across buy-back levels ------------------------------------------

MARKER = {
    "symbol": "diamond",
    "size": 16,
    "color": palette.BACKGROUND,
    "line": {"color": palette.TEXT, "width": 3},
}
# The marker drawn as a shape: a diamond 16 px across (the legend's), centred on the point.
DIAMOND = "M-8,0L0,8L8,0L0,-8Z"


def _marker(x: float, y: float, name: str) -> dict[str, Any]:
    return {
        "name": f"{name}_marker",
        "type": "path",
        "xref": "x",
        "yref": "y",
        "xsizemode": "pixel",
        "ysizemode": "pixel",
        "xanchor": x,
        "yanchor": y,
        "path": DIAMOND,
        "fillcolor": palette.BACKGROUND,
        "line": {"color": palette.TEXT, "width": 3},
        "layer": "above",
    }


def _marker_label(x: float, y: float, text: str, above: bool, name: str) -> dict[str, Any]:
    return {
        "name": f"{name}_label",
        "xref": "x",
        "yref": "y",
        "x": x,
        "y": y,
        # Left of the point near the right edge, as the scenario's note, so it is never cut off.
        "xanchor": "left" if x < 110 else "right",
        "yanchor": "bottom" if above else "top",
        "xshift": 8 if x < 110 else -8,
        "yshift": 6 if above else -6,
        "text": text,
        "showarrow": False,
        "font": {"size": FONT_SIZE, "color": palette.TEXT},
    }


def curve_figure(
    curve: pd.DataFrame, result: ScenarioResult, proposal_level_pct: float = 100
) -> Figure:
    """Saving and traded income (£m) with every group at 0-150%, this scenario marked."""
    x = list(curve["Buy-back %"])
    saving = list(curve["Saving £m"])
    income = list(curve["Traded income £m"])
    kept_pct = 100 * result.retained_fte / result.at_risk_fte if result.at_risk_fte else 0
    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": "Saving (£m)",
            "x": x,
            "y": saving,
            "line": {"color": SAVING, "width": 4, "dash": "solid"},
            "hovertemplate": "Buy-back %{x}%: saving £%{y:.2f}m<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": "Traded income needed (£m a year)",
            "x": x,
            "y": income,
            "line": {"color": INCOME, "width": 4, "dash": "dash"},
            "hovertemplate": "Buy-back %{x}%: traded income £%{y:.2f}m<extra></extra>",
        },
        # The legend's entry for the marker only: the marker and its labels are layout shapes
        # and annotations (below), which a browser moves without recomputing the lines.
        {
            "type": "scatter",
            "mode": "markers",
            "name": "This scenario",
            "x": [None],
            "y": [None],
            "marker": MARKER,
            "hoverinfo": "skip",
        },
    ]
    # The higher point's label above it, the lower one's below, so they never meet.
    saving_above = result.saving_m >= result.traded_income_m
    points = (
        ("saving", result.saving_m, f"Saving {money_m(result.saving_m)}", saving_above),
        (
            "income",
            result.traded_income_m,
            f"Income {money_m(result.traded_income_m)}",
            not saving_above,
        ),
    )
    top = max([*saving, *income, result.saving_m, result.traded_income_m, 0.1])
    shapes = [
        {
            "name": "scenario_line",
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": kept_pct,
            "x1": kept_pct,
            "y0": 0,
            "y1": 1,
            "line": {"color": palette.TEXT, "width": 2, "dash": "dot"},
        },
        {
            "name": "proposed_line",
            "type": "line",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": result.proposed_saving_m,
            "y1": result.proposed_saving_m,
            "line": {"color": palette.AXIS_TEXT, "width": 1.5, "dash": "longdash"},
        },
        *(_marker(kept_pct, y, name) for name, y, _, _ in points),
    ]
    annotations = [
        {
            "name": "scenario_note",
            "xref": "x",
            "yref": "paper",
            "x": kept_pct,
            "y": 1.0,
            "yanchor": "bottom",
            "xanchor": "left" if kept_pct < 110 else "right",
            "text": f"This scenario: {kept_pct:.1f}% of at-risk FTE kept",
            "showarrow": False,
            "font": {"size": FONT_SIZE - 1, "color": palette.TEXT},
            "bgcolor": "rgba(255,255,255,0.85)",
        },
        {
            "name": "proposed_note",
            "xref": "paper",
            "yref": "y",
            "x": 0.0,
            "y": result.proposed_saving_m,
            "xanchor": "left",
            "yanchor": "bottom",
            "text": f"Proposed saving {money_m(result.proposed_saving_m)}",
            "showarrow": False,
            "font": {"size": FONT_SIZE - 1, "color": palette.AXIS_TEXT},
            "bgcolor": "rgba(255,255,255,0.85)",
        },
        *(_marker_label(kept_pct, y, text, above, name) for name, y, text, above in points),
    ]
    if proposal_level_pct != kept_pct:
        annotations.append(
            {
                "name": "proposal_note",
                "xref": "x",
                "yref": "paper",
                "x": proposal_level_pct,
                "y": 0,
                "yanchor": "bottom",
                "text": "Proposal",
                "showarrow": False,
                "font": {"size": FONT_SIZE - 2, "color": palette.AXIS_TEXT},
            }
        )
    return {
        "data": traces,
        "layout": _layout(
            height=460,
            margin={"l": 10, "r": 30, "t": 40, "b": 10},
            legend={
                "orientation": "h",
                "yanchor": "top",
                "y": -0.2,
                "xanchor": "left",
                "x": 0,
                "font": {"size": FONT_SIZE},
            },
            shapes=shapes,
            annotations=annotations,
            hovermode="closest",
            xaxis=_axis(
                "Buy-back % (every group at the same level)",
                range=[-3, 153],
                tickvals=list(range(0, 151, 25)),
                ticksuffix="%",
            ),
            yaxis=_axis("£m a year", range=[0, top * 1.15], tickprefix="£", ticksuffix="m"),
        ),
    }


def curve_table(curve: pd.DataFrame) -> pd.DataFrame:
    return curve[
        [
            "Buy-back %",
            "FTE kept (at-risk posts)",
            "Traded income £m",
            "Saving £m",
            "One-off redundancy cost £m",
        ]
    ].copy()
