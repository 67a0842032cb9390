"""Streamlit glue for the buy-back what-if page (issue 4): state, callbacks, URL and file round trip.

Everything mutable lives in ``st.session_state`` under keys starting ``bb:`` (one session never sees
another's scenario); this module holds only constants and functions. The model is built once per
session from the dataset ui.data caches, and the 0-150% curve is recomputed only when the assumptions
change.

State
    bb:scenario   the canonical Scenario (scenario_io.make_scenario), the single source of truth
    bb:init       set once the URL has been read (first run of the session on this page)
    bb:notices    what was wrong with the URL, shown until the user changes the scenario
    bb:upload     (problems, message) from the last upload
    bb:compare    up to four (name, Scenario) saved for comparison
    bb:model      the BuybackModel; bb:curve the 0-150% curve for the current assumptions
    bb:gen        each widget's key generation (see wkey)
Widgets (bb:slider:<group>, bb:box:<group>, bb:slider:all, bb:box:all, bb:a:<assumption>, bb:name)
are written only from callbacks or before they are drawn, never after, so Streamlit never warns;
a widget whose value code changes gets a fresh key (base#n), so a stale value the browser sends
for it with a fast next key press is ignored.

Layout: ``layout`` draws what does not change with the buy-back on full runs; the fragment
``interactive`` fills its placeholders on every key press.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitAPIException

from redesign import DataError, Dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback import text as bt
from redesign.buyback.charts import compare_figure, fte_figure, fte_table_rows
from redesign.buyback.curve_chart import curve_figure, curve_table
from redesign.buyback.model import (
    MAX_LEVEL,
    BuybackModel,
    GroupOutcome,
    Scenario,
    ScenarioResult,
    compare_frame,
)
from redesign.core.formatting import fte, money_m, pct, signed_money_m
from redesign.core.text import plain_text
from redesign.data.assumptions import UNITS, Assumption
from redesign.data.sen_support import AtRiskGroup
from ui import present
from ui.blocks import (
    csv_button,
    data_table,
    md,
    ready_figure,
    record_table,
    source_line,
    table_expander,
)

SERVICE_PAGE = "pages/service.py"

MODEL = "bb:model"
MODEL_FOR = "bb:model_for"
CURVE = "bb:curve"
SCENARIO = "bb:scenario"
INIT = "bb:init"
NOTICES = "bb:notices"
UPLOAD = "bb:upload"
UPLOAD_GEN = "bb:upload_gen"
COMPARE = "bb:compare"
COMPARE_MSG = "bb:compare_msg"
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
MAX_NOTICES = 8
MAX_PROBLEMS = 12


def slider_key(gid: str) -> str:
    return f"bb:slider:{gid}"


def box_key(gid: str) -> str:
    return f"bb:box:{gid}"


def assumption_key(aid: str) -> str:
    return f"bb:a:{aid}"


def upload_key() -> str:
    return f"bb:upload_file:{st.session_state.get(UPLOAD_GEN, 0)}"


# --- the model -------------------------------------------------------------------------------


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


def model() -> BuybackModel:
    return st.session_state[MODEL]


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


# --- state ------------------------------------------------------------------------------------


def scenario() -> Scenario:
    return st.session_state[SCENARIO]


def _pct(level: float) -> float:
    return round(level * 100, 1)


# --- widget keys that change when code changes a widget's value -------------------------------
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
    retire_key(current)
    ss[wkey(base)] = value


def retire_key(key: str) -> None:
    """Forget a widget key the page has replaced with a fresh one.

    Streamlit 1.67 keeps every widget key a session has used, with the widget's metadata, until
    the key is reused or deleted, so a fresh key on each key press grew the session without end
    (about seven entries a press of the all-groups slider; found by the soak in bench/).
    Deleting the key from st.session_state drops its value and key mapping; the metadata is
    only reachable through Streamlit's internals, so it is dropped there when they are as
    expected, and otherwise left (tests/test_buyback_page.py checks the session stays bounded).
    A stale value the browser still sends for the old key is then ignored: Streamlit skips
    widgets it has no metadata for."""
    widget_id, metadata = _widget_metadata_of(key)
    if key in st.session_state:
        del st.session_state[key]
    if metadata is not None and widget_id is not None:
        metadata.pop(widget_id, None)


def _widget_metadata_of(key: str) -> tuple[str | None, dict[str, Any] | None]:
    """The widget id of ``key`` and Streamlit's widget-metadata table, or Nones."""
    try:
        from streamlit.runtime.state.session_state_proxy import get_session_state

        state = get_session_state()._state
        table = state._new_widget_state.widget_metadata
        widget_id = state.get_widget_id_from_key(key)
    except Exception:  # Streamlit's internals changed: keep the metadata
        return None, None
    return (widget_id, table) if isinstance(table, dict) else (None, None)


def _set_scenario(new: Scenario, *, except_widget: str | None = None) -> None:
    """Make ``new`` the scenario and bring every other widget into line with it."""
    st.session_state[SCENARIO] = new
    st.session_state.pop(NOTICES, None)
    push_to_widgets(new, except_widget=except_widget)


