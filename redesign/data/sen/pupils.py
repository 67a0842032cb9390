"""Reading the SEN pupil blocks: placements, School Action, categories, statements, special schools."""

from __future__ import annotations

from typing import Any

from redesign.data import fields as f
from redesign.data.sen.fields import amount_figure, block, count_figure, is_id, section_of
from redesign.data.sen.records import (
    CategoriesOfNeed,
    NeedCategory,
    Placements,
    PlacementType,
    SchoolActionStage,
    SpecialSchool,
    SpecialSchools,
    Statements,
    StatementsPhase,
)


def parse_placements(ctx: f.Context, data: dict[str, Any]) -> Placements | None:
    allowed = {"section", "as_at", "as_at_note", "types", "placed_inside_authority"}
    allowed |= {"policy_quote", "policy_quote_section"}
    bctx = block(ctx, data, "placements", allowed)
    if bctx is None:
        return None
    raw = data["placements"]
    as_at = f.text(bctx, raw, "as_at") or ""
    types = []
    seen: set[str] = set()
    for i, item in enumerate(f.sequence(bctx, raw.get("types"), "types")):
        entry = f.mapping(bctx, item, f"types[{i}]")
        tid = f.text(bctx, entry, "id", label=f"types[{i}].id") if entry else None
        if not tid:
            continue
        tctx = bctx.child(f"placements.types.{tid}", section_of(entry))
        f.unknown_keys(tctx, entry, {"id", "label", "section", "pupils"})
        if not is_id(tid):
            tctx.problem("id", f"use lower-case letters, digits and underscores, got {tid!r}")
            continue
        if tid in seen:
            tctx.problem("id", "duplicate placement type id")
            continue
        seen.add(tid)
        label = f.text(tctx, entry, "label")
        pupils = count_figure(tctx, entry, "pupils")
        if label and pupils:
            types.append(PlacementType(tid, label, pupils, as_at))
    if not types and "types" in raw:
        bctx.problem("types", "needs at least one placement type")
    ictx = bctx.child("placements", section_of(raw.get("placed_inside_authority")))
    inside = count_figure(ictx, raw, "placed_inside_authority")
    placed_total = sum(t.pupils.value or 0 for t in types)
    if inside is not None and inside.value is not None and inside.value > placed_total:
        ictx.problem(
            "placed_inside_authority.value",
            f"{inside.value:g} placed inside the authority is more than the "
            f"{placed_total:g} placements listed",
        )
    inside_note = None
    if isinstance(raw.get("placed_inside_authority"), dict):
        inside_note = f.text(
            ictx, raw["placed_inside_authority"], "note", False, "placed_inside_authority.note"
        )
    if not as_at or inside is None or not types:
        return None
    return Placements(
        types=tuple(types),
        placed_inside_authority=inside,
        placed_inside_note=inside_note,
        policy_quote=f.text(bctx, raw, "policy_quote", required=False),
        as_at=as_at,
        as_at_note=f.text(bctx, raw, "as_at_note", required=False),
        section=bctx.section,
    )


def parse_stage(
    ctx: f.Context, data: dict[str, Any], key: str, label: str
) -> SchoolActionStage | None:
    bctx = block(ctx, data, key, {"section", "as_at", "pupils", "share_of_roll_pct"})
    if bctx is None:
        return None
    raw = data[key]
    as_at = f.text(bctx, raw, "as_at")
    pupils = count_figure(bctx, raw, "pupils")
    share = amount_figure(bctx, raw, "share_of_roll_pct")
    if share is not None and share.value is not None and not 0 < share.value <= 100:
        bctx.problem(
            "share_of_roll_pct.value",
            f"a share of the roll must be above 0 and at most 100, got {share.value:g}",
        )
        share = None
    if not as_at or pupils is None or share is None:
        return None
    return SchoolActionStage(key, label, pupils, share, as_at, bctx.section)


def parse_categories_of_need(ctx: f.Context, data: dict[str, Any]) -> CategoriesOfNeed | None:
    allowed = {"section", "as_at", "covers", "covers_quote", "note", "rows"}
    bctx = block(ctx, data, "categories_of_need", allowed)
    if bctx is None:
        return None
    raw = data["categories_of_need"]
    as_at = f.text(bctx, raw, "as_at") or ""
    covers = f.text(bctx, raw, "covers") or ""
    rows = []
    seen: set[str] = set()
    for i, item in enumerate(f.sequence(bctx, raw.get("rows"), "rows")):
        entry = f.mapping(bctx, item, f"rows[{i}]")
        cid = f.text(bctx, entry, "id", label=f"rows[{i}].id") if entry else None
        if not cid:
            continue
        rctx = bctx.child(f"categories_of_need.rows.{cid}")
        f.unknown_keys(rctx, entry, {"id", "label", "primary", "secondary", "total"})
        if not is_id(cid):
            rctx.problem("id", f"use lower-case letters, digits and underscores, got {cid!r}")
            continue
        if cid in seen:
            rctx.problem("id", "duplicate category of need")
            continue
        seen.add(cid)
        label = f.text(rctx, entry, "label")
        figs = {k: count_figure(rctx, entry, k) for k in ("primary", "secondary", "total")}
        if label and all(figs.values()):
            rows.append(NeedCategory(cid, label, as_at=as_at, **figs))  # type: ignore[arg-type]
    if not rows and "rows" in raw:
        bctx.problem("rows", "needs at least one category of need")
    if not as_at or not covers or not rows:
        return None
    return CategoriesOfNeed(
        rows=tuple(rows),
        covers=covers,
        covers_quote=f.text(bctx, raw, "covers_quote", required=False),
        note=f.text(bctx, raw, "note", required=False),
        as_at=as_at,
        section=bctx.section,
    )


