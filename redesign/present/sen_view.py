"""What the SEN needs and provision page says, worked out from the SEN dataset (pure: no Streamlit).

The headline tiles, the largest need, the special schools over or at capacity, the published
figures that do not add up (by table), and the sentences that put figures in words. Each figure
keeps its date: the strategy's tables are "as at January 2004", the FOI placements February 2015.
Returned text is plain unless a function says Markdown (then any data in it is escaped).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from redesign.checks.discrepancy import Discrepancy
from redesign.core.formatting import count, pct
from redesign.core.headline import Headline
from redesign.core.text import escape_markdown, plain_text
from redesign.data.sen.records import SenNeeds
from redesign.sen.categories import category_totals
from redesign.sen.placements import placements_summary
from redesign.sen.provision import provision_comparison
from redesign.sen.schools import (
    AT,
    OVER,
    SchoolOccupancy,
    school_action_rolls,
    special_school_occupancy,
    special_schools_total,
    statements_per_school,
)


def _md(text: str) -> str:
    return escape_markdown(plain_text(text))


def headlines(sen: SenNeeds) -> tuple[Headline, ...]:
    """The page's first four tiles, each naming the date of its figures."""
    table_total = category_totals(sen)
    schools = special_schools_total(sen)
    placements = placements_summary(sen)
    comparison = provision_comparison(sen)
    proposed = sen.proposed_special_schools
    return (
        Headline(
            "need_total",
            f"Pupils by main need, {table_total.as_at}",
            count(table_total.total),
            float(table_total.total),
            "Derived: the sum of the category-of-need table's rows (pupils at School Action Plus,"
            " at statutory assessment or with a statement); the table prints no grand total.",
            derived=True,
        ),
        Headline(
            "occupancy",
            f"Special-school places filled, {schools.as_at}",
            pct(schools.occupancy_pct),
            schools.occupancy_pct,
            f"Derived: {schools.pupils:,} pupils in {schools.places:,} places across"
            f" {schools.schools} special schools.",
            derived=True,
        ),
        Headline(
            "placements",
            f"Independent SEN placements, {placements.as_at}",
            count(placements.total),
            float(placements.total),
            f"FOI reply: {placements.inside_authority} of them placed inside the authority's"
            " boundary.",
        ),
        Headline(
            "proposed",
            f"Special places proposed in the strategy ({proposed.period_label})",
            comparison.special.short(),
            comparison.special.low,
            f"{comparison.special.describe()}; plus {comparison.enhanced.describe()} enhanced"
            f" resource places ({proposed.as_at}). Against {comparison.today_places:,} special"
            f" places in {comparison.today_as_at}.",
        ),
    )


@dataclass(frozen=True)
class LargestNeed:
    label: str
    pupils: int


def largest_need(sen: SenNeeds) -> LargestNeed:
    """The category of need with the most pupils (the first, where two have as many)."""
    row = max(sen.categories.rows, key=lambda r: r.total.value or 0)
    return LargestNeed(row.label, int(row.total.value or 0))


def discrepancies_in(found: Iterable[Discrepancy], table: str) -> list[Discrepancy]:
    """The published figures that do not add up in one of the strategy's tables (the names are
    redesign.sen_checks's: CATEGORIES, SPECIAL_SCHOOLS, ...)."""
    return [d for d in found if d.service == table]


def discrepancy_text(d: Discrepancy) -> str:
    """Markdown: the check, both numbers in whole units, and the detail."""
    return (
        f"{_md(d.check_label)}: {_md(f'{d.published:,.0f}')} {_md(d.unit)} against"
        f" {_md(f'{d.computed:,.0f}')} {_md(d.unit)}. {_md(d.detail)}"
    )


# --- special schools -----------------------------------------------------------------------------


def _schools_with(sen: SenNeeds, status: str) -> list[SchoolOccupancy]:
    return [s for s in special_school_occupancy(sen) if s.status == status]


def over_capacity_words(sen: SenNeeds) -> str:
    """ "School A (110 pupils in 100 places); …", or "" when no school is over capacity."""
    return "; ".join(
        f"{s.name} ({s.pupils} pupils in {s.places} places)" for s in _schools_with(sen, OVER)
    )


def full_schools_words(sen: SenNeeds) -> str:
    """The schools with as many pupils as places, or "" when there are none."""
    return ", ".join(s.name for s in _schools_with(sen, AT))


def over_capacity_title(sen: SenNeeds) -> str:
    over = len(_schools_with(sen, OVER))
    if over == 0:
        return "No special school had more pupils than places"
    if over == 1:
        return "One special school had more pupils than places"
    return f"{over} special schools had more pupils than places"


# --- School Action, statements, placements -------------------------------------------------------


def rolls_sentence(sen: SenNeeds) -> str:
    """Markdown: the School Action counts, their published shares and the roll they imply."""
    rolls = school_action_rolls(sen)
    a, b = rolls.school_action, rolls.school_action_plus
    if rolls.consistent_low is None:
        return (
            f"In {_md(rolls.as_at)}, {a.pupils:,} pupils were at School Action and"
            f" {b.pupils:,} at School Action Plus; the two published shares of the roll do not"
            " fit one roll."
        )
    return (
        f"In {_md(rolls.as_at)}, **{a.pupils:,}** pupils were at School Action"
        f" ({a.share_pct:g}% of the roll, as published) and **{b.pupils:,}** at School Action"
        f" Plus ({b.share_pct:g}%). The roll itself is not published: the two shares imply about"
        f" {a.roll:,.0f} and {b.roll:,.0f} pupils, and allowing for their rounding any roll from"
        f" {rolls.consistent_low:,} to {rolls.consistent_high:,} fits both."
    )


def statements_description(sen: SenNeeds) -> str:
    primary, secondary = statements_per_school(sen)
    average = (
        ""
        if secondary.average is None
        else f", {secondary.average:.2f} a school on average (derived)"
    )
    return (
        f"Secondary: {secondary.pupils} pupils in {secondary.schools} schools{average},"
        f" {secondary.per_school_min} to {secondary.per_school_max} in each. Primary:"
        f" {primary.pupils} pupils, {primary.per_school_min} to {primary.per_school_max} a"
        " school; the number of primary schools is not stated, so no average can be given."
    )


def placements_title(sen: SenNeeds) -> str:
    placements = placements_summary(sen)
    if placements.inside_authority == 0:
        return f"{placements.total} children in independent SEN placements, none in the city"
    return f"{placements.total} children in independent SEN placements"
