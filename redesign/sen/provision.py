"""Proposed special school places beside today's, as ranges where the strategy gives ranges."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from redesign.core.arithmetic import total
from redesign.core.formatting import count, join_words
from redesign.core.records import FigureRange
from redesign.data.sen.records import ProposedProvision, SenNeeds
from redesign.sen.schools import special_schools_total


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
