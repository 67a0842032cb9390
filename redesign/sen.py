"""The SEN needs and provision dataset (data/sen_needs.yaml): typed records and their validation.

Transcribed from the FOI reply on SEN placements (February 2015) and the Inclusion and SEN Strategy
attached to it (tables "as at January 2004"). Every record keeps its ``as_at`` label, because the
figures describe different dates: a page must never show them as one moment.

Parsing uses the readers in ``redesign.fields``: every problem names the file, the record and the
field, and all problems are collected (nothing raises).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redesign import fields as f
from redesign.records import Figure, FigureRange

SEN_FILE = "sen_needs.yaml"

TOP_KEYS = {
    "document",
    "mapping_note",
    "placements",
    "school_action",
    "school_action_plus",
    "categories_of_need",
    "statements",
    "special_schools",
    "unit_provision",
    "enhanced_resource_nurseries",
    "area_sencos",
    "out_of_city",
    "proposed_special_schools",
    "proposed_enhanced_resource_schools",
    "proposed_extended_schools",
    "actions",
    "timeline",
}


# ---------------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlacementType:
    """Children placed in one type of independent SEN school (FOI reply, February 2015)."""

    id: str
    label: str
    pupils: Figure
    as_at: str


@dataclass(frozen=True)
class Placements:
    types: tuple[PlacementType, ...]
    placed_inside_authority: Figure
    placed_inside_note: str | None
    policy_quote: str | None
    as_at: str
    as_at_note: str | None
    section: str


@dataclass(frozen=True)
class SchoolActionStage:
    """Pupils at School Action or School Action Plus, and the published share of the roll."""

    key: str  # "school_action" or "school_action_plus"
    label: str
    pupils: Figure
    share_of_roll_pct: Figure
    as_at: str
    section: str


@dataclass(frozen=True)
class NeedCategory:
    """One row of the category-of-need table: pupils by main need, primary and secondary."""

    id: str
    label: str
    primary: Figure
    secondary: Figure
    total: Figure
    as_at: str


@dataclass(frozen=True)
class CategoriesOfNeed:
    rows: tuple[NeedCategory, ...]
    covers: str
    covers_quote: str | None
    note: str | None
    as_at: str
    section: str

    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rows)

    def get(self, category_id: str) -> NeedCategory:
        for row in self.rows:
            if row.id == category_id:
                return row
        raise KeyError(category_id)


@dataclass(frozen=True)
class StatementsPhase:
    phase: str  # "primary" or "secondary"
    pupils: Figure
    schools: Figure | None  # None where the seed does not say how many schools
    per_school_min: Figure
    per_school_max: Figure
    as_at: str


@dataclass(frozen=True)
class Statements:
    primary: StatementsPhase
    secondary: StatementsPhase
    as_at: str
    section: str


@dataclass(frozen=True)
class SpecialSchool:
    name: str
    type: str
    phase: str
    places: Figure
    pupils: Figure
    federated: bool
    note: str | None
    as_at: str


@dataclass(frozen=True)
class SpecialSchools:
    rows: tuple[SpecialSchool, ...]
    stated_count: Figure
    stated_places: Figure
    stated_pupils: Figure
    type_glossary: dict[str, str]
    note: str | None
    as_at: str
    section: str


@dataclass(frozen=True)
class UnitProvision:
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    note: str | None
    as_at: str
    section: str


@dataclass(frozen=True)
class EnhancedResourceNurseries:
    count: Figure
    part_time_places_each: Figure
    morning_places_each: Figure
    afternoon_places_each: Figure
    schools: tuple[str, ...]
    as_at: str
    section: str


@dataclass(frozen=True)
class AreaSencos:
    count: Figure
    as_at: str
    section: str


@dataclass(frozen=True)
class OutOfCity:
    """Education's annual cost of out-of-city placements and the average cost per pupil."""

    annual_cost_gbp: Figure
    annual_cost_approximate: bool
    average_cost_per_pupil_gbp: Figure
    main_needs_quote: str | None
    as_at: str
    section: str


