"""The buy-back panel (ui/components/buyback_panel, issue 16) in the page's fragment, in place of
the Python sliders, boxes, tiles and charts: the browser computes every position from the spec
that redesign.buyback.panel makes, so the figures follow a drag without a rerun.

The page's design by default; REDESIGN_BUYBACK_PANEL=0 brings back the previous one (Streamlit's
sliders, boxes, tiles and charts, rerun by Python on every key press), which the benchmarks keep
as their baseline. AppTest cannot run the panel's JavaScript: tests set the panel's value with
``at.session_state[PANEL] = scenario_state(...)``.
Everything else on the page stays the source of truth: the scenario in the session, the URL, the
link, the scenario file, the comparison, the library, the assumptions (new assumptions give the
panel a new spec), and the sentence and the tables under the charts, drawn by Python from the
scenario the panel settled on.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import streamlit as st

from redesign.buyback import scenario_io as sio
from redesign.buyback import text as bt
from redesign.buyback.model import Scenario, ScenarioResult
from redesign.buyback.panel import Spec, panel_spec
from ui.blocks import md
from ui.components import buyback_panel
from ui.present import PROJECTOR_CONFIG, projector_figure

from . import results
from . import state as bs

if TYPE_CHECKING:  # layout draws through this module: the type only, no import cycle at run time
    from .layout import Slots

ENV = "REDESIGN_BUYBACK_PANEL"
PANEL = "bb:panel"
SPEC = "bb:panel_spec"


def enabled() -> bool:
    """The panel unless REDESIGN_BUYBACK_PANEL=0 asks for the previous design."""
    return os.environ.get(ENV, "1").strip() != "0"


def settle() -> None:
    """Make the levels the panel settled on the page's scenario (its name and assumptions kept).
    Called first in the fragment, before anything that shows the scenario is drawn."""
    levels = buyback_panel.take_settled(PANEL)
    if levels is not None:
        s = bs.scenario()
        bs.set_scenario(sio.make_scenario(bs.model(), levels, s.assumptions, s.name))


def spec(s: Scenario, shown: tuple[str, ...], projector: bool = False) -> Spec:
    """The panel's spec for the scenario's assumptions and the groups with their own controls,
    made once for each (a key press changes only levels, which the spec does not hold) and for
    each model (new data gives a new one, compared by identity). On a projector the charts' type
    is enlarged, as every chart's there (ui.present.projector_figure)."""
    m = bs.model()
    basis = (m, tuple(sorted(s.assumptions.items())), shown, projector)
    cached = st.session_state.get(SPEC)
    if cached is None or cached[0] != basis:
        fresh = panel_spec(m, s, shown=shown)
        if projector:
            charts = fresh["charts"]
            fresh = {
                **fresh,
                "charts": {
                    **charts,
                    "fte": projector_figure(charts["fte"]),
                    "curve": projector_figure(charts["curve"]),
                },
            }
        cached = (basis, fresh)
        st.session_state[SPEC] = cached
    made: Spec = cached[1]
    return made


def draw(slots: Slots, s: Scenario, result: ScenarioResult) -> None:
    """The panel's parts in the page's placeholders, and the Python parts that follow the
    settled scenario."""
    with slots.all_groups:
        # On a projector the charts have no toolbar, as every chart there (ui.present).
        config = PROJECTOR_CONFIG if slots.projector else None
        buyback_panel.controls(
            PANEL, spec(s, tuple(slots.groups), slots.projector), s.levels, config
        )
    for gid, slot in slots.groups.items():
        with slot:
            buyback_panel.group(PANEL, gid)
    with slots.sentence:
        words = bt.scenario_headline if slots.projector else bt.scenario_sentence
        st.markdown(md(words(result)))
    with slots.tiles:
        buyback_panel.tiles(PANEL)
    with slots.share:
        results.share(s)
    with slots.fte_chart:
        buyback_panel.fte_chart(PANEL)
        results.fte_table(result)
    with slots.curve_chart:
        buyback_panel.curve_chart(PANEL)
