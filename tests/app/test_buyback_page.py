"""The buy-back what-if page (pages/buyback.py, pages/buyback_parts/) through app.py with AppTest.

Moving a slider or typing in its box changes the outputs; a link with a scenario reproduces it; a
hostile link shows a notice and no exception; two sessions never share a scenario; compared
scenarios can be added (four at most), shown and removed; assumptions edit and reset; an uploaded
file is validated and a bad one changes nothing.
"""

from __future__ import annotations

import os
import re

import pytest
from streamlit.testing.v1 import AppTest

from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback import text as bt
from redesign.buyback import view as bv
from redesign.buyback.charts import fte_table
from redesign.buyback.model import BuybackModel, Scenario
from redesign.core.formatting import MINUS
from tests.support.apptest import open_page as open_app_page
from tests.support.paths import ROOT
from tests.support.tables import open_data_tables

# The same switch as tests/browser/conftest.py: the entry script, relative to the repo root.
APP = str(ROOT / os.environ.get("REDESIGN_APP_PATH", "app.py"))
PAGE = "pages/buyback.py"
TIMEOUT = 30
MODEL = BuybackModel(load_dataset())
GROUPS = MODEL.group_ids
SIXTY_FORTY = {
    "bb_autism_teaching": "60",
    "bb_autism_hlta": "60",
    "bb_behaviour_and_other": "40",
}


def open_page(**params: str | list[str]) -> AppTest:
    """The buy-back page as a first visit with ``?params`` (through app.py's navigation)."""
    return open_app_page(PAGE, TIMEOUT, **params)


def widget(at: AppTest, kind: str, base: str):
    """The widget whose key is ``base`` or a later generation of it (``base#n``): the page gives a
    widget a fresh key whenever code changes its value (see pages/buyback_parts/state.py wkey)."""
    found = [w for w in getattr(at, kind) if w.key == base or w.key.startswith(base + "#")]
    assert len(found) == 1, (base, [w.key for w in getattr(at, kind)])
    return found[0]


def slider(at: AppTest, base: str):
    return widget(at, "slider", base)


def box(at: AppTest, base: str):
    return widget(at, "number_input", base)


def plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def tiles(at: AppTest) -> dict[str, str]:
    """Tile label (without its bracketed note) -> value."""
    return {plain(m.label).split(" (")[0]: m.value for m in at.metric}


def deltas(at: AppTest) -> dict[str, str]:
    return {plain(m.label).split(" (")[0]: plain(str(m.delta)) for m in at.metric}


def sentence(at: AppTest) -> str:
    found = [plain(m.value) for m in at.markdown if plain(m.value).startswith("If schools")]
    assert len(found) == 1
    return found[0]


def scenario_params(at: AppTest) -> dict[str, str]:
    return {k: v for k, v in at.query_params.items() if sio.is_scenario_key(k)}


def single(value: str | list[str]) -> str:
    return value[0] if isinstance(value, list) else value


def texts(at: AppTest) -> str:
    parts = []
    for kind in ("markdown", "caption", "warning", "info", "error", "success"):
        parts += [plain(str(e.value)) for e in getattr(at, kind)]
    return "\n".join(parts)


# --- runs, and shows the proposal by default -------------------------------------------------


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
    # Every slider has a number box beside it, and the two agree.
    for gid in GROUPS:
        assert slider(at, f"bb:slider:{gid}").value == 100
        assert box(at, f"bb:box:{gid}").value == 100.0
    # The scenario is written to the URL at once, so the first view already has a link.
    assert {k: single(v) for k, v in scenario_params(at).items()} == dict.fromkeys(
        [f"bb_{g}" for g in GROUPS], "100"
    )
    # Every chart has its table, CSV button and source line.
    captions = "\n".join(plain(c.value) for c in at.caption)
    assert captions.count("Source: Cabinet report appendix") >= 2
    assert "ASSUMPTIONS" in captions


# --- the controls change the outputs ----------------------------------------------------------


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


# --- the URL reproduces a scenario ------------------------------------------------------------


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


