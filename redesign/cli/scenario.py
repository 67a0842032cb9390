"""``python -m redesign scenario --buyback 0.6 [--group NAME=LEVEL ...] [--assume ID=VALUE] [--json]``."""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import asdict
from typing import Any

from redesign.buyback.model import MAX_LEVEL, BuybackModel, Scenario, ScenarioResult
from redesign.core.errors import DataError
from redesign.data.dataset import default_data_dir, load_dataset


def _level(text: str) -> float:
    """A buy-back level as a fraction (0.6) or a percentage (60%)."""
    raw = text.strip()
    pct = raw.endswith("%")
    try:
        value = float(raw.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if pct:
        value /= 100
    if not math.isfinite(value) or not 0 <= value <= MAX_LEVEL:
        raise argparse.ArgumentTypeError(
            f"buy-back must be between 0 and {MAX_LEVEL}, got {text!r}"
        )
    return value


def _pair(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    name, value = text.split("=", 1)
    return name.strip(), value.strip()


def add_scenario_options(p: argparse.ArgumentParser) -> None:
    """The options that describe a scenario (also used by ``python -m redesign scenarios save``)."""
    p.add_argument(
        "--buyback",
        type=_level,
        default=None,
        help="buy-back level for every group: 0.6 or 60%% (0 to 1.5)",
    )
    p.add_argument(
        "--group",
        action="append",
        type=_pair,
        default=[],
        metavar="NAME=LEVEL",
        help="one group's level, e.g. autism_teaching=0.6 (repeatable)",
    )
    p.add_argument(
        "--assume",
        action="append",
        type=_pair,
        default=[],
        metavar="ID=VALUE",
        help="change an assumption, e.g. redundancy_cost_per_fte=25000 (repeatable)",
    )


def add_scenario_parser(sub: Any) -> None:
    p = sub.add_parser("scenario", help="buy-back what-if for the SEN Support posts at risk")
    add_scenario_options(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--data", help="data folder (default: $REDESIGN_DATA_DIR or data/)")
    p.set_defaults(func=cmd_scenario)


class ScenarioArgumentError(ValueError):
    """An option from add_scenario_options that does not fit the data (one-line message)."""


def scenario_from_args(model: BuybackModel, args: argparse.Namespace) -> Scenario:
    """The scenario the options describe; raises ScenarioArgumentError naming the option."""
    levels = dict(model.default_scenario().levels)
    if args.buyback is not None:
        levels = {gid: args.buyback for gid in levels}
    for name, value in args.group:
        if name not in levels:
            raise ScenarioArgumentError(f"unknown group {name!r}; groups: {', '.join(levels)}")
        try:
            levels[name] = _level(value)
        except argparse.ArgumentTypeError as exc:
            raise ScenarioArgumentError(f"--group {name}: {exc}") from None
    overrides: dict[str, float] = {}
    for aid, value in args.assume:
        spec = model.assumptions.get(aid)
        if spec is None:
            raise ScenarioArgumentError(f"unknown assumption {aid!r}; see data/assumptions.yaml")
        try:
            number = float(value)
        except ValueError:
            raise ScenarioArgumentError(f"--assume {aid}: not a number: {value!r}") from None
        if not math.isfinite(number) or not spec.min <= number <= spec.max:
            raise ScenarioArgumentError(
                f"--assume {aid}: must be between {spec.min:g} and {spec.max:g}"
            )
        overrides[aid] = number
    return Scenario(levels, overrides)


def cmd_scenario(args: argparse.Namespace) -> int:
    try:
        dataset = load_dataset(args.data or default_data_dir())
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    model = BuybackModel(dataset)
    try:
        scenario = scenario_from_args(model, args)
    except ScenarioArgumentError as exc:
        print(exc, file=sys.stderr)
        return 2
    result = model.evaluate(scenario)
    if args.json:
        out = asdict(result)
        out["levels"] = scenario.levels
        out["assumptions"] = model.assumption_values(scenario)
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(render_text(result))
    return 0


def render_text(r: ScenarioResult) -> str:
    lines = [
        f"{'Group':42} {'Buy-back':>8} {'At risk':>8} {'Kept':>8} {'Redundant':>9} "
        f"{'Break-even':>10}  Viable"
    ]
    for o in r.groups:
        be = "never" if o.break_even_level is None else f"{o.break_even_level * 100:.0f}%"
        viable = "closed" if o.closed else ("BELOW MINIMUM" if o.below_min_viable else "yes")
        lines.append(
            f"{o.label[:42]:42} {o.level * 100:>7.0f}% {o.at_risk_fte:>8.2f} "
            f"{o.retained_fte:>8.2f} {o.redundant_fte:>9.2f} {be:>10}  {viable}"
        )
    lines += [
        f"{'Total':42} {'':>8} {r.at_risk_fte:>8.2f} {r.retained_fte:>8.2f} {r.redundant_fte:>9.2f}",
        "",
        f"Service FTE after: {r.service_fte_after:.2f} (today {r.service_fte_now:.2f}; "
        f"{r.confirmed_redundant_fte:.2f} FTE confirmed redundant in the proposal)",
        f"Traded income needed: £{r.traded_income_m:.2f}m, "
        + (
            f"{r.traded_share_pct:.1f}% of the service's cost"
            if r.traded_share_pct is not None
            else "no service cost"
        )
        + (
            f" (today {r.traded_share_now_pct:g}% traded)"
            if r.traded_share_now_pct is not None
            else ""
        ),
        f"Service cost: £{r.service_cost_m:.2f}m (proposed £{r.proposed_cost_m:.2f}m)",
        f"Saving: £{r.saving_m:.2f}m against £{r.proposed_saving_m:.2f}m proposed "
        f"({'+' if r.saving_change_m >= 0 else '−'}£{abs(r.saving_change_m):.2f}m)",
        f"One-off redundancy cost: £{r.redundancy_cost_m:.2f}m for at-risk posts "
        f"(plus £{r.confirmed_redundancy_cost_m:.2f}m for the confirmed redundancies)",
        "Figures rest on the assumptions in data/assumptions.yaml, not on the report.",
    ]
    return "\n".join(lines)
