"""Presentation mode: any page as a projector shows it (CONVENTIONS.md, projectors and workshops).

Turned on by the sidebar's "Presentation mode" toggle or by ``?present=1`` in a link, and kept while
moving between pages. In presentation mode a page has no sidebar, no chart toolbars and no heading
links; its type is larger (running text 20 px or more, headline figures 48 px or more); its key
figures come first, on one screen at 1280x720; and its charts are shown one to a screen, where the
first chart would stand, with "Previous" and "Next" (``?chart=N`` keeps the place in the link).

The API, for any page (the workshop tally included):

- ``presenting()``: whether this run is in presentation mode.
- ``present_css()``: the styles of presentation mode (``ui.layout.page_setup`` adds them).
- ``add_slide(title, draw)``: in presentation mode, keep a chart for the one-a-screen stage
  (``ui.blocks.chart_block`` does this) and say so; otherwise False and the page draws it in place.
- ``plotly_config()``: the chart toolbar for the mode (none in presentation mode).
- ``link_query(params)``: a page link's query with ``present=1`` added while presenting.
- ``run(page, pages)``: for app.py: runs the page, then draws the chart stage.

How the mode survives navigation (Streamlit 1.67): ``st.page_link(..., query_params=...)`` and
``st.switch_page(..., query_params=...)`` open a page with exactly the parameters given, and the
sidebar menu (or ``switch_page`` without ``query_params``) drops every parameter. So the links this
app draws carry ``present=1`` (``link_query``), and the session remembers the mode: a page opened
without the parameter while the session is presenting gets it back. ``?present=0`` turns it off.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from redesign.core.text import escape_markdown, safe_quote
from ui import navigation

PARAM = "present"
CHART_PARAM = "chart"
ON, OFF = "1", "0"
PARAMS = (PARAM, CHART_PARAM)
TOGGLE_LABEL = "Presentation mode"
EXIT_LABEL = "Leave presentation mode"

_ON = "present:on"  # the session's memory of the mode (see the module's docstring)
_TOGGLE = "present:toggle"
_DECK = "present:deck"
_PAGES = "present:pages"

# Desk use: the PNG download and Streamlit's full screen only. Zoom and pan are mouse-only
# gestures that leave a bar chart at a meaningless scale, and each button is a Tab stop.
DESK_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "doubleClick": "reset",
    "modeBarButtonsToRemove": [
        "zoom2d",
        "pan2d",
        "select2d",
        "lasso2d",
        "zoomIn2d",
        "zoomOut2d",
        "autoScale2d",
        "resetScale2d",
    ],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
# A projector: no toolbar at all (and so no Streamlit full screen, which would drop the title).
PROJECTOR_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "displayModeBar": False,
    "doubleClick": False,
}

# Fonts of a figure drawn for a projector are this much larger (the house 15-16 px become 20 px).
PROJECTOR_FONT_SCALE = 1.3
_FONT_KEYS = frozenset({"font", "tickfont", "textfont", "insidetextfont", "outsidetextfont"})


def presenting() -> bool:
    """Whether this run is in presentation mode: ``?present=1`` in the link, or turned on earlier
    in this session (a page opened from the sidebar menu loses the link's parameters)."""
    values = st.query_params.get_all(PARAM)
    if values == [ON]:
        st.session_state[_ON] = True
    elif not values:
        if st.session_state.get(_ON):
            st.query_params[PARAM] = ON
    elif values == [OFF]:
        _set_mode(False)
    else:
        # A value this setting does not take: off, said once by page_setup (``link_notice``).
        st.session_state[_ON] = False
    return bool(st.session_state.get(_ON))


def link_notice() -> None:
    """A notice for a ``?present=`` value other than 1 or 0, which is then taken off the link."""
    values = st.query_params.get_all(PARAM)
    if values and values not in ([ON], [OFF]):
        shown = safe_quote(values[0]) if len(values) == 1 else f"{len(values)} values"
        st.warning(
            f"The link asks for presentation mode “{escape_markdown(shown)}”; it takes 1 (on) "
            "or 0 (off). Showing the page as usual. (Link setting “present”.)",
            icon=":material/link_off:",
        )
        del st.query_params[PARAM]


def _set_mode(on: bool) -> None:
    st.session_state[_ON] = on
    if on:
        st.query_params[PARAM] = ON
    else:
        for name in PARAMS:
            if name in st.query_params:
                del st.query_params[name]


def _on_toggle() -> None:
    _set_mode(bool(st.session_state.get(_TOGGLE)))


def is_param(key: str) -> bool:
    """Whether ``key`` is one of this mode's link settings, which every page accepts: ``present``
    always, ``chart`` while presenting."""
    return key == PARAM or (key == CHART_PARAM and bool(st.session_state.get(_ON)))


def link_query(params: Mapping[str, str] | None = None) -> dict[str, str]:
    """A page link's query parameters, with ``present=1`` added while presenting."""
    query = dict(params or {})
    if st.session_state.get(_ON):
        query[PARAM] = ON
    return query


def plotly_config() -> dict[str, Any]:
    """The Plotly config for this mode: a short toolbar at a desk, none on a projector."""
    return PROJECTOR_CONFIG if st.session_state.get(_ON) else DESK_CONFIG


def projector_figure(
    spec: Mapping[str, Any], scale: float = PROJECTOR_FONT_SCALE
) -> dict[str, Any]:
    """A figure's dict with every font size ``scale`` times larger, for reading from across a
    room, and its height and outer margins with them. ``spec`` is not changed (cached figures are shared between sessions): its dicts and
    lists are copied as they are walked."""
    scaled: dict[str, Any] = _scaled(spec, scale)
    layout = scaled.get("layout")
    if isinstance(layout, dict):
        # Room for the larger labels: the height, and the margins that hold labels, grow too.
        if isinstance(layout.get("height"), int | float):
            layout["height"] = round(layout["height"] * scale)
        margin = layout.get("margin")
        if isinstance(margin, dict):
            layout["margin"] = {
                side: round(v * scale) if side in "rtb" and isinstance(v, int | float) else v
                for side, v in margin.items()
            }
    return scaled


def _scaled(value: Any, scale: float, in_font: bool = False) -> Any:
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if in_font and key == "size" and isinstance(item, int | float):
                out[key] = round(item * scale)
            elif key == "uniformtext" and isinstance(item, Mapping):
                out[key] = {**item, "minsize": round(item.get("minsize", 0) * scale)}
            else:
                out[key] = _scaled(item, scale, key in _FONT_KEYS)
        return out
    if isinstance(value, list | tuple):
        return [_scaled(item, scale) for item in value]
    return value


# --- the sidebar toggle and the presentation top bar --------------------------------------------


def sidebar_toggle() -> None:
    """The "Presentation mode" toggle in the sidebar (a switch: Tab to it, Space to turn it on)."""
    st.session_state[_TOGGLE] = bool(st.session_state.get(_ON))
    st.sidebar.toggle(
        TOGGLE_LABEL,
        key=_TOGGLE,
        on_change=_on_toggle,
        help="For a projector: no menu or chart tools, larger type, the key figures first and "
        "one chart to a screen. Kept when you move between pages and in the page link "
        "(present=1).",
    )


def top_bar() -> None:
    """In presentation mode: the other pages (in a menu) and the way out, at the top right."""
    with st.container(
        horizontal=True, horizontal_alignment="right", gap="small", key="present_bar"
    ):
        pages: Sequence[Any] = st.session_state.get(_PAGES, ())
        if pages:
            with st.popover("Pages", icon=":material/menu:", help="Open another page"):
                for page in pages:
                    st.page_link(page, query_params={PARAM: ON})
        st.button(
            EXIT_LABEL,
            key="present_exit",
            icon=":material/close_fullscreen:",
            on_click=_set_mode,
            args=(False,),
        )


# --- one chart to a screen ----------------------------------------------------------------------


@dataclass
class _Slide:
    title: str  # Markdown, already escaped
    draw: Callable[[], None]  # draws what follows the title


@dataclass
class _Deck:
    """This run's charts in presentation mode; ``slot`` is where the first one would stand."""

    slot: Any = None
    slides: list[_Slide] = field(default_factory=list)
    open: bool = True


def start_run() -> None:
    """A fresh deck for this run (``ui.layout.page_setup`` calls it first)."""
    st.session_state[_DECK] = _Deck()


def add_slide(title: str, draw: Callable[[], None]) -> bool:
    """In presentation mode, keep a chart for the stage and return True: ``title`` (escaped
    Markdown) heads it, ``draw`` draws the rest (subtitle, chart, notes, source). Otherwise, or in
    a run whose stage is already drawn (a fragment's rerun), return False: the caller draws the
    chart in place."""
    deck = st.session_state.get(_DECK)
    if not st.session_state.get(_ON) or not isinstance(deck, _Deck) or not deck.open:
        return False
    if deck.slot is None:
        deck.slot = st.container(key="present_stage")
    deck.slides.append(_Slide(title, draw))
    return True


def _chart_number(count: int) -> int:
    values = st.query_params.get_all(CHART_PARAM)
    try:
        number = int(values[0]) if len(values) == 1 else 1
    except ValueError:
        number = 1
    return min(max(number, 1), count)


def _go_to(number: int) -> None:
    st.query_params[CHART_PARAM] = str(number)


def finish() -> None:
    """Draw the stage: the chosen chart under a head ("Previous", "Chart n of N", "Next" and the
    chart's title) that stays at the top of the screen while a tall chart scrolls, so the title is
    always in view."""
    deck = st.session_state.get(_DECK)
    if not isinstance(deck, _Deck) or not deck.open:
        return
    deck.open = False
    if not deck.slides:
        return
    count = len(deck.slides)
    number = _chart_number(count)
    slide = deck.slides[number - 1]
    with deck.slot:
        with st.container(gap="small", key="present_stage_head"):
            if count > 1:
                _chart_steps(number, count)
            st.subheader(slide.title, anchor=False)
        slide.draw()


def _chart_steps(number: int, count: int) -> None:
    """ "Previous chart", "Chart n of N", "Next chart" (each button off at its end)."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.button(
            "Previous chart",
            key="present_prev",
            icon=":material/arrow_back:",
            disabled=number == 1,
            on_click=_go_to,
            args=(number - 1,),
        )
        st.markdown(f"Chart {number} of {count}", width="content")
        st.button(
            "Next chart",
            key="present_next",
            icon=":material/arrow_forward:",
            disabled=number == count,
            on_click=_go_to,
            args=(number + 1,),
        )


def run(page: Any, pages: Sequence[Any]) -> None:
    """For app.py: run the page ``st.navigation`` chose, then draw its chart stage. ``pages`` are
    the app's pages, listed in presentation mode's "Pages" menu."""
    st.session_state[_PAGES] = tuple(pages)
    navigation.run(page)
    finish()


# --- styles -------------------------------------------------------------------------------------

# Sizes are in px: Streamlit's own type is sized in rem from a 16 px root, and the projector sizes
# of CONVENTIONS.md are in px.
_PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stElementToolbar"],
[data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] {
  padding: 0.75rem 2rem 3rem 2rem; max-width: none;
}
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.6rem; }
[data-testid="stMain"] { font-size: 22px; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li,
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stCaptionContainer"] p,
[data-testid="stMain"] [data-testid="stWidgetLabel"] p,
[data-testid="stMain"] label, [data-testid="stMain"] button,
[data-testid="stMain"] [data-testid="stTable"] td,
[data-testid="stMain"] [data-testid="stTable"] th,
[data-testid="stMain"] input, [data-testid="stMain"] [data-baseweb="select"] {
  font-size: 22px; line-height: 1.4;
}
[data-testid="stMain"] h1 { font-size: 40px; padding: 0.25rem 0; }
[data-testid="stMain"] h2 { font-size: 30px; padding: 0.25rem 0 0 0; }
[data-testid="stMain"] h3 { font-size: 26px; padding: 0.4rem 0 0 0; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  font-size: 52px !important; line-height: 1.15;
}
[data-testid="stMetricLabel"] p { font-size: 22px !important; line-height: 1.25; }
[data-testid="stMetric"] { padding: 0.4rem 0.9rem 0.5rem 0.9rem; }
/* No hover-only detail on a projector: a figure's source is at the desk, behind its "?". */
[data-testid="stMetric"] [data-testid="stTooltipHoverTarget"] { display: none !important; }
.st-key-present_stage { min-height: calc(100vh - 1rem); }
/* The section heading just before the stage would name only the first chart's section. */
[data-testid="stElementContainer"]:has(h2):has(+ div > .st-key-present_stage) { display: none; }
.st-key-present_stage_head {
  position: sticky; top: 0; z-index: 5; background: #FFFFFF;
  padding: 0.4rem 0 0.6rem 0; box-shadow: 0 6px 6px -6px #D9D9D9;
}
.st-key-present_stage_head p { margin: 0; }
</style>
"""


def present_css() -> str:
    """The styles of presentation mode (a ``<style>`` block for ``st.html``)."""
    return _PRESENT_CSS