def push_to_widgets(s: Scenario, *, except_widget: str | None = None) -> None:
    """Write the scenario into the widgets (call only before they are drawn); ``except_widget``
    is the one the user just operated, left alone."""
    m = model()
    shown = shown_group_ids()
    values: dict[str, Any] = {}
    for gid in shown:
        pct = _pct(s.levels[gid])
        values[slider_key(gid)] = round(pct)
        values[box_key(gid)] = float(pct)
    overall = overall_pct(s)
    values[ALL_SLIDER] = round(overall)
    values[ALL_BOX] = float(overall)
    current = m.assumption_values(s)
    for aid in m.assumption_ids_for(shown):
        values[assumption_key(aid)] = float(current[aid])
    values[NAME] = s.name
    for base, value in values.items():
        if base != except_widget:
            set_widget(base, value)


def overall_pct(s: Scenario) -> float:
    """The buy-back across all groups (the share of at-risk FTE kept), to 0.1%. The all-groups
    control shows it, so anything typed there is a change: with groups at 60/60/40 it reads
    48.0%, and typing 100 moves every group to 100%."""
    m = model()
    pool = sum(m.at_risk_fte.values())
    kept = sum(s.levels[g] * m.at_risk_fte[g] for g in m.group_ids)
    return round(100 * kept / pool, 1) if pool else _pct(next(iter(s.levels.values()), 1.0))


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


def on_shown() -> None:
    st.session_state[SHOWN] = tuple(st.session_state.get(SHOWN_SELECT) or ())


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
        m = model()
        s, notices = sio.from_query(m, query_params_dict())
        ss[SCENARIO] = s
        if notices:
            ss[NOTICES] = notices
        ss.setdefault(COMPARE, [])
        push_to_widgets(s)
        ss[INIT] = True
    ensure_widget_state()


def write_url(s: Scenario) -> None:
    """Keep the scenario in the URL: set our keys, drop stale ones, leave other pages' keys alone."""
    wanted = sio.to_query(model(), s)
    current = query_params_dict()
    ours = {k: v for k, v in current.items() if sio.is_scenario_key(k)}
    if ours == wanted:
        return
    for key in ours:
        if key not in wanted:
            del st.query_params[key]
    st.query_params.update({k: v for k, v in wanted.items() if current.get(k) != v})


def share_link(s: Scenario) -> str:
    """The address that reproduces this scenario (page URL when the browser has told us it)."""
    query = urllib.parse.urlencode(sio.to_query(model(), s), quote_via=urllib.parse.quote)
    try:
        base = st.context.url
    except Exception:  # no browser context (AppTest, bare mode)
        base = None
    return f"{base or ''}?{query}"


# --- callbacks (run before the script, so they may write widget state) -------------------------


def _with_level(gid: str, pct: float) -> Scenario:
    s = scenario()
    pct = min(max(pct, 0.0), MAX_LEVEL * 100)
    return sio.make_scenario(model(), s.levels | {gid: pct / 100}, s.assumptions, s.name)


# Each callback ignores a value equal to what the scenario already shows: Streamlit can report a
# widget given a fresh key (above) as "changed" to the value the code gave it, and acting on that
# would, for instance, turn groups at 60/60/40 into 48/48/48 through the all-groups control.


def on_slider(gid: str) -> None:
    value = widget_value(slider_key(gid))
    if value is None or int(value) == round(_pct(scenario().levels[gid])):
        return
    _set_scenario(_with_level(gid, float(value)), except_widget=slider_key(gid))


def on_box(gid: str) -> None:
    raw = widget_value(box_key(gid))
    if raw is None:  # the box was cleared: put the current value back
        push_to_widgets(scenario())
        return
    if float(raw) == _pct(scenario().levels[gid]):
        return
    new = _with_level(gid, float(raw))
    # Keep the box as typed unless the level was clamped or rounded to 0.1%.
    typed_ok = float(raw) == _pct(new.levels[gid])
    _set_scenario(new, except_widget=box_key(gid) if typed_ok else None)


def _all_at(pct: float) -> Scenario:
    s = scenario()
    level = min(max(pct, 0.0), MAX_LEVEL * 100) / 100
    return sio.make_scenario(model(), model().uniform(level, s).levels, s.assumptions, s.name)


def on_all_slider() -> None:
    value = widget_value(ALL_SLIDER)
    if value is None or int(value) == round(overall_pct(scenario())):
        return
    _set_scenario(_all_at(float(value)), except_widget=ALL_SLIDER)


def on_all_box() -> None:
    raw = widget_value(ALL_BOX)
    if raw is None:
        push_to_widgets(scenario())
        return
    if float(raw) == overall_pct(scenario()):
        return
    new = _all_at(float(raw))
    typed_ok = float(raw) == overall_pct(new)
    _set_scenario(new, except_widget=ALL_BOX if typed_ok else None)


def on_reset_levels() -> None:
    """Back to the proposal's buy-back (the assumption, 100% by default); assumptions kept."""
    _set_scenario(_all_at(model().assumption_values(scenario())["proposal_buyback_pct"]))


