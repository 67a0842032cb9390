"""What the browser needs to compute ANY buy-back position without the server (pure: no Streamlit).

The buy-back panel (ui/components/buyback_panel) redraws its tiles and charts on every key press in
the browser. It gets, once per scenario's assumptions, a JSON-serialisable *spec*: per-group
coefficients, the service-level constants, the 0-150% curve, the tiles' wording and the charts'
skeletons (built by redesign.buyback_charts, so they look like the rest of the page). Its JavaScript
applies the formulas below, which are those of ``BuybackModel.evaluate`` (redesign/scenario.py),
operation for operation, so the figures are the same doubles, not merely close ones.

For each group g, in data order, with level L (a fraction, quantised to 0.001) and coefficients
A (FTE at risk), c (cost per FTE), F (fixed cost), m (minimum viable FTE); shared: r (traded charge,
a fraction), L0 (the proposal's level), rho (redundancy cost per FTE):
    retained     = clean(L·A)                    clean(x, n) = Python's round(x, n), n = 6 unless said
    redundant    = clean(max(A − L·A, 0))        expansion = clean(max(L·A − A, 0))
    direct       = clean(L·A·c, 2)               income = clean((L·A·c)·r, 2)
    net          = clean(L·A·c + F − (L·A·c)·r, 2)
    below viable = 0 < L·A < m − 1e-9            closed = (L·A == 0)
    cost change  = Σ (L·A − L0·A)·c              (added in data order, as evaluate does)
Service level, with total(xs) = clean(fsum(xs)) (an exactly rounded sum):
    retained, redundant, expansion = total of the groups' (rounded) figures
    income_m       = total(incomes) / 1e6;    traded income = clean(income_m)
    service cost   = clean(P + cost change / 1e6)                 P: proposed cost £m
    saving change  = −cost change·(1 − r) / 1e6;  saving = clean(S0 + saving change)
    traded share % = clean(100·income_m / service cost, 4), none when the cost is 0
    redundancy £m  = clean(redundant·rho / 1e6);  service FTE after = clean(now − confirmed − pool
                     + retained)
Everything is linear in each level with kinks at max(…, 0), so a spec is O(groups) and so is one
evaluation. ``evaluate_spec`` is the same arithmetic in Python: tests/unit/test_buyback_panel.py proves
it equals ``evaluate`` at random levels and assumptions; the browser test proves the JavaScript
shows the same figures.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from redesign.buyback import text as bt
from redesign.buyback.charts import MAX_FTE_BARS, fte_figure
from redesign.buyback.curve_chart import curve_figure
from redesign.buyback.model import MAX_LEVEL, BuybackModel, Scenario
from redesign.core.arithmetic import clean, total
from redesign.core.formatting import MINUS, NOT_STATED, fte, money_m, pct

SPEC_VERSION = 1
Spec = dict[str, Any]


def panel_spec(
    model: BuybackModel,
    scenario: Scenario,
    shown: Sequence[str] | None = None,
    max_bars: int = MAX_FTE_BARS,
) -> Spec:
    """The spec for ``scenario``'s assumptions (its levels are not in it: the page sends those).

    ``shown``: the groups that get their own controls (default: all of them)."""
    a = model.assumption_values(scenario)
    proposal_pct = a["proposal_buyback_pct"]
    groups = [
        {
            "id": g.id,
            "label": g.label,
            "at_risk": model.at_risk_fte[g.id],
            "cost": a[f"cost_per_fte.{g.id}"],
            "fixed": a[f"fixed_cost.{g.id}"],
            "min_viable": a[f"min_viable_fte.{g.id}"],
        }
        for g in model.groups
    ]
    proposal = model.evaluate(model.uniform(proposal_pct / 100, scenario))
    for group, outcome in zip(groups, proposal.groups, strict=True):
        group["break_even"] = outcome.break_even_level
    wanted = set(model.group_ids if shown is None else shown)
    curve = model.curve(scenario)
    return {
        "version": SPEC_VERSION,
        "groups": groups,
        "shown": [gid for gid in model.group_ids if gid in wanted],
        "charge": a["traded_charge_pct"] / 100,
        "proposal_level": proposal_pct / 100,
        "proposal_pct": proposal_pct,
        "redundancy_per_fte": a["redundancy_cost_per_fte"],
        "max_pct": MAX_LEVEL * 100,
        "pool_fte": model.pool_fte,
        "confirmed_fte": model.confirmed_fte,
        "service_fte_now": model.service_fte_now,
        "current_budget_m": model.current_budget_m,
        "proposed_cost_m": model.proposed_cost_m,
        "proposed_saving_m": model.proposed_saving_m,
        "traded_share_now_pct": model.traded_share_now_pct,
        "curve": {
            "pct": [int(v) for v in curve["Buy-back %"]],
            "saving": [float(v) for v in curve["Saving £m"]],
            "income": [float(v) for v in curve["Traded income £m"]],
        },
        "tiles": _tiles(proposal),
        "display": DISPLAY,
        "charts": _skeletons(model, scenario, curve, proposal_pct, max_bars),
    }


# The display rules the JavaScript follows (redesign.formatting and redesign.buyback_text): FTE and
# £m to two decimals, percentages to one, the Unicode minus, the words for "no change".
DISPLAY: dict[str, Any] = {
    "minus": MINUS,
    "not_stated": NOT_STATED,
    "no_change": bt.NO_CHANGE,
    "fte_places": 2,
    "money_places": 2,
    "pct_places": 1,
    "vs": "vs proposal",
}


def _tiles(proposal: Any) -> list[dict[str, str]]:
    """The result tiles' ids, labels and help, as the buy-back page words them (ui/buyback.py)."""
    now = proposal.traded_share_now_pct
    return [
        {
            "id": "redundant",
            "label": "At-risk FTE redundant",
            "help": f"Of {fte(proposal.at_risk_fte)} FTE at risk; on top of the"
            f" {fte(proposal.confirmed_redundant_fte)} FTE the proposal makes redundant whatever"
            " schools buy. FTE, not headcount.",
        },
        {
            "id": "kept",
            "label": "At-risk FTE kept",
            "help": "FTE of the at-risk posts schools buy back; above 100% buy-back the team grows.",
        },
        {
            "id": "income",
            "label": "Traded income needed",
            "help": "What schools and other customers must pay a year for the posts kept: direct"
            " staff cost × the traded charge (ASSUMPTION).",
        },
        {
            "id": "share",
            "label": f"Traded share ({pct(now, 0)} today)",
            "help": f"Traded income needed as a share of the service's cost. Today {pct(now, 0)}"
            " of the budget is traded (cabinet report).",
        },
        {
            "id": "saving",
            "label": f"Saving ({money_m(proposal.proposed_saving_m)} proposed)",
            "help": f"Against the {money_m(proposal.proposed_saving_m)} the report proposes. Each"
            " FTE kept changes the council's net cost by its cost less the traded income it earns"
            " (ASSUMPTIONS).",
        },
        {
            "id": "redundancy",
            "label": "Redundancy cost (one-off)",
            "help": "ASSUMPTION: redundant at-risk FTE × one-off redundancy cost per FTE. The"
            f" {fte(proposal.confirmed_redundant_fte)} FTE confirmed redundancies add"
            f" {money_m(proposal.confirmed_redundancy_cost_m)} whatever schools buy.",
        },
        {
            "id": "service_fte",
            "label": f"Service FTE ({fte(proposal.service_fte_now)} now)",
            "help": f"SEN Support Services: {fte(proposal.service_fte_now)} FTE today (cabinet"
            f" report); {fte(proposal.service_fte_after)} FTE in the proposal.",
        },
        {
            "id": "service_cost",
            "label": "Service cost",
            "help": f"Proposed cost {money_m(proposal.proposed_cost_m)} (cabinet report), plus or"
            " minus the direct cost of each FTE kept above or below the proposal (ASSUMPTION).",
        },
    ]


