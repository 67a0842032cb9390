"""redesign.buyback_view and redesign.buyback_compare: what the buy-back page shows, with values
worked by hand from the report's figures (at risk: 9.2, 4.13 and 19.99 FTE, 33.32 in all) and the
default assumptions (cost per FTE £50,000 / £28,000 / £38,000, traded charge 115%, redundancy
£20,000 an FTE, proposal at 100%)."""

from __future__ import annotations

import pytest

from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.compare import (
    ComparisonRow,
    Unit,
    comparison_name,
    comparison_rows,
    display_frame,
    numbers_frame,
    output_rows,
    unique_name,
)
from redesign.buyback.model import BuybackModel, Scenario
from redesign.buyback.view import (
    ExactEntry,
    assumption_decimals,
    assumption_sections,
    assumption_value_text,
    at_all_pct,
    clamp_pct,
    enter_all_pct,
    enter_group_pct,
    file_slug,
    level_to_pct,
    overall_pct,
    proposal_pct,
    proposal_scenario,
    proposal_text,
    scenario_query,
    scenario_tiles,
    slider_pct,
    with_group_pct,
)

GROUPS = ("autism_teaching", "autism_hlta", "behaviour_and_other")


@pytest.fixture(scope="module")
def model() -> BuybackModel:
    return BuybackModel(load_dataset())


def at(model: BuybackModel, a: float, b: float, c: float, **assumptions: float) -> Scenario:
    return sio.make_scenario(model, dict(zip(GROUPS, (a, b, c), strict=True)), assumptions)


# --- levels --------------------------------------------------------------------------------------


def test_levels_as_the_controls_show_them() -> None:
    assert level_to_pct(0.6) == 60.0
    assert level_to_pct(0.6049) == 60.5  # the box shows 0.1%
    assert level_to_pct(1.5) == 150.0
    assert slider_pct(60.4) == 60
    assert slider_pct(60.6) == 61


def test_clamping_rule_of_the_exact_box() -> None:
    assert clamp_pct(-5) == 0.0
    assert clamp_pct(0) == 0.0
    assert clamp_pct(72.5) == 72.5
    assert clamp_pct(150) == 150.0
    assert clamp_pct(900) == 150.0


def test_overall_level_is_weighted_by_fte_at_risk(model: BuybackModel) -> None:
    # Kept 9.2×0.6 + 4.13×0.6 + 19.99×0.4 = 15.994 of 33.32 FTE = 48.0%, not the plain mean 53.3%.
    assert overall_pct(model, at(model, 0.6, 0.6, 0.4)) == 48.0
    # 9.2×1 + 4.13×0 + 19.99×0 = 9.2 of 33.32 = 27.61…% → 27.6%.
    assert overall_pct(model, at(model, 1.0, 0.0, 0.0)) == 27.6
    # 4.13 of 33.32 = 12.39…% → 12.4%.
    assert overall_pct(model, at(model, 0.0, 1.0, 0.0)) == 12.4
    assert overall_pct(model, at(model, 1.5, 1.5, 1.5)) == 150.0


def test_group_and_all_levels_are_clamped_and_kept_to_a_tenth(model: BuybackModel) -> None:
    base = at(model, 1.0, 1.0, 1.0)
    assert with_group_pct(model, base, "autism_hlta", 900).levels["autism_hlta"] == 1.5
    assert with_group_pct(model, base, "autism_hlta", -1).levels["autism_hlta"] == 0.0
    assert with_group_pct(model, base, "autism_hlta", 33.36).levels["autism_hlta"] == 0.334
    assert at_all_pct(model, base, 42.04).levels == dict.fromkeys(GROUPS, 0.42)
    assert at_all_pct(model, base, 400).levels == dict.fromkeys(GROUPS, 1.5)


def test_exact_entry_for_one_group(model: BuybackModel) -> None:
    base = at(model, 0.6, 0.6, 0.4)
    # The figure the box shows already: nothing to do.
    assert enter_group_pct(model, base, "autism_teaching", 60.0) == ExactEntry(None, True)
    typed = enter_group_pct(model, base, "autism_teaching", 72.5)
    assert typed.scenario is not None and typed.scenario.levels["autism_teaching"] == 0.725
    assert typed.keep_typed
    clamped = enter_group_pct(model, base, "autism_teaching", 200)
    assert clamped.scenario is not None and clamped.scenario.levels["autism_teaching"] == 1.5
    assert not clamped.keep_typed  # the box must show 150.0, not 200
    rounded = enter_group_pct(model, base, "autism_teaching", 72.55)
    assert rounded.scenario is not None and not rounded.keep_typed


