"""A school's form: every field checked, impossible figures refused with plain messages."""

from __future__ import annotations

import pytest

from redesign.workshop import AnswerRefused, OfferInput, make_answer, parse_amount, school_key
from redesign.workshop.keys import CODE_ALPHABET, new_join_code, normal_code, shown_code

ASKED = ("autism_teaching", "autism_hlta")


def form(**changes):
    values = {
        "offers": ASKED,
        "school": "Oak Primary",
        "anonymous": False,
        "phase": "primary",
        "contract_years": 2,
        "inputs": {
            "autism_teaching": OfferInput("10"),
            "autism_hlta": OfferInput("", not_sure=True),
        },
        "comment": "",
    }
    return make_answer(**(values | changes))


def test_a_good_answer():
    answer = form(comment="  Our SENCo would like\r\nmore  ")
    assert answer.school == "Oak Primary" and answer.phase == "primary"
    assert answer.days == {"autism_teaching": 10.0}
    assert answer.not_sure == {"autism_hlta"}
    assert answer.comment == "Our SENCo would like\nmore"
    assert answer.contract_years == 2


@pytest.mark.parametrize(
    ("typed", "unit", "days"),
    [
        ("", "days", 0.0),
        ("2.5", "days", 2.5),
        (" 1,00 ", "half_days", 50.0),
        ("7", "half_days", 3.5),
        ("3", "sessions", 1.5),
        ("730", "sessions", 365.0),
        (12, "days", 12.0),
    ],
)
def test_amounts_in_days_half_days_and_sessions(typed, unit, days):
    assert parse_amount(typed, unit) == days


@pytest.mark.parametrize(
    ("typed", "unit", "message"),
    [
        ("ten", "days", "write a number of days"),
        ("-3", "days", "cannot be below zero"),
        ("366", "days", "more than a year has: at most 365 days a year"),
        ("731", "half_days", "at most 730 half days"),
        ("nan", "days", "write a number"),
        ("inf", "days", "write a number"),
        ("2.25", "days", "days are sold in halves"),
        ("1" * 20, "days", "too long"),
        ("5", "weeks", "choose days, half days or sessions"),
        (True, "days", "write a number"),
    ],
)
def test_impossible_amounts_are_refused_with_a_message(typed, unit, message):
    with pytest.raises(ValueError, match=message):
        parse_amount(typed, unit)


def test_every_problem_named_by_its_field():
    with pytest.raises(AnswerRefused) as caught:
        form(
            school="x" * 81,
            phase="university",
            contract_years=5,
            inputs={"autism_teaching": OfferInput("-1"), "autism_hlta": OfferInput("lots")},
            comment="y" * 1001,
        )
    refused = caught.value
    assert {p.field for p in refused.problems} == {
        "school",
        "phase",
        "contract_years",
        "comment",
        "days.autism_teaching",
        "days.autism_hlta",
    }
    assert "keep it to 80" in (refused.for_field("school") or "")
    assert "below zero" in (refused.for_field("days.autism_teaching") or "")


def test_a_name_is_needed_unless_anonymous():
    with pytest.raises(AnswerRefused, match="give your school's name"):
        form(school="  ... ")
    answer = form(school="ignored", anonymous=True)
    assert answer.school == "" and answer.anonymous and answer.school_label == "anonymous"


def test_offers_not_asked_are_refused_and_missing_ones_are_none():
    with pytest.raises(AnswerRefused, match="does not ask about 'behaviour_and_other'"):
        form(inputs={"behaviour_and_other": OfferInput("3")})
    assert form(inputs={}).days == {"autism_teaching": 0.0, "autism_hlta": 0.0}


def test_control_characters_and_markup_stay_plain_text():
    answer = form(school="Oak\x00 <b>Primary</b>\u202e", comment="**bold** [x](y)")
    # Controls and bidirectional overrides (which could make a name read backwards) go.
    assert answer.school == "Oak <b>Primary</b>"
    assert answer.comment == "**bold** [x](y)"  # kept as typed; shown as text, never Markdown


def test_the_same_school_however_it_is_typed():
    assert school_key("Oak  Primary.") == school_key("oak primary") == "oak primary"
    assert school_key("St. Mary's") == school_key("st mary's")
    assert school_key("Oak Primary") != school_key("Oak Secondary")


def test_join_codes():
    codes = {new_join_code() for _ in range(200)}
    assert len(codes) == 200
    code = codes.pop()
    assert len(code) == 8 and set(code) <= set(CODE_ALPHABET)
    assert normal_code(shown_code(code).lower()) == code
    assert normal_code(f" {code[:4]} {code[4:]} ") == code
    assert normal_code("ABCD-EFG0") is None  # 0 is not in the alphabet
    assert normal_code("x" * 100) is None and normal_code(None) is None
