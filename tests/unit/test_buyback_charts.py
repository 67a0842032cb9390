"""The buy-back page's figures (redesign.buyback.charts): valid Plotly, labelled, not colour alone."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from redesign import load_dataset
from redesign.buyback.charts import compare_figure, fte_figure, fte_table, plotly_safe
from redesign.buyback.curve_chart import curve_figure, curve_table
from redesign.buyback.model import BuybackModel, Scenario
from redesign.core import palette
from redesign.core.formatting import fte

MODEL = BuybackModel(load_dataset())
GROUPS = MODEL.group_ids


def result(*levels: float):
    return MODEL.evaluate(Scenario(dict(zip(GROUPS, levels, strict=True))))


@pytest.mark.parametrize("levels", [(0.6, 0.6, 0.4), (0, 0, 0), (1, 1, 1), (1.5, 0.2, 1.2)])
def test_fte_figure_is_valid_and_labelled(levels: tuple[float, ...]) -> None:
    r = result(*levels)
    fig = fte_figure(r)
    go.Figure(**fig)  # full Plotly validation of the dict
    names = [t["name"] for t in fig["data"]]
    assert names[:2] == ["Kept (bought back)", "Redundant"]
    assert ("Expansion (above today's posts)" in names) == (r.expansion_fte > 0)
    kept, redundant = fig["data"][0], fig["data"][1]
    # Patterns tell kept from redundant without colour; every non-zero bar says what it is.
    assert kept["marker"]["color"] != redundant["marker"]["color"]
    assert redundant["marker"]["pattern"]["shape"]
    for trace in fig["data"]:
        for value, text in zip(trace["x"], trace["text"], strict=True):
            assert (text != "") == (value >= 0.005)
    assert redundant["marker"]["color"] == palette.ORANGE
    # No bar text is pushed outside its bar, past the plot's edge: a thin segment's numbers are in
    # its category label instead.
    assert all(t["textposition"] == "inside" for t in fig["data"])
    for label, thin in zip(kept["y"], redundant["x"], strict=True):
        assert f"{fte(thin)} redundant" in label


def test_fte_table_totals() -> None:
    table = fte_table(result(0.6, 0.6, 0.4)).set_index("Group")
    assert table.loc["Total", "Redundant FTE"] == pytest.approx(17.326)
    assert table.loc["Total", "Kept FTE"] + table.loc["Total", "Redundant FTE"] == pytest.approx(
        33.32
    )


def test_curve_figure_marks_the_scenario() -> None:
    s = Scenario(dict(zip(GROUPS, (0.6, 0.6, 0.4), strict=True)))
    r = MODEL.evaluate(s)
    fig = curve_figure(MODEL.curve(s), r)
    go.Figure(**fig)
    lines = {t["name"]: t for t in fig["data"]}
    saving, income = lines["Saving (£m)"], lines["Traded income needed (£m a year)"]
    assert saving["line"]["dash"] != income["line"]["dash"]  # not colour alone
    # The legend's entry draws nothing: the marker is a shape at each point, labelled beside it.
    assert lines["This scenario"]["x"] == [None]
    layout = fig["layout"]
    markers = {s["name"]: s for s in layout["shapes"] if s["name"].endswith("_marker")}
    labels = {a["name"]: a for a in layout["annotations"] if a["name"].endswith("_label")}
    kept_pct = 100 * 15.994 / 33.32
    assert markers["saving_marker"]["yanchor"] == r.saving_m == 1.147096
    assert markers["income_marker"]["yanchor"] == r.traded_income_m == 0.746617
    assert all(m["xanchor"] == pytest.approx(kept_pct) for m in markers.values())
    assert [labels[k]["text"] for k in ("saving_label", "income_label")] == [
        "Saving £1.15m",
        "Income £0.75m",
    ]
    assert all(a["x"] == pytest.approx(kept_pct) for a in labels.values())
    # Saving above income here: its label above its point, income's below.
    assert labels["saving_label"]["yanchor"] == "bottom"
    assert labels["income_label"]["yanchor"] == "top"
    scenario_line = next(s for s in layout["shapes"] if s["name"] == "scenario_line")
    assert scenario_line["x0"] == scenario_line["x1"] == pytest.approx(kept_pct)
    texts = [a["text"] for a in fig["layout"]["annotations"]]
    assert "Proposed saving £1.25m" in texts
    assert next(iter(curve_table(MODEL.curve(s)).columns)) == "Buy-back %"


def test_compare_figure_is_valid_and_safe() -> None:
    named = [
        ("Proposal", result(1, 1, 1)),
        ("60/40", result(0.6, 0.6, 0.4)),
        ("<a href='javascript:x'>%{y}</a>", result(0, 0, 0)),
        ("Expansion", result(1.5, 1.5, 1.5)),
    ]
    fig = compare_figure(named)
    go.Figure(**fig)
    assert len(fig["data"]) == 4
    assert (
        len(
            {
                (t["marker"]["color"], t["marker"].get("pattern", {}).get("shape", ""))
                for t in fig["data"]
            }
        )
        == 4
    )
    hostile = fig["data"][2]
    assert "<" not in hostile["name"] and "{" not in hostile["hovertemplate"].split(":")[0]
    assert fig["data"][1]["text"][0] == "£1.15m"


def test_plotly_safe() -> None:
    assert plotly_safe("<b>x</b>") == "bx/b"
    assert plotly_safe("<>") == "(unnamed)"


@pytest.mark.parametrize("levels", [(1, 1, 1), (0.2, 0.2, 0.2), (1.5, 1.5, 1.5)])
def test_the_scenario_labels_never_meet(levels: tuple[float, ...]) -> None:
    """The higher of the two marked points has its label above it, the lower one below."""
    s = Scenario(dict(zip(GROUPS, levels, strict=True)))
    r = MODEL.evaluate(s)
    notes = {a["name"]: a for a in curve_figure(MODEL.curve(s), r)["layout"]["annotations"]}
    saving, income = notes["saving_label"], notes["income_label"]
    higher, lower = (saving, income) if saving["y"] >= income["y"] else (income, saving)
    assert (higher["yanchor"], lower["yanchor"]) == ("bottom", "top")
    assert higher["yshift"] > 0 > lower["yshift"]
