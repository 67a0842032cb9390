"""The buy-back page with the panel switched on (REDESIGN_BUYBACK_PANEL=1, ui/buyback_panel_wiring):
a value set on the panel becomes the page's scenario, its link and its sentence; a link still
sets the scenario, and the panel is sent it; the page's own level widgets are not drawn."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from redesign import buyback_text as bt
from redesign import load_dataset
from redesign import scenario_io as sio
from redesign.scenario import BuybackModel
from tests.test_buyback_page import open_page
from ui.blocks import md
from ui.buyback_panel_wiring import ENV, PANEL
from ui.components.buyback_panel import scenario_state

MODEL = BuybackModel(load_dataset())


@pytest.fixture(autouse=True)
def panel_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(ENV, "1")
    yield


def link_levels(at: AppTest) -> dict[str, str]:
    return {k: at.query_params[k] for k in at.query_params if k.startswith("bb_")}


def test_the_panel_sets_the_pages_scenario_and_link() -> None:
    at = open_page()
    assert not at.slider, "the page's own sliders are replaced by the panel"
    at.session_state[PANEL] = scenario_state(all_pct=60, set_pct={"autism_hlta": 40})
    at.run()
    assert not at.exception
    want = sio.make_scenario(
        MODEL, {"autism_teaching": 0.6, "autism_hlta": 0.4, "behaviour_and_other": 0.6}
    )
    assert at.session_state["bb:scenario"].levels == want.levels
    assert link_levels(at) == sio.to_query(MODEL, want)
    sentence = md(bt.scenario_sentence(MODEL.evaluate(want)))
    assert sentence in [m.value for m in at.markdown]


def test_a_link_reaches_the_panel() -> None:
    at = open_page(bb_autism_teaching="25")
    push = at.session_state[f"{PANEL}:push"]
    assert push.levels["autism_teaching"] == 0.25
