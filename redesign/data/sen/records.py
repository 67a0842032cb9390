"""Typed, immutable records of the SEN needs and provision dataset."""

from __future__ import annotations

from dataclasses import dataclass

from redesign.core.records import Figure, FigureRange

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