def on_assumption(aid: str) -> None:
    spec = model().assumptions[aid]
    raw = widget_value(assumption_key(aid))
    s = scenario()
    if raw is not None and float(raw) == model().assumption_values(s)[aid]:
        return
    value = spec.default if raw is None else spec.clamp(float(raw))
    new = sio.make_scenario(model(), s.levels, s.assumptions | {aid: value}, s.name)
    _set_scenario(new, except_widget=None if raw is None else assumption_key(aid))


def on_reset_assumptions() -> None:
    s = scenario()
    _set_scenario(sio.make_scenario(model(), s.levels, {}, s.name))


def on_name() -> None:
    s = scenario()
    name = sio.clean_name(str(widget_value(NAME) or ""))
    if name == s.name:
        return
    _set_scenario(Scenario(s.levels, s.assumptions, name), except_widget=NAME)


def on_upload() -> None:
    """Validate an uploaded scenario file; on any problem keep the current scenario."""
    ss = st.session_state
    uploaded = ss.get(upload_key())
    if uploaded is None:
        return
    label = plain_text(str(uploaded.name))[:80] or "uploaded file"
    try:
        new = sio.from_yaml(model(), uploaded.getvalue(), label)
    except DataError as exc:
        ss[UPLOAD] = ([str(p) for p in exc.problems], label)
        return
    _set_scenario(new)
    ss[UPLOAD] = ([], label)
    ss[UPLOAD_GEN] = ss.get(UPLOAD_GEN, 0) + 1  # a fresh, empty uploader


# --- comparison -------------------------------------------------------------------------------


def _unique(name: str, taken: list[str]) -> str:
    if name not in taken:
        return name
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"[: sio.MAX_NAME_CHARS + 5]


def on_compare_add() -> None:
    ss = st.session_state
    saved: list[tuple[str, Scenario]] = list(ss.get(COMPARE, []))
    if len(saved) >= MAX_COMPARE:
        ss[COMPARE_MSG] = (
            f"You can compare up to {MAX_COMPARE} scenarios. Remove one before adding another."
        )
        return
    s = scenario()
    name = _unique(s.name or f"Scenario {len(saved) + 1}", [n for n, _ in saved])
    saved.append((name, s))
    ss[COMPARE] = saved
    ss[COMPARE_MSG] = f"Added “{name}” to the comparison."


def on_compare_remove(index: int) -> None:
    ss = st.session_state
    saved = list(ss.get(COMPARE, []))
    if 0 <= index < len(saved):
        name, _ = saved.pop(index)
        ss[COMPARE_MSG] = f"Removed “{name}” from the comparison."
    ss[COMPARE] = saved


def on_compare_load(index: int) -> None:
    ss = st.session_state
    saved = ss.get(COMPARE, [])
    if 0 <= index < len(saved):
        name, s = saved[index]
        _set_scenario(Scenario(s.levels, s.assumptions, s.name or name))
        ss[COMPARE_MSG] = f"Showing “{name}” in the controls above."


def compare_results(saved: list[tuple[str, Scenario]]) -> list[tuple[str, Any]]:
    m = model()
    return [(name, m.evaluate(s)) for name, s in saved]


def group_levels_rows(saved: list[tuple[str, Scenario]]) -> Mapping[str, list[float]]:
    m = model()
    return {
        f"Buy-back %, {bt.in_sentence(g.label)}": [round(s.levels[g.id] * 100, 1) for _, s in saved]
        for g in m.groups
    }


# --- rendering --------------------------------------------------------------------------------


def _section() -> str:
    """The report section the model's figures come from (the dataset the model was built on)."""
    return st.session_state[MODEL_FOR][0].section


def _source_fte() -> str:
    return bt.source_fte(model(), _section())


def _source_money() -> str:
    return bt.source_money(model(), _section())


def _assumption_value_text(value: float, unit: str) -> str:
    if unit in ("gbp_per_fte", "gbp", "gbp_one_off"):
        return f"£{value:,.0f}"
    if unit == "pct":
        return f"{value:g}%"
    if unit == "fte":
        return f"{value:.2f} FTE"
    return f"{value:g}"


TILE_WIDTH = 205
# Pixels a character of a tile's value takes on average (digits in Streamlit's metric font, about
# 2.25rem): tiles widen for long values ("3,332.00 of 3,332.00" at 100x the data).
VALUE_CHAR_PX = 14


def tile_width(values: list[str]) -> int:
    """One width for every tile: TILE_WIDTH, or wider so that the longest value is not cut."""
    longest = max((len(v) for v in values), default=0)
    return max(TILE_WIDTH, VALUE_CHAR_PX * longest + 12)


def _metric(label: str, value: str, change: float, delta: str, help_text: str, width: int) -> None:
    """A tile whose change against the proposal is in words and an arrow, never colour alone."""
    same = not delta or delta == bt.NO_CHANGE
    st.metric(
        md(label),
        value,
        delta=md(delta) if delta else None,
        delta_color="off",
        delta_arrow="off" if same else ("up" if change > 0 else "down"),
        delta_description="vs proposal",
        help=md(help_text),
        border=True,
        width=width,
    )


