"""How numbers and untrusted text are written on screen and in exports (pure functions, no Streamlit).

House style: money as £m with two decimals, the sign before the pound sign
and written with the Unicode minus ("−£0.90m"); FTE with two decimals; percentages as "12.5%".
A figure the sources do not state is written "not stated", never 0."""

from __future__ import annotations

import math
from typing import Any

MINUS = "\u2212"
NOT_STATED = "not stated"


def _number(x: Any) -> float | None:
    """A finite float, or None for None/NaN/pd.NA/non-numbers."""
    if x is None or isinstance(x, bool):
        return None
    try:
        value = float(x)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _sign_and_abs(value: float, places: int) -> tuple[str, float]:
    rounded = round(value, places)
    if rounded == 0:
        return "", 0.0
    return (MINUS if rounded < 0 else "+"), abs(rounded)


def money_m(x: Any, places: int = 2, missing: str = NOT_STATED) -> str:
    """£m as the cabinet report writes it: 0.14 -> "£0.14m", -0.9 -> "−£0.90m"."""
    value = _number(x)
    if value is None:
        return missing
    sign, magnitude = _sign_and_abs(value, places)
    return f"{MINUS if sign == MINUS else ''}£{magnitude:.{places}f}m"


def signed_money_m(x: Any, places: int = 2, missing: str = NOT_STATED) -> str:
    """A change in £m with its sign: "+£0.11m", "−£0.90m", "£0.00m"."""
    value = _number(x)
    if value is None:
        return missing
    sign, magnitude = _sign_and_abs(value, places)
    return f"{sign}£{magnitude:.{places}f}m"


def money_words(x: Any, missing: str = NOT_STATED) -> str:
    """Money (given in £m) for running prose: 0.14 -> "£140,000", 1.25 -> "£1.25 million"."""
    value = _number(x)
    if value is None:
        return missing
    sign = MINUS if round(value, 6) < 0 else ""
    magnitude = abs(value)
    if round(magnitude, 2) >= 1:
        return f"{sign}£{magnitude:.2f} million"
    return f"{sign}£{round(magnitude * 1_000_000, -3):,.0f}"


def fte(x: Any, places: int = 2, missing: str = NOT_STATED) -> str:
    """Full-time equivalent with the report's two decimals: 4.13 -> "4.13"."""
    value = _number(x)
    if value is None:
        return missing
    sign, magnitude = _sign_and_abs(value, places)
    return f"{MINUS if sign == MINUS else ''}{magnitude:.{places}f}"


def signed_fte(x: Any, places: int = 2, missing: str = NOT_STATED) -> str:
    value = _number(x)
    if value is None:
        return missing
    sign, magnitude = _sign_and_abs(value, places)
    return f"{sign}{magnitude:.{places}f}"


def pct(x: Any, places: int = 1, missing: str = NOT_STATED) -> str:
    """A percentage given in per cent: 12.5 -> "12.5%"."""
    value = _number(x)
    if value is None:
        return missing
    sign, magnitude = _sign_and_abs(value, places)
    return f"{MINUS if sign == MINUS else ''}{magnitude:.{places}f}%"


def share(x: Any, places: int = 1, missing: str = NOT_STATED) -> str:
    """A share given as a fraction: 0.296 -> "29.6%"."""
    value = _number(x)
    return missing if value is None else pct(value * 100, places, missing)


def count(x: Any, missing: str = NOT_STATED) -> str:
    """A whole number of people or posts: 167 -> "167", 1234 -> "1,234"."""
    value = _number(x)
    if value is None:
        return missing
    sign = MINUS if round(value) < 0 else ""
    return f"{sign}{abs(round(value)):,}"


_SMALL_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def count_words(x: Any, missing: str = NOT_STATED) -> str:
    """A count in running prose (GOV.UK style): one to nine in words, 10 and over in figures:
    9 -> "nine", 12 -> "12", 1234 -> "1,234"."""
    value = _number(x)
    if value is None:
        return missing
    whole = round(value)
    return _SMALL_NUMBERS[whole] if 0 <= whole < len(_SMALL_NUMBERS) else count(whole)


def pounds(x: Any, missing: str = NOT_STATED) -> str:
    """Whole pounds (given in £, not £m), as prose and tiles write them: 55500 -> "£55,500"."""
    value = _number(x)
    if value is None:
        return missing
    sign = MINUS if round(value) < 0 else ""
    return f"{sign}£{abs(round(value)):,}"


def decimal(x: Any, places: int = 2, missing: str = NOT_STATED) -> str:
    """A plain number with a fixed number of decimals: 63.0631 -> "63.06" (places=2)."""
    value = _number(x)
    if value is None:
        return missing
    sign, magnitude = _sign_and_abs(value, places)
    return f"{MINUS if sign == MINUS else ''}{magnitude:,.{places}f}"


# Names listed in a sentence before the rest are counted ("A, B, C, D, E, F and 894 more"): alt
# text and notes stay readable however large the dataset grows.
LIST_LIMIT = 6


def join_words(
    items: list[str] | tuple[str, ...],
    conjunction: str = "and",
    limit: int | None = LIST_LIMIT,
    more: str = "more",
) -> str:
    """Items as a list in prose: "A", "A and B", "A, B and C" (no serial comma); past ``limit``
    items the rest are counted: "A, B and 5 more"."""
    items = list(items)
    if limit is not None and len(items) > limit + 1:
        items = [*items[:limit], f"{count(len(items) - limit)} {more}"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def service_names(names: tuple[str, ...] | list[str]) -> str:
    """Service names in prose, the rest counted past six: "A, B and 3 more services"."""
    return join_words(names, more="more services")


def yes_no(x: Any, missing: str = "") -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return missing
    return "yes" if bool(x) else "no"