def _skeletons(
    model: BuybackModel, scenario: Scenario, curve: Any, proposal_pct: float, max_bars: int
) -> dict[str, Any]:
    """Both charts as redesign.buyback_charts draws them, at a position that has every part (all
    groups at 150%: the expansion bars; off the proposal: its note). The browser keeps the look
    and replaces the figures that move with the buy-back."""
    full = model.evaluate(model.uniform(MAX_LEVEL, scenario))
    fte_fig = fte_figure(full, max_bars)
    # The category labels read "<b>wrapped name</b><br>figures": the name part is fixed.
    heads = [label.rsplit("</b><br>", 1)[0] + "</b>" for label in fte_fig["data"][0]["y"]]
    members = _bar_members(model, max_bars)
    other_level = 0.0 if proposal_pct != 0 else MAX_LEVEL
    curve_fig = curve_figure(
        curve, model.evaluate(model.uniform(other_level, scenario)), proposal_pct
    )
    return {
        "fte": fte_fig,
        # Bars top to bottom as the figure lists them (its first group is drawn at the top).
        "bars": [
            {"head": head, "members": list(m), "combined": combined}
            for head, (m, combined) in zip(heads, reversed(members), strict=True)
        ],
        "curve": curve_fig,
    }


def _bar_members(model: BuybackModel, limit: int) -> list[tuple[tuple[int, ...], bool]]:
    """The groups (indices) behind each FTE bar, as buyback_charts.fte_bars picks them."""
    at_risk = [model.at_risk_fte[gid] for gid in model.group_ids]
    if len(at_risk) <= limit:
        return [((i,), False) for i in range(len(at_risk))]
    ranked = sorted(range(len(at_risk)), key=lambda i: (-at_risk[i], i))
    keep = set(ranked[: max(limit - 1, 0)])
    rest = tuple(i for i in range(len(at_risk)) if i not in keep)
    return [((i,), False) for i in sorted(keep)] + [(rest, True)]


# --- the same arithmetic in Python --------------------------------------------------------------


