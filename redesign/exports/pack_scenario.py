"""The briefing pack's buy-back scenario sections and its assumptions."""

from __future__ import annotations

from redesign.buyback.compare import Unit, output_rows
from redesign.buyback.model import BuybackModel, Scenario, ScenarioResult
from redesign.buyback.text import level_pct, scenario_sentence
from redesign.core.arithmetic import differs
from redesign.core.formatting import fte
from redesign.data.dataset import Dataset
from redesign.data.need_map import EDITORIAL_DOCUMENT as EDITORIAL
from redesign.exports.pack import Paragraphs, Section, Table, assumption_value
from redesign.present.savings import (
    money_figures,
)
from redesign.present.services import source_summary
from redesign.present.staffing import staffing_figures


def scenario_sections(
    dataset: Dataset,
    result: ScenarioResult,
    scenario: Scenario | None,
) -> list[Section]:
    model = BuybackModel(dataset)
    service = dataset.service(dataset.sen_support.service_id)
    assumptions_doc = dataset.document_title(EDITORIAL)
    source = (
        source_summary(dataset, money_figures((service,)) + staffing_figures((service,)))
        + f" Assumptions: {assumptions_doc}."
    )
    levels = Table(
        ("Group of posts at risk", "At risk FTE", "Buy-back", "FTE kept", "FTE redundant"),
        (
            *(
                (
                    o.label,
                    fte(o.at_risk_fte),
                    level_pct(o.level),
                    fte(o.retained_fte),
                    fte(o.redundant_fte),
                )
                for o in result.groups
            ),
            (
                "All groups",
                fte(result.at_risk_fte),
                "",
                fte(result.retained_fte),
                fte(result.redundant_fte),
            ),
        ),
        (False, True, True, True, True),
        (5.2, 1.8, 1.8, 1.8, 1.8),
        total_rows=1,
        notes=(
            "Buy-back: the share of today's at-risk posts that schools pay for (100% keeps them "
            f"all). The proposal also makes {fte(result.confirmed_redundant_fte)} FTE redundant "
            f"in {service.name} whatever the buy-back.",
        ),
        heading="Buy-back scenario: levels per group",
    )
    named = [("This scenario", result)]
    if scenario is not None:
        # The proposal with the same assumptions: every group at the proposal's buy-back level.
        proposal_pct = model.assumption_values(scenario)["proposal_buyback_pct"]
        proposal = model.evaluate(model.uniform(proposal_pct / 100, scenario))
        named.append((f"The proposal ({level_pct(proposal_pct / 100)} buy-back)", proposal))
    rows = []
    for row in output_rows([r for _, r in named]):
        if row.unit is Unit.COUNT:
            continue  # the groups below minimum viable size: the plain-English sentence names them
        # The values carry their unit ("£0.70m", "14.1%"), so the label need not.
        rows.append((row.label.removesuffix(" %").removesuffix(" £m"), *row.texts()))
    notes = (
        ("The proposal column uses the same assumptions as this scenario.",)
        if len(named) > 1
        else ()
    )
    outputs = Table(
        ("Output", *(name for name, _ in named)),
        tuple(rows),
        (False, *(True for _ in named)),
        (6.0, *(3.0 for _ in named)),
        notes=notes,
        heading="Buy-back scenario: what it means",
    )
    sentence = Paragraphs(
        tuple(_sentences(scenario_sentence(result, service.name))),
        heading="Buy-back scenario in plain English",
    )
    return [
        Section("scenario", "Buy-back scenario", (levels, outputs, sentence), source),
        assumptions_section(dataset, model, scenario, assumptions_doc),
    ]


def _sentences(text: str) -> list[str]:
    """A paragraph split into its sentences (each ends in ". "), for shorter lines on a slide."""
    out: list[str] = []
    for part in text.split(". "):
        part = part.strip()
        if part:
            out.append(part if part.endswith(".") else part + ".")
    return out


def assumptions_section(
    dataset: Dataset, model: BuybackModel, scenario: Scenario | None, assumptions_doc: str
) -> Section:
    values = model.assumption_values(scenario) if scenario is not None else None
    changed: list[tuple[str, ...]] = []
    default: list[tuple[str, ...]] = []
    for spec in dataset.assumptions:
        used = values[spec.id] if values is not None else spec.default
        is_changed = values is not None and differs(used, spec.default)
        row = (
            spec.label,
            assumption_value(spec, used),
            assumption_value(spec, spec.default),
            "changed" if is_changed else "default",
        )
        (changed if is_changed else default).append(row)
    intro = [
        "The scenario's money figures rest on these assumptions. They are Redesign Explorer's: "
        "the report gives none of them."
    ]
    if changed:
        intro.append(
            "Changed in this scenario: "
            + "; ".join(f"{label} ({used}; default {dflt})" for label, used, dflt, _ in changed)
            + "."
        )
    elif values is not None:
        intro.append("None changed in this scenario: every assumption is at its default.")
    if values is None:
        intro.append(
            "The assumption values behind this scenario were not supplied with it: the defaults "
            "are listed."
        )
    table = Table(
        ("Assumption", "Value used", "Default", "Changed?"),
        tuple(changed + default),
        (False, True, True, False),
        (4.8, 3.1, 3.1, 1.6),
    )
    return Section(
        "assumptions",
        "Assumptions, not in the report",
        (Paragraphs(tuple(intro)), table),
        f"{assumptions_doc}: the reason for each default is on the Buy-back what-if page "
        "(for the days one FTE can deliver, on the Workshop page).",
    )
