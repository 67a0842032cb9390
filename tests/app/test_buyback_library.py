"""The scenario library on the buy-back page (pages/buyback_parts/library*.py) through app.py with
AppTest: save, list, open, rename, duplicate, compare, delete and undo, a saved scenario's
permalink, a row that no longer fits the data, data changed since saving, and a store that is down
or damaged (only the library gives way to a notice).

Each test has its own SQLite file ($REDESIGN_DB_URL), never var/redesign.db. The scenario is set
through its link (scenario_io's keys) and read from the session, so these tests do not depend on
how the page's controls are drawn.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel, Scenario
from redesign.core.formatting import money_m
from redesign.store import DB_URL_ENV, ScenarioStore, open_store
from redesign.store.schema import scenarios as table
from tests.app.test_buyback_page import SIXTY_FORTY, open_page, plain, texts, tiles
from tests.support.links import links

DATASET = load_dataset()
MODEL = BuybackModel(DATASET)
NOTE = "bb:lib:note"
AUTHOR = "bb:lib:author"
CHOSEN = "bb:lib:chosen"


@pytest.fixture()
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'var' / 'redesign.db'}"
    monkeypatch.setenv(DB_URL_ENV, url)
    return url


@pytest.fixture()
def store(db_url: str):
    opened = open_store(DATASET, db_url)
    yield opened
    opened.database.close()


def name_box(at: AppTest):
    found = [w for w in at.text_input if w.key == "bb:name" or w.key.startswith("bb:name#")]
    assert len(found) == 1
    return found[0]


def save(at: AppTest, name: str, note: str = "", author: str = "") -> None:
    name_box(at).set_value(name).run()
    at.text_area(key=NOTE).set_value(note)
    at.text_input(key=AUTHOR).set_value(author)
    at.button(key="bb:lib:save").click().run()
    assert not at.exception, [e.value for e in at.exception]


def saving_text(s: Scenario) -> str:
    return money_m(MODEL.evaluate(s).saving_m)


def scenario(at: AppTest) -> Scenario:
    return at.session_state["bb:scenario"]


def library_table(at: AppTest):
    """The list of saved scenarios (the table with a "Saved by" column), cells unescaped."""
    for t in at.table:
        frame = t.value
        columns = [plain(str(c)) for c in frame.columns]
        if "Saved by" in columns:
            return [
                dict(zip(columns, (plain(str(v)) for v in row), strict=True))
                for row in frame.values
            ]
    return []


def choose(at: AppTest, scenario_id: str) -> None:
    at.selectbox(key=CHOSEN).set_value(scenario_id).run()
    assert not at.exception


# --- save and list ----------------------------------------------------------------------------


def test_save_lists_the_scenario_with_its_outputs(store: ScenarioStore) -> None:
    at = open_page(**SIXTY_FORTY)
    save(at, "Sixty forty", note="For cabinet\nsecond line", author="SEN team")
    assert any("Saved “Sixty forty”" in plain(s.value) for s in at.success)
    [saved] = store.list()
    assert saved.name == "Sixty forty"
    assert saved.note == "For cabinet\nsecond line"
    assert saved.author == "SEN team"
    assert saved.levels == scenario(at).levels
    [row] = library_table(at)
    assert row["Name"] == "Sixty forty"
    assert row["Saved by"] == "SEN team"
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}", row["Saved"])
    assert row["FTE kept"] == f"{saved.retained_fte:.2f}"
    assert row["Saving £m"] == "£1.15m" == tiles(at)["Saving"]
    assert row["Traded income needed £m"] == f"£{saved.traded_income_m:.2f}m"
    # The new one is chosen: its note as plain text, its permalink, and the address bar holds it.
    assert at.selectbox(key=CHOSEN).value == saved.id
    assert "For cabinet\nsecond line" in [t.value for t in at.text]
    assert any(c.endswith(f"?scenario={saved.id}") for c in links(at))
    assert dict(at.query_params) == {"scenario": saved.id}
    # The note box is emptied for the next one; the author label stays.
    assert at.text_area(key=NOTE).value == ""
    assert at.text_input(key=AUTHOR).value == "SEN team"


def test_a_name_is_required_and_nothing_is_saved_without(store: ScenarioStore) -> None:
    at = open_page()
    at.button(key="bb:lib:save").click().run()
    assert any("type a name" in plain(e.value) for e in at.error)
    assert store.count() == 0


def test_names_notes_and_labels_are_never_markup(store: ScenarioStore) -> None:
    at = open_page()
    hostile = "<b>bold</b> *star* [x](javascript:alert(1)) $x$"
    save(at, hostile, note="<script>alert(1)</script> **n**", author=":red[AB]")
    [row] = library_table(at)
    assert row["Name"] == hostile
    assert row["Saved by"] == ":red[AB]"
    # Every Markdown element that shows it has it escaped; the note is st.text (no parsing).
    for element in [*at.markdown, *at.caption, *at.success]:
        value = str(element.value)
        assert "<b>" not in value and "<script>" not in value
    assert "<script>alert(1)</script> **n**" in [t.value for t in at.text]


# --- open, and the permalink ------------------------------------------------------------------


def test_open_sets_the_scenario_and_the_url(store: ScenarioStore) -> None:
    saved = store.save("Sixty forty", sio.from_query(MODEL, SIXTY_FORTY)[0])
    at = open_page()
    assert tiles(at)["Saving"] == "£1.25m"
    choose(at, saved.id)
    at.button(key="bb:lib:open").click().run()
    assert not at.exception
    assert scenario(at).levels == saved.levels
    assert scenario(at).name == "Sixty forty"
    assert tiles(at)["Saving"] == "£1.15m"
    assert dict(at.query_params) == {"scenario": saved.id}


def test_a_permalink_opens_the_saved_scenario_in_a_new_session(store: ScenarioStore) -> None:
    first = open_page(**SIXTY_FORTY)
    save(first, "Shared")
    [saved] = store.list()
    other = open_page(scenario=saved.id)
    assert scenario(other).levels == saved.levels
    assert tiles(other)["Saving"] == "£1.15m"
    assert dict(other.query_params) == {"scenario": saved.id}
    # Changing the scenario turns the URL back into the full link (the permalink no longer fits).
    name_box(other).set_value("Changed").run()
    params = dict(other.query_params)
    assert "scenario" not in params
    assert params["name"] == "Changed"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("AAAAAAAAAAAA", "There is no saved scenario"),
        ("<b>x</b>", "is not the id of a saved scenario"),
        (["AAAAAAAAAAAA", "BBBBBBBBBBBB"], "it can open one"),
    ],
)
def test_a_bad_permalink_says_why(
    store: ScenarioStore, value: str | list[str], expected: str
) -> None:
    at = open_page(scenario=value)
    assert any(expected in plain(w.value) for w in at.warning), texts(at)
    assert tiles(at)["Saving"] == "£1.25m"
    assert "scenario" not in at.query_params


def test_a_permalink_to_a_deleted_scenario_says_how_to_restore(store: ScenarioStore) -> None:
    saved = store.save("Gone", MODEL.default_scenario())
    store.delete(saved.id)
    at = open_page(scenario=saved.id)
    warning = " ".join(plain(w.value) for w in at.warning)
    assert "was deleted on" in warning and "Recently deleted" in warning


# --- rename, duplicate, compare ---------------------------------------------------------------


def test_rename_and_duplicate(store: ScenarioStore) -> None:
    saved = store.save("First name", MODEL.default_scenario())
    at = open_page()
    choose(at, saved.id)
    at.text_input(key=f"bb:lib:rename:{saved.id}").set_value("Second name")
    at.button(key="bb:lib:rename").click().run()
    assert any("Renamed “First name” to “Second name”" in plain(s.value) for s in at.success)
    assert [r["Name"] for r in library_table(at)] == ["Second name"]
    at.button(key="bb:lib:duplicate").click().run()
    assert [r["Name"] for r in library_table(at)] == ["Second name (copy)", "Second name"]
    assert store.count() == 2
    # The copy is chosen now.
    assert at.selectbox(key=CHOSEN).value != saved.id


def test_compare_saved_scenarios_and_the_one_set_above(store: ScenarioStore) -> None:
    ids = []
    for name, level in (("All kept", 1.0), ("Sixty", 0.6), ("None", 0.0)):
        ids.append(store.save(name, MODEL.uniform(level)).id)
    at = open_page(**SIXTY_FORTY)
    for sid in ids:
        choose(at, sid)
        at.button(key="bb:lib:compare").click().run()
    # The same one twice is refused.
    at.button(key="bb:lib:compare").click().run()
    assert any("already in the comparison" in plain(w.value) for w in at.warning)
    name_box(at).set_value("Set above").run()
    at.button(key="bb:compare_add").click().run()
    comparison = at.table[-1].value
    assert [plain(c) for c in comparison.columns[1:]] == ["All kept", "Sixty", "None", "Set above"]
    rows = {plain(str(r)): i for i, r in enumerate(comparison.iloc[:, 0])}
    saving = [plain(str(v)) for v in comparison.iloc[rows["Saving £m"]].iloc[1:]]
    expected = [saving_text(MODEL.uniform(level)) for level in (1.0, 0.6, 0.0)]
    assert saving == [*expected, "£1.15m"]
    assert len(set(saving)) == 4
    # Each saved one with its permalink; the one set above with its full link.
    shown = links(at)
    for sid in ids:
        assert any(c.endswith(f"/buyback?scenario={sid}") or c == f"?scenario={sid}" for c in shown)
    assert any("bb_behaviour_and_other=40" in c for c in shown)
    # A fifth is refused: four at most.
    choose(at, ids[0])
    at.button(key="bb:lib:duplicate").click().run()
    at.button(key="bb:lib:compare").click().run()
    assert any("up to 4 scenarios" in plain(w.value) for w in at.warning)
    assert len(at.table[-1].value.columns) == 5


# --- delete and undo --------------------------------------------------------------------------


def test_delete_then_undo(store: ScenarioStore) -> None:
    saved = store.save("Keep me", MODEL.default_scenario())
    at = open_page()
    choose(at, saved.id)
    at.button(key="bb:lib:delete").click().run()
    message = " ".join(plain(s.value) for s in at.success)
    assert "Deleted “Keep me”" in message and "30 days" in message and "removed for good" in message
    assert library_table(at) == []
    assert store.get(saved.id).deleted
    at.button(key="bb:lib:undo").click().run()
    assert [r["Name"] for r in library_table(at)] == ["Keep me"]
    assert not store.get(saved.id).deleted


def test_restore_from_recently_deleted(store: ScenarioStore) -> None:
    saved = store.save("Bin me", MODEL.default_scenario())
    store.delete(saved.id)
    at = open_page()
    assert library_table(at) == []
    assert any("Recently deleted (1)" in e.label for e in at.expander)
    at.button(key="bb:lib:restore:0").click().run()
    assert [r["Name"] for r in library_table(at)] == ["Bin me"]


def test_another_session_sees_a_saved_scenario(store: ScenarioStore) -> None:
    one, two = open_page(), open_page()
    save(one, "From session one")
    two.run()
    assert [r["Name"] for r in library_table(two)] == ["From session one"]


# --- the data changed, a row that no longer fits ----------------------------------------------


def _set_row(url: str, scenario_id: str, **values: object) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(table.update().where(table.c.id == scenario_id).values(**values))
    engine.dispose()


def test_data_changed_since_saving_shows_both_results(store: ScenarioStore, db_url: str) -> None:
    saved = store.save("Old data", MODEL.uniform(0.6))
    # As if saved on an earlier version of the data, whose saving was different.
    _set_row(db_url, saved.id, data_digest="0" * 64, saving_m=0.99)
    at = open_page()
    [row] = library_table(at)
    assert row["Against today's data"] == "Data changed since saved"
    assert row["Saving £m"] == "£0.99m"
    choose(at, saved.id)
    assert any("data has changed" in plain(i.value) for i in at.info)
    both = [t.value for t in at.table if "When saved" in [plain(c) for c in t.value.columns]]
    assert both, "no table of both results"
    frame = both[0]
    saving = frame[[plain(str(v)) == "Saving £m" for v in frame.iloc[:, 0]]]
    assert [plain(str(v)) for v in saving.iloc[0].iloc[1:]] == [
        "£0.99m",
        saving_text(MODEL.uniform(0.6)),
    ]
    # Compared, it is shown on today's data, with a note of its results when saved.
    at.button(key="bb:lib:compare").click().run()
    assert any("Saved on earlier data" in plain(c.value) for c in at.caption)


def test_a_row_that_no_longer_fits_is_shown_with_its_problem(
    store: ScenarioStore, db_url: str
) -> None:
    saved = store.save("Old groups", MODEL.uniform(0.5))
    levels = {**saved.levels, "a_group_since_removed": 0.5}
    _set_row(db_url, saved.id, levels=json.dumps(levels))
    at = open_page()
    [row] = library_table(at)
    assert "Does not fit" in row["Against today's data"]
    assert "a_group_since_removed" in row["Against today's data"]
    choose(at, saved.id)
    assert any("does not fit today's data" in plain(w.value) for w in at.warning)
    at.button(key="bb:lib:open").click().run()
    assert not at.exception
    assert scenario(at).levels == MODEL.uniform(0.5).levels
    assert any("no longer in the data" in plain(s.value) for s in at.success)


# --- the store down or damaged: only the library gives way ------------------------------------


def _page_works_without_the_library(at: AppTest) -> None:
    assert not at.exception
    assert tiles(at)["Saving"] == "£1.15m"
    assert not [b for b in at.button if b.key.startswith("bb:lib:")]
    # Naming and comparing the scenario set above still work.
    name_box(at).set_value("Offline").run()
    at.button(key="bb:compare_add").click().run()
    assert not at.exception
    assert [plain(c) for c in at.table[-1].value.columns[1:]] == ["Offline"]


def test_store_down_turns_only_the_library_into_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing listens on port 1: connecting is refused at once.
    monkeypatch.setenv(DB_URL_ENV, "postgresql+psycopg://postgres@127.0.0.1:1/none")
    at = open_page(**SIXTY_FORTY)
    notice = " ".join(plain(w.value) for w in at.warning)
    assert "The scenario library cannot be used just now" in notice
    assert "not reachable" in notice
    _page_works_without_the_library(at)
    for page in ("pages/overview.py", "pages/staffing.py", "pages/sen_needs.py"):
        at.switch_page(page).run()
        assert not at.exception, page


def test_a_bad_database_url_is_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DB_URL_ENV, "mysql://nobody@127.0.0.1/x")
    at = open_page(**SIXTY_FORTY)
    assert any("unsupported database" in plain(w.value) for w in at.warning)
    _page_works_without_the_library(at)


def test_a_link_to_a_saved_scenario_with_the_store_down(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DB_URL_ENV, "postgresql+psycopg://postgres@127.0.0.1:1/none")
    at = open_page(scenario="AAAAAAAAAAAA")
    assert any("cannot be used now" in plain(w.value) for w in at.warning)
    assert tiles(at)["Saving"] == "£1.25m"


def test_a_garbage_sqlite_file_is_set_aside_and_the_library_starts_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not a database, " * 200)
    monkeypatch.setenv(DB_URL_ENV, f"sqlite:///{path}")
    at = open_page(**SIXTY_FORTY)
    info = " ".join(plain(i.value) for i in at.info)
    assert "could not be read" in info and "moved aside to garbage.db.corrupt-" in info
    assert str(tmp_path) not in info  # the server's paths are never shown
    assert list(tmp_path.glob("garbage.db.corrupt-*"))
    save(at, "After the damage")
    assert [r["Name"] for r in library_table(at)] == ["After the damage"]
