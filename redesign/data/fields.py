"""Field readers for validation: each collects problems naming file, record and field, never raises."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from redesign.core.errors import DataProblem
from redesign.core.records import Figure, FigureRange, Source
from redesign.data.yaml_io import type_name

MAX_TEXT_CHARS = 20_000


@dataclass
class Context:
    """Where we are: the file, the record (e.g. a service id) and the document/section for sources."""

    file: str
    record: str
    document: str
    section: str
    problems: list[DataProblem] = field(default_factory=list)

    def problem(self, field_name: str, message: str) -> None:
        self.problems.append(DataProblem(self.file, self.record, field_name, message))

    def child(self, record: str, section: str | None = None) -> Context:
        """Same file and problem list, another record (and optionally another section)."""
        return Context(self.file, record, self.document, section or self.section, self.problems)


def mapping(ctx: Context, raw: Any, field_name: str, required: bool = True) -> dict[str, Any]:
    """A mapping field; {} (with a problem if required) when missing or of the wrong type."""
    if raw is None:
        if required:
            ctx.problem(field_name, "missing (expected a mapping)")
        return {}
    if not isinstance(raw, dict):
        ctx.problem(field_name, f"expected a mapping, got {type_name(raw)}")
        return {}
    if not raw and required:
        # "{}" reads as "nothing stated": never let it pass for the figures it stands in for.
        ctx.problem(field_name, "is empty (expected its fields)")
    return raw


def sequence(ctx: Context, raw: Any, field_name: str, required: bool = True) -> list[Any]:
    if raw is None:
        if required:
            ctx.problem(field_name, "missing (expected a list)")
        return []
    if not isinstance(raw, list):
        ctx.problem(field_name, f"expected a list, got {type_name(raw)}")
        return []
    return raw


def text(
    ctx: Context, raw: dict[str, Any], key: str, required: bool = True, label: str | None = None
) -> str | None:
    name = label or key
    value = raw.get(key)
    if value is None:
        if required:
            ctx.problem(name, "missing (expected text)")
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        ctx.problem(name, f"expected text, got {type_name(value)}")
        return None
    value = str(value)
    if required and not value.strip():
        ctx.problem(name, "is empty")
        return None
    if len(value) > MAX_TEXT_CHARS:
        ctx.problem(name, f"text is {len(value):,} characters; the limit is {MAX_TEXT_CHARS:,}")
        return None
    return value


def boolean(ctx: Context, raw: dict[str, Any], key: str, default: bool = False) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        ctx.problem(key, f"expected true or false, got {value!r}")
        return default
    return value


def number(ctx: Context, value: Any, field_name: str, allow_negative: bool = False) -> float | None:
    """A finite number (int or float, not bool); None with a problem otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        ctx.problem(field_name, f"expected a number, got {type_name(value)} {value!r}"[:200])
        return None
    if not math.isfinite(value):
        ctx.problem(field_name, f"expected a finite number, got {value!r}")
        return None
    if value < 0 and not allow_negative:
        ctx.problem(field_name, f"must not be negative, got {value!r}")
        return None
    return float(value)


def figure(
    ctx: Context,
    raw: dict[str, Any],
    key: str,
    required: bool = False,
    allow_negative: bool = False,
    integer: bool = False,
    prefix: str = "",
) -> Figure | None:
    """A sourced figure ``{value, quote, [section], [label], [note]}``; None when absent."""
    name = f"{prefix}{key}"
    entry = raw.get(key)
    if entry is None:
        if required:
            ctx.problem(name, "missing (expected {value: ..., quote: ...})")
        return None
    if not isinstance(entry, dict):
        ctx.problem(name, f"expected a mapping {{value, quote}}, got {type_name(entry)}")
        return None
    if "value" not in entry:
        ctx.problem(f"{name}.value", "missing (use value: null where the source gives no number)")
        return None
    value = entry["value"]
    if value is not None:
        value = number(ctx, value, f"{name}.value", allow_negative)
        if value is None:
            return None
        if integer and not float(value).is_integer():
            ctx.problem(f"{name}.value", f"expected a whole number, got {value:g}")
            return None
    quote = text(ctx, entry, "quote", required=True, label=f"{name}.quote")
    return Figure(
        value=value,
        source=source(ctx, entry, quote),
        label=text(ctx, entry, "label", required=False, label=f"{name}.label"),
        note=text(ctx, entry, "note", required=False, label=f"{name}.note"),
    )


def figure_range(
    ctx: Context, raw: dict[str, Any], key: str, prefix: str = ""
) -> FigureRange | None:
    """A sourced range ``{min, max, quote, [open_ended], [note]}``; ``max: null`` means open-ended."""
    name = f"{prefix}{key}"
    entry = mapping(ctx, raw.get(key), name)
    if not entry:
        return None
    low = number(ctx, entry.get("min"), f"{name}.min")
    high_raw = entry.get("max")
    high = None if high_raw is None else number(ctx, high_raw, f"{name}.max")
    open_ended = boolean(ctx, entry, "open_ended", default=high_raw is None)
    quote = text(ctx, entry, "quote", required=True, label=f"{name}.quote")
    if low is None:
        return None
    if high is not None and high < low:
        ctx.problem(name, f"max {high:g} is below min {low:g}")
        return None
    if high is None and not open_ended:
        ctx.problem(name, "max is missing but open_ended is not true")
        return None
    return FigureRange(
        low=low,
        high=high,
        open_ended=open_ended,
        source=source(ctx, entry, quote),
        note=text(ctx, entry, "note", required=False, label=f"{name}.note"),
    )


def source(ctx: Context, entry: dict[str, Any], quote: str | None) -> Source:
    section = entry.get("section")
    return Source(
        document=ctx.document,
        section=section if isinstance(section, str) and section else ctx.section,
        quote=quote,
    )


def unknown_keys(ctx: Context, raw: dict[str, Any], allowed: set[str], prefix: str = "") -> None:
    """Name keys the format does not define: usually a typo that would otherwise be ignored."""
    for key in raw:
        if key not in allowed:
            ctx.problem(
                f"{prefix}{key}", f"unknown field (expected one of: {', '.join(sorted(allowed))})"
            )
