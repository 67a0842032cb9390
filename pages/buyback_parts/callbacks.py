"""What a change to a buy-back level, an assumption or the scenario's name does to the scenario.

Callbacks run before the script, so they may write widget state. Each ignores a value equal to
what the scenario already shows: Streamlit can report a widget given a fresh key (state.wkey) as
"changed" to the value the code gave it, and acting on that would, for instance, turn groups at
60/60/40 into 48/48/48 through the all-groups control. The rules themselves (clamping, 0.1%, the
FTE-weighted all-groups level) are redesign.buyback_view's.
"""

from __future__ import annotations

import streamlit as st

from redesign.buyback import scenario_io as sio
from redesign.buyback import view as bv
from redesign.buyback.model import Scenario

from . import state as bs


def on_slider(gid: str) -> None:
    value = bs.widget_value(bs.slider_key(gid))
    s = bs.scenario()
    if value is None or int(value) == bv.slider_pct(bv.level_to_pct(s.levels[gid])):
        return
    new = bv.with_group_pct(bs.model(), s, gid, float(value))
    bs.set_scenario(new, except_widget=bs.slider_key(gid))


def on_box(gid: str) -> None:
    raw = bs.widget_value(bs.box_key(gid))
    if raw is None:  # the box was cleared: put the current value back
        bs.push_to_widgets(bs.scenario())
        return
    entry = bv.enter_group_pct(bs.model(), bs.scenario(), gid, float(raw))
    if entry.scenario is not None:
        bs.set_scenario(entry.scenario, except_widget=bs.box_key(gid) if entry.keep_typed else None)


def on_all_slider() -> None:
    value = bs.widget_value(bs.ALL_SLIDER)
    s = bs.scenario()
    if value is None or int(value) == bv.slider_pct(bv.overall_pct(bs.model(), s)):
        return
    bs.set_scenario(bv.at_all_pct(bs.model(), s, float(value)), except_widget=bs.ALL_SLIDER)


def on_all_box() -> None:
    raw = bs.widget_value(bs.ALL_BOX)
    if raw is None:
        bs.push_to_widgets(bs.scenario())
        return
    entry = bv.enter_all_pct(bs.model(), bs.scenario(), float(raw))
    if entry.scenario is not None:
        bs.set_scenario(entry.scenario, except_widget=bs.ALL_BOX if entry.keep_typed else None)


def on_reset_levels() -> None:
    """Back to the proposal's buy-back (the assumption, 100% by default); assumptions kept."""
    bs.set_scenario(bv.proposal_scenario(bs.model(), bs.scenario()))


def on_assumption(aid: str) -> None:
    m = bs.model()
    spec = m.assumptions[aid]
    raw = bs.widget_value(bs.assumption_key(aid))
    s = bs.scenario()
    if raw is not None and float(raw) == m.assumption_values(s)[aid]:
        return
    value = spec.default if raw is None else spec.clamp(float(raw))
    new = sio.make_scenario(m, s.levels, s.assumptions | {aid: value}, s.name)
    bs.set_scenario(new, except_widget=None if raw is None else bs.assumption_key(aid))


def on_reset_assumptions() -> None:
    s = bs.scenario()
    bs.set_scenario(sio.make_scenario(bs.model(), s.levels, {}, s.name))


def on_name() -> None:
    s = bs.scenario()
    name = sio.clean_name(str(bs.widget_value(bs.NAME) or ""))
    if name == s.name:
        return
    bs.set_scenario(Scenario(s.levels, s.assumptions, name), except_widget=bs.NAME)


def on_shown() -> None:
    st.session_state[bs.SHOWN] = tuple(st.session_state.get(bs.SHOWN_SELECT) or ())
