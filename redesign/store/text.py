"""Names, notes and author labels: plain text with limits, checked before anything is stored.

They are shown as text, never as HTML or Markdown; here they only lose the characters a terminal
or a page could be tricked by (C0 and C1 controls, lone surrogates, as scenario_io.clean_name),
and a value over its limit is refused with the field named, not cut short."""

from __future__ import annotations

import re

from redesign.buyback.scenario_io import MAX_NAME_CHARS, clean_name
from redesign.store.errors import InvalidInput

MAX_NOTE_CHARS = 1_000
MAX_AUTHOR_CHARS = 60
# The characters clean_name removes; a note keeps its line breaks.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _text(value: object, field: str, limit: int, *, multiline: bool = False) -> str:
    if not isinstance(value, str):
        raise InvalidInput(field, f"expected text, got {type(value).__name__}")
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
        text = _CONTROL_BUT_NEWLINE.sub("", value).strip()
    else:
        text = _CONTROL.sub("", value).strip()
    if len(text) > limit:
        raise InvalidInput(field, f"{len(text):,} characters; the limit is {limit:,}")
    return text


def scenario_name(value: object, field: str = "name") -> str:
    """A scenario's name: required, at most MAX_NAME_CHARS (as in links and scenario files)."""
    text = clean_name(_text(value, field, MAX_NAME_CHARS))
    if not text:
        raise InvalidInput(field, "give the scenario a name")
    return text


def note(value: object, field: str = "note") -> str:
    """An optional note of up to MAX_NOTE_CHARS; line breaks kept."""
    return _text(value, field, MAX_NOTE_CHARS, multiline=True)


def author(value: object, field: str = "author") -> str:
    """An optional label for who saved it (a team or initials), up to MAX_AUTHOR_CHARS."""
    return _text(value, field, MAX_AUTHOR_CHARS)
