"""Untrusted input: names, notes, author labels and scenarios are checked before anything is
written, and refused with a message naming the field."""

from __future__ import annotations

import math

import pytest

from redesign.buyback.model import BuybackModel, Scenario
from redesign.store import InvalidInput, NotFound, ScenarioStore


def _refused(store: ScenarioStore, field: str, **kwargs: object) -> str:
    args = {"name": "A name", "scenario": store.model.default_scenario(), **kwargs}
    with pytest.raises(InvalidInput) as caught:
        store.save(**args)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert "\n" not in str(caught.value)
    assert store.count(include_deleted=True) == 0, "nothing is written when input is refused"
    return str(caught.value)


def test_control_characters_are_stripped(store: ScenarioStore, model: BuybackModel):
    saved = store.save(
        "Plan\x00 B\x1b[31m\u202a", model.default_scenario(), note="a\r\nb\x07\tc", author="T\x9bm"
    )
    assert saved.name == "Plan B[31m\u202a"
    assert saved.note == "a\nb c"
    assert saved.author == "Tm"


def test_limits_name_the_field(store: ScenarioStore):
    assert "61 characters; the limit is 60" in _refused(store, "name", name="n" * 61)
    assert "1,001 characters" in _refused(store, "note", note="n" * 1001)
    assert "61 characters" in _refused(store, "author", author="a" * 61)
    assert "give the scenario a name" in _refused(store, "name", name=" \x00\t ")
    assert "expected text" in _refused(store, "name", name=42)


def test_at_the_limits_is_accepted(store: ScenarioStore, model: BuybackModel):
    saved = store.save("n" * 60, model.default_scenario(), note="é" * 1000, author="a" * 60)
    assert (len(saved.name), len(saved.note), len(saved.author)) == (60, 1000, 60)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda lv, a: lv.update({next(iter(lv)): 1.6}), "outside 0 to 1.5"),
        (lambda lv, a: lv.update({next(iter(lv)): -0.1}), "outside 0 to 1.5"),
        (lambda lv, a: lv.update({next(iter(lv)): math.nan}), "not a number"),
        (lambda lv, a: lv.update({"no_such_group": 0.5}), "'no_such_group' is not in the current"),
        (lambda lv, a: lv.pop(next(iter(lv))), "of the current data is missing"),
        (lambda lv, a: a.update({"no_such_assumption": 1.0}), "'no_such_assumption' is not"),
        (lambda lv, a: a.update({"traded_charge_pct": 10_000.0}), "'traded_charge_pct' = 10000"),
        (lambda lv, a: a.update({"traded_charge_pct": True}), "is not a number"),
    ],
)
def test_scenarios_are_validated_by_the_model(store: ScenarioStore, change, expected: str):
    base = store.model.default_scenario()
    levels, assumptions = dict(base.levels), dict(base.assumptions)
    change(levels, assumptions)
    message = _refused(store, "scenario", scenario=Scenario(levels, assumptions))
    assert expected in message


def test_not_a_scenario_is_refused(store: ScenarioStore):
    assert "expected a Scenario" in _refused(store, "scenario", scenario={"levels": {}})


@pytest.mark.parametrize("bad", ["", "short", "x" * 33, "has space!", "../../etc", "é" * 12])
def test_malformed_ids_are_not_found(store: ScenarioStore, bad: str):
    with pytest.raises(NotFound):
        store.get(bad)
    with pytest.raises(NotFound):
        store.rename(bad, "x")
    assert store.get_many([bad]) == {}


def test_a_deleted_scenario_is_restored_before_it_is_changed(store: ScenarioStore, model):
    saved = store.save("Gone", model.default_scenario())
    store.delete(saved.id)
    for action in (
        lambda: store.rename(saved.id, "x"),
        lambda: store.set_note(saved.id, "x"),
        lambda: store.duplicate(saved.id),
    ):
        with pytest.raises(InvalidInput, match="deleted; restore it first"):
            action()
    assert store.get(saved.id).name == "Gone"


def test_rename_checks_the_new_name(store: ScenarioStore, model: BuybackModel):
    saved = store.save("Fine", model.default_scenario())
    with pytest.raises(InvalidInput, match=r"^name: 61 characters"):
        store.rename(saved.id, "n" * 61)
    with pytest.raises(InvalidInput, match=r"^note: "):
        store.set_note(saved.id, "n" * 1001)
    assert store.get(saved.id).name == "Fine"
