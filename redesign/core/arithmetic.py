"""Small numeric helpers shared by the models: exact-enough sums and published-precision comparison."""

from __future__ import annotations

import math
from collections.abc import Iterable

# The report prints money to 2 decimals of £m and FTE to 2 decimals: differences below half a unit in
# the last place are rounding, not discrepancies.
TOLERANCE = 0.005


def total(values: Iterable[float | None]) -> float:
    """Sum of the stated values (None skipped), rounded to remove float noise."""
    return round(math.fsum(v for v in values if v is not None), 6)


def total_or_none(values: Iterable[float | None]) -> float | None:
    """Sum of the values, or None when none is stated."""
    stated = [v for v in values if v is not None]
    return total(stated) if stated else None


def differs(published: float | None, computed: float | None) -> bool:
    if published is None or computed is None:
        return False
    return abs(published - computed) > TOLERANCE


def clean(value: float | None, places: int = 6) -> float | None:
    return None if value is None else round(value, places)


def whole(value: float | None) -> int:
    """A published count as an int (not stated counts as 0)."""
    return int(value or 0)


def percent_of(numerator: float, denominator: float, places: int = 6) -> float | None:
    """numerator / denominator as a percentage (12.5, not 0.125), or None when the denominator is 0."""
    if not denominator:
        return None
    return clean(100 * numerator / denominator, places)
