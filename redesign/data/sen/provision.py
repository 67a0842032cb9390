"""Reading the SEN provision blocks: units, nurseries, area SENCOs, out of city, proposals."""

from __future__ import annotations

from typing import Any

from redesign.data import fields as f
from redesign.data.sen.fields import amount_figure, block, count_figure, strings
from redesign.data.sen.records import (
    AreaSencos,
    EnhancedResourceNurseries,
    ExtendedSchoolsRow,
    OutOfCity,
    ProposedExtendedSchools,
    ProposedProvision,
    ProposedSchool,
    UnitProvision,
)


def parse_unit_provision(ctx: f.Context, data: dict[str, Any]) -> UnitProvision | None:
    allowed = {"section", "as_at", "note", "primary", "secondary"}
    bctx = block(ctx, data, "unit_provision", allowed)
    if bctx is None:
        return None
    raw = data["unit_provision"]
    as_at = f.text(bctx, raw, "as_at")
    primary = strings(bctx, raw.get("primary"), "primary")
    secondary = strings(bctx, raw.get("secondary"), "secondary")
    if not as_at:
        return None
    return UnitProvision(
        primary, secondary, f.text(bctx, raw, "note", required=False), as_at, bctx.section
    )


def parse_nurseries(ctx: f.Context, data: dict[str, Any]) -> EnhancedResourceNurseries | None:
    allowed = {"section", "as_at", "count", "part_time_places_each", "morning_places_each"}
    allowed |= {"afternoon_places_each", "schools"}
    bctx = block(ctx, data, "enhanced_resource_nurseries", allowed)
    if bctx is None:
        return None
    raw = data["enhanced_resource_nurseries"]
    as_at = f.text(bctx, raw, "as_at")
    keys = ("count", "part_time_places_each", "morning_places_each", "afternoon_places_each")
    figs = {k: count_figure(bctx, raw, k) for k in keys}
    schools = strings(bctx, raw.get("schools"), "schools")
    count = figs["count"]
    if count is not None and schools and len(schools) != count.value:
        bctx.problem("schools", f"lists {len(schools)} schools but count is {count.value:g}")
        return None
    if not as_at or not all(figs.values()):
        return None
    return EnhancedResourceNurseries(
        schools=schools,
        as_at=as_at,
        section=bctx.section,
        **figs,  # type: ignore[arg-type]
    )


def parse_area_sencos(ctx: f.Context, data: dict[str, Any]) -> AreaSencos | None:
    bctx = block(ctx, data, "area_sencos", {"section", "as_at", "count"})
    if bctx is None:
        return None
    raw = data["area_sencos"]
    as_at = f.text(bctx, raw, "as_at")
    count = count_figure(bctx, raw, "count")
    if not as_at or count is None:
        return None
    return AreaSencos(count, as_at, bctx.section)


def parse_out_of_city(ctx: f.Context, data: dict[str, Any]) -> OutOfCity | None:
    allowed = {"section", "as_at", "annual_cost_gbp", "average_cost_per_pupil_gbp"}
    allowed |= {"main_needs_quote"}
    bctx = block(ctx, data, "out_of_city", allowed)
    if bctx is None:
        return None
    raw = data["out_of_city"]
    as_at = f.text(bctx, raw, "as_at")
    annual = amount_figure(bctx, raw, "annual_cost_gbp", read_by_caller=frozenset({"approximate"}))
    average = amount_figure(bctx, raw, "average_cost_per_pupil_gbp")
    if average is not None and average.value == 0:
        bctx.problem("average_cost_per_pupil_gbp.value", "must be above zero")
        average = None
    approximate = False
    if isinstance(raw.get("annual_cost_gbp"), dict):
        approximate = f.boolean(bctx, raw["annual_cost_gbp"], "approximate")
    if not as_at or annual is None or average is None:
        return None
    return OutOfCity(
        annual_cost_gbp=annual,
        annual_cost_approximate=approximate,
        average_cost_per_pupil_gbp=average,
        main_needs_quote=f.text(bctx, raw, "main_needs_quote", required=False),
        as_at=as_at,
        section=bctx.section,
    )


def parse_proposed(
    ctx: f.Context, data: dict[str, Any], key: str, title: str
) -> ProposedProvision | None:
    bctx = block(ctx, data, key, {"section", "as_at", "period", "note", "rows", "stated_total"})
    if bctx is None:
        return None
    raw = data[key]
    as_at = f.text(bctx, raw, "as_at") or ""
    rows = []
    seen: set[str] = set()
    for i, item in enumerate(f.sequence(bctx, raw.get("rows"), "rows")):
        entry = f.mapping(bctx, item, f"rows[{i}]")
        name = f.text(bctx, entry, "name", label=f"rows[{i}].name") if entry else None
        if not name:
            continue
        rctx = bctx.child(f"{key}.rows.{name}")
        f.unknown_keys(rctx, entry, {"name", "type", "phase", "places"})
        if name in seen:
            rctx.problem("name", "duplicate school")
            continue
        seen.add(name)
        school_type = f.text(rctx, entry, "type")
        phase = f.text(rctx, entry, "phase")
        places = f.figure_range(rctx, entry, "places")
        if school_type and phase and places:
            rows.append(ProposedSchool(name, school_type, phase, places, as_at))
    if not rows and "rows" in raw:
        bctx.problem("rows", "needs at least one school")
    stated = f.figure_range(bctx, raw, "stated_total")
    if not as_at or not rows or stated is None:
        return None
    return ProposedProvision(
        key=key,
        title=title,
        rows=tuple(rows),
        stated_total=stated,
        note=f.text(bctx, raw, "note", required=False),
        as_at=as_at,
        section=bctx.section,
        period=f.text(bctx, raw, "period", required=False) or "",
    )


def parse_extended(ctx: f.Context, data: dict[str, Any]) -> ProposedExtendedSchools | None:
    bctx = block(ctx, data, "proposed_extended_schools", {"section", "as_at", "rows"})
    if bctx is None:
        return None
    raw = data["proposed_extended_schools"]
    as_at = f.text(bctx, raw, "as_at")
    rows = []
    for i, item in enumerate(f.sequence(bctx, raw.get("rows"), "rows")):
        entry = f.mapping(bctx, item, f"rows[{i}]")
        if not entry:
            continue
        f.unknown_keys(bctx, entry, {"schools", "type", "phase", "quote"}, prefix=f"rows[{i}].")
        values = [
            f.text(bctx, entry, k, label=f"rows[{i}].{k}")
            for k in ("schools", "type", "phase", "quote")
        ]
        if all(values):
            rows.append(ExtendedSchoolsRow(*values))  # type: ignore[arg-type]
    if not as_at:
        return None
    return ProposedExtendedSchools(tuple(rows), as_at, bctx.section)
