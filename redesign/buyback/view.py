"""What the buy-back page shows, worked out from the model (pure: no Streamlit).

The controls' rules (a level as the percentage a control shows, the FTE-weighted level of all
groups, what an exact entry does when it is out of range or finer than 0.1%), the tiles against
the proposal, and the assumptions' grouping and wording. The page only draws what these return.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

from redesign.buyback import scenario_io as sio
from redesign.buyback import text as bt
from redesign.buyback.model import MAX_LEVEL, MIN_LEVEL, BuybackModel, Scenario, ScenarioResult
from redesign.core.arithmetic import total
from redesign.core.formatting import fte, money_m, pct

PROPOSAL_ASSUMPTION = "proposal_buyback_pct"
# The range of a buy-back control, in per cent of today's at-risk posts.
MIN_PCT = MIN_LEVEL * 100
MAX_PCT = MAX_LEVEL * 100


# --- levels as the controls show them ---------------------------------------------------------


def level_to_pct(level: float) -> float:
    """A level (1.0 = today's at-risk posts) as the exact box shows it: a percentage to 0.1."""
    return round(level * 100, 1)


def slider_pct(pct_value: float) -> int:
    """The whole percentage a slider shows for an exact percentage."""
    return round(pct_value)


def clamp_pct(pct_value: float) -> float:
    """A typed percentage brought into the model's range (0% to 150%)."""
    return min(max(pct_value, MIN_PCT), MAX_PCT)


def overall_pct(model: BuybackModel, scenario: Scenario) -> float:
    """The buy-back across all groups: the share of at-risk FTE kept, to 0.1%.

    Weighted by each group's FTE at risk, so groups at 60/60/40 with 10, 10 and 20 FTE read 50.0%.
    With no FTE at risk at all, the first group's level (every level counts the same then)."""
    pool = total(model.at_risk_fte.values())
    if not pool:
        return level_to_pct(next(iter(scenario.levels.values()), 1.0))
    kept = total(scenario.levels[g] * model.at_risk_fte[g] for g in model.group_ids)
    return round(100 * kept / pool, 1)


def proposal_pct(model: BuybackModel, scenario: Scenario) -> float:
    """The buy-back the proposal assumes (an assumption, 100% by default), as a percentage."""
    return model.assumption_values(scenario)[PROPOSAL_ASSUMPTION]


def proposal_text(model: BuybackModel, scenario: Scenario) -> str:
    """The proposal's buy-back as the page writes it: "100%", "92.5%"."""
    return bt.level_pct(proposal_pct(model, scenario) / 100)


def proposal_scenario(model: BuybackModel, scenario: Scenario) -> Scenario:
    """Every group at the proposal's buy-back, with ``scenario``'s assumptions and name."""
    return at_all_pct(model, scenario, proposal_pct(model, scenario))


def with_group_pct(
    model: BuybackModel, scenario: Scenario, group_id: str, pct_value: float
) -> Scenario:
    """``scenario`` with one group at ``pct_value`` (clamped to the range, kept to 0.1%)."""
    levels = scenario.levels | {group_id: clamp_pct(pct_value) / 100}
    return sio.make_scenario(model, levels, scenario.assumptions, scenario.name)


def at_all_pct(model: BuybackModel, scenario: Scenario, pct_value: float) -> Scenario:
    """``scenario`` with every group at ``pct_value`` (clamped, kept to 0.1%)."""
    levels = model.uniform(clamp_pct(pct_value) / 100, scenario).levels
    return sio.make_scenario(model, levels, scenario.assumptions, scenario.name)


@dataclass(frozen=True)
class ExactEntry:
    """What a figure typed into an exact-% box does.

    ``scenario`` is the scenario after it (None: the figure is what the box shows already, so
    nothing changes). ``keep_typed`` says whether the box may keep the figure as typed: not when
    it was clamped into 0-150% or rounded to 0.1%, where the box must show the level used."""

    scenario: Scenario | None
    keep_typed: bool


def enter_group_pct(
    model: BuybackModel, scenario: Scenario, group_id: str, typed: float
) -> ExactEntry:
    if typed == level_to_pct(scenario.levels[group_id]):
        return ExactEntry(None, True)
    new = with_group_pct(model, scenario, group_id, typed)
    return ExactEntry(new, typed == level_to_pct(new.levels[group_id]))


def enter_all_pct(model: BuybackModel, scenario: Scenario, typed: float) -> ExactEntry:
    if typed == overall_pct(model, scenario):
        return ExactEntry(None, True)
    new = at_all_pct(model, scenario, typed)
    return ExactEntry(new, typed == overall_pct(model, new))


def scenario_query(model: BuybackModel, scenario: Scenario) -> str:
    """The query string (without "?") that reproduces ``scenario`` in a link."""
    return urllib.parse.urlencode(sio.to_query(model, scenario), quote_via=urllib.parse.quote)


def file_slug(name: str, fallback: str = "buyback-scenario") -> str:
    """A scenario name as a file name: ASCII letters and digits joined by "-", at most 50."""
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in name.lower())
    return "-".join(part for part in slug.split("-") if part)[:50] or fallback


# --- tiles ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tile:
    """A headline figure and its change against the proposal: ``change`` gives the arrow's
    direction, ``delta`` the change in words (never colour alone)."""

    label: str
    value: str
    change: float
    delta: str
    help: str


