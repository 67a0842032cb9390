"""Save, read back, list, rename, duplicate: what goes in comes out, on both databases."""

from __future__ import annotations

import json
from datetime import UTC, timedelta, timezone

import pytest

from redesign.buyback.model import BuybackModel, Scenario
from redesign.buyback.scenario_io import from_yaml, make_scenario, to_yaml
from redesign.store import Headline, ScenarioStore, is_id
from redesign.store.schema import scenarios as table
from tests.support.stores import FakeClock


def _scenario(model: BuybackModel) -> Scenario:
    levels = dict.fromkeys(model.group_ids, 0.8)
    levels[model.group_ids[0]] = 1.25
    return Scenario(levels, {"redundancy_cost_per_fte": 25_000.0})


def test_save_and_get_round_trip(store: ScenarioStore, model: BuybackModel, clock: FakeClock):
    scenario = _scenario(model)
    saved = store.save("Keep autism teaching", scenario, note="line 1\nline 2", author="SEN team")
    assert is_id(saved.id) and len(saved.id) >= 12
    got = store.get(saved.id)
    assert got == saved
    assert got.name == "Keep autism teaching"
    assert got.note == "line 1\nline 2"
    assert got.author == "SEN team"
    assert got.levels == make_scenario(model, scenario.levels).levels
    assert got.assumptions == {"redundancy_cost_per_fte": 25_000.0}
    assert got.saved_at == got.updated_at == clock.now
    assert got.saved_at.tzinfo is not None and got.saved_at.utcoffset() == timedelta(0)
    assert got.deleted_at is None and not got.deleted
    assert got.problem is None
    assert got.data_digest == store.data_digest != ""
    # The outputs are the model's, computed at save time.
    assert got.headline == Headline.of(model.evaluate(scenario))
    assert got.scenario == Scenario(got.levels, got.assumptions, "Keep autism teaching")
    assert got.query == {"scenario": saved.id}


def test_exported_yaml_opens_as_the_same_scenario(store: ScenarioStore, model: BuybackModel):
    saved = store.save("For cabinet", _scenario(model))
    text = to_yaml(model, saved.scenario)
    assert from_yaml(model, text.encode()) == saved.scenario


def test_times_are_utc_whatever_the_clock_zone(store: ScenarioStore, model: BuybackModel, clock):
    clock.now = clock.now.astimezone(timezone(timedelta(hours=5)))
    saved = store.save("Zoned", model.default_scenario())
    assert saved.saved_at.tzinfo == UTC
    assert saved.saved_at == clock.now


def test_list_is_newest_first_and_pages(store: ScenarioStore, model: BuybackModel, clock):
    ids = []
    for i in range(7):
        ids.append(store.save(f"S{i}", model.uniform(i / 10)).id)
        clock.advance(timedelta(minutes=1))
    listed = [s.id for s in store.list()]
    assert listed == ids[::-1]
    assert [s.id for s in store.list(limit=3)] == ids[::-1][:3]
    assert [s.id for s in store.list(limit=3, offset=3)] == ids[::-1][3:6]
    assert [s.id for s in store.list(limit=3, offset=6)] == ids[:1]
    assert store.count() == 7


def test_rename_set_note_and_duplicate(store: ScenarioStore, model: BuybackModel, clock):
    saved = store.save("Original", model.uniform(0.5), note="n")
    clock.advance(timedelta(hours=1))
    renamed = store.rename(saved.id, "  Renamed  ")
    assert renamed.name == "Renamed"
    assert renamed.updated_at == clock.now and renamed.saved_at == saved.saved_at
    assert store.set_note(saved.id, "new note").note == "new note"
    clock.advance(timedelta(hours=1))
    copy = store.duplicate(saved.id)
    assert copy.id != saved.id
    assert copy.name == "Renamed (copy)"
    assert copy.saved_at == clock.now
    assert (copy.levels, copy.assumptions, copy.headline, copy.data_digest, copy.note) == (
        renamed.levels,
        renamed.assumptions,
        renamed.headline,
        renamed.data_digest,
        "new note",
    )
    assert store.duplicate(saved.id, "Other").name == "Other"
    assert store.count() == 3


def test_copy_of_a_long_name_stays_within_the_limit(store: ScenarioStore, model: BuybackModel):
    saved = store.save("x" * 60, model.default_scenario())
    copy = store.duplicate(saved.id)
    assert len(copy.name) == 60 and copy.name.endswith(" (copy)")


def test_get_many_keeps_the_order_asked_and_leaves_out_unknown_ids(store: ScenarioStore, model):
    a = store.save("A", model.uniform(0.1)).id
    b = store.save("B", model.uniform(0.2)).id
    c = store.save("C", model.uniform(0.3)).id
    got = store.get_many([c, "unknownid123", a, "bad id!", c, b])
    assert list(got) == [c, a, b]
    assert got[a].name == "A"
    assert store.get_many([]) == {}


def test_a_row_that_no_longer_fits_the_data_comes_back_with_its_problem(
    store: ScenarioStore, model: BuybackModel
):
    good = store.save("Fits", model.default_scenario())
    odd = store.save("Will not fit", model.default_scenario())
    garbled = store.save("Garbled", model.default_scenario())
    with store.database.write() as conn:
        levels = {**odd.levels, "a_group_removed_since": 0.5}
        conn.execute(table.update().where(table.c.id == odd.id).values(levels=json.dumps(levels)))
        conn.execute(table.update().where(table.c.id == garbled.id).values(levels="{not json"))
    listed = {s.id: s for s in store.list()}
    assert set(listed) == {good.id, odd.id, garbled.id}
    assert listed[good.id].problem is None
    assert "a_group_removed_since" in (listed[odd.id].problem or "")
    assert "cannot be read" in (listed[garbled.id].problem or "")
    assert listed[garbled.id].levels == {}
    assert store.get(odd.id).problem == listed[odd.id].problem


def test_a_group_missing_from_a_row_is_a_problem_too(store: ScenarioStore, model: BuybackModel):
    saved = store.save("Short", model.default_scenario())
    dropped = model.group_ids[-1]
    levels = {g: v for g, v in saved.levels.items() if g != dropped}
    with store.database.write() as conn:
        conn.execute(table.update().where(table.c.id == saved.id).values(levels=json.dumps(levels)))
    assert f"group {dropped!r} of the current data is missing" in (
        store.get(saved.id).problem or ""
    )


@pytest.mark.parametrize("limit", [0, 1001])
def test_list_limit_bounds(store: ScenarioStore, limit: int):
    from redesign.store import InvalidInput

    with pytest.raises(InvalidInput, match="limit"):
        store.list(limit=limit)
