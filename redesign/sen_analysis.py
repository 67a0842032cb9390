"""Derived figures for the SEN needs and provision dataset, and need beside support.

Every function works on the published figures in data/sen_needs.yaml and returns typed results or
pandas frames; nothing is corrected. Each result carries the date label of the figures it uses,
because they describe different moments: the strategy's tables are "as at January 2004", the FOI
placements February 2015, and the service proposals 2016.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import pandas as pd

from redesign.arithmetic import clean, percent_of, total, whole
from redesign.dataset import Dataset
from redesign.finance import service_staffing
from redesign.formatting import count, decimal, fte, join_words, money_m, pounds
from redesign.need_map import NeedMap
from redesign.records import FigureRange
from redesign.scenario import BuybackModel
from redesign.sen import ProposedProvision, SenNeeds
from redesign.views import Headline

Status = Literal["over capacity", "at capacity", "below capacity"]

OVER = "over capacity"
AT = "at capacity"
BELOW = "below capacity"


# ---------------------------------------------------------------------------------------------------
# Categories of need
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CategoryTotals:
    primary: int
    secondary: int
    total: int  # the sum of the rows' stated totals (the table prints no grand total)
    as_at: str


def category_totals(sen: SenNeeds) -> CategoryTotals:
    rows = sen.categories.rows
    return CategoryTotals(
        primary=whole(total(r.primary.value for r in rows)),
        secondary=whole(total(r.secondary.value for r in rows)),
        total=whole(total(r.total.value for r in rows)),
        as_at=sen.categories.as_at,
    )


def categories_frame(sen: SenNeeds) -> pd.DataFrame:
    """One row per category of need: pupils in primary, secondary and in total, as published."""
    table_total = category_totals(sen).total
    rows = [
        {
            "category_id": r.id,
            "Category of need": r.label,
            "Primary pupils": whole(r.primary.value),
            "Secondary pupils": whole(r.secondary.value),
            "Total pupils": whole(r.total.value),
            "Share of table %": percent_of(whole(r.total.value), table_total, 1),
            "As at": r.as_at,
        }
        for r in sen.categories.rows
    ]
    return pd.DataFrame(rows)


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
    b = implied_roll(sap.label, whole(sap.pupils.value), sap.share_of_roll_pct.value or 0, sap.as_at)
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


# ---------------------------------------------------------------------------------------------------
# Independent placements (FOI, February 2015) and out-of-city cost (strategy, undated)
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlacementsSummary:
    total: int
    inside_authority: int
    inside_share_pct: float | None
    outside_authority: int
    as_at: str


def placements_summary(sen: SenNeeds) -> PlacementsSummary:
    p = sen.placements
    placed = sum(whole(t.pupils.value) for t in p.types)
    inside = whole(p.placed_inside_authority.value)
    return PlacementsSummary(placed, inside, percent_of(inside, placed), placed - inside, p.as_at)


def placements_frame(sen: SenNeeds) -> pd.DataFrame:
    summary = placements_summary(sen)
    rows = [
        {
            "Placement type": t.label,
            "Children and young people": whole(t.pupils.value),
            "Share of placements %": percent_of(whole(t.pupils.value), summary.total, 1),
            "As at": t.as_at,
        }
        for t in sen.placements.types
    ]
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class OutOfCityEstimate:
    annual_cost_gbp: float
    average_cost_gbp: float
    implied_pupils: float  # annual cost ÷ average cost per pupil
    implied_pupils_low: float  # with "about £3.5m" read as £3.45m to £3.55m (where approximate)
    implied_pupils_high: float
    approximate: bool
    as_at: str
    annual_cost_low_gbp: float = 0.0  # the approximate cost's rounding range (= the cost if exact)
    annual_cost_high_gbp: float = 0.0
    places_m: int = 2  # decimals of £m the cost is written with ("about £3.5m": 1)
    range_places_m: int = 2  # decimals of £m its rounding range needs ("£3.45m": 2)


def _places_m(gbp: float) -> int:
    """Decimals of £m that show an amount of ``gbp`` pounds (a power of ten) exactly."""
    return max(0, 6 - math.floor(math.log10(gbp)))


def out_of_city_estimate(sen: SenNeeds) -> OutOfCityEstimate:
    o = sen.out_of_city
    annual = o.annual_cost_gbp.value or 0.0
    average = o.average_cost_per_pupil_gbp.value or 0.0
    low = high = annual
    places = range_places = 2
    if o.annual_cost_approximate and annual:
        # "about £3.5m": published to one decimal of £m, so half of £0.1m either side.
        step = 10 ** (math.floor(math.log10(annual)) - 1)
        low, high = annual - step / 2, annual + step / 2
        places, range_places = _places_m(step), _places_m(step / 2)
    return OutOfCityEstimate(
        annual_cost_gbp=annual,
        average_cost_gbp=average,
        implied_pupils=clean(annual / average, 6) or 0.0,
        implied_pupils_low=clean(low / average, 6) or 0.0,
        implied_pupils_high=clean(high / average, 6) or 0.0,
        approximate=o.annual_cost_approximate,
        as_at=o.as_at,
        annual_cost_low_gbp=low,
        annual_cost_high_gbp=high,
        places_m=places,
        range_places_m=range_places,
    )


def out_of_city_cost_words(estimate: OutOfCityEstimate) -> str:
    """The annual cost as published: "about £3.5m" (to its published precision), else "£3.50m"."""
    cost = money_m(estimate.annual_cost_gbp / 1e6, estimate.places_m)
    return f"about {cost}" if estimate.approximate else cost


def out_of_city_rounding_words(estimate: OutOfCityEstimate) -> str:
    """What the approximate cost may mean: "£3.45m to £3.55m" (empty when the cost is exact)."""
    if not estimate.approximate:
        return ""
    places = estimate.range_places_m
    return (
        f"{money_m(estimate.annual_cost_low_gbp / 1e6, places)} to "
        f"{money_m(estimate.annual_cost_high_gbp / 1e6, places)}"
    )


def section_number(section: str) -> str:
    """A heading's leading number ("4.5 Reducing Dependency on ..." -> "4.5"), or "" if none."""
    match = re.match(r"\s*(\d+(?:\.\d+)*)\b", section)
    return match.group(1) if match else ""


