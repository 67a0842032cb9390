"""The money and staffing model, reconciliation and totals: hand-worked values and properties."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redesign.checks.reconciliation import all_discrepancies, services_discrepancies
from redesign.core.records import Figure, Source
from redesign.data.services import Budget, Service, Staffing
from redesign.model.finance import (
    select_services,
    service_money,
    service_staffing,
    services_frame,
    totals,
)
from redesign.model.waterfall import waterfall_steps


def test_totals_hand_worked(dataset):
    t = totals(dataset.services)
    # 0.82+1.53+1.51+1.34+1.55+0.82+2.76+7.23+0.79
    assert t.current_budget_m == 18.35
    # 0.68+1.39+1.14+1.34+0.65+0.77+2.76+5.98+0.71
    assert t.proposed_cost_m == 15.42
    # published savings; CELC states none
    assert t.saving_m == 3.04
    assert t.saving_computed_m == 2.93
    assert t.current_fte == 224.99
    assert t.current_headcount == 350
    assert t.proposed_fte == 77.47  # only services that publish a proposed FTE
    assert t.proposed_fte_after == 177.01  # + SEN Support 109.34-22.83 and SEN Management 13.03
    assert t.confirmed_reduction_fte == 57.77
    assert t.potential_reduction_fte == 1.0
    assert t.market_testing_fte == 33.32
    assert t.savings_by_stream_m == {
        "dsg": 0.58,
        "esg": 0.9,
        "core": 0.13,
        "trading": 0.14,
        "other": 0.03,
    }
    assert t.unsplit_saving_m == 1.26  # SEN Support 1.25 + LAC 0.01
    assert t.services_without_saving == ("Coventry Extended Learning Centre",)
    assert t.services_without_proposed_fte == ("SEN Support Services", "SEN Management Services")


def test_derived_proposed_fte_is_marked(dataset):
    staff = service_staffing(dataset.service("sen_support"))
    assert staff.proposed_fte is None
    assert staff.proposed_fte_after == 86.51
    assert staff.proposed_fte_derived is True
    assert service_staffing(dataset.service("hospital_education")).proposed_fte_derived is False


def test_discrepancies_found(dataset):
    found = {(d.service_id, d.check): (d.published, d.computed) for d in all_discrepancies(dataset)}
    services_part = {
        k: v
        for k, v in found.items()
        if k[1]
        in {"fte_reduction", "saving", "savings_by_stream", "budget_components", "total_saving"}
    }
    assert services_part == {
        ("hospital_education", "fte_reduction"): (3.12, 3.1),
        ("looked_after_children", "savings_by_stream"): (0.14, 0.13),
        ("minority_group_support", "fte_reduction"): (5.67, 5.5),
        ("performing_arts", "fte_reduction"): (21.75, 13.25),
        ("performing_arts", "saving"): (0.11, 0.0),
        ("performing_arts", "budget_components"): (1.34, 1.45),
        ("school_improvement", "fte_reduction"): (3.6, 1.6),
        ("work_related_learning", "fte_reduction"): (0.8, 0.7),
        ("sen_support", "savings_by_stream"): (1.25, 0.0),
        (None, "total_saving"): (3.04, 2.93),
    }


def test_waterfall_by_service_reaches_proposed_cost(dataset):
    steps = waterfall_steps(dataset.services, "service")
    assert steps[0].value_m == 18.35
    assert steps[-1].value_m == 15.42
    gap = [s for s in steps if s.kind == "gap"]
    assert [(s.label, s.value_m) for s in gap] == [
        ("Gap: Performing Arts Service saving ≠ budget − cost", 0.11)
    ]
    school = next(s for s in steps if s.label == "School Improvement")
    assert school.value_m == -0.9
    assert school.share_of_saving == pytest.approx(0.9 / 3.04, abs=1e-6)


def test_waterfall_by_stream_shows_unsplit_savings(dataset):
    steps = waterfall_steps(dataset.services, "stream")
    by_label = {s.label: s.value_m for s in steps}
    assert by_label["DSG savings"] == -0.58
    assert by_label["ESG savings"] == -0.9
    assert by_label["Not split by stream: SEN Support Services"] == -1.25
    assert by_label["Not split by stream: Looked After Children Education Service"] == -0.01
    assert steps[-1].value_m == 15.42


def test_category_filter(dataset):
    chosen = select_services(dataset, "will_not_provide")
    assert [s.id for s in chosen] == ["performing_arts", "school_improvement", "sen_support"]
    steps = waterfall_steps(chosen, "service")
    assert steps[0].value_m == 10.12  # 1.34 + 1.55 + 7.23
    assert steps[-1].value_m == pytest.approx(1.34 + 0.65 + 5.98)


def test_services_frame_has_a_row_per_service(dataset):
    frame = services_frame(dataset)
    assert len(frame) == 9
    assert frame.loc[frame["service_id"] == "sen_support", "FTE after is derived"].item()


# --- property-style checks on synthetic services ---------------------------------------------

SRC = Source("cabinet_appendix", "synthetic", "synthetic")
money = st.integers(min_value=0, max_value=100_000).map(lambda n: n / 100)
fte = st.integers(min_value=0, max_value=20_000).map(lambda n: n / 100)


def fig(value):
    return None if value is None else Figure(value, SRC)


@st.composite
def synthetic_service(draw, index: int = 0):
    budget = draw(money)
    cost = draw(st.one_of(st.none(), money))
    saving = draw(st.one_of(st.none(), money))
    streams = draw(
        st.dictionaries(st.sampled_from(["dsg", "esg", "core", "trading", "other"]), money)
    )
    current = draw(fte)
    proposed = draw(st.one_of(st.none(), fte))
    reduction = draw(st.one_of(st.none(), fte))
    staffing = {"current_fte": fig(current)}
    if proposed is not None:
        staffing["proposed_fte"] = fig(proposed)
    if reduction is not None:
        staffing["reduction_fte"] = fig(reduction)
    return Service(
        id=f"s{draw(st.integers(0, 10**6))}",
        name="Synthetic",
        section="synthetic",
        file="synthetic.yaml",
        categories=(),
        text={},
        feedback_heading=None,
        staffing=Staffing(staffing),
        budget=Budget(
            fig(budget), (), fig(cost), fig(saving), {k: fig(v) for k, v in streams.items()}, {}
        ),
        notes=(),
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(synthetic_service(), min_size=1, max_size=12))
def test_totals_equal_sums(services):
    services = tuple(replace(s, id=f"s{i}") for i, s in enumerate(services))
    t = totals(services)
    assert t.current_budget_m == pytest.approx(
        sum(service_money(s).current_budget_m for s in services)
    )
    assert t.saving_m == pytest.approx(sum(service_money(s).saving_m or 0 for s in services))
    assert t.current_fte == pytest.approx(sum(service_staffing(s).current_fte for s in services))
    for s in services:
        m = service_money(s)
        if m.proposed_cost_m is not None:
            assert m.saving_computed_m == pytest.approx(m.current_budget_m - m.proposed_cost_m)
        if m.saving_m is not None:
            assert m.unsplit_m == pytest.approx(m.saving_m - sum(m.streams_m.values()), abs=1e-6)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(synthetic_service(), min_size=1, max_size=12), st.sampled_from(["service", "stream"])
)
def test_waterfall_steps_add_up(services, view):
    services = tuple(replace(s, id=f"s{i}") for i, s in enumerate(services))
    steps = waterfall_steps(services, view)
    start, end = steps[0].value_m, steps[-1].value_m
    assert end == pytest.approx(start + sum(s.value_m for s in steps[1:-1]), abs=1e-6)
    if all(service_money(s).proposed_cost_m is not None for s in services):
        # Every published gap is its own step, so the steps land on the published proposed cost.
        assert end == pytest.approx(totals(services).proposed_cost_m, abs=1e-6)


@settings(max_examples=150, deadline=None)
@given(st.lists(synthetic_service(), min_size=1, max_size=8))
def test_reconciliation_reports_exactly_the_mismatches(services):
    services = tuple(replace(s, id=f"s{i}") for i, s in enumerate(services))
    found = {(d.service_id, d.check) for d in services_discrepancies(services)}
    for s in services:
        m = service_money(s)
        mismatch = (
            m.saving_m is not None
            and m.saving_computed_m is not None
            and abs(m.saving_m - m.saving_computed_m) > 0.005
        )
        assert ((s.id, "saving") in found) == mismatch


def test_running_levels_hand_worked():
    """Total 18.35 sets the level; −0.14 and −0.90 move it; a missing change moves it by nothing;
    the end total sets it again (here to a published figure the steps do not reach)."""
    from redesign.model.waterfall import running_levels

    spans = running_levels(
        [(True, 18.35), (False, -0.14), (False, None), (False, -0.9), (True, 17.0)]
    )
    assert spans == [(18.35, 18.35), (18.35, 18.21), (18.21, 18.21), (18.21, 17.31), (17.0, 17.0)]
