"""Savings as the pages show them: ranked by service, by funding stream, and one service's budget."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from redesign.core.arithmetic import clean, differs, total
from redesign.core.formatting import money_m, pct, service_names
from redesign.core.records import Figure, quote_of
from redesign.data.services import FUNDING_STREAMS, Service
from redesign.model.finance import (
    service_money,
    totals,
)

# --- savings -------------------------------------------------------------------------------------


def ranked_savings_frame(services: tuple[Service, ...]) -> pd.DataFrame:
    """Services by stated saving, largest first; a service with no stated saving comes last."""
    t = totals(services)
    rows = []
    for service in services:
        m = service_money(service)
        rows.append(
            {
                "service_id": service.id,
                "Service": service.name,
                "Saving £m": m.saving_m,
                "Share of stated saving": clean(m.saving_m / t.saving_m, 6)
                if m.saving_m is not None and t.saving_m
                else None,
                "Current budget £m": m.current_budget_m,
                "Proposed cost £m": m.proposed_cost_m,
                "Note": "as stated"
                if m.saving_m is not None
                else "no saving stated"
                + (
                    f" (budget minus cost {money_m(m.saving_computed_m)})"
                    if m.saving_computed_m is not None
                    else ""
                ),
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    frame["_missing"] = frame["Saving £m"].isna()
    frame = frame.sort_values(
        ["_missing", "Saving £m", "Service"], ascending=[True, False, True], kind="stable"
    )
    return frame.drop(columns="_missing").reset_index(drop=True)


@dataclass(frozen=True)
class StreamSaving:
    stream: str  # a FUNDING_STREAMS key, or "unsplit"
    label: str
    value_m: float | None
    status: str  # "stated", "printed blank", "not stated", "not split by stream"
    quote: str | None


def service_stream_savings(service: Service) -> list[StreamSaving]:
    """A service's saving by funding stream, as stated, plus any part no stream accounts for."""
    m = service_money(service)
    rows: list[StreamSaving] = []
    for key, label in FUNDING_STREAMS.items():
        fig = service.budget.savings_by_stream_m.get(key)
        if fig is None:
            continue
        rows.append(
            StreamSaving(
                key,
                label,
                fig.value,
                "stated" if fig.value is not None else "printed blank",
                fig.source.quote,
            )
        )
    streams_sum = total(m.streams_m.values())
    unsplit = clean(m.saving_used_m - streams_sum) or 0.0
    if m.saving_m is not None and differs(unsplit, 0.0):
        rows.append(
            StreamSaving(
                "unsplit",
                "Not split by stream" if unsplit > 0 else "Streams exceed the saving",
                unsplit,
                "not split by stream (gap)",
                service.budget.savings_not_split_quote,
            )
        )
    return rows


def service_streams_frame(service: Service) -> pd.DataFrame:
    rows = [
        {
            "Funding stream": s.label,
            "stream": s.stream,
            "Saving £m": s.value_m,
            "Status": s.status,
            "Source quote": s.quote or "",
        }
        for s in service_stream_savings(service)
    ]
    return pd.DataFrame(
        rows, columns=["Funding stream", "stream", "Saving £m", "Status", "Source quote"]
    )


def streams_frame(services: tuple[Service, ...]) -> pd.DataFrame:
    """One row per service: the saving in each stream and the part the report does not split."""
    rows = []
    for service in services:
        m = service_money(service)
        row: dict[str, object] = {"service_id": service.id, "Service": service.name}
        row["Saving £m (stated)"] = m.saving_m
        for key, label in FUNDING_STREAMS.items():
            row[f"{label} £m"] = m.streams_m.get(key)
        streams_sum = total(m.streams_m.values())
        row["Not split by stream £m"] = (
            clean(m.saving_m - streams_sum) if m.saving_m is not None else None
        )
        rows.append(row)
    return pd.DataFrame(rows)