def _tiles(result: ScenarioResult, proposal: ScenarioResult) -> None:
    share_change = (
        None
        if result.traded_share_pct is None or proposal.traded_share_pct is None
        else result.traded_share_pct - proposal.traded_share_pct
    )
    now = result.traded_share_now_pct
    tiles = [
        (
            "At-risk FTE redundant",
            fte(result.redundant_fte),
            result.redundant_fte - proposal.redundant_fte,
            bt.delta_fte(result.redundant_fte - proposal.redundant_fte),
            f"Of {fte(result.at_risk_fte)} FTE at risk; on top of the"
            f" {fte(result.confirmed_redundant_fte)} FTE the proposal makes redundant whatever"
            " schools buy. FTE, not headcount.",
        ),
        (
            "At-risk FTE kept",
            f"{fte(result.retained_fte)} of {fte(result.at_risk_fte)}",
            result.retained_fte - proposal.retained_fte,
            bt.delta_fte(result.retained_fte - proposal.retained_fte),
            "FTE of the at-risk posts schools buy back; above 100% buy-back the team grows.",
        ),
        (
            "Traded income needed",
            money_m(result.traded_income_m),
            result.traded_income_m - proposal.traded_income_m,
            bt.delta_money(result.traded_income_m - proposal.traded_income_m),
            "What schools and other customers must pay a year for the posts kept: direct staff cost"
            " × the traded charge (ASSUMPTION).",
        ),
        (
            f"Traded share ({pct(now, 0)} today)",
            pct(result.traded_share_pct),
            share_change or 0.0,
            bt.delta_points(share_change),
            f"Traded income needed as a share of the service's cost. Today {pct(now, 0)} of"
            " the budget is traded (cabinet report).",
        ),
        (
            f"Saving ({money_m(result.proposed_saving_m)} proposed)",
            money_m(result.saving_m),
            result.saving_change_m,
            bt.delta_money(result.saving_change_m),
            f"Against the {money_m(result.proposed_saving_m)} the report proposes. Each FTE kept"
            " changes the council's net cost by its cost less the traded income it earns"
            " (ASSUMPTIONS).",
        ),
        (
            "Redundancy cost (one-off)",
            money_m(result.redundancy_cost_m),
            result.redundancy_cost_m - proposal.redundancy_cost_m,
            bt.delta_money(result.redundancy_cost_m - proposal.redundancy_cost_m),
            "ASSUMPTION: redundant at-risk FTE × one-off redundancy cost per FTE. The"
            f" {fte(result.confirmed_redundant_fte)} FTE confirmed redundancies add"
            f" {money_m(result.confirmed_redundancy_cost_m)} whatever schools buy.",
        ),
        (
            f"Service FTE ({fte(result.service_fte_now)} now)",
            fte(result.service_fte_after),
            result.service_fte_after - proposal.service_fte_after,
            bt.delta_fte(result.service_fte_after - proposal.service_fte_after),
            f"SEN Support Services: {fte(result.service_fte_now)} FTE today (cabinet report);"
            f" {fte(proposal.service_fte_after)} FTE in the proposal.",
        ),
        (
            "Service cost",
            money_m(result.service_cost_m),
            result.service_cost_m - proposal.service_cost_m,
            bt.delta_money(result.service_cost_m - proposal.service_cost_m),
            f"Proposed cost {money_m(result.proposed_cost_m)} (cabinet report), plus or minus"
            " the direct cost of each FTE kept above or below the proposal (ASSUMPTION).",
        ),
    ]
    width = tile_width([tile[1] for tile in tiles])
    # One wrapping row of fixed-width tiles (two a line in the output column) rather than a
    # row of columns per pair: every block is redrawn on each key press.
    with st.container(horizontal=True, gap="small"):
        for tile in tiles:
            _metric(*tile, width=width)


def _group_card(group: AtRiskGroup, at_risk_fte: float) -> DeltaGenerator:
    """The parts of a group's card that do not depend on the buy-back (drawn on full runs only);
    returns the placeholder the fragment fills with the controls and their results."""
    with st.container(border=True):
        st.markdown(f"#### {md(group.label)}")
        posts = group.posts.value if group.posts is not None else None
        st.markdown(
            md(
                f"{fte(at_risk_fte)} FTE at risk"
                + (f" ({posts:g} posts)" if posts is not None else " (posts not itemised)")
                + f" · {group.team} · {group.post_type}"
            )
        )
        slot = st.container()
        with st.expander("What the report says: what is at risk and why"):
            for quote in group.report_words:
                st.markdown(f"> {md(quote)}")
            if group.derived and group.derivation:
                st.caption(md(f"Derived: {group.derivation}"))
            st.caption(
                "Cabinet report appendix, section “Special Educational Needs (SEN) Support"
                " Services”."
            )
        _drilldown_link()
    return slot


BOX_WIDTH = 140


def _level_controls(
    label: str,
    slider_base: str,
    box_base: str,
    *,
    on_slider: Callable[..., None],
    on_box: Callable[..., None],
    args: tuple[str, ...],
    slider_help: str,
    box_help: str,
) -> None:
    """A buy-back slider (whole %) and its exact box (to 0.1%) side by side. A horizontal
    container, not columns: one block instead of three, redrawn on each key press."""
    with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
        st.slider(
            label,
            min_value=0,
            max_value=int(MAX_LEVEL * 100),
            step=1,
            format="%d%%",
            key=wkey(slider_base),
            on_change=on_slider,
            args=args,
            help=slider_help,
        )
        st.number_input(
            "Exact %",
            min_value=0.0,
            max_value=MAX_LEVEL * 100,
            step=0.1,
            format="%.1f",
            key=wkey(box_base),
            on_change=on_box,
            args=args,
            help=box_help,
            width=BOX_WIDTH,
        )


