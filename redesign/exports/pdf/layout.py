"""Laying the briefing pack's blocks out on A4 landscape pages (fpdf2).

Page rules: a section starts a new page (a short one may run on below the previous); a heading never
ends a page without its block; a chart never splits and starts a page with room for the first rows
of its table; a table that must split leaves at least ``MIN_ROWS`` rows on each page (never a lone
row at the top of a page) and keeps its notes with its last rows; a list of paragraphs that must
split leaves at least ``MIN_PARAGRAPHS`` on the next page; the source line stays with the last
block. So each page is full, or it is the end of its section."""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace, TextStyle
from fpdf.prefs import ViewerPreferences

from redesign.core import palette
from redesign.exports.pack.model import (
    AUTHOR,
    CHARTS,
    LANGUAGE,
    BarChart,
    Bars,
    Block,
    Briefing,
    LineChart,
    Paragraphs,
    Section,
    Table,
    Tiles,
    Waterfall,
)
from redesign.exports.pdf import charts
from redesign.exports.pdf.measure import (
    HEADING_H,
    LINE,
    MIN_PARAGRAPHS,
    MIN_ROWS,
    NOTE_PT,
    PADDING,
    ROOMY,
    Measure,
    split_points,
)
from redesign.exports.pdf.style import (
    BODY_PT,
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
)


