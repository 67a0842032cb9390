"""The briefing pack as a 16:9 PowerPoint deck (python-pptx), laid out from ``redesign.exports.pack``.

Projector rules (house conventions for exports): text 24 pt or larger everywhere except inside
tables, which keep to ``TABLE_PT`` (never below 18 pt) and go on over further slides, spread
evenly, rather than shrink. Charts are native PowerPoint charts with alt text, each on its own
slide with its data table after it. Every slide has a real title, a footer with its short source,
"Proposals, not decisions" and the scenario's short reference, and its sources in full in the
speaker notes. Text is measured with a conservative average character width, so a slide's content
is split before it can overflow; nothing is shrunk to fit."""

from __future__ import annotations

import io

from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

from redesign.core import palette
from redesign.exports.pack.model import CHARTS, Block, Briefing, Paragraphs, Section, Table, Tiles
from redesign.exports.slides.charts import chart_slide
from redesign.exports.slides.deck import Deck
from redesign.exports.slides.text import (
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


def render_pptx(briefing: Briefing) -> bytes:
    deck = Deck(briefing)
    _title_slide(deck)
    for section in briefing.sections:
        deck.section = section
        deck.slide = None
        blocks = section.blocks
        for n, block in enumerate(blocks):
            following = blocks[n + 1] if n + 1 < len(blocks) else None
            if (
                isinstance(block, Paragraphs)
                and not block.heading
                and not block.terms
                and len(block.texts) <= 2
                and isinstance(following, (Table, *CHARTS))
            ):
                deck.intro = block  # drawn on the next block's slide, above it
                continue
            _render_block(deck, block, _slide_title(section, block, n))
    out = io.BytesIO()
    deck.prs.save(out)
    return out.getvalue()


def _slide_title(section: Section, block: Block, n: int) -> str:
    """A block's heading as its slide's title; the first block of a section is named with the
    section too, unless its heading already is ("Buy-back scenario: the scenario's figures")."""
    heading = block.heading
    if not heading:
        return ""
    if n == 0 and not heading.startswith(section.title):
        return f"{section.title}: {heading[:1].lower()}{heading[1:]}"
    return heading


def _render_block(deck: Deck, block: Block, heading: str) -> None:
    if isinstance(block, Tiles):
        deck.tiles(block, heading)
    elif isinstance(block, Paragraphs):
        deck.paragraphs(block, heading)
    elif isinstance(block, CHARTS):
        chart_slide(deck, block, heading)
    elif isinstance(block, Table):
        deck.table(block, heading)
    else:  # pragma: no cover - a new block type needs a renderer
        raise TypeError(f"no PowerPoint layout for {type(block).__name__}")


def _title_slide(deck: Deck) -> None:
    b = deck.briefing
    deck.section = None
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[TITLE_LAYOUT])
    deck.slide = slide
    shape = slide.shapes.title
    shape.left, shape.top = Inches(MARGIN), Inches(0.5)
    shape.width, shape.height = Inches(BODY_W), Inches(1.3)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    style_run(add_run(para, b.title), 36, bold=True, colour=palette.DARK_BLUE)
    lines: list[tuple[str, float, bool, str]] = [
        (f"{b.subtitle}, generated {b.date_text}", 28, False, palette.TEXT),
        (b.proposals, 28, True, palette.DARK_BLUE),
    ]
    if b.scenario_label:
        lines.append((f"Buy-back scenario: {b.scenario_label}", BODY_PT, False, palette.TEXT))
        lines.append((b.footer_scenario, BODY_PT, False, palette.AXIS_TEXT))
    if b.scenario_link:
        lines.append((f"Link: {b.scenario_link}", BODY_PT, False, palette.DARK_BLUE))
    if b.compared:
        lines.append(("Compared: " + "; ".join(b.compared), BODY_PT, False, palette.TEXT))
    height = sum(
        text_height(t, BODY_W, pt, 0.62 if t.startswith("Link") else 0.5) + 0.12
        for t, pt, _, _ in lines
    )
    _box, text = textbox(slide, MARGIN, 2.0, BODY_W, height)
    for n, (words, pt, bold, colour) in enumerate(lines):
        p = add_paragraph(text, n == 0)
        p.space_after = Pt(8)
        run = add_run(p, words)
        style_run(run, pt, bold=bold, colour=colour)
        if words.startswith("Link: ") and b.scenario_link.startswith(("https://", "http://")):
            run.hyperlink.address = b.scenario_link
    deck.set_notes(
        "A briefing pack made by Redesign Explorer from the published figures: "
        + "; ".join(s.title for s in b.sections)
        + "."
    )
