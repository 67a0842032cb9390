"""Derived figures for the SEN needs and provision dataset, and need beside support.

Every function works on the published figures in data/sen_needs.yaml and returns typed results or
pandas frames; nothing is corrected. Each result carries the date label of the figures it uses,
because they describe different moments: the strategy's tables are "as at January 2004", the FOI
placements February 2015, and the service proposals 2016."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from redesign.buyback.model import BuybackModel
from redesign.core.arithmetic import total, whole
from redesign.core.formatting import fte, join_words
from redesign.data.dataset import Dataset
from redesign.data.need_map import NeedMap, NeedSupport
from redesign.model.finance import service_staffing

# ---------------------------------------------------------------------------------------------------
# Need beside support
# ---------------------------------------------------------------------------------------------------
WHOLE_SERVICE = "(whole service: no team named)"


@dataclass(frozen=True)
class SupportLink:
    """One service mapped to a category of need, with its staffing change (whole-service figures)."""

    service_id: str
    service_name: str
    teams: tuple[str, ...]  # team names; WHOLE_SERVICE where an entry names no team
    reasons: tuple[str, ...]
    at_risk_groups: tuple[str, ...]
    at_risk_group_labels: tuple[str, ...]  # "Autism teaching posts (9.20 FTE at risk)"
    at_risk_group_fte: tuple[float, ...]  # each group's at-risk FTE (buy-back model), as the ids
    confirmed_reduction_fte: float | None  # the service's, not split by team
    potential_reduction_fte: float | None
    market_testing_fte: float | None  # the service's, not split by team
    grade_change_at_risk_fte: float | None  # staff at risk through grade changes (not a reduction)
    group_at_risk_fte: float | None  # the mapped groups' at-risk FTE (buy-back model); None: none
    note: str


@dataclass(frozen=True)
class NeedSupportRow:
    category_id: str
    label: str
    primary: int
    secondary: int
    total: int
    as_at: str
    links: tuple[SupportLink, ...]
    confirmed_reduction_fte: float | None  # sum over the distinct mapped services
    potential_reduction_fte: float | None
    market_testing_fte: float | None
    group_at_risk_fte: float | None
    note: str


def need_beside_support(dataset: Dataset) -> tuple[NeedSupportRow, ...]:
    """For each category of need: its pupils (January 2004) and the 2016 staffing change of the
    services the tool's need map links to it. Reductions are whole-service figures: the report
    does not split SEN Support Services' reduction by team."""
    sen, need_map = dataset.sen, dataset.need_map
    if sen is None or need_map is None:
        return ()
    model = BuybackModel(dataset)
    detail_service = dataset.sen_support.service_id
    rows = []
    for cat in sen.categories.rows:
        links = _links(dataset, need_map, cat.id, model.at_risk_fte, detail_service)
        confirmed = _sum_stated(link.confirmed_reduction_fte for link in links)
        potential = _sum_stated(link.potential_reduction_fte for link in links)
        market = _sum_stated(link.market_testing_fte for link in links)
        groups = _sum_stated(link.group_at_risk_fte for link in links)
        notes = [link.note for link in links if link.note]
        rows.append(
            NeedSupportRow(
                category_id=cat.id,
                label=cat.label,
                primary=whole(cat.primary.value),
                secondary=whole(cat.secondary.value),
                total=whole(cat.total.value),
                as_at=cat.as_at,
                links=links,
                confirmed_reduction_fte=confirmed,
                potential_reduction_fte=potential,
                market_testing_fte=market,
                group_at_risk_fte=groups,
                note=" ".join(dict.fromkeys(notes)),
            )
        )
    return tuple(rows)


def _lower_first(text: str) -> str:
    """ "Autism HLTA posts" -> "autism HLTA posts"; an initialism ("SEMH posts") is kept."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def need_support_notes(dataset: Dataset) -> list[str]:
    """The notes under the need-beside-support chart: the at-risk service's reductions are not
    split by team, and which at-risk groups (and pool) the chart's group figures are."""
    detail = dataset.sen_support
    try:
        service = dataset.service(detail.service_id)
    except KeyError:
        return []
    pool = service.staffing.value("market_testing_reduction_fte")
    named = [_lower_first(g.label) for g in detail.groups if not g.derived]
    remainder = [
        f"the remainder of the {fte(pool)} FTE pool for {_lower_first(g.label)}"
        for g in detail.groups
        if g.derived
    ]
    groups = ", and ".join(
        part for part in (f"the {join_words(named)}" if named else "", *remainder) if part
    )
    owner = service.name + ("'" if service.name.endswith("s") else "'s")
    notes = [
        f"{owner} confirmed reduction and the FTE subject to market testing are "
        "published for the whole service only; the report does not split them by team."
    ]
    if groups:
        notes.append(f"At-risk FTE of mapped groups are the buy-back model's groups ({groups}).")
    return notes


