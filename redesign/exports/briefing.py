"""Cabinet briefing packs: the dataset (and optionally a buy-back scenario) as PowerPoint and PDF.

    briefing_pptx(dataset, scenario_result=None, scenario_link=None, generated_on=None) -> bytes
    briefing_pdf(dataset, scenario_result=None, scenario_link=None, generated_on=None) -> bytes

Both say the same thing (``redesign.exports.pack_content`` builds it once): a title slide or page with
the date and "Proposals, not decisions"; headline figures; savings by service (chart and table);
savings by funding stream, with the amounts the report does not split by stream; staffing before and
after; where the published figures do not add up, with both numbers; for a scenario, its levels per
group, its outputs against the proposal, the scenario in plain English and its assumptions (which
are not in the report); the sources and the glossary.

Pass ``scenario`` (the ``Scenario`` behind ``scenario_result``) so that the pack can list which
assumptions were changed; without it they are read from ``scenario_link``'s query string, and failing
that the defaults are listed with a note saying so. Pure Python: no Streamlit.
"""

from __future__ import annotations

from datetime import date

from redesign.buyback.model import Scenario, ScenarioResult
from redesign.data.dataset import Dataset
from redesign.exports.pack import Briefing
from redesign.exports.pack_content import briefing_content
from redesign.exports.pdf import render_pdf
from redesign.exports.pdf_style import FontMissingError
from redesign.exports.pptx import render_pptx

__all__ = [
    "Briefing",
    "FontMissingError",
    "briefing_content",
    "briefing_pdf",
    "briefing_pptx",
]


def briefing_pptx(
    dataset: Dataset,
    scenario_result: ScenarioResult | None = None,
    scenario_link: str | None = None,
    generated_on: date | None = None,
    *,
    scenario: Scenario | None = None,
) -> bytes:
    """The briefing pack as a 16:9 PowerPoint deck (.pptx bytes)."""
    content = briefing_content(
        dataset, scenario_result, scenario_link, generated_on, scenario=scenario
    )
    return render_pptx(content)


def briefing_pdf(
    dataset: Dataset,
    scenario_result: ScenarioResult | None = None,
    scenario_link: str | None = None,
    generated_on: date | None = None,
    *,
    scenario: Scenario | None = None,
) -> bytes:
    """The briefing pack as an A4 landscape PDF (bytes); raises FontMissingError without DejaVu."""
    content = briefing_content(
        dataset, scenario_result, scenario_link, generated_on, scenario=scenario
    )
    return render_pdf(content)
