"""The buy-back panel's spec (redesign.buyback_panel): hand-worked values, the spec's own evaluator
against BuybackModel.evaluate at random levels and assumptions (hypothesis), the charts'
skeletons, and what the browser may send back."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.charts import MAX_FTE_BARS, fte_figure
from redesign.buyback.model import BuybackModel, Scenario
from redesign.buyback.panel import evaluate_spec, levels_from_state, panel_spec, quantize_pct

MODEL = BuybackModel(load_dataset())
GROUPS = MODEL.group_ids
PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def as_dict(result: object) -> dict[str, object]:
    out = dataclasses.asdict(result)  # type: ignore[call-overload]
    # Fields the spec's evaluator does not carry: the page's words come from the data.
    out.pop("groups_below_min_viable")
    out["groups"] = list(out["groups"])
    for group in out["groups"]:
        for name in ("label", "team"):
            group.pop(name)
    return out


def test_spec_is_json_and_carries_the_coefficients() -> None:
    spec = panel_spec(MODEL, MODEL.default_scenario())
    assert json.loads(json.dumps(spec)) == spec
    autism = spec["groups"][0]
    # Hand-checked against data/sen_support_detail.yaml and data/assumptions.yaml.
    assert autism == {
        "id": "autism_teaching",
        "label": "Autism teaching posts",
        "at_risk": 9.2,
        "cost": 50000,
        "fixed": 30000,
        "min_viable": autism["min_viable"],
        "break_even": pytest.approx(30000 / (9.2 * 50000 * 0.15), abs=1e-6),
    }
    assert spec["charge"] == 1.15
    assert spec["proposal_level"] == 1.0
    assert spec["shown"] == list(GROUPS)
    assert spec["curve"]["pct"][0] == 0 and spec["curve"]["pct"][-1] == 150


def test_hand_worked_position() -> None:
    """Autism teaching at 50%, the rest at 100%: 4.6 of its 9.2 FTE go. Each earned 15% more than
    it cost (charge 115%), so the council loses 4.6 × £50,000 × 0.15 = £34,500 of margin: the
    saving is £1.25m − £0.0345m."""
    spec = panel_spec(MODEL, MODEL.default_scenario())
    got = evaluate_spec(
        spec, {"autism_teaching": 0.5, "autism_hlta": 1.0, "behaviour_and_other": 1}
    )
    assert got["redundant_fte"] == 4.6
    assert got["retained_fte"] == pytest.approx(33.32 - 4.6, abs=1e-9)
    assert got["saving_m"] == pytest.approx(1.25 - 4.6 * 50000 * 0.15 / 1e6, abs=1e-9)
    assert got["redundancy_cost_m"] == pytest.approx(4.6 * 20000 / 1e6, abs=1e-9)
    assert got["groups"][0]["traded_income_gbp"] == pytest.approx(4.6 * 50000 * 1.15, abs=0.01)


levels_st = st.integers(min_value=0, max_value=1500).map(lambda n: n / 1000)
assumption_st = st.fixed_dictionaries(
    {},
    optional={
        aid: st.floats(min_value=spec.min, max_value=spec.max, allow_nan=False)
        for aid, spec in MODEL.assumptions.items()
    },
)


@PROPERTY_SETTINGS
@given(st.tuples(levels_st, levels_st, levels_st), assumption_st)
@example((0.0, 0.0, 0.0), {})
@example((1.5, 1.5, 1.5), {})
@example((1.0, 1.0, 1.0), {"traded_charge_pct": 100.0})
@example((0.5, 0.0, 1.5), {"traded_charge_pct": 50.0, "proposal_buyback_pct": 0.0})
def test_spec_reproduces_evaluate_exactly(
    levels: tuple[float, float, float], assumptions: dict[str, float]
) -> None:
    scenario = sio.make_scenario(MODEL, dict(zip(GROUPS, levels, strict=True)), assumptions)
    spec = panel_spec(MODEL, scenario)
    # Through JSON, as the browser receives it: the same doubles, compared exactly.
    spec = json.loads(json.dumps(spec))
    assert evaluate_spec(spec, scenario.levels) == as_dict(MODEL.evaluate(scenario))


def test_break_even_levels_reproduce_evaluate() -> None:
    """At each group's break-even level the spec and evaluate agree (kinks and equalities)."""
    scenario = MODEL.default_scenario()
    spec = panel_spec(MODEL, scenario)
    for g in spec["groups"]:
        level = sio.quantize_level(min(g["break_even"], 1.5))
        s = sio.make_scenario(MODEL, scenario.levels | {g["id"]: level})
        assert evaluate_spec(spec, s.levels) == as_dict(MODEL.evaluate(s))


