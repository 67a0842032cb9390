"""Service records (one per section of the cabinet report appendix) and their validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from redesign.core.records import Figure
from redesign.data import fields as f

# Funding streams the report splits savings by, in the order the report uses.
FUNDING_STREAMS: dict[str, str] = {
    "dsg": "DSG",
    "esg": "ESG",
    "core": "Core (council)",
    "trading": "Trading",
    "other": "Other",
}

TEXT_FIELDS: dict[str, str] = {
    "overview": "Overview",
    "duties": "Statutory duties",
    "current_model": "Current model",
    "feedback": "Summary of feedback from schools",
    "proposed_model": "Proposed model",
    "proposed_offer": "Proposed offer",
    "rationale": "Rationale",
    "impact": "Impact",
    "staff_impact": "Staff impact",
}

STAFFING_FIELDS: dict[str, tuple[str, bool]] = {
    # key: (label, whole number?)
    "current_headcount": ("Headcount", True),
    "current_fte": ("FTE now", False),
    "vacancies_fte": ("Vacancies (FTE)", False),
    "vacancies": ("Vacancies (posts)", True),
    "casual_staff": ("Casual staff (headcount)", True),
    "proposed_fte": ("Proposed FTE", False),
    "reduction_fte": ("Reduction (FTE)", False),
    "potential_reduction_fte": ("Potential further reduction (FTE)", False),
    "market_testing_reduction_fte": ("Subject to market testing (FTE)", False),
    "at_risk_fte": ("Staff at risk (FTE)", False),
    "posts_affected": ("Posts affected", True),
}

BUDGET_KEYS = {
    "current_budget_m",
    "current_budget_components",
    "proposed_cost_m",
    "saving_m",
    "savings_by_stream_m",
    "funding_split_pct",
    "savings_not_split_quote",
}
SERVICE_KEYS = {"id", "name", "section", "categories", "text", "feedback_heading"}
SERVICE_KEYS |= {"staffing", "budget", "notes"}


@dataclass(frozen=True)
class CategoryLink:
    """A service's place in the original proposals list; ``inferred`` where not named outright."""

    category: str
    listed_as: str | None
    inferred: bool
    reason: str | None = None


@dataclass(frozen=True)
class Note:
    text: str
    quote: str | None


@dataclass(frozen=True)
class Staffing:
    figures: dict[str, Figure] = field(default_factory=dict)

    def get(self, key: str) -> Figure | None:
        return self.figures.get(key)

    def value(self, key: str) -> float | None:
        fig = self.figures.get(key)
        return None if fig is None else fig.value


@dataclass(frozen=True)
class Budget:
    current_budget_m: Figure | None
    components: tuple[Figure, ...]
    proposed_cost_m: Figure | None
    saving_m: Figure | None
    savings_by_stream_m: dict[str, Figure]
    funding_split_pct: dict[str, Figure]
    savings_not_split_quote: str | None = None


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    section: str
    file: str
    categories: tuple[CategoryLink, ...]
    text: dict[str, str]
    feedback_heading: str | None
    staffing: Staffing
    budget: Budget
    notes: tuple[Note, ...]

    @property
    def primary_category(self) -> str | None:
        return self.categories[0].category if self.categories else None