def test_link_reproduces_the_scenario() -> None:
    at = open_page(**SIXTY_FORTY, a_traded_charge_pct="115", name="Sixty forty")
    assert not at.warning  # nothing wrong with the link
    t = tiles(at)
    assert t["At-risk FTE redundant"] == "17.33"
    assert t["Traded income needed"] == "£0.75m"
    assert t["Saving"] == "£1.15m"
    assert slider(at, "bb:slider:autism_teaching").value == 60
    assert box(at, "bb:box:behaviour_and_other").value == 40.0
    assert widget(at, "text_input", "bb:name").value == "Sixty forty"


def test_link_with_an_assumption() -> None:
    at = open_page(**SIXTY_FORTY, a_traded_charge_pct="100")
    # At a charge equal to cost, buy-back does not move the saving.
    assert tiles(at)["Saving"] == "£1.25m"
    assert box(at, "bb:a:traded_charge_pct").value == 100.0
    assert "1 assumption changed from the default." in texts(at)


def test_share_link_and_yaml_round_trip() -> None:
    at = open_page(**SIXTY_FORTY)
    code = [c.value for c in at.code]
    assert any(
        "bb_autism_teaching=60&bb_autism_hlta=60&bb_behaviour_and_other=40" in c for c in code
    )
    # The same query, read back, is the same scenario.
    s, notices = sio.from_query(MODEL, {k: single(v) for k, v in scenario_params(at).items()})
    assert notices == []
    assert s.levels == {"autism_teaching": 0.6, "autism_hlta": 0.6, "behaviour_and_other": 0.4}


@pytest.mark.parametrize(
    "params",
    [
        {"bb_autism_teaching": "<script>alert(1)</script>"},
        {"bb_autism_teaching": "x" * 10_000},
        {"bb_autism_teaching": "NaN", "a_traded_charge_pct": "inf"},
        {"bb_autism_teaching": ["10", "20"]},
        {"bb_autism_teaching": "1e308", "all": "-5"},
        {"bb_[evil](javascript:alert(1))": "5", "a_no_such": "1"},
        {"name": "**bold** <img src=x onerror=alert(1)> :red[x] $x$"},
    ],
)
def test_hostile_link_shows_a_notice_and_no_exception(params: dict[str, str | list[str]]) -> None:
    at = open_page(**params)
    assert not at.exception
    assert not at.error
    if "name" not in params:
        assert at.warning, "a notice for the bad link"
        notice = at.warning[0].value
        assert "could not be used" in plain(notice)
        # Quoted as escaped text: no live HTML or Markdown link survives.
        assert "<script>" not in notice and "](javascript" not in notice
        assert len(notice) < 3_000
    # The page still works, clamped or at defaults.
    assert tiles(at)["Saving"].startswith("£")
    for gid in GROUPS:
        assert 0 <= slider(at, f"bb:slider:{gid}").value <= 150


def test_clamped_link_value() -> None:
    at = open_page(bb_autism_teaching="200")
    assert any("used 150%" in plain(w.value) for w in at.warning)
    assert slider(at, "bb:slider:autism_teaching").value == 150
    assert single(at.query_params["bb_autism_teaching"]) == "150"  # the URL is corrected


# --- sessions are isolated --------------------------------------------------------------------


def test_two_sessions_do_not_share_state() -> None:
    one = open_page()
    two = open_page()
    slider(one, "bb:slider:autism_teaching").set_value(10).run()
    box(one, "bb:a:traded_charge_pct").set_value(150.0).run()
    one.button(key="bb:compare_add").click().run()
    two.run()
    assert slider(two, "bb:slider:autism_teaching").value == 100
    assert tiles(two)["Saving"] == "£1.25m"
    assert box(two, "bb:a:traded_charge_pct").value == 115.0
    assert "No scenarios added yet." in texts(two)
    assert tiles(one)["Saving"] != "£1.25m"
    # A third, fresh session is untouched too.
    assert tiles(open_page())["Saving"] == "£1.25m"


# --- comparing scenarios ----------------------------------------------------------------------


def add(at: AppTest, name: str) -> None:
    widget(at, "text_input", "bb:name").set_value(name).run()
    at.button(key="bb:compare_add").click().run()
    assert not at.exception


