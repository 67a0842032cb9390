"""Laying the briefing pack's blocks out on A4 landscape pages (fpdf2)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, cast

from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.fonts import FontFace, TextStyle
from fpdf.prefs import ViewerPreferences

from redesign.core import palette
from redesign.exports.pack import (
    AUTHOR,
    LANGUAGE,
    BarChart,
    Block,
    Briefing,
    Paragraphs,
    Section,
    Table,
    Tiles,
)
from redesign.exports.pdf_style import (
    BODY_PT,
    CHART_ROW_H,
    FONT,
    FONT_FILES,
    H1_PT,
    H2_PT,
    MARGIN,
    PARAGRAPH_GAP,
    SMALL_PT,
    TABLE_PT,
    TILE_GAP,
    TILE_H,
    WHITE,
    BriefingPDF,
    find_font_dir,
    paragraph_items,
    rgb,
    tagged_figure,
)


class PdfLayout:
    def __init__(self, briefing: Briefing) -> None:
        self.b = briefing
        pdf = BriefingPDF(briefing)
        folder = find_font_dir()
        for style, name in FONT_FILES.items():
            pdf.add_font(FONT, style, str(folder / name))
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, margin=pdf.footer_h + 2)
        pdf.set_title(f"{briefing.title}: {briefing.subtitle.lower()}")
        pdf.set_subject(briefing.subject)
        pdf.set_author(AUTHOR)
        pdf.set_creator(AUTHOR)
        pdf.set_lang(LANGUAGE)
        pdf.set_keywords("Education Services redesign; briefing; proposals, not decisions")
        pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
        pdf.set_display_mode("fullwidth")
        pdf.set_section_title_styles(
            TextStyle(
                font_family=FONT,
                font_style="B",
                font_size_pt=H1_PT,
                color=rgb(palette.DARK_BLUE),
                t_margin=0,
                b_margin=4,
            ),
            TextStyle(
                font_family=FONT,
                font_style="B",
                font_size_pt=H2_PT,
                color=rgb(palette.DARK_BLUE),
                t_margin=3,
                b_margin=2,
            ),
        )
        pdf.set_font(FONT, "", BODY_PT)
        self.pdf = pdf

    # --- text ---------------------------------------------------------------------------------

    def text(
        self, words: str, pt: float = BODY_PT, *, bold: bool = False, colour: str = ""
    ) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "B" if bold else "", pt)
        pdf.set_text_color(*rgb(colour or palette.TEXT))
        pdf.multi_cell(pdf.epw, pt * 0.5, words, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*rgb(palette.TEXT))

    def source(self, section: Section) -> None:
        if section.source:
            self.pdf.ln(2)
            self.text(self.source_text(section), SMALL_PT, colour=palette.AXIS_TEXT)

    @staticmethod
    def source_text(section: Section) -> str:
        return f"Source: {section.source}" if section.source else ""

    def text_height(self, words: str, pt: float, *, bold: bool = False) -> float:
        """The height ``text`` would take (mm), without drawing it."""
        if not words:
            return 0.0
        pdf = self.pdf
        pdf.set_font(FONT, "B" if bold else "", pt)
        height = pdf.multi_cell(
            pdf.epw, pt * 0.5, words, dry_run=True, output=MethodReturnValue.HEIGHT
        )
        return float(cast(float, height))

    @contextlib.contextmanager
    def reserve(self, height: float) -> Iterator[None]:
        """Break pages ``height`` mm early, keeping room for what must follow on the same page
        (a table's notes, a section's source line): they never start a page on their own."""
        pdf = self.pdf
        margin = pdf.b_margin
        pdf.set_auto_page_break(True, margin=margin + height)
        try:
            yield
        finally:
            pdf.set_auto_page_break(True, margin=margin)

    # --- pages --------------------------------------------------------------------------------

    def title_page(self) -> None:
        b, pdf = self.b, self.pdf
        pdf.add_page()
        pdf.set_y(28)
        pdf.start_section(b.title, level=0)
        self.text(b.subtitle, 18)
        pdf.ln(3)
        self.text(f"Generated {b.date_text}", 14)
        pdf.ln(3)
        self.text(b.proposals, 18, bold=True, colour=palette.DARK_BLUE)
        if b.scenario_label:
            pdf.ln(4)
            self.text(f"Buy-back scenario: {b.scenario_label}", 13)
        if b.scenario_link:
            pdf.ln(2)
            pdf.set_font(FONT, "B", 12)
            pdf.cell(text="Scenario link: ")
            pdf.set_font(FONT, "", 12)
            pdf.set_text_color(*rgb(palette.DARK_BLUE))
            link = b.scenario_link if b.scenario_link.startswith(("https://", "http://")) else ""
            pdf.write(6, b.scenario_link, link=link)
            pdf.set_text_color(*rgb(palette.TEXT))
            pdf.ln(8)
        pdf.ln(6)
        self.text("Contents", 14, bold=True)
        titles = [section.title for section in b.sections]
        half = (len(titles) + 1) // 2
        top = pdf.get_y()
        for column, items in enumerate((titles[:half], titles[half:])):
            pdf.set_y(top)
            for title in items:
                pdf.set_x(pdf.l_margin + column * pdf.epw / 2)
                pdf.set_font(FONT, "", BODY_PT)
                pdf.multi_cell(pdf.epw / 2 - 5, 6, f"•  {title}", align="L", new_x=XPos.LEFT)

    def section(self, section: Section) -> None:
        pdf = self.pdf
        if section.run_on and not pdf.will_page_break(self.estimate(section) + 6):
            pdf.ln(6)
        else:
            pdf.add_page()
        pdf.start_section(section.title, level=0)
        # The source line and the gaps before it (see ``source``) stay with the last block.
        source_h = self.text_height(self.source_text(section), SMALL_PT) + 6
        for n, block in enumerate(section.blocks):
            last = n == len(section.blocks) - 1
            with self.reserve(source_h if last else 0.0):
                if block.heading and block.heading != section.title:
                    # Never a heading alone at the foot of a page: it goes with its block's start.
                    if pdf.will_page_break(H2_PT * 0.6 + 5 + self.start_height(block)):
                        pdf.add_page()
                    pdf.start_section(block.heading, level=1)
                self.block(block)
            pdf.ln(3)
        self.source(section)

    def estimate(self, section: Section) -> float:
        """A section's height (mm), for deciding whether it runs on below the previous one.
        Only tiles and paragraphs are measured; a chart or table always starts a new page."""
        height = H1_PT * 0.6 + 4 + self.text_height(self.source_text(section), SMALL_PT) + 6
        for block in section.blocks:
            if isinstance(block, Tiles):
                rows = -(-len(block.tiles) // max(1, block.per_row))
                height += rows * (TILE_H + TILE_GAP)
            elif isinstance(block, Paragraphs):
                height += sum(self.paragraph_height(*p) for p in paragraph_items(block))
            else:
                return float("inf")
            height += 3
        return height

    def start_height(self, block: Block) -> float:
        """The least room (mm) a block needs to start on this page."""
        if isinstance(block, Table):
            notes_h = sum(self.text_height(n, SMALL_PT + 0.5) + 1 for n in block.notes)
            return TABLE_PT * 1.2 + min(len(block.rows), 5) * TABLE_PT * 0.9 + notes_h
        if isinstance(block, BarChart):
            notes_h = sum(self.text_height(n, SMALL_PT + 0.5) for n in block.notes)
            return len(block.categories) * CHART_ROW_H + 10 + notes_h
        if isinstance(block, Tiles):
            return TILE_H + TILE_GAP
        if isinstance(block, Paragraphs) and block.texts:
            return self.paragraph_height(*paragraph_items(block)[0])
        return 0.0

    def paragraph_height(self, term: str, text: str) -> float:
        return self.text_height(f"{term}: {text}" if term else text, BODY_PT) + PARAGRAPH_GAP

    def block(self, block: Block) -> None:
        if isinstance(block, Tiles):
            self.tiles(block)
        elif isinstance(block, Paragraphs):
            self.paragraphs(block)
        elif isinstance(block, BarChart):
            self.chart(block)
        elif isinstance(block, Table):
            self.table(block)
        else:  # pragma: no cover - a new block type needs a layout
            raise TypeError(f"no PDF layout for {type(block).__name__}")

    def tiles(self, block: Tiles) -> None:
        pdf = self.pdf
        per_row = max(1, block.per_row)
        gap = TILE_GAP
        width = (pdf.epw - gap * (per_row - 1)) / per_row
        height = TILE_H
        for start in range(0, len(block.tiles), per_row):
            if pdf.will_page_break(height + 2):
                pdf.add_page()
            top = pdf.get_y()
            for i, tile in enumerate(block.tiles[start : start + per_row]):
                left = pdf.l_margin + i * (width + gap)
                pdf.set_draw_color(*rgb(palette.DARK_BLUE))
                pdf.set_line_width(0.5)
                pdf.rect(left, top, width, height)
                pdf.set_xy(left + 4, top + 3)
                pdf.set_font(FONT, "", BODY_PT)
                pdf.multi_cell(
                    width - 8, 5, tile.label, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT
                )
                pdf.set_xy(left + 4, top + height - 11)
                pdf.set_font(FONT, "B", 20)
                pdf.set_text_color(*rgb(palette.DARK_BLUE))
                pdf.cell(width - 8, 9, tile.value)
                pdf.set_text_color(*rgb(palette.TEXT))
            pdf.set_xy(pdf.l_margin, top + height + gap)

    def paragraphs(self, block: Paragraphs) -> None:
        pdf = self.pdf
        for term, text in paragraph_items(block):
            # A paragraph is never split across pages (they are a few lines each).
            if pdf.will_page_break(self.paragraph_height(term, text)):
                pdf.add_page()
            pdf.set_x(pdf.l_margin)
            if term:
                pdf.set_font(FONT, "B", BODY_PT)
                pdf.write(BODY_PT * 0.5, f"{term}: ")
            pdf.set_font(FONT, "", BODY_PT)
            pdf.write(BODY_PT * 0.5, text)
            pdf.ln(BODY_PT * 0.5 + PARAGRAPH_GAP)

    def chart(self, block: BarChart) -> None:
        pdf = self.pdf
        label_w, value_w, row_h = 95.0, 40.0, CHART_ROW_H
        area = pdf.epw - label_w - value_w - 4
        top_value = max((v for v in block.values if v is not None), default=0.0) or 1.0
        if pdf.will_page_break(self.start_height(block)):
            pdf.add_page()
        with tagged_figure(pdf, block.alt):
            pdf.set_font(FONT, "", SMALL_PT)
            pdf.set_text_color(*rgb(palette.AXIS_TEXT))
            pdf.cell(pdf.epw, 6, block.value_title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(*rgb(palette.TEXT))
            x0 = pdf.l_margin + label_w + 2
            y = pdf.get_y() + 1
            for category, value, label, colour in zip(
                block.categories, block.values, block.labels, block.colours, strict=True
            ):
                pdf.set_font(FONT, "", TABLE_PT)
                lines: Any = pdf.multi_cell(
                    label_w - 2,
                    4.4,
                    category,
                    align="R",
                    dry_run=True,
                    output=MethodReturnValue.LINES,
                )
                pdf.set_xy(pdf.l_margin, y + (row_h - 4.4 * len(lines)) / 2)
                pdf.multi_cell(label_w - 2, 4.4, category, align="R")
                bar_h = row_h * 0.62
                bar_y = y + (row_h - bar_h) / 2
                if value is not None and value > 0:
                    length = area * value / top_value
                    pdf.set_fill_color(*rgb(colour))
                    pdf.rect(x0, bar_y, length, bar_h, style="F")
                    end = x0 + length
                else:
                    end = x0
                pdf.set_font(FONT, "B", TABLE_PT)
                pdf.set_xy(end + 1.5, y + (row_h - 5) / 2)
                pdf.cell(value_w, 5, label)
                y += row_h
            pdf.set_draw_color(*rgb(palette.AXIS_TEXT))
            pdf.set_line_width(0.3)
            pdf.line(x0, pdf.get_y() - len(block.categories) * row_h + 2, x0, y)
            pdf.set_xy(pdf.l_margin, y + 2)
        for note in block.notes:
            self.text(note, SMALL_PT + 0.5)

    def table(self, block: Table) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "", TABLE_PT)
        pdf.set_draw_color(*rgb(palette.GRIDLINE))
        pdf.set_line_width(0.2)
        # fpdf2 starts each cell from the current fill colour: white, not the last bar's colour.
        pdf.set_fill_color(*WHITE)
        align = tuple("RIGHT" if n else "LEFT" for n in block.numeric)
        heading = FontFace(emphasis="BOLD", color=WHITE, fill_color=rgb(palette.DARK_BLUE))
        bold = FontFace(emphasis="BOLD")
        # Start on a new page rather than leave a header and a row or two at the foot of this one.
        if pdf.will_page_break(self.start_height(block)):
            pdf.add_page()
        notes_h = sum(self.text_height(n, SMALL_PT + 0.5) + 1 for n in block.notes)
        with (
            self.reserve(notes_h),
            pdf.table(
                col_widths=block.widths,
                text_align=align,
                headings_style=heading,
                borders_layout="HORIZONTAL_LINES",
                line_height=TABLE_PT * 0.5,
                padding=(1.6, 2.0),
                v_align="TOP",
                repeat_headings=1,
                cell_fill_color=WHITE,
                cell_fill_mode="ALL",
            ) as table,
        ):
            head = table.row()
            for name in block.columns:
                head.cell(name)
            last_total = len(block.rows) - block.total_rows
            for i, cells in enumerate(block.rows):
                row = table.row()
                for text in cells:
                    row.cell(text, style=bold if i >= last_total else None)
        for note in block.notes:
            pdf.ln(1)
            self.text(note, SMALL_PT + 0.5)
