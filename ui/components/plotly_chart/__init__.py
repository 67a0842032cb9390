"""A page's Plotly chart as a Streamlit Components v2 component (issue 16: the first screen).

``st.plotly_chart`` loads plotly.js (4.7 MB) as part of Streamlit's render of the page, and the
whole first screen (title, tiles, text) was committed only once it had loaded and compiled:
measured by ``python -m bench.first_screen``, the overview's first screen took 2.5x the empty app
with it and 1.4x without (bench/README.md). This component draws the same figure with the
plotly.js the app serves (ui/components/plotly_js.py), loaded once the page is on screen.

``chart(figure, key=..., alt=..., config=...)``; AppTest sees each as a custom component element
whose data holds the figure, alt and config (tests/support/charts.py reads them).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st
from plotly.utils import PlotlyJSONEncoder

from ui.components import component_css
from ui.components.plotly_js import LOADER_JS, plotly_url

_HERE = Path(__file__).resolve().parent
NAME = "redesign_explorer.plotly_chart"
_COMPONENT = st.components.v2.component(
    NAME,
    js=LOADER_JS + "\n" + (_HERE / "chart.js").read_text(encoding="utf-8"),
    css=component_css(_HERE / "chart.css"),
    # No shadow root: plotly.js puts its styles in the document's head.
    isolate_styles=False,
)


def figure_json(figure: Any) -> dict[str, Any]:
    """The figure as plain JSON (a dict, or a ``go.Figure``), numpy values and dates written as
    Plotly writes them."""
    if not isinstance(figure, Mapping):
        figure = figure.to_plotly_json()
    plain: dict[str, Any] = json.loads(json.dumps(figure, cls=PlotlyJSONEncoder))
    return plain


def chart(figure: Any, *, key: str, alt: str, config: Mapping[str, Any]) -> None:
    """Draw ``figure`` as wide as its container; ``alt`` is its description for a screen reader."""
    _COMPONENT(
        key=key,
        data={
            "figure": figure_json(figure),
            "alt": alt,
            "config": dict(config),
            "plotly_url": plotly_url(),
        },
    )
