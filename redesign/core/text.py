"""Untrusted text made safe to show: Markdown and label escaping, plain text, short quotes."""

from __future__ import annotations

import string
import unicodedata
from typing import Any

# What a chosen value from a URL may show at most before it is cut (safe_quote).
QUOTE_LIMIT = 60

_MARKDOWN_SPECIAL = frozenset(string.punctuation)


def _escape_order(special: frozenset[str]) -> tuple[str, ...]:
    """The characters to escape, backslash first: escaping them one ``str.replace`` at a time then
    gives the same text as escaping character by character (the backslashes added later are
    never escaped again), several times faster in CPython."""
    return tuple(sorted(special, key=lambda ch: (ch != "\\", ch)))


def _escape(text: str, order: tuple[str, ...]) -> str:
    for ch in order:
        if ch in text:
            text = text.replace(ch, "\\" + ch)
    return text


_MARKDOWN_ORDER = _escape_order(_MARKDOWN_SPECIAL)


# --- untrusted text ------------------------------------------------------------------------------


def escape_markdown(text: str) -> str:
    """Backslash-escape every ASCII punctuation character, so Markdown renders ``text`` literally.

    CommonMark allows a backslash before any ASCII punctuation; escaping all of it (not a hand-picked
    list) also neutralises HTML tags (``\\<script\\>``), links, emphasis, Streamlit's ``:colour[...]``
    directives and ``$`` maths.
    """
    return _escape(text, _MARKDOWN_ORDER)


# Characters that start Markdown or HTML in a short label (emphasis, code, links, tags, maths,
# Streamlit's :colour[...] directives). Parentheses, full stops and colons are left alone, so a
# label used as an accessible name ("Help for Saving (as stated)") reads without backslashes.
_LABEL_SPECIAL = frozenset("\\`*_[]<>$~|#{}")
_LABEL_ORDER = _escape_order(_LABEL_SPECIAL)


def escape_label(text: str) -> str:
    """Escape the characters that would format a one-line label; keep it readable as a name."""
    return _escape(plain_text(text), _LABEL_ORDER)


def plain_text(text: str) -> str:
    """Control and format characters (newlines, bidi overrides, zero-width) replaced by a space."""
    if text.isprintable():
        # No character of categories Cc, Cf, Zl or Zp (isprintable is False for each of them):
        # nothing to replace, and the common case is spared a look-up per character.
        return text
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text
    )


def safe_quote(value: Any, limit: int = QUOTE_LIMIT) -> str:
    """An untrusted value shown inside Markdown: one line, cut to ``limit`` characters, escaped."""
    text = plain_text(str(value))
    if len(text) > limit:
        text = text[:limit] + "…"
    return escape_markdown(text)


def markdown_paragraphs(text: str) -> str:
    """Source text as safe Markdown: lines starting "- " become list items; everything escaped."""
    out: list[str] = []
    for raw_line in text.splitlines():
        line = raw_line.rstrip()
        stripped = line.lstrip()
        if stripped.startswith(("- ", "• ")):
            out.append("- " + escape_markdown(plain_text(stripped[2:].strip())))
        elif not stripped:
            out.append("")
        else:
            # A paragraph line after a list item needs a blank line to end the list.
            if out and out[-1].startswith("- "):
                out.append("")
            out.append(escape_markdown(plain_text(stripped)))
    return "\n".join(out)
