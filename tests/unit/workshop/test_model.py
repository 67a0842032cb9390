"""The workshop model by hand: days -> FTE -> buy-back level -> posts, money and break-even, for
the room alone and scaled to the city, with the +/-20 days sensitivity.

Defaults (data/assumptions.yaml): 160 days a year per FTE, a traded charge of 115%; autism
teaching 9.20 FTE at £50,000, autism HLTA 4.13 FTE at £28,000, behaviour and other 19.99 FTE
(33.32 - 9.2 - 4.13) at £38,000; fixed costs £30,000, £10,000 and £40,000."""

from __future__ import annotations

import pytest

from redesign.buyback.model import BuybackModel
from redesign.workshop import Answer, offers, tally
from redesign.workshop.tally import scenario_to_apply

AT, HLTA, BEH = "autism_teaching", "autism_hlta", "behaviour_and_other"

# Three schools: Oak bought 40 half days of HLTA (20 days), Elm 80 sessions of behaviour (40 days).
ROOM = [
    Answer("Oak Primary", "primary", 3, {AT: 100.0, HLTA: 20.0}, frozenset({BEH})),
    Answer("Elm Secondary", "secondary", 1, {AT: 60.0, HLTA: 0.0, BEH: 40.0}),
    Answer("", "special", 2, {HLTA: 12.0, BEH: 24.0}, frozenset({AT})),
]


def test_price_per_day_and_break_even_days(model: BuybackModel):
    priced = offers(model)
    # cost per FTE x charge / days per FTE
    assert priced[AT].price_per_day == pytest.approx(50_000 * 1.15 / 160)  # £359.375
    assert priced[HLTA].price_per_day == pytest.approx(201.25)
    assert priced[BEH].price_per_day == pytest.approx(273.125)
    # Break-even: fixed / (cost x (charge - 1)) FTE: 30,000 / 7,500 = 4 FTE = 640 days.
    # (The model keeps break-even levels to 6 decimals: days to within a hundredth.)
    assert priced[AT].break_even_days == pytest.approx(640.0, abs=0.01)
    assert priced[HLTA].break_even_days == pytest.approx(10_000 / 4_200 * 160, abs=0.01)
    assert priced[BEH].break_even_days == pytest.approx(40_000 / 5_700 * 160, abs=0.01)
    assert priced[AT].days_for_all_posts == pytest.approx(9.2 * 160)
    assert priced[AT].min_viable_days == pytest.approx(3 * 160)
    assert offers(model, 200)[AT].price_per_day == pytest.approx(287.5)


def test_the_room_alone(model: BuybackModel):
    result = tally(model, [AT, HLTA, BEH], ROOM, schools_in_city=30)
    assert result.answers == 3 and result.unsure_schools == 2
    room = result.room
    at, hlta, beh = room.offer(AT), room.offer(HLTA), room.offer(BEH)
    assert (at.answering, at.not_sure, at.days) == (2, 1, 160.0)
    assert (hlta.answering, hlta.not_sure, hlta.days) == (3, 0, 32.0)
    assert (beh.answering, beh.not_sure, beh.days) == (2, 1, 64.0)
    # 160 days / 160 = 1 FTE of 9.2: level 10.87%, 8.2 FTE redundant.
    assert at.fte == pytest.approx(1.0)
    assert at.level == pytest.approx(1 / 9.2)
    assert (at.retained_fte, at.redundant_fte) == (pytest.approx(1.0), pytest.approx(8.2))
    assert hlta.retained_fte == pytest.approx(0.2) and hlta.redundant_fte == pytest.approx(3.93)
    assert beh.retained_fte == pytest.approx(0.4) and beh.redundant_fte == pytest.approx(19.59)
    assert room.retained_fte == pytest.approx(1.6)
    assert room.redundant_fte == pytest.approx(31.72)
    # Income = days x price per day: 160 x 359.375 + 32 x 201.25 + 64 x 273.125 = £81,420.
    assert at.traded_income_gbp == pytest.approx(57_500)
    assert room.traded_income_m == pytest.approx(0.08142)
    assert room.result.traded_income_m == pytest.approx(0.08142)
    # Saving: 1.25 - sum((kept - at risk) x cost x (1 - charge)) = 1.25 - 0.189669.
    assert room.saving_m == pytest.approx(1.060331)
    assert at.days_to_break_even == pytest.approx(480.0, abs=0.01)
    assert not at.capped and at.scale == 1.0
    assert at.below_min_viable  # 1 FTE kept, below the 3 FTE a team needs


