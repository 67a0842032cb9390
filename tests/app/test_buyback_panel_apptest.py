"""The buy-back panel's value can be set from AppTest (at.session_state[KEY]), as a browser
would set it; stale and malformed values are ignored (tests/support/panel_app/app.py, the harness)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.support.paths import ROOT
from ui.components.buyback_panel import scenario_state

HARNESS = ROOT / "tests" / "support" / "panel_app" / "app.py"
KEY = "bbp"


def levels(at: AppTest) -> dict[str, float]:
    return json.loads(at.code[0].value)["levels"]


def fresh() -> AppTest:
    at = AppTest.from_file(str(HARNESS), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def test_the_panels_value_can_be_set_from_a_test() -> None:
    at = fresh()
    assert set(levels(at).values()) == {1.0}
    at.session_state[KEY] = scenario_state(all_pct=60)
    at.run()
    assert levels(at) == {"autism_hlta": 0.6, "autism_teaching": 0.6, "behaviour_and_other": 0.6}
    at.session_state[KEY] = scenario_state(set_pct={"autism_hlta": 40.55})
    at.run()
    # From the levels the page last sent the panel (60% everywhere), one group changed, to 0.1%.
    assert levels(at) == {"autism_hlta": 0.406, "autism_teaching": 0.6, "behaviour_and_other": 0.6}


def test_a_value_for_an_older_push_is_ignored() -> None:
    at = fresh()
    at.button[0].click().run()  # Python sets every group to 50%: a new push
    assert set(levels(at).values()) == {0.5}
    at.session_state[KEY] = {"scenario": {"rev": 1, "id": "x:1", "all": 90, "set": {}}}
    at.run()
    assert set(levels(at).values()) == {0.5}


def test_a_malformed_value_changes_nothing() -> None:
    at = fresh()
    for bad in ({"scenario": {"all": "ninety"}}, {"scenario": {"set": {"nope": 5}}}, {"x": 1}):
        at.session_state[KEY] = bad
        at.run()
        assert not at.exception
        assert set(levels(at).values()) == {1.0}
