"""Harness for the buy-back panel (tests and benchmarks): the component alone, on the real dataset
(or REDESIGN_DATA_DIR), in an st.fragment as the buy-back page has it, with the settled scenario
printed as JSON (``[data-testid="stCode"]``) and a Python button that changes the scenario.

``?shown=8``: with more groups than that, only the largest get their own controls (as the page).
Run: ``python -m streamlit run tests/support/panel_app/app.py`` (from the repo root).
"""

import json

import streamlit as st

from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel
from redesign.buyback.panel import panel_spec
from ui.components import buyback_panel as panel

KEY = "bbp"
MAX_SHOWN = 8


@st.cache_resource
def model() -> BuybackModel:
    return BuybackModel(load_dataset())


st.set_page_config(page_title="Buy-back panel harness", layout="wide")
m = model()
ss = st.session_state
if "scenario" not in ss:
    ss.scenario = m.default_scenario()


def reset() -> None:
    ss.scenario = sio.make_scenario(m, m.uniform(0.5).levels)


@st.fragment
def interactive() -> None:
    settled = panel.take_settled(KEY)
    if settled is not None:
        ss.scenario = sio.make_scenario(m, settled, ss.scenario.assumptions)
    s = ss.scenario
    shown = m.largest_groups(MAX_SHOWN)
    if ss.get("spec_for") != (s.assumptions, shown):
        ss.spec = panel_spec(m, s, shown)
        ss.spec_for = (s.assumptions, shown)
    left, right = st.columns([11, 10], gap="large")
    with left:
        st.subheader("Set the buy-back")
        panel.controls(KEY, ss.spec, s.levels)
        for gid in shown:
            with st.container(border=True):
                panel.group(KEY, gid)
    with right:
        st.subheader("What this scenario means")
        panel.tiles(KEY)
        st.code(json.dumps({"levels": s.levels}, sort_keys=True), language=None)
    st.subheader("Posts kept and lost in each group")
    panel.fte_chart(KEY)
    st.subheader("Saving and traded income at each buy-back level")
    panel.curve_chart(KEY)


st.title("Buy-back panel")
st.button("Set every group to 50% (from Python)", on_click=reset, key="reset")
interactive()