def test_spec_evaluator_refuses_levels_outside_the_range() -> None:
    spec = panel_spec(MODEL, MODEL.default_scenario())
    with pytest.raises(ValueError, match="outside"):
        evaluate_spec(spec, {"autism_teaching": 1.6})


def test_skeletons_are_the_pages_charts() -> None:
    s = MODEL.default_scenario()
    spec = panel_spec(MODEL, s)
    fte_fig = spec["charts"]["fte"]
    assert [t["name"] for t in fte_fig["data"]] == [
        "Kept (bought back)",
        "Redundant",
        "Expansion (above today's posts)",
    ]
    assert fte_fig["layout"] == fte_figure(MODEL.evaluate(MODEL.uniform(1.5, s)))["layout"]
    # The first group is drawn at the top, so listed last.
    assert spec["charts"]["bars"][-1]["head"] == "<b>Autism teaching posts</b>"
    assert [b["members"] for b in spec["charts"]["bars"]] == [[2], [1], [0]]
    curve = spec["charts"]["curve"]
    assert [a["text"] for a in curve["layout"]["annotations"]][-1] == "Proposal"


def test_bars_past_the_limit_combine_the_smallest_groups() -> None:
    spec = panel_spec(MODEL, MODEL.default_scenario(), max_bars=2)
    bars = spec["charts"]["bars"]
    # Two bars: the largest group (behaviour, 19.99 FTE) and the other two combined, at the top.
    assert [(b["members"], b["combined"]) for b in bars] == [([0, 1], True), ([2], False)]
    assert bars[0]["head"].startswith("<b>Other 2 groups")


def test_shown_groups_keep_data_order() -> None:
    spec = panel_spec(MODEL, MODEL.default_scenario(), shown=["behaviour_and_other", "autism_hlta"])
    assert spec["shown"] == ["autism_hlta", "behaviour_and_other"]


def test_quantize_pct_follows_scenario_io() -> None:
    for value in (0, 0.04, 0.05, 33.33, 60.55, 99.95, 149.96, 150, 200, -5):
        clamped = min(max(value, 0), 150) / 100
        assert quantize_pct(value) == sio.quantize_level(clamped)


def test_levels_from_state() -> None:
    base = {"a": 1.0, "b": 0.5}
    assert levels_from_state(base, {"all": 60, "set": {"b": 40.5}}) == (
        {"a": 0.6, "b": 0.405},
        None,
    )
    assert levels_from_state(base, {"set": {"a": 999}}) == ({"a": 1.5, "b": 0.5}, None)
    assert levels_from_state(base, {}) == (base, None)
    for bad, why in (
        ("x", "not an object"),
        ({"all": "60"}, "'all' is not a number"),
        ({"all": float("nan")}, "'all' is not a number"),
        ({"set": [1]}, "'set' is not an object"),
        ({"set": {"zzz": 1}}, "unknown group 'zzz'"),
        ({"set": {"a": True}}, "not a number"),
    ):
        levels, reason = levels_from_state(base, bad)
        assert levels is None and reason is not None and why in reason


def test_spec_grows_linearly_with_groups() -> None:
    """A spec's size is a constant plus one entry per group (charts capped at MAX_FTE_BARS)."""
    s = Scenario(MODEL.default_scenario().levels)
    spec = panel_spec(MODEL, s)
    assert len(spec["groups"]) == len(GROUPS)
    assert len(spec["charts"]["bars"]) <= MAX_FTE_BARS
