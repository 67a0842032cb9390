"""The buy-back scenario in words (redesign.buyback.text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redesign import load_dataset
from redesign.buyback import text as bt
from redesign.buyback.model import BuybackModel, Scenario
from redesign.core.formatting import MINUS

MODEL = BuybackModel(load_dataset())
GROUPS = MODEL.group_ids


def result(*levels: float, **assumptions: float):
    return MODEL.evaluate(Scenario(dict(zip(GROUPS, levels, strict=True)), assumptions))


def test_the_issue_question_in_words() -> None:
    text = bt.scenario_sentence(result(0.6, 0.6, 0.4))
    assert text.startswith(
        "If schools buy back 60% of the autism teaching posts, 60% of the autism HLTA posts and"
        " 40% of the central behaviour and other traded posts, 17.33 of the 33.32 FTE at risk"
        " would go (on top of the 22.83 FTE the proposal already makes redundant), leaving SEN"
        " Support Services with 69.18 FTE (109.34 today; 86.51 in the proposal)."
    )
    assert "need to buy £747,000 a year of traded support, 14.1% of the service's" in text
    assert "(22% of its budget is traded today)" in text
    assert (
        "The saving would be £1.15 million, £103,000 less than the £1.25 million proposed" in text
    )
    assert "redundancy for the at-risk posts would cost about £347,000 once" in text
    assert text.endswith(bt.ASSUMPTION_NOTE)


def test_the_headline_for_a_projector() -> None:
    # 60/60/40: kept 9.2×0.6 + 4.13×0.6 + 19.99×0.4 = 15.994 of 33.32 FTE; income and saving as
    # in the full sentence above.
    # Groups at different levels are not named one by one: the controls beside it show them.
    assert bt.scenario_headline(result(0.6, 0.6, 0.4)) == (
        "If schools buy back a different share of each group, 15.99 of the 33.32 FTE at risk are"
        " kept; schools would need to buy £747,000 a year of traded support, and the saving would"
        " be £1.15 million, £103,000 less than the £1.25 million proposed."
    )
    assert bt.scenario_headline(result(0.5, 0.5, 0.5)).startswith(
        "If schools buy back 50% of every group of posts at risk, 16.66 of the 33.32 FTE"
    )
    assert "all 33.32 FTE at risk are kept" in bt.scenario_headline(result(1, 1, 1))
    none = bt.scenario_headline(result(0, 0, 0))
    assert "none of the 33.32 FTE at risk are kept; no traded income is needed" in none
    assert "£200,000 less than" in none


def test_proposal_in_words() -> None:
    text = bt.scenario_sentence(result(1, 1, 1))
    assert "100% of every group of posts at risk" in text
    assert "none of the 33.32 FTE at risk would go" in text
    assert "the same as the £1.25 million proposed" in text
    assert "redundancy" not in text.split("proposed")[-1]


def test_nothing_bought_back_in_words() -> None:
    text = bt.scenario_sentence(result(0, 0, 0))
    assert "all 33.32 FTE at risk would go" in text
    assert "No traded income would be needed" in text
    assert "£200,000 less than" in text
    assert "would close" in text


def test_expansion_in_words() -> None:
    text = bt.scenario_sentence(result(1.5, 1.5, 1.5))
    assert "grow by 16.66 FTE" in text
    assert "£100,000 more than the £1.25 million proposed" in text


def test_below_minimum_in_words() -> None:
    text = bt.scenario_sentence(result(0.4, 0.4, 1))
    assert "Below the minimum viable team: autism HLTA posts (1.65 FTE kept" in text


@pytest.mark.parametrize(
    ("levels", "assumptions", "expected"),
    [
        ((0.6, 0.6, 0.4), {}, "Breaks even at 43.5% buy-back (4.00 FTE); this scenario is above"),
        ((0.3, 0.6, 0.4), {}, "this scenario is below it, so the group costs the council"),
        ((1, 1, 1), {"traded_charge_pct": 90}, "Never breaks even at this charge"),
        ((1, 1, 1), {"traded_charge_pct": 101}, "beyond the 150% this page allows"),
        (
            (1, 1, 1),
            {"traded_charge_pct": 100, "fixed_cost.autism_teaching": 0},
            "Breaks even at any level",
        ),
    ],
)
def test_break_even_text(levels, assumptions, expected: str) -> None:
    assert expected in bt.break_even_text(result(*levels, **assumptions).groups[0])


def test_viability_text() -> None:
    r = result(0, 0.4, 1)
    assert bt.viability_text(r.groups[0]).startswith("Closed")
    assert bt.viability_text(r.groups[1]).startswith("Warning: below the minimum viable team")
    assert bt.viability_text(r.groups[2]).startswith("Viable")


def test_deltas_carry_their_sign_in_words() -> None:
    assert bt.delta_fte(17.326) == "+17.33 FTE"
    assert bt.delta_fte(-17.326) == f"{MINUS}17.33 FTE"
    assert bt.delta_fte(0.001) == "no change"
    assert bt.delta_money(-0.1029) == f"{MINUS}£0.10m"
    assert bt.delta_money(0.001) == "no change"
    assert bt.delta_points(-11.6) == f"{MINUS}11.6 points"
    assert bt.delta_points(None) == ""


def test_labels_in_sentences() -> None:
    assert bt.in_sentence("Autism HLTA posts") == "autism HLTA posts"
    assert bt.in_sentence("SEN Support") == "SEN Support"
    assert bt.level_pct(0.605) == "60.5%"
    assert bt.level_pct(1.0) == "100%"


@settings(max_examples=100, deadline=None)
@given(
    st.tuples(*[st.integers(0, 1500).map(lambda k: k / 1000)] * 3),
    st.integers(50, 200),
)
def test_every_scenario_has_a_sentence(levels: tuple[float, ...], charge: int) -> None:
    r = result(*levels, traded_charge_pct=charge)
    text = bt.scenario_sentence(r)
    assert text.startswith("If schools buy back")
    assert "nan" not in text.lower().split()
    for o in r.groups:
        assert bt.break_even_text(o)
        assert bt.viability_text(o)


def test_page_texts_come_from_the_dataset(dataset) -> None:
    """The intro, source lines and method text carry the dataset's figures, not typed ones."""
    m = BuybackModel(dataset)
    section = dataset.sen_support.section
    intro = bt.page_intro(m, dataset.sen_support.retention_quote)
    assert intro.startswith(
        "The SEN Support Services proposal makes 22.83 FTE redundant and puts a further 33.32 FTE"
        " at risk: “the retained establishment will reflect the commitment of schools and other"
        " potential customers to purchase support … the team may constrict or expand”."
    )
    assert bt.source_fte(m, section) == (
        "Cabinet report appendix, section “Special Educational Needs (SEN) Support Services”"
        " (33.32 FTE at risk subject to market testing; 12 autism teaching posts, 9.2 FTE; 6"
        " autism HLTA posts, 4.13 FTE). The central behaviour and other traded posts are derived"
        " (33.32 − 9.2 − 4.13). The buy-back levels are this scenario's inputs, not figures from"
        " the report."
    )
    money = bt.source_money(m, section)
    assert "(current budget £7.23m, proposed cost £5.98m, saving £1.25m, 22% traded)" in money
    assert "the buy-back the £5.98m assumes" in money
    method = bt.method_text(m, 100)
    assert "The proposal's £5.98m is taken" in method and "saving = £1.25m −" in method
    assert "(100%, an assumption)" in bt.method_text(m, 100)
    assert "(90%, an assumption)" in bt.method_text(m, 90)

    # Change the figures: every text follows.
    m.pool_fte, m.confirmed_fte = 40.0, 20.5
    m.proposed_cost_m, m.proposed_saving_m, m.current_budget_m = 6.1, 1.3, 7.4
    intro = bt.page_intro(m, None)
    assert "makes 20.50 FTE redundant and puts a further 40.00 FTE at risk." in intro
    assert "(40.00 FTE at risk" in bt.source_fte(m, section)
    assert "(40.00 − 9.2 − 4.13)" in bt.source_fte(m, section)
    assert "current budget £7.40m, proposed cost £6.10m, saving £1.30m" in bt.source_money(
        m, section
    )
    assert "saving = £1.30m" in bt.method_text(m, 100)