@dataclass(frozen=True)
class ProposedSchool:
    name: str
    type: str
    phase: str
    places: FigureRange
    as_at: str


@dataclass(frozen=True)
class ProposedProvision:
    """A proposals table (special schools or enhanced resource schools) with its stated total."""

    key: str
    title: str
    rows: tuple[ProposedSchool, ...]
    stated_total: FigureRange
    note: str | None
    as_at: str
    section: str
    # A short name for the date, for tile labels and titles ("2004/05"); as_at when not given.
    period: str = ""

    @property
    def period_label(self) -> str:
        return self.period or self.as_at


@dataclass(frozen=True)
class ExtendedSchoolsRow:
    schools: str
    type: str
    phase: str
    quote: str


@dataclass(frozen=True)
class ProposedExtendedSchools:
    rows: tuple[ExtendedSchoolsRow, ...]
    as_at: str
    section: str


@dataclass(frozen=True)
class Action:
    """One of the strategy's suggested actions (text as in the "Summary of Suggested Actions")."""

    number: int
    text: str
    section: str
    theme: str
    timeline_row: str | None
    timeline_row_note: str | None
    years_stated: str | None
    years_quote: str | None
    years_note: str | None
    body_difference: str | None  # where the body text words it differently


@dataclass(frozen=True)
class TimelineRow:
    label: str
    detail: str | None
    quote: str
    note: str | None
    actions: tuple[int, ...]


@dataclass(frozen=True)
class Timeline:
    start: int
    end: int
    span_quote: str
    rows: tuple[TimelineRow, ...]
    extraction_note: str | None
    as_at: str
    section: str


@dataclass(frozen=True)
class SenNeeds:
    document: str
    mapping_note: str | None
    placements: Placements
    school_action: SchoolActionStage
    school_action_plus: SchoolActionStage
    categories: CategoriesOfNeed
    statements: Statements
    special_schools: SpecialSchools
    unit_provision: UnitProvision
    nurseries: EnhancedResourceNurseries
    area_sencos: AreaSencos
    out_of_city: OutOfCity
    proposed_special_schools: ProposedProvision
    proposed_enhanced_resource_schools: ProposedProvision
    proposed_extended_schools: ProposedExtendedSchools
    actions: tuple[Action, ...]
    timeline: Timeline

    def action(self, number: int) -> Action:
        for action in self.actions:
            if action.number == number:
                return action
        raise KeyError(number)


# ---------------------------------------------------------------------------------------------------
# Readers
# ---------------------------------------------------------------------------------------------------
def _is_id(value: str) -> bool:
    return value.replace("_", "").isalnum() and value == value.lower()


def _count(ctx: f.Context, raw: dict[str, Any], key: str, prefix: str = "") -> Figure | None:
    """A required whole-number count ``{value, quote}``: not negative, not null."""
    fig = f.figure(ctx, raw, key, required=True, integer=True, prefix=prefix)
    if fig is not None and fig.value is None:
        ctx.problem(f"{prefix}{key}.value", "is null (a count is needed here)")
        return None
    return fig


def _amount(ctx: f.Context, raw: dict[str, Any], key: str, prefix: str = "") -> Figure | None:
    """A required non-negative number ``{value, quote}`` (money, a percentage)."""
    fig = f.figure(ctx, raw, key, required=True, prefix=prefix)
    if fig is not None and fig.value is None:
        ctx.problem(f"{prefix}{key}.value", "is null (a number is needed here)")
        return None
    return fig


def _block(ctx: f.Context, data: dict[str, Any], key: str, allowed: set[str]) -> f.Context | None:
    """Start a top-level block: its context (record = the key, section from the block)."""
    raw = f.mapping(ctx, data.get(key), key)
    if not raw:
        return None
    bctx = ctx.child(key, raw.get("section") if isinstance(raw.get("section"), str) else None)
    f.unknown_keys(bctx, raw, allowed)
    return bctx