def _sum_stated(values: Iterable[float | None]) -> float | None:
    stated = [v for v in values if v is not None]
    return total(stated) if stated else None


def _links(
    dataset: Dataset,
    need_map: NeedMap,
    category_id: str,
    at_risk: dict[str, float],
    detail_service: str,
) -> tuple[SupportLink, ...]:
    by_service: dict[str, list[NeedSupport]] = {}
    for entry in need_map.for_category(category_id):
        by_service.setdefault(entry.service, []).append(entry)
    links = []
    for service_id, entries in by_service.items():
        service = dataset.service(service_id)
        staff = service_staffing(service)
        groups = tuple(dict.fromkeys(g for e in entries for g in e.at_risk_groups))
        labels = {g.id: g.label for g in dataset.sen_support.groups}
        teams = tuple(dict.fromkeys(e.team or WHOLE_SERVICE for e in entries))
        note = ""
        if service_id == detail_service:
            note = (
                f"{service.name}: the {staff.confirmed_reduction_fte or 0:.2f} FTE confirmed "
                f"reduction and {staff.market_testing_fte or 0:.2f} FTE subject to market testing "
                "are published for the whole service, not split by team."
            )
        elif staff.confirmed_reduction_fte is None and staff.market_testing_fte is None:
            note = f"{service.name}: no reduction published"
            if staff.at_risk_fte is not None:
                note += f"; {staff.at_risk_fte:.2f} FTE at risk through grade changes"
            note += "."
        links.append(
            SupportLink(
                service_id=service_id,
                service_name=service.name,
                teams=teams,
                reasons=tuple(e.reason.strip() for e in entries),
                at_risk_groups=groups,
                at_risk_group_labels=tuple(
                    f"{labels.get(g, g)} ({at_risk.get(g, 0.0):.2f} FTE at risk)" for g in groups
                ),
                at_risk_group_fte=tuple(at_risk.get(g, 0.0) for g in groups),
                confirmed_reduction_fte=staff.confirmed_reduction_fte,
                potential_reduction_fte=staff.potential_reduction_fte,
                market_testing_fte=staff.market_testing_fte,
                grade_change_at_risk_fte=staff.at_risk_fte,
                group_at_risk_fte=total(at_risk.get(g, 0.0) for g in groups) if groups else None,
                note=note,
            )
        )
    return tuple(links)


def need_support_frame(rows: tuple[NeedSupportRow, ...]) -> pd.DataFrame:
    """One row per category of need. Do not add the FTE columns down: a service that serves several
    needs appears against each of them."""
    records = [
        {
            "category_id": r.category_id,
            "Category of need": r.label,
            "Primary pupils": r.primary,
            "Secondary pupils": r.secondary,
            "Total pupils": r.total,
            "Pupils as at": r.as_at,
            "Services": "; ".join(link.service_name for link in r.links),
            "Teams": "; ".join(f"{link.service_name}: {t}" for link in r.links for t in link.teams),
            "Confirmed reduction FTE (whole services)": r.confirmed_reduction_fte,
            "Potential reduction FTE (whole services)": r.potential_reduction_fte,
            "Subject to market testing FTE (whole services)": r.market_testing_fte,
            "At-risk FTE of mapped groups (buy-back model)": r.group_at_risk_fte,
            "Note": r.note,
        }
        for r in rows
    ]
    return pd.DataFrame(records)


def need_support_detail_frame(rows: tuple[NeedSupportRow, ...]) -> pd.DataFrame:
    """One row per category and mapped service: the teams, groups and the tool's reasons."""
    records = [
        {
            "category_id": r.category_id,
            "Category of need": r.label,
            "service_id": link.service_id,
            "Service": link.service_name,
            "Teams": "; ".join(link.teams),
            "At-risk groups": "; ".join(link.at_risk_group_labels),
            "Confirmed reduction FTE (whole service)": link.confirmed_reduction_fte,
            "Potential reduction FTE (whole service)": link.potential_reduction_fte,
            "Subject to market testing FTE (whole service)": link.market_testing_fte,
            "Staff at risk FTE (grade changes)": link.grade_change_at_risk_fte,
            "At-risk FTE of mapped groups": link.group_at_risk_fte,
            "Why (the tool's reading)": " ".join(link.reasons),
            "Note": link.note,
        }
        for r in rows
        for link in r.links
    ]
    return pd.DataFrame(records)