def test_compare_up_to_four_scenarios() -> None:
    at = open_page()
    add(at, "Proposal")
    slider(at, "bb:slider:all").set_value(60).run()
    slider(at, "bb:slider:behaviour_and_other").set_value(40).run()
    add(at, "Sixty forty")
    slider(at, "bb:slider:all").set_value(0).run()
    add(at, "None bought")
    slider(at, "bb:slider:all").set_value(150).run()
    add(at, "Expansion")
    table = at.table[-1].value
    assert list(table.columns)[1:] == ["Proposal", "Sixty forty", "None bought", "Expansion"]
    rows = {plain(str(r)): i for i, r in enumerate(table.iloc[:, 0])}
    saving = table.iloc[rows["Saving £m"]]
    assert [plain(str(v)) for v in saving.iloc[1:]] == ["£1.25m", "£1.15m", "£1.05m", "£1.35m"]
    # A fifth is refused, with a message, and the four stay.
    add(at, "Fifth")
    assert any("up to 4 scenarios" in plain(w.value) for w in at.warning)
    assert list(at.table[-1].value.columns)[1:] == [
        "Proposal",
        "Sixty forty",
        "None bought",
        "Expansion",
    ]
    # Remove one; then there is room again.
    at.button(key="bb:compare_remove:1").click().run()
    assert list(at.table[-1].value.columns)[1:] == ["Proposal", "None bought", "Expansion"]
    add(at, "Fifth")
    assert list(at.table[-1].value.columns)[1:] == [
        "Proposal",
        "None bought",
        "Expansion",
        "Fifth",
    ]
    # Show a saved scenario in the controls.
    at.button(key="bb:compare_load:1").click().run()
    assert all(slider(at, f"bb:slider:{g}").value == 0 for g in GROUPS)


def test_compare_names_are_unique_and_escaped() -> None:
    at = open_page()
    add(at, "<b>Same</b>")
    add(at, "<b>Same</b>")
    names = list(at.table[-1].value.columns)[1:]
    assert len(set(names)) == 2
    assert all("<b>" not in n for n in names)


# --- assumptions ------------------------------------------------------------------------------


def test_assumptions_edit_and_reset() -> None:
    at = open_page(**SIXTY_FORTY)
    before = tiles(at)["Saving"]
    box(at, "bb:a:traded_charge_pct").set_value(150.0).run()
    assert tiles(at)["Saving"] != before
    assert single(at.query_params["a_traded_charge_pct"]) == "150"
    # Bounded to its range.
    charge = box(at, "bb:a:traded_charge_pct")
    assert (charge.min, charge.max) == (50.0, 200.0)
    at.button(key="bb:reset_assumptions").click().run()
    assert tiles(at)["Saving"] == before
    assert "a_traded_charge_pct" not in at.query_params
    assert box(at, "bb:a:traded_charge_pct").value == 115.0
    # Levels survive an assumptions reset.
    assert slider(at, "bb:slider:behaviour_and_other").value == 40


def test_every_assumption_is_shown_as_an_assumption() -> None:
    at = open_page()
    # Widget keys end in "#<n>" (see ui.buyback.wkey).
    shown = {
        (n.key or "").partition("#")[0]: plain(n.label)
        for n in at.number_input
        if (n.key or "").startswith("bb:a:")
    }
    of_the_model = [s for s in MODEL.assumptions.values() if s.used_by == "buyback"]
    assert set(shown) == {f"bb:a:{spec.id}" for spec in of_the_model}
    assert all(label.startswith("ASSUMPTION") for label in shown.values())
    text = texts(at)
    for spec in of_the_model:
        assert spec.reason.split(";")[0][:40] in text
    # The boxes cannot show £ or thousands separators; the value in words under each does.
    money = [s for s in of_the_model if s.unit.startswith("gbp")]
    assert money
    for spec in money:
        assert f"Now **{bv.assumption_value_text(spec.default, spec.unit)}**; default" in text
    # The workshop's days per FTE change nothing here, so the page offers no control for them.
    assert MODEL.assumptions["deliverable_days_per_fte"].used_by == "workshop"
    assert "bb:a:deliverable_days_per_fte" not in shown


# --- file upload ------------------------------------------------------------------------------