def parse_service(raw: Any, ctx: f.Context) -> Service | None:
    """Validate one service file's content; problems go to ``ctx``; None if unusable."""
    data = f.mapping(ctx, raw, "(file)")
    if not data:
        return None
    service_id = f.text(ctx, data, "id")
    if service_id is not None and not service_id.replace("_", "").isalnum():
        ctx.problem("id", f"use letters, digits and underscores only, got {service_id!r}")
        service_id = None
    name = f.text(ctx, data, "name")
    section = f.text(ctx, data, "section", required=False) or name or ""
    ctx = ctx.child(service_id or ctx.record, section)
    f.unknown_keys(ctx, data, SERVICE_KEYS)

    categories = []
    for i, item in enumerate(f.sequence(ctx, data.get("categories"), "categories")):
        entry = f.mapping(ctx, item, f"categories[{i}]")
        if not entry:
            continue
        category = f.text(ctx, entry, "category", label=f"categories[{i}].category")
        inferred = f.boolean(ctx, entry, "inferred")
        listed = f.text(ctx, entry, "listed_as", required=False, label=f"categories[{i}].listed_as")
        reason = f.text(ctx, entry, "reason", required=False, label=f"categories[{i}].reason")
        if category:
            categories.append(CategoryLink(category, listed, inferred, reason))
    if not categories and "categories" in data:
        ctx.problem("categories", "needs at least one category of the original proposals list")

    text_raw = f.mapping(ctx, data.get("text"), "text", required=False)
    f.unknown_keys(ctx, text_raw, {*TEXT_FIELDS, "feedback_heading"}, prefix="text.")
    texts = {}
    for key in TEXT_FIELDS:
        value = f.text(ctx, text_raw, key, required=False, label=f"text.{key}")
        if value:
            texts[key] = value.strip()

    staffing_raw = f.mapping(ctx, data.get("staffing"), "staffing")
    f.unknown_keys(ctx, staffing_raw, set(STAFFING_FIELDS), prefix="staffing.")
    staffing_figures = {}
    for key, (_label, whole) in STAFFING_FIELDS.items():
        fig = f.figure(ctx, staffing_raw, key, integer=whole, prefix="staffing.")
        if fig is not None:
            staffing_figures[key] = fig
    if staffing_raw and "current_fte" not in staffing_figures:
        ctx.problem("staffing.current_fte", "missing (every service needs its current FTE)")

    budget = _parse_budget(ctx, f.mapping(ctx, data.get("budget"), "budget"))

    notes = []
    for i, item in enumerate(f.sequence(ctx, data.get("notes"), "notes", required=False)):
        entry = f.mapping(ctx, item, f"notes[{i}]")
        note_text = f.text(ctx, entry, "text", label=f"notes[{i}].text") if entry else None
        if note_text:
            quote = f.text(ctx, entry, "quote", required=False, label=f"notes[{i}].quote")
            notes.append(Note(note_text, quote))

    if service_id is None or name is None:
        return None
    return Service(
        id=service_id,
        name=name,
        section=section,
        file=ctx.file,
        categories=tuple(categories),
        text=texts,
        feedback_heading=f.text(ctx, data, "feedback_heading", required=False)
        or f.text(ctx, text_raw, "feedback_heading", required=False, label="text.feedback_heading"),
        staffing=Staffing(staffing_figures),
        budget=budget,
        notes=tuple(notes),
    )


def _parse_budget(ctx: f.Context, raw: dict[str, Any]) -> Budget:
    f.unknown_keys(ctx, raw, BUDGET_KEYS, prefix="budget.")
    components = []
    for i, item in enumerate(
        f.sequence(
            ctx, raw.get("current_budget_components"), "budget.current_budget_components", False
        )
    ):
        entry = f.mapping(ctx, item, f"budget.current_budget_components[{i}]")
        fig = (
            f.figure(
                ctx,
                {"c": entry},
                "c",
                required=True,
                prefix=f"budget.current_budget_components[{i}].",
            )
            if entry
            else None
        )
        if fig is not None:
            components.append(fig)

    streams_raw = f.mapping(
        ctx, raw.get("savings_by_stream_m"), "budget.savings_by_stream_m", False
    )
    streams = {}
    for key in streams_raw:
        if key not in FUNDING_STREAMS:
            ctx.problem(
                f"budget.savings_by_stream_m.{key}",
                f"unknown funding stream (expected one of: {', '.join(FUNDING_STREAMS)})",
            )
            continue
        fig = f.figure(
            ctx, streams_raw, key, allow_negative=True, prefix="budget.savings_by_stream_m."
        )
        if fig is not None:
            streams[key] = fig

    split_raw = f.mapping(ctx, raw.get("funding_split_pct"), "budget.funding_split_pct", False)
    split = {}
    for key in split_raw:
        fig = f.figure(ctx, split_raw, key, prefix="budget.funding_split_pct.")
        if fig is not None:
            if fig.value is not None and fig.value > 100:
                ctx.problem(f"budget.funding_split_pct.{key}", "a percentage cannot exceed 100")
                continue
            split[key] = fig

    return Budget(
        current_budget_m=f.figure(ctx, raw, "current_budget_m", required=True, prefix="budget."),
        components=tuple(components),
        proposed_cost_m=f.figure(ctx, raw, "proposed_cost_m", prefix="budget."),
        saving_m=f.figure(ctx, raw, "saving_m", allow_negative=True, prefix="budget."),
        savings_by_stream_m=streams,
        funding_split_pct=split,
        savings_not_split_quote=f.text(ctx, raw, "savings_not_split_quote", required=False),
    )