def out_of_city_headlines(sen: SenNeeds) -> list[Headline]:
    """The three out-of-city tiles: the annual cost (with the strategy's own words), the average
    cost per pupil, and the number of pupils the two imply (derived)."""
    o = sen.out_of_city
    estimate = out_of_city_estimate(sen)
    cost = out_of_city_cost_words(estimate)
    average = pounds(estimate.average_cost_gbp)
    quote = o.annual_cost_gbp.source.quote
    number = section_number(o.section)
    where = f"section {number}" if number else f"section “{o.section}”"
    derived = (
        f"Derived: {money_m(estimate.annual_cost_gbp / 1e6, estimate.places_m)} ÷ {average} = "
        f"{decimal(estimate.implied_pupils, 2)}"
    )
    if estimate.approximate:
        derived += (
            f"; {decimal(estimate.implied_pupils_low, 1)} to "
            f"{decimal(estimate.implied_pupils_high, 1)} if '{cost}' means "
            f"{out_of_city_rounding_words(estimate)}"
        )
    return [
        Headline(
            "ooc_cost",
            "Education's out-of-city cost a year (undated)",
            cost,
            estimate.annual_cost_gbp,
            (
                f"As the strategy puts it: '{quote}' (education's share only)."
                if quote
                else f"As published in the strategy's {where} (education's share only)."
            ),
        ),
        Headline(
            "ooc_average",
            "Average cost per pupil (undated)",
            average,
            estimate.average_cost_gbp,
            f"As published in the strategy's {where}.",
        ),
        Headline(
            "ooc_pupils",
            "Pupils this implies (derived, undated)",
            f"about {count(estimate.implied_pupils)}",
            estimate.implied_pupils,
            derived + ".",
            derived=True,
        ),
    ]


