"""What the dashboard shows, as records and frames: every derived number is computed here.

Pages read these and render them; they do no arithmetic. Stated figures stay as published; anything
computed from them (a total, a share, an FTE the report does not state) is marked as derived.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from redesign.arithmetic import clean, differs, total
from redesign.dataset import Dataset
from redesign.finance import (
    ServiceStaffing,
    WaterfallStep,
    select_services,
    service_money,
    service_staffing,
    totals,
    waterfall_steps,
)
from redesign.formatting import (
    count,
    count_words,
    format_frame_by_unit,
    fte,
    join_words,
    money_m,
    pct,
)
from redesign.palette import category_colours
from redesign.reconciliation import Discrepancy, service_discrepancies, services_discrepancies
from redesign.records import Figure
from redesign.services import FUNDING_STREAMS, STAFFING_FIELDS, TEXT_FIELDS, Service

ALL_CATEGORIES = "all"

# --- headline figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """One metric tile: a label, the formatted value, and a sentence saying where it comes from."""

    key: str
    label: str
    value: str
    number: float | None
    help: str
    derived: bool = False


def _names(names: tuple[str, ...] | list[str]) -> str:
    return join_words(names, more="more services")


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
        f" {_names(t.services_without_saving)} states no saving."
        if t.services_without_saving
        else ""
    )
    derived_after = bool(t.services_without_proposed_fte)
    after_help = (
        "Sum of each service's proposed FTE."
        if not derived_after
        else "Sum of each service's proposed FTE where the report states one; for "
        f"{_names(t.services_without_proposed_fte)} the report states none, so FTE now less the "
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
            "Source quote": _quote(b.current_budget_m),
        },
        {
            "Figure": "Proposed cost",
            "£m": m.proposed_cost_m,
            "Basis": "stated" if m.proposed_cost_m is not None else "not stated",
            "Source quote": _quote(b.proposed_cost_m),
        },
        {
            "Figure": "Saving (as stated)",
            "£m": m.saving_m,
            "Basis": "stated" if m.saving_m is not None else "not stated",
            "Source quote": _quote(b.saving_m),
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
                "Source quote": _quote(component),
            }
        )
    return pd.DataFrame(rows, columns=["Figure", "£m", "Basis", "Source quote"])


def _quote(fig: Figure | None) -> str:
    return "" if fig is None or not fig.source.quote else fig.source.quote


# --- staffing ------------------------------------------------------------------------------------


def fte_after_basis(staff: ServiceStaffing) -> str:
    """How a service's FTE after was arrived at: published, or derived (and from what)."""
    if not staff.proposed_fte_derived:
        return "published"
    reduction = staff.confirmed_reduction_fte
    if reduction:
        return (
            f"derived: FTE now {fte(staff.current_fte)} minus confirmed reduction "
            f"{fte(reduction)} (not published)"
        )
    return f"derived: FTE now {fte(staff.current_fte)}, no reduction stated (not published)"


STAFFING_COLUMNS = [
    "service_id",
    "Service",
    "Headcount",
    "Casual staff (headcount)",
    "FTE now",
    "FTE after",
    "FTE after basis",
    "Confirmed reduction FTE",
    "Subject to market testing FTE",
    "Potential further reduction FTE",
    "Vacancies FTE",
    "Vacancies (posts)",
    "Staff at risk FTE (grade changes)",
    "Posts affected",
]


