"""The Government Analysis Function colours, fixed per funding stream and per proposals category.

The same stream or category has the same colour on every page and in every export. Colour never
carries meaning alone: charts also label bars with words and use patterns where series overlap.
"""

from __future__ import annotations

from collections.abc import Sequence

DARK_BLUE = "#12436D"
TURQUOISE = "#28A197"
DARK_PINK = "#801650"
ORANGE = "#F46A25"
DARK_GREY = "#3D3D3D"
LIGHT_PURPLE = "#A285D1"
# Ordered data (e.g. levels): dark, mid and light blue.
MID_BLUE = "#2073BC"
LIGHT_BLUE = "#6BACE6"

CATEGORICAL = (DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LIGHT_PURPLE)
TWO_SERIES = (DARK_BLUE, ORANGE)

GRIDLINE = "#D9D9D9"
AXIS_TEXT = "#595959"
TEXT = "#0B0C0C"
BACKGROUND = "#FFFFFF"

# One colour per funding stream (redesign.data.services.FUNDING_STREAMS), plus the part of a saving the
# report does not split by stream and other published gaps, which also get a pattern.
STREAM_COLOURS: dict[str, str] = {
    "dsg": DARK_BLUE,
    "esg": TURQUOISE,
    "core": DARK_PINK,
    "trading": ORANGE,
    "other": DARK_GREY,
    "unsplit": LIGHT_PURPLE,
    "gap": LIGHT_PURPLE,
}
GAP_COLOUR = LIGHT_PURPLE
GAP_PATTERN = "/"
# Totals (start and end of a waterfall, "now" levels): light blue with a dark outline.
TOTAL_COLOUR = LIGHT_BLUE
TOTAL_OUTLINE = DARK_BLUE
# A saving or reduction step that is not split by stream.
STEP_COLOUR = DARK_BLUE

# Staffing parts: colour and pattern, so they differ without colour too.
STAFFING_STYLE: dict[str, tuple[str, str]] = {
    "now": (LIGHT_BLUE, ""),
    "after": (DARK_BLUE, ""),
    "confirmed": (DARK_PINK, ""),
    "market_testing": (ORANGE, "x"),
    "potential": (LIGHT_PURPLE, "."),
    "vacancies": (DARK_GREY, "-"),
    "casual": (TURQUOISE, "/"),
}

# Text inside bars: white on blue, pink and grey; black on turquoise, orange, purple and light blue.
_WHITE_TEXT = {DARK_BLUE, MID_BLUE, DARK_PINK, DARK_GREY}


def text_colour_on(fill: str) -> str:
    return "#FFFFFF" if fill.upper() in {c.upper() for c in _WHITE_TEXT} else "#000000"


def stream_colour(stream: str) -> str:
    return STREAM_COLOURS.get(stream, DARK_GREY)


def category_colours(category_ids: Sequence[str]) -> dict[str, str]:
    """One colour per original-proposals category, in the order the report lists them."""
    return {cid: CATEGORICAL[i % len(CATEGORICAL)] for i, cid in enumerate(category_ids)}
