"""Independent and out-of-city placements: counts, costs and the figures derived from them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from redesign.core.arithmetic import clean, percent_of, whole
from redesign.core.formatting import count, decimal, money_m, pounds
from redesign.core.headline import Headline
from redesign.data.sen.records import SenNeeds


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
