"""Field readers shared by the SEN blocks: ids, counts, amounts, sub-blocks, lists of strings."""

from __future__ import annotations

from typing import Any

from redesign.core.records import Figure
from redesign.data import fields as f


# ---------------------------------------------------------------------------------------------------
# Readers
# ---------------------------------------------------------------------------------------------------
def is_id(value: str) -> bool:
    return value.replace("_", "").isalnum() and value == value.lower()


def count_figure(ctx: f.Context, raw: dict[str, Any], key: str, prefix: str = "") -> Figure | None:
    """A required whole-number count ``{value, quote}``: not negative, not null."""
    fig = f.figure(ctx, raw, key, required=True, integer=True, prefix=prefix)
    if fig is not None and fig.value is None:
        ctx.problem(f"{prefix}{key}.value", "is null (a count is needed here)")
        return None
    return fig


def amount_figure(
    ctx: f.Context,
    raw: dict[str, Any],
    key: str,
    prefix: str = "",
    read_by_caller: frozenset[str] = frozenset(),
) -> Figure | None:
    """A required non-negative number ``{value, quote}`` (money, a percentage)."""
    fig = f.figure(ctx, raw, key, required=True, prefix=prefix, read_by_caller=read_by_caller)
    if fig is not None and fig.value is None:
        ctx.problem(f"{prefix}{key}.value", "is null (a number is needed here)")
        return None
    return fig


def block(ctx: f.Context, data: dict[str, Any], key: str, allowed: set[str]) -> f.Context | None:
    """Start a top-level block: its context (record = the key, section from the block)."""
    raw = f.mapping(ctx, data.get(key), key)
    if not raw:
        return None
    bctx = ctx.child(key, raw.get("section") if isinstance(raw.get("section"), str) else None)
    f.unknown_keys(bctx, raw, allowed)
    return bctx


def strings(ctx: f.Context, raw: Any, field_name: str, required: bool = True) -> tuple[str, ...]:
    out = []
    for i, item in enumerate(f.sequence(ctx, raw, field_name, required)):
        if not isinstance(item, str) or not item.strip():
            ctx.problem(f"{field_name}[{i}]", "expected non-empty text")
            continue
        out.append(item)
    return tuple(out)


def section_of(entry: Any) -> str | None:
    if isinstance(entry, dict) and isinstance(entry.get("section"), str):
        return entry["section"]
    return None
