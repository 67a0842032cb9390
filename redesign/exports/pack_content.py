"""A briefing pack's content in order: headline, savings, staffing, discrepancies, scenario, sources."""

from __future__ import annotations

from datetime import date

from redesign.buyback.model import BuybackModel, Scenario, ScenarioResult
from redesign.buyback.text import levels_phrase
from redesign.core.text import plain_text
from redesign.data.dataset import Dataset
from redesign.exports.pack import PROPOSALS, SUBTITLE, TITLE, Briefing, Section, scenario_from_link
from redesign.exports.pack_scenario import scenario_sections
from redesign.exports.pack_sections import (
    discrepancies_section,
    glossary_section,
    headline_sections,
    savings_by_service_section,
    savings_by_stream_section,
    sources_section,
    staffing_section,
)


def briefing_content(
    dataset: Dataset,
    scenario_result: ScenarioResult | None = None,
    scenario_link: str | None = None,
    generated_on: date | None = None,
    *,
    scenario: Scenario | None = None,
) -> Briefing:
    """Every section of the pack. With a scenario (``scenario_result``, and ``scenario`` or a link
    to read it from), adds its levels, outputs, sentence and assumptions."""
    generated_on = generated_on or date.today()
    link = plain_text(scenario_link or "").strip()
    if scenario_result is None and scenario is not None:
        scenario_result = BuybackModel(dataset).evaluate(scenario)
    if scenario_result is not None and scenario is None and link:
        scenario = scenario_from_link(BuybackModel(dataset), link)
    sections: list[Section] = [
        *headline_sections(dataset),
        savings_by_service_section(dataset),
        savings_by_stream_section(dataset),
        staffing_section(dataset),
        discrepancies_section(dataset),
    ]
    label = ""
    if scenario_result is not None:
        sections += scenario_sections(dataset, scenario_result, scenario)
        name = plain_text(scenario.name).strip() if scenario is not None else ""
        label = (f"“{name}”: " if name else "") + levels_phrase(scenario_result)
    sections += [sources_section(dataset), glossary_section()]
    return Briefing(TITLE, SUBTITLE, generated_on, PROPOSALS, label, link, tuple(sections))
