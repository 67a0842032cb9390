"""The buy-back page with its panel (the default design, pages/buyback_parts/panel.py): the panel
takes the place of the sliders, a value the panel settles on becomes the
page's scenario (URL, sentence, link), a link opens in it, and the reset button brings it back."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pages.buyback_parts.panel import ENV, PANEL
from redesign import load_dataset
from redesign.buyback.model import BuybackModel
from redesign.buyback.scenario_io import make_scenario
from redesign.buyback.text import scenario_sentence
from tests.app.test_buyback_page import sentence
from tests.support.apptest import open_page
from ui.components.buyback_panel import scenario_state

PAGE = "pages/buyback.py"
TIMEOUT = 60
MODEL = BuybackModel(load_dataset())


def link(at: AppTest) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def test_the_panel_replaces_the_sliders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)  # the default, whatever the shell says
    at = open_page(PAGE, TIMEOUT)
    assert [s.key for s in at.slider if s.key and "bb:slider" in s.key] == []
    assert any(b.key == "bb:reset_levels" for b in at.button)
    assert sentence(at) == scenario_sentence(MODEL.evaluate(MODEL.default_scenario()))


def test_a_settled_panel_value_is_the_pages_scenario() -> None:
    at = open_page(PAGE, TIMEOUT)
    at.session_state[PANEL] = scenario_state(all_pct=60, set_pct={"behaviour_and_other": 40})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    q = link(at)
    assert (q["bb_autism_teaching"], q["bb_autism_hlta"], q["bb_behaviour_and_other"]) == (
        "60",
        "60",
        "40",
    )
    levels = {"autism_teaching": 0.6, "autism_hlta": 0.6, "behaviour_and_other": 0.4}
    expected = MODEL.evaluate(make_scenario(MODEL, levels))
    assert sentence(at) == scenario_sentence(expected)


def test_a_link_opens_in_the_panel_and_reset_goes_back_to_the_proposal() -> None:
    at = open_page(PAGE, TIMEOUT, bb_autism_teaching="25")
    assert link(at)["bb_autism_teaching"] == "25"
    next(b for b in at.button if b.key == "bb:reset_levels").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert link(at)["bb_autism_teaching"] == "100"
    assert sentence(at) == scenario_sentence(MODEL.evaluate(MODEL.default_scenario()))