def _strings(ctx: f.Context, raw: Any, field_name: str, required: bool = True) -> tuple[str, ...]:
    out = []
    for i, item in enumerate(f.sequence(ctx, raw, field_name, required)):
        if not isinstance(item, str) or not item.strip():
            ctx.problem(f"{field_name}[{i}]", "expected non-empty text")
            continue
        out.append(item)
    return tuple(out)


def parse_sen_needs(raw: Any, ctx: f.Context) -> SenNeeds | None:
    """Validate data/sen_needs.yaml; problems go to ``ctx``; None if any block is unusable."""
    data = f.mapping(ctx, raw, "(file)")
    if not data:
        return None
    f.unknown_keys(ctx, data, TOP_KEYS)
    document = f.text(ctx, data, "document") or ""
    before = len(ctx.problems)
    parts = {
        "placements": _placements(ctx, data),
        "school_action": _stage(ctx, data, "school_action", "School Action"),
        "school_action_plus": _stage(ctx, data, "school_action_plus", "School Action Plus"),
        "categories": _categories(ctx, data),
        "statements": _statements(ctx, data),
        "special_schools": _special_schools(ctx, data),
        "unit_provision": _unit_provision(ctx, data),
        "nurseries": _nurseries(ctx, data),
        "area_sencos": _area_sencos(ctx, data),
        "out_of_city": _out_of_city(ctx, data),
        "proposed_special_schools": _proposed(
            ctx, data, "proposed_special_schools", "Proposed special school provision"
        ),
        "proposed_enhanced_resource_schools": _proposed(
            ctx,
            data,
            "proposed_enhanced_resource_schools",
            "Proposed enhanced resource schools",
        ),
        "proposed_extended_schools": _extended(ctx, data),
        "timeline": _timeline(ctx, data),
    }
    actions = _actions(ctx, data)
    timeline = parts["timeline"]
    if isinstance(timeline, Timeline) and actions is not None:
        _check_action_links(ctx, actions, timeline)
    if any(v is None for v in parts.values()) or actions is None or len(ctx.problems) > before:
        return None
    return SenNeeds(
        document=document,
        mapping_note=f.text(ctx, data, "mapping_note", required=False),
        actions=actions,
        **parts,  # type: ignore[arg-type]
    )


def _placements(ctx: f.Context, data: dict[str, Any]) -> Placements | None:
    allowed = {"section", "as_at", "as_at_note", "types", "placed_inside_authority"}
    allowed |= {"policy_quote", "policy_quote_section"}
    bctx = _block(ctx, data, "placements", allowed)
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
        tctx = bctx.child(f"placements.types.{tid}", _section_of(entry))
        f.unknown_keys(tctx, entry, {"id", "label", "section", "pupils"})
        if not _is_id(tid):
            tctx.problem("id", f"use lower-case letters, digits and underscores, got {tid!r}")
            continue
        if tid in seen:
            tctx.problem("id", "duplicate placement type id")
            continue
        seen.add(tid)
        label = f.text(tctx, entry, "label")
        pupils = _count(tctx, entry, "pupils")
        if label and pupils:
            types.append(PlacementType(tid, label, pupils, as_at))
    if not types and "types" in raw:
        bctx.problem("types", "needs at least one placement type")
    ictx = bctx.child("placements", _section_of(raw.get("placed_inside_authority")))
    inside = _count(ictx, raw, "placed_inside_authority")
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


def _section_of(entry: Any) -> str | None:
    if isinstance(entry, dict) and isinstance(entry.get("section"), str):
        return entry["section"]
    return None


