"""The buy-back what-if model (redesign.buyback.model), its URL/YAML round-trip (redesign.buyback.scenario_io)
and its CLI: hand-worked values, properties (hypothesis) and hostile input."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from redesign import DataError, load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.compare import output_rows
from redesign.buyback.model import MAX_LEVEL, BuybackModel, Scenario, groups_frame
from tests.support.paths import ROOT as REPO_ROOT

GROUPS = ("autism_teaching", "autism_hlta", "behaviour_and_other")
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def model() -> BuybackModel:
    return BuybackModel(load_dataset())


# The model is immutable after construction; hypothesis strategies need it outside a fixture.
MODEL = BuybackModel(load_dataset())


def approx(expected: float) -> object:
    """The model rounds its outputs to 6 decimals (£1 in £m columns): compare to that."""
    return pytest.approx(expected, abs=1e-6)


def levels(autism: float, hlta: float, behaviour: float) -> dict[str, float]:
    return {"autism_teaching": autism, "autism_hlta": hlta, "behaviour_and_other": behaviour}


# --- the data the model binds -----------------------------------------------------------------


def test_model_binds_the_reports_figures(model: BuybackModel) -> None:
    assert model.group_ids == GROUPS
    # 9.2 and 4.13 FTE are named in the report; the rest of the 33.32 FTE pool is derived.
    assert model.at_risk_fte == {
        "autism_teaching": 9.2,
        "autism_hlta": 4.13,
        "behaviour_and_other": 19.99,
    }
    assert model.pool_fte == 33.32
    assert model.confirmed_fte == 22.83
    assert model.service_fte_now == 109.34
    assert (model.current_budget_m, model.proposed_cost_m, model.proposed_saving_m) == (
        7.23,
        5.98,
        1.25,
    )
    assert model.traded_share_now_pct == 22.0
    assert model.default_scenario().levels == dict.fromkeys(GROUPS, 1.0)


# --- hand-worked values -----------------------------------------------------------------------


def test_sixty_percent_autism_forty_percent_behaviour(model: BuybackModel) -> None:
    """The issue's question, worked by hand with the default assumptions.

    Kept: 9.2×0.6 = 5.52, 4.13×0.6 = 2.478, 19.99×0.4 = 7.996 → 15.994 FTE; redundant 17.326 FTE.
    Direct cost: 5.52×£50,000 + 2.478×£28,000 + 7.996×£38,000 = £649,232; income ×1.15 = £746,616.80.
    Against the proposal (100% kept): cost change = −3.68×50,000 − 1.652×28,000 − 11.994×38,000
    = −£686,028, so service cost £5.98m − £0.686028m = £5.293972m; the council loses the 15% margin
    on that: saving £1.25m − £686,028×0.15 = £1.25m − £0.1029042m = £1.1470958m.
    """
    r = model.evaluate(Scenario(levels(0.6, 0.6, 0.4)))
    by_id = {o.group_id: o for o in r.groups}
    assert by_id["autism_teaching"].retained_fte == approx(5.52)
    assert by_id["autism_teaching"].redundant_fte == approx(3.68)
    assert by_id["autism_hlta"].retained_fte == approx(2.478)
    assert by_id["autism_hlta"].redundant_fte == approx(1.652)
    assert by_id["behaviour_and_other"].retained_fte == approx(7.996)
    assert by_id["behaviour_and_other"].redundant_fte == approx(11.994)
    assert r.retained_fte == approx(15.994)
    assert r.redundant_fte == approx(17.326)
    assert r.expansion_fte == 0
    assert r.service_fte_after == approx(69.184)  # 109.34 − 22.83 − 33.32 + 15.994
    assert by_id["autism_teaching"].direct_cost_gbp == approx(276_000)
    assert by_id["autism_hlta"].direct_cost_gbp == approx(69_384)
    assert by_id["behaviour_and_other"].direct_cost_gbp == approx(303_848)
    assert r.traded_income_m == approx(0.7466168)
    assert r.service_cost_m == approx(5.293972)
    assert r.traded_share_pct == pytest.approx(100 * 0.7466168 / 5.293972, abs=1e-4)
    assert r.saving_change_m == approx(-0.1029042)
    assert r.saving_m == approx(1.1470958)
    assert r.redundancy_cost_m == approx(0.34652)  # 17.326 × £20,000
    assert r.confirmed_redundancy_cost_m == approx(0.4566)  # 22.83 × £20,000
    # Net cost per group: direct + fixed − income = direct × (1 − 1.15) + fixed.
    assert by_id["autism_teaching"].net_cost_gbp == approx(276_000 * -0.15 + 30_000)
    assert r.groups_below_min_viable == ()


def test_zero_buyback_makes_the_whole_pool_redundant(model: BuybackModel) -> None:
    r = model.evaluate(model.uniform(0.0))
    assert r.retained_fte == 0
    assert r.redundant_fte == approx(33.32)
    assert r.service_fte_after == approx(53.19)  # 109.34 − 22.83 − 33.32
    assert r.traded_income_m == 0
    assert r.traded_share_pct == 0
    # Full direct cost of the pool: 9.2×50,000 + 4.13×28,000 + 19.99×38,000 = £1,335,260.
    assert r.service_cost_m == approx(5.98 - 1.33526)
    assert r.saving_m == approx(1.25 - 1.33526 * 0.15)
    assert r.redundancy_cost_m == approx(33.32 * 20_000 / 1e6)
    assert all(o.closed and not o.below_min_viable for o in r.groups)


def test_full_buyback_is_the_proposal(model: BuybackModel) -> None:
    r = model.evaluate(model.uniform(1.0))
    assert r == model.evaluate(model.default_scenario())
    assert r.retained_fte == approx(33.32)
    assert r.redundant_fte == 0
    assert r.service_fte_after == approx(86.51)  # 109.34 − 22.83
    assert r.service_cost_m == approx(5.98)
    assert r.saving_m == approx(1.25)
    assert r.saving_change_m == 0
    assert r.redundancy_cost_m == 0
    assert r.traded_income_m == approx(1.335260 * 1.15)
    assert r.traded_share_pct == pytest.approx(100 * 1.535549 / 5.98, abs=1e-4)


def test_above_full_buyback_is_expansion(model: BuybackModel) -> None:
    r = model.evaluate(model.uniform(1.5))
    assert r.redundant_fte == 0
    assert r.retained_fte == approx(49.98)
    assert r.expansion_fte == approx(16.66)
    assert r.service_fte_after == approx(103.17)
    assert r.service_cost_m == approx(5.98 + 0.66763)
    assert r.saving_m == approx(1.25 + 0.66763 * 0.15)
    assert r.saving_change_m > 0


def test_break_even_levels_by_hand(model: BuybackModel) -> None:
    """L* = F / (A·c·(r − 1)): the level where income covers direct plus fixed cost."""
    r = model.evaluate(model.default_scenario())
    be = {o.group_id: o.break_even_level for o in r.groups}
    assert be["autism_teaching"] == pytest.approx(30_000 / (9.2 * 50_000 * 0.15), abs=1e-6)
    assert be["autism_hlta"] == pytest.approx(10_000 / (4.13 * 28_000 * 0.15), abs=1e-6)
    assert be["behaviour_and_other"] == pytest.approx(40_000 / (19.99 * 38_000 * 0.15), abs=1e-6)


def test_break_even_never_when_the_charge_does_not_cover_cost(model: BuybackModel) -> None:
    for charge in (50, 99, 100):
        r = model.evaluate(Scenario(levels(1, 1, 1), {"traded_charge_pct": charge}))
        assert all(o.break_even_level is None for o in r.groups), charge
    # No fixed cost and a charge at cost: breaks even at any level.
    no_fixed = {f"fixed_cost.{g}": 0 for g in GROUPS} | {"traded_charge_pct": 100}
    r = model.evaluate(Scenario(levels(1, 1, 1), no_fixed))
    assert all(o.break_even_level == 0 for o in r.groups)


def test_minimum_viable_size(model: BuybackModel) -> None:
    # 40% of 4.13 FTE = 1.652 FTE < 2 FTE; 40% of 9.2 = 3.68 ≥ 3.
    r = model.evaluate(Scenario(levels(0.4, 0.4, 0.4)))
    flags = {o.group_id: o.below_min_viable for o in r.groups}
    assert flags == {"autism_teaching": False, "autism_hlta": True, "behaviour_and_other": False}
    assert r.groups_below_min_viable == ("Autism HLTA posts",)
    # Exactly at the minimum is viable: 3 / 9.2 of the autism teaching posts.
    r = model.evaluate(Scenario(levels(3 / 9.2, 1, 1)))
    assert not r.groups[0].below_min_viable


def test_assumption_overrides_are_clamped_and_unknown_ignored(model: BuybackModel) -> None:
    s = Scenario(levels(1, 1, 1), {"traded_charge_pct": 10_000, "no_such": 5})
    values = model.assumption_values(s)
    assert values["traded_charge_pct"] == 200
    assert "no_such" not in values


def test_proposal_level_assumption_moves_the_baseline(model: BuybackModel) -> None:
    """If the £5.98m assumed 80% buy-back, then 80% reproduces the published figures."""
    s = Scenario(levels(0.8, 0.8, 0.8), {"proposal_buyback_pct": 80})
    r = model.evaluate(s)
    assert r.service_cost_m == approx(5.98)
    assert r.saving_m == approx(1.25)


@pytest.mark.parametrize("bad", [-0.01, 1.51, math.nan, math.inf, "0.5", None, True])
def test_evaluate_refuses_invalid_levels(model: BuybackModel, bad: object) -> None:
    with pytest.raises(ValueError):
        model.evaluate(Scenario({"autism_teaching": bad}))  # type: ignore[dict-item]


def test_curve_spans_zero_to_150_percent(model: BuybackModel) -> None:
    curve = model.curve(model.default_scenario())
    assert list(curve["Buy-back %"]) == list(range(0, 151, 5))
    at = curve.set_index("Buy-back %")
    assert at.loc[100, "Saving £m"] == approx(1.25)
    assert at.loc[0, "FTE kept (at-risk posts)"] == 0
    assert at.loc[60, "Traded income £m"] == pytest.approx(
        model.evaluate(model.uniform(0.6)).traded_income_m
    )


def test_frames(model: BuybackModel) -> None:
    r = model.evaluate(Scenario(levels(0.6, 0.6, 0.4)))
    g = groups_frame(r)
    assert list(g["Buy-back %"]) == [60.0, 60.0, 40.0]
    assert g["Redundant FTE"].sum() == approx(17.326)
    rows = {row.label: row for row in output_rows([model.evaluate(model.default_scenario()), r])}
    proposal_saving, saving = rows["Saving £m"].values
    assert proposal_saving == approx(1.25)
    assert saving == approx(1.1470958)


# --- properties -------------------------------------------------------------------------------

grid_level = st.integers(0, int(MAX_LEVEL * 1000)).map(lambda k: k / 1000)
up_to_full = st.integers(0, 1000).map(lambda k: k / 1000)


@st.composite
def assumption_overrides(draw: st.DrawFn) -> dict[str, float]:
    chosen = draw(st.sets(st.sampled_from(sorted(MODEL.assumptions))))
    out = {}
    for aid in sorted(chosen):
        spec = MODEL.assumptions[aid]
        out[aid] = draw(st.floats(spec.min, spec.max, allow_nan=False, allow_infinity=False))
    return out


@st.composite
def scenarios(draw: st.DrawFn, level: st.SearchStrategy[float] = grid_level) -> Scenario:
    lv = {gid: draw(level) for gid in GROUPS}
    name = draw(st.text(max_size=80))
    return sio.make_scenario(MODEL, lv, draw(assumption_overrides()), name)


@PROPERTY_SETTINGS
@given(scenarios(level=up_to_full))
def test_retained_plus_redundant_is_the_pool(s: Scenario) -> None:
    r = MODEL.evaluate(s)
    for o in r.groups:
        assert o.retained_fte + o.redundant_fte == pytest.approx(o.at_risk_fte, abs=1e-6)
        assert o.expansion_fte == 0
    assert r.retained_fte + r.redundant_fte == pytest.approx(33.32, abs=1e-6)
    assert r.at_risk_fte == approx(33.32)


@PROPERTY_SETTINGS
@given(scenarios(), st.sampled_from(GROUPS), grid_level, grid_level)
def test_outputs_move_monotonically_with_buyback(s: Scenario, gid: str, a: float, b: float) -> None:
    lo, hi = sorted((a, b))
    r_lo = MODEL.evaluate(Scenario(s.levels | {gid: lo}, s.assumptions))
    r_hi = MODEL.evaluate(Scenario(s.levels | {gid: hi}, s.assumptions))
    assert r_hi.retained_fte >= r_lo.retained_fte
    assert r_hi.service_fte_after >= r_lo.service_fte_after
    assert r_hi.traded_income_m >= r_lo.traded_income_m
    assert r_hi.service_cost_m >= r_lo.service_cost_m
    assert r_hi.redundant_fte <= r_lo.redundant_fte
    assert r_hi.redundancy_cost_m <= r_lo.redundancy_cost_m
    charge = MODEL.assumption_values(s)["traded_charge_pct"]
    if charge > 100:  # each kept FTE earns a margin: more buy-back, more saving
        assert r_hi.saving_m >= r_lo.saving_m
    elif charge < 100:  # each kept FTE costs the council: more buy-back, less saving
        assert r_hi.saving_m <= r_lo.saving_m
    else:
        assert r_hi.saving_m == r_lo.saving_m


@PROPERTY_SETTINGS
@given(assumption_overrides())
def test_ends_for_any_assumptions(overrides: dict[str, float]) -> None:
    s = Scenario(levels(1, 1, 1), overrides)
    zero = MODEL.evaluate(MODEL.uniform(0.0, s))
    assert zero.retained_fte == 0
    assert zero.redundant_fte == approx(33.32)
    assert zero.service_fte_after == approx(53.19)
    assert zero.traded_income_m == 0
    full = MODEL.evaluate(MODEL.uniform(1.0, s))
    assert full.redundant_fte == 0
    assert full.service_fte_after == approx(86.51)
    at_proposal = MODEL.evaluate(
        MODEL.uniform(MODEL.assumption_values(s)["proposal_buyback_pct"] / 100, s)
    )
    assert at_proposal.service_cost_m == pytest.approx(5.98, abs=1e-6)
    assert at_proposal.saving_m == pytest.approx(1.25, abs=1e-6)


@PROPERTY_SETTINGS
@given(assumption_overrides())
def test_break_even_level_balances_income_and_cost(overrides: dict[str, float]) -> None:
    base = MODEL.evaluate(Scenario(levels(1, 1, 1), overrides))
    for o in base.groups:
        if o.break_even_level is None:
            # Never: at every level income stays below direct plus fixed cost.
            for level in (0.0, 0.5, 1.0, 1.5):
                at = MODEL.evaluate(Scenario(levels(1, 1, 1) | {o.group_id: level}, overrides))
                g = next(x for x in at.groups if x.group_id == o.group_id)
                assert g.traded_income_gbp < g.direct_cost_gbp + g.fixed_cost_gbp + 0.01
            continue
        level = o.break_even_level
        assume(level <= MAX_LEVEL)
        at = MODEL.evaluate(Scenario(levels(1, 1, 1) | {o.group_id: level}, overrides))
        g = next(x for x in at.groups if x.group_id == o.group_id)
        # Rounded to 1e-6 of a level and to pennies: allow a pound of slack.
        assert g.traded_income_gbp == pytest.approx(g.direct_cost_gbp + g.fixed_cost_gbp, abs=1)
        assert g.net_cost_gbp == pytest.approx(0, abs=1)


# --- URL and YAML round trip ------------------------------------------------------------------


def test_long_name_round_trips(model: BuybackModel) -> None:
    s = sio.make_scenario(model, {}, {}, "a" * 59 + " b")
    assert sio.from_query(model, sio.to_query(model, s)) == (s, [])
    assert sio.from_yaml(model, sio.to_yaml(model, s).encode()) == s


@PROPERTY_SETTINGS
@given(scenarios())
def test_query_round_trip_is_exact(s: Scenario) -> None:
    params = sio.to_query(MODEL, s)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in params.items())
    back, notices = sio.from_query(MODEL, params)
    assert notices == []
    assert back == s
    assert sio.to_query(MODEL, back) == params


@PROPERTY_SETTINGS
@given(scenarios())
def test_yaml_round_trip_is_exact(s: Scenario) -> None:
    text = sio.to_yaml(MODEL, s)
    raw = text.encode("utf-8")
    assert len(raw) < sio.MAX_SCENARIO_BYTES
    back = sio.from_yaml(MODEL, raw, "my-scenario.yaml")
    assert back == s
    assert sio.to_yaml(MODEL, back) == text


@PROPERTY_SETTINGS
@given(st.text(max_size=200))
@example("a" * 59 + " b")  # shortening to 60 characters must not leave a trailing space
@example("\x85" + "a" * 70)  # C1 control character
@example("x\ud800y")  # lone surrogate: not UTF-8
def test_clean_name_is_idempotent(name: str) -> None:
    once = sio.clean_name(name)
    assert sio.clean_name(once) == once
    assert len(once) <= sio.MAX_NAME_CHARS
    once.encode("utf-8")  # never a lone surrogate


def test_query_with_all_then_one_group(model: BuybackModel) -> None:
    s, notices = sio.from_query(model, {"bb_behaviour_and_other": "40", "all": "60"})
    assert notices == []
    assert s.levels == levels(0.6, 0.6, 0.4)


def test_query_ignores_other_page_keys(model: BuybackModel) -> None:
    s, notices = sio.from_query(model, {"service": "sen_support", "tab": "x"})
    assert notices == []
    assert s == model.default_scenario()


# --- hostile query strings --------------------------------------------------------------------

HOSTILE_VALUES = [
    "abc",
    "",
    " ",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "1e309",
    "1e308",
    "-5",
    "-1e308",
    "9" * 30,
    "0x10",
    "60%%",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[x](javascript:alert(1))",
    "x" * 10_000,
    "\x00\x1b[31m",
    "٣٠",  # Arabic-Indic digits
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
@pytest.mark.parametrize(
    "key", ["bb_autism_teaching", "all", "a_traded_charge_pct", "a_cost_per_fte.autism_hlta"]
)
def test_hostile_query_values_never_raise(model: BuybackModel, key: str, value: str) -> None:
    s, notices = sio.from_query(model, {key: value})
    assert s.levels.keys() == set(GROUPS)
    assert all(0 <= v <= MAX_LEVEL for v in s.levels.values())
    for aid, v in s.assumptions.items():
        spec = model.assumptions[aid]
        assert spec.min <= v <= spec.max
    # Anything that is not a plain in-range number gets a notice.
    parsed = sio._parse_number(value)
    if parsed is None:
        assert notices, value
    for notice in notices:
        assert len(notice) < 200  # quoted values are shortened
        assert "\x00" not in notice and "\x1b" not in notice
    # The model still evaluates whatever came back.
    model.evaluate(s)


@pytest.mark.parametrize(
    ("params", "expected_fragment"),
    [
        ({"bb_autism_teaching": "200"}, "used 150%"),
        ({"bb_autism_teaching": "-5"}, "used 0%"),
        ({"a_traded_charge_pct": "1000"}, "used 200"),
        ({"bb_autism_teaching": ["10", "20"]}, "given 2 times"),
        ({"bb_autism_teaching": []}, "given 0 times"),
        ({"bb_no_such_group": "10"}, "not a buy-back group"),
        ({"a_no_such": "10"}, "not an assumption"),
        ({"a_traded_charge_pct": "cheap"}, "not a number"),
        ({"name": "n" * 500}, "shortened"),
        ({"bb_<script>": "1"}, "not a buy-back group"),
    ],
)
def test_hostile_query_notices(
    model: BuybackModel, params: dict[str, str | list[str]], expected_fragment: str
) -> None:
    s, notices = sio.from_query(model, params)
    assert any(expected_fragment in n for n in notices), notices
    model.evaluate(s)


def test_clamped_query_values(model: BuybackModel) -> None:
    s, _ = sio.from_query(model, {"bb_autism_teaching": "200", "a_traded_charge_pct": "1000"})
    assert s.levels["autism_teaching"] == 1.5
    assert s.assumptions == {"traded_charge_pct": 200.0}


@PROPERTY_SETTINGS
@given(
    st.dictionaries(
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(["all", "name", "bb_autism_teaching", "a_traded_charge_pct"]),
        ),
        st.one_of(st.text(max_size=50), st.lists(st.text(max_size=10), max_size=3)),
        max_size=8,
    )
)
def test_arbitrary_query_never_raises(params: dict[str, str | list[str]]) -> None:
    s, notices = sio.from_query(MODEL, params)
    assert isinstance(notices, list)
    assert sio.from_query(MODEL, sio.to_query(MODEL, s)) == (s, [])
    MODEL.evaluate(s)


# --- hostile YAML uploads ---------------------------------------------------------------------

GOOD_YAML = (
    "format: redesign-explorer-scenario\nversion: 1\nname: Sixty forty\n"
    "buyback_pct:\n  autism_teaching: 60\n  autism_hlta: 60\n  behaviour_and_other: 40\n"
    "assumptions:\n  traded_charge_pct: 120\n"
)


def test_good_yaml(model: BuybackModel) -> None:
    s = sio.from_yaml(model, GOOD_YAML.encode(), "sixty.yaml")
    assert s == Scenario(levels(0.6, 0.6, 0.4), {"traded_charge_pct": 120.0}, "Sixty forty")


def _problems(model: BuybackModel, raw: bytes, label: str = "upload.yaml") -> list[str]:
    with pytest.raises(DataError) as info:
        sio.from_yaml(model, raw, label)
    problems = info.value.problems
    assert problems
    assert all(p.file == label for p in problems)
    return [f"{p.field}: {p.message}" for p in problems]


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (GOOD_YAML.replace("60\n  autism_hlta", "'sixty'\n  autism_hlta"), "autism_teaching"),
        (GOOD_YAML.replace("autism_teaching: 60", "autism_teaching: true"), "autism_teaching"),
        (GOOD_YAML.replace("autism_teaching: 60", "autism_teaching: .nan"), "autism_teaching"),
        (GOOD_YAML.replace("autism_teaching: 60", "autism_teaching: .inf"), "autism_teaching"),
        (GOOD_YAML.replace("autism_teaching: 60", "autism_teaching: 151"), "autism_teaching"),
        (GOOD_YAML.replace("autism_teaching: 60", "autism_teaching: -1"), "autism_teaching"),
        (GOOD_YAML.replace("autism_teaching: 60", "autism_teaching: [60]"), "autism_teaching"),
        (GOOD_YAML.replace("  autism_teaching: 60\n", ""), "buyback_pct.autism_teaching"),
        (GOOD_YAML.replace("autism_teaching", "dyslexia"), "buyback_pct.dyslexia"),
        (GOOD_YAML.replace("traded_charge_pct: 120", "traded_charge_pct: 999"), "traded_charge"),
        (GOOD_YAML.replace("traded_charge_pct: 120", "traded_charge_pct: x"), "traded_charge"),
        (GOOD_YAML.replace("traded_charge_pct: 120", "no_such: 1"), "assumptions.no_such"),
        (GOOD_YAML.replace("name: Sixty forty", "name: [1, 2]"), "name"),
        (GOOD_YAML.replace("name: Sixty forty", "name: " + "n" * 61), "name"),
        (GOOD_YAML.replace("version: 1", "version: 2"), "version"),
        (GOOD_YAML.replace("version: 1", "version: true"), "version"),
        (GOOD_YAML.replace("version: 1\n", ""), "version"),
        (GOOD_YAML.replace("format: redesign-explorer-scenario", "format: other"), "format"),
        (GOOD_YAML + "extra: 1\n", "extra"),
        ("format: redesign-explorer-scenario\nversion: 1\n", "buyback_pct"),
        (GOOD_YAML.replace("buyback_pct:\n", "buyback_pct: {}\nx:\n"), "buyback_pct"),
        (GOOD_YAML.replace("assumptions:\n  traded_charge_pct: 120\n", "assumptions: 5\n"), "ass"),
    ],
)
def test_bad_yaml_fields_are_named(model: BuybackModel, raw: str, field: str) -> None:
    problems = _problems(model, raw.encode())
    assert any(field in p for p in problems), problems


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"", "empty"),
        (b"   \n# a comment only\n", "no data"),
        (b"- 1\n- 2\n", "mapping"),
        (b"just text", "mapping"),
        (b"a: &x 1\nb: *x\n", "aliases"),
        (b"- &x a\n- *x\n", "aliases"),
        (GOOD_YAML.encode().replace(b"name: Sixty forty", b"name: *x"), "aliases"),
        # A "billion laughs" alias bomb is refused at the first alias, before any expansion.
        (b"a: &a [x,x]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n", "aliases"),
        (b"\xff\xfe\x00x", "UTF-8"),
        ("name: café".encode("latin-1"), "UTF-8"),
        (b"a: [" + b"[" * 5_000 + b"]" * 5_000 + b"]", "deep"),
        (b"a: {" * 3_000 + b"}" * 3_000, "deep"),
        (b"x: " + b"y" * 70_000, "limit"),
        (b"a: [unclosed\n", "invalid YAML"),
        (b"a: 2016-13-45\n", "invalid YAML value"),
        (b"version: " + b"1" * 5_000 + b"\n", "invalid YAML value"),
        (b"a: !!float x\n", "invalid YAML value"),
        (b"a: !!int x\n", "invalid YAML value"),
        (b"a: !!timestamp x\n", "invalid YAML value"),
        (b"? [a]\n: 1\n", "unhashable"),
    ],
)
def test_hostile_yaml_is_refused(model: BuybackModel, raw: bytes, fragment: str) -> None:
    problems = _problems(model, raw)
    assert any(fragment in p for p in problems), problems


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
        "!!python/object:pathlib.Path",
        "!!python/module:os",
    ],
)
def test_python_tags_never_execute(model: BuybackModel, tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    raw = f'{GOOD_YAML}name: {tag} ["touch {marker}"]\n'.encode()
    problems = _problems(model, raw)
    assert any("constructor" in p or "tag" in p for p in problems), problems
    assert not marker.exists()


def test_yaml_error_names_the_uploaded_file(model: BuybackModel) -> None:
    with pytest.raises(DataError) as info:
        sio.from_yaml(model, b"buyback_pct: 5\n", "Officer's scenario.yml")
    text = str(info.value)
    assert "Officer's scenario.yml" in text
    assert "buyback_pct" in text


# --- the CLI ----------------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "redesign", "scenario", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_uniform_json() -> None:
    proc = run_cli("--buyback", "0.6", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["levels"] == dict.fromkeys(GROUPS, 0.6)
    assert out["retained_fte"] == approx(0.6 * 33.32)
    assert out["redundant_fte"] == approx(0.4 * 33.32)
    assert out["saving_m"] == approx(1.25 - 0.4 * 1.33526 * 0.15)
    assert out["assumptions"]["traded_charge_pct"] == 115


def test_cli_per_group_json_answers_the_issue() -> None:
    proc = run_cli(
        "--buyback",
        "60%",
        "--group",
        "autism_teaching=0.6",
        "--group",
        "behaviour_and_other=0.4",
        "--json",
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["levels"] == levels(0.6, 0.6, 0.4)
    assert out["redundant_fte"] == approx(17.326)
    assert out["traded_income_m"] == approx(0.7466168)
    assert out["saving_m"] == approx(1.1470958)


def test_cli_text() -> None:
    proc = run_cli("--buyback", "0")
    assert proc.returncode == 0, proc.stderr
    assert "Service FTE after: 53.19" in proc.stdout
    assert "Saving: £1.05m against £1.25m proposed" in proc.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("--buyback", "2"),
        ("--buyback", "-0.1"),
        ("--buyback", "nan"),
        ("--buyback", "abc"),
        ("--group", "autism_teaching=abc"),
        ("--group", "autism_teaching=1.6"),
        ("--group", "no_such=0.5"),
        ("--group", "autism_teaching"),
        ("--assume", "traded_charge_pct=1000"),
        ("--assume", "no_such=1"),
        ("--assume", "traded_charge_pct=x"),
    ],
)
def test_cli_bad_values_exit_2(args: tuple[str, ...]) -> None:
    proc = run_cli(*args)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip()
