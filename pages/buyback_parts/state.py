"""The buy-back page's session state: the model, the scenario, the widgets' keys and the URL.

State (``st.session_state``)
    bb:scenario   the canonical Scenario (scenario_io.make_scenario), the single source of truth
    bb:live       the same scenario, readable when a briefing pack is made (``LiveScenario``)
    bb:init       set once the URL has been read (first run of the session on this page)
    bb:notices    what was wrong with the URL, shown until the user changes the scenario
    bb:upload     (problems, file label) from the last upload
    bb:compare    up to four Compared scenarios (pages/buyback_parts/comparison.py)
    bb:opened     (id, Scenario) of the saved scenario last opened from the library: while the
                  scenario is unchanged, the URL is its permalink (?scenario=<id>)
    bb:model      the BuybackModel; bb:curve the 0-150% curve for the current assumptions
    bb:gen        each widget's key generation (see ``wkey``)
Widgets (bb:slider:<group>, bb:box:<group>, bb:slider:all, bb:box:all, bb:a:<assumption>, bb:name)
are written only from callbacks or before they are drawn, never after, so Streamlit never warns.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from redesign import Dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback import view as bv
from redesign.buyback.model import BuybackModel, Scenario
from redesign.store import QUERY_KEY
from ui import compat

MODEL = "bb:model"
MODEL_FOR = "bb:model_for"
CURVE = "bb:curve"
SCENARIO = "bb:scenario"
LIVE = "bb:live"
INIT = "bb:init"
NOTICES = "bb:notices"
UPLOAD = "bb:upload"
UPLOAD_GEN = "bb:upload_gen"
COMPARE = "bb:compare"
COMPARE_MSG = "bb:compare_msg"
OPENED = "bb:opened"
NAME = "bb:name"
GEN = "bb:gen"
ALL_SLIDER = "bb:slider:all"
ALL_BOX = "bb:box:all"
SHOWN = "bb:shown"
SHOWN_SELECT = "bb:shown_select"
# With more at-risk groups than this (synthetic data at 10x/100x), only a chosen few get their own
# controls: Streamlit's number_input reads a copy of the whole session state each time it is
# drawn, so one control per group made a rerun grow with the square of the number of groups.
MAX_GROUP_CARDS = 8
MAX_COMPARE = 4


def slider_key(gid: str) -> str:
    return f"bb:slider:{gid}"


def box_key(gid: str) -> str:
    return f"bb:box:{gid}"


def assumption_key(aid: str) -> str:
    return f"bb:a:{aid}"


def upload_key() -> str:
    return f"bb:upload_file:{st.session_state.get(UPLOAD_GEN, 0)}"


# --- the model and the scenario ----------------------------------------------------------------


class LiveScenario:
    """The session's model and scenario as they are now, for a briefing pack made when its button
    is pressed: Streamlit makes a deferred download on another thread, where ``st.session_state``
    cannot be read, so the page hands the download this object (kept in the session state and
    updated whenever the scenario changes) instead."""

    def __init__(self, model: BuybackModel, scenario: Scenario) -> None:
        self._now = (model, scenario)

    def set(self, model: BuybackModel, scenario: Scenario) -> None:
        self._now = (model, scenario)  # one assignment: a reader never sees half an update

    def __call__(self) -> tuple[BuybackModel, Scenario]:
        return self._now


def use_dataset(dataset: Dataset) -> None:
    """Bind the page to the (cached, validated) dataset: the model is built once per session."""
    ss = st.session_state
    # Compared by value (cheap while ui.data's cache hands out the same dataset): after a data
    # file is edited the dataset is a new one, and the model is rebuilt only if the figures it
    # binds have changed.
    basis = (
        dataset.sen_support,
        dataset.assumptions,
        dataset.service(dataset.sen_support.service_id),
    )
    if MODEL not in ss or ss.get(MODEL_FOR) != basis:
        ss[MODEL] = BuybackModel(dataset)
        ss[MODEL_FOR] = basis
        ss.pop(CURVE, None)
        if SCENARIO in ss:
            _store(ss[SCENARIO])


def model() -> BuybackModel:
    return st.session_state[MODEL]


def scenario() -> Scenario:
    return st.session_state[SCENARIO]


def live() -> LiveScenario:
    return st.session_state[LIVE]


def section() -> str:
    """The report section the model's figures come from (the dataset the model was built on)."""
    return st.session_state[MODEL_FOR][0].section


def proposal_pct() -> float:
    return bv.proposal_pct(model(), scenario())


def curve(s: Scenario) -> pd.DataFrame:
    """Saving and income with every group at 0-150%: depends only on the assumptions, so it is
    kept in the session and recomputed only when they change (not on a slider move)."""
    ss = st.session_state
    key = tuple(sorted(s.assumptions.items()))
    cached = ss.get(CURVE)
    if cached is None or cached[0] != key:
        cached = (key, model().curve(s))
        ss[CURVE] = cached
    return cached[1]


def _store(s: Scenario) -> None:
    ss = st.session_state
    ss[SCENARIO] = s
    holder = ss.get(LIVE)
    if holder is None:
        ss[LIVE] = LiveScenario(model(), s)
    else:
        holder.set(model(), s)


def set_scenario(new: Scenario, *, except_widget: str | None = None) -> None:
    """Make ``new`` the scenario and bring every other widget into line with it."""
    _store(new)
    st.session_state.pop(NOTICES, None)
    push_to_widgets(new, except_widget=except_widget)


