"""Measuring the briefing pack's blocks on the page before they are drawn (fpdf2's own line
breaking, dry runs): heights of text, table rows and charts, column widths, and where a run of rows
or paragraphs goes on over a page. ``PdfLayout`` (layout.py) decides with these."""

from __future__ import annotations

from typing import cast

from fpdf import FPDF
from fpdf.enums import MethodReturnValue
from fpdf.util import Padding

from redesign.exports.pack.columns import share_out
from redesign.exports.pack.model import (
    CHARTS,
    BarChart,
    Bars,
    Block,
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
    H1_PT,
    H2_PT,
    PARAGRAPH_GAP,
    SMALL_PT,
    TABLE_PT,
    TILE_GAP,
    TILE_H,
    paragraph_items,
)

MIN_ROWS = 3
MIN_PARAGRAPHS = 2
PADDING = Padding(top=1.3, right=2.0, bottom=1.3, left=2.0)  # table cells (mm)
LINE = TABLE_PT * 0.5
HEADING_H = H2_PT * 0.6 + 5
NOTE_PT = SMALL_PT + 0.5
NEARLY_EMPTY = 0.3  # of a page's height
ROOMY = 0.33  # a table or text goes on over the page rather than leave this much of it empty


class Measure:
    """What the layout needs to know about sizes, measured once a block (fpdf2's line breaking is
    most of the cost of a pack)."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.page_top = 0.0  # where this page's content starts (nothing above it yet)
        self._heights: dict[int, tuple[Table, tuple[float, list[float]]]] = {}
        self._widths: dict[int, tuple[Table, list[float]]] = {}

    @staticmethod
    def source_text(section: Section) -> str:
        return f"Source: {section.source}" if section.source else ""

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
            widths = share_out(least, natural, spare, block.widths, tolerance=0.01)
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


def split_points(
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