def staffing_frame(services: tuple[Service, ...], total_row: bool = False) -> pd.DataFrame:
    """FTE and headcount per service (never mixed), with reductions kept apart by kind."""
    rows = []
    for service in services:
        st = service_staffing(service)
        s = service.staffing
        rows.append(
            {
                "service_id": service.id,
                "Service": service.name,
                "Headcount": st.current_headcount,
                "Casual staff (headcount)": s.value("casual_staff"),
                "FTE now": st.current_fte,
                "FTE after": st.proposed_fte_after,
                "FTE after basis": fte_after_basis(st),
                "Confirmed reduction FTE": st.confirmed_reduction_fte,
                "Subject to market testing FTE": st.market_testing_fte,
                "Potential further reduction FTE": st.potential_reduction_fte,
                "Vacancies FTE": st.vacancies_fte,
                "Vacancies (posts)": s.value("vacancies"),
                "Staff at risk FTE (grade changes)": st.at_risk_fte,
                "Posts affected": s.value("posts_affected"),
            }
        )
    frame = pd.DataFrame(rows, columns=STAFFING_COLUMNS)
    if total_row and rows:
        t = totals(services)

        def col_total(column: str) -> float | None:
            values = [r[column] for r in rows if r[column] is not None]
            return total(values) if values else None

        derived = [r["Service"] for r in rows if r["FTE after basis"] != "published"]
        frame.loc[len(frame)] = {
            "service_id": "",
            "Service": f"All {t.services} services",
            "Headcount": t.current_headcount,
            "Casual staff (headcount)": col_total("Casual staff (headcount)"),
            "FTE now": t.current_fte,
            "FTE after": t.proposed_fte_after,
            "FTE after basis": "published"
            if not derived
            else f"partly derived ({_names(derived)})",
            "Confirmed reduction FTE": t.confirmed_reduction_fte,
            "Subject to market testing FTE": t.market_testing_fte,
            "Potential further reduction FTE": t.potential_reduction_fte,
            "Vacancies FTE": col_total("Vacancies FTE"),
            "Vacancies (posts)": col_total("Vacancies (posts)"),
            "Staff at risk FTE (grade changes)": t.at_risk_fte,
            "Posts affected": col_total("Posts affected"),
        }
    return frame


def reductions_frame(services: tuple[Service, ...]) -> pd.DataFrame:
    """The reduction columns of ``staffing_frame`` (with the total row)."""
    columns = [
        "service_id",
        "Service",
        "FTE now",
        "Confirmed reduction FTE",
        "Subject to market testing FTE",
        "Potential further reduction FTE",
    ]
    return staffing_frame(services, total_row=True)[columns]


def headcount_frame(services: tuple[Service, ...]) -> pd.DataFrame:
    """Headcount per service (people, not FTE), with casual staff kept apart."""
    rows = [
        {
            "service_id": s.id,
            "Service": s.name,
            "Headcount": s.staffing.value("current_headcount"),
            "Casual staff (headcount)": s.staffing.value("casual_staff"),
            "Vacancies (posts)": s.staffing.value("vacancies"),
            "Posts affected": s.staffing.value("posts_affected"),
        }
        for s in services
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "service_id",
            "Service",
            "Headcount",
            "Casual staff (headcount)",
            "Vacancies (posts)",
            "Posts affected",
        ],
    )


@dataclass(frozen=True)
class StaffingLine:
    key: str
    label: str
    value: float | None
    unit: str  # "FTE" or "people" / "posts"
    basis: str  # "published" or how it was derived
    quote: str | None


def service_staffing_lines(service: Service) -> list[StaffingLine]:
    """A service's staffing figures one per line, FTE and headcount apart, derived ones marked."""
    st = service_staffing(service)
    lines: list[StaffingLine] = []
    for key, (label, whole) in STAFFING_FIELDS.items():
        fig = service.staffing.get(key)
        if key == "proposed_fte" and fig is None and st.proposed_fte_after is not None:
            lines.append(
                StaffingLine(
                    "fte_after",
                    "FTE after",
                    st.proposed_fte_after,
                    "FTE",
                    fte_after_basis(st),
                    None,
                )
            )
            continue
        if fig is None:
            continue
        unit = "FTE" if not whole else ("posts" if "post" in label.lower() else "people")
        lines.append(StaffingLine(key, label, fig.value, unit, "published", fig.source.quote))
    return lines


