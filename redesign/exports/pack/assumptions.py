"""The briefing pack's assumptions: the buy-back model's figures that are not in the report."""

from __future__ import annotations

from redesign.buyback.model import BuybackModel, Scenario
from redesign.core.arithmetic import differs
from redesign.data.dataset import Dataset
from redesign.data.need_map import EDITORIAL_DOCUMENT as EDITORIAL
from redesign.exports.pack.model import Paragraphs, Section, Table
from redesign.exports.pack.text import assumption_value


def assumptions_section(dataset: Dataset, model: BuybackModel, scenario: Scenario) -> Section:
    values = model.assumption_values(scenario)
    changed: list[tuple[str, ...]] = []
    default: list[tuple[str, ...]] = []
    for spec in dataset.assumptions:
        used = values[spec.id]
        is_changed = differs(used, spec.default)
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
    else:
        intro.append("None changed in this scenario: every assumption is at its default.")
    table = Table(
        ("Assumption", "Value used", "Default", "Changed?"),
        tuple(changed + default),
        (False, True, True, False),
        (4.8, 3.1, 3.1, 1.6),
    )
    doc = dataset.document_title(EDITORIAL)
    return Section(
        "assumptions",
        "Assumptions, not in the report",
        (Paragraphs(tuple(intro)), table),
        f"{doc}: the reason for each default is on the Buy-back what-if page and in the "
        "workbook's Assumptions sheet.",
        doc,
    )