# ---------------------------------------------------------------------------------------------------
# Proposed provision against today's places
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlacesRange:
    """A sum of published place ranges. ``high`` is None when any row is open-ended ("40+");
    ``high_if_open_at_min`` counts open-ended rows at their minimum (as the published totals do)."""

    low: float
    high: float | None
    high_if_open_at_min: float
    open_ended: tuple[str, ...]  # names of the open-ended rows

    def _closed(self) -> str:
        if self.low == self.high_if_open_at_min:
            return f"{self.low:,.0f}"
        return f"{self.low:,.0f} to {self.high_if_open_at_min:,.0f}"

    def describe(self) -> str:
        if not self.open_ended:
            return self._closed()
        return f"{self._closed()}, or more ({', '.join(self.open_ended)} open-ended)"

    def short(self) -> str:
        """For titles and tiles: "470 to 510+" ("+" only when a row is open-ended)."""
        return self._closed() + ("+" if self.open_ended else "")


def sum_ranges(named: list[tuple[str, FigureRange]]) -> PlacesRange:
    low = total(r.low for _n, r in named)
    open_rows = tuple(n for n, r in named if r.open_ended or r.high is None)
    high_at_min = total((r.low if (r.open_ended or r.high is None) else r.high) for _n, r in named)
    return PlacesRange(
        low=low,
        high=None if open_rows else high_at_min,
        high_if_open_at_min=high_at_min,
        open_ended=open_rows,
    )


def proposed_places(provision: ProposedProvision) -> PlacesRange:
    return sum_ranges([(r.name, r.places) for r in provision.rows])


def add_ranges(a: PlacesRange, b: PlacesRange) -> PlacesRange:
    open_rows = a.open_ended + b.open_ended
    return PlacesRange(
        low=total((a.low, b.low)),
        high=None if open_rows else total((a.high, b.high)),
        high_if_open_at_min=total((a.high_if_open_at_min, b.high_if_open_at_min)),
        open_ended=open_rows,
    )


@dataclass(frozen=True)
class ProvisionComparison:
    today_places: int
    today_pupils: int
    today_as_at: str
    special: PlacesRange
    enhanced: PlacesRange
    combined: PlacesRange
    proposals_as_at: str

    @property
    def special_change_low(self) -> float:
        """Change in special places at the proposals' lowest total (negative = fewer)."""
        return self.special.low - self.today_places

    @property
    def special_change_high(self) -> float:
        """Change at the published top of the range (open-ended rows at their minimum)."""
        return self.special.high_if_open_at_min - self.today_places


def provision_comparison(sen: SenNeeds) -> ProvisionComparison:
    totals = special_schools_total(sen)
    special = proposed_places(sen.proposed_special_schools)
    enhanced = proposed_places(sen.proposed_enhanced_resource_schools)
    return ProvisionComparison(
        today_places=totals.places,
        today_pupils=totals.pupils,
        today_as_at=totals.as_at,
        special=special,
        enhanced=enhanced,
        combined=add_ranges(special, enhanced),
        proposals_as_at=sen.proposed_special_schools.as_at,
    )


def provision_notes(sen: SenNeeds) -> list[str]:
    """The notes under the provision chart: how the open-ended rows ("40+") are counted, and the
    change in special places against today's, in words."""
    c = provision_comparison(sen)
    block = sen.proposed_special_schools
    open_rows = [r for r in block.rows if r.places.open_ended or r.places.high is None]
    notes = []
    if open_rows:
        published = join_words(
            [f"{r.name} is published as “{r.places.describe()}”" for r in open_rows]
        )
        stated = block.stated_total
        if stated.low == c.special.low and stated.high == c.special.high_if_open_at_min:
            minimum = join_words([f"{r.name} at {r.places.low:g}" for r in open_rows])
            total_words = f"The strategy's own total, {stated.describe()}, counts {minimum}."
        else:
            total_words = f"The strategy's own total is {stated.describe()}."
        notes.append(
            f"{published}: the proposed special places are {c.special.describe()}. {total_words}"
        )
    fewer_low, fewer_high = -c.special_change_low, -c.special_change_high
    if fewer_low >= 0 and fewer_high >= 0:
        direction = "fewer"
        amounts = (fewer_low, fewer_high)
    elif fewer_low <= 0 and fewer_high <= 0:
        direction = "more"
        amounts = (-fewer_low, -fewer_high)
    else:
        direction = ""
    if direction:
        a, b = amounts
        change = f"{count(a) if a == b else f'{count(a)} to {count(b)}'} {direction} special places"
    else:
        change = f"between {count(fewer_low)} fewer and {count(-fewer_high)} more special places"
    if open_rows:
        has_more = join_words([f"{r.name} has more than {r.places.low:g}" for r in open_rows], "or")
        change += f" ({direction or 'more'} still if {has_more})"
    notes.append(
        f"Against today's {count(c.today_places)} places that is {change}, with "
        f"{c.enhanced.describe()} places in enhanced resource schools besides."
    )
    return notes


