"""Cabinet briefing packs, in three formats from one request (``redesign.exports.pack.request``):

    briefing_pdf(dataset, request)   -> bytes  A4 landscape PDF
    briefing_pptx(dataset, request)  -> bytes  16:9 PowerPoint deck
    briefing_xlsx(dataset, request)  -> bytes  Excel workbook: the scenario and the comparison
                                               sheets first, then every table of the dataset

The PDF and the deck say the same thing (``redesign.exports.pack.content`` builds it once): the
scenario first with its two charts, the compared scenarios side by side, the page's own figures,
then the service figures, the waterfall, staffing, where the published figures do not add up, the
assumptions, the sources and the glossary. Pure Python: no Streamlit. The page's buttons and
``python -m redesign export`` call these, so the same request makes the same file."""

from __future__ import annotations

from redesign.data.dataset import Dataset
from redesign.exports.pack.content import briefing_content
from redesign.exports.pack.request import NamedScenario, PackRequest
from redesign.exports.pdf import render_pdf
from redesign.exports.pdf.style import FontMissingError
from redesign.exports.slides import render_pptx
from redesign.exports.workbook import workbook_bytes

__all__ = [
    "FontMissingError",
    "NamedScenario",
    "PackRequest",
    "briefing_pdf",
    "briefing_pptx",
    "briefing_xlsx",
]


def briefing_pdf(dataset: Dataset, request: PackRequest | None = None) -> bytes:
    """The pack as an A4 landscape PDF; raises FontMissingError without DejaVu Sans."""
    return render_pdf(briefing_content(dataset, request))


def briefing_pptx(dataset: Dataset, request: PackRequest | None = None) -> bytes:
    """The pack as a 16:9 PowerPoint deck."""
    return render_pptx(briefing_content(dataset, request))


def briefing_xlsx(dataset: Dataset, request: PackRequest | None = None) -> bytes:
    """The pack's figures as an Excel workbook: with a scenario, its sheet and the comparison's
    come first, in the figures of the Buy-back what-if page."""
    return workbook_bytes(dataset, request=request)
