"""How numbers and untrusted text are written on screen and in exports (pure functions, no Streamlit).

House style (../shared/CONVENTIONS.md): money as £m with two decimals, the sign before the pound sign
and written with the Unicode minus ("−£0.90m"); FTE with two decimals; percentages as "12.5%".
A figure the sources do not state is written "not stated", never 0.
"""

from __future__ import annotations

import math
import string
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

MINUS = "\u2212"
NOT_STATED = "not stated"
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


def yes_no(x: Any, missing: str = "") -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return missing
    return "yes" if bool(x) else "no"


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


# --- whole tables --------------------------------------------------------------------------------

Formatter = Callable[[Any], str]


def column_formatter(column: str) -> Formatter | None:
    """The house formatter a column's header implies (unit in the header), or None for text."""
    name = column.lower()
    if "£m" in name:
        if "change" in name or name.startswith("step"):
            return signed_money_m
        return money_m
    if "share" in name or name.endswith("%") or " % " in name:
        return share if "share" in name else pct
    if "fte" in name:
        return fte
    if any(word in name for word in ("headcount", "posts", "casual", "number of", "count")):
        return count
    return None


def format_frame(
    frame: pd.DataFrame,
    formatters: Mapping[str, Formatter] | None = None,
    missing: str = "—",
) -> pd.DataFrame:
    """Every cell as display text: £m, FTE, counts and percentages by column header.

    ``formatters`` overrides the header rule per column. Missing values become ``missing``. The
    result is for display only (CSV downloads keep the numbers).
    """
    formatters = dict(formatters or {})
    out = pd.DataFrame(index=frame.index)
    texts: list[tuple[Any, list[str]]] = []
    for column in frame.columns:
        series = frame[column]
        fmt = formatters.get(column) or column_formatter(str(column))
        if pd.api.types.is_bool_dtype(series):
            texts.append((column, [yes_no(v, missing) for v in series]))
            continue
        texts.append((column, [format_cell(v, fmt, missing) for v in series]))
    if texts and frame.columns.is_unique:
        # One frame from all the columns: adding them one at a time (below) costs several times
        # as much in pandas 3. The columns, their order and dtypes are the same.
        return pd.DataFrame(dict(texts), index=frame.index, columns=[c for c, _v in texts])
    for column, values in texts:
        out[column] = values
    return out


def format_cell(value: Any, fmt: Formatter | None, missing: str = "—") -> str:
    """One table cell as display text, by its column's formatter (``format_frame``'s rule)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return missing
    if isinstance(value, bool):
        return yes_no(value)
    if fmt is not None and _number(value) is not None:
        return fmt(value)
    return str(value)


def format_records(
    records: Sequence[Mapping[str, Any]],
    formatters: Mapping[str, Formatter] | None = None,
    missing: str = "—",
) -> dict[str, list[str]]:
    """``format_frame`` for a short table given as rows (dicts with the same keys, in order),
    without building a DataFrame: column -> its cells as display text. For tables redrawn on
    every key press, where pandas' own overhead is most of the cost."""
    formatters = dict(formatters or {})
    columns = list(records[0]) if records else []
    out: dict[str, list[str]] = {}
    for column in columns:
        fmt = formatters.get(column) or column_formatter(column)
        out[column] = [format_cell(row[column], fmt, missing) for row in records]
    return out


def format_with_unit(x: Any, unit: str, missing: str = "—") -> str:
    """A value in a table whose unit is given per row ("£m", "FTE", "%", counts)."""
    if _number(x) is None:
        return missing
    unit = (unit or "").strip()
    if unit == "£m":
        return money_m(x)
    if unit == "FTE":
        return fte(x)
    if unit in ("%", "pct"):
        return pct(x, 0 if float(x).is_integer() else 1)
    value = float(x)
    if value.is_integer():
        return count(value)
    return f"{value:,.2f}".replace("-", MINUS)


def format_frame_by_unit(
    frame: pd.DataFrame, columns: list[str], unit_column: str, missing: str = "—"
) -> pd.DataFrame:
    """``format_frame``, except that ``columns`` are formatted row by row by ``unit_column``."""
    out = format_frame(frame.drop(columns=columns), missing=missing)
    for column in columns:
        out[column] = [
            format_with_unit(v, u, missing)
            for v, u in zip(frame[column], frame[unit_column], strict=True)
        ]
    return out[list(frame.columns)]