def provision_frame(sen: SenNeeds) -> pd.DataFrame:
    """Today's special places against the proposed special and enhanced-resource places."""
    c = provision_comparison(sen)

    def row(label: str, r: PlacesRange, as_at: str) -> dict[str, object]:
        return {
            "Provision": label,
            "Places, lowest": r.low,
            "Places, highest published": r.high_if_open_at_min,
            "Open-ended": ", ".join(r.open_ended) if r.open_ended else "no",
            "Places as written": r.describe(),
            "As at": as_at,
        }

    today = PlacesRange(c.today_places, c.today_places, c.today_places, ())
    return pd.DataFrame(
        [
            row("Special schools today", today, c.today_as_at),
            row("Proposed special schools", c.special, c.proposals_as_at),
            row("Proposed enhanced resource schools", c.enhanced, c.proposals_as_at),
            row("Proposed special and enhanced resource places", c.combined, c.proposals_as_at),
        ]
    )


def proposed_schools_frame(sen: SenNeeds) -> pd.DataFrame:
    rows = []
    for block in (sen.proposed_special_schools, sen.proposed_enhanced_resource_schools):
        for r in block.rows:
            rows.append(
                {
                    "Proposal": block.title,
                    "School": r.name,
                    "Type": r.type,
                    "Phase": r.phase,
                    "Places, lowest": r.places.low,
                    "Places, highest": r.places.high,
                    "Places as written": r.places.describe(),
                    "Note": r.places.note or "",
                    "As at": r.as_at,
                }
            )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------------
# Suggested actions and the timeline
# ---------------------------------------------------------------------------------------------------
def actions_frame(sen: SenNeeds) -> pd.DataFrame:
    rows_by_label = {r.label: r for r in sen.timeline.rows}
    rows = []
    for a in sen.actions:
        row = rows_by_label.get(a.timeline_row or "")
        rows.append(
            {
                "No.": a.number,
                "Suggested action": a.text,
                "Theme": a.theme,
                "Strategy section": a.section,
                "Timeline row": a.timeline_row or "",
                "Timeline detail": (row.detail or "") if row else "",
                "Years stated": a.years_stated or "",
                "Note": "; ".join(
                    n for n in (a.timeline_row_note, a.years_note, a.body_difference) if n
                ),
            }
        )
    return pd.DataFrame(rows)


def actions_display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns a reader needs on screen (the CSV keeps every column of ``actions_frame``):
    the action, its theme and section, the timeline row with its detail, and the stated years."""
    timeline = [
        f"{row}: {detail}" if row and detail else row
        for row, detail in zip(frame["Timeline row"], frame["Timeline detail"], strict=True)
    ]
    return pd.DataFrame(
        {
            "No.": frame["No."],
            "Suggested action": frame["Suggested action"],
            "Theme and section": [
                f"{theme} (section {section})" if section else theme
                for theme, section in zip(frame["Theme"], frame["Strategy section"], strict=True)
            ],
            "Timeline row": timeline,
            "Years stated": frame["Years stated"],
        },
        index=frame.index,
    )


def filter_actions(frame: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows whose text columns contain every word of ``query`` (case-insensitive)."""
    words = [w for w in re.split(r"\s+", (query or "").strip().lower()) if w][:20]
    if not words or frame.empty:
        return frame
    text = frame.astype(str).agg(" ".join, axis=1).str.lower()
    mask = pd.Series(True, index=frame.index)
    for word in words:
        mask &= text.str.contains(word, regex=False)
    return frame[mask]


def timeline_frame(sen: SenNeeds) -> pd.DataFrame:
    rows = [
        {
            "Timeline row": r.label,
            "Detail on the chart": r.detail or "",
            "Actions": ", ".join(str(n) for n in r.actions),
            "Note": r.note or "",
        }
        for r in sen.timeline.rows
    ]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------------
