"""The workshop's tables, made ready to show: figures written in the house style (pure)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from redesign.buyback.model import BuybackModel
from redesign.core.formatting import fte
from redesign.workshop.answers import PHASES
from redesign.workshop.records import Participant, Workshop
from redesign.workshop.tally import Basis
from redesign.workshop.text import days_number, days_text, still_needed

NOT_SURE = "not sure"


def offers_frame(basis: Basis) -> pd.DataFrame:
    """One row an offer, for the projector: days, posts kept and redundant, break-even."""
    rows = [
        {
            "Offer": o.offer.label,
            "Days": days_number(o.days),
            "FTE kept": fte(o.retained_fte),
            "FTE redundant": fte(o.redundant_fte),
            "Break-even (days)": "never"
            if o.break_even_days is None
            else days_number(round(o.break_even_days)),
            "Days still needed": still_needed(o, unit=False),
        }
        for o in basis.offers
    ]
    return pd.DataFrame(rows)


def room_frame(basis: Basis) -> pd.DataFrame:
    """What participants see once the facilitator reveals it: totals by offer, no school."""
    rows = [
        {
            "Offer": o.offer.label,
            "Days a year": days_text(o.days),
            "FTE kept": f"{fte(o.retained_fte)} of {fte(o.offer.at_risk_fte)}",
            "Days still needed to break even": still_needed(o),
        }
        for o in basis.offers
    ]
    return pd.DataFrame(rows)


def answers_frame(
    model: BuybackModel, workshop: Workshop, people: Sequence[Participant]
) -> pd.DataFrame:
    """Answers by school, for the facilitator (never for the room)."""
    labels = {g.id: g.label for g in model.groups}
    rows = []
    for p in people:
        a = p.answer
        row = {
            "School": a.school_label,
            "Phase": PHASES.get(a.phase, a.phase),
            "Years in mind": a.contract_years,
        }
        for gid in workshop.offers:
            row[f"{labels.get(gid, gid)}: days"] = (
                NOT_SURE if gid in a.not_sure else days_text(a.days.get(gid, 0.0))
            )
        row["Comment"] = "yes" if a.comment else ""
        row["Last changed (UTC)"] = f"{p.updated_at:%H:%M:%S}"
        rows.append(row)
    return pd.DataFrame(rows)


def comments_frame(people: Sequence[Participant]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"School": p.answer.school_label, "Comment": p.comment} for p in people if p.comment],
        columns=["School", "Comment"],
    )
