"""The buy-back panel: a Streamlit Components v2 custom component (issue 16).

The browser computes every position itself from a spec (redesign.buyback_panel), so the controls,
tiles and both charts follow each key press and drag without a round trip; the settled scenario
comes back as the component's state, and the page applies it as if its own widgets had changed.

A panel is mounted in parts, each where the page wants it; they share one scenario in the browser:

    levels = buyback_panel.take_settled(KEY)   # first, before drawing what shows the scenario
    if levels is not None: ...make it the page's scenario...
    buyback_panel.controls(KEY, spec, scenario.levels)  # the all-groups control (required, once)
    buyback_panel.group(KEY, group_id)                  # a group's control and its results
    buyback_panel.tiles(KEY)
    buyback_panel.fte_chart(KEY); buyback_panel.curve_chart(KEY)

``controls`` sends the page's levels to the browser whenever they differ from what the panel
last showed (a link, a file, a reset button): each such push has a revision number, and a state
the browser sent for an older revision is ignored, so a stale value never undoes the page's change.
The state is ``{"scenario": {"rev", "id", "all", "set"}}`` (redesign.buyback_panel.levels_from_state);
tests set it with ``at.session_state[KEY] = scenario_state(...)`` (AppTest cannot operate custom
components, and does not run their callbacks: ``take_settled`` reads the state itself).

Session state: ``KEY`` (the component's own), ``KEY:push`` (the last revision sent, its levels and
the levels the panel shows now), ``KEY:seen`` (the last state applied). Parts other than the controls have keys ``KEY:<part>``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from redesign.buyback.panel import Spec, levels_from_state
from ui.components import component_css
from ui.components.plotly_js import LOADER_JS, plotly_url

_HERE = Path(__file__).resolve().parent
_LOG = logging.getLogger(__name__)
# After this pause in key presses or typing the panel sends its scenario to Python; a released
# pointer, Enter or leaving a box sends at once.
SETTLE_MS = 250
PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "zoomIn2d", "zoomOut2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}

# No shadow root: plotly.js puts its styles in the document's head, where a shadow root would not
# see them; panel.css scopes every rule to the panel's parts instead.
# One ES module in five files, joined in this order (later files use what earlier ones define;
# panel.js holds the default export).
JS_FILES = ("model.js", "charts.js", "drag.js", "parts.js", "panel.js")
_COMPONENT = st.components.v2.component(
    "redesign_explorer.buyback_panel",
    js="\n".join([LOADER_JS, *((_HERE / name).read_text(encoding="utf-8") for name in JS_FILES)]),
    css=component_css(_HERE / "panel.css"),
    isolate_styles=False,
)


@dataclass(frozen=True)
class Push:
    """Levels the page sent to the browser and their revision (sent again unchanged on every
    rerun, so that Streamlit can send the panel's message as a reference to the cached one), and
    the levels the panel shows now (the page's, or the browser's since)."""

    rev: int
    levels: dict[str, float]
    shows: dict[str, float]


def _push_key(key: str) -> str:
    return f"{key}:push"


def _seen_key(key: str) -> str:
    return f"{key}:seen"


def take_settled(key: str) -> dict[str, float] | None:
    """The levels (fractions, every group) the panel settled on since the page last asked, or
    None. Call before drawing anything that shows the scenario."""
    ss = st.session_state
    push: Push | None = ss.get(_push_key(key))
    value = ss.get(key)
    state = value.get("scenario") if isinstance(value, Mapping) else None
    if push is None or state is None:
        return None
    if isinstance(state, Mapping) and state.get("rev") not in (None, push.rev):
        return None  # sent before the page's last push reached the browser: superseded
    identity = json.dumps(state, sort_keys=True, default=str)
    if ss.get(_seen_key(key)) == identity:
        return None
    ss[_seen_key(key)] = identity
    # The browser's changes are since the levels it was last sent; a test's, since those shown.
    base = push.levels if isinstance(state, Mapping) and "rev" in state else push.shows
    levels, problem = levels_from_state(base, state)
    if levels is None:
        _LOG.warning("buy-back panel state ignored: %s", problem)
        return None
    # The browser shows these levels now: no need to send them back to it.
    ss[_push_key(key)] = Push(push.rev, push.levels, levels)
    return levels


def scenario_state(
    all_pct: float | None = None, set_pct: Mapping[str, float] | None = None
) -> dict[str, Any]:
    """A value for ``at.session_state[KEY]`` in AppTest: every group at ``all_pct`` %, then the
    groups in ``set_pct`` at theirs (as if a user had moved the panel's controls)."""
    return {"scenario": {"all": all_pct, "set": dict(set_pct or {})}}


def controls(
    key: str,
    spec: Spec,
    levels: Mapping[str, float],
    config: Mapping[str, Any] | None = None,
) -> None:
    """The all-groups control, the live region, and the panel's link to Python (mount once,
    before or after the other parts). ``config``: the charts' Plotly config (default
    PLOTLY_CONFIG, a desk's toolbar; a projector's has none)."""
    ss = st.session_state
    push: Push | None = ss.get(_push_key(key))
    if push is None or push.shows != dict(levels):
        push = Push((push.rev + 1) if push else 1, dict(levels), dict(levels))
        ss[_push_key(key)] = push
    _COMPONENT(
        key=key,
        data={
            "panel": key,
            "part": "controls",
            "spec": spec,
            "push": {"rev": push.rev, "levels": push.levels},
            "plotly_url": plotly_url(),
            "config": dict(config) if config is not None else PLOTLY_CONFIG,
            "settle_ms": SETTLE_MS,
        },
        on_scenario_change=_no_callback,
    )


def _no_callback() -> None:
    """The state is read by take_settled at the top of the run (so tests can set it too); a
    callback is still needed for Streamlit to keep the 'scenario' state."""


def group(key: str, group_id: str) -> None:
    _part(key, "group", gid=group_id)


def tiles(key: str) -> None:
    _part(key, "tiles")


def fte_chart(key: str) -> None:
    _part(key, "fte_chart")


def curve_chart(key: str) -> None:
    _part(key, "curve_chart")


def _part(key: str, part: str, **extra: str) -> None:
    suffix = f"{part}:{extra['gid']}" if "gid" in extra else part
    _COMPONENT(key=f"{key}:{suffix}", data={"panel": key, "part": part, **extra})
