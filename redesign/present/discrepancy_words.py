"""A published figure that does not add up, in words for the note beside its chart (pure)."""

from __future__ import annotations

from redesign.checks.discrepancy import Discrepancy
from redesign.core.formatting import fte, money_m


def discrepancy_value(value: float | None, unit: str) -> str:
    """One side of a discrepancy in its unit: "£1.25m", "4.13 FTE", "12 places", "not stated"."""
    if unit == "£m":
        return money_m(value)
    if unit == "FTE":
        return f"{fte(value)} FTE"
    return "not stated" if value is None else f"{value:g} {unit}"


def discrepancy_text(d: Discrepancy) -> str:
    """The check and its detail; both numbers are added when the detail does not give them.
    Plain text (the page escapes it)."""
    detail = d.detail[:1].upper() + d.detail[1:] if d.detail else ""
    text = f"{d.check_label}: {detail}."
    published = discrepancy_value(d.published, d.unit)
    computed = discrepancy_value(d.computed, d.unit)
    bare = published.removesuffix(" FTE"), computed.removesuffix(" FTE")
    if not all(b in d.detail for b in bare):
        text += f" Stated: {published}; from the other published figures: {computed}."
    return text