# --- widget keys that change when code changes a widget's value --------------------------------
#
# A callback that writes another widget's value races the browser: if the user presses a key
# again before the browser has the new value, it sends the OLD value back with the next rerun,
# Streamlit sees a change and that widget's callback undoes the move (holding an arrow key made
# the level jump back to 100%). So a widget whose value is set from code gets a fresh key (its
# generation goes up): the browser's stale value is for a widget that no longer exists and is
# ignored. The widget being operated keeps its key (and the keyboard focus). wkey(base) is the
# current key; the base names (bb:slider:<group>, ...) are stable and used in the callbacks.


def wkey(base: str) -> str:
    n = st.session_state.get(GEN, {}).get(base, 0)
    return base if n == 0 else f"{base}#{n}"


def widget_value(base: str) -> Any:
    return st.session_state.get(wkey(base))


def set_widget(base: str, value: Any) -> None:
    """Give a widget a value from code (only before it is drawn: in a callback or at the top)."""
    ss = st.session_state
    current = wkey(base)
    if current in ss and ss[current] == value:
        return  # unchanged: keep the widget as it is
    gens = dict(ss.get(GEN, {}))
    gens[base] = gens.get(base, 0) + 1
    ss[GEN] = gens
    compat.forget_widget_key(current)
    ss[wkey(base)] = value


def push_to_widgets(s: Scenario, *, except_widget: str | None = None) -> None:
    """Write the scenario into the widgets (call only before they are drawn); ``except_widget``
    is the one the user just operated, left alone."""
    m = model()
    shown = shown_group_ids()
    values: dict[str, Any] = {}
    for gid in shown:
        exact = bv.level_to_pct(s.levels[gid])
        values[slider_key(gid)] = bv.slider_pct(exact)
        values[box_key(gid)] = float(exact)
    overall = bv.overall_pct(m, s)
    values[ALL_SLIDER] = bv.slider_pct(overall)
    values[ALL_BOX] = float(overall)
    current = m.assumption_values(s)
    for aid in m.assumption_ids_for(shown):
        values[assumption_key(aid)] = float(current[aid])
    values[NAME] = s.name
    for base, value in values.items():
        if base != except_widget:
            set_widget(base, value)


def shown_group_ids() -> tuple[str, ...]:
    """The groups drawn with their own controls (and assumptions): all of them, or with more than
    MAX_GROUP_CARDS the ones chosen (to begin with, the largest by FTE at risk)."""
    m = model()
    if len(m.groups) <= MAX_GROUP_CARDS:
        return m.group_ids
    chosen = st.session_state.get(SHOWN)
    if chosen is None:
        return m.largest_groups(MAX_GROUP_CARDS)
    wanted = set(chosen)
    return tuple(g for g in m.group_ids if g in wanted)[:MAX_GROUP_CARDS]


def widget_bases() -> list[str]:
    """The widgets drawn on this page: the shown groups' controls and assumptions, and the rest."""
    m = model()
    shown = shown_group_ids()
    bases = [slider_key(g) for g in shown] + [box_key(g) for g in shown]
    bases += [ALL_SLIDER, ALL_BOX, NAME]
    bases += [assumption_key(a) for a in m.assumption_ids_for(shown)]
    return bases


def ensure_widget_state() -> None:
    """Widgets lose their state when the user visits another page; restore it from the scenario."""
    ss = st.session_state
    if any(wkey(base) not in ss for base in widget_bases()):
        push_to_widgets(scenario())


# --- the URL ------------------------------------------------------------------------------------


def query_params_dict() -> dict[str, str | list[str]]:
    """The URL's query parameters, repeated keys as lists (scenario_io reports them)."""
    out: dict[str, str | list[str]] = {}
    for key in st.query_params:
        values = st.query_params.get_all(key)
        out[key] = values[0] if len(values) == 1 else list(values)
    return out


def init_state() -> None:
    """First run of this page in the session: read the scenario from the URL (with notices)."""
    ss = st.session_state
    if not ss.get(INIT):
        s, notices = sio.from_query(model(), query_params_dict())
        _store(s)
        if notices:
            ss[NOTICES] = notices
        ss.setdefault(COMPARE, [])
        push_to_widgets(s)
        ss[INIT] = True
    ensure_widget_state()


def is_link_key(key: str) -> bool:
    """The page's own link keys: the scenario's (per group and assumption) and a saved one's id."""
    return sio.is_scenario_key(key) or key == QUERY_KEY


def link_query(s: Scenario) -> dict[str, str]:
    """The URL for ``s``: the permalink of the saved scenario opened last while ``s`` is still
    that scenario, else every level and changed assumption."""
    opened = st.session_state.get(OPENED)
    if opened is not None and opened[1] == s:
        return {QUERY_KEY: opened[0]}
    return sio.to_query(model(), s)


def write_url(s: Scenario) -> None:
    """Keep the scenario in the URL: set our keys, drop stale ones, leave other pages' keys alone."""
    wanted = link_query(s)
    current = query_params_dict()
    ours = {k: v for k, v in current.items() if is_link_key(k)}
    if ours == wanted:
        return
    for key in ours:
        if key not in wanted:
            del st.query_params[key]
    st.query_params.update({k: v for k, v in wanted.items() if current.get(k) != v})


def page_url() -> str:
    """The page's address as the browser shows it ("" where there is no browser: AppTest)."""
    return st.context.url or ""


def share_link(s: Scenario) -> str:
    """The address that reproduces this scenario."""
    return f"{page_url()}?{bv.scenario_query(model(), s)}"