def _stage(ctx: f.Context, data: dict[str, Any], key: str, label: str) -> SchoolActionStage | None:
    bctx = _block(ctx, data, key, {"section", "as_at", "pupils", "share_of_roll_pct"})
    if bctx is None:
        return None
    raw = data[key]
    as_at = f.text(bctx, raw, "as_at")
    pupils = _count(bctx, raw, "pupils")
    share = _amount(bctx, raw, "share_of_roll_pct")
    if share is not None and share.value is not None and not 0 < share.value <= 100:
        bctx.problem(
            "share_of_roll_pct.value",
            f"a share of the roll must be above 0 and at most 100, got {share.value:g}",
        )
        share = None
    if not as_at or pupils is None or share is None:
        return None
    return SchoolActionStage(key, label, pupils, share, as_at, bctx.section)


def _categories(ctx: f.Context, data: dict[str, Any]) -> CategoriesOfNeed | None:
    allowed = {"section", "as_at", "covers", "covers_quote", "note", "rows"}
    bctx = _block(ctx, data, "categories_of_need", allowed)
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
        if not _is_id(cid):
            rctx.problem("id", f"use lower-case letters, digits and underscores, got {cid!r}")
            continue
        if cid in seen:
            rctx.problem("id", "duplicate category of need")
            continue
        seen.add(cid)
        label = f.text(rctx, entry, "label")
        figs = {k: _count(rctx, entry, k) for k in ("primary", "secondary", "total")}
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


def _statements(ctx: f.Context, data: dict[str, Any]) -> Statements | None:
    bctx = _block(ctx, data, "statements", {"section", "as_at", "primary", "secondary"})
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
        pupils = _count(pctx, entry, "pupils")
        schools = f.figure(pctx, entry, "schools", integer=True)
        low = _count(pctx, entry, "per_school_min")
        high = _count(pctx, entry, "per_school_max")
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


def _special_schools(ctx: f.Context, data: dict[str, Any]) -> SpecialSchools | None:
    allowed = {"section", "as_at", "stated_count", "note", "rows", "stated_totals"}
    allowed |= {"type_glossary", "type_glossary_note"}
    bctx = _block(ctx, data, "special_schools", allowed)
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
    stated_count = _count(bctx, raw, "stated_count")
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
        places = _count(rctx, entry, "places")
        pupils = _count(rctx, entry, "pupils")
        federated = f.boolean(rctx, entry, "federated")
        note = f.text(rctx, entry, "note", required=False)
        if school_type and phase and places and pupils:
            rows.append(
                SpecialSchool(name, school_type, phase, places, pupils, federated, note, as_at)
            )
    if not rows and "rows" in raw:
        bctx.problem("rows", "needs at least one special school")
    totals_raw = f.mapping(bctx, raw.get("stated_totals"), "stated_totals")
    stated_places = _count(bctx, totals_raw, "places", prefix="stated_totals.")
    stated_pupils = _count(bctx, totals_raw, "pupils", prefix="stated_totals.")
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


def _unit_provision(ctx: f.Context, data: dict[str, Any]) -> UnitProvision | None:
    allowed = {"section", "as_at", "note", "primary", "secondary"}
    bctx = _block(ctx, data, "unit_provision", allowed)
    if bctx is None:
        return None
    raw = data["unit_provision"]
    as_at = f.text(bctx, raw, "as_at")
    primary = _strings(bctx, raw.get("primary"), "primary")
    secondary = _strings(bctx, raw.get("secondary"), "secondary")
    if not as_at:
        return None
    return UnitProvision(
        primary, secondary, f.text(bctx, raw, "note", required=False), as_at, bctx.section
    )


def _nurseries(ctx: f.Context, data: dict[str, Any]) -> EnhancedResourceNurseries | None:
    allowed = {"section", "as_at", "count", "part_time_places_each", "morning_places_each"}
    allowed |= {"afternoon_places_each", "schools"}
    bctx = _block(ctx, data, "enhanced_resource_nurseries", allowed)
    if bctx is None:
        return None
    raw = data["enhanced_resource_nurseries"]
    as_at = f.text(bctx, raw, "as_at")
    keys = ("count", "part_time_places_each", "morning_places_each", "afternoon_places_each")
    figs = {k: _count(bctx, raw, k) for k in keys}
    schools = _strings(bctx, raw.get("schools"), "schools")
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


