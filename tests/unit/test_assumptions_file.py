"""data/assumptions.yaml read through its pydantic record: every kind of mistake, in the tool's words."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from redesign.core.errors import DataProblem
from redesign.data import fields as f
from redesign.data.assumptions import UNITS, USED_BY, Assumption, UnitName, parse_assumptions

GOOD: dict[str, Any] = {
    "id": "cost_per_fte.autism_teaching",
    "label": "Cost per FTE, autism teaching posts",
    "unit": "gbp_per_fte",
    "default": 50000,
    "min": 30000,
    "max": 80000,
    "step": 500,
    "reason": "A placeholder.",
}


def read(*entries: dict[str, Any]) -> tuple[tuple[Assumption, ...], list[DataProblem]]:
    ctx = f.Context("assumptions.yaml", "", "tool_editorial", "")
    found = parse_assumptions({"document": "tool_editorial", "assumptions": list(entries)}, ctx)
    return found, ctx.problems


def only_problem(entry: dict[str, Any]) -> str:
    found, problems = read(entry)
    assert found == ()
    assert len(problems) == 1, problems
    return str(problems[0])


def test_a_good_entry_is_read_with_its_figures():
    (a,), problems = read(GOOD)
    assert problems == []
    assert (a.default, a.min, a.max, a.step, a.used_by) == (
        50000.0,
        30000.0,
        80000.0,
        500.0,
        "buyback",
    )
    assert a.clamp(10) == 30000 and a.clamp(90000) == 80000 and a.clamp(42000) == 42000


def test_the_record_cannot_be_changed_after_reading():
    (a,), _ = read(GOOD)
    with pytest.raises(ValueError):
        a.default = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"default": "fifty thousand"},
            "assumptions.yaml › cost_per_fte.autism_teaching › default: "
            "expected a number, got text 'fifty thousand'",
        ),
        ({"default": True}, "default: expected a number, got true/false True"),
        ({"max": float("inf")}, "max: expected a finite number, got inf"),
        ({"min": -1}, "min: must not be negative, got -1"),
        ({"label": ""}, "label: is empty"),
        ({"label": 7}, "label: expected text, got a number 7"),
        (
            {"unit": "euro"},
            "unit: expected one of: gbp_per_fte, gbp, gbp_one_off, pct, fte, days; got 'euro'",
        ),
        ({"used_by": "cabinet"}, "used_by: expected one of: buyback, workshop; got 'cabinet'"),
        ({"defualt": 1}, "defualt: unknown field (expected one of: default, id, label, max, min,"),
        ({"min": 90000}, "min: min 90000 is above max 80000"),
        ({"default": 20000}, "default: default 20000 is outside its range 30000 to 80000"),
        ({"step": 0}, "step: must be above zero"),
        ({"reason": "x" * 20_001}, "reason: text is 20,001 characters; the limit is 20,000"),
    ],
)
def test_each_mistake_names_file_record_and_field(change, expected):
    assert expected in only_problem({**GOOD, **change})


@pytest.mark.parametrize(("missing", "expected"), [("step", "a number"), ("reason", "text")])
def test_a_missing_field_says_what_was_expected(missing, expected):
    entry = {k: v for k, v in GOOD.items() if k != missing}
    assert only_problem(entry).endswith(f"› {missing}: missing (expected {expected})")


def test_every_problem_in_an_entry_is_reported_at_once():
    _, problems = read({**GOOD, "default": "x", "unit": "euro", "colour": "red"})
    assert sorted(p.field for p in problems) == ["colour", "default", "unit"]


def test_a_duplicate_id_is_refused_and_the_first_kept():
    found, problems = read(GOOD, {**GOOD, "default": 60000})
    assert [a.default for a in found] == [50000.0]
    assert [str(p) for p in problems] == [
        "assumptions.yaml › cost_per_fte.autism_teaching › id: duplicate assumption id"
    ]


def test_the_units_named_in_the_record_are_the_units_the_tables_name():
    assert set(get_args(UnitName)) == set(UNITS)
    assert USED_BY == ("buyback", "workshop")
