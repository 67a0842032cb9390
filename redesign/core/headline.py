"""A headline figure: label, value, help text and how it was found."""

from __future__ import annotations

from dataclasses import dataclass

# --- headline figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """One metric tile: a label, the formatted value, and a sentence saying where it comes from."""

    key: str
    label: str
    value: str
    number: float | None
    help: str
    derived: bool = False
