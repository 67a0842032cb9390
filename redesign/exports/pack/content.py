"""A briefing pack's content in order: the scenario first (with its two charts), then the compared
scenarios side by side, the page's own figures, the service figures, the waterfall, staffing, where
the published figures do not add up, the assumptions, the sources and the glossary."""

from __future__ import annotations

from redesign.buyback.model import BuybackModel
from redesign.buyback.text import levels_phrase
from redesign.data.dataset import Dataset
from redesign.exports.pack.assumptions import assumptions_section
from redesign.exports.pack.checks import discrepancies_section, glossary_section, sources_section
from redesign.exports.pack.compare import compare_section
from redesign.exports.pack.dataset import (
    headline_sections,
    savings_by_service_section,
    savings_by_stream_section,
    staffing_section,
    waterfall_section,
)
from redesign.exports.pack.model import PROPOSALS, SUBTITLE, TITLE, Briefing, Section
from redesign.exports.pack.pages import page_sections
from redesign.exports.pack.request import PackRequest, clean_name, scenario_reference
from redesign.exports.pack.scenario import scenario_section
from redesign.present.scenarios import unique_names


def briefing_content(dataset: Dataset, request: PackRequest | None = None) -> Briefing:
    """Every section of the pack for ``request`` (a page's scenario, compared scenarios, page)."""
    request = request or PackRequest()
    model = BuybackModel(dataset) if request.scenario or request.compared else None
    sections: list[Section] = []
    label = ref = ""
    if request.scenario is not None and model is not None:
        result = model.evaluate(request.scenario)
        sections.append(scenario_section(dataset, model, request.scenario, result))
        name = clean_name(request.scenario.name)
        label = (f"“{name}”: " if name else "") + levels_phrase(result)
        ref = scenario_reference(model, request.scenario)
    if request.compared and model is not None:
        sections.append(compare_section(dataset, model, request.compared))
    sections += page_sections(dataset, request.page, request.service_id)
    sections += [
        *headline_sections(dataset),
        savings_by_service_section(dataset),
        savings_by_stream_section(dataset),
        waterfall_section(dataset, request.waterfall_view, request.waterfall_category),
        staffing_section(dataset),
        discrepancies_section(dataset),
    ]
    if request.scenario is not None and model is not None:
        sections.append(assumptions_section(dataset, model, request.scenario))
    sections += [sources_section(dataset), glossary_section()]
    return Briefing(
        TITLE,
        SUBTITLE,
        request.generated_on,
        PROPOSALS,
        label,
        clean_name(request.link),
        tuple(sections),
        scenario_ref=ref,
        compared=tuple(unique_names([clean_name(c.name) for c in request.compared])),
    )
