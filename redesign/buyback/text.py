"""The buy-back what-if in words: the scenario sentence, break-even and viability per group, and the
"against the proposal" wording of the page's tiles (pure functions, no Streamlit).

House style: running prose writes money as "£140,000" or "£1.25 million";
FTE with two decimals; percentages as "14.1%". Everything returned is plain text: the page escapes it
before it reaches Markdown.
"""

from __future__ import annotations

from redesign.buyback.model import MAX_LEVEL, BuybackModel, GroupOutcome, ScenarioResult
from redesign.core.formatting import (
    MINUS,
    fte,
    money_m,
    money_words,
    pct,
    signed_fte,
    signed_money_m,
)
from redesign.core.text import escape_markdown

NO_CHANGE = "no change"
ASSUMPTION_NOTE = "Money figures rest on this tool's assumptions, not on the report."


def in_sentence(label: str) -> str:
    """A label inside a sentence: "Autism HLTA posts" -> "autism HLTA posts" (acronyms kept)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def level_pct(level: float) -> str:
    """A buy-back level as the page shows it: 0.6 -> "60%", 0.605 -> "60.5%"."""
    text = f"{round(level * 100, 1):.1f}".removesuffix(".0")
    return f"{text}%"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _one_level(result: ScenarioResult) -> bool:
    """Every group at the same buy-back level."""
    return len({round(o.level, 6) for o in result.groups}) == 1


def levels_phrase(result: ScenarioResult) -> str:
    """ "60% of the autism teaching posts, … and 40% of …", or "60% of every at-risk group"."""
    if _one_level(result) and len(result.groups) > 1:
        return f"{level_pct(result.groups[0].level)} of every group of posts at risk"
    return _join([f"{level_pct(o.level)} of the {in_sentence(o.label)}" for o in result.groups])


def _more_or_less(change_m: float, against: str) -> str:
    """ "£103,000 less than the £1.25 million proposed" / "the same as …"."""
    if round(change_m, 3) == 0:
        return f"the same as the {against}"
    words = money_words(abs(change_m))
    return f"{words} {'more' if change_m > 0 else 'less'} than the {against}"


def scenario_headline(result: ScenarioResult) -> str:
    """The scenario in one sentence, for a projector: the posts kept, the income needed and the
    saving (``scenario_sentence`` says the rest)."""
    if result.redundant_fte == 0:
        kept = f"all {fte(result.at_risk_fte)} FTE at risk are kept"
    elif result.retained_fte == 0:
        kept = f"none of the {fte(result.at_risk_fte)} FTE at risk are kept"
    else:
        kept = f"{fte(result.retained_fte)} of the {fte(result.at_risk_fte)} FTE at risk are kept"
    income = (
        f"schools would need to buy {money_words(result.traded_income_m)} a year of traded support"
        if result.traded_income_m > 0
        else "no traded income is needed"
    )
    saving = _more_or_less(
        result.saving_change_m, f"{money_words(result.proposed_saving_m)} proposed"
    )
    # Each group's own level is on the screen beside it (the controls): named here, three groups
    # made the sentence four lines on a projector.
    bought = levels_phrase(result) if _one_level(result) else "a different share of each group"
    return (
        f"If schools buy back {bought}, {kept}; {income}, and the saving would be"
        f" {money_words(result.saving_m)}, {saving}."
    )


def scenario_sentence(result: ScenarioResult, service_name: str = "SEN Support Services") -> str:
    """What the scenario means, in a short paragraph of plain English."""
    parts: list[str] = []
    if result.redundant_fte > 0 and result.retained_fte == 0:
        went = (
            f"all {fte(result.at_risk_fte)} FTE at risk would go (on top of the"
            f" {fte(result.confirmed_redundant_fte)} FTE the proposal already makes redundant)"
        )
    elif result.redundant_fte > 0:
        went = (
            f"{fte(result.redundant_fte)} of the {fte(result.at_risk_fte)} FTE at risk would go"
            f" (on top of the {fte(result.confirmed_redundant_fte)} FTE the proposal already"
            " makes redundant)"
        )
    else:
        went = (
            f"none of the {fte(result.at_risk_fte)} FTE at risk would go (only the"
            f" {fte(result.confirmed_redundant_fte)} FTE the proposal already makes redundant)"
        )
    if result.expansion_fte > 0:
        went += f", and the traded teams would grow by {fte(result.expansion_fte)} FTE"
    proposal_fte = result.service_fte_now - result.confirmed_redundant_fte
    parts.append(
        f"If schools buy back {levels_phrase(result)}, {went}, leaving {service_name} with"
        f" {fte(result.service_fte_after)} FTE ({fte(result.service_fte_now)} today;"
        f" {fte(proposal_fte)} in the proposal)."
    )
    if result.traded_income_m > 0:
        share = (
            f", {pct(result.traded_share_pct)} of the service's"
            f" {money_words(result.service_cost_m)} cost"
            if result.traded_share_pct is not None
            else ""
        )
        now = (
            f" ({pct(result.traded_share_now_pct, 0)} of its budget is traded today)"
            if result.traded_share_now_pct is not None
            else ""
        )
        parts.append(
            f"Schools and other customers would need to buy"
            f" {money_words(result.traded_income_m)} a year of traded support{share}{now}."
        )
    else:
        parts.append("No traded income would be needed for these posts, because none is kept.")
    saving = (
        f"The saving would be {money_words(result.saving_m)},"
        f" {_more_or_less(result.saving_change_m, f'{money_words(result.proposed_saving_m)} proposed')}"
    )
    if result.redundancy_cost_m > 0:
        saving += (
            f", and redundancy for the at-risk posts would cost about"
            f" {money_words(result.redundancy_cost_m)} once"
        )
    parts.append(saving + ".")
    closed = [o for o in result.groups if o.closed]
    small = [o for o in result.groups if o.below_min_viable]
    if closed:
        parts.append(
            f"The {_join([in_sentence(o.label) for o in closed])} would close (no posts kept)."
        )
    if small:
        parts.append(
            "Below the minimum viable team: "
            + "; ".join(
                f"{in_sentence(o.label)} ({fte(o.retained_fte)} FTE kept,"
                f" {fte(o.min_viable_fte)} FTE assumed needed)"
                for o in small
            )
            + "."
        )
    parts.append(ASSUMPTION_NOTE)
    return " ".join(parts)


def break_even_text(o: GroupOutcome) -> str:
    """Where a group's traded income covers its direct and fixed cost, in words."""
    if o.break_even_level is None:
        return (
            "Never breaks even at this charge: the traded charge does not cover the direct"
            " staff cost, so every post kept adds to the council's cost."
        )
    if o.break_even_level <= 0:
        return "Breaks even at any level of buy-back (no fixed cost, charge covers staff cost)."
    if o.break_even_level > MAX_LEVEL:
        return (
            f"Breaks even only at {level_pct(o.break_even_level)} buy-back, beyond the"
            f" {level_pct(MAX_LEVEL)} this page allows: at any level here the group costs the"
            " council more than it earns."
        )
    if abs(o.level - o.break_even_level) <= 1e-9:
        where = "this scenario is exactly at it"
    elif o.level > o.break_even_level:
        where = "this scenario is above it, so traded income covers the group's cost"
    else:
        where = "this scenario is below it, so the group costs the council more than it earns"
    return (
        f"Breaks even at {level_pct(o.break_even_level)} buy-back"
        f" ({fte(o.break_even_level * o.at_risk_fte)} FTE); {where}."
    )