def _area_sencos(ctx: f.Context, data: dict[str, Any]) -> AreaSencos | None:
    bctx = _block(ctx, data, "area_sencos", {"section", "as_at", "count"})
    if bctx is None:
        return None
    raw = data["area_sencos"]
    as_at = f.text(bctx, raw, "as_at")
    count = _count(bctx, raw, "count")
    if not as_at or count is None:
        return None
    return AreaSencos(count, as_at, bctx.section)


def _out_of_city(ctx: f.Context, data: dict[str, Any]) -> OutOfCity | None:
    allowed = {"section", "as_at", "annual_cost_gbp", "average_cost_per_pupil_gbp"}
    allowed |= {"main_needs_quote"}
    bctx = _block(ctx, data, "out_of_city", allowed)
    if bctx is None:
        return None
    raw = data["out_of_city"]
    as_at = f.text(bctx, raw, "as_at")
    annual = _amount(bctx, raw, "annual_cost_gbp")
    average = _amount(bctx, raw, "average_cost_per_pupil_gbp")
    if average is not None and average.value == 0:
        bctx.problem("average_cost_per_pupil_gbp.value", "must be above zero")
        average = None
    approximate = False
    if isinstance(raw.get("annual_cost_gbp"), dict):
        entry = raw["annual_cost_gbp"]
        f.unknown_keys(
            bctx, entry, {"value", "quote", "approximate", "note"}, prefix="annual_cost_gbp."
        )
        approximate = f.boolean(bctx, entry, "approximate")
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


def _proposed(
    ctx: f.Context, data: dict[str, Any], key: str, title: str
) -> ProposedProvision | None:
    bctx = _block(ctx, data, key, {"section", "as_at", "period", "note", "rows", "stated_total"})
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


def _extended(ctx: f.Context, data: dict[str, Any]) -> ProposedExtendedSchools | None:
    bctx = _block(ctx, data, "proposed_extended_schools", {"section", "as_at", "rows"})
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


ACTION_KEYS = {
    "number",
    "text",
    "section",
    "theme",
    "timeline_row",
    "timeline_row_note",
    "years_stated",
    "years_quote",
    "years_note",
    "years_note_quote",
    "body_text_differs",
    "body_difference",
}


def _actions(ctx: f.Context, data: dict[str, Any]) -> tuple[Action, ...] | None:
    actx = ctx.child("actions")
    actions = []
    seen: set[int] = set()
    for i, item in enumerate(f.sequence(actx, data.get("actions"), "actions")):
        entry = f.mapping(actx, item, f"actions[{i}]")
        if not entry:
            continue
        number = entry.get("number")
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            actx.problem(f"actions[{i}].number", f"expected a whole number from 1, got {number!r}")
            continue
        nctx = actx.child(f"actions.{number}")
        f.unknown_keys(nctx, entry, ACTION_KEYS)
        if number in seen:
            nctx.problem("number", "duplicate action number")
            continue
        seen.add(number)
        text = f.text(nctx, entry, "text")
        section = f.text(nctx, entry, "section")
        theme = f.text(nctx, entry, "theme")
        years = f.text(nctx, entry, "years_stated", required=False)
        years_quote = f.text(nctx, entry, "years_quote", required=False)
        if years and not years_quote:
            nctx.problem("years_quote", "missing: stated years need the words they come from")
        differs = f.boolean(nctx, entry, "body_text_differs")
        difference = f.text(nctx, entry, "body_difference", required=differs)
        if text and section and theme:
            actions.append(
                Action(
                    number=number,
                    text=text,
                    section=section,
                    theme=theme,
                    timeline_row=f.text(nctx, entry, "timeline_row", required=False),
                    timeline_row_note=f.text(nctx, entry, "timeline_row_note", required=False),
                    years_stated=years,
                    years_quote=years_quote,
                    years_note=f.text(nctx, entry, "years_note", required=False),
                    body_difference=difference if differs else None,
                )
            )
    numbers = sorted(seen)
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        missing = [n for n in range(1, len(numbers) + 1) if n not in seen][:10]
        actx.problem(
            "actions", f"numbers must run 1 to {len(numbers)} without gaps; missing {missing}"
        )
    if not actions:
        if "actions" in data:
            actx.problem("actions", "needs at least one action")
        return None
    return tuple(sorted(actions, key=lambda a: a.number))


