"""Honest caveats about the SEN figures: dates, definitions and what the tables cannot tell."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from redesign.checks.sen_discrepancies import (
    OUT_OF_CITY,
    PLACEMENTS,
    SCHOOL_ACTION,
    SPECIAL_SCHOOLS,
    STATEMENTS,
    TIMELINE,
    UNIT_PROVISION,
)
from redesign.core.formatting import count, count_words, money_m, pounds
from redesign.data.sen.records import SenNeeds
from redesign.sen.placements import out_of_city_cost_words, out_of_city_estimate, placements_summary
from redesign.sen.provision import proposed_places
from redesign.sen.schools import school_action_rolls, special_schools_total, statements_per_school


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
