"""SEN Support Services detail: the at-risk groups the buy-back model works on, and post changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redesign.core.records import Figure
from redesign.data import fields as f


@dataclass(frozen=True)
class AtRiskGroup:
    """A group of posts at risk, kept only as far as schools buy the traded offer back."""

    id: str
    label: str
    team: str
    post_type: str
    posts: Figure | None
    fte: Figure | None  # None for the derived remainder
    derived: bool
    derivation: str | None
    report_words: tuple[str, ...]


@dataclass(frozen=True)
class EstablishmentChange:
    id: str
    team: str
    change: str
    label: str
    figures: dict[str, Figure]


@dataclass(frozen=True)
class SenSupportDetail:
    service_id: str
    section: str
    pool_quote: str
    retention_quote: str | None
    buyback_feedback_quote: str | None
    groups: tuple[AtRiskGroup, ...]
    establishment: tuple[EstablishmentChange, ...]


CHANGE_KINDS = {
    "created",
    "disestablished",
    "reduced",
    "expanded",
    "renamed",
    "retained",
    "replaced",
    "merged",
    "review",
}
ESTABLISHMENT_FIGURES = ("posts", "posts_before", "posts_after", "fte", "fte_after")


def parse_sen_support(raw: Any, ctx: f.Context) -> SenSupportDetail | None:
    data = f.mapping(ctx, raw, "(file)")
    if not data:
        return None
    f.unknown_keys(ctx, data, {"document", "service", "section", "at_risk_pool", "establishment"})
    service_id = f.text(ctx, data, "service") or ""
    section = f.text(ctx, data, "section") or ""
    ctx = ctx.child("at_risk_pool", section)
    pool = f.mapping(ctx, data.get("at_risk_pool"), "at_risk_pool")
    pool_quote = f.text(ctx, pool, "pool_quote") or ""
    groups = []
    seen: set[str] = set()
    for i, item in enumerate(f.sequence(ctx, pool.get("groups"), "groups")):
        entry = f.mapping(ctx, item, f"groups[{i}]")
        gid = f.text(ctx, entry, "id", label=f"groups[{i}].id") if entry else None
        if not gid:
            continue
        gctx = ctx.child(f"at_risk_pool.groups.{gid}")
        if gid in seen:
            gctx.problem("id", "duplicate group id")
            continue
        seen.add(gid)
        derived = f.boolean(gctx, entry, "derived")
        fte = f.figure(gctx, entry, "fte", required=not derived)
        if derived and fte is not None:
            gctx.problem("fte", "a derived group takes its FTE from the pool; do not state one")
        words = tuple(
            w
            for w in f.sequence(gctx, entry.get("report_words"), "report_words", False)
            if isinstance(w, str)
        )
        groups.append(
            AtRiskGroup(
                id=gid,
                label=f.text(gctx, entry, "label") or gid,
                team=f.text(gctx, entry, "team") or "",
                post_type=f.text(gctx, entry, "post_type") or "",
                posts=f.figure(gctx, entry, "posts", integer=True),
                fte=fte,
                derived=derived,
                derivation=f.text(gctx, entry, "derivation", required=derived),
                report_words=words,
            )
        )
    if sum(g.derived for g in groups) > 1:
        ctx.problem("groups", "at most one group may be derived (the remainder of the pool)")

    changes = []
    ectx = ctx.child("establishment")
    for i, item in enumerate(f.sequence(ectx, data.get("establishment"), "establishment", False)):
        entry = f.mapping(ectx, item, f"establishment[{i}]")
        cid = f.text(ectx, entry, "id", label=f"establishment[{i}].id") if entry else None
        if not cid:
            continue
        cctx = ectx.child(f"establishment.{cid}")
        kind = f.text(cctx, entry, "change")
        if kind is not None and kind not in CHANGE_KINDS:
            cctx.problem(
                "change", f"unknown change {kind!r} (expected one of {sorted(CHANGE_KINDS)})"
            )
        figures = {}
        for key in ESTABLISHMENT_FIGURES:
            fig = f.figure(cctx, entry, key)
            if fig is not None:
                figures[key] = fig
        changes.append(
            EstablishmentChange(
                id=cid,
                team=f.text(cctx, entry, "team") or "",
                change=kind or "",
                label=f.text(cctx, entry, "label") or cid,
                figures=figures,
            )
        )
    return SenSupportDetail(
        service_id=service_id,
        section=section,
        pool_quote=pool_quote,
        retention_quote=f.text(ctx, pool, "retention_quote", required=False),
        buyback_feedback_quote=f.text(ctx, pool, "buyback_feedback_quote", required=False),
        groups=tuple(groups),
        establishment=tuple(changes),
    )