def parse_statements(ctx: f.Context, data: dict[str, Any]) -> Statements | None:
    bctx = block(ctx, data, "statements", {"section", "as_at", "primary", "secondary"})
    if bctx is None:
        return None
    raw = data["statements"]
    as_at = f.text(bctx, raw, "as_at") or ""
    phases = {}
    for phase in ("primary", "secondary"):
        pctx = bctx.child(f"statements.{phase}")
        entry = f.mapping(pctx, raw.get(phase), phase)
        if not entry:
            continue
        f.unknown_keys(pctx, entry, {"pupils", "schools", "per_school_min", "per_school_max"})
        pupils = count_figure(pctx, entry, "pupils")
        schools = f.figure(pctx, entry, "schools", integer=True)
        low = count_figure(pctx, entry, "per_school_min")
        high = count_figure(pctx, entry, "per_school_max")
        if low and high and (high.value or 0) < (low.value or 0):
            pctx.problem("per_school_max", f"max {high.value:g} is below min {low.value:g}")
            continue
        if schools is not None and schools.value == 0:
            pctx.problem("schools.value", "must be at least 1 (or leave schools out)")
            continue
        if pupils and low and high:
            phases[phase] = StatementsPhase(phase, pupils, schools, low, high, as_at)
    if not as_at or len(phases) != 2:
        return None
    return Statements(phases["primary"], phases["secondary"], as_at, bctx.section)


def parse_special_schools(ctx: f.Context, data: dict[str, Any]) -> SpecialSchools | None:
    allowed = {"section", "as_at", "stated_count", "note", "rows", "stated_totals"}
    allowed |= {"type_glossary", "type_glossary_note"}
    bctx = block(ctx, data, "special_schools", allowed)
    if bctx is None:
        return None
    raw = data["special_schools"]
    as_at = f.text(bctx, raw, "as_at") or ""
    glossary_raw = f.mapping(bctx, raw.get("type_glossary"), "type_glossary")
    glossary = {}
    for abbr, meaning in glossary_raw.items():
        if not isinstance(meaning, str) or not meaning.strip():
            bctx.problem(f"type_glossary.{abbr}", "expected the expansion as text")
            continue
        glossary[str(abbr)] = meaning
    stated_count = count_figure(bctx, raw, "stated_count")
    rows = []
    seen: set[str] = set()
    for i, item in enumerate(f.sequence(bctx, raw.get("rows"), "rows")):
        entry = f.mapping(bctx, item, f"rows[{i}]")
        name = f.text(bctx, entry, "name", label=f"rows[{i}].name") if entry else None
        if not name:
            continue
        rctx = bctx.child(f"special_schools.rows.{name}")
        allowed_row = {"name", "type", "phase", "places", "pupils", "federated", "note"}
        f.unknown_keys(rctx, entry, allowed_row)
        if name in seen:
            rctx.problem("name", "duplicate special school")
            continue
        seen.add(name)
        school_type = f.text(rctx, entry, "type")
        if school_type and glossary:
            unknown = [p for p in school_type.split(" + ") if p.strip() not in glossary]
            if unknown:
                rctx.problem(
                    "type",
                    f"{school_type!r}: {', '.join(unknown)} not in type_glossary "
                    f"(expected {', '.join(glossary)}, or two joined by ' + ')",
                )
                school_type = None
        phase = f.text(rctx, entry, "phase")
        places = count_figure(rctx, entry, "places")
        pupils = count_figure(rctx, entry, "pupils")
        federated = f.boolean(rctx, entry, "federated")
        note = f.text(rctx, entry, "note", required=False)
        if school_type and phase and places and pupils:
            rows.append(
                SpecialSchool(name, school_type, phase, places, pupils, federated, note, as_at)
            )
    if not rows and "rows" in raw:
        bctx.problem("rows", "needs at least one special school")
    totals_raw = f.mapping(bctx, raw.get("stated_totals"), "stated_totals")
    stated_places = count_figure(bctx, totals_raw, "places", prefix="stated_totals.")
    stated_pupils = count_figure(bctx, totals_raw, "pupils", prefix="stated_totals.")
    if not as_at or not rows or not (stated_count and stated_places and stated_pupils):
        return None
    return SpecialSchools(
        rows=tuple(rows),
        stated_count=stated_count,
        stated_places=stated_places,
        stated_pupils=stated_pupils,
        type_glossary=glossary,
        note=f.text(bctx, raw, "note", required=False),
        as_at=as_at,
        section=bctx.section,
    )
