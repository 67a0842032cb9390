"""The buy-back panel (ui/components/buyback_panel, issue 16) wired into the buy-back page's
fragment (ui/buyback.py ``interactive``) in place of its Python sliders, boxes, tiles and charts.

Switched on with the environment variable REDESIGN_BUYBACK_PANEL=1 while the page's tests move to
the panel (they drive Streamlit's sliders today; AppTest sets the panel with
``at.session_state[PANEL] = buyback_panel.scenario_state(...)``). Everything else on the page is
unchanged and stays the source of truth: the scenario in ``bb:scenario``, the URL, the link, the
YAML file, the comparison, the assumptions (a change of assumptions gives the panel a new spec).

In the fragment, in this order:
    settle()                      apply what the panel settled on, as the old widgets' callbacks did
    draw(slots, scenario, result) the panel's parts in the page's placeholders, with the Python
                                  parts that follow the settled scenario (sentence, link, tables)
"""

from __future__ import annotations

import os

import streamlit as st

from redesign import buyback_text as bt
from redesign import scenario_io as sio
from redesign.buyback_panel import Spec, panel_spec
from redesign.scenario import Scenario, ScenarioResult
from ui.blocks import md
from ui.components import buyback_panel

ENV = "REDESIGN_BUYBACK_PANEL"
PANEL = "bb:panel"
SPEC = "bb:panel_spec"


def enabled() -> bool:
    return os.environ.get(ENV) == "1"


def settle() -> None:
    """Make the levels the panel settled on the page's scenario (names and assumptions kept)."""
    from ui import buyback as bb

    levels = buyback_panel.take_settled(PANEL)
    if levels is not None:
        s = bb.scenario()
        bb.set_scenario(sio.make_scenario(bb.model(), levels, s.assumptions, s.name))


def spec(s: Scenario) -> Spec:
    """The panel's spec for the scenario's assumptions and the groups shown, made once for each."""
    from ui import buyback as bb

    m = bb.model()
    basis = (id(m), tuple(sorted(s.assumptions.items())), bb.shown_group_ids())
    cached = st.session_state.get(SPEC)
    if cached is None or cached[0] != basis:
        cached = (basis, panel_spec(m, s, shown=basis[2]))
        st.session_state[SPEC] = cached
    return cached[1]


def draw(slots: object, s: Scenario, result: ScenarioResult) -> None:
    """The panel's parts in the page's placeholders (ui.buyback.Slots)."""
    from ui import buyback as bb

    assert isinstance(slots, bb.Slots)
    with slots.all_groups:
        buyback_panel.controls(PANEL, spec(s), s.levels)
    for gid, slot in slots.groups.items():
        with slot:
            buyback_panel.group(PANEL, gid)
    with slots.sentence:
        st.markdown(md(bt.scenario_sentence(result)))
    with slots.tiles:
        buyback_panel.tiles(PANEL)
    with slots.share:
        bb.share(s)
    with slots.fte_chart:
        buyback_panel.fte_chart(PANEL)
        bb.fte_table(result)
    with slots.curve_chart:
        buyback_panel.curve_chart(PANEL)
