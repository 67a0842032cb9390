"""The overview's headline figures, each with its help text and sources."""

from __future__ import annotations

import pandas as pd

from redesign.core.arithmetic import clean, differs
from redesign.core.formatting import count, fte, money_m, service_names
from redesign.core.headline import Headline
from redesign.data.services import Service
from redesign.model.finance import (
    totals,
)
from redesign.present.savings import ranked_savings_frame


def headline_figures(services: tuple[Service, ...]) -> list[Headline]:
    """Money then staffing tiles for a set of services, from ``finance.totals``."""
    t = totals(services)
    n = f"the {t.services} services" if t.services != 1 else "the service"
    gap = clean(t.saving_m - t.saving_computed_m) or 0.0
    saving_gap_text = (
        f" It differs from budget minus proposed cost ({money_m(t.saving_computed_m)}) by "
        f"{money_m(abs(gap))}: see the reconciliation list."
        if differs(t.saving_m, t.saving_computed_m)
        else ""
    )
    without_saving = (
        f" {service_names(t.services_without_saving)} states no saving."
        if t.services_without_saving
        else ""
    )
    derived_after = bool(t.services_without_proposed_fte)
    after_help = (
        "Sum of each service's proposed FTE."
        if not derived_after
        else "Sum of each service's proposed FTE where the report states one; for "
        f"{service_names(t.services_without_proposed_fte)} the report states none, so FTE now less the "
        "confirmed reduction is used (derived, not published)."
    )
    return [
        Headline(
            "current_budget",
            "Current budget",
            money_m(t.current_budget_m),
            t.current_budget_m,
            f"Sum of the current budgets of {n}, as published.",
        ),
        Headline(
            "proposed_cost",
            "Proposed cost",
            money_m(t.proposed_cost_m),
            t.proposed_cost_m,
            f"Sum of the proposed costs of {n}, as published.",
        ),
        Headline(
            "saving",
            "Saving (as stated)",
            money_m(t.saving_m),
            t.saving_m,
            f"Sum of the savings the report states for {n}.{without_saving}{saving_gap_text}",
        ),
        Headline(
            "saving_computed",
            "Budget minus cost (derived)",
            money_m(t.saving_computed_m),
            t.saving_computed_m,
            "Total current budget minus total proposed cost (computed from published figures).",
            derived=True,
        ),
        Headline(
            "current_fte",
            "FTE now",
            fte(t.current_fte),
            t.current_fte,
            f"Sum of the current full-time equivalent staff of {n}, as published.",
        ),
        Headline(
            "fte_after",
            ("FTE after (derived)" if t.services == 1 else "FTE after (partly derived)")
            if derived_after
            else "FTE after",
            fte(t.proposed_fte_after),
            t.proposed_fte_after,
            after_help,
            derived=derived_after,
        ),
        Headline(
            "confirmed_reduction",
            "Confirmed reduction (FTE)",
            fte(t.confirmed_reduction_fte),
            t.confirmed_reduction_fte,
            "Sum of the FTE reductions the report states as proposed.",
        ),
        Headline(
            "market_testing",
            "Subject to market testing (FTE)",
            fte(t.market_testing_fte),
            t.market_testing_fte,
            "FTE that may be made redundant depending on how much schools buy back "
            "(market testing of a traded offer).",
        ),
        Headline(
            "potential_reduction",
            "Potential further reduction (FTE)",
            fte(t.potential_reduction_fte),
            t.potential_reduction_fte,
            "FTE the report names as a possible further reduction, not confirmed.",
        ),
        Headline(
            "headcount",
            "Headcount now",
            count(t.current_headcount),
            t.current_headcount,
            f"People employed now across {n} (not FTE; casual staff not included).",
        ),
    ]


def largest_saving(services: tuple[Service, ...]) -> tuple[str, float | None] | None:
    """The service with the largest stated saving and its share of all stated savings."""
    ranked = ranked_savings_frame(services)
    if ranked.empty or pd.isna(ranked["Saving £m"].iloc[0]):
        return None
    share_value = ranked["Share of stated saving"].iloc[0]
    return str(ranked["Service"].iloc[0]), None if pd.isna(share_value) else float(share_value)


def largest_headcount(services: tuple[Service, ...]) -> tuple[str, float | None] | None:
    """The service employing the most people and its share of the total headcount."""
    t = totals(services)
    best = None
    for s in services:
        heads = s.staffing.value("current_headcount")
        if heads is not None and (best is None or heads > best[1]):
            best = (s.name, heads)
    if best is None:
        return None
    return best[0], clean(best[1] / t.current_headcount, 6) if t.current_headcount else None