def _timeline(ctx: f.Context, data: dict[str, Any]) -> Timeline | None:
    allowed = {"section", "as_at", "span", "extraction_note", "rows"}
    bctx = _block(ctx, data, "timeline", allowed)
    if bctx is None:
        return None
    raw = data["timeline"]
    as_at = f.text(bctx, raw, "as_at")
    span = f.mapping(bctx, raw.get("span"), "span")
    start = f.number(bctx, span.get("start"), "span.start") if span else None
    end = f.number(bctx, span.get("end"), "span.end") if span else None
    span_quote = f.text(bctx, span, "quote", label="span.quote") if span else None
    if start is not None and end is not None and end < start:
        bctx.problem("span", f"end {end:g} is before start {start:g}")
        start = None
    rows = []
    seen: set[str] = set()
    for i, item in enumerate(f.sequence(bctx, raw.get("rows"), "rows")):
        entry = f.mapping(bctx, item, f"rows[{i}]")
        label = f.text(bctx, entry, "label", label=f"rows[{i}].label") if entry else None
        if not label:
            continue
        rctx = bctx.child(f"timeline.rows.{label}")
        f.unknown_keys(rctx, entry, {"label", "detail", "quote", "note", "actions"})
        if label in seen:
            rctx.problem("label", "duplicate timeline row")
            continue
        seen.add(label)
        numbers = []
        for j, n in enumerate(f.sequence(rctx, entry.get("actions"), "actions", required=False)):
            if isinstance(n, bool) or not isinstance(n, int):
                rctx.problem(f"actions[{j}]", f"expected an action number, got {n!r}")
                continue
            numbers.append(n)
        quote = f.text(rctx, entry, "quote")
        if quote:
            rows.append(
                TimelineRow(
                    label=label,
                    detail=f.text(rctx, entry, "detail", required=False),
                    quote=quote,
                    note=f.text(rctx, entry, "note", required=False),
                    actions=tuple(numbers),
                )
            )
    if not as_at or start is None or end is None or not span_quote:
        return None
    return Timeline(
        start=int(start),
        end=int(end),
        span_quote=span_quote,
        rows=tuple(rows),
        extraction_note=f.text(bctx, raw, "extraction_note", required=False),
        as_at=as_at,
        section=bctx.section,
    )


def _check_action_links(ctx: f.Context, actions: tuple[Action, ...], timeline: Timeline) -> None:
    """Actions and timeline rows must point at each other consistently."""
    rows = {r.label: r for r in timeline.rows}
    numbers = {a.number for a in actions}
    for action in actions:
        if action.timeline_row is None:
            continue
        row = rows.get(action.timeline_row)
        actx = ctx.child(f"actions.{action.number}")
        if row is None:
            actx.problem(
                "timeline_row",
                f"no timeline row {action.timeline_row!r} (expected one of: {', '.join(rows)})",
            )
        elif action.number not in row.actions:
            actx.problem(
                "timeline_row",
                f"timeline row {row.label!r} does not list action {action.number}",
            )
    for row in timeline.rows:
        for n in row.actions:
            if n not in numbers:
                ctx.child(f"timeline.rows.{row.label}").problem(
                    "actions", f"no suggested action number {n}"
                )