def test_exact_entry_for_all_groups(model: BuybackModel) -> None:
    mixed = at(model, 0.6, 0.6, 0.4)
    # 48.0 is what the all-groups box shows for 60/60/40: typing it changes nothing.
    assert enter_all_pct(model, mixed, 48.0) == ExactEntry(None, True)
    every = enter_all_pct(model, mixed, 100)
    assert every.scenario is not None and every.scenario.levels == dict.fromkeys(GROUPS, 1.0)
    assert every.keep_typed
    too_high = enter_all_pct(model, mixed, 151)
    assert too_high.scenario is not None and not too_high.keep_typed


def test_proposal_follows_its_assumption(model: BuybackModel) -> None:
    base = at(model, 0.6, 0.6, 0.4, proposal_buyback_pct=80)
    assert proposal_pct(model, base) == 80
    assert proposal_text(model, base) == "80%"
    proposal = proposal_scenario(model, base)
    assert proposal.levels == dict.fromkeys(GROUPS, 0.8)
    assert proposal.assumptions == {"proposal_buyback_pct": 80.0}


def test_scenario_query_and_file_slug(model: BuybackModel) -> None:
    s = sio.make_scenario(model, dict.fromkeys(GROUPS, 0.6), {}, "Autism 60% & more")
    assert scenario_query(model, s) == (
        "bb_autism_teaching=60&bb_autism_hlta=60&bb_behaviour_and_other=60"
        "&name=Autism%2060%25%20%26%20more"
    )
    assert file_slug("Autism 60% & more") == "autism-60-more"
    assert file_slug("Écoles ×") == "coles"
    assert file_slug("!!!") == "buyback-scenario"
    assert len(file_slug("a" * 80)) == 50


# --- tiles ---------------------------------------------------------------------------------------


def test_tiles_against_the_proposal(model: BuybackModel) -> None:
    """60/60/40 against 100% (worked in tests/unit/test_scenario.py): 17.326 FTE more redundant and
    15.994 of 33.32 kept; the saving £1.25m − £0.1029042m; redundancy 17.326 × £20,000."""
    s = at(model, 0.6, 0.6, 0.4)
    result = model.evaluate(s)
    proposal = model.evaluate(proposal_scenario(model, s))
    tiles = {t.label: t for t in scenario_tiles(result, proposal)}
    redundant = tiles["At-risk FTE redundant"]
    assert (redundant.value, redundant.delta) == ("17.33", "+17.33 FTE")
    assert redundant.change == pytest.approx(17.326)
    kept = tiles["At-risk FTE kept (of 33.32)"]
    assert (kept.value, kept.delta) == ("15.99", "−17.33 FTE")
    assert kept.change == pytest.approx(-17.326)
    saving = tiles["Saving (£1.25m proposed)"]
    assert (saving.value, saving.delta) == ("£1.15m", "−£0.10m")
    assert saving.change == pytest.approx(-0.1029042, abs=1e-6)
    cost = tiles["Redundancy cost (one-off)"]
    assert (cost.value, cost.delta) == ("£0.35m", "+£0.35m")
    # Traded income: £746,616.80 against 1,335,260 × 1.15 = £1,535,549 → −£0.79m.
    income = tiles["Traded income needed"]
    assert (income.value, income.delta) == ("£0.75m", "−£0.79m")
    # Service FTE: 109.34 − 22.83 − 33.32 + 15.994 = 69.184 against 86.51.
    service = tiles["Service FTE (109.34 now)"]
    assert (service.value, service.delta) == ("69.18", "−17.33 FTE")
    # Traded share: 0.7466168 / 5.293972 = 14.10% against 1.535549 / 5.98 = 25.68% → −11.6 points.
    share = tiles["Traded share (22% today)"]
    assert (share.value, share.delta) == ("14.1%", "−11.6 points")
    assert len(tiles) == 8


def test_tiles_at_the_proposal_say_no_change(model: BuybackModel) -> None:
    s = at(model, 1.0, 1.0, 1.0)
    result = model.evaluate(s)
    tiles = scenario_tiles(result, model.evaluate(proposal_scenario(model, s)))
    assert {t.delta for t in tiles} == {"no change"}
    assert all(t.change == 0 for t in tiles)


