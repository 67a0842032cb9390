"""Reconciliation: where the published figures do not add up, report both numbers as data.

Nothing is corrected: each check compares a published figure with what the other published figures
imply, and returns a Discrepancy when they differ by more than rounding."""

from __future__ import annotations

from redesign.checks.discrepancy import ALL_SERVICES, CHECK_LABELS, Discrepancy
from redesign.checks.sen_discrepancies import sen_discrepancies
from redesign.core.arithmetic import clean, differs, total
from redesign.data.dataset import Dataset
from redesign.data.services import Service
from redesign.model.finance import service_money, service_staffing, totals


def service_discrepancies(service: Service) -> list[Discrepancy]:
    """Every check that applies to one service, returning those that do not reconcile."""
    found: list[Discrepancy] = []
    money = service_money(service)
    staff = service_staffing(service)

    def add(check: str, published: float | None, computed: float | None, unit: str, detail: str):
        found.append(
            Discrepancy(
                service.name,
                service.id,
                check,
                CHECK_LABELS[check],
                published,
                computed,
                unit,
                detail,
            )
        )

    if staff.current_fte is not None and staff.proposed_fte is not None:
        stated_parts = [
            v
            for v in (
                staff.confirmed_reduction_fte,
                staff.potential_reduction_fte,
                staff.market_testing_fte,
            )
            if v is not None
        ]
        if stated_parts:
            stated = total(stated_parts)
            computed = clean(staff.current_fte - staff.proposed_fte)
            if differs(stated, computed):
                parts = (
                    f"{staff.confirmed_reduction_fte:.2f} confirmed"
                    if (staff.confirmed_reduction_fte is not None)
                    else "no confirmed figure"
                )
                if staff.potential_reduction_fte is not None:
                    parts += f" + {staff.potential_reduction_fte:.2f} potential"
                if staff.market_testing_fte is not None:
                    parts += f" + {staff.market_testing_fte:.2f} subject to market testing"
                add(
                    "fte_reduction",
                    stated,
                    computed,
                    "FTE",
                    f"stated reduction {parts}; {staff.current_fte:.2f} FTE now minus "
                    f"{staff.proposed_fte:.2f} proposed is {computed:.2f}",
                )

    if money.saving_m is not None and differs(money.saving_m, money.saving_computed_m):
        add(
            "saving",
            money.saving_m,
            money.saving_computed_m,
            "£m",
            f"£{money.current_budget_m:.2f}m budget minus £{money.proposed_cost_m:.2f}m proposed "
            f"cost is £{money.saving_computed_m:.2f}m; the report states a saving of "
            f"£{money.saving_m:.2f}m",
        )

    if money.saving_m is not None:
        streams_sum = total(money.streams_m.values())
        if not money.streams_m and money.saving_m:
            add(
                "savings_by_stream",
                money.saving_m,
                streams_sum,
                "£m",
                "the report does not split this saving by funding stream"
                + (
                    f' ("{service.budget.savings_not_split_quote}")'
                    if service.budget.savings_not_split_quote
                    else ""
                ),
            )
        elif differs(money.saving_m, streams_sum):
            listed = ", ".join(
                f"{k.upper()} {'blank' if v is None else f'£{v:.2f}m'}"
                for k, v in money.streams_m.items()
            )
            add(
                "savings_by_stream",
                money.saving_m,
                streams_sum,
                "£m",
                f"streams ({listed}) sum to £{streams_sum:.2f}m against a stated saving of "
                f"£{money.saving_m:.2f}m",
            )

    components = service.budget.components
    if components and money.current_budget_m is not None:
        comp_sum = total(c.value for c in components)
        if differs(money.current_budget_m, comp_sum):
            listed = " + ".join(f"£{c.value:.2f}m {c.label}" for c in components if c.value)
            add(
                "budget_components",
                money.current_budget_m,
                comp_sum,
                "£m",
                f"components {listed} sum to £{comp_sum:.2f}m against a stated budget of "
                f"£{money.current_budget_m:.2f}m",
            )
    return found


def services_discrepancies(services: tuple[Service, ...]) -> list[Discrepancy]:
    found = [d for s in services for d in service_discrepancies(s)]
    t = totals(services)
    if differs(t.saving_m, t.saving_computed_m):
        found.append(
            Discrepancy(
                ALL_SERVICES,
                None,
                "total_saving",
                CHECK_LABELS["total_saving"],
                t.saving_m,
                t.saving_computed_m,
                "£m",
                f"stated savings sum to £{t.saving_m:.2f}m; total budget "
                f"£{t.current_budget_m:.2f}m minus total proposed cost "
                f"£{t.proposed_cost_m:.2f}m is £{t.saving_computed_m:.2f}m",
            )
        )
    return found


def all_discrepancies(dataset: Dataset) -> list[Discrepancy]:
    """Every discrepancy in the dataset: services, totals and (where loaded) the SEN dataset."""
    found = services_discrepancies(dataset.services)
    if dataset.sen is not None:
        found += sen_discrepancies(dataset.sen)
    return found
