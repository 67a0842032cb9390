"""Assumptions: figures the model needs that are NOT in the sources, each editable with a default."""

from __future__ import annotations

from typing import Any, Literal, get_args

from redesign.data import fields as f
from redesign.data.record_model import Amount, StrictRecord, Text, read_record

UNITS = {
    "gbp_per_fte": "£ a year per FTE",
    "gbp": "£ a year",
    "gbp_one_off": "£ one-off per FTE",
    "pct": "%",
    "fte": "FTE",
    "days": "days a year per FTE",
}
# Which part of the tool reads an assumption: the buy-back model (the default), or only the
# workshop mode (days a year per FTE turn schools' days into FTE; the buy-back page has no use for
# them, so it does not offer a control that would change nothing there).
UsedBy = Literal["buyback", "workshop"]
USED_BY: tuple[str, ...] = get_args(UsedBy)
UnitName = Literal["gbp_per_fte", "gbp", "gbp_one_off", "pct", "fte", "days"]


class Assumption(StrictRecord):
    """One assumption as ``data/assumptions.yaml`` states it; ranges are checked by the reader."""

    id: Text
    label: Text
    unit: UnitName
    default: Amount
    min: Amount
    max: Amount
    step: Amount
    reason: Text
    used_by: UsedBy = "buyback"

    def clamp(self, value: float) -> float:
        return min(max(value, self.min), self.max)


def parse_assumptions(raw: Any, ctx: f.Context) -> tuple[Assumption, ...]:
    data = f.mapping(ctx, raw, "(file)")
    f.unknown_keys(ctx, data, {"document", "assumptions"})
    result = []
    seen: set[str] = set()
    for i, item in enumerate(f.sequence(ctx, data.get("assumptions"), "assumptions")):
        entry = f.mapping(ctx, item, f"assumptions[{i}]")
        aid = f.text(ctx, entry, "id", label=f"assumptions[{i}].id") if entry else None
        if not aid:
            continue
        actx = ctx.child(aid)
        if aid in seen:
            actx.problem("id", "duplicate assumption id")
            continue
        seen.add(aid)
        assumption = read_record(Assumption, actx, entry)
        if assumption is not None and _in_range(actx, assumption):
            result.append(assumption)
    return tuple(result)


def _in_range(ctx: f.Context, a: Assumption) -> bool:
    """The rules between fields, which the record's types cannot say."""
    if a.min > a.max:
        ctx.problem("min", f"min {a.min:g} is above max {a.max:g}")
        return False
    if not a.min <= a.default <= a.max:
        ctx.problem("default", f"default {a.default:g} is outside its range {a.min:g} to {a.max:g}")
        return False
    if a.step <= 0:
        ctx.problem("step", "must be above zero")
        return False
    return True
