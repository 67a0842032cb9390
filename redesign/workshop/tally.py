"""The room's answers added up and run through the buy-back model (pure, no I/O).

For each offer asked, on a basis (the room alone, or the room scaled to the city's schools):
    days      = the days a year the schools that gave a figure would buy (× the scale)
    FTE       = days ÷ days one FTE delivers a year
    level     = FTE ÷ the group's FTE at risk, capped at the model's 150%
and the levels go to BuybackModel.evaluate for posts kept and redundant, traded income and saving.
A group the workshop does not ask about stays at the proposal's assumed buy-back (the model's
default), and says so.

Scaling is by number of schools, offer by offer: the days of the schools that gave a figure for
that offer, times (schools in the city ÷ those schools). Schools "not sure" about an offer are
counted apart and left out of both the days and the divisor: they are neither buyers nor
non-buyers yet. A city setting below the schools answering scales by 1 (the room is the city).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from redesign.buyback.model import MAX_LEVEL, BuybackModel, Scenario, ScenarioResult
from redesign.buyback.scenario_io import make_scenario
from redesign.core.arithmetic import clean
from redesign.workshop.answers import Answer
from redesign.workshop.offers import (
    SENSITIVITY_DAYS,
    Offer,
    deliverable_days,
    deliverable_days_range,
    offers,
)


@dataclass(frozen=True)
class OfferTally:
    offer: Offer
    answering: int  # schools that gave a figure (0 included)
    not_sure: int  # schools not sure about this offer
    room_days: float  # days the room would buy, before scaling
    scale: float  # 1 for the room alone
    days: float  # on this basis
    fte: float  # FTE those days sustain
    level: float  # share of today's posts at risk kept, capped at MAX_LEVEL
    capped: bool  # the demand is over MAX_LEVEL of today's posts
    retained_fte: float
    redundant_fte: float
    traded_income_gbp: float

    @property
    def group_id(self) -> str:
        return self.offer.group_id

    @property
    def break_even_days(self) -> float | None:
        return self.offer.break_even_days

    @property
    def days_to_break_even(self) -> float | None:
        """More days a year still needed to reach break-even (0 once there); None: never."""
        target = self.offer.break_even_days
        return None if target is None else max(target - self.days, 0.0)

    @property
    def below_min_viable(self) -> bool:
        return 0 < self.retained_fte < self.offer.min_viable_fte - 1e-9


@dataclass(frozen=True)
class Basis:
    """The tally on one basis: per offer, the scenario it makes and the model's result."""

    name: str  # "room" or "scaled"
    offers: tuple[OfferTally, ...]
    scenario: Scenario
    result: ScenarioResult

    @property
    def retained_fte(self) -> float:
        """FTE kept in the offers asked."""
        return clean(sum(o.retained_fte for o in self.offers)) or 0.0

    @property
    def redundant_fte(self) -> float:
        return clean(sum(o.redundant_fte for o in self.offers)) or 0.0

    @property
    def at_risk_fte(self) -> float:
        return clean(sum(o.offer.at_risk_fte for o in self.offers)) or 0.0

    @property
    def traded_income_m(self) -> float:
        """£m a year the offers asked would bring in."""
        return clean(sum(o.traded_income_gbp for o in self.offers) / 1e6) or 0.0

    @property
    def saving_m(self) -> float:
        """The service's saving with these levels (groups not asked at the proposal's level)."""
        return self.result.saving_m

    def offer(self, group_id: str) -> OfferTally:
        return next(o for o in self.offers if o.group_id == group_id)


@dataclass(frozen=True)
class Sensitivity:
    """FTE kept if one FTE delivered ``deliverable_days`` a year instead."""

    deliverable_days: float
    room_retained_fte: float
    scaled_retained_fte: float


