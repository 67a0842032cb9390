"""Need beside support, each staffing figure once (redesign.sen.support_figures): a service that
serves several needs is listed once, with those needs; the buy-back model's at-risk groups follow
their service; nothing is added across services."""

from __future__ import annotations

import pytest

from redesign.sen.need_support import need_beside_support
from redesign.sen.support_figures import (
    CONFIRMED,
    GRADE_AT_RISK,
    GROUP_AT_RISK,
    MARKET_TESTING,
    POTENTIAL,
    needs_in_words,
    support_figures,
    support_figures_frame,
)


@pytest.fixture(scope="module")
def figures(dataset):
    return support_figures(need_beside_support(dataset), dataset.sen_support.groups)


def test_each_service_and_group_once_in_order(figures):
    assert [f.key for f in figures] == [
        "sen_support",
        "sen_support:behaviour_and_other",
        "sen_support:autism_teaching",
        "sen_support:autism_hlta",
        "sen_management",
        "extended_learning_centre",
        "hospital_education",
    ]


def test_whole_service_figures_with_the_needs_they_serve(figures):
    by_key = {f.key: f for f in figures}
    support = by_key["sen_support"]
    assert support.figures == {CONFIRMED: 22.83, MARKET_TESTING: 33.32}
    assert len(support.needs) == 7 and "Other" not in support.needs
    assert support.needs_text == "every need but Other"
    assert support.pupils == (435, 1208, 835, 509, 285, 121, 73)
    hospital = by_key["hospital_education"]
    assert hospital.figures == {CONFIRMED: 2.12, POTENTIAL: 1.0}
    assert hospital.needs == ("Behaviour Emotional and Social Difficulty",)
    management = by_key["sen_management"]
    assert management.figures == {GRADE_AT_RISK: 3.62}
    assert management.needs_text == "Moderate/Severe Learning Difficulty and Other"


def test_at_risk_groups_are_the_buyback_models(figures, dataset):
    from redesign.buyback.model import BuybackModel

    at_risk = BuybackModel(dataset).at_risk_fte
    groups = [f for f in figures if f.group_id is not None]
    assert {f.group_id: f.figures[GROUP_AT_RISK] for f in groups} == pytest.approx(at_risk)
    # together they are the service's FTE subject to market testing, shown once above them
    assert sum(f.figures[GROUP_AT_RISK] for f in groups) == pytest.approx(33.32)
    behaviour = next(f for f in groups if f.group_id == "behaviour_and_other")
    assert "derived" in behaviour.note
    autism = next(f for f in groups if f.group_id == "autism_teaching")
    assert autism.needs == ("Autistic Spectrum Disorder",) and "derived" not in autism.note


def test_every_figure_of_the_need_rows_appears_once(figures, dataset):
    """No figure is lost and none repeated: each (service, kind) the need rows hold once."""
    rows = need_beside_support(dataset)
    stated = {
        (link.service_id, value)
        for r in rows
        for link in r.links
        for value in (
            link.confirmed_reduction_fte,
            link.market_testing_fte,
            link.potential_reduction_fte,
            link.grade_change_at_risk_fte,
        )
        if value is not None
    }
    shown = [(f.service_id, v) for f in figures if f.group_id is None for v in f.figures.values()]
    assert sorted(shown) == sorted(stated)


def test_needs_in_words():
    every = ("A", "B", "C", "D", "E")
    assert needs_in_words(every, every) == "every need"
    assert needs_in_words(("A", "B", "C", "D"), every) == "every need but E"
    assert needs_in_words(("A", "C"), every) == "A and C"
    assert needs_in_words(("A",), every) == "A"


def test_frame_keeps_the_needs_with_their_pupils(figures, dataset):
    frame = support_figures_frame(figures, dataset.sen.categories.as_at)
    assert len(frame) == 7
    needs = frame.set_index("key")["Needs served, with their pupils (January 2004)"]
    assert needs["sen_management"] == "Moderate/Severe Learning Difficulty (1,208); Other (342)"
    assert frame.set_index("key").loc["sen_support", MARKET_TESTING] == 33.32
