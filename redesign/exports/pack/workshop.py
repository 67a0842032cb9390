"""The briefing pack's workshop section: what the schools in a room said they would buy and the
posts that keeps, for the room alone and scaled to the city's schools (pure, no I/O).

Schools' names stay out of the pack (the room saw only totals): it counts answers by phase and by
the contract length schools have in mind. Comments are added only when asked for, as they may
hold personal data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from redesign.core.formatting import fte, money_m
from redesign.exports.pack.model import Paragraphs, Section, Table, Tile, Tiles
from redesign.workshop.answers import CONTRACT_YEARS, PHASES
from redesign.workshop.records import Participant, Workshop
from redesign.workshop.tally import OfferTally, Tally
from redesign.workshop.text import days_text, level_text, money_a_day, still_needed

SOURCE = (
    "Answers given in the workshop (expressions of interest, not orders); prices and posts from "
    "the buy-back model's assumptions (Redesign Explorer's, not the report's)."
)


def _offer_row(room: OfferTally, scaled: OfferTally) -> tuple[str, ...]:
    return (
        room.offer.label,
        money_a_day(room.offer.price_per_day),
        days_text(room.days),
        fte(room.retained_fte),
        days_text(scaled.days),
        fte(scaled.retained_fte),
        level_text(scaled),
        still_needed(scaled),
    )


def workshop_sections(
    workshop: Workshop,
    result: Tally,
    people: Sequence[Participant] = (),
    *,
    include_comments: bool = False,
) -> list[Section]:
    """The workshop's pages of the pack: headline tiles and words, offers, who answered, and
    (only with ``include_comments``) the comments."""
    room, scaled = result.room, result.scaled
    intro = [
        f"{result.answers} school{'s' if result.answers != 1 else ''} answered in the workshop "
        f"'{workshop.title}' ({result.unsure_schools} not sure about at least one offer). "
        "Each answer is an expression of interest, not an order.",
        f"The room alone would keep {fte(room.retained_fte)} of the {fte(room.at_risk_fte)} FTE "
        f"at risk in the offers asked. Scaled to the {result.scaled_to:,} schools in the city "
        f"(by number of schools, offer by offer), it would keep {fte(scaled.retained_fte)} FTE.",
        f"One FTE is taken to deliver {result.deliverable_days:g} days a year (a placeholder). "
        + " ".join(
            f"At {s.deliverable_days:g} days, the room scaled would keep "
            f"{fte(s.scaled_retained_fte)} FTE."
            for s in result.sensitivity
        ),
    ]
    tiles = Tiles(
        (
            Tile("Schools answered", f"{result.answers}"),
            Tile("FTE kept, the room alone", fte(room.retained_fte)),
            Tile(f"FTE kept, scaled to {result.scaled_to:,} schools", fte(scaled.retained_fte)),
            Tile("Traded income, scaled", money_m(scaled.traded_income_m)),
            Tile("Saving, scaled", money_m(scaled.saving_m)),
            Tile("FTE redundant, scaled", fte(scaled.redundant_fte)),
        )
    )
    offers = Table(
        (
            "Offer",
            "Price a day",
            "Days: room",
            "FTE kept: room",
            "Days: scaled",
            "FTE kept: scaled",
            "Buy-back: scaled",
            "Days still needed to break even",
        ),
        tuple(_offer_row(r, s) for r, s in zip(room.offers, scaled.offers, strict=True)),
        (False, True, True, True, True, True, True, True),
        (3.6, 1.4, 1.3, 1.4, 1.3, 1.4, 1.4, 2.0),
        notes=(
            "Days a year the schools would buy; FTE = days ÷ days one FTE delivers; buy-back = "
            "FTE ÷ today's posts at risk (at most 150%). Break-even: where traded income covers "
            "the group's staff and fixed costs.",
        ),
        heading="By offer",
    )
    sections = [
        Section(
            "workshop",
            f"Workshop: {workshop.title}",
            (Paragraphs(tuple(intro)), tiles, offers),
            SOURCE,
        ),
        _who_answered(people),
    ]
    if include_comments:
        sections.append(_comments(people))
    return sections


def _who_answered(people: Sequence[Participant]) -> Section:
    phases = Counter(p.answer.phase for p in people)
    years = Counter(p.answer.contract_years for p in people)
    rows = tuple((label, str(phases[pid])) for pid, label in PHASES.items() if phases[pid])
    return Section(
        "workshop_answers",
        "Workshop: who answered",
        (
            Table(
                ("Phase", "Schools"),
                rows or (("No answers", "0"),),
                (False, True),
                (4.0, 1.2),
                heading="Schools by phase",
            ),
            Table(
                ("Contract length in mind", "Schools"),
                tuple((f"{y} year{'s' if y > 1 else ''}", str(years[y])) for y in CONTRACT_YEARS),
                (False, True),
                (4.0, 1.2),
                heading="Contract length in mind",
            ),
        ),
        SOURCE,
        run_on=True,
    )


def _comments(people: Sequence[Participant]) -> Section:
    said = tuple(p.comment for p in people if p.comment)
    return Section(
        "workshop_comments",
        "Workshop: comments",
        (
            Paragraphs(
                said or ("No comments were left.",),
                heading="Comments as written (they may hold personal data: share with care)",
            ),
        ),
        SOURCE,
    )