def scenario_tiles(result: ScenarioResult, proposal: ScenarioResult) -> tuple[Tile, ...]:
    """The page's eight tiles for ``result``, each against ``proposal`` (the same assumptions,
    every group at the proposal's buy-back)."""
    share_change = (
        None
        if result.traded_share_pct is None or proposal.traded_share_pct is None
        else result.traded_share_pct - proposal.traded_share_pct
    )
    now = result.traded_share_now_pct
    redundant = result.redundant_fte - proposal.redundant_fte
    kept = result.retained_fte - proposal.retained_fte
    income = result.traded_income_m - proposal.traded_income_m
    redundancy = result.redundancy_cost_m - proposal.redundancy_cost_m
    service_fte = result.service_fte_after - proposal.service_fte_after
    service_cost = result.service_cost_m - proposal.service_cost_m
    return (
        Tile(
            "At-risk FTE redundant",
            fte(result.redundant_fte),
            redundant,
            bt.delta_fte(redundant),
            f"Of {fte(result.at_risk_fte)} FTE at risk; on top of the"
            f" {fte(result.confirmed_redundant_fte)} FTE the proposal makes redundant whatever"
            " schools buy. FTE, not headcount.",
        ),
        Tile(
            f"At-risk FTE kept (of {fte(result.at_risk_fte)})",
            fte(result.retained_fte),
            kept,
            bt.delta_fte(kept),
            "FTE of the at-risk posts schools buy back; above 100% buy-back the team grows.",
        ),
        Tile(
            "Traded income needed",
            money_m(result.traded_income_m),
            income,
            bt.delta_money(income),
            "What schools and other customers must pay a year for the posts kept: direct staff"
            " cost × the traded charge (ASSUMPTION).",
        ),
        Tile(
            f"Traded share ({pct(now, 0)} today)",
            pct(result.traded_share_pct),
            share_change or 0.0,
            bt.delta_points(share_change),
            f"Traded income needed as a share of the service's cost. Today {pct(now, 0)} of"
            " the budget is traded (cabinet report).",
        ),
        Tile(
            f"Saving ({money_m(result.proposed_saving_m)} proposed)",
            money_m(result.saving_m),
            result.saving_change_m,
            bt.delta_money(result.saving_change_m),
            f"Against the {money_m(result.proposed_saving_m)} the report proposes. Each FTE kept"
            " changes the council's net cost by its cost less the traded income it earns"
            " (ASSUMPTIONS).",
        ),
        Tile(
            "Redundancy cost (one-off)",
            money_m(result.redundancy_cost_m),
            redundancy,
            bt.delta_money(redundancy),
            "ASSUMPTION: redundant at-risk FTE × one-off redundancy cost per FTE. The"
            f" {fte(result.confirmed_redundant_fte)} FTE confirmed redundancies add"
            f" {money_m(result.confirmed_redundancy_cost_m)} whatever schools buy.",
        ),
        Tile(
            f"Service FTE ({fte(result.service_fte_now)} now)",
            fte(result.service_fte_after),
            service_fte,
            bt.delta_fte(service_fte),
            f"SEN Support Services: {fte(result.service_fte_now)} FTE today (cabinet report);"
            f" {fte(proposal.service_fte_after)} FTE in the proposal.",
        ),
        Tile(
            "Service cost",
            money_m(result.service_cost_m),
            service_cost,
            bt.delta_money(service_cost),
            f"Proposed cost {money_m(result.proposed_cost_m)} (cabinet report), plus or minus"
            " the direct cost of each FTE kept above or below the proposal (ASSUMPTION).",
        ),
    )


# --- assumptions --------------------------------------------------------------------------------

MONEY_UNITS = ("gbp_per_fte", "gbp", "gbp_one_off")

# Short headings, each over the assumptions whose ids start with one of its prefixes.
ASSUMPTION_SECTIONS = (
    ("Cost per FTE (a year, salary plus employer on-costs)", ("cost_per_fte.",)),
    (
        "Traded charge, and the buy-back the {proposed_cost} assumes",
        ("traded_charge_pct", "proposal_"),
    ),
    ("Fixed costs kept whatever schools buy (a year)", ("fixed_cost.",)),
    ("One-off redundancy cost", ("redundancy_cost",)),
    ("Minimum viable team", ("min_viable_fte.",)),
)
OTHER_SECTION = "Other"


def assumption_sections(ids: list[str], proposed_cost_m: float) -> list[tuple[str, list[str]]]:
    """``ids`` under short headings, in data order; any not matched go under "Other"."""
    out: list[tuple[str, list[str]]] = []
    placed: set[str] = set()
    for template, prefixes in ASSUMPTION_SECTIONS:
        title = template.format(proposed_cost=money_m(proposed_cost_m))
        members = [a for a in ids if a.startswith(prefixes) and a not in placed]
        placed.update(members)
        if members:
            out.append((title, members))
    rest = [a for a in ids if a not in placed]
    if rest:
        out.append((OTHER_SECTION, rest))
    return out


def assumption_decimals(unit: str) -> int:
    """Decimals an assumption's entry box shows: whole pounds and percentages, FTE to 0.01."""
    return 0 if unit in (*MONEY_UNITS, "pct") else 2


def assumption_value_text(value: float, unit: str) -> str:
    """An assumption's value in its unit: "£45,000", "120%", "1.50 FTE"."""
    if unit in MONEY_UNITS:
        return f"£{value:,.0f}"
    if unit == "pct":
        return f"{value:g}%"
    if unit == "fte":
        return f"{value:.2f} FTE"
    return f"{value:g}"
