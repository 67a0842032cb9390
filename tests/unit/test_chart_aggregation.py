"""Charts with one bar per service stay readable as the data grows: the largest services keep their
bars and the rest are one "Other N services (combined)" bar (redesign.model.aggregate).

The helper on its own (hand-worked and property tests), then every per-service chart builder on the
real data (nothing combined, byte-identical figures) and on the benchmark's 100x synthetic dataset
(at most MAX_CATEGORIES + 1 marks a trace, totals kept, the page's frame untouched).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redesign import load_dataset
from redesign.charts.house import wrap_label
from redesign.charts.money import saving_by_service_bar, waterfall, waterfall_label
from redesign.charts.staffing import (
    REDUCTION_PARTS,
    headcount_bar,
    staffing_now_after,
    staffing_reductions,
)
from redesign.data.dataset import Dataset
from redesign.model.aggregate import (
    COMBINED,
    MAX_CATEGORIES,
    other_label,
    top_n_with_other,
    waterfall_top_n,
)
from redesign.model.waterfall import WaterfallStep
from redesign.present.savings import ranked_savings_frame
from redesign.present.staffing import headcount_frame, staffing_frame
from redesign.present.waterfall import waterfall_table, waterfall_view
from tests.support.synthetic import make_dataset

REDUCTIONS = [column for column, _, _ in REDUCTION_PARTS]


def _fsum(values: Any) -> float:
    return math.fsum(float(v) for v in values if v is not None and not pd.isna(v))


def _frame(values: list[float | None], extra: list[float | None] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Service": [f"Service {i}" for i in range(len(values))],
            "v": pd.array(values, dtype="float64"),
            "w": pd.array(extra if extra is not None else [1.0] * len(values), dtype="float64"),
            "Note": ["as stated"] * len(values),
        }
    )


# --- the helper ----------------------------------------------------------------------------------


def test_nothing_combined_up_to_limit_plus_one() -> None:
    for n in (0, 1, 5, 6):
        frame = _frame([float(i) for i in range(n)])
        out = top_n_with_other(frame, "v", "Service", limit=5)
        assert out.drop(columns=COMBINED).equals(frame)
        assert (out[COMBINED] == 0).all()


def test_hand_worked() -> None:
    frame = _frame([3.0, None, -9.0, 1.0, 7.0, 2.0, 0.5], extra=[1, 2, 3, 4, 5, None, None])
    out = top_n_with_other(frame, "v", "Service", limit=3, sum_cols=["w"], fill={"Note": "mixed"})
    # The three largest magnitudes (-9, 7, 3) keep their report order; the rest are one row.
    assert out["Service"].tolist() == [
        "Service 0",
        "Service 2",
        "Service 4",
        "Other 4 services (combined)",
    ]
    assert out["v"].tolist() == [3.0, -9.0, 7.0, 3.5]  # None + 1.0 + 2.0 + 0.5
    assert out["w"].tolist() == [1.0, 3.0, 5.0, 6.0]  # 2 + 4, missing skipped
    assert out["Note"].tolist() == ["as stated"] * 3 + ["mixed"]
    assert out[COMBINED].tolist() == [0, 0, 0, 4]
    assert out["v"].dtype == "float64"  # the combined row keeps the column numeric


def test_measure_of_several_columns_and_fill_from_the_combined_rows() -> None:
    frame = _frame([1.0, 1.0, 1.0, 1.0], extra=[9.0, 0.0, 5.0, 0.0])
    out = top_n_with_other(
        frame,
        ["v", "w"],
        "Service",
        limit=2,
        fill=lambda rest: {"Note": ", ".join(rest["Service"])},
    )
    assert out["Service"].tolist()[:2] == ["Service 0", "Service 2"]  # 10 and 6 the largest
    assert out["Note"].iloc[-1] == "Service 1, Service 3"
    assert out[["v", "w"]].iloc[-1].tolist() == [2.0, 0.0]


def test_all_missing_stays_missing() -> None:
    out = top_n_with_other(_frame([5.0, 4.0, None, None, None]), "v", "Service", limit=2)
    assert pd.isna(out["v"].iloc[-1])
    assert out["Service"].iloc[-1] == other_label(3)


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError):
        top_n_with_other(_frame([1.0]), "v", "Service", limit=0)


values_st = st.lists(
    st.one_of(st.none(), st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(values=values_st, limit=st.integers(min_value=1, max_value=20))
def test_property_sums_kept_marks_bounded(values: list[float | None], limit: int) -> None:
    frame = _frame(values)
    out = top_n_with_other(frame, "v", "Service", limit=limit, sum_cols=["w"])
    assert len(out) <= limit + 1
    assert (out[COMBINED] > 0).sum() <= 1
    # Every row is plotted once: as itself or inside the combined row.
    assert (out[COMBINED] == 0).sum() + out[COMBINED].sum() == len(frame)
    for column in ("v", "w"):
        assert _fsum(out[column]) == pytest.approx(_fsum(frame[column]), abs=1e-5)
    kept = out[out[COMBINED] == 0]
    # Kept rows keep their order, and none is smaller than a combined one.
    positions = [int(s.removeprefix("Service ")) for s in kept["Service"]]
    assert positions == sorted(positions)
    combined = frame[~frame["Service"].isin(kept["Service"])]
    if len(combined):
        assert len(combined) >= 2
        assert kept["v"].fillna(0).abs().min() >= combined["v"].fillna(0).abs().max()
        assert out["Service"].iloc[-1] == other_label(len(combined))
    else:
        assert out.drop(columns=COMBINED).equals(frame)


steps_st = st.lists(
    st.tuples(
        st.sampled_from(["step", "gap"]),
        st.floats(min_value=-50, max_value=50, allow_nan=False).map(lambda v: round(v, 2)),
    ),
    max_size=50,
)


@settings(max_examples=150, deadline=None)
@given(steps=steps_st, limit=st.integers(min_value=1, max_value=20))
def test_property_waterfall_ends_where_it_ended(steps: list[tuple[str, float]], limit: int) -> None:
    start = 1000.0
    # The table's steps come before its gaps, as finance.waterfall_steps lays them out.
    ordered = [s for s in steps if s[0] == "step"] + [s for s in steps if s[0] == "gap"]
    level = start + sum(v for _, v in ordered)
    rows = [WaterfallStep("Current budget", "start", start, None, "", "total")]
    rows += [
        WaterfallStep(f"{kind} {i}", kind, v, None, "", "service" if kind == "step" else "gap")  # type: ignore[arg-type]
        for i, (kind, v) in enumerate(ordered)
    ]
    rows.append(WaterfallStep("Proposed cost", "end", round(level, 6), None, "", "total"))
    table = waterfall_table(rows)
    out = waterfall_top_n(table, limit)
    assert (out["Type"] == "step").sum() <= limit + 1
    # Totals and gaps exactly as they were, in order.
    for kind in ("total", "gap (published figures do not reconcile)"):
        before = table[table["Type"] == kind][["Step", "Change £m"]].reset_index(drop=True)
        after = out[out["Type"] == kind][["Step", "Change £m"]].reset_index(drop=True)
        assert after.equals(before)
    assert _fsum(out["Change £m"]) == pytest.approx(_fsum(table["Change £m"]), abs=1e-5)
    moves = out[out["Type"] != "total"]
    if len(moves):
        original = table[table["Type"] != "total"]["Level after £m"].iloc[-1]
        assert moves["Level after £m"].iloc[-1] == pytest.approx(original, abs=1e-5)
        # Each bar starts where the one before it ended.
        levels = out["Level before £m"].iloc[1:-1].tolist()
        assert levels == out["Level after £m"].iloc[:-2].tolist()


# --- the builders --------------------------------------------------------------------------------


def _builders(ds: Dataset) -> dict[str, tuple[Any, pd.DataFrame]]:
    s = ds.services
    staff = staffing_frame(s, total_row=True)
    return {
        "saving_by_service_bar": (saving_by_service_bar, ranked_savings_frame(s)),
        "staffing_now_after": (staffing_now_after, staff),
        "staffing_reductions": (staffing_reductions, staff),
        "headcount_bar": (headcount_bar, headcount_frame(s)),
        "waterfall_service": (waterfall, waterfall_view(ds, "service")),
        "waterfall_stream": (waterfall, waterfall_view(ds, "stream")),
    }


@pytest.mark.parametrize(
    "name",
    [
        "saving_by_service_bar",
        "staffing_now_after",
        "staffing_reductions",
        "headcount_bar",
        "waterfall_service",
        "waterfall_stream",
    ],
)
def test_real_data_is_never_combined(dataset: Dataset, name: str) -> None:
    builder, frame = _builders(dataset)[name]
    fig = builder(frame)
    assert fig.to_json() == builder(frame, limit=10_000).to_json()
    assert not any("(combined)" in str(y) for trace in fig.data for y in trace.y)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_dataset(make_dataset(Path(tmp_path_factory.mktemp("x100")) / "d", 100))


def _bars(fig: go.Figure, name: str) -> go.Bar:
    return next(t for t in fig.data if t.name == name)


def _marks_bounded(fig: go.Figure, limit: int = MAX_CATEGORIES) -> None:
    for trace in fig.data:
        assert len(trace.y) <= limit + 1, trace.name


def _combined_label(fig: go.Figure, n: int) -> None:
    label = other_label(n)
    assert label in fig.layout.yaxis.categoryarray
    # The combined bar is the last one (bottom of the chart), and its hover says what it holds.
    assert fig.layout.yaxis.categoryarray[0] == label
    bar = fig.data[0]
    if bar.customdata is not None:
        assert f"{n} services" in bar.customdata[-1] and "data table" in bar.customdata[-1]


def test_big_dataset_has_many_services(big: Dataset) -> None:
    assert len(big.services) == 900


def test_saving_by_service_bar_at_100x(big: Dataset) -> None:
    frame = ranked_savings_frame(big.services)
    copy = frame.copy()
    fig = saving_by_service_bar(frame)
    assert frame.equals(copy)  # the page's table keeps every row
    _marks_bounded(fig)
    _combined_label(fig, 900 - MAX_CATEGORIES)
    bar = fig.data[0]
    assert math.fsum(bar.x) == pytest.approx(_fsum(frame["Saving £m"]), abs=1e-6)
    # The kept bars are the largest, largest first, as the chart ranks them.
    assert list(bar.x[:-1]) == sorted(bar.x[:-1], reverse=True)
    assert min(bar.x[:-1]) >= frame["Saving £m"].iloc[MAX_CATEGORIES:].max()


def test_waterfall_by_service_at_100x(big: Dataset) -> None:
    table = waterfall_view(big, "service")
    copy = table.copy()
    for zoom in (False, True):
        fig = waterfall(table, zoom=zoom)
        assert table.equals(copy)
        steps = _bars(fig, "Saving")
        gaps = _bars(fig, "Gap: published figures do not reconcile")
        totals = _bars(fig, "Total (current budget, proposed cost)")
        assert len(steps.y) == MAX_CATEGORIES + 1
        assert steps.y[-1] == wrap_label(other_label(900 - MAX_CATEGORIES), 28)
        assert "combined" in steps.hovertext[-1]
        # Savings step down by as much in all as before; gaps and totals are drawn as they are.
        saving = -_fsum(table[table["Type"] == "step"]["Change £m"])
        assert math.fsum(steps.x) == pytest.approx(saving, abs=1e-6)
        table_gaps = table[table["colour_key"] == "gap"]
        assert len(gaps.y) == len(table_gaps)
        assert list(gaps.text) == [waterfall_label(r) for _, r in table_gaps.iterrows()]
        assert list(totals.x) == [table["Level after £m"].iloc[0], table["Level after £m"].iloc[-1]]
        # The last gap still ends at the level it ended at before.
        last = table.iloc[-2]
        ends = {round(gaps.base[-1], 6), round(gaps.base[-1] + gaps.x[-1], 6)}
        assert round(last["Level after £m"], 6) in ends


def test_waterfall_by_stream_at_100x_keeps_every_gap(big: Dataset) -> None:
    table = waterfall_view(big, "stream")
    fig = waterfall(table)
    # Four stream steps: nothing to combine; gaps are never combined.
    assert len(_bars(fig, "Saving").y) == len(table[table["Type"] == "step"])
    gaps = _bars(fig, "Gap: published figures do not reconcile")
    assert len(gaps.y) == (table["colour_key"] == "gap").sum()


def test_staffing_now_after_at_100x(big: Dataset) -> None:
    staff = staffing_frame(big.services, total_row=True)
    copy = staff.copy()
    fig = staffing_now_after(staff)
    assert staff.equals(copy)
    _marks_bounded(fig)
    _combined_label(fig, 900 - MAX_CATEGORIES)
    rows = staff[staff["service_id"] != ""]
    now, after = fig.data
    assert math.fsum(now.x) == pytest.approx(_fsum(rows["FTE now"]), abs=1e-6)
    assert math.fsum(after.x) == pytest.approx(_fsum(rows["FTE after"]), abs=1e-6)
    # Some of the combined services' FTE after is derived: the combined label says so.
    assert after.text[-1].endswith("(partly derived)")
    assert min(now.x[:-1]) >= sorted(rows["FTE now"], reverse=True)[MAX_CATEGORIES]


def test_staffing_reductions_at_100x(big: Dataset) -> None:
    staff = staffing_frame(big.services, total_row=True)
    fig = staffing_reductions(staff)
    _marks_bounded(fig)
    _combined_label(fig, 900 - MAX_CATEGORIES)
    rows = staff[staff["service_id"] != ""]
    for column, _, word in REDUCTION_PARTS:
        bar = _bars(fig, f"Reduction: {word}")
        assert math.fsum(bar.x) == pytest.approx(_fsum(rows[column]), abs=1e-6)
        assert "combined" in bar.customdata[-1]
    labels = fig.data[-1]
    assert math.fsum(labels.x) == pytest.approx(_fsum(rows[REDUCTIONS].stack()), abs=1e-6)


def test_headcount_bar_at_100x(big: Dataset) -> None:
    heads = headcount_frame(big.services)
    fig = headcount_bar(heads)
    _marks_bounded(fig)
    _combined_label(fig, 900 - MAX_CATEGORIES)
    people = _bars(fig, "Headcount (people employed)")
    casual = _bars(fig, "Casual staff (not in headcount)")
    assert math.fsum(people.x) == pytest.approx(_fsum(heads["Headcount"]), abs=1e-6)
    assert math.fsum(casual.x) == pytest.approx(_fsum(heads["Casual staff (headcount)"]), abs=1e-6)


@pytest.mark.parametrize("limit", [1, 5, 40])
def test_builders_respect_the_limit(big: Dataset, limit: int) -> None:
    for name, (builder, frame) in _builders(big).items():
        fig = builder(frame, limit=limit)
        if name.startswith("waterfall"):
            assert len(_bars(fig, "Saving").y) <= max(limit + 1, 4), name
        else:
            _marks_bounded(fig, limit)
