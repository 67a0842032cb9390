"""Reconciliation checks for the SEN needs and provision dataset, and its honest caveats.

Discrepancies are returned as ``redesign.reconciliation.Discrepancy`` records (``service`` is the
table's name, ``service_id`` None), only where published figures differ beyond rounding. Caveats that
are not arithmetic mismatches (two sections describing the same thing differently, an open-ended
range, an undated figure) are ``SenNote`` records, kept apart.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from redesign.arithmetic import differs, total
from redesign.formatting import count, count_words, money_m, pounds
from redesign.reconciliation import Discrepancy
from redesign.sen import ProposedProvision, SenNeeds
from redesign.sen_analysis import (
    category_totals,
    out_of_city_cost_words,
    out_of_city_estimate,
    placements_summary,
    proposed_places,
    school_action_rolls,
    special_schools_total,
    statements_per_school,
)

CATEGORIES = "Categories of need"
SPECIAL_SCHOOLS = "Special schools"
SCHOOL_ACTION = "School Action and School Action Plus"
STATEMENTS = "Statements"
PLACEMENTS = "Independent placements"
NURSERIES = "Enhanced resource nurseries"
OUT_OF_CITY = "Out-of-city placements"
UNIT_PROVISION = "Unit provision"
TIMELINE = "Timeline and actions"

SEN_CHECK_LABELS = {
    "category_row_total": "Primary plus secondary against the row's stated total",
    "category_table_vs_counts": (
        "Category-of-need table against School Action Plus plus pupils with statements"
    ),
    "special_school_places": "Places by school against the stated total",
    "special_school_pupils": "Pupils by school against the stated total",
    "special_school_count": "Schools listed against the number stated",
    "proposed_places_min": "Places by school (lowest) against the stated total",
    "proposed_places_max": "Places by school (highest) against the stated total",
    "implied_roll": "Roll implied by the School Action share against the School Action Plus share",
    "statements_range": "Pupils with statements against the per-school range and school count",
    "nursery_places": "Morning plus afternoon places against the part-time places per nursery",
}


def _d(table: str, check: str, published, computed, unit: str, detail: str) -> Discrepancy:  # type: ignore[no-untyped-def]
    return Discrepancy(
        table, None, check, SEN_CHECK_LABELS[check], published, computed, unit, detail
    )


def sen_discrepancies(sen: SenNeeds) -> list[Discrepancy]:
    """Every SEN check whose published figures do not reconcile (beyond rounding)."""
    found: list[Discrepancy] = []
    as_at = sen.categories.as_at

    for row in sen.categories.rows:
        parts = total((row.primary.value, row.secondary.value))
        if differs(row.total.value, parts):
            found.append(
                _d(
                    CATEGORIES,
                    "category_row_total",
                    row.total.value,
                    parts,
                    "pupils",
                    f"{row.label} ({as_at}): primary {row.primary.value:g} + secondary "
                    f"{row.secondary.value:g} = {parts:g}; the stated total is "
                    f"{row.total.value:g}",
                )
            )

    # The category table covers School Action Plus, statutory assessment and statements, so it
    # should hold at least School Action Plus plus the pupils with statements.
    table = category_totals(sen)
    sap = sen.school_action_plus.pupils.value or 0
    primary_st = sen.statements.primary.pupils.value or 0
    secondary_st = sen.statements.secondary.pupils.value or 0
    covered = total((sap, primary_st, secondary_st))
    if table.total < covered and differs(table.total, covered):
        found.append(
            _d(
                CATEGORIES,
                "category_table_vs_counts",
                float(table.total),
                covered,
                "pupils",
                f"The category-of-need table ({as_at}) covers pupils at School Action Plus, at the "
                f"statutory assessment stage and with statements; its rows sum to "
                f"{table.total:,} ({table.primary:,} primary, {table.secondary:,} secondary; no "
                f"grand total is printed). School Action Plus ({sap:,.0f}) plus pupils with "
                f"statements ({primary_st:,.0f} primary + {secondary_st:,.0f} secondary = "
                f"{primary_st + secondary_st:,.0f}) is {covered:,.0f} before any pupil at the "
                f"statutory assessment stage: the table has {covered - table.total:,.0f} pupils "
                "fewer than the counts it says it covers.",
            )
        )

    schools = special_schools_total(sen)
    ss_as_at = schools.as_at
    for check, rows_sum, stated, unit in (
        ("special_school_places", schools.places, schools.stated_places, "places"),
        ("special_school_pupils", schools.pupils, schools.stated_pupils, "pupils"),
    ):
        if differs(stated, rows_sum):
            found.append(
                _d(
                    SPECIAL_SCHOOLS,
                    check,
                    stated,
                    rows_sum,
                    unit,
                    f"The {schools.schools} schools' {unit} ({ss_as_at}) sum to {rows_sum:,}; "
                    f"the TOTALS row states {stated:,}",
                )
            )
    if schools.schools != schools.stated_count:
        found.append(
            _d(
                SPECIAL_SCHOOLS,
                "special_school_count",
                schools.stated_count,
                schools.schools,
                "schools",
                f"The strategy says Coventry has {schools.stated_count} special schools; the "
                f"table lists {schools.schools}",
            )
        )

    for block in (sen.proposed_special_schools, sen.proposed_enhanced_resource_schools):
        found += _proposed_discrepancies(block)

    rolls = school_action_rolls(sen)
    if rolls.consistent_low is None:
        a, b = rolls.school_action, rolls.school_action_plus
        found.append(
            _d(
                SCHOOL_ACTION,
                "implied_roll",
                round(a.roll),
                round(b.roll),
                "pupils",
                f"{a.pupils:,} at School Action is {a.share_pct:g}% of a roll of "
                f"{a.roll_low:,} to {a.roll_high:,}; {b.pupils:,} at School Action Plus is "
                f"{b.share_pct:g}% of a roll of {b.roll_low:,} to {b.roll_high:,}: no roll fits both",
            )
        )

    for s in statements_per_school(sen):
        if s.feasible is False:
            found.append(
                _d(
                    STATEMENTS,
                    "statements_range",
                    s.pupils,
                    None,
                    "pupils",
                    f"{s.pupils} {s.phase} pupils with statements cannot be spread over "
                    f"{s.schools} schools with {s.per_school_min} to {s.per_school_max} each",
                )
            )

    n = sen.nurseries
    each = n.part_time_places_each.value or 0
    split = total((n.morning_places_each.value, n.afternoon_places_each.value))
    if differs(each, split):
        found.append(
            _d(
                NURSERIES,
                "nursery_places",
                each,
                split,
                "places",
                f"{each:g} part-time places per nursery; morning {n.morning_places_each.value:g} + "
                f"afternoon {n.afternoon_places_each.value:g} = {split:g}",
            )
        )
    return found


def _proposed_discrepancies(block: ProposedProvision) -> list[Discrepancy]:
    found = []
    rows = proposed_places(block)
    stated = block.stated_total
    table = f"{block.title} (proposed)"
    if differs(stated.low, rows.low):
        found.append(
            _d(
                table,
                "proposed_places_min",
                stated.low,
                rows.low,
                "places",
                f"The rows' lowest places sum to {rows.low:g}; the stated total is "
                f"{stated.describe()}",
            )
        )
    stated_high = stated.high if stated.high is not None else stated.low
    if not stated.open_ended and differs(stated_high, rows.high_if_open_at_min):
        extra = (
            f" (counting {', '.join(rows.open_ended)} at its minimum)" if rows.open_ended else ""
        )
        found.append(
            _d(
                table,
                "proposed_places_max",
                stated_high,
                rows.high_if_open_at_min,
                "places",
                f"The rows' highest places sum to {rows.high_if_open_at_min:g}{extra}; the stated "
                f"total is {stated.describe()}",
            )
        )
    return found


# ---------------------------------------------------------------------------------------------------
# Notes: honest caveats that are not arithmetic mismatches
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SenNote:
    table: str
    text: str
    quote: str | None = None  # verbatim words of the seed, where the note rests on them


def sen_notes(sen: SenNeeds, proposals_period: str = "") -> list[SenNote]:
    """Notes on the SEN figures; ``proposals_period`` names the redesign's figures (the
    dataset's ``proposals_period()``, e.g. "2016 proposals") in the note on dates."""
    notes: list[SenNote] = []
    cats = sen.categories
    proposals = f"; the redesign figures are the {proposals_period}" if proposals_period else ""
    notes.append(
        SenNote(
            "Dates",
            f"The strategy's tables describe {cats.as_at}; the FOI placements "
            f"{sen.placements.as_at}{proposals}. The out-of-city cost is undated in the source: "
            f"{sen.out_of_city.as_at}. Figures from different dates are shown side by side, "
            "never as a trend.",
        )
    )
    special = proposed_places(sen.proposed_special_schools)
    if special.open_ended:
        stated = sen.proposed_special_schools.stated_total
        notes.append(
            SenNote(
                "Proposed special school provision",
                f"{', '.join(special.open_ended)} is published as open-ended, so the rows sum "
                f"to {special.low:g} at least and have no upper limit. The stated total "
                f"{stated.describe()} counts open-ended rows at their minimum (giving "
                f"{special.high_if_open_at_min:g} at the top), so rows and total agree.",
                quote=next(
                    (
                        r.places.source.quote
                        for r in sen.proposed_special_schools.rows
                        if r.name in special.open_ended
                    ),
                    None,
                ),
            )
        )
    totals = special_schools_total(sen)
    occupancy = {s.name: s for s in sen.special_schools.rows}
    if totals.over_capacity:
        listed = "; ".join(
            f"{name} {occupancy[name].pupils.value:g} pupils for "
            f"{occupancy[name].places.value:g} places"
            for name in totals.over_capacity
        )
        notes.append(
            SenNote(
                SPECIAL_SCHOOLS,
                f"Published with more pupils than places ({totals.as_at}): {listed}. Kept as "
                "published.",
            )
        )
    federated = [r for r in sen.special_schools.rows if r.federated]
    if federated:
        notes.append(
            SenNote(
                SPECIAL_SCHOOLS,
                f"The rows for the {len(federated)} federated schools "
                f"({', '.join(r.name for r in federated)}) were split into columns by the PDF "
                "extraction and are read by position (places "
                f"{', '.join(f'{r.places.value:g}' for r in federated)}; pupils "
                f"{', '.join(f'{r.pupils.value:g}' for r in federated)}).",
                quote=federated[0].places.source.quote,
            )
        )
    notes.append(
        SenNote(
            UNIT_PROVISION,
            "Section 5 lists three secondary schools with additional resources for speech and "
            "language; section 8.1 describes four enhanced resource bases on secondary school "
            "sites. Both kept as published (the 2016 cabinet report also speaks of three "
            "secondary bases).",
            quote="four enhanced resource bases on secondary school sites",
        )
    )
    notes.append(
        SenNote(
            "Proposed enhanced resource schools",
            "Section 7.3 expects enhanced autism provision in two primary and two secondary "
            "schools; the enhanced resource table lists one primary and one secondary "
            "ASD/Communication school (the other two are broad spectrum).",
            quote="it is likely that two primary schools and two secondary schools would be "
            "identified",
        )
    )
    rolls = school_action_rolls(sen)
    if rolls.consistent_low is not None:
        a, b = rolls.school_action, rolls.school_action_plus
        notes.append(
            SenNote(
                SCHOOL_ACTION,
                f"The two published shares imply rolls of about {a.roll:,.0f} ({a.pupils:,} ÷ "
                f"{a.share_pct:g}%) and {b.roll:,.0f} ({b.pupils:,} ÷ {b.share_pct:g}%). Allowing "
                f"for the shares' rounding, any roll from {rolls.consistent_low:,} to "
                f"{rolls.consistent_high:,} fits both, so they agree. The roll itself is not "
                "published.",
            )
        )
    primary, _secondary = statements_per_school(sen)
    if primary.schools is None:
        notes.append(
            SenNote(
                STATEMENTS,
                f"The number of primary schools is not stated, so no average per school can be "
                f"worked out; {primary.pupils} pupils with {primary.per_school_min} to "
                f"{primary.per_school_max} per school need at least "
                f"{primary.min_schools_implied} primary schools.",
            )
        )
    placements = placements_summary(sen)
    if sen.placements.placed_inside_note:
        notes.append(
            SenNote(
                PLACEMENTS,
                f"One answer ({count(placements.inside_authority)}) is given for all "
                f"{count_words(len(sen.placements.types))} placement types, although the "
                "question asks for each.",
                quote=sen.placements.placed_inside_authority.source.quote,
            )
        )
    estimate = out_of_city_estimate(sen)
    cost = out_of_city_cost_words(estimate)
    rounding = ""
    if estimate.approximate:
        step = (estimate.annual_cost_high_gbp - estimate.annual_cost_low_gbp) / 1e6
        rounding = (
            f" (between {count(estimate.implied_pupils_low)} and "
            f"{count(estimate.implied_pupils_high)} if '{cost}' is read to the nearest "
            f"{money_m(step, estimate.places_m)})"
        )
    notes.append(
        SenNote(
            OUT_OF_CITY,
            f"{cost[:1].upper()}{cost[1:]} a year at {pounds(estimate.average_cost_gbp)} per "
            f"pupil implies about {count(estimate.implied_pupils)} pupils placed out of city"
            f"{rounding}. These figures are undated in the source ({sen.out_of_city.as_at}) "
            f"and are education's share only; the FOI reply's {placements.total} "
            f"independent placements are {placements.as_at} and count a different thing, so "
            "the two are not a trend.",
            quote=sen.out_of_city.annual_cost_gbp.source.quote,
        )
    )
    best = next((r for r in sen.timeline.rows if r.label == "BEST Teams"), None)
    if best is not None:
        notes.append(
            SenNote(
                TIMELINE,
                f"The timeline shows '{best.label}: {best.detail}'; the matching suggested "
                f"action ({', '.join(str(n) for n in best.actions)}) names multi-agency teams "
                "in two areas. The timeline's bars lost their years in extraction: only years "
                "written in the text are shown.",
                quote=best.quote,
            )
        )
    school_f = next((r for r in sen.proposed_special_schools.rows if r.places.note), None)
    if school_f is not None:
        notes.append(
            SenNote(
                "Proposed special school provision",
                f"{school_f.name}: {school_f.places.describe()} places; the table adds "
                f"'{school_f.places.note}' (p/t: part-time; KS2: key stage 2).",
            )
        )
    return notes


def notes_frame(notes: list[SenNote]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"Table": n.table, "Note": n.text, "Words in the source": n.quote or ""} for n in notes],
        columns=["Table", "Note", "Words in the source"],
    )


def note_dict(note: SenNote) -> dict[str, object]:
    return asdict(note)
