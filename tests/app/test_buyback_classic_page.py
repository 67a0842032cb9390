"""The buy-back page's previous design (REDESIGN_BUYBACK_PANEL=0: Streamlit's sliders, exact boxes,
tiles and Plotly charts, rerun by Python on every key press), which the benchmarks keep as their
baseline, through app.py with AppTest.

Only what is the previous design's own is tested here: its sliders and boxes, the tiles Streamlit
draws, its widget keys, its projector layout. What the two designs share (the link, the library,
the comparison, the assumptions, uploads, the tables) is tested with the default design, the
panel, in tests/app/test_buyback_page.py.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pages.buyback_parts.panel import ENV
from redesign.buyback import text as bt
from redesign.buyback.model import Scenario
from redesign.core.formatting import MINUS
from tests.app.test_buyback_page import (
    GROUPS,
    MODEL,
    SIXTY_FORTY,
    add,
    box,
    open_page,
    plain,
    scenario_params,
    sentence,
    single,
    widget,
)
from tests.support.charts import charts
from tests.support.links import links


@pytest.fixture(autouse=True)
def _previous_design(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "0")


def slider(at: AppTest, base: str):
    return widget(at, "slider", base)


def tiles(at: AppTest) -> dict[str, str]:
    """Tile label (without its bracketed note) -> value."""
    return {plain(m.label).split(" (")[0]: m.value for m in at.metric}


def deltas(at: AppTest) -> dict[str, str]:
    return {plain(m.label).split(" (")[0]: plain(str(m.delta)) for m in at.metric}


def test_page_runs_and_shows_the_proposal() -> None:
    at = open_page()
    t = tiles(at)
    assert t["At-risk FTE redundant"] == "0.00"
    assert t["At-risk FTE kept"] == "33.32"
    assert t["Service FTE"] == "86.51"
    assert t["Saving"] == "£1.25m"
    assert t["Traded income needed"] == "£1.54m"
    assert all(d == "no change" for d in deltas(at).values())
    assert "100% of every group of posts at risk" in sentence(at)
    # Every custom element is a chart or a link to copy: no panel in the previous design.
    assert len(charts(at)) + len(links(at)) == len(at.get("bidi_component"))
    assert len(links(at)) == 1  # the share link
    # Every slider has a number box beside it, and the two agree.
    for gid in GROUPS:
        assert slider(at, f"bb:slider:{gid}").value == 100
        assert box(at, f"bb:box:{gid}").value == 100.0
    assert {k: single(v) for k, v in scenario_params(at).items()} == dict.fromkeys(
        [f"bb_{g}" for g in GROUPS], "100"
    )


def test_moving_a_slider_changes_the_outputs() -> None:
    at = open_page()
    before = tiles(at)
    slider(at, "bb:slider:autism_teaching").set_value(60).run()
    assert not at.exception
    after = tiles(at)
    assert after["At-risk FTE redundant"] == "3.68"  # 40% of 9.2 FTE
    assert after["Saving"] != before["Saving"]
    assert deltas(at)["At-risk FTE redundant"] == "+3.68 FTE"
    # The number box follows the slider, and the URL follows both.
    assert box(at, "bb:box:autism_teaching").value == 60.0
    assert single(at.query_params["bb_autism_teaching"]) == "60"


def test_typing_in_the_box_answers_the_issue_question() -> None:
    """60% of the autism offer, 40% of behaviour support: posts, income, saving."""
    at = open_page()
    box(at, "bb:box:autism_teaching").set_value(60.0).run()
    box(at, "bb:box:autism_hlta").set_value(60.0).run()
    box(at, "bb:box:behaviour_and_other").set_value(40.0).run()
    assert not at.exception
    t = tiles(at)
    assert t["At-risk FTE redundant"] == "17.33"
    assert t["Traded income needed"] == "£0.75m"
    assert t["Saving"] == "£1.15m"
    assert deltas(at)["Saving"] == f"{MINUS}£0.10m"
    assert slider(at, "bb:slider:behaviour_and_other").value == 40
    assert "The saving would be £1.15 million, £103,000 less than" in sentence(at)
    assert {k: single(v) for k, v in scenario_params(at).items()} == SIXTY_FORTY


def test_exact_box_keeps_tenths() -> None:
    at = open_page()
    box(at, "bb:box:autism_hlta").set_value(60.5).run()
    assert single(at.query_params["bb_autism_hlta"]) == "60.5"
    assert slider(at, "bb:slider:autism_hlta").value == 60  # nearest whole per cent
    assert "60.5% of the autism HLTA posts" in sentence(at)


def test_all_groups_control_and_reset() -> None:
    at = open_page()
    slider(at, "bb:slider:all").set_value(0).run()
    assert tiles(at)["At-risk FTE redundant"] == "33.32"
    assert tiles(at)["Service FTE"] == "53.19"
    for gid in GROUPS:
        assert slider(at, f"bb:slider:{gid}").value == 0
        assert box(at, f"bb:box:{gid}").value == 0.0
    assert any("Closed" in plain(w.value) for w in at.warning)
    box(at, "bb:box:all").set_value(150.0).run()
    assert tiles(at)["Service FTE"] == "103.17"
    at.button(key="bb:reset_levels").click().run()
    assert tiles(at)["Saving"] == "£1.25m"
    assert all(slider(at, f"bb:slider:{g}").value == 100 for g in GROUPS)


def test_all_groups_control_shows_the_overall_level() -> None:
    """With groups at 60/60/40 the all-groups box reads the share of at-risk FTE kept (48.0%),
    so typing 100 there is a change that moves every group back to 100%."""
    at = open_page(**SIXTY_FORTY)
    assert box(at, "bb:box:all").value == 48.0  # 15.994 / 33.32
    assert slider(at, "bb:slider:all").value == 48
    box(at, "bb:box:all").set_value(100.0).run()
    assert all(slider(at, f"bb:slider:{g}").value == 100 for g in GROUPS)
    assert tiles(at)["Saving"] == "£1.25m"
    slider(at, "bb:slider:autism_teaching").set_value(0).run()
    assert box(at, "bb:box:all").value == 72.4  # (33.32 − 9.2) / 33.32


def test_a_link_and_a_saved_scenario_set_the_sliders() -> None:
    at = open_page(**(SIXTY_FORTY | {"bb_autism_teaching": "200"}))
    assert slider(at, "bb:slider:autism_teaching").value == 150  # clamped, with a notice
    assert box(at, "bb:box:behaviour_and_other").value == 40.0
    add(at, "Clamped")
    slider(at, "bb:slider:all").set_value(0).run()
    at.button(key="bb:compare_load:0").click().run()
    assert not at.exception
    assert slider(at, "bb:slider:autism_teaching").value == 150
    assert slider(at, "bb:slider:behaviour_and_other").value == 40


def _widget_entries(at: AppTest) -> tuple[int, int]:
    """How many widget ids Streamlit holds metadata and key mappings for in this session
    (internals: there is no public count)."""
    state = at.session_state._state._state
    return len(state._new_widget_state.widget_metadata), len(state._key_id_mapper._key_id_mapping)


def test_a_long_session_does_not_keep_every_widget_key():
    """Each press of the all-groups slider gives the other controls fresh keys; the old keys are
    forgotten, so a session holds the same number of widgets after 30 presses as after one
    (Streamlit keeps every key it has seen otherwise: 7 more entries a press)."""
    at = open_page()
    slider(at, "bb:slider:all").set_value(90).run()
    after_one = _widget_entries(at)
    for i in range(30):
        slider(at, "bb:slider:all").set_value(50 + i % 7).run()
        assert not at.exception, [e.value for e in at.exception]
    assert _widget_entries(at) == after_one
    # And the page still follows the slider.
    assert slider(at, "bb:slider:all").value == 50 + 29 % 7
    assert box(at, "bb:box:autism_teaching").value == float(50 + 29 % 7)


def test_tiles_widen_for_long_values_only():
    from pages.buyback_parts.results import PRESENT_TILE_WIDTH, TILE_WIDTH, tile_width

    # Real data: two tiles a row in the results column at 1280 px, four on a projector.
    real = ["15.99", "£1.54m", "25.7%", "£0.35m"]
    assert tile_width(real) == TILE_WIDTH
    assert tile_width(real, presenting=True) <= PRESENT_TILE_WIDTH + 5
    # 10x and 100x synthetic data: wide enough not to cut the value (36 px type: ~20 px a digit).
    assert tile_width(["333.20"]) == TILE_WIDTH
    assert tile_width(["3,332.00"]) >= 8 * 20
    assert tile_width(["£153.60m"], presenting=True) > tile_width(["£1.54m"], presenting=True)


def test_a_projector_gets_the_outcome_in_one_sentence_and_every_control_and_tile() -> None:
    at = open_page(present="1", bb_autism_teaching="60", bb_autism_hlta="60")
    said = [plain(m.value) for m in at.markdown if plain(m.value).startswith("If schools")]
    levels = {"autism_teaching": 0.6, "autism_hlta": 0.6, "behaviour_and_other": 1.0}
    assert said == [bt.scenario_headline(MODEL.evaluate(Scenario(levels, {})))]
    assert len(at.metric) == 8
    assert len([s for s in at.slider if (s.key or "").startswith("bb:slider:")]) == 4
    # The cards' details (what each level means) wait for the desk view.
    assert not any(plain(m.value).startswith("Kept ") for m in at.markdown)
    # Each exact box has a name of its own.
    names = [plain(n.label) for n in at.number_input if (n.key or "").startswith("bb:box:")]
    assert sorted(names) == sorted(
        ["Exact % for all groups"] + [f"Exact % for {g.label}" for g in MODEL.groups]
    )
