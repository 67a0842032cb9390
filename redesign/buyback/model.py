"""The buy-back what-if model for the SEN Support posts at risk (pure arithmetic, no I/O).

For each at-risk group g with A FTE at risk and buy-back level L (0 to 1.5 of today's at-risk
establishment; above 1 is expansion):
    retained R = L·A, redundant = max(A − R, 0), expansion = max(R − A, 0)
    direct cost = R·c (c: cost per FTE), traded income = R·c·r (r: charge as a share of direct cost)
    net cost to the council = direct cost + fixed cost F − traded income
    break-even level L* = F / (A·c·(r − 1)) when r > 1 (else never, unless F = 0 and r = 1)
The proposal's £5.98m is taken to keep each group at the assumed proposal level L0 (an assumption).
Against it, each retained FTE more or fewer changes the service cost by c and the council's net cost
by c·(1 − r), so:
    service cost = proposed cost + Σ (R − L0·A)·c
    saving = published saving − Σ (R − L0·A)·c·(1 − r)
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field

import pandas as pd

from redesign.core.arithmetic import clean, total
from redesign.data.dataset import Dataset
from redesign.data.sen_support import AtRiskGroup

MIN_LEVEL = 0.0
MAX_LEVEL = 1.5


@dataclass(frozen=True)
class Scenario:
    """Buy-back levels per group (fractions, 1.0 = today's at-risk establishment) and assumption
    overrides (only those the user changed; the rest take their defaults)."""

    levels: dict[str, float]
    assumptions: dict[str, float] = field(default_factory=dict)
    name: str = ""


@dataclass(frozen=True)
class GroupOutcome:
    group_id: str
    label: str
    team: str
    at_risk_fte: float
    level: float
    retained_fte: float
    redundant_fte: float
    expansion_fte: float
    direct_cost_gbp: float
    fixed_cost_gbp: float
    traded_income_gbp: float
    net_cost_gbp: float
    break_even_level: float | None  # None: never breaks even at this charge
    min_viable_fte: float
    below_min_viable: bool
    closed: bool


@dataclass(frozen=True)
class ScenarioResult:
    groups: tuple[GroupOutcome, ...]
    at_risk_fte: float
    retained_fte: float
    redundant_fte: float
    expansion_fte: float
    confirmed_redundant_fte: float
    service_fte_now: float
    service_fte_after: float
    current_budget_m: float
    proposed_cost_m: float
    service_cost_m: float
    traded_income_m: float
    traded_share_pct: float | None
    traded_share_now_pct: float | None
    proposed_saving_m: float
    saving_m: float
    saving_change_m: float
    redundancy_cost_m: float  # one-off, at-risk posts lost in this scenario
    confirmed_redundancy_cost_m: float  # one-off, the 22.83 FTE the proposal makes redundant
    groups_below_min_viable: tuple[str, ...]


class BuybackModel:
    """Binds the dataset's SEN Support figures and assumption defaults; evaluates scenarios."""

    def __init__(self, dataset: Dataset) -> None:
        detail = dataset.sen_support
        service = dataset.service(detail.service_id)
        self.groups: tuple[AtRiskGroup, ...] = detail.groups
        self.assumptions = {a.id: a for a in dataset.assumptions}
        staffing = service.staffing
        self.pool_fte = staffing.value("market_testing_reduction_fte") or 0.0
        self.confirmed_fte = staffing.value("reduction_fte") or 0.0
        self.service_fte_now = staffing.value("current_fte") or 0.0
        budget = service.budget
        self.current_budget_m: float = (
            budget.current_budget_m.value if budget.current_budget_m else 0.0
        ) or 0.0
        self.proposed_cost_m = (
            budget.proposed_cost_m.value if budget.proposed_cost_m else 0.0
        ) or 0.0
        self.proposed_saving_m = (
            (budget.saving_m.value if budget.saving_m else None)
            or clean(self.current_budget_m - self.proposed_cost_m)
            or 0.0
        )
        traded = budget.funding_split_pct.get("traded")
        self.traded_share_now_pct = traded.value if traded else None
        named = total(g.fte.value for g in self.groups if g.fte is not None)
        self.at_risk_fte = {
            g.id: (g.fte.value or 0.0) if g.fte is not None else clean(self.pool_fte - named) or 0.0
            for g in self.groups
        }

    @property
    def group_ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.groups)

    def largest_groups(self, limit: int) -> tuple[str, ...]:
        """The ``limit`` groups with the most FTE at risk (ties: data order), in data order."""
        order = {gid: i for i, gid in enumerate(self.group_ids)}
        ranked = sorted(self.group_ids, key=lambda g: (-self.at_risk_fte[g], order[g]))
        return tuple(sorted(ranked[: max(limit, 0)], key=order.__getitem__))

    def assumption_group(self, assumption_id: str) -> str | None:
        """The group an assumption belongs to (ids are ``<kind>.<group>``), or None if shared."""
        _, dot, suffix = assumption_id.rpartition(".")
        return suffix if dot and suffix in self.at_risk_fte else None

    def assumption_ids_for(self, group_ids: Collection[str]) -> list[str]:
        """The assumptions of the buy-back model every group shares and those of ``group_ids``,
        in data order (not those only the workshop mode reads)."""
        wanted = set(group_ids)
        return [
            aid
            for aid, spec in self.assumptions.items()
            if spec.used_by == "buyback"
            and ((owner := self.assumption_group(aid)) is None or owner in wanted)
        ]

    def assumption_values(self, scenario: Scenario) -> dict[str, float]:
        values = {aid: a.default for aid, a in self.assumptions.items()}
        for aid, value in scenario.assumptions.items():
            if aid in self.assumptions:
                values[aid] = self.assumptions[aid].clamp(value)
        return values

    def default_scenario(self, name: str = "") -> Scenario:
        level = self.assumptions["proposal_buyback_pct"].default / 100
        return Scenario({gid: level for gid in self.group_ids}, {}, name)

    def uniform(self, level: float, base: Scenario | None = None) -> Scenario:
        """Every group at one level (the 'all groups' control), keeping ``base``'s assumptions."""
        base = base or self.default_scenario()
        return Scenario({gid: level for gid in self.group_ids}, dict(base.assumptions), base.name)

    def evaluate(self, scenario: Scenario) -> ScenarioResult:
        a = self.assumption_values(scenario)
        charge = a["traded_charge_pct"] / 100
        proposal_level = a["proposal_buyback_pct"] / 100
        outcomes = []
        cost_change = 0.0
        for group in self.groups:
            level = _valid_level(scenario.levels.get(group.id, proposal_level))
            at_risk = self.at_risk_fte[group.id]
            cost = a[f"cost_per_fte.{group.id}"]
            fixed = a[f"fixed_cost.{group.id}"]
            minimum = a[f"min_viable_fte.{group.id}"]
            retained = level * at_risk
            direct = retained * cost
            income = direct * charge
            cost_change += (retained - proposal_level * at_risk) * cost
            outcomes.append(
                GroupOutcome(
                    group_id=group.id,
                    label=group.label,
                    team=group.team,
                    at_risk_fte=at_risk,
                    level=level,
                    retained_fte=clean(retained) or 0.0,
                    redundant_fte=clean(max(at_risk - retained, 0.0)) or 0.0,
                    expansion_fte=clean(max(retained - at_risk, 0.0)) or 0.0,
                    direct_cost_gbp=clean(direct, 2) or 0.0,
                    fixed_cost_gbp=fixed,
                    traded_income_gbp=clean(income, 2) or 0.0,
                    net_cost_gbp=clean(direct + fixed - income, 2) or 0.0,
                    break_even_level=_break_even(fixed, at_risk * cost, charge),
                    min_viable_fte=minimum,
                    below_min_viable=0 < retained < minimum - 1e-9,
                    closed=retained == 0,
                )
            )
        retained_total = total(o.retained_fte for o in outcomes)
        redundant_total = total(o.redundant_fte for o in outcomes)
        income_m = total(o.traded_income_gbp for o in outcomes) / 1e6
        service_cost_m = clean(self.proposed_cost_m + cost_change / 1e6) or 0.0
        saving_change = -cost_change * (1 - charge) / 1e6
        redundancy = a["redundancy_cost_per_fte"]
        return ScenarioResult(
            groups=tuple(outcomes),
            at_risk_fte=total(self.at_risk_fte.values()),
            retained_fte=retained_total,
            redundant_fte=redundant_total,
            expansion_fte=total(o.expansion_fte for o in outcomes),
            confirmed_redundant_fte=self.confirmed_fte,
            service_fte_now=self.service_fte_now,
            service_fte_after=clean(
                self.service_fte_now - self.confirmed_fte - self.pool_fte + retained_total
            )
            or 0.0,
            current_budget_m=self.current_budget_m,
            proposed_cost_m=self.proposed_cost_m,
            service_cost_m=service_cost_m,
            traded_income_m=clean(income_m) or 0.0,
            traded_share_pct=clean(100 * income_m / service_cost_m, 4) if service_cost_m else None,
            traded_share_now_pct=self.traded_share_now_pct,
            proposed_saving_m=self.proposed_saving_m,
            saving_m=clean(self.proposed_saving_m + saving_change) or 0.0,
            saving_change_m=clean(saving_change) or 0.0,
            redundancy_cost_m=clean(redundant_total * redundancy / 1e6) or 0.0,
            confirmed_redundancy_cost_m=clean(self.confirmed_fte * redundancy / 1e6) or 0.0,
            groups_below_min_viable=tuple(o.label for o in outcomes if o.below_min_viable),
        )

    def curve(self, scenario: Scenario, step_pct: int = 5) -> pd.DataFrame:
        """Saving, traded income and FTE kept with every group at each level from 0% to 150%."""
        rows = []
        for pct in range(0, int(MAX_LEVEL * 100) + 1, step_pct):
            result = self.evaluate(self.uniform(pct / 100, scenario))
            rows.append(
                {
                    "Buy-back %": pct,
                    "Saving £m": result.saving_m,
                    "Traded income £m": result.traded_income_m,
                    "FTE kept (at-risk posts)": result.retained_fte,
                    "One-off redundancy cost £m": result.redundancy_cost_m,
                }
            )
        return pd.DataFrame(rows)