def test_upload_a_scenario_file() -> None:
    at = open_page()
    s = sio.make_scenario(
        MODEL,
        {"autism_teaching": 0.6, "autism_hlta": 0.6, "behaviour_and_other": 0.4},
        {},
        "From a file",
    )
    at.file_uploader[0].upload("sixty.yaml", sio.to_yaml(MODEL, s).encode(), "application/x-yaml")
    at.run()
    assert not at.exception
    assert tiles(at)["Saving"] == "£1.15m"
    assert slider(at, "bb:slider:behaviour_and_other").value == 40
    assert any("Opened" in plain(m.value) for m in at.success)


@pytest.mark.parametrize(
    "raw",
    [
        b"format: redesign-explorer-scenario\nversion: 1\nbuyback_pct: {autism_teaching: abc}\n",
        b"!!python/object/apply:os.system ['echo hi']",
        b"a: &x 1\nb: *x\n",
        b"\xff\xfe bad bytes",
        b"x: " + b"y" * 70_000,
        b"a: 2016-13-45\n",
    ],
)
def test_a_bad_upload_changes_nothing(raw: bytes) -> None:
    at = open_page(**SIXTY_FORTY)
    at.file_uploader[0].upload("<b>bad</b>.yaml", raw, "application/x-yaml")
    at.run()
    assert not at.exception
    assert at.error, "the problems are shown"
    message = plain(at.error[0].value)
    assert "was not used: the scenario above is unchanged" in message
    assert "Traceback" not in message
    assert "<b>" not in at.error[0].value
    assert tiles(at)["Saving"] == "£1.15m"
    assert {k: single(v) for k, v in scenario_params(at).items()} == SIXTY_FORTY


def test_model_is_not_rebuilt_on_every_rerun() -> None:
    at = open_page()
    first = at.session_state["bb:model"]
    slider(at, "bb:slider:autism_teaching").set_value(50).run()
    assert at.session_state["bb:model"] is first
    assert isinstance(at.session_state["bb:scenario"], Scenario)


def test_unknown_link_keys_are_dropped_with_a_notice() -> None:
    at = open_page(**SIXTY_FORTY, zz="<b>x</b>")
    assert any("does not use" in plain(w.value) for w in at.warning)
    assert "zz" not in at.query_params
    assert tiles(at)["Saving"] == "£1.15m"  # the scenario itself is still read


def test_scenario_survives_a_visit_to_another_page() -> None:
    at = open_page(**SIXTY_FORTY)
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    at.switch_page(PAGE).run()
    assert not at.exception
    assert tiles(at)["Saving"] == "£1.15m"
    assert slider(at, "bb:slider:behaviour_and_other").value == 40
    assert box(at, "bb:box:autism_teaching").value == 60.0
    assert {k: single(v) for k, v in scenario_params(at).items()} == SIXTY_FORTY


def test_posts_table_is_the_house_style_table_of_the_scenario():
    """The posts table, drawn from rows on every key press, reads as ``data_table`` would draw the
    same numbers (format_frame), for the scenario in the link."""
    from redesign.core.table_format import format_frame
    from ui.blocks import md

    at = open_page(**SIXTY_FORTY)
    assert not [t for t in at.table if "Kept FTE" in list(t.value.columns)]  # drawn when opened
    open_data_tables(at)
    shown = [t.value for t in at.table if "Kept FTE" in list(t.value.columns)]
    assert len(shown) == 1
    s, _ = sio.from_query(MODEL, SIXTY_FORTY)
    expected = format_frame(fte_table(MODEL.evaluate(s)))
    # Escaped for Markdown as data_table escapes them (st.table renders cells as Markdown).
    assert shown[0].to_dict("list") == {md(c): [md(x) for x in v] for c, v in expected.items()}
    assert md("60.0%") in list(shown[0][md("Buy-back %")])


def test_an_open_posts_table_stays_open_and_follows_the_slider():
    """Opened once, the posts table is redrawn with the scenario on every key press."""
    at = open_data_tables(open_page())

    def kept() -> list[str]:
        (table,) = [t.value for t in at.table if "Kept FTE" in list(t.value.columns)]
        return [plain(str(v)) for v in table["Kept FTE"]]

    before = kept()
    slider(at, "bb:slider:all").set_value(0).run()
    assert not at.exception
    after = kept()
    assert after != before
    assert all(float(v) == 0 for v in after[:-1])  # every group; the last row is the total


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
