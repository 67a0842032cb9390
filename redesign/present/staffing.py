"""Staffing as the pages show it: FTE and headcount before and after, reductions by kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from redesign.core.arithmetic import differs, total
from redesign.core.formatting import count, count_words, fte, join_words, service_names
from redesign.core.records import Figure
from redesign.data.services import STAFFING_FIELDS, Service
from redesign.model.finance import (
    ServiceStaffing,
    service_staffing,
    totals,
)

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
    rows: list[dict[str, Any]] = []
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

        derived = [str(r["Service"]) for r in rows if r["FTE after basis"] != "published"]
        frame.loc[len(frame)] = {
            "service_id": "",
            "Service": f"All {t.services} services",
            "Headcount": t.current_headcount,
            "Casual staff (headcount)": col_total("Casual staff (headcount)"),
            "FTE now": t.current_fte,
            "FTE after": t.proposed_fte_after,
            "FTE after basis": "published"
            if not derived
            else f"partly derived ({service_names(derived)})",
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


def staffing_figures(services: tuple[Service, ...]) -> list[Figure]:
    return [fig for s in services for fig in s.staffing.figures.values()]


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
