"""The original proposals list: six categories and the names listed under each, verbatim."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redesign.data import fields as f


@dataclass(frozen=True)
class ListedName:
    name: str
    quote: str | None


@dataclass(frozen=True)
class ProposalCategory:
    id: str
    label: str
    listed: tuple[ListedName, ...]


def parse_categories(raw: Any, ctx: f.Context) -> tuple[ProposalCategory, ...]:
    data = f.mapping(ctx, raw, "(file)")
    f.unknown_keys(ctx, data, {"document", "section", "intro_quote", "categories"})
    result = []
    seen: set[str] = set()
    for i, item in enumerate(f.sequence(ctx, data.get("categories"), "categories")):
        entry = f.mapping(ctx, item, f"categories[{i}]")
        if not entry:
            continue
        cid = f.text(ctx, entry, "id", label=f"categories[{i}].id")
        label = f.text(ctx, entry, "label", label=f"categories[{i}].label")
        if cid is None or label is None:
            continue
        cctx = ctx.child(cid)
        if cid in seen:
            cctx.problem("id", "duplicate category id")
            continue
        seen.add(cid)
        listed = []
        for j, name_raw in enumerate(f.sequence(cctx, entry.get("listed"), "listed")):
            name_entry = f.mapping(cctx, name_raw, f"listed[{j}]")
            name = (
                f.text(cctx, name_entry, "name", label=f"listed[{j}].name") if name_entry else None
            )
            if name:
                quote = f.text(
                    cctx, name_entry, "quote", required=False, label=f"listed[{j}].quote"
                )
                listed.append(ListedName(name, quote))
        result.append(ProposalCategory(cid, label, tuple(listed)))
    return tuple(result)
