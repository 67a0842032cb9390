"""The buy-back page laid out: ``layout`` draws what does not change with the buy-back on full runs,
leaving placeholders that the fragment ``interactive`` fills on every key press; ``render`` draws
the whole page."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from redesign import Dataset
from redesign.buyback import text as bt
from redesign.buyback import view as bv
from redesign.buyback.model import BuybackModel
from ui.blocks import md
from ui.briefing import briefing_downloads, live_scenario
from ui.present import presenting

from . import assumptions, comparison, controls, library, panel, results, upload
from . import state as bs

# Presentation mode's first screen holds eight tiles two rows high: headline figures at the
# smallest projector size (CONVENTIONS.md: 48 px), labels at the body's 20 px, little padding.
PROJECTOR_CSS = """<style>
.st-key-bb_tiles [data-testid="stMetricValue"], .st-key-bb_tiles [data-testid="stMetricValue"] * {
  font-size: 48px !important;
}
.st-key-bb_tiles [data-testid="stMetric"] { padding: 2px 6px 4px 6px; }
.st-key-bb_tiles [data-testid="stMetric"] > div { padding: 6px; }
.st-key-bb_tiles [data-testid="stMetricLabel"] p { font-size: 20px !important; }
.st-key-bb_tiles [data-testid="stMetricDelta"] p { font-size: 18px !important; }
</style>"""


# The containers whose buy-back panel parts take the panel's projector look (panel.css).
PANEL_PROJECTOR = "bbp_projector"


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
    projector: bool = False


def _tiles_caption(m: BuybackModel) -> None:
    st.caption(
        "Each figure for this scenario, and under it the change against the proposal (every"
        f" group at {bv.proposal_text(m, bs.scenario())} buy-back) with the same assumptions."
    )


def layout() -> Slots:
    """Everything around the controls and results that does not change with the buy-back: drawn
    once per full run, so a key press redraws only what it changes."""
    m = bs.model()
    left, right = st.columns([11, 10], gap="large")
    with left:
        st.header("Set the buy-back", anchor="set-buy-back")
        st.markdown(
            "Buy-back is the share of today's at-risk posts that schools and other customers"
            " pay for: **100%** keeps them all (the proposal), **0%** makes them all redundant,"
            " above 100% grows the team. Drag a slider, use the arrow keys, or type a figure."
        )
        with st.container(border=True):
            st.markdown("#### All groups together")
            all_groups = st.container()
            if panel.enabled():
                # On full runs only: inside the fragment it would add to every key press.
                controls.reset_button()
        shown = set(controls.group_chooser())
        groups = {
            g.id: controls.group_card(g, m.at_risk_fte[g.id]) for g in m.groups if g.id in shown
        }
    with right:
        st.header("What this scenario means", anchor="what-it-means")
        with st.container(border=True):
            sentence = st.container()
        _tiles_caption(m)
        tiles = st.container()
        share = results.share_frame()
    fte_slot, curve_slot = results.chart_layout(bs.scenario())
    return Slots(all_groups, groups, sentence, tiles, share, fte_slot, curve_slot)


def projector_layout() -> Slots:
    """Presentation mode: the outcome in one sentence, every control and every tile on the first
    screen at 1280x720 (the saving among the first tiles), the charts after them."""
    m = bs.model()
    st.html(PROJECTOR_CSS)
    # The panel's parts take their projector look inside the containers keyed PANEL_PROJECTOR_*
    # (panel.css).
    left, right = st.columns([4, 8], gap="medium")
    with left, st.container(border=True, key=f"{PANEL_PROJECTOR}_controls"):
        all_groups = st.container()
        if panel.enabled():
            controls.reset_button()
        shown = set(controls.group_chooser())
        groups = {g.id: st.container() for g in m.groups if g.id in shown}
    with right:
        with st.container(border=True):
            sentence = st.container()
        tiles = st.container(key=f"{PANEL_PROJECTOR}_tiles")
        _tiles_caption(m)  # below: the first screen holds every tile
    share = results.share_frame()
    fte_slot, curve_slot = results.chart_layout(bs.scenario())
    return Slots(all_groups, groups, sentence, tiles, share, fte_slot, curve_slot, projector=True)


@st.fragment
def interactive(slots: Slots) -> None:
    """Controls and everything they drive: a key press on a slider reruns only this fragment,
    which writes into the placeholders ``layout`` drew."""
    if panel.enabled():
        panel.settle()
    s = bs.scenario()
    m = bs.model()
    result = m.evaluate(s)
    if panel.enabled():
        panel.draw(slots, s, result)
        bs.write_url(s)
        return
    proposal = m.evaluate(bv.proposal_scenario(m, s))
    groups = {g.id: g for g in m.groups}
    with slots.all_groups:
        controls.all_groups_control()
    for outcome in result.groups:
        if outcome.group_id in slots.groups:
            with slots.groups[outcome.group_id]:
                controls.group_controls(groups[outcome.group_id], outcome, slots.projector)
    with slots.sentence:
        words = bt.scenario_headline if slots.projector else bt.scenario_sentence
        st.markdown(md(words(result)))
    with slots.tiles:
        results.tiles(result, proposal)
    with slots.share:
        results.share(s)
    with slots.fte_chart:
        results.fte_chart(result)
    with slots.curve_chart:
        results.curve_chart(s, result)
    bs.write_url(s)


def render(dataset: Dataset) -> None:
    """The whole buy-back page (after ui.layout.page_setup)."""
    bs.use_dataset(dataset)
    first_run = not st.session_state.get(bs.INIT)
    bs.init_state()
    if first_run:
        library.open_link(dataset)
    upload.link_notices()
    if not presenting():
        # A keyboard user reaches the parts of a long page in a few presses, not eighty.
        st.markdown(
            "On this page: [the results](#what-it-means) · [the charts](#bb_fte) ·"
            " [save and compare](#library) · [assumptions](#assumptions) ·"
            " [briefing pack](#briefing-pack)"
        )
    interactive(projector_layout() if presenting() else layout())
    library.library_section(dataset)
    upload.upload_section()
    assumptions.assumptions_section()
    assumptions.method_section()
    # The pack shows the scenario on screen when a button is pressed: the fragment changes the
    # scenario without a full run, so the download reads it from the session's LiveScenario.
    briefing_downloads(
        dataset,
        page="buyback",
        current=live_scenario(bs.live(), bs.page_url(), comparison.pack_scenarios()),
        key="briefing_buyback",
    )
