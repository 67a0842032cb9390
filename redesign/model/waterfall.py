"""The savings waterfall's steps: from total budget to total proposed cost, by service or by funding
stream, with every published gap as a step of its own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from redesign.core.arithmetic import clean, differs, total
from redesign.data.services import FUNDING_STREAMS, Service
from redesign.model.finance import service_money, totals


@dataclass(frozen=True)
class WaterfallStep:
    label: str
    kind: Literal["start", "step", "gap", "end"]
    value_m: float  # start/end: the level; step/gap: the change (negative = saving)
    share_of_saving: float | None  # this step's share of the total published saving
    note: str
    colour_key: str  # a funding stream, "gap" or "total"


def waterfall_steps(
    services: tuple[Service, ...], by: Literal["service", "stream"] = "service"
) -> list[WaterfallStep]:
    """From total current budget to total proposed cost; published gaps are their own steps."""
    money = [(s, service_money(s)) for s in services]
    t = totals(services)
    saving_total = t.saving_m or None

    def share(change: float) -> float | None:
        return clean(-change / saving_total, 6) if saving_total else None

    steps = [WaterfallStep("Current budget", "start", t.current_budget_m, None, "", "total")]
    if by == "service":
        for service, m in money:
            change = -m.saving_used_m
            note = (
                "published saving"
                if m.saving_m is not None
                else (
                    "no saving published; budget minus proposed cost"
                    if m.saving_computed_m is not None
                    else "no saving or proposed cost published"
                )
            )
            steps.append(
                WaterfallStep(
                    service.name, "step", clean(change) or 0.0, share(change), note, "service"
                )
            )
    else:
        for key, label in FUNDING_STREAMS.items():
            change = -t.savings_by_stream_m[key]
            steps.append(
                WaterfallStep(
                    f"{label} savings",
                    "step",
                    clean(change) or 0.0,
                    share(change),
                    "sum of the savings published for this stream",
                    key,
                )
            )
        for service, m in money:
            # Whatever part of the service's stepped saving the streams do not account for.
            streams_sum = total(m.streams_m.values())
            unsplit = clean(m.saving_used_m - streams_sum) or 0.0
            if not differs(unsplit, 0.0):
                continue
            saving_text = (
                f"saving £{m.saving_m:.2f}m"
                if m.saving_m is not None
                else f"no saving published; budget minus cost £{m.saving_used_m:.2f}m"
            )
            streams_text = (
                f"streams total £{streams_sum:.2f}m"
                if m.streams_m
                else "no split by funding stream published"
            )
            label = (
                f"Not split by stream: {service.name}"
                if unsplit > 0
                else f"Streams exceed the saving: {service.name}"
            )
            steps.append(
                WaterfallStep(
                    label, "gap", -unsplit, share(-unsplit), f"{saving_text}; {streams_text}", "gap"
                )
            )
    for service, m in money:
        if differs(m.reconciling_m, 0.0):
            steps.append(
                WaterfallStep(
                    f"Gap: {service.name} saving ≠ budget − cost",
                    "gap",
                    m.reconciling_m,
                    None,
                    f"published saving £{m.saving_m:.2f}m, budget minus cost "
                    f"£{m.saving_computed_m:.2f}m",
                    "gap",
                )
            )
    end_level = clean(t.current_budget_m + total(s.value_m for s in steps if s.kind != "start"))
    steps.append(
        WaterfallStep(
            "Proposed cost",
            "end",
            end_level or 0.0,
            None,
            _end_note(t.proposed_cost_m, end_level),
            "total",
        )
    )
    return steps


def _end_note(published_total: float, stepped: float | None) -> str:
    if stepped is None or not differs(published_total, stepped):
        return "sum of proposed costs"
    return (
        f"steps reach £{stepped:.2f}m; the proposed costs published sum to "
        f"£{published_total:.2f}m (a service without a proposed cost)"
    )


def running_levels(rows: Iterable[tuple[bool, float | None]]) -> list[tuple[float, float]]:
    """The level before and after each row of a waterfall: a total row ``(True, level)`` sets the
    level; any other row ``(False, change)`` moves it (a missing change moves it by nothing).
    The one place the bars' spans are computed, for the full waterfall and the shortened one."""
    spans = []
    level = 0.0
    for is_total, value in rows:
        if is_total:
            level = float(value or 0.0)
            spans.append((level, level))
            continue
        after = clean(level + (value or 0.0)) or 0.0
        spans.append((level, after))
        level = after
    return spans
