"""The buy-back charts are built as plain dicts in Plotly's JSON schema (redesign.buyback_charts) and
drawn as they are by the app's chart component (ui/components/plotly_chart), which sends a dict as
JSON. These tests draw each real figure in AppTest and compare what the component sends with the
dict as built, so a figure the sending would change or fill in (the browser would then draw
something other than what the tests of the figures read) fails here.
"""

from __future__ import annotations

import json
from typing import Any

import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from redesign.buyback import scenario_io as sio
from redesign.buyback.charts import compare_figure, fte_figure
from redesign.buyback.curve_chart import curve_figure
from redesign.buyback.model import BuybackModel
from tests.support.charts import charts


def _sent(spec: dict[str, Any]) -> dict[str, Any]:
    """The figure the app's chart component sends for the dict ``spec``."""

    def script() -> None:
        import streamlit as st

        from ui.components import plotly_chart

        plotly_chart.chart(st.session_state["fig"], key="chart", alt="A chart", config={})

    at = AppTest.from_function(script, default_timeout=30)
    at.session_state["fig"] = spec
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (chart,) = charts(at)
    return chart.figure


def _buyback_figures(dataset: Any) -> dict[str, dict[str, Any]]:
    model = BuybackModel(dataset)
    proposal, _ = sio.from_query(model, {})
    mixed = sio.make_scenario(
        model,
        {g: 0.35 + 0.4 * i for i, g in enumerate(model.group_ids)},
        {},
        "Mixed",
    )
    result = model.evaluate(mixed)
    return {
        "fte": fte_figure(result),
        "curve": curve_figure(model.curve(mixed), result, 100.0),
        "compare": compare_figure([("Proposal", model.evaluate(proposal)), ("Mixed", result)]),
    }


@pytest.mark.parametrize("name", ["fte", "curve", "compare"])
def test_buyback_figures_are_sent_as_built(dataset, name):
    spec = _buyback_figures(dataset)[name]
    sent = _sent(spec)
    assert sent == json.loads(pio.to_json(spec, validate=False))
    assert sent["data"], "a chart with no traces"


def test_a_figure_is_sent_unchanged_and_numpy_as_plotly_writes_it():
    """Nothing is filled in (st.plotly_chart gave a dict without a template Plotly's default
    one), and numpy values arrive as the lists and numbers Plotly's own JSON has."""
    import numpy as np

    spec = {"data": [{"type": "bar", "x": [1, 2], "y": [3, 4]}], "layout": {"height": 300}}
    assert _sent(spec) == spec
    arrays = {"data": [{"type": "bar", "x": np.array([1, 2]), "y": [np.float64(0.5), 4]}]}
    assert _sent(arrays) == {"data": [{"type": "bar", "x": [1, 2], "y": [0.5, 4]}]}
