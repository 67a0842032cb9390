"""The briefing pack as an A4 landscape PDF (fpdf2), laid out from ``redesign.exports.pack_content``.

Tagged as far as fpdf2 allows: document title, subject, author and language (en-GB), the title shown
in the viewer's title bar, an outline (bookmarks) with one entry per section, and each chart marked
as a figure with its alt text. The charts are drawn with fpdf2's own shapes: horizontal bars, each
with its value written beside it (colour never carries meaning alone). Tables repeat their header
row on every page they cross. Every page's footer says "Proposals, not decisions", the date and the
page number, and the scenario link where there is one.

Text needs a Unicode font (£, −, ’, –): DejaVu Sans, from Debian's fonts-dejavu-core, which
.ci/run installs. Without it ``render_pdf`` raises ``FontMissingError`` saying what to install."""

from __future__ import annotations

from redesign.exports.pack import (
    Briefing,
)
from redesign.exports.pdf_layout import PdfLayout


def render_pdf(briefing: Briefing) -> bytes:
    layout = PdfLayout(briefing)
    layout.title_page()
    for section in briefing.sections:
        layout.section(section)
    return bytes(layout.pdf.output())
