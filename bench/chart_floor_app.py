"""The chart floor: one slider (as bench/baseline_app.py) and one small Plotly chart it changes.

The buy-back page must redraw its charts on every key press (they show the scenario), so besides
the empty app the benchmarks measure this: the cheapest page with a chart that changes with a
slider. Its cost over the empty app is what one changing chart costs by itself (building and
serialising the figure on the server; plotly.js redrawing it in the browser), so a reader can see
how much of a ratio target against the empty app is reachable at all for a page with charts.

The chart is built like the buy-back page's posts chart (redesign/buyback/charts.py
``fte_figure``, drawn by pages/buyback_parts/results.py ``fte_chart``): a plain dict in Plotly's
JSON schema with Plotly's empty "none" template, handed to ``st.plotly_chart`` as it is (which
checks it against Plotly's schema, as it does for the page), three groups as horizontal stacked bars of kept,
redundant (and, above 100 %, expansion) FTE with a pattern and a label on each bar, and the same
``st.plotly_chart`` arguments. Only trivial arithmetic on the slider value; no project code is
imported, so it stays a floor.

``?charts=2`` adds a second chart like the buy-back page's 0-150 % curve (``curve_figure``: two
lines of 31 points, this scenario's two points marked with text, a dotted line at the level),
since the buy-back page redraws both on a key press.
"""

import streamlit as st

FONT = {"family": "Arial, Helvetica, sans-serif", "size": 16, "color": "#0B0C0C"}
AXIS = {
    "tickfont": {"size": 15, "color": "#595959"},
    "gridcolor": "#D9D9D9",
    "zerolinecolor": "#595959",
    "automargin": True,
}
GROUPS = (("Curriculum support advisers", 12.0), ("Governor services", 8.5), ("Music hub", 5.0))
NO_TEMPLATE = {"data": {"scatter": [{"type": "scatter"}]}}  # Plotly's "none" template
PATTERN = {"fillmode": "overlay", "fgcolor": "#FFFFFF", "fgopacity": 0.45, "size": 10}


def bar(name: str, values: list[float], labels: list[str], colour: str, shape: str) -> dict:
    marker: dict = {"color": colour, "line": {"color": "#0B0C0C", "width": 1}}
    if shape:
        marker["pattern"] = {"shape": shape, **PATTERN}
    return {
        "type": "bar",
        "name": name,
        "orientation": "h",
        "x": values,
        "y": labels,
        "marker": marker,
        "text": [f"{v:.1f} {name.split()[0].lower()}" if v >= 0.005 else "" for v in values],
        "textposition": "inside",
        "insidetextanchor": "middle",
        "textfont": {"size": 16},
        "cliponaxis": False,
        "hovertemplate": "%{x:.2f} FTE<extra></extra>",
    }


def fte_chart(level: float) -> dict:
    kept = [min(fte * level, fte) for _, fte in GROUPS]
    redundant = [max(fte - fte * level, 0.0) for _, fte in GROUPS]
    expansion = [max(fte * level - fte, 0.0) for _, fte in GROUPS]
    labels = [
        f"<b>{name}</b><br>{k:.1f} kept · {r:.1f} redundant"
        for (name, _), k, r in zip(GROUPS, kept, redundant, strict=True)
    ]
    traces = [
        bar("Kept (bought back)", kept, labels, "#12436D", ""),
        bar("Redundant", redundant, labels, "#F46A25", "x"),
    ]
    if any(expansion):
        traces.append(bar("Expansion (above today's posts)", expansion, labels, "#28A197", "/"))
    top = max(fte * max(level, 1.0) for _, fte in GROUPS)
    layout = {
        "template": NO_TEMPLATE,
        "font": FONT,
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "barmode": "stack",
        "bargap": 0.25,
        "height": 360,
        "margin": {"l": 10, "r": 30, "t": 10, "b": 10},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0},
        "uniformtext": {"minsize": 12, "mode": "hide"},
        "xaxis": {**AXIS, "title": {"text": "FTE"}, "range": [0, top * 1.08]},
        "yaxis": {**AXIS, "showgrid": False},
    }
    return {"data": traces, "layout": layout}


def curve_chart(level: float) -> dict:
    at_risk = sum(fte for _, fte in GROUPS)
    x = list(range(0, 155, 5))
    saving = [round(at_risk * 0.04 * (1 - p / 100), 3) for p in x]
    income = [round(at_risk * 0.05 * p / 100, 3) for p in x]
    pct = level * 100
    point = [at_risk * 0.04 * (1 - level), at_risk * 0.05 * level]
    traces = [
        {"type": "scatter", "mode": "lines", "name": "Saving (£m)", "x": x, "y": saving},
        {"type": "scatter", "mode": "lines", "name": "Traded income (£m)", "x": x, "y": income},
        {
            "type": "scatter",
            "mode": "markers+text",
            "name": "This scenario",
            "x": [pct, pct],
            "y": point,
            "text": [f"Saving £{point[0]:.2f}m", f"Income £{point[1]:.2f}m"],
            "textposition": ["top right", "bottom right"],
            "marker": {"symbol": "diamond", "size": 16, "line": {"width": 3}},
        },
    ]
    layout = {
        "template": NO_TEMPLATE,
        "font": FONT,
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "height": 360,
        "margin": {"l": 10, "r": 30, "t": 20, "b": 10},
        "shapes": [
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": pct,
                "x1": pct,
                "y0": 0,
                "y1": 1,
                "line": {"dash": "dot"},
            }
        ],
        "xaxis": {**AXIS, "title": {"text": "Buy-back %"}},
        "yaxis": {**AXIS, "title": {"text": "£m"}},
    }
    return {"data": traces, "layout": layout}


value = st.slider("Buy-back %", min_value=0, max_value=150, value=100, step=1)
CONFIG = {"displayModeBar": False}
st.plotly_chart(fte_chart(value / 100), theme=None, width="stretch", config=CONFIG, key="floor_fte")
if st.query_params.get("charts") == "2":
    st.plotly_chart(
        curve_chart(value / 100), theme=None, width="stretch", config=CONFIG, key="floor_curve"
    )