def _group_controls(group: AtRiskGroup, outcome: GroupOutcome) -> None:
    """A group's slider and exact box, and what its level means (redrawn on every key press)."""
    _level_controls(
        f"{group.label}: buy-back",
        slider_key(group.id),
        box_key(group.id),
        on_slider=on_slider,
        on_box=on_box,
        args=(group.id,),
        slider_help="% of today's at-risk posts bought back: 0% closes the group, 100% keeps"
        " every post, above 100% expands it.",
        box_help=f"{group.label}: type an exact buy-back level, to 0.1%.",
    )
    kept = (
        f"**Kept {md(fte(outcome.retained_fte))} FTE · redundant"
        f" {md(fte(outcome.redundant_fte))} FTE"
        + (
            f" · expansion {md(fte(outcome.expansion_fte))} FTE"
            if outcome.expansion_fte > 0
            else ""
        )
        + "**"
    )
    viability = bt.viability_text(outcome)
    warn = outcome.below_min_viable or outcome.closed
    # One element where one will do: everything here is redrawn on every key press.
    st.markdown(
        f"{kept}\n\n{md(bt.break_even_text(outcome))}" + ("" if warn else f"\n\n{md(viability)}")
    )
    if warn:
        st.warning(md(viability), icon=":material/warning:")


def _drilldown_link() -> None:
    try:
        st.page_link(
            SERVICE_PAGE,
            label="SEN Support Services drilldown",
            icon=":material/arrow_forward:",
            query_params={"service": "sen_support"},
        )
    except StreamlitAPIException:  # the page is run on its own, outside app.py's navigation
        st.markdown("[SEN Support Services drilldown](service?service=sen_support)")


def _group_chooser() -> tuple[str, ...]:
    """With more groups than MAX_GROUP_CARDS, a chooser of the groups to set one by one; returns
    the groups to draw."""
    m = model()
    shown = shown_group_ids()
    if len(m.groups) <= MAX_GROUP_CARDS:
        return shown
    ss = st.session_state
    if ss.get(SHOWN_SELECT) is None or tuple(ss[SHOWN_SELECT]) != shown:
        ss[SHOWN_SELECT] = list(shown)  # first visit, or back from another page
    labels = {g.id: g.label for g in m.groups}
    with st.container(border=True):
        st.markdown("#### Groups to set one by one")
        st.multiselect(
            f"Choose up to {MAX_GROUP_CARDS} of the {len(m.groups)} groups",
            options=m.group_ids,
            format_func=lambda gid: labels.get(gid, gid),
            key=SHOWN_SELECT,
            max_selections=MAX_GROUP_CARDS,
            on_change=on_shown,
            placeholder="Choose groups",
        )
        st.caption(
            f"There are {len(m.groups)} at-risk groups, too many for a control each; the"
            f" {MAX_GROUP_CARDS} with the most FTE at risk are shown to begin with. Groups not"
            " shown keep their buy-back and assumptions; the all-groups control moves them all."
        )
    return shown


def _all_groups_control() -> None:
    _level_controls(
        "All groups: buy-back",
        ALL_SLIDER,
        ALL_BOX,
        on_slider=on_all_slider,
        on_box=on_all_box,
        args=(),
        slider_help="Shows the buy-back across all groups (the share of at-risk FTE kept);"
        " moving it sets every group to that level. Then fine-tune each group below.",
        box_help="All groups: type an exact buy-back level, to 0.1%.",
    )
    st.button(
        "Reset to the proposal",
        key="bb:reset_levels",
        on_click=on_reset_levels,
        icon=":material/restart_alt:",
        help="Every group back to the buy-back the proposal assumes (100% unless you"
        " changed that assumption). Assumptions are kept.",
    )


FTE_CHART = (
    "Posts kept and lost in each group",
    "FTE of today's at-risk posts kept (bought back) and made redundant, by group, in this"
    " scenario.",
)
CURVE_CHART = (
    "Saving and traded income at each buy-back level",
    "£m a year with every group at the same buy-back, 0% to 150%; this scenario marked with"
    " diamonds. Money rests on ASSUMPTIONS.",
)
CURVE_NOTE = (
    "The diamonds sit at the share of at-risk FTE this scenario keeps. With groups at different"
    " levels they can sit just off the lines, because groups cost different amounts per FTE."
)


def _chart_head(title: str, subtitle: str, anchor: str) -> DeltaGenerator:
    """A chart's active title and subtitle (ui.blocks.chart_block's order); returns the place
    for the chart itself, which the fragment redraws."""
    st.subheader(md(title), anchor=anchor)
    st.markdown(md(subtitle))
    return st.container()


