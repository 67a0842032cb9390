"""The briefing pack as a 16:9 PowerPoint deck (python-pptx), laid out from ``briefing_content``.

Projector rules (../shared/CONVENTIONS.md, exports): text 24 pt or larger everywhere except inside
tables, which keep to ``TABLE_PT`` (never below 18 pt) and continue on a further slide rather than
shrink. Charts are native PowerPoint charts (editable, their numbers in the embedded sheet) with value
labels written "£0.90m" and alt text on the graphic frame. Every slide has a real title (screen
readers and the outline use it) and ends with its "Source: ..." line and "Proposals, not decisions".

Text is measured with a conservative average character width, so a slide's content is split before
it can overflow; nothing is shrunk to fit.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from redesign import palette
from redesign.briefing_content import BarChart, Block, Briefing, Paragraphs, Section, Table, Tiles

SLIDE_W = 13.333  # inches (16:9)
SLIDE_H = 7.5
MARGIN = 0.5
TITLE_TOP = 0.25
GAP_AFTER_TITLE = 0.2
TITLE_PT = 32
BODY_PT = 24  # the smallest size outside tables
VALUE_PT = 36
TABLE_PT = 20  # tables: smaller, never below MIN_TABLE_PT
MIN_TABLE_PT = 18
CHART_PT = 24
FONT = "Arial"
LINE = 1.2  # line height as a multiple of the font size
# Average character width as a share of the font size. Arial (Liberation Sans where LibreOffice
# renders) averages 0.44 to 0.48 on this text, 0.48 to 0.52 bold; the margin makes the estimate err
# towards more lines, so text never overflows its box.
CHAR_EM = 0.5
BOLD_EM = 0.54
CELL_MARGIN = 0.06  # inches, each side of a table cell
TITLE_LAYOUT = 5  # "Title Only" in the default template
NO_STYLE_TABLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"  # "No Style, No Grid"
BODY_W = SLIDE_W - 2 * MARGIN
BOTTOM = SLIDE_H - 0.25


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def wrap_lines(text: str, width_in: float, pt: float, em: float = CHAR_EM) -> int:
    """How many lines ``text`` takes in a box ``width_in`` wide (word wrap, estimated)."""
    per_line = max(1, int(width_in * 72 / (pt * em)))
    lines = 0
    for raw in text.split("\n") or [""]:
        current = 0
        lines += 1
        for word in raw.split():
            size = len(word)
            if current == 0:
                current = size
                while current > per_line:  # a word longer than the line breaks
                    lines += 1
                    current -= per_line
            elif current + 1 + size <= per_line:
                current += 1 + size
            else:
                lines += 1
                current = size
    return lines


def text_height(text: str, width_in: float, pt: float, em: float = CHAR_EM) -> float:
    return wrap_lines(text, width_in, pt, em) * pt * LINE / 72


def _style_run(run, pt: float, *, bold: bool = False, colour: str = palette.TEXT) -> None:
    font = run.font
    font.size = Pt(pt)
    font.bold = bold
    font.name = FONT
    font.color.rgb = _rgb(colour)
    font.language_id = MSO_LANGUAGE_ID.ENGLISH_UK


def _add_paragraph(frame, first: bool):
    return frame.paragraphs[0] if first else frame.add_paragraph()


def _textbox(slide, left: float, top: float, width: float, height: float):
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Inches(0.05))
    return box, frame


class _Deck:
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
        self.slide = None
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
        _style_run(run, TITLE_PT, bold=True, colour=palette.DARK_BLUE)
        self.slide = slide
        self.slide_title = title
        self.y = body_top
        _box, frame = _textbox(slide, MARGIN, BOTTOM - footer_h, BODY_W, footer_h)
        frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        _style_run(
            _run(frame.paragraphs[0], self._footer_text(self.section)),
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
                _style_run(_run(label, tile.label), BODY_PT)
                value = frame.add_paragraph()
                value.alignment = PP_ALIGN.LEFT
                _style_run(_run(value, tile.value), VALUE_PT, bold=True, colour=palette.DARK_BLUE)
            self.y += height + gap
            self.slide_has_content = True

    def paragraphs(self, block: Paragraphs) -> None:
        terms = list(block.terms) + [""] * (len(block.texts) - len(block.terms))
        items = list(zip(terms, block.texts, strict=True))
        space = 0.1
        heights = [text_height(_joined(t, x), BODY_W - 0.1, BODY_PT) + space for t, x in items]
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
            _box, frame = _textbox(self.slide, MARGIN, self.y, BODY_W, used)
            for n, (term, text) in enumerate(items[i : i + take]):
                para = _add_paragraph(frame, n == 0)
                para.space_after = Pt(space * 72)
                if term:
                    _style_run(_run(para, f"{term}: "), BODY_PT, bold=True)
                _style_run(_run(para, text), BODY_PT)
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
        _no_wrap(labels._element.find(qn("c:txPr")))
        category = chart.category_axis
        category.reverse_order = True  # the first category (the largest) at the top
        category.tick_labels.font.size = Pt(CHART_PT)
        category.format.line.color.rgb = _rgb(palette.AXIS_TEXT)
        category.has_major_gridlines = False
        _label_every_category(category._element)
        value = chart.value_axis
        value.has_major_gridlines = False
        value.minimum_scale = 0
        top = max((v for v in block.values if v is not None), default=0.0)
        value.maximum_scale = _nice_max(top * 1.3) if top > 0 else 1
        value.visible = False  # every bar carries its value; no axis numbers to read across
        value.tick_labels.font.size = Pt(CHART_PT)
        self.y += height
        self.slide_has_content = True
        if notes:
            _box, text = _textbox(self.slide, MARGIN, self.y + 0.05, BODY_W, notes_h)
            for n, note in enumerate(block.notes):
                _style_run(_run(_add_paragraph(text, n == 0), note), BODY_PT)
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
        fresh = block.heading or self.slide is None
        continued = self.slide_title.removesuffix(" (continued)") + " (continued)"
        full_room = self.fresh_room(
            continued if not block.heading else block.heading + " (continued)"
        )
        first_room = self.fresh_room(block.heading) if block.heading else self.room()
        if self.slide is not None and not self.slide_has_content:
            fresh = True
        plans = {}
        for pt in (TABLE_PT, MIN_TABLE_PT):
            header_h, heights = _row_heights(block, widths, pt)
            plans[pt] = (
                header_h,
                heights,
                _plan(heights, header_h, notes_h, first_room, full_room, fresh),
            )
        pt = TABLE_PT
        fewer_slides = len(plans[MIN_TABLE_PT][2][1]) < len(plans[TABLE_PT][2][1])
        if fewer_slides or not _words_fit(block, widths, TABLE_PT):
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
            _box, text = _textbox(self.slide, MARGIN, self.y, BODY_W, notes_h)
            for n, note in enumerate(block.notes):
                _style_run(_run(_add_paragraph(text, n == 0), note), BODY_PT)
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
                _cell_border(cell, palette.DARK_BLUE if header or total else palette.GRIDLINE)
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
                _style_run(_run(para, text), pt, bold=header or total, colour=colour)


def _row_heights(block: Table, widths: list[float], pt: float) -> tuple[float, list[float]]:
    """Estimated heights (inches) of the header row and of each row at ``pt`` points."""

    def height(cells: Sequence[str], bold: bool) -> float:
        em = BOLD_EM if bold else CHAR_EM
        lines = max(
            wrap_lines(c, w - 2 * CELL_MARGIN, pt, em) for c, w in zip(cells, widths, strict=True)
        )
        return lines * pt * LINE / 72 + 2 * CELL_MARGIN

    first_total = len(block.rows) - block.total_rows
    return height(block.columns, True), [
        height(r, i >= first_total) for i, r in enumerate(block.rows)
    ]


def _words_fit(block: Table, widths: list[float], pt: float) -> bool:
    """Whether every word fits its column on one line (else a renderer breaks it mid-word)."""
    for cells, em in ((block.columns, BOLD_EM), *((r, BOLD_EM) for r in block.rows)):
        for text, width in zip(cells, widths, strict=True):
            room = (width - 2 * CELL_MARGIN) * 72 / (pt * em)
            if any(len(word) > room for word in text.split()):
                return False
    return True


def _plan(
    heights: list[float],
    header_h: float,
    notes_h: float,
    first_room: float,
    full_room: float,
    fresh: bool,
) -> tuple[bool, list[int], bool]:
    """How a table splits: (start on a new slide?, rows per slide, notes on a slide of their own?).

    ``first_room`` is the height left on the current slide (``fresh``: nothing on it yet),
    ``full_room`` that of a continuation slide."""
    new_first = False
    room = first_room
    if not fresh and heights and header_h + heights[0] > first_room:
        new_first, room = True, full_room
    chunks: list[int] = []
    i, used = 0, header_h
    while i < len(heights):
        take, used = 0, header_h
        while i + take < len(heights) and used + heights[i + take] <= room:
            used += heights[i + take]
            take += 1
        take = max(take, 1)
        chunks.append(take)
        i += take
        if i < len(heights):
            room = full_room
    notes_alone = False
    if notes_h and chunks and used + 0.15 + notes_h > room:
        # Carry the last rows over with the notes, if the notes and at least one row fit.
        carry = 0
        while carry < chunks[-1] - 1:
            moved = heights[i - carry - 1 : i]
            if header_h + sum(moved) + 0.15 + notes_h > full_room:
                break
            carry += 1
            if carry == 2:
                break
        if carry:
            chunks[-1] -= carry
            chunks.append(carry)
        else:
            notes_alone = True
    return new_first, chunks, notes_alone


def _run(paragraph, text: str):
    run = paragraph.add_run()
    run.text = text
    return run


def _joined(term: str, text: str) -> str:
    return f"{term}: {text}" if term else text


def _cell_border(cell, colour: str) -> None:
    """A thin bottom border (the rest of the grid left out, as in GOV.UK tables)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for tag in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        line = etree.SubElement(tc_pr, qn(tag), w=str(Pt(1.25) if tag == "a:lnB" else 0))
        if tag == "a:lnB":
            fill = etree.SubElement(line, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr"), val=colour.lstrip("#").upper())
        else:
            etree.SubElement(line, qn("a:noFill"))


def _no_wrap(tx_pr) -> None:
    """Value labels on one line ("£0.90m", never "£0.90" over "m")."""
    body = tx_pr.find(qn("a:bodyPr")) if tx_pr is not None else None
    if body is not None:
        body.set("wrap", "none")


def _label_every_category(cat_ax) -> None:
    """Name every bar: without tickLblSkip=1 a renderer may skip every other category label."""
    for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
        old = cat_ax.find(qn(tag))
        if old is not None:
            cat_ax.remove(old)
    skip = etree.Element(qn("c:tickLblSkip"), val="1")
    anchor = cat_ax.find(qn("c:noMultiLvlLbl"))
    if anchor is not None:
        anchor.addprevious(skip)
    else:
        cat_ax.append(skip)


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (leaves room for labels outside the bars)."""
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value))
    return math.ceil(value / (step / 2)) * (step / 2)


def _title_slide(deck: _Deck) -> None:
    b = deck.briefing
    deck.section = None
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[TITLE_LAYOUT])
    shape = slide.shapes.title
    shape.left, shape.top = Inches(MARGIN), Inches(1.0)
    shape.width, shape.height = Inches(BODY_W), Inches(1.5)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    _style_run(_run(para, b.title), 36, bold=True, colour=palette.DARK_BLUE)
    lines: list[tuple[str, float, bool, str]] = [
        (b.subtitle, 28, False, palette.TEXT),
        (f"Generated {b.date_text}", BODY_PT, False, palette.TEXT),
        (b.proposals, 28, True, palette.DARK_BLUE),
    ]
    if b.scenario_label:
        lines.append((f"Buy-back scenario: {b.scenario_label}", BODY_PT, False, palette.TEXT))
    height = sum(text_height(t, BODY_W, pt) + 0.12 for t, pt, _, _ in lines)
    link_h = text_height(f"Scenario link: {b.scenario_link}", BODY_W, BODY_PT, 0.62)
    _box, text = _textbox(slide, MARGIN, 2.7, BODY_W, height + (link_h if b.scenario_link else 0))
    for n, (words, pt, bold, colour) in enumerate(lines):
        p = _add_paragraph(text, n == 0)
        p.space_after = Pt(8)
        _style_run(_run(p, words), pt, bold=bold, colour=colour)
    if b.scenario_link:
        p = text.add_paragraph()
        _style_run(_run(p, "Scenario link: "), BODY_PT, bold=True)
        run = _run(p, b.scenario_link)
        _style_run(run, BODY_PT, colour=palette.DARK_BLUE)
        if b.scenario_link.startswith(("https://", "http://")):
            run.hyperlink.address = b.scenario_link


def render_pptx(briefing: Briefing) -> bytes:
    deck = _Deck(briefing)
    _title_slide(deck)
    for section in briefing.sections:
        deck.section = section
        deck.slide = None
        first = True
        for block in section.blocks:
            if first and not block.heading:
                deck.new_slide(section.title)
            first = False
            _render_block(deck, block)
    out = io.BytesIO()
    deck.prs.save(out)
    return out.getvalue()


def _render_block(deck: _Deck, block: Block) -> None:
    if isinstance(block, Tiles):
        deck.tiles(block)
    elif isinstance(block, Paragraphs):
        deck.paragraphs(block)
    elif isinstance(block, BarChart):
        deck.chart(block)
    elif isinstance(block, Table):
        deck.table(block)
    else:  # pragma: no cover - a new block type needs a renderer
        raise TypeError(f"no PowerPoint layout for {type(block).__name__}")
