"""The need-to-support map (data/need_support_map.yaml): the tool's own editorial reading.

For each category of need in data/sen_needs.yaml, the redesigned services (and, where the cabinet
report names one, the team and the at-risk groups) that serve it. Neither source document makes
these links: the file's ``document`` must be ``tool_editorial`` and a page must say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from redesign.core.errors import DataProblem
from redesign.data import fields as f
from redesign.data.sen_support import SenSupportDetail

NEED_MAP_FILE = "need_support_map.yaml"
EDITORIAL_DOCUMENT = "tool_editorial"


@dataclass(frozen=True)
class NeedSupport:
    """One service (optionally one team of it) that serves a category of need."""

    service: str
    team: str | None
    at_risk_groups: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class NeedMapping:
    category: str
    support: tuple[NeedSupport, ...]


@dataclass(frozen=True)
class NeedMap:
    document: str
    note: str
    mappings: tuple[NeedMapping, ...]

    def for_category(self, category_id: str) -> tuple[NeedSupport, ...]:
        for mapping in self.mappings:
            if mapping.category == category_id:
                return mapping.support
        return ()

    def categories(self) -> tuple[str, ...]:
        return tuple(m.category for m in self.mappings)


def parse_need_map(raw: Any, ctx: f.Context) -> NeedMap | None:
    """Validate the map's own structure; references to other files are checked by cross_check."""
    data = f.mapping(ctx, raw, "(file)")
    if not data:
        return None
    f.unknown_keys(ctx, data, {"document", "note", "mappings"})
    before = len(ctx.problems)
    document = f.text(ctx, data, "document")
    if document is not None and document != EDITORIAL_DOCUMENT:
        ctx.problem(
            "document",
            f"must be {EDITORIAL_DOCUMENT!r}: the map is the tool's own reading, not a source's",
        )
    note = f.text(ctx, data, "note")
    mappings = []
    seen: set[str] = set()
    for i, item in enumerate(f.sequence(ctx, data.get("mappings"), "mappings")):
        entry = f.mapping(ctx, item, f"mappings[{i}]")
        category = (
            f.text(ctx, entry, "category", label=f"mappings[{i}].category") if entry else None
        )
        if not category:
            continue
        mctx = ctx.child(category)
        f.unknown_keys(mctx, entry, {"category", "support"})
        if category in seen:
            mctx.problem("category", "mapped twice (merge the two entries)")
            continue
        seen.add(category)
        support = []
        pairs: set[tuple[str, str | None]] = set()
        for j, s_item in enumerate(f.sequence(mctx, entry.get("support"), "support")):
            where = f"support[{j}]"
            s_entry = f.mapping(mctx, s_item, where)
            if not s_entry:
                continue
            f.unknown_keys(
                mctx, s_entry, {"service", "team", "at_risk_groups", "reason"}, prefix=f"{where}."
            )
            service = f.text(mctx, s_entry, "service", label=f"{where}.service")
            team = f.text(mctx, s_entry, "team", required=False, label=f"{where}.team")
            reason = f.text(mctx, s_entry, "reason", label=f"{where}.reason")
            groups = []
            for k, g in enumerate(
                f.sequence(mctx, s_entry.get("at_risk_groups"), f"{where}.at_risk_groups", False)
            ):
                if not isinstance(g, str) or not g:
                    mctx.problem(f"{where}.at_risk_groups[{k}]", f"expected a group id, got {g!r}")
                    continue
                groups.append(g)
            if service is None or reason is None:
                continue
            if (service, team) in pairs:
                mctx.problem(
                    f"{where}.service",
                    f"{service!r}{f' / {team!r}' if team else ''} is listed twice for this need",
                )
                continue
            pairs.add((service, team))
            support.append(NeedSupport(service, team, tuple(groups), reason))
        if not support and "support" in entry:
            mctx.problem("support", "needs at least one supporting service")
        mappings.append(NeedMapping(category, tuple(support)))
    if len(ctx.problems) > before or document is None or note is None:
        return None
    return NeedMap(document, note, tuple(mappings))


def cross_check(
    need_map: NeedMap,
    category_ids: Iterable[str] | None,
    service_ids: Iterable[str],
    detail: SenSupportDetail | None,
) -> list[DataProblem]:
    """References resolve, and every category of need in sen_needs.yaml is mapped.

    ``category_ids`` is None when sen_needs.yaml could not be read (its problems are reported
    there); then only the references to services and groups are checked.
    """
    problems: list[DataProblem] = []
    file = NEED_MAP_FILE
    services = set(service_ids)
    groups = {g.id: g for g in detail.groups} if detail else {}
    teams = (
        {g.team for g in detail.groups} | {c.team for c in detail.establishment}
        if detail
        else set()
    )
    known = None if category_ids is None else list(category_ids)
    for mapping in need_map.mappings:
        if known is not None and mapping.category not in known:
            problems.append(
                DataProblem(
                    file,
                    mapping.category,
                    "category",
                    f"unknown category of need (expected one of: {', '.join(known)})",
                )
            )
        for j, s in enumerate(mapping.support):
            where = f"support[{j}]"
            if s.service not in services:
                problems.append(
                    DataProblem(
                        file,
                        mapping.category,
                        f"{where}.service",
                        f"no service with id {s.service!r} in services/ "
                        f"(expected one of: {', '.join(sorted(services))})",
                    )
                )
                continue
            in_detail = detail is not None and s.service == detail.service_id
            if s.team is not None and not in_detail:
                problems.append(
                    DataProblem(
                        file,
                        mapping.category,
                        f"{where}.team",
                        "teams are only named for the service described in "
                        "sen_support_detail.yaml" + (f" ({detail.service_id!r})" if detail else ""),
                    )
                )
            elif s.team is not None and s.team not in teams:
                problems.append(
                    DataProblem(
                        file,
                        mapping.category,
                        f"{where}.team",
                        f"unknown team {s.team!r} (teams in sen_support_detail.yaml: "
                        f"{', '.join(sorted(teams))})",
                    )
                )
            for k, gid in enumerate(s.at_risk_groups):
                field_name = f"{where}.at_risk_groups[{k}]"
                group = groups.get(gid) if in_detail else None
                if group is None:
                    problems.append(
                        DataProblem(
                            file,
                            mapping.category,
                            field_name,
                            f"no at-risk group {gid!r} for service {s.service!r} in "
                            f"sen_support_detail.yaml (expected one of: {', '.join(groups)})",
                        )
                    )
                elif s.team is not None and group.team != s.team:
                    problems.append(
                        DataProblem(
                            file,
                            mapping.category,
                            field_name,
                            f"group {gid!r} belongs to team {group.team!r}, not {s.team!r}",
                        )
                    )
    if known is not None:
        mapped = set(need_map.categories())
        for category in known:
            if category not in mapped:
                problems.append(
                    DataProblem(
                        file,
                        category,
                        "category",
                        "not mapped: every category of need in sen_needs.yaml needs at least "
                        "one supporting service",
                    )
                )
    return problems
