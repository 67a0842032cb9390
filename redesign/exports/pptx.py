"""The briefing pack as a 16:9 PowerPoint deck (python-pptx), laid out from ``redesign.exports.pack_content``.

Projector rules (house conventions for exports): text 24 pt or larger everywhere except inside
tables, which keep to ``TABLE_PT`` (never below 18 pt) and continue on a further slide rather than
shrink. Charts are native PowerPoint charts (editable, their numbers in the embedded sheet) with value
labels written "£0.90m" and alt text on the graphic frame. Every slide has a real title (screen
readers and the outline use it) and ends with its "Source: ..." line and "Proposals, not decisions".

Text is measured with a conservative average character width, so a slide's content is split before
it can overflow; nothing is shrunk to fit."""

from __future__ import annotations

import io

from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

from redesign.core import palette
from redesign.exports.pack import BarChart, Block, Briefing, Paragraphs, Table, Tiles
from redesign.exports.pptx_deck import Deck
from redesign.exports.pptx_text import (
    BODY_PT,
    BODY_W,
    MARGIN,
    TITLE_LAYOUT,
    add_paragraph,
    add_run,
    style_run,
    text_height,
    textbox,
)


def _title_slide(deck: Deck) -> None:
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
    style_run(add_run(para, b.title), 36, bold=True, colour=palette.DARK_BLUE)
    lines: list[tuple[str, float, bool, str]] = [
        (b.subtitle, 28, False, palette.TEXT),
        (f"Generated {b.date_text}", BODY_PT, False, palette.TEXT),
        (b.proposals, 28, True, palette.DARK_BLUE),
    ]
    if b.scenario_label:
        lines.append((f"Buy-back scenario: {b.scenario_label}", BODY_PT, False, palette.TEXT))
    height = sum(text_height(t, BODY_W, pt) + 0.12 for t, pt, _, _ in lines)
    link_h = text_height(f"Scenario link: {b.scenario_link}", BODY_W, BODY_PT, 0.62)
    _box, text = textbox(slide, MARGIN, 2.7, BODY_W, height + (link_h if b.scenario_link else 0))
    for n, (words, pt, bold, colour) in enumerate(lines):
        p = add_paragraph(text, n == 0)
        p.space_after = Pt(8)
        style_run(add_run(p, words), pt, bold=bold, colour=colour)
    if b.scenario_link:
        p = text.add_paragraph()
        style_run(add_run(p, "Scenario link: "), BODY_PT, bold=True)
        run = add_run(p, b.scenario_link)
        style_run(run, BODY_PT, colour=palette.DARK_BLUE)
        if b.scenario_link.startswith(("https://", "http://")):
            run.hyperlink.address = b.scenario_link


def render_pptx(briefing: Briefing) -> bytes:
    deck = Deck(briefing)
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


def _render_block(deck: Deck, block: Block) -> None:
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
