"""The PowerPoint deck being built: slides laid out top to bottom, a new slide when a block does not fit."""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from redesign.core import palette
from redesign.exports.pack import BarChart, Briefing, Paragraphs, Section, Table, Tiles
from redesign.exports.pptx_text import (
    BODY_PT,
    BODY_W,
    BOLD_EM,
    BOTTOM,
    CELL_MARGIN,
    CHART_PT,
    FONT,
    GAP_AFTER_TITLE,
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
    cell_border,
    joined,
    label_every_category,
    nice_max,
    no_wrap,
    plan,
    row_heights,
    style_run,
    text_height,
    textbox,
    words_fit,
    wrap_lines,
)


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
        self.slide: Any = None  # the python-pptx slide being filled
        self.y = 0.0
        self.bottom = 0.0
        self.section: Section | None = None
        self.slide_title = ""
        self.slide_has_content = False

    # --- slides -------------------------------------------------------------------------------

    def _footer_text(self, section: Section | None) -> str:
        source = section.source if section is not None else ""
        words = f"{self.briefing.proposals}."
        return f"Source: {source} {words}" if source else words

    def _geometry(self, title: str) -> tuple[float, float, float, float]:
        """(title height, body top, footer height, body bottom) of a slide with this title."""
        title_h = max(1, wrap_lines(title, BODY_W, TITLE_PT, BOLD_EM)) * TITLE_PT * LINE / 72
        footer_h = text_height(self._footer_text(self.section), BODY_W, BODY_PT) + 0.1
        return title_h, TITLE_TOP + title_h + GAP_AFTER_TITLE, footer_h, BOTTOM - footer_h - 0.1

    def fresh_room(self, title: str) -> float:
        """The body height of a new slide of the current section with this title."""
        _title_h, top, _footer_h, bottom = self._geometry(title)
        return bottom - top

    def new_slide(self, title: str) -> None:
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
        run = para.add_run()
        run.text = title
        style_run(run, TITLE_PT, bold=True, colour=palette.DARK_BLUE)
        self.slide = slide
        self.slide_title = title
        self.y = body_top
        _box, frame = textbox(slide, MARGIN, BOTTOM - footer_h, BODY_W, footer_h)
        frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        style_run(
            add_run(frame.paragraphs[0], self._footer_text(self.section)),
            BODY_PT,
            colour=palette.AXIS_TEXT,
        )
        self.bottom = body_bottom
        self.slide_has_content = False

    def continue_slide(self) -> None:
        title = self.slide_title.removesuffix(" (continued)") + " (continued)"
        self.new_slide(title)

    def room(self) -> float:
        return self.bottom - self.y

    def start_block(self, heading: str, needed: float) -> None:
        """A block with a heading starts its own slide; others go on if they fit."""
        if heading:
            self.new_slide(heading)
        elif self.slide is None:
            self.new_slide(self.section.title if self.section else self.briefing.title)
        elif self.slide_has_content and needed > self.room():
            self.continue_slide()

    # --- blocks -------------------------------------------------------------------------------

    def tiles(self, block: Tiles) -> None:
        per_row = max(1, block.per_row)
        gap = 0.25
        width = (BODY_W - gap * (per_row - 1)) / per_row
        inner = width - 0.4
        rows = [block.tiles[i : i + per_row] for i in range(0, len(block.tiles), per_row)]
        heights = [
            max(text_height(t.label, inner, BODY_PT) for t in row) + VALUE_PT * LINE / 72 + 0.25
            for row in rows
        ]
        self.start_block(block.heading, sum(heights) + gap * len(rows))
        for row, height in zip(rows, heights, strict=True):
            if self.slide_has_content and height > self.room():
                self.continue_slide()
            for i, tile in enumerate(row):
                left = MARGIN + i * (width + gap)
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
                label = frame.paragraphs[0]
                label.alignment = PP_ALIGN.LEFT
                style_run(add_run(label, tile.label), BODY_PT)
                value = frame.add_paragraph()
                value.alignment = PP_ALIGN.LEFT
                style_run(add_run(value, tile.value), VALUE_PT, bold=True, colour=palette.DARK_BLUE)
            self.y += height + gap
            self.slide_has_content = True

    def paragraphs(self, block: Paragraphs) -> None:
        terms = list(block.terms) + [""] * (len(block.texts) - len(block.terms))
        items = list(zip(terms, block.texts, strict=True))
        space = 0.1
        heights = [text_height(joined(t, x), BODY_W - 0.1, BODY_PT) + space for t, x in items]
        self.start_block(block.heading, heights[0] if heights else 0)
        i = 0
        while i < len(items):
            # As many paragraphs as fit on this slide, in one text box.
            if self.slide_has_content and heights[i] > self.room():
                self.continue_slide()
            take, used = 0, 0.0
            while i + take < len(items) and used + heights[i + take] <= max(
                self.room(), heights[i]
            ):
                used += heights[i + take]
                take += 1
            _box, frame = textbox(self.slide, MARGIN, self.y, BODY_W, used)
            for n, (term, text) in enumerate(items[i : i + take]):
                para = add_paragraph(frame, n == 0)
                para.space_after = Pt(space * 72)
                if term:
                    style_run(add_run(para, f"{term}: "), BODY_PT, bold=True)
                style_run(add_run(para, text), BODY_PT)
            self.y += used + 0.1
            self.slide_has_content = True
            i += take

    def chart(self, block: BarChart) -> None:
        notes = "\n".join(block.notes)
        notes_h = text_height(notes, BODY_W - 0.1, BODY_PT) + 0.1 if notes else 0.0
        self.start_block(block.heading, self.room())
        if self.slide_has_content:
            self.continue_slide()
        height = self.room() - notes_h
        data = CategoryChartData(number_format=block.number_format)
        data.categories = list(block.categories)
        data.add_series(block.value_title, list(block.values))
        frame = self.slide.shapes.add_chart(
            XL_CHART_TYPE.BAR_CLUSTERED,
            Inches(MARGIN),
            Inches(self.y),
            Inches(BODY_W),
            Inches(height),
            data,
        )
        # Alt text for screen readers: the graphic frame's descr (and a short title).
        c_nv_pr = frame._element.nvGraphicFramePr.cNvPr
        c_nv_pr.set("descr", block.alt)
        c_nv_pr.set("title", block.heading or block.value_title)
        chart = frame.chart
        chart.has_legend = False
        chart.has_title = False
        chart.font.size = Pt(CHART_PT)
        chart.font.name = FONT
        chart.font.color.rgb = _rgb(palette.TEXT)
        plot = chart.plots[0]
        plot.gap_width = 50
        plot.vary_by_categories = False
        series = plot.series[0]
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(block.colours[0])
        series.invert_if_negative = False
        for i, colour in enumerate(block.colours):
            if colour != block.colours[0]:
                point = series.points[i]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = _rgb(colour)
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = block.number_format
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        labels.show_value = True
        labels.font.size = Pt(CHART_PT)
        labels.font.bold = True
        labels.font.color.rgb = _rgb(palette.TEXT)
        no_wrap(labels._element.find(qn("c:txPr")))
        category = chart.category_axis
        category.reverse_order = True  # the first category (the largest) at the top
        category.tick_labels.font.size = Pt(CHART_PT)
        category.format.line.color.rgb = _rgb(palette.AXIS_TEXT)
        category.has_major_gridlines = False
        label_every_category(category._element)
        value = chart.value_axis
        value.has_major_gridlines = False
        value.minimum_scale = 0
        top = max((v for v in block.values if v is not None), default=0.0)
        value.maximum_scale = nice_max(top * 1.3) if top > 0 else 1
        value.visible = False  # every bar carries its value; no axis numbers to read across
        value.tick_labels.font.size = Pt(CHART_PT)
        self.y += height
        self.slide_has_content = True
        if notes:
            _box, text = textbox(self.slide, MARGIN, self.y + 0.05, BODY_W, notes_h)
            for n, note in enumerate(block.notes):
                style_run(add_run(add_paragraph(text, n == 0), note), BODY_PT)
            self.y += notes_h + 0.1

    def table(self, block: Table) -> None:
        """Rows as fit on each slide, the header repeated; 20 pt unless 18 pt saves a slide.

        The notes stay with the last rows: if they do not fit under them, the last rows move to
        the next slide with the notes (never a slide of notes alone).
        """
        total_w = sum(block.widths)
        widths = [BODY_W * w / total_w for w in block.widths]
        notes = "\n".join(block.notes)
        notes_h = text_height(notes, BODY_W - 0.1, BODY_PT) + 0.15 if notes else 0.0
        fresh = bool(block.heading) or self.slide is None
        continued = self.slide_title.removesuffix(" (continued)") + " (continued)"
        full_room = self.fresh_room(
            continued if not block.heading else block.heading + " (continued)"
        )
        first_room = self.fresh_room(block.heading) if block.heading else self.room()
        if self.slide is not None and not self.slide_has_content:
            fresh = True
        plans = {}
        for pt in (TABLE_PT, MIN_TABLE_PT):
            header_h, heights = row_heights(block, widths, pt)
            plans[pt] = (
                header_h,
                heights,
                plan(heights, header_h, notes_h, first_room, full_room, fresh),
            )
        pt = TABLE_PT
        fewer_slides = len(plans[MIN_TABLE_PT][2][1]) < len(plans[TABLE_PT][2][1])
        if fewer_slides or not words_fit(block, widths, TABLE_PT):
            pt = MIN_TABLE_PT
        header_h, heights, (new_first, chunks, notes_alone) = plans[pt]
        if block.heading:
            self.new_slide(block.heading)
        elif self.slide is None:
            self.new_slide(self.section.title if self.section else self.briefing.title)
        elif new_first:
            self.continue_slide()
        start = 0
        for n, take in enumerate(chunks):
            if n > 0:
                self.continue_slide()
            self._table_shape(block, start, take, widths, header_h, heights, pt)
            self.y += sum(heights[start : start + take]) + header_h + 0.15
            self.slide_has_content = True
            start += take
        if notes:
            if notes_alone:
                self.continue_slide()
            _box, text = textbox(self.slide, MARGIN, self.y, BODY_W, notes_h)
            for n, note in enumerate(block.notes):
                style_run(add_run(add_paragraph(text, n == 0), note), BODY_PT)
            self.y += notes_h + 0.1

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
        c_nv_pr.set("descr", f"Table: {', '.join(block.columns)}")
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
                cell.margin_left = cell.margin_right = Inches(CELL_MARGIN)
                cell.margin_top = cell.margin_bottom = Inches(CELL_MARGIN)
                cell.vertical_anchor = MSO_ANCHOR.TOP if not header else MSO_ANCHOR.BOTTOM
                frame = cell.text_frame
                frame.word_wrap = True
                para = frame.paragraphs[0]
                para.alignment = PP_ALIGN.RIGHT if block.numeric[c] else PP_ALIGN.LEFT
                colour = "#FFFFFF" if header else palette.TEXT
                style_run(add_run(para, text), pt, bold=header or total, colour=colour)