# --- categories ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryEntry:
    """A service listed under a category: the names it is listed as, and whether that is inferred."""

    service_id: str
    service_name: str
    listed_as: tuple[str, ...]
    inferred: bool  # True when every link to this category is inferred
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class CategoryGroup:
    id: str
    label: str
    colour: str
    entries: tuple[CategoryEntry, ...]
    unmatched: tuple[str, ...]  # listed names that no section of the report covers


def category_groups(dataset: Dataset) -> list[CategoryGroup]:
    """Services under each original-proposals category (a service under several appears in each)."""
    colours = category_colours([c.id for c in dataset.categories])
    groups = []
    for category in dataset.categories:
        entries = []
        covered: set[str] = set()
        for service in dataset.services:
            links = [link for link in service.categories if link.category == category.id]
            if not links:
                continue
            listed = tuple(dict.fromkeys(link.listed_as for link in links if link.listed_as))
            covered.update(listed)
            entries.append(
                CategoryEntry(
                    service.id,
                    service.name,
                    listed,
                    all(link.inferred for link in links),
                    tuple(link.reason for link in links if link.inferred and link.reason),
                )
            )
        unmatched = tuple(n.name for n in category.listed if n.name not in covered)
        groups.append(
            CategoryGroup(
                category.id, category.label, colours[category.id], tuple(entries), unmatched
            )
        )
    return groups


def category_options(dataset: Dataset) -> dict[str, str]:
    """Filter choices: "all" then every category id, with labels."""
    return {ALL_CATEGORIES: "All categories"} | {c.id: c.label for c in dataset.categories}


def services_in(dataset: Dataset, category: str | None) -> tuple[Service, ...]:
    """All services, or those listed under one category ("all" or None: every service)."""
    return select_services(dataset, None if category in (None, ALL_CATEGORIES) else category)


# --- one service ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextSection:
    key: str
    heading: str
    text: str


def service_text_sections(service: Service) -> list[TextSection]:
    """The report's narrative for a service in report order, with the feedback heading it uses."""
    sections = []
    for key, heading in TEXT_FIELDS.items():
        text = service.text.get(key)
        if not text:
            continue
        if key == "feedback" and service.feedback_heading:
            heading = service.feedback_heading
        sections.append(TextSection(key, heading, text))
    return sections


def neighbours(dataset: Dataset, service_id: str) -> tuple[Service | None, Service | None]:
    """The previous and next service in report order (None at either end)."""
    ids = [s.id for s in dataset.services]
    i = ids.index(service_id)
    prev = dataset.services[i - 1] if i > 0 else None
    nxt = dataset.services[i + 1] if i + 1 < len(ids) else None
    return prev, nxt


# Which part of the drilldown each reconciliation check belongs beside.
DISCREPANCY_PLACE = {
    "saving": "budget",
    "budget_components": "budget",
    "savings_by_stream": "streams",
    "fte_reduction": "staffing",
}


def discrepancies_by_place(service: Service) -> dict[str, list[Discrepancy]]:
    found: dict[str, list[Discrepancy]] = {}
    for d in service_discrepancies(service):
        found.setdefault(DISCREPANCY_PLACE.get(d.check, "budget"), []).append(d)
    return found


def all_services_discrepancies(services: tuple[Service, ...]) -> list[Discrepancy]:
    return services_discrepancies(services)


def service_figure_sources(dataset: Dataset, service: Service) -> pd.DataFrame:
    """Every published figure of one service with its document, section and verbatim quote."""
    from redesign.tables import service_figures

    frame = service_figures(dataset, service)
    return frame.drop(columns=["service_id", "Service"])


# --- waterfall -----------------------------------------------------------------------------------

WATERFALL_COLUMNS = [
    "Step",
    "Type",
    "Change £m",
    "Level before £m",
    "Level after £m",
    "Share of stated saving",
    "Note",
    "colour_key",
]


