"""The money and staffing model: per-service figures, totals across services, waterfall steps.

Stated figures stay as published. Where a figure is not stated but follows from others (a proposed FTE
from the current FTE and the confirmed reduction), it is computed here and marked as derived."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from redesign.core.arithmetic import clean, total
from redesign.core.records import value_of
from redesign.data.dataset import Dataset
from redesign.data.services import FUNDING_STREAMS, Service

UNSPLIT = "unsplit"


@dataclass(frozen=True)
class ServiceMoney:
    """One service's money: stated figures and what follows from them."""

    current_budget_m: float | None
    proposed_cost_m: float | None
    saving_m: float | None  # as published
    saving_computed_m: float | None  # current budget minus proposed cost
    streams_m: dict[str, float | None]  # only the streams the report states (None = printed blank)
    unsplit_m: float  # stated saving not allocated to any stream

    @property
    def saving_used_m(self) -> float:
        """The saving a chart steps by: the published saving, else budget minus cost, else 0."""
        if self.saving_m is not None:
            return self.saving_m
        return self.saving_computed_m or 0.0

    @property
    def reconciling_m(self) -> float:
        """Published saving minus (budget minus cost); the gap a waterfall must show as its own step."""
        if self.saving_m is None or self.saving_computed_m is None:
            return 0.0
        return clean(self.saving_m - self.saving_computed_m) or 0.0


def service_money(service: Service) -> ServiceMoney:
    budget = service.budget
    current = value_of(budget.current_budget_m)
    proposed = value_of(budget.proposed_cost_m)
    computed = clean(current - proposed) if current is not None and proposed is not None else None
    streams = {key: fig.value for key, fig in budget.savings_by_stream_m.items()}
    saving = value_of(budget.saving_m)
    unsplit = clean(saving - total(streams.values())) if saving is not None else 0.0
    return ServiceMoney(current, proposed, saving, computed, streams, unsplit or 0.0)


@dataclass(frozen=True)
class ServiceStaffing:
    current_headcount: float | None
    current_fte: float | None
    proposed_fte: float | None  # as published
    proposed_fte_after: float | None  # published, else current minus confirmed reduction
    proposed_fte_derived: bool
    confirmed_reduction_fte: float | None
    potential_reduction_fte: float | None
    market_testing_fte: float | None
    at_risk_fte: float | None
    vacancies_fte: float | None


def service_staffing(service: Service) -> ServiceStaffing:
    s = service.staffing
    current = s.value("current_fte")
    proposed = s.value("proposed_fte")
    reduction = s.value("reduction_fte")
    derived = False
    after = proposed
    if after is None and current is not None:
        # Not stated: the like-for-like figure is today's FTE less the confirmed reduction (if any).
        after = clean(current - (reduction or 0.0))
        derived = True
    return ServiceStaffing(
        current_headcount=s.value("current_headcount"),
        current_fte=current,
        proposed_fte=proposed,
        proposed_fte_after=after,
        proposed_fte_derived=derived,
        confirmed_reduction_fte=reduction,
        potential_reduction_fte=s.value("potential_reduction_fte"),
        market_testing_fte=s.value("market_testing_reduction_fte"),
        at_risk_fte=s.value("at_risk_fte"),
        vacancies_fte=s.value("vacancies_fte"),
    )


@dataclass(frozen=True)
class Totals:
    services: int
    current_budget_m: float
    proposed_cost_m: float
    saving_m: float  # sum of published savings
    saving_computed_m: float  # total budget minus total proposed cost
    savings_by_stream_m: dict[str, float]
    unsplit_saving_m: float
    current_headcount: float
    current_fte: float
    proposed_fte: float  # sum of published proposed FTE only
    proposed_fte_after: float  # like for like: published, else current minus confirmed reduction
    confirmed_reduction_fte: float
    potential_reduction_fte: float
    market_testing_fte: float
    at_risk_fte: float
    services_without_saving: tuple[str, ...]
    services_without_proposed_fte: tuple[str, ...]


def select_services(dataset: Dataset, category: str | None = None) -> tuple[Service, ...]:
    """All services, or those listed (named or inferred) under one original-proposals category."""
    if category is None:
        return dataset.services
    return tuple(s for s in dataset.services if any(c.category == category for c in s.categories))


def totals(services: tuple[Service, ...]) -> Totals:
    money = [service_money(s) for s in services]
    staff = [service_staffing(s) for s in services]
    streams = {key: total(m.streams_m.get(key) for m in money) for key in FUNDING_STREAMS}
    return Totals(
        services=len(services),
        current_budget_m=total(m.current_budget_m for m in money),
        proposed_cost_m=total(m.proposed_cost_m for m in money),
        saving_m=total(m.saving_m for m in money),
        saving_computed_m=total(m.saving_computed_m for m in money),
        savings_by_stream_m=streams,
        unsplit_saving_m=total(m.unsplit_m for m in money),
        current_headcount=total(s.current_headcount for s in staff),
        current_fte=total(s.current_fte for s in staff),
        proposed_fte=total(s.proposed_fte for s in staff),
        proposed_fte_after=total(s.proposed_fte_after for s in staff),
        confirmed_reduction_fte=total(s.confirmed_reduction_fte for s in staff),
        potential_reduction_fte=total(s.potential_reduction_fte for s in staff),
        market_testing_fte=total(s.market_testing_fte for s in staff),
        at_risk_fte=total(s.at_risk_fte for s in staff),
        services_without_saving=tuple(
            s.name for s, m in zip(services, money, strict=True) if m.saving_m is None
        ),
        services_without_proposed_fte=tuple(
            s.name for s, st in zip(services, staff, strict=True) if st.proposed_fte is None
        ),
    )


def services_frame(dataset: Dataset, services: tuple[Service, ...] | None = None) -> pd.DataFrame:
    """One row per service with every published and derived figure (None where not stated)."""
    rows = []
    for service in services if services is not None else dataset.services:
        money = service_money(service)
        staff = service_staffing(service)
        row: dict[str, object] = {
            "service_id": service.id,
            "Service": service.name,
            "Category": dataset.category_label(service.primary_category or ""),
            "Current budget £m": money.current_budget_m,
            "Proposed cost £m": money.proposed_cost_m,
            "Saving £m (published)": money.saving_m,
            "Budget minus cost £m": money.saving_computed_m,
        }
        for key, label in FUNDING_STREAMS.items():
            row[f"{label} saving £m"] = money.streams_m.get(key)
        row["Saving not split by stream £m"] = (
            money.unsplit_m if money.saving_m is not None else None
        )
        row |= {
            "Headcount": staff.current_headcount,
            "FTE now": staff.current_fte,
            "Proposed FTE (published)": staff.proposed_fte,
            "FTE after": staff.proposed_fte_after,
            "FTE after is derived": staff.proposed_fte_derived,
            "Reduction FTE (confirmed)": staff.confirmed_reduction_fte,
            "Potential reduction FTE": staff.potential_reduction_fte,
            "Subject to market testing FTE": staff.market_testing_fte,
            "Staff at risk FTE (grade changes)": staff.at_risk_fte,
            "Vacancies FTE": staff.vacancies_fte,
        }
        rows.append(row)
    frame = pd.DataFrame(rows)
    return frame
