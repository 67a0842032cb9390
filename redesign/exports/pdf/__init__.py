"""The briefing pack as an A4 landscape PDF (fpdf2), laid out from ``redesign.exports.pack``.

Tagged as far as fpdf2 allows: document title, subject, author and language (en-GB), the title shown
in the viewer's title bar, an outline (bookmarks) with one entry per section and per block heading,
and each chart marked as a figure with its alt text. Charts are drawn with fpdf2's own shapes
(``charts``), every bar and point labelled. Every page's footer says "Proposals, not decisions", the
date, the scenario's short reference and the page number; the title page gives the scenario's link.

Text needs a Unicode font (£, −, ’, –): DejaVu Sans, from Debian's fonts-dejavu-core, which
.ci/run installs. Without it ``render_pdf`` raises ``FontMissingError`` saying what to install."""

from __future__ import annotations

from redesign.exports.pack.model import Briefing
from redesign.exports.pdf.layout import PdfLayout


def render_pdf(briefing: Briefing) -> bytes:
    layout = PdfLayout(briefing)
    layout.title_page()
    for section in briefing.sections:
        layout.section(section)
    return bytes(layout.pdf.output())