def waterfall_table(steps: list[WaterfallStep]) -> pd.DataFrame:
    """Waterfall steps with the running level before and after each one (what the bars span).

    Start and end rows carry their level in both level columns and no change.
    """
    rows = []
    level = 0.0
    for step in steps:
        if step.kind in ("start", "end"):
            level = step.value_m
            rows.append(
                {
                    "Step": step.label,
                    "Type": "total",
                    "Change £m": None,
                    "Level before £m": step.value_m,
                    "Level after £m": step.value_m,
                    "Share of stated saving": None,
                    "Note": step.note,
                    "colour_key": "total",
                }
            )
            continue
        after = clean(level + step.value_m) or 0.0
        rows.append(
            {
                "Step": step.label,
                "Type": "gap (published figures do not reconcile)"
                if step.kind == "gap"
                else "step",
                "Change £m": step.value_m,
                "Level before £m": level,
                "Level after £m": after,
                "Share of stated saving": step.share_of_saving,
                "Note": step.note,
                "colour_key": step.colour_key,
            }
        )
        level = after
    return pd.DataFrame(rows, columns=WATERFALL_COLUMNS)


def waterfall_view(
    dataset: Dataset, view: str = "service", category: str | None = None
) -> pd.DataFrame:
    """The waterfall for a view ("service" or "stream") and an optional category filter."""
    by = "stream" if view == "stream" else "service"
    return waterfall_table(waterfall_steps(services_in(dataset, category), by=by))


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
                "Status": "not split by stream (gap): " + _names(unsplit_names),
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


def staffing_figures(services: tuple[Service, ...]) -> list[Figure]:
    return [fig for s in services for fig in s.staffing.figures.values()]


def source_summary(dataset: Dataset, figures: list[Figure]) -> str:
    """One line naming the documents and sections some figures come from (for "Source: ...")."""
    by_doc: dict[str, list[str]] = {}
    for fig in figures:
        sections = by_doc.setdefault(fig.source.document, [])
        if fig.source.section and fig.source.section not in sections:
            sections.append(fig.source.section)
    parts = []
    for doc, sections in by_doc.items():
        title = dataset.document_title(doc)
        if not sections:
            parts.append(title)
        elif len(sections) == 1:
            parts.append(f"{title}, section “{sections[0]}”")
        elif len(sections) <= 3:
            parts.append(f"{title}, sections: " + "; ".join(f"“{x}”" for x in sections))
        else:
            parts.append(f"{title}, the section on each of the {len(sections)} services")
    return "; ".join(parts) + ("" if not parts else ". Quotes for every figure: Data and sources.")


def staffing_lines_frame(lines: list[StaffingLine]) -> pd.DataFrame:
    """A service's staffing figures as a two-unit table: FTE and people/posts in separate columns."""
    rows = [
        {
            "Figure": line.label,
            "FTE": line.value if line.unit == "FTE" else None,
            "Headcount or posts": line.value if line.unit != "FTE" else None,
            "Basis": line.basis,
            "Source quote": line.quote or "",
        }
        for line in lines
    ]
    return pd.DataFrame(
        rows, columns=["Figure", "FTE", "Headcount or posts", "Basis", "Source quote"]
    )


def service_position(dataset: Dataset, service_id: str) -> tuple[int, int]:
    """(position, number of services) in report order, counting from 1."""
    ids = [s.id for s in dataset.services]
    return ids.index(service_id) + 1, len(ids)


def service_categories_text(dataset: Dataset, service: Service) -> str:
    """The categories a service is listed under, each once, "(inferred)" where every link is."""
    seen: dict[str, bool] = {}
    for link in service.categories:
        seen[link.category] = seen.get(link.category, True) and link.inferred
    return "; ".join(
        f"{dataset.category_label(cid)}{' (inferred)' if inferred else ''}"
        for cid, inferred in seen.items()
    )


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


def waterfall_ends(frame: pd.DataFrame) -> tuple[float | None, float | None]:
    """(start level, end level) of a waterfall table."""
    if frame.empty:
        return None, None
    return frame["Level after £m"].iloc[0], frame["Level after £m"].iloc[-1]