@dataclass(frozen=True)
class Tally:
    answers: int  # schools that answered
    unsure_schools: int  # schools not sure about at least one offer
    schools_in_city: int
    deliverable_days: float
    asked: tuple[str, ...]  # group ids asked, in data order
    not_asked: tuple[str, ...]
    room: Basis
    scaled: Basis
    sensitivity: tuple[Sensitivity, ...]  # fewer days, then more

    @property
    def scaled_to(self) -> int:
        """The number of schools the scaled basis stands for."""
        return max(self.schools_in_city, self.answers)


def _offer_tally(offer: Offer, answers: Sequence[Answer], city: int) -> OfferTally:
    answering = [a for a in answers if offer.group_id in a.days]
    unsure = sum(1 for a in answers if offer.group_id in a.not_sure)
    room_days = sum(a.days[offer.group_id] for a in answering)
    scale = max(city / len(answering), 1.0) if answering and city else 1.0
    days = room_days * scale
    fte = offer.fte_for(days)
    wanted = fte / offer.at_risk_fte if offer.at_risk_fte > 0 else 0.0
    level = min(wanted, MAX_LEVEL)
    retained = level * offer.at_risk_fte
    return OfferTally(
        offer=offer,
        answering=len(answering),
        not_sure=unsure,
        room_days=room_days,
        scale=scale,
        days=clean(days, 4) or 0.0,
        fte=clean(fte, 6) or 0.0,
        level=level,
        capped=wanted > MAX_LEVEL,
        retained_fte=clean(retained, 6) or 0.0,
        redundant_fte=clean(max(offer.at_risk_fte - retained, 0.0), 6) or 0.0,
        traded_income_gbp=clean(retained * offer.cost_per_fte * offer.charge, 2) or 0.0,
    )


def _basis(
    name: str,
    model: BuybackModel,
    priced: dict[str, Offer],
    asked: Sequence[str],
    answers: Sequence[Answer],
    city: int,
) -> Basis:
    per_offer = tuple(_offer_tally(priced[gid], answers, city) for gid in asked)
    default = model.default_scenario()
    levels = dict(default.levels) | {o.group_id: o.level for o in per_offer}
    scenario = Scenario(levels, {}, "")
    return Basis(name, per_offer, scenario, model.evaluate(scenario))


def tally(
    model: BuybackModel,
    asked: Iterable[str],
    answers: Sequence[Answer],
    schools_in_city: int,
    days_per_fte: float | None = None,
) -> Tally:
    """Add up ``answers`` for the offers ``asked`` (group ids; unknown ones are ignored)."""
    wanted = set(asked)
    order = tuple(gid for gid in model.group_ids if gid in wanted)
    days = deliverable_days(model) if days_per_fte is None else days_per_fte
    priced = offers(model, days)
    room = _basis("room", model, priced, order, answers, 1)
    scaled = _basis("scaled", model, priced, order, answers, schools_in_city)
    lowest, highest = deliverable_days_range(model)
    sensitivity = []
    for other in (days - SENSITIVITY_DAYS, days + SENSITIVITY_DAYS):
        other = min(max(other, lowest), highest)
        moved = offers(model, other)
        sensitivity.append(
            Sensitivity(
                other,
                _basis("room", model, moved, order, answers, 1).retained_fte,
                _basis("scaled", model, moved, order, answers, schools_in_city).retained_fte,
            )
        )
    return Tally(
        answers=len(answers),
        unsure_schools=sum(1 for a in answers if a.not_sure & wanted),
        schools_in_city=schools_in_city,
        deliverable_days=days,
        asked=order,
        not_asked=tuple(gid for gid in model.group_ids if gid not in wanted),
        room=room,
        scaled=scaled,
        sensitivity=tuple(sensitivity),
    )


def scenario_to_apply(model: BuybackModel, basis: Basis, name: str) -> Scenario:
    """The buy-back scenario a basis makes, canonical (levels quantised as the page's), named."""
    return make_scenario(model, basis.scenario.levels, {}, name)
