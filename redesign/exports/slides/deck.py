"""The PowerPoint deck being built: slides laid out top to bottom, a new slide when a block does not fit.

Every slide has a real title (screen readers and the outline use it), a footer with the short
source, "Proposals, not decisions" and the scenario's short reference, and speaker notes with its
sources in full. A block that must go on over several slides is spread evenly over them
(``balanced_chunks``): no slide holds a lone row or sentence."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from redesign.core import palette
from redesign.exports.pack.model import Briefing, Paragraphs, Section, Table, Tiles
from redesign.exports.slides.plan import Rooms, plan_table
from redesign.exports.slides.text import (
    BODY_PT,
    BODY_W,
    BOLD_EM,
    BOTTOM,
    CELL_MARGIN,
    CELL_SIDE,
    LINE,
    MARGIN,
    MIN_TABLE_PT,
    NO_STYLE_TABLE,
    SLIDE_H,
    SLIDE_W,
    TABLE_PT,
    TITLE_LAYOUT,
    TITLE_PT,
    TITLE_TOP,
    VALUE_PT,
    _rgb,
    add_paragraph,
    add_run,
    balanced_chunks,
    cell_border,
    column_parts,
    column_widths,
    joined,
    row_heights,
    starts_anew,
    style_run,
    table_part,
    text_height,
    textbox,
    words_fit,
    wrap_lines,
)

GAP_AFTER_TITLE = 0.15
CONTINUED = " (continued)"
FOOTER = "Footer"  # the footer's shape name (tests and readers find it by it)


class Deck:
    """Slides laid out top to bottom; a block that does not fit goes to a new slide."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.prs = Presentation()
        self.prs.slide_width = Inches(SLIDE_W)
        self.prs.slide_height = Inches(SLIDE_H)
        props = self.prs.core_properties
        props.title = f"{briefing.title}: {briefing.subtitle.lower()}"
        props.author = "Redesign Explorer"
        props.subject = briefing.subject
        props.language = "en-GB"
        props.keywords = "Education Services redesign; briefing; proposals, not decisions"
        props.comments = f"Generated {briefing.date_text} by Redesign Explorer."
        # The pack's date, not the moment it is made: the same request makes the same file.
        g = briefing.generated_on
        props.created = props.modified = datetime(g.year, g.month, g.day)
        props.revision = 1
        self.slide: Any = None  # the python-pptx slide being filled
        self.y = 0.0
        self.bottom = 0.0
        self.section: Section | None = None
        self.slide_title = ""
        self.slide_has_content = False
        # A short introduction waiting for the next slide (it goes above the chart or table it
        # introduces, not on a slide of its own).
        self.intro: Paragraphs | None = None

    # --- slides -------------------------------------------------------------------------------

    def footer_text(self) -> str:
        b, section = self.briefing, self.section
        source = section.short_source if section is not None else ""
        tail = " · ".join(x for x in (b.proposals, b.footer_scenario) if x)
        return f"Source: {source}\n{tail}" if source else tail

    def _geometry(self, title: str) -> tuple[float, float, float, float]:
        """(title height, body top, footer height, body bottom) of a slide with this title."""
        title_h = max(1, wrap_lines(title, BODY_W, TITLE_PT, BOLD_EM)) * TITLE_PT * LINE / 72
        footer_h = text_height(self.footer_text(), BODY_W, BODY_PT) + 0.1
        return title_h, TITLE_TOP + title_h + GAP_AFTER_TITLE, footer_h, BOTTOM - footer_h - 0.1

    def fresh_room(self, title: str) -> float:
        _title_h, top, _footer_h, bottom = self._geometry(title)
        return bottom - top - (self.intro_height() if not title.endswith(CONTINUED) else 0.0)

    def intro_height(self) -> float:
        if self.intro is None:
            return 0.0
        return sum(text_height(t, BODY_W - 0.1, BODY_PT) + 0.12 for t in self.intro.texts) + 0.1

    def room(self) -> float:
        return self.bottom - self.y

    def new_slide(self, title: str, notes: str = "") -> None:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[TITLE_LAYOUT])
        shape = slide.shapes.title
        title_h, body_top, footer_h, body_bottom = self._geometry(title)
        shape.left, shape.top = Inches(MARGIN), Inches(TITLE_TOP)
        shape.width, shape.height = Inches(BODY_W), Inches(title_h + 0.15)
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = Inches(0.05)
        frame.margin_top = frame.margin_bottom = Inches(0.02)
        para = frame.paragraphs[0]
        para.alignment = PP_ALIGN.LEFT
        style_run(add_run(para, title), TITLE_PT, bold=True, colour=palette.DARK_BLUE)
        self.slide, self.slide_title = slide, title
        self.y, self.bottom = body_top, body_bottom
        box, foot = textbox(slide, MARGIN, BOTTOM - footer_h, BODY_W, footer_h)
        box.name = FOOTER
        foot.vertical_anchor = MSO_ANCHOR.BOTTOM
        for n, line in enumerate(self.footer_text().split("\n")):
            style_run(add_run(add_paragraph(foot, n == 0), line), BODY_PT, colour=palette.AXIS_TEXT)
        self.slide_has_content = False
        self.set_notes(notes)
        if self.intro is not None and not title.endswith(CONTINUED):
            intro, self.intro = self.intro, None
            height = sum(text_height(t, BODY_W - 0.1, BODY_PT) + 0.12 for t in intro.texts)
            _box, frame = textbox(slide, MARGIN, self.y, BODY_W, height)
            for k, text in enumerate(intro.texts):
                para = add_paragraph(frame, k == 0)
                para.space_after = Pt(0.12 * 72)
                style_run(add_run(para, text), BODY_PT)
            self.y += height + 0.1

    def set_notes(self, extra: str = "") -> None:
        """Speaker notes: the slide's sources in full, and what a chart shows in words."""
        section = self.section
        lines = []
        if section is not None and (section.source or section.short_source):
            lines.append(f"Source: {section.source or section.short_source}")
        if extra:
            lines.append(extra)
        lines.append(f"{self.briefing.proposals}. Generated {self.briefing.date_text}.")
        self.slide.notes_slide.notes_text_frame.text = "\n\n".join(lines)

    def block_slide(self, heading: str, needed: float, notes: str = "") -> None:
        """A block with a heading starts its own slide; others go on if they fit."""
        if heading:
            self.new_slide(heading, notes)
        elif self.slide is None or (self.slide_has_content and needed > self.room()):
            self.new_slide(self.section.title if self.section else self.briefing.title, notes)
        elif notes:
            self.set_notes(notes)

    def continue_slide(self) -> None:
        self.new_slide(self.slide_title.removesuffix(CONTINUED) + CONTINUED)

    # --- blocks -------------------------------------------------------------------------------

    def tiles(self, block: Tiles, heading: str) -> None:
        per_row = max(1, block.per_row)
        gap = 0.25
        width = (BODY_W - gap * (per_row - 1)) / per_row
        inner = width - 0.4
        rows = [block.tiles[i : i + per_row] for i in range(0, len(block.tiles), per_row)]
        heights = [
            max(text_height(t.label, inner, BODY_PT) for t in row) + VALUE_PT * LINE / 72 + 0.3
            for row in rows
        ]
        self.block_slide(heading, sum(heights) + gap * len(rows))
        for row, height in zip(rows, heights, strict=True):
            if self.slide_has_content and height > self.room():
                self.continue_slide()
            for i, tile in enumerate(row):
                self._tile(tile.label, tile.value, MARGIN + i * (width + gap), width, height)
            self.y += height + gap
            self.slide_has_content = True

    def _tile(self, label: str, value: str, left: float, width: float, height: float) -> None:
        shape = self.slide.shapes.add_shape(
            1, Inches(left), Inches(self.y), Inches(width), Inches(height)
        )  # 1: rectangle
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(palette.BACKGROUND)
        shape.line.color.rgb = _rgb(palette.DARK_BLUE)
        shape.line.width = Pt(1.5)
        shape.shadow.inherit = False
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = Inches(0.2)
        frame.margin_top = Inches(0.12)
        first = frame.paragraphs[0]
        first.alignment = PP_ALIGN.LEFT
        style_run(add_run(first, label), BODY_PT)
        second = frame.add_paragraph()
        second.alignment = PP_ALIGN.LEFT
        # A long value ("13.52 of 33.32") gets a smaller size, never below the body text's.
        pt = VALUE_PT
        while pt > BODY_PT and wrap_lines(value, width - 0.4, pt, BOLD_EM) > 1:
            pt -= 2
        style_run(add_run(second, value), pt, bold=True, colour=palette.DARK_BLUE)

    def paragraphs(self, block: Paragraphs, heading: str) -> None:
        terms = list(block.terms) + [""] * (len(block.texts) - len(block.terms))
        items = list(zip(terms, block.texts, strict=True))
        space = 0.12
        heights = [text_height(joined(t, x), BODY_W - 0.1, BODY_PT) + space for t, x in items]
        if heading or self.slide is None:
            self.block_slide(heading, 0.0)
        elif self.slide_has_content and sum(heights) > self.room():
            whole = self.fresh_room(self.section.title if self.section else "")
            if sum(heights) <= whole or heights[0] > self.room():
                self.block_slide("", float("inf"))
        title = self.slide_title.removesuffix(CONTINUED) + CONTINUED
        chunks = balanced_chunks(
            heights,
            self.room(),
            self.fresh_room(title),
            minimum=2,
            shared_first=self.slide_has_content,
        )
        if self.slide_has_content and starts_anew(heights, chunks, self.room()):
            self.block_slide("", float("inf"))
        start = 0
        for n, take in enumerate(chunks):
            if n > 0:
                self.continue_slide()
            used = sum(heights[start : start + take])
            _box, frame = textbox(self.slide, MARGIN, self.y, BODY_W, used)
            for k, (term, text) in enumerate(items[start : start + take]):
                para = add_paragraph(frame, k == 0)
                para.space_after = Pt(space * 72)
                if term:
                    style_run(add_run(para, f"{term}: "), BODY_PT, bold=True)
                style_run(add_run(para, text), BODY_PT)
            self.y += used + 0.1
            self.slide_has_content = True
            start += take

    def table(self, block: Table, heading: str) -> None:
        """Rows spread evenly over as few slides as hold them, the header repeated; 20 pt unless
        18 pt saves a slide. The notes go after the last rows, or above the first when after
        them they would leave the last slide a row or two (``TablePlan``). A table with more
        columns than a slide holds at 18 pt goes in parts, the first column in each."""
        parts = column_parts(block, MIN_TABLE_PT)
        if len(parts) > 1:
            title = heading or (self.section.title if self.section else "")
            n = len(block.columns)
            for k, columns in enumerate(parts):
                span = f"columns {columns[1] + 1 if k else 1} to {columns[-1] + 1} of {n}"
                self._table(table_part(block, columns, k == len(parts) - 1), f"{title} ({span})")
            return
        self._table(block, heading)

    def _table(self, block: Table, heading: str) -> None:
        notes = "\n".join(block.notes)
        notes_h = text_height(notes, BODY_W - 0.1, BODY_PT) + 0.15 if notes else 0.0
        title = heading or (self.section.title if self.section else "")
        rooms = Rooms(
            here=self.fresh_room(title) if heading or self.slide is None else self.room(),
            fresh=self.fresh_room(title),
            full=self.fresh_room(title + CONTINUED),
            on_new_slide=bool(heading) or self.slide is None or not self.slide_has_content,
        )
        sized = {pt: column_widths(block, pt) for pt in (TABLE_PT, MIN_TABLE_PT)}
        plans = {
            pt: plan_table(row_heights(block, sized[pt], pt), notes_h, rooms)
            for pt in (TABLE_PT, MIN_TABLE_PT)
        }
        pt = TABLE_PT
        if plans[MIN_TABLE_PT].better_than(plans[TABLE_PT]) or not words_fit(
            block, sized[TABLE_PT], TABLE_PT
        ):
            pt = MIN_TABLE_PT
        chosen, widths = plans[pt], sized[pt]
        if heading:
            self.new_slide(heading)
        elif self.slide is None or chosen.start_new:
            self.new_slide(title)
        if notes and chosen.notes_first:
            self._notes(block.notes, notes_h)
        start = 0
        for n, take in enumerate(chosen.chunks):
            if n > 0:
                self.continue_slide()
            self._table_shape(block, start, take, widths, chosen.header_h, chosen.heights, pt)
            self.y += sum(chosen.heights[start : start + take]) + chosen.header_h + 0.15
            self.slide_has_content = True
            start += take
        if notes and not chosen.notes_first:
            if notes_h > self.room():  # notes too long to go with any rows: after them
                self.continue_slide()
            self._notes(block.notes, notes_h)

    def _notes(self, notes: tuple[str, ...], height: float) -> None:
        _box, text = textbox(self.slide, MARGIN, self.y, BODY_W, height)
        for n, note in enumerate(notes):
            style_run(add_run(add_paragraph(text, n == 0), note), BODY_PT)
        self.y += height + 0.1

    def _table_shape(
        self,
        block: Table,
        start: int,
        take: int,
        widths: list[float],
        header_h: float,
        heights: list[float],
        pt: float,
    ) -> None:
        rows = block.rows[start : start + take]
        height = header_h + sum(heights[start : start + take])
        shape = self.slide.shapes.add_table(
            len(rows) + 1,
            len(block.columns),
            Inches(MARGIN),
            Inches(self.y),
            Inches(BODY_W),
            Inches(height),
        )
        c_nv_pr = shape._element.nvGraphicFramePr.cNvPr
        c_nv_pr.set("descr", f"Table: {', '.join(c for c in block.columns if c)}")
        table = shape.table
        table.first_row = True
        table.horz_banding = False
        style = table._tbl.tblPr.find(qn("a:tableStyleId"))
        if style is None:
            style = etree.SubElement(table._tbl.tblPr, qn("a:tableStyleId"))
        style.text = NO_STYLE_TABLE
        for c, width in enumerate(widths):
            table.columns[c].width = Emu(Inches(width))
        table.rows[0].height = Emu(Inches(header_h))
        for r in range(take):
            table.rows[r + 1].height = Emu(Inches(heights[start + r]))
        last_total = len(block.rows) - block.total_rows
        for r, cells in enumerate((block.columns, *rows)):
            header = r == 0
            total = not header and start + r - 1 >= last_total
            for c, text in enumerate(cells):
                cell = table.cell(r, c)
                cell_border(cell, palette.DARK_BLUE if header or total else palette.GRIDLINE)
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(palette.DARK_BLUE if header else palette.BACKGROUND)
                cell.margin_left = cell.margin_right = Inches(CELL_SIDE)
                cell.margin_top = cell.margin_bottom = Inches(CELL_MARGIN)
                cell.vertical_anchor = MSO_ANCHOR.TOP if not header else MSO_ANCHOR.BOTTOM
                frame = cell.text_frame
                frame.word_wrap = True
                para = frame.paragraphs[0]
                para.alignment = PP_ALIGN.RIGHT if block.numeric[c] else PP_ALIGN.LEFT
                colour = "#FFFFFF" if header else palette.TEXT
                style_run(add_run(para, text), pt, bold=header or total, colour=colour)
