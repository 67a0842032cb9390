"""PowerPoint text measures and styling: slide geometry, font sizes, line counts and table plans."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from redesign.core import palette
from redesign.exports.pack.columns import share_out
from redesign.exports.pack.model import Table

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
CELL_MARGIN = 0.04  # inches, above and below a table cell's text
WORD_EM = 0.64  # a bold word's width as a share of the font size, erring wide
CELL_SIDE = 0.08  # inches, each side: a number and the text in the next column stay apart
TITLE_LAYOUT = 5  # "Title Only" in the default template
NO_STYLE_TABLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"  # "No Style, No Grid"
BODY_W = SLIDE_W - 2 * MARGIN
BOTTOM = SLIDE_H - 0.25
EXTRA_SLIDES = 2  # at most this many more slides to keep every slide's rows at ``minimum``


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


def style_run(run, pt: float, *, bold: bool = False, colour: str = palette.TEXT) -> None:
    font = run.font
    font.size = Pt(pt)
    font.bold = bold
    font.name = FONT
    font.color.rgb = _rgb(colour)
    font.language_id = MSO_LANGUAGE_ID.ENGLISH_UK


def add_paragraph(frame, first: bool):
    return frame.paragraphs[0] if first else frame.add_paragraph()


def textbox(slide, left: float, top: float, width: float, height: float):
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Inches(0.05))
    return box, frame


def row_heights(block: Table, widths: list[float], pt: float) -> tuple[float, list[float]]:
    """Estimated heights (inches) of the header row and of each row at ``pt`` points."""

    def height(cells: Sequence[str], bold: bool) -> float:
        em = BOLD_EM if bold else CHAR_EM
        lines = max(
            wrap_lines(c, w - 2 * CELL_SIDE, pt, em) for c, w in zip(cells, widths, strict=True)
        )
        return lines * pt * LINE / 72 + 2 * CELL_MARGIN

    first_total = len(block.rows) - block.total_rows
    return height(block.columns, True), [
        height(r, i >= first_total) for i, r in enumerate(block.rows)
    ]


def words_fit(block: Table, widths: list[float], pt: float) -> bool:
    """Whether every word fits its column on one line (else a renderer breaks it mid-word)."""
    for cells, em in ((block.columns, BOLD_EM), *((r, BOLD_EM) for r in block.rows)):
        for text, width in zip(cells, widths, strict=True):
            room = (width - 2 * CELL_SIDE) * 72 / (pt * em)
            if any(len(word) > room for word in text.split()):
                return False
    return True


def add_run(paragraph, text: str):
    run = paragraph.add_run()
    run.text = text
    return run


def joined(term: str, text: str) -> str:
    return f"{term}: {text}" if term else text


def cell_border(cell, colour: str) -> None:
    """A thin bottom border (the rest of the grid left out, as in GOV.UK tables)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for tag in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        line = etree.SubElement(tc_pr, qn(tag), w=str(Pt(1.25) if tag == "a:lnB" else 0))
        if tag == "a:lnB":
            fill = etree.SubElement(line, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr"), val=colour.lstrip("#").upper())
        else:
            etree.SubElement(line, qn("a:noFill"))


def no_wrap(tx_pr) -> None:
    """Value labels on one line ("£0.90m", never "£0.90" over "m")."""
    body = tx_pr.find(qn("a:bodyPr")) if tx_pr is not None else None
    if body is not None:
        body.set("wrap", "none")


def label_every_category(cat_ax) -> None:
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


def nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (leaves room for labels outside the bars)."""
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value))
    return math.ceil(value / (step / 2)) * (step / 2)


def balanced_chunks(
    heights: Sequence[float],
    first_room: float,
    full_room: float,
    tail: float = 0.0,
    minimum: int = 3,
    shared_first: bool = False,
) -> list[int]:
    """How many items (rows, paragraphs) go on each slide: the fewest slides that hold them, split
    so that the slide with the fewest items has as many as it can (then the lightest is as full as
    it can be): a further slide never holds a lone row or sentence where that can be helped. Every
    slide's items fit its room, and ``tail`` (a table's notes) fits after the last items.

    ``first_room`` is the room on the current slide, ``full_room`` a new one's. When not even the
    first item fits ``first_room`` the split is made for new slides only: the caller starts one
    (``starts_anew`` says so). A slide or two more is taken when that is what it costs for every
    slide to hold at least ``minimum`` items (or all of them). ``shared_first``: the first items
    go below something already on the current slide, so they may be fewer."""
    n = len(heights)
    if n == 0:
        return []
    prefix = [0.0]
    for h in heights:
        # An item taller than a slide goes on one of its own (and runs over): the rest are
        # still spread evenly.
        prefix.append(prefix[-1] + min(h, full_room))

    def fits(i: int, j: int, chunk: int, last: bool, first: float, tail: float) -> bool:
        room = first if chunk == 0 else full_room
        return prefix[j] - prefix[i] + (tail if last else 0.0) <= room + 1e-9

    want = min(minimum, n)
    for spare_tail in (tail, 0.0):  # notes too long to go with any rows go on after them
        for first in (first_room, full_room):
            found: list[int] = []

            def fit(
                i: int, j: int, c: int, last: bool, f: float = first, t: float = spare_tail
            ) -> bool:
                return fits(i, j, c, last, f, t)

            for k in range(1, n + 1):
                sizes = _best_split(n, k, prefix, fit, shared_first and first == first_room, want)
                if not sizes:
                    if found and k > len(found) + EXTRA_SLIDES:
                        break
                    continue
                if min(sizes) >= want:
                    return sizes
                found = found or sizes
                if k >= len(found) + EXTRA_SLIDES:
                    break
            if found:
                return found
    return [1] * n


def starts_anew(heights: Sequence[float], sizes: Sequence[int], first_room: float) -> bool:
    """Whether a split from ``balanced_chunks`` needs a new slide before its first items."""
    return bool(sizes) and sum(heights[: sizes[0]]) > first_room + 1e-9


def _best_split(
    n: int,
    k: int,
    prefix: list[float],
    fits: Callable[[int, int, int, bool], bool],
    shared_first: bool = False,
    minimum: int = 3,
) -> list[int]:
    """Items split into ``k`` runs that fit, best first by: the fewest items on any slide, then
    on any "continued" slide, then the least height of those; [] when none fits. Dynamic
    programming over where each run ends (each score the least of its runs')."""
    Score = tuple[int, int, float]
    best: list[list[Score | None]] = [[None] * (n + 1) for _ in range(k + 1)]
    cut = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = (n + 1, n + 1, float("inf"))
    for c in range(1, k + 1):
        for j in range(c, n + 1):
            for i in range(c - 1, j):
                prev = best[c - 1][i]
                if prev is None or not fits(i, j, c - 1, c == k and j == n):
                    continue
                count, height = j - i, prefix[j] - prefix[i]
                # The first run may share its slide with what came before: there its size
                # matters only when short of the minimum (a lone row at a slide's foot is as
                # bad as one at the top of the next); the other runs are "continued" slides.
                first = c == 1 and shared_first and k > 1
                run: Score = (
                    count if not first or count < minimum else n + 1,
                    count if c > 1 else n + 1,
                    height if not first else float("inf"),
                )
                score = (min(prev[0], run[0]), min(prev[1], run[1]), min(prev[2], run[2]))
                current = best[c][j]
                if current is None or score > current:
                    best[c][j], cut[c][j] = score, i
    if best[k][n] is None:
        return []
    sizes, j = [], n
    for c in range(k, 0, -1):
        i = cut[c][j]
        sizes.append(j - i)
        j = i
    return sizes[::-1]


def least_widths(block: Table, pt: float) -> list[float]:
    """Each column's least width (inches) at ``pt``: its longest word, with the cell's sides."""
    side = 2 * CELL_SIDE + 0.02
    out = []
    for c, header in enumerate(block.columns):
        words = header.split() + [w for row in block.rows for w in row[c].split()]
        out.append(max((len(w) * pt * WORD_EM / 72 for w in words), default=0.0) + side)
    return out


def column_parts(block: Table, pt: float, width: float = BODY_W) -> list[list[int]]:
    """The table's columns in parts that each fit the slide at ``pt`` without breaking a word,
    the first column (what each row is) in every part: one part when they all fit."""
    least = least_widths(block, pt)
    if sum(least) <= width or len(least) < 3:
        return [list(range(len(least)))]
    parts: list[list[int]] = []
    current, used = [0], least[0]
    for c in range(1, len(least)):
        if used + least[c] > width and len(current) > 1:
            parts.append(current)
            current, used = [0], least[0]
        current.append(c)
        used += least[c]
    parts.append(current)
    return parts


def table_part(block: Table, columns: list[int], last: bool) -> Table:
    """The table with only ``columns`` (its notes with the last part only)."""
    return Table(
        tuple(block.columns[c] for c in columns),
        tuple(tuple(row[c] for c in columns) for row in block.rows),
        tuple(block.numeric[c] for c in columns),
        tuple(block.widths[c] for c in columns),
        total_rows=block.total_rows,
        notes=block.notes if last else (),
        heading=block.heading,
    )


def column_widths(block: Table, pt: float, width: float = BODY_W) -> list[float]:
    """Each column's width (inches): at least its longest word at ``pt`` (estimated), so no word
    is broken where the slide allows; the room left goes to each column in proportion to what it
    lacks for its longest cell to fit on one line, then by the table's relative widths."""
    side = 2 * CELL_SIDE + 0.02

    def inches(text: str, bold: bool) -> float:
        # A single word can be much wider than the average the line estimates use ("Occupancy"
        # in bold): WORD_EM errs wide.
        return len(text) * pt * (WORD_EM if bold else CHAR_EM) / 72

    least, natural = [], []
    for c, header in enumerate(block.columns):
        cells = [row[c] for row in block.rows]
        words = [inches(w, True) for w in header.split()] + [
            inches(w, True) for cell in cells for w in cell.split()
        ]
        least.append(max(words, default=0.0) + side)
        # A long text (a derivation) asks for at most a third of the slide, so it cannot take
        # the room the short columns need to stay on one line.
        longest = max([inches(cell, True) + side for cell in cells], default=0.0)
        natural.append(max(min(longest, width / 3), least[-1]))
    spare = width - sum(least)
    if spare <= 0:
        # Too many columns for the slide: each keeps the same share of its longest word (the
        # estimate errs wide, so most words still fit).
        return [w * width / sum(least) for w in least]
    return share_out(least, natural, spare, block.widths, tolerance=0.005)