def evaluate_spec(spec: Spec, levels: Mapping[str, float]) -> dict[str, Any]:
    """The formulas in this module's docstring, applied to ``spec``: the figures of
    ``BuybackModel.evaluate`` for the same levels (as a dict of ScenarioResult's field names, the
    groups as dicts of GroupOutcome's)."""
    charge = spec["charge"]
    proposal_level = spec["proposal_level"]
    outcomes = []
    cost_change = 0.0
    for g in spec["groups"]:
        level = float(levels.get(g["id"], proposal_level))
        if not (math.isfinite(level) and 0 <= level <= MAX_LEVEL):
            raise ValueError(f"buy-back level {level!r} for {g['id']} is outside 0 to {MAX_LEVEL}")
        at_risk, cost, fixed = g["at_risk"], g["cost"], g["fixed"]
        retained = level * at_risk
        direct = retained * cost
        income = direct * charge
        cost_change += (retained - proposal_level * at_risk) * cost
        outcomes.append(
            {
                "group_id": g["id"],
                "level": level,
                "at_risk_fte": at_risk,
                "retained_fte": clean(retained) or 0.0,
                "redundant_fte": clean(max(at_risk - retained, 0.0)) or 0.0,
                "expansion_fte": clean(max(retained - at_risk, 0.0)) or 0.0,
                "direct_cost_gbp": clean(direct, 2) or 0.0,
                "fixed_cost_gbp": fixed,
                "traded_income_gbp": clean(income, 2) or 0.0,
                "net_cost_gbp": clean(direct + fixed - income, 2) or 0.0,
                "break_even_level": g["break_even"],
                "min_viable_fte": g["min_viable"],
                "below_min_viable": 0 < retained < g["min_viable"] - 1e-9,
                "closed": retained == 0,
            }
        )
    retained_total = total(o["retained_fte"] for o in outcomes)
    redundant_total = total(o["redundant_fte"] for o in outcomes)
    income_m = total(o["traded_income_gbp"] for o in outcomes) / 1e6
    service_cost_m = clean(spec["proposed_cost_m"] + cost_change / 1e6) or 0.0
    saving_change = -cost_change * (1 - charge) / 1e6
    return {
        "groups": outcomes,
        "at_risk_fte": total(g["at_risk"] for g in spec["groups"]),
        "retained_fte": retained_total,
        "redundant_fte": redundant_total,
        "expansion_fte": total(o["expansion_fte"] for o in outcomes),
        "confirmed_redundant_fte": spec["confirmed_fte"],
        "service_fte_now": spec["service_fte_now"],
        "service_fte_after": clean(
            spec["service_fte_now"] - spec["confirmed_fte"] - spec["pool_fte"] + retained_total
        )
        or 0.0,
        "current_budget_m": spec["current_budget_m"],
        "proposed_cost_m": spec["proposed_cost_m"],
        "service_cost_m": service_cost_m,
        "traded_income_m": clean(income_m) or 0.0,
        "traded_share_pct": clean(100 * income_m / service_cost_m, 4) if service_cost_m else None,
        "traded_share_now_pct": spec["traded_share_now_pct"],
        "proposed_saving_m": spec["proposed_saving_m"],
        "saving_m": clean(spec["proposed_saving_m"] + saving_change) or 0.0,
        "saving_change_m": clean(saving_change) or 0.0,
        "redundancy_cost_m": clean(redundant_total * spec["redundancy_per_fte"] / 1e6) or 0.0,
        "confirmed_redundancy_cost_m": clean(
            spec["confirmed_fte"] * spec["redundancy_per_fte"] / 1e6
        )
        or 0.0,
    }


# --- what the browser sends back ----------------------------------------------------------------


def quantize_pct(value: float) -> float:
    """A buy-back % typed or dragged, as a level: clamped to 0-150% and kept to 0.1% (the rule of
    redesign.scenario_io.quantize_level, which the browser follows too)."""
    level = min(max(float(value), 0.0), MAX_LEVEL * 100) / 100
    return round(level * 1000) / 1000


def levels_from_state(
    base: Mapping[str, float], value: object
) -> tuple[dict[str, float] | None, str | None]:
    """The levels a panel state describes, or (None, why not).

    The state is ``{"all": pct or null, "set": {group: pct}}``: from ``base`` (the levels the page
    last sent the panel), every group at ``all`` if given, then each group in ``set`` at its own.
    Anything else (the browser, or a test, can send any JSON) is refused with a reason."""
    if not isinstance(value, Mapping):
        return None, "the panel's state is not an object"
    levels = dict(base)
    everyone = value.get("all")
    if everyone is not None:
        if not _is_number(everyone):
            return None, "'all' is not a number"
        levels = {gid: quantize_pct(everyone) for gid in levels}
    chosen = value.get("set") or {}
    if not isinstance(chosen, Mapping):
        return None, "'set' is not an object of group: %"
    for gid, raw in chosen.items():
        if gid not in levels:
            return None, f"'set' names an unknown group {str(gid)[:40]!r}"
        if not _is_number(raw):
            return None, f"the % for {gid} is not a number"
        levels[gid] = quantize_pct(raw)
    return levels, None


def _is_number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