def budget_frame(service: Service) -> pd.DataFrame:
    """A service's current budget and proposed cost (the before/after bars), with sources."""
    b = service.budget
    m = service_money(service)
    rows = [
        {
            "Figure": "Current budget",
            "£m": m.current_budget_m,
            "Basis": "stated",
            "Source quote": quote_of(b.current_budget_m),
        },
        {
            "Figure": "Proposed cost",
            "£m": m.proposed_cost_m,
            "Basis": "stated" if m.proposed_cost_m is not None else "not stated",
            "Source quote": quote_of(b.proposed_cost_m),
        },
        {
            "Figure": "Saving (as stated)",
            "£m": m.saving_m,
            "Basis": "stated" if m.saving_m is not None else "not stated",
            "Source quote": quote_of(b.saving_m),
        },
        {
            "Figure": "Budget minus proposed cost",
            "£m": m.saving_computed_m,
            "Basis": "derived (computed from the two figures above)",
            "Source quote": "",
        },
    ]
    if b.components:
        rows.append(
            {
                "Figure": "Sum of budget components",
                "£m": total(c.value for c in b.components),
                "Basis": "derived (sum of the stated components below)",
                "Source quote": "",
            }
        )
    for component in b.components:
        rows.append(
            {
                "Figure": f"Budget component: {component.label or 'not labelled'}",
                "£m": component.value,
                "Basis": "stated",
                "Source quote": quote_of(component),
            }
        )
    return pd.DataFrame(rows, columns=["Figure", "£m", "Basis", "Source quote"])


def stream_totals_frame(services: tuple[Service, ...]) -> pd.DataFrame:
    """Stated savings summed per funding stream across services, plus the part not split by stream.

    Same columns as ``service_streams_frame``.
    """
    t = totals(services)
    rows = [
        {
            "Funding stream": label,
            "stream": key,
            "Saving £m": t.savings_by_stream_m.get(key),
            "Status": "sum of stated savings",
            "Source quote": "",
        }
        for key, label in FUNDING_STREAMS.items()
    ]
    if differs(t.unsplit_saving_m, 0.0):
        unsplit_names = [
            s.name
            for s in services
            if any(x.stream == "unsplit" for x in service_stream_savings(s))
        ]
        rows.append(
            {
                "Funding stream": "Not split by stream",
                "stream": "unsplit",
                "Saving £m": t.unsplit_saving_m,
                "Status": "not split by stream (gap): " + service_names(unsplit_names),
                "Source quote": "",
            }
        )
    return pd.DataFrame(
        rows, columns=["Funding stream", "stream", "Saving £m", "Status", "Source quote"]
    )


# --- sources -------------------------------------------------------------------------------------


def money_figures(services: tuple[Service, ...]) -> list[Figure]:
    """The published money figures of some services (budgets, costs, savings, streams)."""
    figs: list[Figure] = []
    for s in services:
        b = s.budget
        figs += [f for f in (b.current_budget_m, b.proposed_cost_m, b.saving_m) if f is not None]
        figs += list(b.components) + list(b.savings_by_stream_m.values())
    return figs


def funding_split_text(service: Service) -> str:
    """How a service is funded today, as the report states it ("DSG 78%, TRADED 22%"), or ""."""
    split = service.budget.funding_split_pct
    if not split:
        return ""
    parts = ", ".join(
        f"{FUNDING_STREAMS.get(key, key.capitalize())} {pct(fig.value, 0)}"
        for key, fig in split.items()
    )
    quote = next(iter(split.values())).source.quote
    return parts + (f" (“{quote}”)" if quote else "")


def ranked_savings_alt(ranked: pd.DataFrame) -> str:
    """One-sentence alt text for the ranked saving chart, from its numbers."""
    stated = ranked[ranked["Saving £m"].notna()]
    missing = ranked[ranked["Saving £m"].isna()]["Service"].tolist()
    if stated.empty:
        return "Bar chart of savings by service: no service states a saving."
    first, last = stated.iloc[0], stated.iloc[-1]
    text = (
        f"Horizontal bar chart of the stated saving for each of {len(ranked)} services, largest "
        f"first: {first['Service']} {money_m(first['Saving £m'])} down to {last['Service']} "
        f"{money_m(last['Saving £m'])}"
    )
    if missing:
        text += f"; {service_names(missing)} states none"
    return text + "."
