"""Reconciliation checks for the SEN needs and provision dataset, and its honest caveats.

Discrepancies are returned as ``redesign.checks.discrepancy.Discrepancy`` records (``service`` is the
table's name, ``service_id`` None), only where published figures differ beyond rounding. Caveats that
are not arithmetic mismatches (two sections describing the same thing differently, an open-ended
range, an undated figure) are ``SenNote`` records, kept apart."""

from __future__ import annotations

from redesign.checks.discrepancy import Discrepancy
from redesign.core.arithmetic import differs, total
from redesign.data.sen.records import ProposedProvision, SenNeeds
from redesign.sen.categories import category_totals
from redesign.sen.provision import proposed_places
from redesign.sen.schools import school_action_rolls, special_schools_total, statements_per_school

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


def _d(
    table: str,
    check: str,
    published: float | None,
    computed: float | None,
    unit: str,
    detail: str,
) -> Discrepancy:
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
