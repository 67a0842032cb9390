"""The briefing PDF's page style: fonts, sizes, colours and the tagged FPDF document."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from redesign.core import palette
from redesign.exports.pack.model import Briefing, Paragraphs

FONT = "DejaVu"
FONT_ENV = "REDESIGN_FONT_DIR"  # a folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",  # Debian and Ubuntu: fonts-dejavu-core
    "/usr/share/fonts/dejavu",  # Fedora, Arch
    "/usr/share/fonts/TTF",
    "/Library/Fonts",
)
MARGIN = 15.0  # mm
FOOTER_H = 16.0  # room kept at the foot of each page
BODY_PT = 11.5
TABLE_PT = 10.5
SMALL_PT = 9.5
H1_PT = 20
H2_PT = 14
TITLE_PT = 28
TILE_H = 24.0  # mm
CHART_ROW_H = 10.0
TILE_GAP = 5.0
PARAGRAPH_GAP = 2.0


class FontMissingError(RuntimeError):
    """The Unicode font the PDF needs is not installed."""


def find_font_dir() -> Path:
    candidates = [os.environ.get(FONT_ENV, ""), *FONT_DIRS]
    for folder in candidates:
        if folder and all((Path(folder) / name).is_file() for name in FONT_FILES.values()):
            return Path(folder)
    raise FontMissingError(
        "The PDF briefing pack needs the DejaVu Sans font (DejaVuSans.ttf and "
        "DejaVuSans-Bold.ttf) to write £, − and other characters. Install Debian's "
        "fonts-dejavu-core (apt-get install fonts-dejavu-core), or set "
        f"{FONT_ENV} to a folder holding both files. Looked in: "
        + ", ".join(c for c in candidates if c)
    )


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


WHITE = (255, 255, 255)


class BriefingPDF(FPDF):
    """A4 landscape; every page's footer: "Proposals, not decisions", the date, the scenario's
    short reference (the title page gives its link in full) and the page number."""

    def __init__(self, briefing: Briefing) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.briefing = briefing
        self.footer_h = FOOTER_H

    def footer(self) -> None:
        b = self.briefing
        self.set_y(-self.footer_h + 3)
        self.set_draw_color(*rgb(palette.GRIDLINE))
        self.set_line_width(0.3)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)
        self.set_text_color(*rgb(palette.TEXT))
        self.set_font(FONT, "B", SMALL_PT)
        parts = [b.proposals, "Redesign Explorer briefing pack", f"Generated {b.date_text}"]
        if b.footer_scenario:
            parts.append(b.footer_scenario)
        self.cell(self.epw * 0.8, 5, "  ·  ".join(parts))
        self.set_font(FONT, "", SMALL_PT)
        self.cell(
            self.epw * 0.2,
            5,
            f"Page {self.page_no()} of {{nb}}",
            align="R",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )


@contextlib.contextmanager
def tagged_figure(pdf: FPDF, alt: str) -> Iterator[None]:
    """Mark what is drawn inside as one figure with alt text (fpdf2's structure tree)."""
    marked = getattr(pdf, "_marked_sequence", None)
    if marked is None:  # pragma: no cover - fpdf2 without a structure tree
        yield
        return
    with marked(alt_text=alt):
        yield


def paragraph_items(block: Paragraphs) -> list[tuple[str, str]]:
    terms = list(block.terms) + [""] * (len(block.texts) - len(block.terms))
    return list(zip(terms, block.texts, strict=True))
