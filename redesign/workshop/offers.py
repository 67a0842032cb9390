"""The traded offers a workshop asks about, in the units schools buy: days a year at a price a day.

One offer per group of posts at risk (autism teaching, autism HLTA, behaviour and other). A day's
price follows from the buy-back model's assumptions:

    price per day = cost per FTE × traded charge ÷ days one FTE can deliver a year

and a demand in days sustains ``days ÷ deliverable days`` FTE of that group. Schools also count in
half days and 3-hour sessions; a session is half a day (a morning or an afternoon, as service
level agreements count them).
"""

from __future__ import annotations

from dataclasses import dataclass

from redesign.buyback.model import BuybackModel

DELIVERABLE_DAYS_ID = "deliverable_days_per_fte"
# Each unit a school may count in, as days.
UNIT_DAYS = {"days": 1.0, "half_days": 0.5, "sessions": 0.5}
UNIT_LABELS = {"days": "days", "half_days": "half days", "sessions": "3-hour sessions"}
# A school cannot buy more days of one offer than a year has.
MAX_DAYS_A_YEAR = 365.0
# The facilitator sees how the posts kept move if one FTE delivers this many days more or fewer.
SENSITIVITY_DAYS = 20.0


class OfferError(ValueError):
    """The data cannot price the offers (an assumption missing); the message says which."""


@dataclass(frozen=True)
class Offer:
    """One traded offer as a school sees it, and the figures that turn its days into posts."""

    group_id: str
    label: str  # "Autism teaching posts"
    team: str
    at_risk_fte: float
    cost_per_fte: float  # £ a year
    charge: float  # traded charge as a share of direct cost (1.15)
    deliverable_days: float  # days a year one FTE delivers
    fixed_cost: float  # £ a year, kept whatever schools buy
    min_viable_fte: float
    break_even_level: float | None  # share of today's posts at which income covers cost

    @property
    def price_per_day(self) -> float:
        """£ a school pays for one day."""
        return self.cost_per_fte * self.charge / self.deliverable_days

    @property
    def days_for_all_posts(self) -> float:
        """Days a year that would keep every post at risk in this group."""
        return self.at_risk_fte * self.deliverable_days

    @property
    def break_even_days(self) -> float | None:
        """Days a year at which the group's traded income covers its direct and fixed cost;
        None when it never does at this charge."""
        if self.break_even_level is None:
            return None
        return self.break_even_level * self.days_for_all_posts

    @property
    def min_viable_days(self) -> float:
        return self.min_viable_fte * self.deliverable_days

    def fte_for(self, days: float) -> float:
        return days / self.deliverable_days


def deliverable_days(model: BuybackModel) -> float:
    """The default days one FTE delivers a year (the assumption); OfferError without it."""
    spec = model.assumptions.get(DELIVERABLE_DAYS_ID)
    if spec is None:
        raise OfferError(
            f"the data's assumptions.yaml has no '{DELIVERABLE_DAYS_ID}' assumption (days a year "
            "one FTE can deliver); the workshop needs it to turn days into posts"
        )
    return spec.default


def deliverable_days_range(model: BuybackModel) -> tuple[float, float]:
    spec = model.assumptions[DELIVERABLE_DAYS_ID]
    return spec.min, spec.max


def offers(model: BuybackModel, days_per_fte: float | None = None) -> dict[str, Offer]:
    """Every group's offer, in data order, priced at the default assumptions (and
    ``days_per_fte`` days a year per FTE, default the assumption's default)."""
    days = deliverable_days(model) if days_per_fte is None else days_per_fte
    if not days > 0:
        raise OfferError(f"days a year per FTE must be above zero, got {days:g}")
    values = model.assumption_values(model.default_scenario())
    result = model.evaluate(model.default_scenario())
    charge = values["traded_charge_pct"] / 100
    out: dict[str, Offer] = {}
    for group, outcome in zip(model.groups, result.groups, strict=True):
        out[group.id] = Offer(
            group_id=group.id,
            label=group.label,
            team=group.team,
            at_risk_fte=model.at_risk_fte[group.id],
            cost_per_fte=values[f"cost_per_fte.{group.id}"],
            charge=charge,
            deliverable_days=days,
            fixed_cost=values[f"fixed_cost.{group.id}"],
            min_viable_fte=values[f"min_viable_fte.{group.id}"],
            break_even_level=outcome.break_even_level,
        )
    return out


def to_days(amount: float, unit: str) -> float:
    """An amount in ``unit`` (days, half days, sessions) as days."""
    return amount * UNIT_DAYS[unit]