class PdfLayout(Measure):
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
        # The pack's date, not the moment it is made: the same request makes the same file.
        g = briefing.generated_on
        pdf.set_creation_date(datetime(g.year, g.month, g.day, tzinfo=UTC))
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
        super().__init__(pdf)

    # --- text ---------------------------------------------------------------------------------

    def text(
        self, words: str, pt: float = BODY_PT, *, bold: bool = False, colour: str = ""
    ) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "B" if bold else "", pt)
        pdf.set_text_color(*rgb(colour or palette.TEXT))
        pdf.multi_cell(pdf.epw, pt * 0.5, words, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*rgb(palette.TEXT))

    # --- pages --------------------------------------------------------------------------------

    def title_page(self) -> None:
        b, pdf = self.b, self.pdf
        self.new_page()
        pdf.set_y(24)
        pdf.start_section(b.title, level=0)
        self.text(b.subtitle, 18)
        pdf.ln(2)
        self.text(f"Generated {b.date_text}", 13)
        pdf.ln(2)
        self.text(b.proposals, 18, bold=True, colour=palette.DARK_BLUE)
        if b.scenario_label:
            pdf.ln(3)
            self.text(f"Buy-back scenario: {b.scenario_label}", 12.5)
            self.text(f"{b.footer_scenario} (on every page's footer)", 11, colour=palette.AXIS_TEXT)
        if b.scenario_link:
            pdf.ln(1)
            pdf.set_font(FONT, "B", 11)
            pdf.cell(text="Link: ")
            pdf.set_font(FONT, "", 10)
            pdf.set_text_color(*rgb(palette.DARK_BLUE))
            link = b.scenario_link if b.scenario_link.startswith(("https://", "http://")) else ""
            pdf.write(5, b.scenario_link, link=link)
            pdf.set_text_color(*rgb(palette.TEXT))
            pdf.ln(7)
        if b.compared:
            pdf.ln(1)
            self.text("Compared: " + "; ".join(b.compared), 11.5)
        pdf.ln(5)
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
        if section.run_on and self.room() > self.estimate(section) + 6:
            pdf.ln(6)
        else:
            self.new_page()
        pdf.start_section(section.title, level=0)
        self.page_top = pdf.get_y()
        source_h = self.text_height(self.source_text(section), SMALL_PT) + 5
        blocks = section.blocks
        for n, block in enumerate(blocks):
            last = n == len(blocks) - 1
            reserve = source_h if last else 0.0
            heading = block.heading if block.heading and block.heading != section.title else ""
            need = (HEADING_H if heading else 0.0) + self.start_height(block)
            whole_table = isinstance(block, Table) and self.fits_a_page(block)
            if last and (not isinstance(block, Table) or whole_table):
                need += reserve  # the source line goes with the block's end
            following = blocks[n + 1] if not last else None
            keeps_next = isinstance(block, CHARTS) and isinstance(following, Table)
            # An introduction (a paragraph or two) stays with what it introduces.
            keeps_next |= isinstance(block, Paragraphs) and len(block.texts) <= 2
            if keeps_next and following is not None:
                both = need + HEADING_H + self.start_height(following)
                if both <= self.fresh_room():
                    need = both
            if need > self.room() and (
                self.nearly_empty() or self.room() > ROOMY * self.fresh_room()
            ):
                # Moving a table or text that would fit a page of its own would leave this page
                # with a heading and an introduction alone, or half empty: it starts here and
                # goes on over the page (a few rows or paragraphs at least on the next).
                need = (HEADING_H if heading else 0.0) + self.least_start(block)
            if not self.at_top() and need > self.room() and need <= self.fresh_room():
                self.new_page()
            if heading:
                pdf.start_section(heading, level=1)
            self.block(block, reserve)
            pdf.ln(3)
        if section.source:
            pdf.ln(1)
            self.text(self.source_text(section), SMALL_PT, colour=palette.AXIS_TEXT)

    def block(self, block: Block, reserve: float) -> None:
        if isinstance(block, Tiles):
            self.tiles(block)
        elif isinstance(block, Paragraphs):
            self.paragraphs(block, reserve)
        elif isinstance(block, Table):
            self.table(block, reserve)
        elif isinstance(block, CHARTS):
            self.chart(block)
        else:  # pragma: no cover - a new block type needs a layout
            raise TypeError(f"no PDF layout for {type(block).__name__}")

    def tiles(self, block: Tiles) -> None:
        pdf = self.pdf
        per_row = max(1, block.per_row)
        width = (pdf.epw - TILE_GAP * (per_row - 1)) / per_row
        for start in range(0, len(block.tiles), per_row):
            if self.room() < TILE_H + 2:
                self.new_page()
            top = pdf.get_y()
            for i, tile in enumerate(block.tiles[start : start + per_row]):
                left = pdf.l_margin + i * (width + TILE_GAP)
                pdf.set_draw_color(*rgb(palette.DARK_BLUE))
                pdf.set_line_width(0.5)
                pdf.rect(left, top, width, TILE_H)
                pdf.set_xy(left + 4, top + 3)
                pdf.set_font(FONT, "", BODY_PT)
                pdf.multi_cell(width - 8, 5, tile.label, align="L", new_x=XPos.LEFT)
                pdf.set_xy(left + 4, top + TILE_H - 11)
                pt = 20.0
                while pt > 12 and charts.text_width(pdf, tile.value, pt, bold=True) > width - 8:
                    pt -= 1
                pdf.set_font(FONT, "B", pt)
                pdf.set_text_color(*rgb(palette.DARK_BLUE))
                pdf.cell(width - 8, 9, tile.value)
                pdf.set_text_color(*rgb(palette.TEXT))
            pdf.set_xy(pdf.l_margin, top + TILE_H + TILE_GAP)

    def paragraphs(self, block: Paragraphs, reserve: float) -> None:
        pdf = self.pdf
        items = paragraph_items(block)
        heights = [self.paragraph_height(*p) for p in items]
        breaks = split_points(heights, self.room() - reserve, self.fresh_room(), MIN_PARAGRAPHS)
        for i, (term, text) in enumerate(items):
            if i in breaks:
                self.new_page()
            pdf.set_x(pdf.l_margin)
            if term:
                # Text columns wrap a bold lead-in and its text as one paragraph (``write``
                # could break the first word of the text in two).
                with (
                    pdf.text_columns(text_align="LEFT", line_height=1.42) as columns,
                    columns.paragraph() as paragraph,
                ):
                    pdf.set_font(FONT, "B", BODY_PT)
                    paragraph.write(f"{term}: ")
                    pdf.set_font(FONT, "", BODY_PT)
                    paragraph.write(text)
                pdf.ln(PARAGRAPH_GAP)
            else:
                self.text(text)
                pdf.ln(PARAGRAPH_GAP)

    def chart(self, block: Block) -> None:
        pdf = self.pdf
        # The layout gave the chart a page it fits on; a page break inside a tagged figure is an
        # error in fpdf2, so none may start while it is drawn.
        margin = pdf.b_margin
        pdf.set_auto_page_break(False)
        try:
            self._draw_chart(block)
        finally:
            pdf.set_auto_page_break(True, margin=margin)
        for note in getattr(block, "notes", ()):
            self.text(note, NOTE_PT)

    def _draw_chart(self, block: Block) -> None:
        pdf = self.pdf
        if isinstance(block, BarChart):
            charts.draw_bar_chart(pdf, block)
        elif isinstance(block, Bars):
            charts.draw_bars(pdf, block)
        elif isinstance(block, LineChart):
            charts.draw_line_chart(pdf, block)
        elif isinstance(block, Waterfall):
            charts.draw_waterfall(pdf, block)

    def table(self, block: Table, reserve: float) -> None:
        header, heights = self.row_heights(block)
        notes = self.notes_height(block.notes) + reserve
        breaks = split_points(
            heights,
            self.room() - header,
            self.fresh_room() - header,
            MIN_ROWS,
            tail=notes,
        )
        start = 0
        for end in [*sorted(breaks), len(heights)]:
            if end == 0:
                self.new_page()
                continue
            self._table_rows(block, start, end)
            if end < len(heights):
                self.new_page()
            start = end
        for note in block.notes:
            self.pdf.ln(1)
            self.text(note, NOTE_PT)

    def _table_rows(self, block: Table, start: int, end: int) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "", TABLE_PT)
        pdf.set_draw_color(*rgb(palette.GRIDLINE))
        pdf.set_line_width(0.2)
        pdf.set_fill_color(*WHITE)  # fpdf2 starts cells from the current fill colour
        heading = FontFace(emphasis="BOLD", color=WHITE, fill_color=rgb(palette.DARK_BLUE))
        bold = FontFace(emphasis="BOLD")
        last_total = len(block.rows) - block.total_rows
        with pdf.table(
            col_widths=self.column_widths(block),
            text_align=tuple("RIGHT" if n else "LEFT" for n in block.numeric),
            headings_style=heading,
            borders_layout="HORIZONTAL_LINES",
            line_height=LINE,
            padding=PADDING,
            v_align="TOP",
            repeat_headings=1,
            cell_fill_color=WHITE,
            cell_fill_mode="ALL",
        ) as table:
            head = table.row()
            for name in block.columns:
                head.cell(name)
            for i in range(start, end):
                row = table.row()
                for text in block.rows[i]:
                    row.cell(text, style=bold if i >= last_total else None)
