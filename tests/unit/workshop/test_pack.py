"""The workshop's section of the briefing pack: figures from the tally, no school named, comments
only on request; it renders in both packs."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime

from pypdf import PdfReader

from redesign.buyback.model import BuybackModel
from redesign.core.formatting import fte
from redesign.exports.pack.model import PROPOSALS, SUBTITLE, TITLE, Briefing, Table, Tiles
from redesign.exports.pack.workshop import workshop_sections
from redesign.exports.pdf import render_pdf
from redesign.exports.slides import render_pptx
from redesign.workshop import Answer, Participant, Workshop, tally

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
SHOP = Workshop(
    "abcdefghijkl",
    "Heads' briefing",
    "ABCDEFGH",
    30,
    ("autism_teaching", "autism_hlta", "behaviour_and_other"),
    False,
    True,
    NOW,
    NOW,
    None,
    None,
    7,
    None,
)
PEOPLE = [
    Participant(
        "p1",
        Answer("Oak Primary", "primary", 3, {"autism_teaching": 100.0}, comment="Ms Q's class"),
        NOW,
        NOW,
    ),
    Participant("p2", Answer("", "special", 1, {"autism_hlta": 32.0}), NOW, NOW),
]


def _sections(model: BuybackModel, **kw):
    result = tally(model, SHOP.offers, [p.answer for p in PEOPLE], SHOP.schools_in_city)
    return result, workshop_sections(SHOP, result, PEOPLE, **kw)


def test_the_section_carries_the_tally(model: BuybackModel):
    result, sections = _sections(model)
    assert [s.key for s in sections] == ["workshop", "workshop_answers"]
    main = sections[0]
    tiles = next(b for b in main.blocks if isinstance(b, Tiles))
    values = {t.label: t.value for t in tiles.tiles}
    assert values["Schools answered"] == "2"
    assert values["FTE kept, the room alone"] == fte(result.room.retained_fte) == "0.82"
    table = next(b for b in main.blocks if isinstance(b, Table))
    first = dict(zip(table.columns, table.rows[0], strict=True))
    assert first["Price a day"] == "£359 a day" and first["Days: room"] == "100 days"
    text = repr(sections)
    assert "Oak Primary" not in text and "Ms Q" not in text


def test_comments_only_on_request_and_both_packs_render(model: BuybackModel):
    _result, sections = _sections(model, include_comments=True)
    assert sections[-1].key == "workshop_comments" and "Ms Q's class" in repr(sections[-1])
    briefing = Briefing(TITLE, SUBTITLE, date(2026, 11, 24), PROPOSALS, "", "", tuple(sections))
    pdf = PdfReader(io.BytesIO(render_pdf(briefing)))
    words = " ".join(page.extract_text() for page in pdf.pages)
    assert "Heads' briefing" in words or "Heads’ briefing" in words
    assert len(render_pptx(replace(briefing))) > 10_000
