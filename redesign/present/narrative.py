"""Plain-English summaries generated from the data (no figure is typed in by hand).

Sentences use running-prose money ("£140,000", "£1.25 million") and FTE with two decimals. The text is
plain (no Markdown); pages escape it before rendering.
"""

from __future__ import annotations

from redesign.checks.reconciliation import services_discrepancies
from redesign.core.arithmetic import clean, differs
from redesign.core.formatting import count, fte, money_words, share
from redesign.data.dataset import Dataset
from redesign.data.services import FUNDING_STREAMS, Service
from redesign.model.finance import service_money, service_staffing, totals
from redesign.present.savings import ranked_savings_frame, service_stream_savings

STREAM_WORDS = {
    "dsg": "the Dedicated Schools Grant (DSG)",
    "esg": "the Education Services Grant (ESG)",
    "core": "core council funding",
    "trading": "traded income",
    "other": "other income",
}


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _services_word(n: int) -> str:
    return "one service" if n == 1 else f"{n} services"


def overview_summary(dataset: Dataset, services: tuple[Service, ...] | None = None) -> list[str]:
    """A few short paragraphs: money, the largest savings, funding streams, staffing, gaps."""
    services = dataset.services if services is None else services
    if not services:
        return ["No services are in this selection."]
    t = totals(services)
    paragraphs: list[str] = []

    money = (
        f"The proposals cover {_services_word(t.services)} with a combined current budget of "
        f"{money_words(t.current_budget_m)}. Their proposed cost is "
        f"{money_words(t.proposed_cost_m)}, which is {money_words(t.saving_computed_m)} less."
    )
    if differs(t.saving_m, t.saving_computed_m):
        money += f" The savings the report states add up to {money_words(t.saving_m)}"
        reasons = []
        for s in services:
            m = service_money(s)
            if m.saving_m is not None and differs(m.saving_m, m.saving_computed_m):
                reasons.append(
                    f"{s.name} states a saving of {money_words(m.saving_m)} although its budget "
                    f"minus proposed cost is {money_words(m.saving_computed_m)}"
                )
        money += (": the two differ because " + "; ".join(reasons) + ".") if reasons else "."
    else:
        money += f" The savings the report states add up to {money_words(t.saving_m)}."
    if t.services_without_saving:
        money += f" {_join(list(t.services_without_saving))} states no saving."
    paragraphs.append(money)

    ranked = ranked_savings_frame(services)
    stated = ranked[ranked["Saving £m"].notna()].head(2)
    if not stated.empty and t.saving_m:
        parts = [
            f"{row['Service']} ({money_words(row['Saving £m'])}, "
            f"{share(row['Share of stated saving'])} of the stated savings)"
            for _, row in stated.iterrows()
        ]
        word = "saving is" if len(parts) == 1 else "savings are"
        paragraphs.append(f"The largest {word} in {_join(parts)}.")

    streams = [
        f"{money_words(t.savings_by_stream_m[key])} to {STREAM_WORDS.get(key, label)}"
        for key, label in FUNDING_STREAMS.items()
        if t.savings_by_stream_m.get(key)
    ]
    if streams:
        text = f"By funding stream, the report attributes {_join(streams)}."
        if differs(t.unsplit_saving_m, 0.0):
            unsplit = []
            for s in services:
                for part in service_stream_savings(s):
                    if part.stream == "unsplit" and part.value_m:
                        unsplit.append(f"{s.name} ({money_words(part.value_m)})")
            text += (
                f" A further {money_words(t.unsplit_saving_m)} is not split by stream: "
                f"{_join(unsplit)}."
            )
        paragraphs.append(text)

    staff = (
        f"The services employ {count(t.current_headcount)} people, {fte(t.current_fte)} "
        f"full-time equivalent (FTE). The report confirms reductions of "
        f"{fte(t.confirmed_reduction_fte)} FTE"
    )
    extras = []
    if t.market_testing_fte:
        tested = [s.name for s in services if service_staffing(s).market_testing_fte]
        extras.append(
            f"a further {fte(t.market_testing_fte)} FTE in {_join(tested)} may go, depending "
            "on how much of a traded offer schools buy (market testing)"
        )
    if t.potential_reduction_fte:
        potential = [s.name for s in services if service_staffing(s).potential_reduction_fte]
        extras.append(
            f"{fte(t.potential_reduction_fte)} FTE in {_join(potential)} is a potential further "
            "reduction"
        )
    staff += ("; " + "; ".join(extras) + ".") if extras else "."
    if t.services_without_proposed_fte:
        n = len(t.services_without_proposed_fte)
        staff += (
            f" {_join(list(t.services_without_proposed_fte))} "
            f"{'publishes' if n == 1 else 'publish'} no FTE after the change, so the "
            f"{'figure' if n == 1 else 'figures'} after shown here "
            f"{'is' if n == 1 else 'are'} derived (FTE now less any confirmed reduction)."
        )
    paragraphs.append(staff)

    found = services_discrepancies(services)
    if found:
        paragraphs.append(
            f"{len(found)} published {'figure does' if len(found) == 1 else 'figures do'} not "
            "add up. Each is shown beside the figure it affects, with both numbers, and listed "
            "on the Data and sources page."
        )
    paragraphs.append("These are proposals, not decisions.")
    return paragraphs


def service_summary(dataset: Dataset, service: Service) -> str:
    """One paragraph on what changes for one service, in money and posts."""
    m = service_money(service)
    st = service_staffing(service)
    t = totals(dataset.services)
    parts = [f"Current budget {money_words(m.current_budget_m)}"]
    if m.proposed_cost_m is not None:
        parts.append(f"proposed cost {money_words(m.proposed_cost_m)}")
    text = "; ".join(parts) + "."
    if m.saving_m is not None:
        text += f" The report states a saving of {money_words(m.saving_m)}"
        if t.saving_m:
            text += f" ({share(clean(m.saving_m / t.saving_m, 6))} of all stated savings)"
        text += "."
        if differs(m.saving_m, m.saving_computed_m):
            text += (
                f" Budget minus proposed cost is {money_words(m.saving_computed_m)}, "
                "so the published figures do not add up."
            )
    else:
        text += " The report states no saving for this service."
    staff = f" Staff: {fte(st.current_fte)} FTE now"
    if st.current_headcount is not None:
        staff += f" ({count(st.current_headcount)} people)"
    if st.proposed_fte_after is not None:
        staff += f", {fte(st.proposed_fte_after)} FTE after"
        if st.proposed_fte_derived:
            staff += " (derived: the report states no figure after)"
    staff += "."
    if st.confirmed_reduction_fte:
        staff += f" A confirmed reduction of {fte(st.confirmed_reduction_fte)} FTE."
    if st.market_testing_fte:
        staff += f" A further {fte(st.market_testing_fte)} FTE may go, subject to market testing."
    if st.potential_reduction_fte:
        staff += f" A potential further reduction of {fte(st.potential_reduction_fte)} FTE."
    return text + staff