def _valid_level(level: float) -> float:
    if isinstance(level, bool) or not isinstance(level, (int, float)) or not math.isfinite(level):
        raise ValueError(f"buy-back level must be a number, got {level!r}")
    if not MIN_LEVEL <= level <= MAX_LEVEL:
        raise ValueError(f"buy-back level {level!r} is outside 0 to {MAX_LEVEL}")
    return float(level)


def _break_even(fixed: float, direct_at_full: float, charge: float) -> float | None:
    """The level at which traded income covers direct plus fixed cost; None if it never does."""
    margin = direct_at_full * (charge - 1)
    if fixed <= 0 and charge >= 1:
        return 0.0
    if margin <= 0:
        return None
    return clean(fixed / margin, 6)


def groups_frame(result: ScenarioResult) -> pd.DataFrame:
    rows = []
    for o in result.groups:
        rows.append(
            {
                "Group": o.label,
                "Team": o.team,
                "At risk FTE": o.at_risk_fte,
                "Buy-back %": round(o.level * 100, 1),
                "Kept FTE": o.retained_fte,
                "Redundant FTE": o.redundant_fte,
                "Expansion FTE": o.expansion_fte,
                "Traded income £m": round(o.traded_income_gbp / 1e6, 4),
                "Net cost to council £m": round(o.net_cost_gbp / 1e6, 4),
                "Break-even buy-back %": None
                if o.break_even_level is None
                else round(o.break_even_level * 100, 1),
                "Minimum viable FTE": o.min_viable_fte,
                "Below minimum viable size": o.below_min_viable,
            }
        )
    return pd.DataFrame(rows)
