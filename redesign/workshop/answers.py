"""A school's answer: what it would buy, checked before anything is stored.

Every field has a type and a limit, and a figure that cannot be right (text, below zero, more days
than a year has) is refused with a message a headteacher understands, naming the field, so the
form can show it beside the box and keep what was typed. Texts are plain: they are shown as text,
never as HTML or Markdown, and lose only the control characters a page could be tricked by.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from redesign.workshop.offers import MAX_DAYS_A_YEAR, UNIT_DAYS, UNIT_LABELS, to_days

MAX_SCHOOL_CHARS = 80
MAX_COMMENT_CHARS = 1_000
MAX_AMOUNT_CHARS = 12
ANONYMOUS = "anonymous"
PHASES = {
    "primary": "Primary",
    "secondary": "Secondary",
    "all_through": "All-through",
    "special": "Special school",
    "alternative": "Alternative provision or pupil referral unit",
    "nursery": "Nursery or early years",
    "post_16": "Post-16",
    "other": "Other, or would rather not say",
}
CONTRACT_YEARS = (1, 2, 3)
# Control characters, lone surrogates, and the invisible and bidirectional marks that could make a
# name read differently from what is stored.
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\ud800-\\udfff{_INVISIBLE}]")
_CONTROL_BUT_NEWLINE = re.compile(f"[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff{_INVISIBLE}]")


@dataclass(frozen=True)
class Problem:
    field: str  # "school", "phase", "contract_years", "comment", "days.<group id>"
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class AnswerRefused(ValueError):
    """The answer cannot be taken as it is; ``problems`` says what and where, one per field."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in problems))

    def for_field(self, name: str) -> str | None:
        return next((p.message for p in self.problems if p.field == name), None)


@dataclass(frozen=True)
class Answer:
    """One school's expression of interest (not an order): days a year per offer asked, the
    offers it is not sure about, and the contract length it has in mind."""

    school: str  # "" when anonymous
    phase: str
    contract_years: int
    days: Mapping[str, float] = field(default_factory=dict)  # group id -> days a year
    not_sure: frozenset[str] = frozenset()
    comment: str = ""

    @property
    def anonymous(self) -> bool:
        return not self.school

    @property
    def school_label(self) -> str:
        return self.school or ANONYMOUS


def school_key(name: str) -> str:
    """The form of a school's name that decides "the same school": case, spacing and punctuation
    do not make a second school ("Oak Primary", "oak  primary." are one)."""
    words = re.sub(r"[^\w]+", " ", name.casefold()).split()
    return " ".join(words)


def clean_text(value: object, field_name: str, limit: int, *, multiline: bool = False) -> str:
    """Plain text within ``limit`` characters; AnswerRefused naming the field otherwise."""
    if not isinstance(value, str):
        raise AnswerRefused([Problem(field_name, "expected text")])
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
        text = _CONTROL_BUT_NEWLINE.sub("", value).strip()
    else:
        text = " ".join(_CONTROL.sub("", value).split())
    if len(text) > limit:
        raise AnswerRefused(
            [Problem(field_name, f"{len(text):,} characters; please keep it to {limit:,}")]
        )
    return text


def parse_amount(text: object, unit: str) -> float:
    """Days a year from what a school typed in ``unit``: "" is none; ValueError with the message
    to show otherwise."""
    if unit not in UNIT_DAYS:
        raise ValueError(f"choose days, half days or sessions (got {str(unit)[:20]!r})")
    if isinstance(text, bool):
        raise ValueError("write a number, like 5 or 2.5")
    if isinstance(text, int | float):
        amount = float(text)
    elif isinstance(text, str):
        typed = text.strip().replace(",", "")
        if not typed:
            return 0.0
        if len(typed) > MAX_AMOUNT_CHARS:
            raise ValueError("that is too long to be a number of days")
        try:
            amount = float(typed)
        except ValueError:
            raise ValueError(
                f"write a number of {UNIT_LABELS[unit]}, like 5 or 2.5 (not words)"
            ) from None
    else:
        raise ValueError("write a number, like 5 or 2.5")
    if not math.isfinite(amount):
        raise ValueError("write a number, like 5 or 2.5")
    if amount < 0:
        raise ValueError("the number cannot be below zero; write 0 for none")
    days = to_days(amount, unit)
    if days > MAX_DAYS_A_YEAR:
        most = MAX_DAYS_A_YEAR / UNIT_DAYS[unit]
        raise ValueError(
            f"that is more than a year has: at most {most:,.0f} {UNIT_LABELS[unit]} a year"
        )
    # Half days are the smallest part the offers are sold in.
    if not math.isclose(days * 2, round(days * 2), abs_tol=1e-9):
        raise ValueError("days are sold in halves: write a whole or a half (like 2.5)")
    return days


@dataclass(frozen=True)
class OfferInput:
    """What the form gave for one offer: the amount as typed, its unit, and "not sure"."""

    amount: object = ""
    unit: str = "days"
    not_sure: bool = False


def make_answer(
    *,
    offers: Collection[str],
    school: object,
    anonymous: bool,
    phase: object,
    contract_years: object,
    inputs: Mapping[str, OfferInput],
    comment: object = "",
) -> Answer:
    """Check every field of a form and build the Answer; AnswerRefused with every problem."""
    problems: list[Problem] = []
    name = ""
    if not anonymous:
        try:
            name = clean_text(school, "school", MAX_SCHOOL_CHARS)
        except AnswerRefused as exc:
            problems += exc.problems
        else:
            if not school_key(name):
                problems.append(
                    Problem("school", "give your school's name, or choose to answer anonymously")
                )
    if phase not in PHASES:
        problems.append(Problem("phase", "choose your school's phase"))
    if isinstance(contract_years, bool) or contract_years not in CONTRACT_YEARS:
        problems.append(Problem("contract_years", "choose 1, 2 or 3 years"))
    try:
        note = clean_text(comment, "comment", MAX_COMMENT_CHARS, multiline=True)
    except AnswerRefused as exc:
        problems += exc.problems
        note = ""
    unknown = sorted(set(inputs) - set(offers))
    if unknown:
        problems.append(Problem("days", f"this workshop does not ask about {unknown[0][:40]!r}"))
    days: dict[str, float] = {}
    unsure: set[str] = set()
    for gid in offers:
        given = inputs.get(gid, OfferInput())
        if given.not_sure:
            unsure.add(gid)
            continue
        try:
            days[gid] = parse_amount(given.amount, given.unit)
        except ValueError as exc:
            problems.append(Problem(f"days.{gid}", str(exc)))
    if problems:
        raise AnswerRefused(problems)
    assert isinstance(phase, str) and isinstance(contract_years, int)
    return Answer(name, phase, contract_years, days, frozenset(unsure), note)