def viability_text(o: GroupOutcome) -> str:
    """Whether a group keeps enough posts to run, in words (never colour alone)."""
    if o.closed:
        return "Closed: no posts kept, so the traded offer stops."
    if o.below_min_viable:
        return (
            f"Warning: below the minimum viable team. {fte(o.retained_fte)} FTE kept;"
            f" about {fte(o.min_viable_fte)} FTE is needed to run the offer (assumption)."
        )
    return (
        f"Viable: {fte(o.retained_fte)} FTE kept, at or above the minimum of"
        f" {fte(o.min_viable_fte)} FTE (assumption)."
    )


# --- tile deltas ------------------------------------------------------------------------------


def delta_fte(change: float) -> str:
    """A tile's change against the proposal, its sign in the text: "+17.33 FTE", "no change"."""
    if round(change, 2) == 0:
        return NO_CHANGE
    return f"{signed_fte(change)} FTE"


def delta_money(change_m: float) -> str:
    if round(change_m, 2) == 0:
        return NO_CHANGE
    return signed_money_m(change_m)


def delta_points(change_pct: float | None) -> str:
    if change_pct is None:
        return ""
    if round(change_pct, 1) == 0:
        return NO_CHANGE
    sign = "+" if change_pct > 0 else MINUS
    return f"{sign}{abs(change_pct):.1f} points"


