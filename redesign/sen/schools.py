"""Special schools, School Action and statements: occupancy, implied rolls and pupils per school."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import pandas as pd

from redesign.core.arithmetic import clean, percent_of, whole
from redesign.data.sen.records import SenNeeds

Status = Literal["over capacity", "at capacity", "below capacity"]

OVER: Status = "over capacity"
AT: Status = "at capacity"
BELOW: Status = "below capacity"


# ---------------------------------------------------------------------------------------------------
# Special schools: occupancy
# ---------------------------------------------------------------------------------------------------
def occupancy_status(places: float, pupils: float) -> Status:
    if pupils > places:
        return OVER
    if pupils == places:
        return AT
    return BELOW


@dataclass(frozen=True)
class SchoolOccupancy:
    name: str
    type: str
    phase: str
    federated: bool
    places: int
    pupils: int
    occupancy_pct: float | None  # pupils / places × 100
    spare_places: int  # places − pupils; negative when over capacity
    status: Status
    as_at: str


def special_school_occupancy(sen: SenNeeds) -> tuple[SchoolOccupancy, ...]:
    out = []
    for s in sen.special_schools.rows:
        places, pupils = whole(s.places.value), whole(s.pupils.value)
        out.append(
            SchoolOccupancy(
                name=s.name,
                type=s.type,
                phase=s.phase,
                federated=s.federated,
                places=places,
                pupils=pupils,
                occupancy_pct=percent_of(pupils, places),
                spare_places=places - pupils,
                status=occupancy_status(places, pupils),
                as_at=s.as_at,
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class SpecialSchoolsTotal:
    schools: int
    places: int  # sum of the rows
    pupils: int  # sum of the rows
    stated_places: int
    stated_pupils: int
    stated_count: int
    occupancy_pct: float | None  # rows' pupils / rows' places × 100
    over_capacity: tuple[str, ...]
    at_capacity: tuple[str, ...]
    as_at: str


def special_schools_total(sen: SenNeeds) -> SpecialSchoolsTotal:
    schools = special_school_occupancy(sen)
    places = sum(s.places for s in schools)
    pupils = sum(s.pupils for s in schools)
    block = sen.special_schools
    return SpecialSchoolsTotal(
        schools=len(schools),
        places=places,
        pupils=pupils,
        stated_places=whole(block.stated_places.value),
        stated_pupils=whole(block.stated_pupils.value),
        stated_count=whole(block.stated_count.value),
        occupancy_pct=percent_of(pupils, places),
        over_capacity=tuple(s.name for s in schools if s.status == OVER),
        at_capacity=tuple(s.name for s in schools if s.status == AT),
        as_at=block.as_at,
    )


def special_schools_frame(sen: SenNeeds) -> pd.DataFrame:
    """Places, pupils and occupancy per special school; status in words (not colour alone)."""
    glossary = sen.special_schools.type_glossary
    rows = [
        {
            "School": s.name,
            "Type": s.type,
            "Type in full": " + ".join(glossary.get(p, p) for p in s.type.split(" + ")),
            "Phase": s.phase,
            "Places": s.places,
            "Pupils": s.pupils,
            "Occupancy %": None if s.occupancy_pct is None else round(s.occupancy_pct, 1),
            "Spare places": s.spare_places,
            "Status": s.status,
            "As at": s.as_at,
        }
        for s in special_school_occupancy(sen)
    ]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------------
# School Action and School Action Plus: shares of the roll and the roll they imply
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImpliedRoll:
    """The number on roll implied by a count and its published percentage of the roll.

    ``roll`` is count ÷ share. The share is published to ``decimals`` places, so the true share lies
    within half a unit of the last place either side; ``roll_low``..``roll_high`` are the whole
    numbers on roll consistent with that (both ends included: ties may round either way).
    """

    label: str
    pupils: int
    share_pct: float
    roll: float
    roll_low: int
    roll_high: int
    as_at: str


def implied_roll(
    label: str, pupils: int, share_pct: float, as_at: str, decimals: int = 1
) -> ImpliedRoll:
    if share_pct <= 0:
        raise ValueError(f"a share of the roll must be above zero, got {share_pct!r}")
    share = Fraction(str(share_pct))
    half = Fraction(1, 2 * 10**decimals)
    low_share, high_share = share - half, share + half
    roll_low = math.ceil(Fraction(pupils * 100) / high_share)
    roll_high = (
        math.floor(Fraction(pupils * 100) / low_share) if low_share > 0 else 10**12  # unbounded
    )
    return ImpliedRoll(
        label=label,
        pupils=pupils,
        share_pct=share_pct,
        roll=float(Fraction(pupils * 100) / share),
        roll_low=roll_low,
        roll_high=roll_high,
        as_at=as_at,
    )


@dataclass(frozen=True)
class SchoolActionRolls:
    school_action: ImpliedRoll
    school_action_plus: ImpliedRoll
    consistent_low: int | None  # the rolls consistent with both published shares; None if none
    consistent_high: int | None
    combined_pupils: int
    combined_share_pct: float  # the two published shares added
    as_at: str


def school_action_rolls(sen: SenNeeds) -> SchoolActionRolls:
    sa, sap = sen.school_action, sen.school_action_plus
    a = implied_roll(sa.label, whole(sa.pupils.value), sa.share_of_roll_pct.value or 0, sa.as_at)
    b = implied_roll(
        sap.label, whole(sap.pupils.value), sap.share_of_roll_pct.value or 0, sap.as_at
    )
    low, high = max(a.roll_low, b.roll_low), min(a.roll_high, b.roll_high)
    return SchoolActionRolls(
        school_action=a,
        school_action_plus=b,
        consistent_low=low if low <= high else None,
        consistent_high=high if low <= high else None,
        combined_pupils=a.pupils + b.pupils,
        combined_share_pct=clean(a.share_pct + b.share_pct, 6) or 0.0,
        as_at=sa.as_at,
    )


def school_action_frame(sen: SenNeeds) -> pd.DataFrame:
    rolls = school_action_rolls(sen)
    rows = [
        {
            "Stage": r.label,
            "Pupils": r.pupils,
            "Share of roll % (published)": r.share_pct,
            "Roll implied": round(r.roll),
            "Roll consistent with the rounding, from": r.roll_low,
            "to": r.roll_high,
            "As at": r.as_at,
        }
        for r in (rolls.school_action, rolls.school_action_plus)
    ]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------------
# Statements per school
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StatementsPerSchool:
    phase: str
    pupils: int
    schools: int | None  # None: not stated
    average: float | None  # pupils / schools, where the schools are stated
    per_school_min: int
    per_school_max: int
    # Is the total possible with the stated range (one school at each end, the rest in between)?
    feasible: bool | None
    # Where the number of schools is not stated: the fewest schools the total and range allow.
    min_schools_implied: int | None
    as_at: str


def statements_per_school(sen: SenNeeds) -> tuple[StatementsPerSchool, StatementsPerSchool]:
    out = []
    for phase in (sen.statements.primary, sen.statements.secondary):
        pupils = whole(phase.pupils.value)
        low, high = whole(phase.per_school_min.value), whole(phase.per_school_max.value)
        stated = phase.schools.value if phase.schools is not None else None
        schools = None if not stated else whole(stated)
        feasible = None
        min_schools = None
        if schools is not None:
            if schools == 1:
                feasible = low == high == pupils
            else:
                feasible = low + high + (schools - 2) * low <= pupils
                feasible = feasible and pupils <= low + high + (schools - 2) * high
        elif high > 0:
            # One school at the minimum, one at the maximum, the rest at most at the maximum.
            rest = max(pupils - low - high, 0)
            min_schools = 2 + math.ceil(rest / high) if low != high else math.ceil(pupils / high)
        out.append(
            StatementsPerSchool(
                phase=phase.phase,
                pupils=pupils,
                schools=schools,
                average=clean(pupils / schools, 6) if schools else None,
                per_school_min=low,
                per_school_max=high,
                feasible=feasible,
                min_schools_implied=min_schools,
                as_at=phase.as_at,
            )
        )
    return out[0], out[1]


def statements_frame(sen: SenNeeds) -> pd.DataFrame:
    rows = [
        {
            "Phase": s.phase.capitalize(),
            "Pupils with statements": s.pupils,
            "Schools": s.schools,
            "Average per school": None if s.average is None else round(s.average, 2),
            "Fewest per school": s.per_school_min,
            "Most per school": s.per_school_max,
            "As at": s.as_at,
        }
        for s in statements_per_school(sen)
    ]
    return pd.DataFrame(rows)