def _chart_layout(s: Scenario) -> tuple[DeltaGenerator, DeltaGenerator]:
    """Both charts' blocks in ui.blocks.chart_block's order (title, subtitle, chart, notes, data
    table, CSV, source). Only the parts that move with the buy-back are left to the fragment:
    the curve's table depends on the assumptions alone, which change only on a full run."""
    fte_slot = _chart_head(*FTE_CHART, "bb_fte")
    source_line(_source_fte())
    curve_slot = _chart_head(*CURVE_CHART, "bb_curve")
    st.caption(md(CURVE_NOTE))
    table = curve_table(curve(s))
    with table_expander("bb_curve") as shown:
        if shown:
            data_table(table)
    csv_button(table, file_name="bb_curve", key="csv_bb_curve")
    source_line(_source_money())
    return fte_slot, curve_slot


def _fte_chart(result: ScenarioResult) -> None:
    st.plotly_chart(
        ready_figure(fte_figure(result)),
        theme=None,
        width="stretch",
        key="chart_bb_fte",
        config=present.plotly_config(),
        alt=(
            f"Stacked bar chart: of {fte(result.at_risk_fte)} FTE at risk,"
            f" {fte(result.retained_fte)} FTE kept and {fte(result.redundant_fte)} FTE"
            " redundant, shown for each of the three groups."
        ),
    )
    rows = fte_table_rows(result)
    with table_expander("bb_fte") as shown:
        if shown:
            record_table(rows)
    csv_button(pd.DataFrame(rows), file_name="bb_fte", key="csv_bb_fte", deferred=True)


def _curve_chart(s: Scenario, result: ScenarioResult) -> None:
    st.plotly_chart(
        ready_figure(curve_figure(curve(s), result, _proposal_pct(s))),
        theme=None,
        width="stretch",
        key="chart_bb_curve",
        config=present.plotly_config(),
        alt=(
            "Line chart: the saving and the traded income needed rise with buy-back; this"
            f" scenario gives a saving of {money_m(result.saving_m)} and needs"
            f" {money_m(result.traded_income_m)} of traded income."
        ),
    )


def _proposal_pct(s: Scenario) -> float:
    return model().assumption_values(s)["proposal_buyback_pct"]


def _share_frame() -> DeltaGenerator:
    """The unchanging part of the share box (full runs); returns the place for the link."""
    with st.container(border=True):
        st.markdown("#### Send or save this scenario")
        st.markdown(
            "This link reproduces the scenario exactly (every level and every changed"
            " assumption). Copy it with the button at its right-hand end, or save a file."
        )
        return st.container()


def _share(s: Scenario) -> None:
    """The link and the file for this scenario (every key press)."""
    st.code(share_link(s), language=None, wrap_lines=True)
    name = s.name or "buyback-scenario"
    m = model()
    st.download_button(
        "Download scenario (YAML)",
        # Made when the button is pressed (Streamlit's deferred download), not on every key
        # press; the model and scenario are immutable, so the file is this scenario's.
        data=lambda: sio.to_yaml(m, s).encode("utf-8"),
        file_name=f"{_file_slug(name)}.yaml",
        mime="application/x-yaml",
        key="bb:download_yaml",
        icon=":material/download:",
        on_click="ignore",
    )


def _file_slug(name: str) -> str:
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in name.lower())
    return "-".join(part for part in slug.split("-") if part)[:50] or "buyback-scenario"


@dataclass(frozen=True)
class Slots:
    """Placeholders drawn on a full run and filled by the fragment on every key press."""

    all_groups: DeltaGenerator
    groups: dict[str, DeltaGenerator]
    sentence: DeltaGenerator
    tiles: DeltaGenerator
    share: DeltaGenerator
    fte_chart: DeltaGenerator
    curve_chart: DeltaGenerator


def layout() -> Slots:
    """Everything around the controls and results that does not change with the buy-back: drawn
    once per full run, so a key press redraws only what it changes."""
    m = model()
    controls, outputs = st.columns([11, 10], gap="large")
    with controls:
        st.header("Set the buy-back", anchor="set-buy-back")
        st.markdown(
            "Buy-back is the share of today's at-risk posts that schools and other customers"
            " pay for: **100%** keeps them all (the proposal), **0%** makes them all redundant,"
            " above 100% grows the team. Drag a slider, use the arrow keys, or type a figure."
        )
        with st.container(border=True):
            st.markdown("#### All groups together")
            all_groups = st.container()
        shown = set(_group_chooser())
        groups = {g.id: _group_card(g, m.at_risk_fte[g.id]) for g in m.groups if g.id in shown}
    s = scenario()
    with outputs:
        st.header("What this scenario means", anchor="what-it-means")
        with st.container(border=True):
            sentence = st.container()
        tiles = st.container()
        st.caption(
            "Changes are against the proposal (every group at"
            f" {bt.level_pct(_proposal_pct(s) / 100)} buy-back) with the same assumptions."
        )
        share = _share_frame()
    fte_slot, curve_slot = _chart_layout(s)
    return Slots(all_groups, groups, sentence, tiles, share, fte_slot, curve_slot)


