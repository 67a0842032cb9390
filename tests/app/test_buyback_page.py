"""The buy-back what-if page (pages/buyback.py, pages/buyback_parts/) through app.py with AppTest,
in its default design: the buy-back panel (ui/components/buyback_panel).

AppTest cannot run the panel's JavaScript, so a test moves the panel as the browser would report
it, with ``at.session_state[PANEL] = scenario_state(...)``, and reads what the page hands the
panel: the levels it shows (``shown_pct``), the levels it is sent (``sent_pct``) and the spec it
computes the tiles and charts from; the tiles are then the page's scenario through the server's
own ``scenario_tiles`` (the browser tests check that the panel draws exactly those). Everything
Python draws is read as drawn: the sentence, the link, the tables, the notices.

A level set in the panel changes the outputs; a link with a scenario reproduces it; a hostile
link shows a notice and no exception; two sessions never share a scenario; compared scenarios can
be added (four at most), shown and removed; assumptions edit and reset; an uploaded file is
validated and a bad one changes nothing. The previous design's own controls (REDESIGN_BUYBACK_
PANEL=0) are tested in tests/app/test_buyback_classic_page.py.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from pages.buyback_parts.panel import PANEL
from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback import text as bt
from redesign.buyback import view as bv
from redesign.buyback.charts import fte_table
from redesign.buyback.model import BuybackModel, Scenario
from redesign.buyback.panel import panel_spec
from redesign.core.formatting import MINUS
from tests.support.apptest import open_page as open_app_page
from tests.support.links import links
from tests.support.paths import ROOT
from tests.support.tables import open_data_tables
from ui.components.buyback_panel import scenario_state

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


def box(at: AppTest, base: str):
    return widget(at, "number_input", base)


def move_panel(
    at: AppTest, all_pct: float | None = None, set_pct: dict[str, float] | None = None
) -> AppTest:
    """The panel settles on every group at ``all_pct``, then ``set_pct``'s groups at theirs (from
    the levels it shows), as the browser reports a drag or a typed level; the page reruns."""
    at.session_state[PANEL] = scenario_state(all_pct=all_pct, set_pct=set_pct)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def panel_parts(at: AppTest) -> dict[str, dict[str, Any]]:
    """The panel's parts on the page, by key (``bb:panel``, ``bb:panel:tiles``, ...), each with
    the data the browser is sent."""
    parts = {}
    for el in at.get("bidi_component"):
        key = el.proto.id.split("-", 2)[-1]
        if key == PANEL or key.startswith(PANEL + ":"):
            parts[key] = json.loads(el.proto.json)
    return parts


def pct_of(levels: dict[str, float]) -> dict[str, float]:
    return {g: round(100 * v, 1) for g, v in levels.items()}


def shown_pct(at: AppTest) -> dict[str, float]:
    """Each group's level (%) the panel shows now: the page's, or the one it settled on."""
    return pct_of(at.session_state[f"{PANEL}:push"].shows)


def sent_pct(at: AppTest) -> dict[str, float]:
    """The levels (%) the page last sent the panel (a link, a file, a reset, a loaded scenario)."""
    return pct_of(panel_parts(at)[PANEL]["push"]["levels"])


def page_scenario(at: AppTest) -> Scenario:
    """The scenario the page shows: the panel shows its levels and draws from its assumptions'
    spec."""
    s = at.session_state["bb:scenario"]
    assert isinstance(s, Scenario)
    assert shown_pct(at) == pct_of(s.levels)
    sent = panel_parts(at)[PANEL]["spec"]
    assert sent == json.loads(json.dumps(panel_spec(MODEL, s, shown=GROUPS))), "spec"
    return s


def _tiles(at: AppTest) -> tuple[bv.Tile, ...]:
    assert f"{PANEL}:tiles" in panel_parts(at), "the panel's tiles on the page"
    s = page_scenario(at)
    return bv.scenario_tiles(MODEL.evaluate(s), MODEL.evaluate(bv.proposal_scenario(MODEL, s)))


def tiles(at: AppTest) -> dict[str, str]:
    """Tile label (without its bracketed note) -> value, as the panel draws them."""
    return {t.label.split(" (")[0]: t.value for t in _tiles(at)}


def deltas(at: AppTest) -> dict[str, str]:
    return {t.label.split(" (")[0]: t.delta for t in _tiles(at)}


def plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


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
    # The panel in place of Streamlit's sliders: its controls, a part for each group, the tiles
    # and both charts, sent every group at 100%.
    assert [s.key for s in at.slider if (s.key or "").startswith("bb:slider")] == []
    assert set(panel_parts(at)) == {
        PANEL,
        *(f"{PANEL}:group:{g}" for g in GROUPS),
        f"{PANEL}:tiles",
        f"{PANEL}:fte_chart",
        f"{PANEL}:curve_chart",
    }
    assert sent_pct(at) == shown_pct(at) == dict.fromkeys(GROUPS, 100.0)
    assert panel_parts(at)[PANEL]["config"].get("displayModeBar", True)  # a desk's chart tools
    # The scenario is written to the URL at once, so the first view already has a link.
    assert {k: single(v) for k, v in scenario_params(at).items()} == dict.fromkeys(
        [f"bb_{g}" for g in GROUPS], "100"
    )
    # Every chart has its table, CSV button and source line.
    captions = "\n".join(plain(c.value) for c in at.caption)
    assert captions.count("Source: Cabinet report appendix") >= 2
    assert "ASSUMPTIONS" in captions


# --- the panel changes the outputs ------------------------------------------------------------


def test_a_level_set_in_the_panel_changes_the_outputs() -> None:
    at = open_page()
    before = tiles(at)
    move_panel(at, set_pct={"autism_teaching": 60})
    after = tiles(at)
    assert after["At-risk FTE redundant"] == "3.68"  # 40% of 9.2 FTE
    assert after["Saving"] != before["Saving"]
    assert deltas(at)["At-risk FTE redundant"] == "+3.68 FTE"
    # The panel shows the level it settled on (not sent back to it), and the URL follows.
    assert shown_pct(at)["autism_teaching"] == 60.0
    assert sent_pct(at)["autism_teaching"] == 100.0
    assert single(at.query_params["bb_autism_teaching"]) == "60"
    assert "60% of the autism teaching posts" in sentence(at)


def test_levels_set_one_by_one_answer_the_issue_question() -> None:
    """60% of the autism offer, 40% of behaviour support: posts, income, saving."""
    at = open_page()
    move_panel(at, set_pct={"autism_teaching": 60.0})
    move_panel(at, set_pct={"autism_hlta": 60.0})
    move_panel(at, set_pct={"behaviour_and_other": 40.0})
    t = tiles(at)
    assert t["At-risk FTE redundant"] == "17.33"
    assert t["Traded income needed"] == "£0.75m"
    assert t["Saving"] == "£1.15m"
    assert deltas(at)["Saving"] == f"{MINUS}£0.10m"
    assert shown_pct(at) == {
        "autism_teaching": 60.0,
        "autism_hlta": 60.0,
        "behaviour_and_other": 40.0,
    }
    assert "The saving would be £1.15 million, £103,000 less than" in sentence(at)
    assert {k: single(v) for k, v in scenario_params(at).items()} == SIXTY_FORTY


def test_a_typed_level_keeps_tenths() -> None:
    at = open_page()
    move_panel(at, set_pct={"autism_hlta": 60.5})
    assert single(at.query_params["bb_autism_hlta"]) == "60.5"
    assert shown_pct(at)["autism_hlta"] == 60.5
    assert "60.5% of the autism HLTA posts" in sentence(at)


def test_all_groups_level_and_reset() -> None:
    at = open_page()
    move_panel(at, all_pct=0)
    assert tiles(at)["At-risk FTE redundant"] == "33.32"
    assert tiles(at)["Service FTE"] == "53.19"
    assert shown_pct(at) == dict.fromkeys(GROUPS, 0.0)
    move_panel(at, all_pct=150)
    assert tiles(at)["Service FTE"] == "103.17"
    at.button(key="bb:reset_levels").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert tiles(at)["Saving"] == "£1.25m"
    # The reset is sent to the panel, which shows the proposal again.
    assert sent_pct(at) == shown_pct(at) == dict.fromkeys(GROUPS, 100.0)
    assert {k: single(v) for k, v in scenario_params(at).items()} == dict.fromkeys(
        [f"bb_{g}" for g in GROUPS], "100"
    )


def test_a_panel_value_from_before_the_pages_last_push_is_ignored() -> None:
    """A value the browser sent for an older revision (before a reset reached it) does not undo
    the reset; one for the current revision is applied."""
    at = open_page()
    move_panel(at, all_pct=0)
    at.button(key="bb:reset_levels").click().run()
    rev = panel_parts(at)[PANEL]["push"]["rev"]
    stale = {"scenario": {"rev": rev - 1, "all": 20, "set": {}}}
    at.session_state[PANEL] = stale
    at.run()
    assert shown_pct(at) == dict.fromkeys(GROUPS, 100.0)
    at.session_state[PANEL] = {"scenario": {"rev": rev, "all": 20, "set": {}}}
    at.run()
    assert shown_pct(at) == dict.fromkeys(GROUPS, 20.0)
    assert single(at.query_params["bb_autism_hlta"]) == "20"


# --- the URL reproduces a scenario ------------------------------------------------------------


def test_link_reproduces_the_scenario() -> None:
    at = open_page(**SIXTY_FORTY, a_traded_charge_pct="115", name="Sixty forty")
    assert not at.warning  # nothing wrong with the link
    t = tiles(at)
    assert t["At-risk FTE redundant"] == "17.33"
    assert t["Traded income needed"] == "£0.75m"
    assert t["Saving"] == "£1.15m"
    assert sent_pct(at) == {
        "autism_teaching": 60.0,
        "autism_hlta": 60.0,
        "behaviour_and_other": 40.0,
    }
    assert widget(at, "text_input", "bb:name").value == "Sixty forty"


def test_link_with_an_assumption() -> None:
    at = open_page(**SIXTY_FORTY, a_traded_charge_pct="100")
    # At a charge equal to cost, buy-back does not move the saving.
    assert tiles(at)["Saving"] == "£1.25m"
    assert box(at, "bb:a:traded_charge_pct").value == 100.0
    assert "1 assumption changed from the default." in texts(at)


def test_share_link_and_yaml_round_trip() -> None:
    at = open_page(**SIXTY_FORTY)
    code = links(at)
    assert any(
        "bb_autism_teaching=60&bb_autism_hlta=60&bb_behaviour_and_other=40" in c for c in code
    )
    # The same query, read back, is the same scenario.
    s, notices = sio.from_query(MODEL, {k: single(v) for k, v in scenario_params(at).items()})
    assert notices == []
    assert s.levels == {"autism_teaching": 0.6, "autism_hlta": 0.6, "behaviour_and_other": 0.4}


def test_share_link_follows_the_panel() -> None:
    at = open_page()
    move_panel(at, all_pct=60, set_pct={"behaviour_and_other": 40})
    code = links(at)
    assert any(
        "bb_autism_teaching=60&bb_autism_hlta=60&bb_behaviour_and_other=40" in c for c in code
    )


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
        assert 0 <= sent_pct(at)[gid] <= 150


def test_clamped_link_value() -> None:
    at = open_page(bb_autism_teaching="200")
    assert any("used 150%" in plain(w.value) for w in at.warning)
    assert sent_pct(at)["autism_teaching"] == 150.0
    assert single(at.query_params["bb_autism_teaching"]) == "150"  # the URL is corrected


def test_a_bad_panel_value_changes_nothing() -> None:
    """Whatever comes back from the browser is checked: out of range is clamped, nonsense is
    ignored, and the page keeps running."""
    at = open_page(**SIXTY_FORTY)
    for bad in ({"autism_teaching": "lots"}, {"no_such_group": 50}):
        at.session_state[PANEL] = scenario_state(set_pct=bad)  # type: ignore[arg-type]
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert {k: single(v) for k, v in scenario_params(at).items()} == SIXTY_FORTY
    move_panel(at, set_pct={"autism_teaching": 900})
    assert 0 <= shown_pct(at)["autism_teaching"] <= 150
    assert tiles(at)["Saving"].startswith("£")


# --- sessions are isolated --------------------------------------------------------------------


def test_two_sessions_do_not_share_state() -> None:
    one = open_page()
    two = open_page()
    move_panel(one, set_pct={"autism_teaching": 10})
    box(one, "bb:a:traded_charge_pct").set_value(150.0).run()
    one.button(key="bb:compare_add").click().run()
    two.run()
    assert shown_pct(two)["autism_teaching"] == 100.0
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
    move_panel(at, all_pct=60)
    move_panel(at, set_pct={"behaviour_and_other": 40})
    add(at, "Sixty forty")
    move_panel(at, all_pct=0)
    add(at, "None bought")
    move_panel(at, all_pct=150)
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
    # Show a saved scenario in the panel: the page sends it its levels.
    at.button(key="bb:compare_load:1").click().run()
    assert not at.exception
    assert sent_pct(at) == shown_pct(at) == dict.fromkeys(GROUPS, 0.0)
    assert tiles(at)["Saving"] == "£1.05m"


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
    spec_before = panel_parts(at)[PANEL]["spec"]
    box(at, "bb:a:traded_charge_pct").set_value(150.0).run()
    assert tiles(at)["Saving"] != before
    assert panel_parts(at)[PANEL]["spec"] != spec_before  # the panel computes with the new one
    assert single(at.query_params["a_traded_charge_pct"]) == "150"
    # Bounded to its range.
    charge = box(at, "bb:a:traded_charge_pct")
    assert (charge.min, charge.max) == (50.0, 200.0)
    at.button(key="bb:reset_assumptions").click().run()
    assert tiles(at)["Saving"] == before
    assert panel_parts(at)[PANEL]["spec"] == spec_before
    assert "a_traded_charge_pct" not in at.query_params
    assert box(at, "bb:a:traded_charge_pct").value == 115.0
    # Levels survive an assumptions reset.
    assert shown_pct(at)["behaviour_and_other"] == 40.0


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
    assert sent_pct(at)["behaviour_and_other"] == 40.0
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
    move_panel(at, set_pct={"autism_teaching": 50})
    assert at.session_state["bb:model"] is first
    assert isinstance(at.session_state["bb:scenario"], Scenario)
    # Nor the panel's spec: a level is not in it.
    spec = at.session_state["bb:panel_spec"]
    move_panel(at, set_pct={"autism_teaching": 40})
    assert at.session_state["bb:panel_spec"] is spec


def test_unknown_link_keys_are_dropped_with_a_notice() -> None:
    at = open_page(**SIXTY_FORTY, zz="<b>x</b>")
    assert any("does not use" in plain(w.value) for w in at.warning)
    assert "zz" not in at.query_params
    assert tiles(at)["Saving"] == "£1.15m"  # the scenario itself is still read


def test_scenario_survives_a_visit_to_another_page() -> None:
    at = open_page()
    move_panel(at, all_pct=60, set_pct={"behaviour_and_other": 40})
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    at.switch_page(PAGE).run()
    assert not at.exception
    assert tiles(at)["Saving"] == "£1.15m"
    assert shown_pct(at)["behaviour_and_other"] == 40.0
    assert shown_pct(at)["autism_teaching"] == 60.0
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


def test_an_open_posts_table_stays_open_and_follows_the_panel():
    """Opened once, the posts table is redrawn with the scenario the panel settles on."""
    at = open_data_tables(open_page())

    def kept() -> list[str]:
        (table,) = [t.value for t in at.table if "Kept FTE" in list(t.value.columns)]
        return [plain(str(v)) for v in table["Kept FTE"]]

    before = kept()
    move_panel(at, all_pct=0)
    after = kept()
    assert after != before
    assert all(float(v) == 0 for v in after[:-1])  # every group; the last row is the total


def _widget_entries(at: AppTest) -> tuple[int, int]:
    """How many widget ids Streamlit holds metadata and key mappings for in this session
    (internals: there is no public count)."""
    state = at.session_state._state._state
    return len(state._new_widget_state.widget_metadata), len(state._key_id_mapper._key_id_mapping)


def test_a_long_session_does_not_keep_every_widget_key():
    """The panel keeps its keys however often it settles: a session holds the same number of
    widgets after 30 settled values as after one."""
    at = open_page()
    move_panel(at, all_pct=90)
    after_one = _widget_entries(at)
    for i in range(30):
        move_panel(at, all_pct=50 + i % 7, set_pct={"autism_teaching": 40 + i})
    assert _widget_entries(at) == after_one
    # And the page still follows the panel.
    assert shown_pct(at)["autism_hlta"] == float(50 + 29 % 7)
    assert shown_pct(at)["autism_teaching"] == float(40 + 29)


def test_a_projector_gets_the_outcome_in_one_sentence_and_every_control_and_tile() -> None:
    at = open_page(present="1", bb_autism_teaching="60", bb_autism_hlta="60")
    said = [plain(m.value) for m in at.markdown if plain(m.value).startswith("If schools")]
    levels = {"autism_teaching": 0.6, "autism_hlta": 0.6, "behaviour_and_other": 1.0}
    assert said == [bt.scenario_headline(MODEL.evaluate(Scenario(levels, {})))]
    # The panel's controls, a part for each group and its tiles (the browser test checks that
    # they fit the first screen at 1280x720), and no Streamlit slider or tile beside them.
    parts = panel_parts(at)
    assert {PANEL, f"{PANEL}:tiles", *(f"{PANEL}:group:{g}" for g in GROUPS)} <= set(parts)
    assert not at.metric
    assert not [s for s in at.slider if (s.key or "").startswith("bb:slider:")]
    assert parts[PANEL]["config"]["displayModeBar"] is False  # no chart tools on a projector
    # The charts' type enlarged as on every page presenting (1.3 x 16 px = 21 px), the figures
    # what the desk's spec has.
    sent = parts[PANEL]["spec"]
    desk = json.loads(json.dumps(panel_spec(MODEL, at.session_state["bb:scenario"], shown=GROUPS)))
    for chart in ("fte", "curve"):
        assert desk["charts"][chart]["layout"]["font"]["size"] == 16
        assert sent["charts"][chart]["layout"]["font"]["size"] == 21
        assert sent["charts"][chart]["data"][0]["x"] == desk["charts"][chart]["data"][0]["x"]
    assert {k: v for k, v in sent.items() if k != "charts"} == {
        k: v for k, v in desk.items() if k != "charts"
    }
    assert sent_pct(at) == {
        "autism_teaching": 60.0,
        "autism_hlta": 60.0,
        "behaviour_and_other": 100.0,
    }


def test_the_report_words_and_the_method_are_sent_when_opened():
    """The groups' "What the report says" and "How the model works" hold no widget: closed, their
    words are not sent (ui.blocks.folded); opened, they are, for this scenario."""
    at = open_page()
    folded = {b.proto.id.split("-", 2)[-1]: b for b in at.expander}
    keys = [k for k in folded if k.startswith("report_words_")] + ["model_method"]
    assert len(keys) == len(GROUPS) + 1, sorted(folded)
    assert all(len(folded[k].children) == 0 for k in keys)
    for key in keys:
        at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    opened = {b.proto.id.split("-", 2)[-1]: b for b in at.expander}
    method = plain(opened["model_method"].markdown[0].value)
    assert method.startswith(bt.method_text(MODEL, 100)[:60]), method[:80]
    for key in keys[:-1]:
        assert opened[key].markdown[0].value.startswith("> ")
