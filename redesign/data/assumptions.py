"""Assumptions: figures the model needs that are NOT in the sources, each editable with a default."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redesign.data import fields as f

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
USED_BY = ("buyback", "workshop")


@dataclass(frozen=True)
class Assumption:
    id: str
    label: str
    unit: str
    default: float
    min: float
    max: float
    step: float
    reason: str
    used_by: str = "buyback"

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
        f.unknown_keys(
            actx,
            entry,
            {"id", "label", "unit", "default", "min", "max", "step", "reason", "used_by"},
        )
        used_by = entry.get("used_by", "buyback")
        if used_by not in USED_BY:
            actx.problem("used_by", f"expected one of: {', '.join(USED_BY)}; got {used_by!r}"[:200])
            continue
        unit = f.text(actx, entry, "unit")
        if unit is not None and unit not in UNITS:
            actx.problem("unit", f"unknown unit {unit!r} (expected one of: {', '.join(UNITS)})")
            continue
        nums = {k: f.number(actx, entry.get(k), k) for k in ("default", "min", "max", "step")}
        label = f.text(actx, entry, "label")
        reason = f.text(actx, entry, "reason")
        if any(v is None for v in nums.values()) or not label or not reason or unit is None:
            continue
        lo, hi, default, step = nums["min"], nums["max"], nums["default"], nums["step"]
        assert lo is not None and hi is not None and default is not None and step is not None
        if lo > hi:
            actx.problem("min", f"min {lo:g} is above max {hi:g}")
            continue
        if not lo <= default <= hi:
            actx.problem("default", f"default {default:g} is outside its range {lo:g} to {hi:g}")
            continue
        if step <= 0:
            actx.problem("step", "must be above zero")
            continue
        result.append(Assumption(aid, label, unit, default, lo, hi, step, reason, str(used_by)))
    return tuple(result)
