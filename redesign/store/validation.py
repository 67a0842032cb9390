"""Does a scenario's levels and assumptions fit the current data? The same rules as the app's
scenario files (scenario_io.from_yaml): every group of the data present and no other, levels
0-150%, known assumptions within their ranges. Used before saving (refused with the problems)
and on reading (the row is returned with its problems, never dropped)."""

from __future__ import annotations

import math
from collections.abc import Mapping

from redesign.buyback.model import MAX_LEVEL, MIN_LEVEL, BuybackModel

MAX_PROBLEMS = 5


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def scenario_problems(
    model: BuybackModel, levels: Mapping[str, object], assumptions: Mapping[str, object]
) -> list[str]:
    """What does not fit the current data, one short phrase each (empty: the scenario fits)."""
    problems: list[str] = []
    for gid, value in levels.items():
        level = _number(value)
        if gid not in model.at_risk_fte:
            problems.append(f"group {gid[:40]!r} is not in the current data")
        elif level is None:
            problems.append(f"group {gid!r}: level is not a number")
        elif not MIN_LEVEL <= level <= MAX_LEVEL:
            problems.append(
                f"group {gid!r}: level {level:g} is outside {MIN_LEVEL:g} to {MAX_LEVEL:g}"
            )
    problems += [
        f"group {gid!r} of the current data is missing"
        for gid in model.group_ids
        if gid not in levels
    ]
    for aid, value in assumptions.items():
        spec = model.assumptions.get(aid)
        number = _number(value)
        if spec is None:
            problems.append(f"assumption {aid[:60]!r} is not in the current data")
        elif number is None:
            problems.append(f"assumption {aid!r} is not a number")
        elif not spec.min <= number <= spec.max:
            problems.append(
                f"assumption {aid!r} = {number:g} is outside {spec.min:g} to {spec.max:g}"
            )
    return problems


def summary(problems: list[str]) -> str:
    """The problems as one line, the first few in full."""
    shown = "; ".join(problems[:MAX_PROBLEMS])
    more = len(problems) - MAX_PROBLEMS
    return shown + (f"; and {more} more" if more > 0 else "")
