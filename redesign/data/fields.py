"""Field readers for validation: each collects problems naming file, record and field, never raises."""

from __future__ import annotations

import math
from typing import Any

from redesign.core.records import Figure, FigureRange, Source
from redesign.data.context import MAX_TEXT_CHARS, Context
from redesign.data.record_model import FigureEntry, FigureRangeEntry, read_record
from redesign.data.yaml_io import type_name


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
    read_by_caller: frozenset[str] = frozenset(),
) -> Figure | None:
    """A sourced figure ``{value, quote, [section], [label], [note]}``; None when absent.

    ``read_by_caller`` names further keys the caller reads itself (e.g. ``approximate``).
    """
    name = f"{prefix}{key}"
    entry = raw.get(key)
    if entry is None:
        if required:
            ctx.problem(name, "missing (expected {value: ..., quote: ...})")
        return None
    if not isinstance(entry, dict):
        ctx.problem(name, f"expected a mapping {{value, quote}}, got {type_name(entry)}")
        return None
    read = read_record(FigureEntry, ctx, entry, f"{name}.", read_by_caller)
    if read is None:
        return None
    value = read.value
    if value is not None and value < 0 and not allow_negative:
        ctx.problem(f"{name}.value", f"must not be negative, got {value:g}")
        return None
    if value is not None and integer and not value.is_integer():
        ctx.problem(f"{name}.value", f"expected a whole number, got {value:g}")
        return None
    return Figure(
        value=value,
        source=Source(ctx.document, read.section or ctx.section, read.quote),
        label=read.label,
        note=read.note,
    )


def figure_range(
    ctx: Context, raw: dict[str, Any], key: str, prefix: str = ""
) -> FigureRange | None:
    """A sourced range ``{min, max, quote, [open_ended], [note]}``; ``max: null`` means open-ended."""
    name = f"{prefix}{key}"
    entry = mapping(ctx, raw.get(key), name)
    if not entry:
        return None
    read = read_record(FigureRangeEntry, ctx, entry, f"{name}.")
    if read is None:
        return None
    open_ended = read.max is None if read.open_ended is None else read.open_ended
    if read.max is not None and read.max < read.min:
        ctx.problem(name, f"max {read.max:g} is below min {read.min:g}")
        return None
    if read.max is None and not open_ended:
        ctx.problem(name, "max is missing but open_ended is not true")
        return None
    return FigureRange(
        low=read.min,
        high=read.max,
        open_ended=open_ended,
        source=Source(ctx.document, read.section or ctx.section, read.quote),
        note=read.note,
    )


def unknown_keys(ctx: Context, raw: dict[str, Any], allowed: set[str], prefix: str = "") -> None:
    """Name keys the format does not define: usually a typo that would otherwise be ignored."""
    for key in raw:
        if key not in allowed:
            ctx.problem(
                f"{prefix}{key}", f"unknown field (expected one of: {', '.join(sorted(allowed))})"
            )