def page_intro(model: BuybackModel, retention_quote: str | None) -> str:
    """The buy-back page's opening paragraph (Markdown), its figures from the dataset."""
    words = ""
    if retention_quote:
        # The report runs two sentences together ("... purchase support Consequently, the team
        # ..."); the join is shown as an ellipsis, the words as published.
        quote = retention_quote.strip().rstrip(".").replace(" Consequently, ", " … ")
        words = f": “{escape_markdown(quote)}”"
    return (
        f"The SEN Support Services proposal makes {fte(model.confirmed_fte)} FTE redundant and"
        f" puts a further {fte(model.pool_fte)} FTE at risk{words}. Set how much of each group"
        " schools buy back and see the posts, the traded income needed and the saving."
        " **Proposals, not decisions**; money figures rest on the assumptions at the foot of the"
        " page."
    )


# Past this many groups (synthetic data) the source line counts them instead of naming them.
_NAMED_IN_SOURCE = 4


def source_fte(model: BuybackModel, section: str) -> str:
    """The source line under the FTE chart: the pool, the named groups and how the rest is
    derived, every figure as the dataset holds it."""
    named = [g for g in model.groups if g.fte is not None]
    derived = [g for g in model.groups if g.fte is None]
    if len(named) <= _NAMED_IN_SOURCE:
        parts = [
            (f"{g.posts.value:g} " if g.posts is not None else "")
            + f"{in_sentence(g.label)}, {g.fte.value:g} FTE"
            for g in named
            if g.fte is not None
        ]
    else:
        parts = [f"{len(named)} named groups"]
    text = (
        f"Cabinet report appendix, section “{section}” ({fte(model.pool_fte)} FTE at risk subject"
        " to market testing" + "".join(f"; {p}" for p in parts) + ")."
    )
    if len(derived) == 1 and len(named) <= _NAMED_IN_SOURCE:
        minus = "".join(f" {MINUS} {g.fte.value:g}" for g in named if g.fte is not None)
        text += f" The {in_sentence(derived[0].label)} are derived ({fte(model.pool_fte)}{minus})."
    elif derived:
        text += f" {len(derived)} groups are derived from the pool less the named groups."
    return text + " The buy-back levels are this scenario's inputs, not figures from the report."


def source_money(model: BuybackModel, section: str) -> str:
    """The source line under the money figures: the report's budget lines and the assumptions."""
    share = model.traded_share_now_pct
    return (
        f"Cabinet report appendix, section “{section}” (current budget"
        f" {money_m(model.current_budget_m)}, proposed cost {money_m(model.proposed_cost_m)},"
        f" saving {money_m(model.proposed_saving_m)}"
        + (f", {pct(share, 0)} traded" if share is not None else "")
        + "). ASSUMPTIONS, not in the report: cost per FTE, traded charge, fixed costs,"
        " redundancy cost per FTE and the buy-back the"
        f" {money_m(model.proposed_cost_m)} assumes (data/assumptions.yaml, editable on this page)."
    )


def method_text(model: BuybackModel, proposal_level_pct: float) -> str:
    """How the model works, in words, with the report's cost and saving."""
    return (
        "For each group with A FTE at risk and buy-back level L: kept = L × A; redundant"
        " = A − kept (never below zero); above 100% the extra is expansion. Direct cost"
        " = kept × cost per FTE; traded income = direct cost × traded charge. The"
        f" proposal's {money_m(model.proposed_cost_m)} is taken to keep every group at the"
        f" proposal's buy-back ({level_pct(proposal_level_pct / 100)}, an assumption), so each FTE"
        " kept above or below that changes the service cost by its cost per FTE and the council's"
        " net cost by that cost less its traded income: saving ="
        f" {money_m(model.proposed_saving_m)} − Σ (kept − proposal) × cost × (1 − charge)."
        " A group breaks even where its traded income covers its direct cost and its"
        " fixed cost: L = fixed ÷ (A × cost × (charge − 1)). The same model answers on"
        " the command line: python -m redesign scenario --buyback 0.6 --group"
        " behaviour_and_other=0.4."
    )