@st.fragment
def interactive(slots: Slots) -> None:
    """Controls and everything they drive: a key press on a slider reruns only this fragment,
    which writes into the placeholders ``layout`` drew."""
    s = scenario()
    m = model()
    result = m.evaluate(s)
    proposal = m.evaluate(m.uniform(_proposal_pct(s) / 100, s))
    groups = {g.id: g for g in m.groups}
    with slots.all_groups:
        _all_groups_control()
    for outcome in result.groups:
        if outcome.group_id in slots.groups:
            with slots.groups[outcome.group_id]:
                _group_controls(groups[outcome.group_id], outcome)
    with slots.sentence:
        st.markdown(md(bt.scenario_sentence(result)))
    with slots.tiles:
        _tiles(result, proposal)
    with slots.share:
        _share(s)
    with slots.fte_chart:
        _fte_chart(result)
    with slots.curve_chart:
        _curve_chart(s, result)
    write_url(s)


def _notices() -> None:
    notices = st.session_state.get(NOTICES) or []
    if not notices:
        return
    shown = notices[:MAX_NOTICES]
    more = len(notices) - len(shown)
    lines = "\n".join(f"- {md(n)}" for n in shown)
    st.warning(
        "Some settings in the link could not be used as given:\n\n"
        + lines
        + (f"\n- …and {more} more." if more > 0 else ""),
        icon=":material/link_off:",
    )


def _compare_section() -> None:
    st.header("Compare scenarios", anchor="compare")
    st.markdown(
        f"Name the scenario set above and add it here; up to {MAX_COMPARE} side by side. Kept"
        " for this browser session only."
    )
    cols = st.columns([3, 2], vertical_alignment="bottom")
    with cols[0]:
        st.text_input(
            "Scenario name",
            key=wkey(NAME),
            max_chars=sio.MAX_NAME_CHARS,
            on_change=on_name,
            placeholder="e.g. Autism 60%, behaviour 40%",
            help="Also saved in the link and the YAML file.",
        )
    with cols[1]:
        st.button(
            "Add this scenario to the comparison",
            key="bb:compare_add",
            on_click=on_compare_add,
            icon=":material/add:",
            width="stretch",
        )
    message = st.session_state.pop(COMPARE_MSG, None)
    if message:
        if message.startswith("You can compare"):
            st.warning(md(message), icon=":material/block:")
        else:
            st.info(md(message), icon=":material/info:")
    saved: list[tuple[str, Scenario]] = st.session_state.get(COMPARE, [])
    if not saved:
        st.caption("No scenarios added yet.")
        return
    for i, (name, _) in enumerate(saved):
        row = st.columns([6, 2, 2], vertical_alignment="center")
        with row[0]:
            st.markdown(f"**{i + 1}. {md(name)}**")
        with row[1]:
            st.button(
                "Show in the controls",
                key=f"bb:compare_load:{i}",
                on_click=on_compare_load,
                args=(i,),
                icon=":material/upload:",
                help=f"Set the controls above to “{md(name)}”.",
                width="stretch",
            )
        with row[2]:
            st.button(
                "Remove",
                key=f"bb:compare_remove:{i}",
                on_click=on_compare_remove,
                args=(i,),
                icon=":material/delete:",
                help=f"Remove “{md(name)}” from the comparison.",
                width="stretch",
            )
    named = compare_results(saved)
    st.subheader("Compared scenarios: saving, income and redundancy cost", anchor="bb_compare")
    st.markdown(
        "£m: saving and traded income a year, redundancy cost once, for each named scenario."
        " Money rests on ASSUMPTIONS."
    )
    st.plotly_chart(
        ready_figure(compare_figure(named)),
        theme=None,
        width="stretch",
        key="chart_bb_compare",
        config=present.plotly_config(),
        alt="Grouped bar chart comparing the saving, traded income needed and one-off"
        " redundancy cost of the named scenarios.",
    )
    numbers = compare_numbers(saved, named)
    # Rows mix units, so each cell is written in its row's unit (the CSV keeps the numbers).
    data_table(compare_display(numbers), formatters={c: str for c in numbers.columns})
    row = st.columns([1, 3], vertical_alignment="center")
    with row[0]:
        csv_button(numbers, file_name="buyback_compared_scenarios", key="csv_bb_compare")
    with row[1]:
        source_line(_source_money())


def compare_numbers(
    saved: list[tuple[str, Scenario]], named: list[tuple[str, ScenarioResult]]
) -> pd.DataFrame:
    """compare_frame with each group's buy-back % first: one column per scenario, numbers."""
    levels = pd.DataFrame(
        [
            {"Output": label} | dict(zip([n for n, _ in named], values, strict=True))
            for label, values in group_levels_rows(saved).items()
        ]
    )
    return pd.concat([levels, compare_frame(named)], ignore_index=True)


def compare_display(numbers: pd.DataFrame) -> pd.DataFrame:
    """Every cell written in its row's unit (£m, FTE, %), for the on-screen table."""
    out = numbers.copy().astype(object)
    for idx, row in numbers.iterrows():
        label = str(row["Output"])
        for col in numbers.columns[1:]:
            value = row[col]
            if "£m" in label:
                text = signed_money_m(value) if label.startswith("Change") else money_m(value)
            elif label.endswith("%") or label.startswith("Buy-back %"):
                text = pct(value)
            elif "FTE" in label:
                text = fte(value)
            else:
                text = f"{value:g}"
            out.at[idx, col] = text
    return out


