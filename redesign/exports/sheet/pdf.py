"""The one-page service sheet as an A4 portrait PDF (fpdf2), tagged as the briefing pack is.

It always fits one page: drawn with the report's words in full first; while it runs over, the
longest passage is shortened (at a paragraph or sentence, marked and pointing to the full text),
and only when every passage is short is the type made a little smaller (never below MIN_PT)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace, TextStyle
from fpdf.util import Padding

from redesign.core import palette
from redesign.data.dataset import Dataset
from redesign.exports.pack.model import AUTHOR, LANGUAGE
from redesign.exports.pdf.style import FONT, FONT_FILES, WHITE, find_font_dir, rgb
from redesign.exports.sheet.content import Passage, ServiceSheet, service_sheet, shortened

MARGIN = 14.0
BODY_PT = 10.0
MIN_PT = 8.5
SHORTEST = 160  # characters a shortened passage keeps at least
GROW_TRIES = 5
SHORTENED_MARK = "(shortened)"


class SheetPDF(FPDF):
    def __init__(self, sheet: ServiceSheet) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.sheet = sheet

    def footer(self) -> None:
        s = self.sheet
        self.set_y(-12)
        self.set_draw_color(*rgb(palette.GRIDLINE))
        self.set_line_width(0.3)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.2)
        self.set_font(FONT, "B", 8)
        self.set_text_color(*rgb(palette.TEXT))
        text = f"{s.proposals}  ·  Redesign Explorer service sheet  ·  Generated {s.date_text}"
        self.cell(self.epw * 0.8, 4.5, text)
        self.set_font(FONT, "", 8)
        self.cell(self.epw * 0.2, 4.5, f"Page {self.page_no()} of {{nb}}", align="R")


def service_sheet_pdf(dataset: Dataset, service_id: str, generated_on: date | None = None) -> bytes:
    """The sheet for one service, on one A4 page (``KeyError`` for an unknown service id)."""
    return fit_one_page(service_sheet(dataset, service_id, generated_on))


def fit_one_page(sheet: ServiceSheet) -> bytes:
    pt = BODY_PT
    full = sheet
    cap: int | None = None  # the most characters a passage keeps (None: all)
    too_long = max((p.length for p in _passages(full)), default=0)  # a cap known not to fit
    while True:
        pdf = _render(sheet, pt)
        if pdf.page_no() == 1:
            if cap is not None and pt == BODY_PT:
                return _grow(full, cap, too_long, pdf)
            return bytes(pdf.output())
        passages = _passages(full)
        longest = max((p.length for p in passages), default=0)
        if cap is not None:
            too_long = min(too_long, cap)
        if cap is None or cap > SHORTEST:
            # How much text is over the page, in characters of passage text: cut about that
            # much (and a little more) from the longest passages, so one or two tries fit.
            over = (pdf.page_no() - 1) * _usable(pdf) + pdf.get_y() - pdf.t_margin - _usable(pdf)
            chars_per_mm = (pdf.epw / (pt * 0.19)) / (pt * 0.47 + 0.3)
            total = sum(min(p.length, cap or longest) for p in passages)
            cap = max(SHORTEST, _cap_for(passages, total - int(over * chars_per_mm * 1.15) - 40))
            sheet = _capped(full, cap)
        elif pt > MIN_PT:
            pt -= 0.5
        else:  # pragma: no cover - a sheet this long needs a new layout, not a second page
            return bytes(pdf.output())


def _grow(
    full: ServiceSheet, cap: int, too_long: int, fits: FPDF, tries: int = GROW_TRIES
) -> bytes:
    """The estimate that made the sheet fit cuts more than it must: give back what still fits
    (a few halvings between the cap that fits and the smallest known not to)."""
    best = fits
    low, high = cap, too_long
    for _ in range(tries):
        if high - low < 60:
            break
        mid = (low + high) // 2
        pdf = _render(_capped(full, mid), BODY_PT)
        if pdf.page_no() == 1:
            best, low = pdf, mid
        else:
            high = mid
    return bytes(best.output())


def _usable(pdf: FPDF) -> float:
    return float(pdf.h - pdf.t_margin - pdf.b_margin)


def _passages(sheet: ServiceSheet) -> list[Passage]:
    return [*sheet.changes, *((sheet.feedback,) if sheet.feedback else ())]


def _cap_for(passages: list[Passage], budget: int) -> int:
    """The largest per-passage length whose capped total is within ``budget`` (water filling:
    the longest passages are cut first, the short ones keep every word)."""
    lengths = sorted(p.length for p in passages)
    low, high = 0, lengths[-1] if lengths else 0
    while low < high:
        mid = (low + high + 1) // 2
        if sum(min(n, mid) for n in lengths) <= budget:
            low = mid
        else:
            high = mid - 1
    return low


def _capped(sheet: ServiceSheet, cap: int) -> ServiceSheet:
    changes = tuple(shortened(p, cap) for p in sheet.changes)
    feedback = shortened(sheet.feedback, cap) if sheet.feedback is not None else None
    return replace(sheet, changes=changes, feedback=feedback)


def _render(sheet: ServiceSheet, pt: float) -> SheetPDF:
    pdf = SheetPDF(sheet)
    folder = find_font_dir()
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT, style, str(folder / name))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_title(sheet.title)
    pdf.set_subject(
        f"{sheet.name}: before and after, what changes, feedback. Proposals, not decisions."
    )
    pdf.set_author(AUTHOR)
    pdf.set_creator(AUTHOR)
    pdf.set_lang(LANGUAGE)
    pdf.set_creation_date(_midnight(sheet.generated_on))
    pdf.set_section_title_styles(
        TextStyle(
            font_family=FONT,
            font_style="B",
            font_size_pt=17,
            color=rgb(palette.DARK_BLUE),
            t_margin=0,
            b_margin=1,
        ),
        TextStyle(
            font_family=FONT,
            font_style="B",
            font_size_pt=pt + 2,
            color=rgb(palette.DARK_BLUE),
            t_margin=2.5,
            b_margin=1,
        ),
    )
    pdf.set_font(FONT, "", pt)
    pdf.add_page()
    pdf.start_section(sheet.name, level=0)
    _line(pdf, f"Service sheet · Education Services redesign · Generated {sheet.date_text}", pt)
    _line(pdf, sheet.proposals, pt + 1.5, bold=True, colour=palette.DARK_BLUE)
    pdf.ln(1)
    pdf.start_section("Before and after", level=1)
    _figures(pdf, sheet, pt)
    for note in sheet.figure_notes:
        _line(pdf, note, pt - 1, colour=palette.AXIS_TEXT)
    for passage in sheet.changes:
        _passage(pdf, passage, sheet, pt)
    if sheet.feedback is not None:
        _passage(pdf, sheet.feedback, sheet, pt, quoted=True)
    pdf.start_section("Where its figures do not add up", level=1)
    if sheet.discrepancies:
        for item in sheet.discrepancies:
            _line(pdf, f"•  {item}", pt)
    else:
        _line(pdf, "Its published figures add up: every check reconciles.", pt)
    pdf.ln(1.5)
    if any(p.shortened for p in _passages(sheet)):
        _line(
            pdf,
            f"Passages marked “{SHORTENED_MARK}” are cut to fit the page: {sheet.full_text}.",
            pt - 1.5,
            colour=palette.AXIS_TEXT,
        )
    _line(pdf, f"Source: {sheet.sources}", pt - 1.5, colour=palette.AXIS_TEXT)
    return pdf


def _line(pdf: FPDF, text: str, pt: float, *, bold: bool = False, colour: str = "") -> None:
    pdf.set_font(FONT, "B" if bold else "", pt)
    pdf.set_text_color(*rgb(colour or palette.TEXT))
    pdf.multi_cell(pdf.epw, pt * 0.47, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*rgb(palette.TEXT))


def _figures(pdf: FPDF, sheet: ServiceSheet, pt: float) -> None:
    pdf.set_font(FONT, "", pt)
    pdf.set_draw_color(*rgb(palette.GRIDLINE))
    pdf.set_fill_color(*WHITE)
    with pdf.table(
        col_widths=(5.2, 2.2, 2.6, 2.0),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        headings_style=FontFace(emphasis="BOLD", color=WHITE, fill_color=rgb(palette.DARK_BLUE)),
        borders_layout="HORIZONTAL_LINES",
        line_height=pt * 0.47,
        padding=Padding(top=1.0, right=1.6, bottom=1.0, left=1.6),
        cell_fill_color=WHITE,
        cell_fill_mode="ALL",
    ) as table:
        head = table.row()
        for name in ("", "Now", "Proposed", "Change"):
            head.cell(name)
        for cells in sheet.figures:
            row = table.row()
            for text in cells:
                row.cell(text)
    pdf.ln(1)


def _passage(
    pdf: FPDF, passage: Passage, sheet: ServiceSheet, pt: float, *, quoted: bool = False
) -> None:
    pdf.start_section(passage.heading, level=1)
    lines = [x for x in (y.strip() for t in passage.paragraphs for y in t.split("\n")) if x]
    if passage.shortened and lines:
        # Where the words stop, said once at the foot of the sheet.
        lines[-1] += f" {SHORTENED_MARK}"
    for line in lines:
        words = f"•  {line[2:]}" if line.startswith("- ") else line
        if quoted:
            top = pdf.get_y()
            pdf.set_x(pdf.l_margin + 4)
            pdf.set_font(FONT, "", pt)
            pdf.multi_cell(
                pdf.epw - 4, pt * 0.47, words, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            pdf.set_draw_color(*rgb(palette.TURQUOISE))
            pdf.set_line_width(0.8)
            pdf.line(pdf.l_margin + 1, top + 0.5, pdf.l_margin + 1, pdf.get_y() - 0.5)
        else:
            _line(pdf, words, pt)
        pdf.ln(0.8)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
