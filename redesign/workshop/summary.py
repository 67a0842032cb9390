"""A workshop and its tally as JSON-ready dicts (the CLI's --json, and tests)."""

from __future__ import annotations

from typing import Any

from redesign.workshop.records import Workshop
from redesign.workshop.tally import Basis, Tally


def _basis_dict(basis: Basis) -> dict[str, Any]:
    return {
        "per_offer": {
            o.group_id: {
                "days": o.days,
                "fte": o.fte,
                "level": o.level,
                "capped": o.capped,
                "schools": o.answering,
                "not_sure": o.not_sure,
                "retained_fte": o.retained_fte,
                "redundant_fte": o.redundant_fte,
                "price_per_day": round(o.offer.price_per_day, 2),
                "break_even_days": o.break_even_days,
                "days_to_break_even": o.days_to_break_even,
            }
            for o in basis.offers
        },
        "retained_fte": basis.retained_fte,
        "redundant_fte": basis.redundant_fte,
        "traded_income_m": basis.traded_income_m,
        "saving_m": basis.saving_m,
    }


def tally_dict(result: Tally) -> dict[str, Any]:
    """The room alone at the top level; ``scaled`` the same for the room scaled to the city."""
    return {
        "answers": result.answers,
        "not_sure_schools": result.unsure_schools,
        "schools_in_city": result.schools_in_city,
        "deliverable_days_per_fte": result.deliverable_days,
        **_basis_dict(result.room),
        "scaled": {"schools": result.scaled_to, **_basis_dict(result.scaled)},
        "sensitivity": [
            {
                "deliverable_days_per_fte": s.deliverable_days,
                "retained_fte": s.room_retained_fte,
                "scaled_retained_fte": s.scaled_retained_fte,
            }
            for s in result.sensitivity
        ],
        "not_asked": list(result.not_asked),
    }


def workshop_dict(workshop: Workshop) -> dict[str, Any]:
    return {
        "id": workshop.id,
        "title": workshop.title,
        "join_code": workshop.code_text,
        "state": workshop.state,
        "schools_in_city": workshop.schools_in_city,
        "offers": list(workshop.offers),
        "locked": workshop.locked,
        "revealed": workshop.revealed,
        "closed_at": workshop.closed_at.isoformat() if workshop.closed_at else None,
        "deleted_at": workshop.deleted_at.isoformat() if workshop.deleted_at else None,
        "scenario_id": workshop.scenario_id,
    }
