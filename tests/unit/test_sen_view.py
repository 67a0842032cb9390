"""redesign.sen_view: what the SEN page says, with values worked by hand from data/sen_needs.yaml."""

from __future__ import annotations

from dataclasses import replace

import pytest

from redesign import load_dataset
from redesign.checks.sen_discrepancies import CATEGORIES, SPECIAL_SCHOOLS, sen_discrepancies
from redesign.data.sen.records import SenNeeds
from redesign.present import sen_view as v


@pytest.fixture(scope="module")
def sen() -> SenNeeds:
    found = load_dataset().sen
    assert found is not None
    return found


def without_school(sen: SenNeeds, name: str) -> SenNeeds:
    block = sen.special_schools
    return replace(
        sen, special_schools=replace(block, rows=tuple(r for r in block.rows if r.name != name))
    )


def test_headline_tiles(sen: SenNeeds) -> None:
    tiles = {t.key: t for t in v.headlines(sen)}
    assert list(tiles) == ["need_total", "occupancy", "placements", "proposed"]
    # 435 + 1,208 + 835 + 509 + 285 + 121 + 73 + 342 pupils by main need.
    assert tiles["need_total"].value == "3,808"
    assert tiles["need_total"].label == "Pupils by main need, January 2004"
    assert tiles["need_total"].derived
    assert tiles["placements"].value == "47"
    assert "0 of them placed inside" in tiles["placements"].help
    assert tiles["proposed"].label.endswith("(2004/05)")


def test_largest_need(sen: SenNeeds) -> None:
    # Moderate/Severe Learning Difficulty: 911 primary + 297 secondary.
    assert v.largest_need(sen) == v.LargestNeed("Moderate/Severe Learning Difficulty", 1208)


def test_schools_over_and_at_capacity(sen: SenNeeds) -> None:
    assert v.over_capacity_words(sen) == (
        "Baginton Fields (101 pupils in 95 places); The Meadows (46 pupils in 45 places)"
    )
    assert v.full_schools_words(sen) == "Tiverton, Wainbody Wood"  # 42 in 42, and as many
    assert v.over_capacity_title(sen) == "2 special schools had more pupils than places"
    one = without_school(sen, "The Meadows")
    assert v.over_capacity_title(one) == "One special school had more pupils than places"
    none = without_school(one, "Baginton Fields")
    assert v.over_capacity_words(none) == ""
    assert v.over_capacity_title(none) == "No special school had more pupils than places"


def test_rolls_in_words(sen: SenNeeds) -> None:
    """5,835 at 11.7% imply 5,835 / 0.117 = 49,872; 3,130 at 6.3% imply 49,683. With the shares
    rounded to 0.1: 5,835 / 0.1175 = 49,659.6 up to 5,835 / 0.1165 = 50,085.8, and 3,130 / 0.0635
    = 49,291.3 up to 3,130 / 0.0625 = 50,080: rolls 49,660 to 50,080 fit both."""
    text = v.rolls_sentence(sen)
    assert "**5,835** pupils were at School Action (11.7% of the roll" in text
    assert "about 49,872 and 49,683 pupils" in text
    assert "any roll from 49,660 to 50,080 fits both" in text


def test_statements_in_words(sen: SenNeeds) -> None:
    # 438 pupils in 19 secondary schools: 23.05 a school.
    text = v.statements_description(sen)
    assert text.startswith("Secondary: 438 pupils in 19 schools, 23.05 a school on average")
    assert "Primary: 261 pupils, 0 to 16 a school" in text


def test_placements_title(sen: SenNeeds) -> None:
    assert v.placements_title(sen) == (
        "47 children in independent SEN placements, none in the city"
    )


def test_discrepancies_by_table(sen: SenNeeds) -> None:
    found = sen_discrepancies(sen)
    categories = v.discrepancies_in(found, CATEGORIES)
    assert [d.check for d in categories] == ["category_table_vs_counts"]
    assert v.discrepancies_in(found, SPECIAL_SCHOOLS) == []
    # 3,130 at School Action Plus + 261 + 438 with statements = 3,829 against the table's 3,808.
    text = v.discrepancy_text(categories[0])
    assert r"3\,808 pupils against 3\,829 pupils" in text
