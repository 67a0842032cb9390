"""Laying the briefing pack's blocks out on A4 landscape pages (fpdf2).

Page rules: a section starts a new page (a short one may run on below the previous); a heading never
ends a page without its block; a chart never splits and starts a page with room for the first rows
of its table; a table that must split leaves at least ``MIN_ROWS`` rows on each page (never a lone
row at the top of a page) and keeps its notes with its last rows; a list of paragraphs that must
split leaves at least ``MIN_PARAGRAPHS`` on the next page; the source line stays with the last
block. So each page is full, or it is the end of its section."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import cast

from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.fonts import FontFace, TextStyle
from fpdf.prefs import ViewerPreferences
from fpdf.util import Padding

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

MIN_ROWS = 3
MIN_PARAGRAPHS = 2
PADDING = Padding(top=1.3, right=2.0, bottom=1.3, left=2.0)  # table cells (mm)
LINE = TABLE_PT * 0.5
HEADING_H = H2_PT * 0.6 + 5
NOTE_PT = SMALL_PT + 0.5
NEARLY_EMPTY = 0.3  # of a page's height
ROOMY = 0.33  # a table or text goes on over the page rather than leave this much of it empty


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
        self.pdf = pdf
        self.page_top = 0.0  # where this page's content starts (nothing above it yet)
        self._heights: dict[int, tuple[Table, tuple[float, list[float]]]] = {}
        self._widths: dict[int, tuple[Table, list[float]]] = {}

    # --- measures -----------------------------------------------------------------------------

    def room(self) -> float:
        pdf = self.pdf
        return pdf.h - pdf.b_margin - pdf.get_y()

    def fresh_room(self) -> float:
        pdf = self.pdf
        return pdf.h - pdf.b_margin - pdf.t_margin

    def at_top(self) -> bool:
        return self.pdf.get_y() <= self.page_top + 0.5

    def new_page(self) -> None:
        self.pdf.add_page()
        self.page_top = self.pdf.get_y()

    def text_height(self, words: str, pt: float, *, bold: bool = False, width: float = 0) -> float:
        if not words:
            return 0.0
        pdf = self.pdf
        pdf.set_font(FONT, "B" if bold else "", pt)
        height = pdf.multi_cell(
            width or pdf.epw, pt * 0.5, words, dry_run=True, output=MethodReturnValue.HEIGHT
        )
        return float(cast(float, height))

    def notes_height(self, notes: tuple[str, ...]) -> float:
        return sum(self.text_height(n, NOTE_PT) + 1 for n in notes)

    def paragraph_height(self, term: str, text: str) -> float:
        return self.text_height(f"{term}: {text}" if term else text, BODY_PT) + PARAGRAPH_GAP

    def row_heights(self, block: Table) -> tuple[float, list[float]]:
        """The header's and each row's height (mm), as fpdf2's table will draw them (measured
        once a table: fpdf2's line breaking is most of the cost of a pack)."""
        known = self._heights.get(id(block))
        if known is not None and known[0] is block:
            return known[1]
        measured = self._measure_rows(block)
        self._heights[id(block)] = (block, measured)
        return measured

    def column_widths(self, block: Table) -> list[float]:
        """Each column's width (mm): at least its longest word (so no word is broken where the
        page allows), the room left shared out as the table's relative widths ask."""
        known = self._widths.get(id(block))
        if known is not None and known[0] is block:
            return known[1]
        pdf = self.pdf
        pad = PADDING.left + PADDING.right + 0.8
        least, natural = [], []
        for c in range(len(block.columns)):
            pdf.set_font(FONT, "B", TABLE_PT)
            words = [pdf.get_string_width(w) for w in block.columns[c].split()]
            pdf.set_font(FONT, "B" if block.total_rows else "", TABLE_PT)
            cells = [pdf.get_string_width(row[c]) for row in block.rows]
            words += [pdf.get_string_width(w) for row in block.rows for w in row[c].split()]
            least.append(max(words, default=0.0) + pad)
            natural.append(max(max(cells, default=0.0) + pad, least[-1]))
        spare = pdf.epw - sum(least)
        if spare <= 0:  # too many columns for the page: as the table asks, words may break
            total = sum(block.widths)
            widths = [pdf.epw * w / total for w in block.widths]
        else:
            # The room left goes to each column in proportion to what it lacks for its longest
            # cell to fit on one line (no more than that), so the columns wrap alike and the
            # rows stay low; what is left over then goes by the table's relative widths.
            widths = list(least)
            for _ in range(len(widths)):
                lacking = {c: natural[c] - widths[c] for c in range(len(widths))}
                lacking = {c: v for c, v in lacking.items() if v > 0.01}
                if not lacking or spare <= 0.01:
                    break
                total_lack = sum(lacking.values())
                given = 0.0
                for c, lack in lacking.items():
                    grant = min(lack, spare * lack / total_lack)
                    widths[c] += grant
                    given += grant
                spare -= given
            if spare > 0.01:
                total = sum(block.widths)
                widths = [w + spare * r / total for w, r in zip(widths, block.widths, strict=True)]
        self._widths[id(block)] = (block, widths)
        return widths

    def _measure_rows(self, block: Table) -> tuple[float, list[float]]:
        pdf = self.pdf
        widths = self.column_widths(block)

        def height(cells: tuple[str, ...], bold: bool) -> float:
            pdf.set_font(FONT, "B" if bold else "", TABLE_PT)
            tallest = 0.0
            for text, width in zip(cells, widths, strict=True):
                h = pdf.multi_cell(
                    width,
                    LINE,
                    text,
                    padding=PADDING,
                    dry_run=True,
                    output=MethodReturnValue.HEIGHT,
                )
                tallest = max(tallest, float(cast(float, h)))
            return tallest + 0.4  # a little slack: the plan must never overflow a page

        first_total = len(block.rows) - block.total_rows
        return height(block.columns, True), [
            height(row, i >= first_total) for i, row in enumerate(block.rows)
        ]

    def chart_height(self, block: Block) -> float:
        notes = self.notes_height(getattr(block, "notes", ()))
        if isinstance(block, BarChart):
            return charts.bar_chart_height(block) + notes
        if isinstance(block, Bars):
            return charts.bars_height(block) + notes
        if isinstance(block, LineChart):
            return charts.line_chart_height(block) + notes
        if isinstance(block, Waterfall):
            return charts.waterfall_height(block) + notes
        return 0.0

    def least_start(self, block: Block) -> float:
        """The room a table or paragraphs need to start here when they may go on over the page."""
        if isinstance(block, Table):
            header, rows = self.row_heights(block)
            return header + sum(rows[:MIN_ROWS])
        if isinstance(block, Paragraphs) and block.texts:
            items = paragraph_items(block)[:MIN_PARAGRAPHS]
            return sum(self.paragraph_height(*p) for p in items)
        return self.start_height(block)

    def nearly_empty(self) -> bool:
        """Whether this page holds little yet (a section's heading and an introduction)."""
        return self.pdf.get_y() - self.pdf.t_margin < NEARLY_EMPTY * self.fresh_room()

    def fits_a_page(self, block: Table) -> bool:
        header, rows = self.row_heights(block)
        return header + sum(rows) + self.notes_height(block.notes) <= self.fresh_room() - HEADING_H

    def start_height(self, block: Block) -> float:
        """The least room (mm) a block needs to start on this page: a table or a list of
        paragraphs that fits on a page is never split; a longer one needs its first few."""
        if isinstance(block, Table):
            header, rows = self.row_heights(block)
            whole = header + sum(rows) + self.notes_height(block.notes)
            if whole <= self.fresh_room() - HEADING_H:
                return whole
            return header + sum(rows[:MIN_ROWS])
        if isinstance(block, CHARTS):
            return self.chart_height(block)
        if isinstance(block, Tiles):
            return TILE_H + TILE_GAP
        if isinstance(block, Paragraphs) and block.texts:
            heights = [self.paragraph_height(*p) for p in paragraph_items(block)]
            if sum(heights) <= self.fresh_room() - HEADING_H:
                return sum(heights)
            return sum(heights[:MIN_PARAGRAPHS])
        return 0.0

    def estimate(self, section: Section) -> float:
        """A section's height (mm) if it is made of tiles, paragraphs and tables (else infinite),
        for deciding whether it runs on below the previous one."""
        height = H1_PT * 0.6 + 4 + self.text_height(self.source_text(section), SMALL_PT) + 6
        for block in section.blocks:
            if isinstance(block, Tiles):
                tile_rows = -(-len(block.tiles) // max(1, block.per_row))
                height += tile_rows * (TILE_H + TILE_GAP)
            elif isinstance(block, Paragraphs):
                height += sum(self.paragraph_height(*p) for p in paragraph_items(block))
            elif isinstance(block, Table):
                header, rows = self.row_heights(block)
                height += header + sum(rows) + self.notes_height(block.notes)
            else:
                return float("inf")
            height += 3
        return height

    # --- text ---------------------------------------------------------------------------------

    def text(
        self, words: str, pt: float = BODY_PT, *, bold: bool = False, colour: str = ""
    ) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "B" if bold else "", pt)
        pdf.set_text_color(*rgb(colour or palette.TEXT))
        pdf.multi_cell(pdf.epw, pt * 0.5, words, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*rgb(palette.TEXT))

    @staticmethod
    def source_text(section: Section) -> str:
        return f"Source: {section.source}" if section.source else ""

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
        breaks = _split_points(heights, self.room() - reserve, self.fresh_room(), MIN_PARAGRAPHS)
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
        breaks = _split_points(
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


def _split_points(
    heights: list[float], first: float, full: float, minimum: int, tail: float = 0.0
) -> set[int]:
    """Where a run of items (rows, paragraphs) goes on to a new page: the indices that start a
    page. ``first`` is the room left on this page, ``full`` a fresh page's; ``tail`` must fit
    after the last item. Every page but the first holds at least ``minimum`` items (all of them
    when there are fewer); 0 means "start on a new page"."""
    n = len(heights)
    if sum(heights) + tail <= first:
        return set()
    breaks: set[int] = set()
    room, i = first, 0
    if sum(heights[: min(minimum, n)]) > first:
        breaks.add(0)
        room = full
    while i < n:
        used, j = 0.0, i
        while j < n and used + heights[j] <= room:
            used += heights[j]
            j += 1
        if j == n and used + tail > room:
            j -= 1  # the tail needs room: the last item goes on with it
        j = max(j, i + 1)
        if j >= n:
            break
        rest = n - j
        if rest < minimum:
            j = max(i + 1, n - minimum)
        breaks.add(j)
        i, room = j, full
    return breaks