# --- assumptions ---------------------------------------------------------------------------------


def test_assumptions_grouped_under_headings(model: BuybackModel) -> None:
    ids = [*model.assumption_ids_for(model.group_ids), "unexpected"]
    sections = dict(assumption_sections(ids, 5.98))
    assert sections["Cost per FTE (a year, salary plus employer on-costs)"] == [
        "cost_per_fte.autism_teaching",
        "cost_per_fte.autism_hlta",
        "cost_per_fte.behaviour_and_other",
    ]
    assert sections["Traded charge, and the buy-back the £5.98m assumes"] == [
        "traded_charge_pct",
        "proposal_buyback_pct",
    ]
    assert sections["One-off redundancy cost"] == ["redundancy_cost_per_fte"]
    assert sections["Other"] == ["unexpected"]
    assert sum(len(v) for v in sections.values()) == len(ids)


def test_assumption_values_in_their_units() -> None:
    assert assumption_value_text(45000, "gbp_per_fte") == "£45,000"
    assert assumption_value_text(20000, "gbp_one_off") == "£20,000"
    assert assumption_value_text(115, "pct") == "115%"
    assert assumption_value_text(1.5, "fte") == "1.50 FTE"
    assert assumption_value_text(2.5, "other") == "2.5"
    assert assumption_decimals("gbp") == 0
    assert assumption_decimals("pct") == 0
    assert assumption_decimals("fte") == 2


# --- comparison ----------------------------------------------------------------------------------


def test_comparison_rows_carry_their_unit(model: BuybackModel) -> None:
    saved = [("Proposal", at(model, 1.0, 1.0, 1.0)), ("60/40", at(model, 0.6, 0.6, 0.4))]
    rows = {r.label: r for r in comparison_rows(model, saved)}
    assert rows["Buy-back %, autism HLTA posts"] == ComparisonRow(
        "Buy-back %, autism HLTA posts", Unit.PERCENT, (100.0, 60.0)
    )
    saving = rows["Saving £m"]
    assert saving.unit is Unit.MONEY_M
    assert saving.values == pytest.approx((1.25, 1.1470958))
    assert saving.texts() == ("£1.25m", "£1.15m")
    change = rows["Change against the proposed saving £m"]
    assert change.texts() == ("£0.00m", "−£0.10m")
    assert rows["FTE redundant (at-risk posts)"].texts() == ("0.00", "17.33")
    assert rows["Groups below minimum viable size"].texts() == ("0", "0")


def test_comparison_frames(model: BuybackModel) -> None:
    names = ["A", "B"]
    rows = output_rows([model.evaluate(at(model, 1, 1, 1)), model.evaluate(at(model, 0, 0, 0))])
    numbers = numbers_frame(rows, names)
    shown = display_frame(rows, names)
    assert list(numbers.columns) == list(shown.columns) == ["Output", "A", "B"]
    by_label = shown.set_index("Output")
    # 0% buy-back: traded income 0, redundancy 33.32 × £20,000 = £0.67m.
    assert by_label.loc["Traded income needed £m", "B"] == "£0.00m"
    assert by_label.loc["One-off redundancy cost (at-risk posts) £m", "B"] == "£0.67m"
    assert by_label.loc["Traded share of service cost %", "B"] == "0.0%"
    assert numbers.set_index("Output").loc["FTE redundant (at-risk posts)", "B"] == 33.32


def test_a_missing_figure_is_not_stated() -> None:
    row = ComparisonRow("Traded share of service cost %", Unit.PERCENT, (None, 12.5))
    assert row.texts() == ("not stated", "12.5%")


def test_names_in_the_comparison() -> None:
    assert comparison_name("", []) == "Scenario 1"
    assert comparison_name("", ["Plan", "Scenario 2"]) == "Scenario 3"
    assert comparison_name("", ["Scenario 1"]) == "Scenario 2"
    assert comparison_name("", ["Scenario 2"]) == "Scenario 2 (2)"
    assert comparison_name("Plan", ["Plan"]) == "Plan (2)"


def test_unique_names() -> None:
    assert unique_name("Plan", []) == "Plan"
    assert unique_name("Plan", ["Plan"]) == "Plan (2)"
    assert unique_name("Plan", ["Plan", "Plan (2)"]) == "Plan (3)"