def test_the_room_scaled_to_the_city(model: BuybackModel):
    scaled = tally(model, [AT, HLTA, BEH], ROOM, schools_in_city=30).scaled
    at, hlta, beh = scaled.offer(AT), scaled.offer(HLTA), scaled.offer(BEH)
    # Autism teaching: 2 schools gave a figure, so x15: 2,400 days = 15 FTE, over 150% of 9.2.
    assert at.scale == 15 and at.days == pytest.approx(2_400)
    assert at.fte == pytest.approx(15.0)
    assert at.capped and at.level == 1.5
    assert at.retained_fte == pytest.approx(13.8) and at.redundant_fte == 0
    assert at.days_to_break_even == 0
    # HLTA: 3 schools, x10: 320 days = 2 FTE. Behaviour: 2 schools, x15: 960 days = 6 FTE.
    assert hlta.scale == 10 and hlta.retained_fte == pytest.approx(2.0)
    assert hlta.redundant_fte == pytest.approx(2.13)
    assert beh.days == pytest.approx(960) and beh.retained_fte == pytest.approx(6.0)
    assert beh.days_to_break_even == pytest.approx(40_000 / 5_700 * 160 - 960, abs=0.01)
    assert scaled.retained_fte == pytest.approx(21.8)
    assert scaled.redundant_fte == pytest.approx(16.12)


def test_a_city_smaller_than_the_room_scales_by_one(model: BuybackModel):
    result = tally(model, [AT, HLTA, BEH], ROOM, schools_in_city=2)
    assert result.scaled.retained_fte == result.room.retained_fte
    assert result.scaled_to == 3


def test_sensitivity_of_twenty_days(model: BuybackModel):
    result = tally(model, [AT, HLTA, BEH], ROOM, schools_in_city=30)
    fewer, more = result.sensitivity
    assert (fewer.deliverable_days, more.deliverable_days) == (140, 180)
    # 256 days in all: 256 / 140 and 256 / 180 FTE.
    assert fewer.room_retained_fte == pytest.approx(256 / 140)
    assert more.room_retained_fte == pytest.approx(256 / 180)
    # Scaled: at 180 days no offer is capped (2,400 / 180 = 13.33 FTE of 9.2 is under 150%).
    assert more.scaled_retained_fte == pytest.approx((2_400 + 320 + 960) / 180)
    # At 140 days autism teaching is capped at 13.8 FTE (1.5 x 9.2).
    assert fewer.scaled_retained_fte == pytest.approx(13.8 + (320 + 960) / 140)


def test_offers_not_asked_stay_at_the_proposal_level(model: BuybackModel):
    result = tally(model, [HLTA], ROOM, schools_in_city=30)
    assert result.asked == (HLTA,) and result.not_asked == (AT, BEH)
    assert [o.group_id for o in result.room.offers] == [HLTA]
    assert result.room.scenario.levels[AT] == 1.0  # the proposal's assumed buy-back
    assert result.room.retained_fte == pytest.approx(0.2)
    assert result.unsure_schools == 0  # nobody is unsure about HLTA


def test_no_answers_keeps_nothing(model: BuybackModel):
    result = tally(model, [AT, HLTA, BEH], [], schools_in_city=30)
    assert result.answers == 0
    assert result.room.retained_fte == 0 and result.scaled.retained_fte == 0
    assert result.room.redundant_fte == pytest.approx(33.32)


def test_the_scenario_applied_is_the_tally(model: BuybackModel):
    room = tally(model, [AT, HLTA, BEH], ROOM, schools_in_city=30).room
    scenario = scenario_to_apply(model, room, "Workshop 24 November")
    assert scenario.name == "Workshop 24 November"
    assert scenario.levels[AT] == pytest.approx(0.109)  # 10.87% kept to 0.1%
    result = model.evaluate(scenario)
    assert result.retained_fte == pytest.approx(room.retained_fte, abs=0.05)