# Need beside support
# ---------------------------------------------------------------------------------------------------
WHOLE_SERVICE = "(whole service: no team named)"


@dataclass(frozen=True)
class SupportLink:
    """One service mapped to a category of need, with its staffing change (whole-service figures)."""

    service_id: str
    service_name: str
    teams: tuple[str, ...]  # team names; WHOLE_SERVICE where an entry names no team
    reasons: tuple[str, ...]
    at_risk_groups: tuple[str, ...]
    at_risk_group_labels: tuple[str, ...]  # "Autism teaching posts (9.20 FTE at risk)"
    confirmed_reduction_fte: float | None  # the service's, not split by team
    potential_reduction_fte: float | None
    market_testing_fte: float | None  # the service's, not split by team
    grade_change_at_risk_fte: float | None  # staff at risk through grade changes (not a reduction)
    group_at_risk_fte: float | None  # the mapped groups' at-risk FTE (buy-back model); None: none
    note: str


@dataclass(frozen=True)
class NeedSupportRow:
    category_id: str
    label: str
    primary: int
    secondary: int
    total: int
    as_at: str
    links: tuple[SupportLink, ...]
    confirmed_reduction_fte: float | None  # sum over the distinct mapped services
    potential_reduction_fte: float | None
    market_testing_fte: float | None
    group_at_risk_fte: float | None
    note: str


def need_beside_support(dataset: Dataset) -> tuple[NeedSupportRow, ...]:
    """For each category of need: its pupils (January 2004) and the 2016 staffing change of the
    services the tool's need map links to it. Reductions are whole-service figures: the report
    does not split SEN Support Services' reduction by team."""
    sen, need_map = dataset.sen, dataset.need_map
    if sen is None or need_map is None:
        return ()
    model = BuybackModel(dataset)
    detail_service = dataset.sen_support.service_id
    rows = []
    for cat in sen.categories.rows:
        links = _links(dataset, need_map, cat.id, model.at_risk_fte, detail_service)
        confirmed = _sum_stated(link.confirmed_reduction_fte for link in links)
        potential = _sum_stated(link.potential_reduction_fte for link in links)
        market = _sum_stated(link.market_testing_fte for link in links)
        groups = _sum_stated(link.group_at_risk_fte for link in links)
        notes = [link.note for link in links if link.note]
        rows.append(
            NeedSupportRow(
                category_id=cat.id,
                label=cat.label,
                primary=whole(cat.primary.value),
                secondary=whole(cat.secondary.value),
                total=whole(cat.total.value),
                as_at=cat.as_at,
                links=links,
                confirmed_reduction_fte=confirmed,
                potential_reduction_fte=potential,
                market_testing_fte=market,
                group_at_risk_fte=groups,
                note=" ".join(dict.fromkeys(notes)),
            )
        )
    return tuple(rows)


def _lower_first(text: str) -> str:
    """ "Autism HLTA posts" -> "autism HLTA posts"; an initialism ("SEMH posts") is kept."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def need_support_notes(dataset: Dataset) -> list[str]:
    """The notes under the need-beside-support chart: the at-risk service's reductions are not
    split by team, and which at-risk groups (and pool) the chart's group figures are."""
    detail = dataset.sen_support
    try:
        service = dataset.service(detail.service_id)
    except KeyError:
        return []
    pool = service.staffing.value("market_testing_reduction_fte")
    named = [_lower_first(g.label) for g in detail.groups if not g.derived]
    remainder = [
        f"the remainder of the {fte(pool)} FTE pool for {_lower_first(g.label)}"
        for g in detail.groups
        if g.derived
    ]
    groups = ", and ".join(
        part for part in (f"the {join_words(named)}" if named else "", *remainder) if part
    )
    owner = service.name + ("'" if service.name.endswith("s") else "'s")
    notes = [
        f"{owner} confirmed reduction and the FTE subject to market testing are "
        "published for the whole service only; the report does not split them by team."
    ]
    if groups:
        notes.append(f"At-risk FTE of mapped groups are the buy-back model's groups ({groups}).")
    return notes


def _sum_stated(values) -> float | None:  # type: ignore[no-untyped-def]
    stated = [v for v in values if v is not None]
    return total(stated) if stated else None


