"""The machine-readable summary of a dataset (``python -m redesign summary --json``)."""

from __future__ import annotations

from typing import Any

from redesign.checks.discrepancy import discrepancy_dict
from redesign.checks.reconciliation import all_discrepancies
from redesign.checks.sen_notes import note_dict, sen_notes
from redesign.data.dataset import Dataset
from redesign.data.services import FUNDING_STREAMS, Service
from redesign.model.finance import service_money, service_staffing, totals


def service_summary(dataset: Dataset, service: Service) -> dict[str, Any]:
    money = service_money(service)
    staff = service_staffing(service)
    primary = service.primary_category
    return {
        "id": service.id,
        "name": service.name,
        "category": dataset.category_label(primary) if primary else None,
        "category_id": primary,
        "categories": [
            {
                "id": c.category,
                "label": dataset.category_label(c.category),
                "listed_as": c.listed_as,
                "inferred": c.inferred,
            }
            for c in service.categories
        ],
        "current_budget_m": money.current_budget_m,
        "proposed_cost_m": money.proposed_cost_m,
        "saving_m": money.saving_m,
        "saving_computed_m": money.saving_computed_m,
        # Every stream is present; null where the report gives no figure for it.
        "savings_by_stream_m": {key: money.streams_m.get(key) for key in FUNDING_STREAMS},
        "saving_not_split_by_stream_m": money.unsplit_m if money.saving_m is not None else None,
        "current_headcount": staff.current_headcount,
        "current_fte": staff.current_fte,
        "proposed_fte": staff.proposed_fte,
        "proposed_fte_after": staff.proposed_fte_after,
        "proposed_fte_after_is_derived": staff.proposed_fte_derived,
        "reduction_fte": staff.confirmed_reduction_fte,
        "potential_reduction_fte": staff.potential_reduction_fte,
        "market_testing_reduction_fte": staff.market_testing_fte,
        "at_risk_fte": staff.at_risk_fte,
        "vacancies_fte": staff.vacancies_fte,
    }


def summary(dataset: Dataset) -> dict[str, Any]:
    t = totals(dataset.services)
    return {
        "data_dir": str(dataset.data_dir),
        "services": [service_summary(dataset, s) for s in dataset.services],
        "totals": {
            "services": t.services,
            "current_budget_m": t.current_budget_m,
            "proposed_cost_m": t.proposed_cost_m,
            "saving_m": t.saving_m,
            "saving_computed_m": t.saving_computed_m,
            "savings_by_stream_m": t.savings_by_stream_m,
            "saving_not_split_by_stream_m": t.unsplit_saving_m,
            "current_headcount": t.current_headcount,
            "current_fte": t.current_fte,
            # Sum of the proposed FTE the report states (services without one are listed below).
            "proposed_fte": t.proposed_fte,
            # Like for like: stated proposed FTE, else current FTE less the confirmed reduction.
            "proposed_fte_after": t.proposed_fte_after,
            "reduction_fte": t.confirmed_reduction_fte,
            "potential_reduction_fte": t.potential_reduction_fte,
            "market_testing_reduction_fte": t.market_testing_fte,
            "at_risk_fte": t.at_risk_fte,
            "services_without_saving": list(t.services_without_saving),
            "services_without_proposed_fte": list(t.services_without_proposed_fte),
        },
        "discrepancies": [discrepancy_dict(d) for d in all_discrepancies(dataset)],
        # Caveats on the SEN dataset that are not arithmetic mismatches (empty without it).
        "sen_notes": [note_dict(n) for n in sen_notes(dataset.sen, dataset.proposals_period())]
        if dataset.sen
        else [],
    }