def waterfall_gap_notes(frame: pd.DataFrame) -> list[str]:
    """One plain sentence per gap step (where the published figures do not reconcile)."""
    gaps = frame[frame["colour_key"] == "gap"]
    return [f"{row['Step']}: {row['Note']}." for _, row in gaps.iterrows()]


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
        text += f"; {_names(missing)} states none"
    return text + "."


def staffing_now_after_alt(services: tuple[Service, ...]) -> str:
    """One-sentence alt text for the FTE now and after chart: how many services, and the service
    whose FTE falls most (saying when its FTE after is derived)."""
    if len(services) == 1:
        text = f"Grouped bar chart of FTE now and FTE after for {services[0].name}"
    else:
        text = (
            "Grouped bar chart of FTE now and FTE after for each of the "
            f"{count_words(len(services))} services"
        )
    falls = []
    for s in services:
        st = service_staffing(s)
        now, after = st.current_fte, st.proposed_fte_after
        if now is not None and after is not None and differs(now, after) and now > after:
            falls.append((now - after, s.name, st))
    if falls:
        _fall, name, st = max(falls, key=lambda item: item[0])
        derived = "a derived " if st.proposed_fte_derived else ""
        text += (
            f"; {name} falls from {fte(st.current_fte)} to {derived}{fte(st.proposed_fte_after)}"
        )
    return text + "."


def staffing_reductions_alt(services: tuple[Service, ...]) -> str:
    """One-sentence alt text for the reductions-by-kind chart: where the confirmed reductions are,
    and every FTE subject to market testing or a potential reduction, by service."""
    staffs = [(s.name, service_staffing(s)) for s in services]
    n = len(staffs)
    with_confirmed = sum(1 for _name, st in staffs if differs(st.confirmed_reduction_fte, 0.0))
    without = n - with_confirmed
    if with_confirmed == 0:
        where = "no confirmed reductions"
    elif without == 0:
        where = "confirmed reductions in every service" if n > 1 else "a confirmed reduction"
    elif without < with_confirmed:
        where = f"confirmed reductions in every service but {count_words(without)}"
    else:
        where = (
            f"confirmed reductions in {count_words(with_confirmed)} of the {count_words(n)} "
            "services"
        )
    extras = [
        f"{fte(st.market_testing_fte)} FTE subject to market testing in {name}"
        for name, st in staffs
        if differs(st.market_testing_fte, 0.0)
    ] + [
        f"a potential {fte(st.potential_reduction_fte)} FTE in {name}"
        for name, st in staffs
        if differs(st.potential_reduction_fte, 0.0)
    ]
    text = f"Stacked bar chart of the FTE reductions per service: {where}"
    if extras:
        text += (", plus " if with_confirmed else "; ") + join_words(
            extras, more="more services with such reductions"
        )
    return text + "."


def headcount_alt(services: tuple[Service, ...]) -> str:
    """One-sentence alt text for the headcount chart, naming any casual staff (kept apart)."""
    casual = [
        f"{s.name} also has {count(v)} casual staff"
        for s in services
        if (v := s.staffing.value("casual_staff"))
    ]
    text = "Bar chart of the number of people employed in each service now"
    more = "more services with casual staff"
    return text + ("; " + join_words(casual, more=more) if casual else "") + "."


def categories_lead(dataset: Dataset) -> str:
    """The opening sentence of the overview's category section, counting the report's list."""
    n = len(dataset.categories)
    noun = "category" if n == 1 else "categories"
    return (
        f"The report opens with a list of {count_words(n)} {noun} and the services named under "
        f"{'it' if n == 1 else 'each'}."
    )


def reconciliation_display(frame: pd.DataFrame) -> pd.DataFrame:
    """The reconciliation table for reading: each number in its own row's unit."""
    return format_frame_by_unit(frame, ["Published", "Computed", "Difference"], "Unit")


def figure_sources_display(frame: pd.DataFrame) -> pd.DataFrame:
    """The figure-sources table for reading: each value in its own row's unit."""
    return format_frame_by_unit(frame, ["Value"], "Unit")