def _upload_section() -> None:
    st.header("Open a saved scenario", anchor="open")
    st.file_uploader(
        "Upload a scenario file saved from this page (.yaml or .yml; files over 64 KB are refused)",
        type=["yaml", "yml"],
        key=upload_key(),
        on_change=on_upload,
        help="A file saved with “Download scenario (YAML)”. It is checked before use; if"
        " anything is wrong, nothing changes.",
    )
    problems, label = st.session_state.pop(UPLOAD, ((), ""))
    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        st.error(
            f"“{md(label)}” was not used: the scenario above is unchanged."
            f" {len(problems)} problem{'s' if len(problems) != 1 else ''} found:\n\n"
            + "\n".join(f"- {md(p)}" for p in shown)
            + (f"\n- …and {more} more." if more > 0 else ""),
            icon=":material/error:",
        )
    elif label:
        st.success(f"Opened “{md(label)}”.", icon=":material/check:")


ASSUMPTION_SECTIONS = (
    ("Cost per FTE (a year, salary plus employer on-costs)", ("cost_per_fte.",)),
    (
        "Traded charge, and the buy-back the {proposed_cost} assumes",
        ("traded_charge_pct", "proposal_"),
    ),
    ("Fixed costs kept whatever schools buy (a year)", ("fixed_cost.",)),
    ("One-off redundancy cost", ("redundancy_cost",)),
    ("Minimum viable team", ("min_viable_fte.",)),
)


def _assumption_sections(ids: list[str]) -> list[tuple[str, list[str]]]:
    """Assumptions under short headings, in data order; any not matched go under "Other"."""
    out: list[tuple[str, list[str]]] = []
    placed: set[str] = set()
    for template, prefixes in ASSUMPTION_SECTIONS:
        title = template.format(proposed_cost=money_m(model().proposed_cost_m))
        members = [a for a in ids if a.startswith(prefixes) and a not in placed]
        placed.update(members)
        if members:
            out.append((title, members))
    rest = [a for a in ids if a not in placed]
    if rest:
        out.append(("Other", rest))
    return out


def _assumption_card(aid: str, spec: Assumption, changed: bool) -> None:
    integer_like = spec.unit in ("gbp_per_fte", "gbp", "gbp_one_off", "pct")
    with st.container(border=True):
        st.number_input(
            f"ASSUMPTION · {spec.label} ({UNITS.get(spec.unit, spec.unit)})",
            min_value=float(spec.min),
            max_value=float(spec.max),
            step=float(spec.step),
            format="%.0f" if integer_like else "%.2f",
            key=wkey(assumption_key(aid)),
            on_change=on_assumption,
            args=(aid,),
        )
        st.markdown(
            md(
                f"Default {_assumption_value_text(spec.default, spec.unit)}; range"
                f" {_assumption_value_text(spec.min, spec.unit)} to"
                f" {_assumption_value_text(spec.max, spec.unit)}."
            )
            + (" **Changed from the default.**" if changed else "")
        )
        st.caption(md(f"Why this default: {spec.reason}"))


def _assumptions_section() -> None:
    s = scenario()
    m = model()
    changed = len(s.assumptions)
    st.header("Assumptions", anchor="assumptions")
    st.markdown(
        "**These figures are ASSUMPTIONS, not from the report.** They drive every £ figure on"
        " this page. Each has a default, a plausible range and the reason for its default;"
        " change any of them here (the change goes into the link)."
    )
    cols = st.columns([1, 3], vertical_alignment="center")
    with cols[0]:
        st.button(
            "Reset assumptions to defaults",
            key="bb:reset_assumptions",
            on_click=on_reset_assumptions,
            icon=":material/restart_alt:",
            disabled=changed == 0,
            help="Buy-back levels are kept.",
        )
    with cols[1]:
        st.caption(
            f"{changed} assumption{'s' if changed != 1 else ''} changed from the default."
            if changed
            else "All assumptions are at their defaults."
        )
    shown = shown_group_ids()
    if len(shown) < len(m.groups):
        st.caption(
            md(
                "Shown: the assumptions every group shares and those of the"
                f" {len(shown)} group{'s' if len(shown) != 1 else ''} chosen above; the other"
                f" {len(m.groups) - len(shown)} groups keep theirs."
            )
        )
    for title, ids in _assumption_sections(m.assumption_ids_for(shown)):
        st.subheader(md(title), anchor=False)
        for start in range(0, len(ids), 2):
            row = st.columns(2, gap="medium")
            for col, aid in zip(row, ids[start : start + 2], strict=False):
                with col:
                    _assumption_card(aid, m.assumptions[aid], aid in s.assumptions)


def _method_section() -> None:
    with st.expander("How the model works", icon=":material/functions:"):
        st.markdown(md(bt.method_text(model(), _proposal_pct(scenario()))))


def render(dataset: Dataset) -> None:
    """The whole buy-back page (after ui.layout.page_setup)."""
    use_dataset(dataset)
    init_state()
    _notices()
    interactive(layout())
    _compare_section()
    _upload_section()
    _assumptions_section()
    _method_section()