def _links(
    dataset: Dataset,
    need_map: NeedMap,
    category_id: str,
    at_risk: dict[str, float],
    detail_service: str,
) -> tuple[SupportLink, ...]:
    by_service: dict[str, list] = {}  # type: ignore[type-arg]
    for entry in need_map.for_category(category_id):
        by_service.setdefault(entry.service, []).append(entry)
    links = []
    for service_id, entries in by_service.items():
        service = dataset.service(service_id)
        staff = service_staffing(service)
        groups = tuple(dict.fromkeys(g for e in entries for g in e.at_risk_groups))
        labels = {g.id: g.label for g in dataset.sen_support.groups}
        teams = tuple(dict.fromkeys(e.team or WHOLE_SERVICE for e in entries))
        note = ""
        if service_id == detail_service:
            note = (
                f"{service.name}: the {staff.confirmed_reduction_fte or 0:.2f} FTE confirmed "
                f"reduction and {staff.market_testing_fte or 0:.2f} FTE subject to market testing "
                "are published for the whole service, not split by team."
            )
        elif staff.confirmed_reduction_fte is None and staff.market_testing_fte is None:
            note = f"{service.name}: no reduction published"
            if staff.at_risk_fte is not None:
                note += f"; {staff.at_risk_fte:.2f} FTE at risk through grade changes"
            note += "."
        links.append(
            SupportLink(
                service_id=service_id,
                service_name=service.name,
                teams=teams,
                reasons=tuple(e.reason.strip() for e in entries),
                at_risk_groups=groups,
                at_risk_group_labels=tuple(
                    f"{labels.get(g, g)} ({at_risk.get(g, 0.0):.2f} FTE at risk)" for g in groups
                ),
                confirmed_reduction_fte=staff.confirmed_reduction_fte,
                potential_reduction_fte=staff.potential_reduction_fte,
                market_testing_fte=staff.market_testing_fte,
                grade_change_at_risk_fte=staff.at_risk_fte,
                group_at_risk_fte=total(at_risk.get(g, 0.0) for g in groups) if groups else None,
                note=note,
            )
        )
    return tuple(links)


def need_support_frame(rows: tuple[NeedSupportRow, ...]) -> pd.DataFrame:
    """One row per category of need. Do not add the FTE columns down: a service that serves several
    needs appears against each of them."""
    records = [
        {
            "category_id": r.category_id,
            "Category of need": r.label,
            "Primary pupils": r.primary,
            "Secondary pupils": r.secondary,
            "Total pupils": r.total,
            "Pupils as at": r.as_at,
            "Services": "; ".join(link.service_name for link in r.links),
            "Teams": "; ".join(f"{link.service_name}: {t}" for link in r.links for t in link.teams),
            "Confirmed reduction FTE (whole services)": r.confirmed_reduction_fte,
            "Potential reduction FTE (whole services)": r.potential_reduction_fte,
            "Subject to market testing FTE (whole services)": r.market_testing_fte,
            "At-risk FTE of mapped groups (buy-back model)": r.group_at_risk_fte,
            "Note": r.note,
        }
        for r in rows
    ]
    return pd.DataFrame(records)


def need_support_detail_frame(rows: tuple[NeedSupportRow, ...]) -> pd.DataFrame:
    """One row per category and mapped service: the teams, groups and the tool's reasons."""
    records = [
        {
            "category_id": r.category_id,
            "Category of need": r.label,
            "service_id": link.service_id,
            "Service": link.service_name,
            "Teams": "; ".join(link.teams),
            "At-risk groups": "; ".join(link.at_risk_group_labels),
            "Confirmed reduction FTE (whole service)": link.confirmed_reduction_fte,
            "Potential reduction FTE (whole service)": link.potential_reduction_fte,
            "Subject to market testing FTE (whole service)": link.market_testing_fte,
            "Staff at risk FTE (grade changes)": link.grade_change_at_risk_fte,
            "At-risk FTE of mapped groups": link.group_at_risk_fte,
            "Why (the tool's reading)": " ".join(link.reasons),
            "Note": link.note,
        }
        for r in rows
        for link in r.links
    ]
    return pd.DataFrame(records)
