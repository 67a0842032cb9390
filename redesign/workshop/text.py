"""The workshop's figures in words, as the screens and the pack write them (plain text: a page
escapes it before Markdown). Schools hear days a year and £ a day, not shares of an establishment.
"""

from __future__ import annotations

from redesign.buyback.model import MAX_LEVEL
from redesign.buyback.text import level_pct
from redesign.core.formatting import fte
from redesign.workshop.offers import Offer
from redesign.workshop.tally import OfferTally, Tally

NOT_BINDING = (
    "This is an expression of interest, not an order: nothing is bought, and no school is held "
    "to its answer."
)
TODAY = "what you buy today: none (a new traded offer)"


def days_number(days: float) -> str:
    """ "1,234", "2.5"."""
    return f"{days:,.1f}".removesuffix(".0")


def days_text(days: float) -> str:
    """ "1,234 days", "2.5 days", "1 day"."""
    shown = days_number(days)
    return f"{shown} day{'' if shown == '1' else 's'}"


def money_a_day(price: float) -> str:
    return f"£{price:,.0f} a day"


def level_text(o: OfferTally) -> str:
    text = level_pct(o.level)
    return f"{text} (capped)" if o.capped else text


def still_needed(o: OfferTally, *, unit: bool = True) -> str:
    """Days a year still needed to break even: "480 days" (or "480"), "reached", or never."""
    left = o.days_to_break_even
    if left is None:
        return "never, at this charge"
    if left <= 0:
        return "reached"
    return days_text(round(left)) if unit else days_number(round(left))


def offer_name(offer: Offer) -> str:
    """The offer as schools would buy it: "Autism teaching support" for the group "Autism
    teaching posts"."""
    return offer.label.removesuffix(" posts") + " support"


def offer_line(offer: Offer) -> str:
    """The line a participant reads under an offer's name."""
    return f"{money_a_day(offer.price_per_day)} ({offer.team}); {TODAY}."


def answers_phrase(result: Tally) -> str:
    schools = f"{result.answers} school{'s' if result.answers != 1 else ''}"
    unsure = f"{result.unsure_schools} not sure about at least one offer"
    return f"{schools} answered; {unsure}"


def capped_note(o: OfferTally) -> str:
    return (
        f"{o.offer.label}: the days asked for would need {fte(o.fte)} FTE, more than "
        f"{level_pct(MAX_LEVEL)} of today's {fte(o.offer.at_risk_fte)}; the model keeps "
        f"{fte(o.retained_fte)}."
    )


def sensitivity_sentence(result: Tally) -> str:
    """How the posts kept move if one FTE delivers 20 days fewer or more."""
    parts = [
        f"{s.deliverable_days:g} days: {fte(s.room_retained_fte)} FTE (room), "
        f"{fte(s.scaled_retained_fte)} FTE (scaled)"
        for s in result.sensitivity
    ]
    return (
        f"If one FTE delivers {result.deliverable_days:g} days a year (a placeholder), the room "
        f"keeps {fte(result.room.retained_fte)} FTE and the room scaled "
        f"{fte(result.scaled.retained_fte)}. At " + "; at ".join(parts) + "."
    )
