"""ui.blocks.ReadyFigure: Streamlit sends the browser the same chart as for the ``go.Figure``.

The pages draw their figures as ``ReadyFigure`` (no copy, no second check on each rerun); these
tests draw each real figure both ways through ``st.plotly_chart`` in AppTest and compare the JSON
specs Streamlit puts in its message, so a change in Plotly or Streamlit that made the fast path
draw something else fails here.
"""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from redesign.buyback import scenario_io as sio
from redesign.buyback.charts import compare_figure, fte_figure
from redesign.buyback.curve_chart import curve_figure
from redesign.buyback.model import BuybackModel
from redesign.charts.staffing import staffing_now_after
from redesign.present.staffing import staffing_frame
from ui.blocks import ReadyFigure, ready_figure


def _draw_both(fig: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The spec Streamlit sends for ``go.Figure(fig)`` and for ``ready_figure(fig)``."""

    def script() -> None:
        import plotly.graph_objects as go
        import streamlit as st

        from ui.blocks import ready_figure

        spec = st.session_state["fig"]
        st.plotly_chart(go.Figure(spec), theme=None, key="plain")
        st.plotly_chart(ready_figure(spec), theme=None, key="ready")

    at = AppTest.from_function(script, default_timeout=30)
    at.session_state["fig"] = fig
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    plain, ready = at.get("plotly_chart")
    return json.loads(plain.proto.spec), json.loads(ready.proto.spec)


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
def test_buyback_figures_are_sent_as_go_figure_sends_them(dataset, name):
    spec = _buyback_figures(dataset)[name]
    plain, ready = _draw_both(spec)
    assert ready == plain
    assert ready["data"], "a chart with no traces"


def test_page_figures_are_sent_as_go_figure_sends_them(dataset):
    staff = staffing_frame(dataset.services)
    fig = staffing_now_after(staff)
    plain, ready = _draw_both(fig.to_dict())
    assert ready == plain
    assert ready == json.loads(fig.to_json())


def test_ready_figure_hands_over_its_dict_unchanged():
    spec = {"data": [{"type": "bar", "x": [1, 2], "y": [3, 4]}], "layout": {"height": 300}}
    ready = ready_figure(spec)
    assert isinstance(ready, ReadyFigure)
    assert ready.to_dict() == spec
    # From a go.Figure: its dict, made once.
    fig = go.Figure(spec)
    assert ready_figure(fig).to_dict() == fig.to_dict()
    assert "1 traces" in repr(ready)
