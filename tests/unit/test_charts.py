"""Plotly figures (redesign.charts): built, the right traces, labelled in words and signed £m, styled."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from redesign.charts.house import wrap_label
from redesign.charts.money import saving_by_service_bar, service_budget_bar, streams_bar, waterfall
from redesign.charts.staffing import (
    headcount_bar,
    service_staffing_bar,
    staffing_now_after,
    staffing_reductions,
)
from redesign.core import palette
from redesign.core.formatting import MINUS
from redesign.present.savings import (
    budget_frame,
    ranked_savings_frame,
    service_streams_frame,
    stream_totals_frame,
)
from redesign.present.staffing import headcount_frame, staffing_frame
from redesign.present.waterfall import waterfall_view


def _texts(fig: go.Figure) -> list[str]:
    out: list[str] = []
    for trace in fig.data:
        if trace.text is not None:
            out += [str(t) for t in trace.text]
    return out


def _assert_house_style(fig: go.Figure) -> None:
    layout = fig.layout
    assert layout.paper_bgcolor == palette.BACKGROUND
    assert layout.plot_bgcolor == palette.BACKGROUND
    assert layout.font.size >= 14
    assert not layout.title.text  # the page writes the title above the chart
    for axis in (layout.xaxis, layout.yaxis):
        assert axis.tickfont.size >= 14
        assert axis.tickfont.color == palette.AXIS_TEXT
    assert layout.xaxis.gridcolor == palette.GRIDLINE
    for trace in fig.data:
        if trace.type == "bar":
            # Every bar is labelled on the chart (text on the bar, or a text trace beside it).
            labelled = trace.text is not None or any(
                t.type == "scatter" and t.mode == "text" for t in fig.data
            )
            assert labelled, trace.name
        font = getattr(trace, "textfont", None)
        if font is not None and font.size is not None:
            assert font.size >= 14


def test_saving_by_service_bar(dataset):
    fig = saving_by_service_bar(ranked_savings_frame(dataset.services))
    _assert_house_style(fig)
    assert len(fig.data) == 1
    texts = _texts(fig)
    assert texts[0] == "£1.25m (41.1%)"
    assert texts[-1] == "no saving stated"
    # Largest at the top of a horizontal chart.
    assert fig.layout.yaxis.categoryarray[-1] == "SEN Support Services"


def test_waterfall_by_service(dataset):
    frame = waterfall_view(dataset, "service")
    fig = waterfall(frame)
    _assert_house_style(fig)
    assert [t.name for t in fig.data] == [
        "Total (current budget, proposed cost)",
        "Saving",
        "Gap: published figures do not reconcile",
    ]
    texts = _texts(fig)
    assert "£18.35m" in texts and "£15.42m" in texts
    assert f"{MINUS}£0.90m (29.6%)" in texts  # School Improvement: signed £m and share
    assert f"{MINUS}£1.25m (41.1%)" in texts
    assert "gap +£0.11m" in texts  # Performing Arts: its own step, with the word gap
    assert "£0.00m (no saving stated)" in texts  # Coventry Extended Learning Centre
    gap = fig.data[2]
    assert gap.marker.pattern.shape == palette.GAP_PATTERN
    assert list(gap.marker.color) == [palette.GAP_COLOUR]
    assert fig.layout.xaxis.range[0] == 0.0


def test_waterfall_by_stream(dataset):
    frame = waterfall_view(dataset, "stream")
    fig = waterfall(frame)
    steps, gaps = fig.data[1], fig.data[2]
    assert list(steps.marker.color) == [
        palette.STREAM_COLOURS[k] for k in ("dsg", "esg", "core", "trading", "other")
    ]
    assert steps.showlegend is False  # colours by stream are named on the axis instead
    labels = [label.replace("<br>", " ") for label in gaps.y]
    assert "Not split by stream: SEN Support Services" in labels
    assert "Gap: Performing Arts Service saving ≠ budget − cost" in labels
    assert f"gap {MINUS}£1.25m (41.1%)" in gaps.text
    assert "gap +£0.11m" in gaps.text
    # The gap steps float where the running level puts them.
    i = labels.index("Not split by stream: SEN Support Services")
    assert gaps.base[i] == pytest.approx(15.31)
    assert gaps.x[i] == pytest.approx(1.25)


def test_waterfall_zoom_starts_axis_below_lowest_level(dataset):
    fig = waterfall(waterfall_view(dataset, "service"), zoom=True)
    low, high = fig.layout.xaxis.range
    assert 0 < low < 15.31
    assert high > 18.35
    assert "not zero" in fig.layout.xaxis.title.text


def test_staffing_now_after(dataset):
    frame = staffing_frame(dataset.services, total_row=True)
    fig = staffing_now_after(frame)
    _assert_house_style(fig)
    assert [t.name for t in fig.data] == ["FTE now", "FTE after (derived where not published)"]
    assert len(fig.data[0].y) == 9  # the total row is not drawn
    assert "now 109.34" in fig.data[0].text
    after = list(fig.data[1].text)
    assert "after 86.51 (derived)" in after
    assert "after 13.03 (derived)" in after
    assert "after 9.50" in after


def test_staffing_reductions(dataset):
    frame = staffing_frame(dataset.services, total_row=True)
    fig = staffing_reductions(frame)
    _assert_house_style(fig)
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == [
        "Reduction: confirmed",
        "Reduction: subject to market testing",
        "Reduction: potential",
    ]
    # Confirmed, market testing and potential differ by pattern as well as colour.
    assert len({t.marker.pattern.shape for t in bars}) == 3
    assert len({t.marker.color for t in bars}) == 3
    # Stacked: market testing starts where the confirmed reduction ends.
    sen = list(bars[1].y).index("SEN Support Services")
    assert bars[1].base[sen] == pytest.approx(22.83)
    words = fig.data[-1].text
    assert " 22.83 confirmed<br> + 33.32 subject to market testing" in words
    assert " 2.12 confirmed<br> + 1.00 potential" in words
    assert " none stated" in words


def test_headcount_bar(dataset):
    fig = headcount_bar(headcount_frame(dataset.services))
    _assert_house_style(fig)
    assert len(fig.data) == 3
    assert " 21 people + 110 casual" in fig.data[2].text
    assert " 167 people" in fig.data[2].text


def test_service_charts(dataset):
    pa = dataset.service("performing_arts")
    budget = service_budget_bar(budget_frame(pa))
    _assert_house_style(budget)
    assert list(budget.data[0].text) == ["£1.34m", "£1.34m"]
    assert "= £1.45m, not the stated £1.34m" in budget.data[-1].text[0]  # both numbers
    streams = streams_bar(service_streams_frame(dataset.service("sen_support")))
    assert list(streams.data[0].text) == ["gap: £1.25m not split by stream"]
    assert list(streams.data[0].marker.pattern.shape) == [palette.GAP_PATTERN]
    blank = streams_bar(service_streams_frame(dataset.service("sen_management")))
    assert blank.data[0].text[0] == "printed blank (no number)"
    staff = service_staffing_bar(staffing_frame((dataset.service("sen_support"),)))
    assert "86.51 (derived)" in staff.data[0].text
    assert "33.32 subject to market testing" in staff.data[0].text
    totals = streams_bar(stream_totals_frame(dataset.services))
    assert "gap: £1.26m not split by stream" in totals.data[0].text


def test_figures_serialise(dataset):
    """Every figure converts to the JSON Streamlit sends (no invalid property slipped through)."""
    figs = [
        saving_by_service_bar(ranked_savings_frame(dataset.services)),
        waterfall(waterfall_view(dataset, "stream")),
        staffing_now_after(staffing_frame(dataset.services)),
        staffing_reductions(staffing_frame(dataset.services)),
        headcount_bar(headcount_frame(dataset.services)),
    ]
    for fig in figs:
        assert fig.to_json()


def test_wrap_label():
    assert wrap_label("Looked After Children Education Service", 30) == (
        "Looked After Children<br>Education Service"
    )
