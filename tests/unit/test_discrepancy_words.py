"""redesign.discrepancy_words: a published figure that does not add up, with both numbers."""

from __future__ import annotations

from redesign.checks.discrepancy import Discrepancy
from redesign.present.discrepancy_words import discrepancy_text, discrepancy_value


def gap(published: float | None, computed: float | None, unit: str, detail: str) -> Discrepancy:
    return Discrepancy(
        "Service", "service", "check", "Budget less cost", published, computed, unit, detail
    )


def test_values_in_their_unit() -> None:
    assert discrepancy_value(1.25, "£m") == "£1.25m"
    assert discrepancy_value(-0.9, "£m") == "−£0.90m"
    assert discrepancy_value(4.13, "FTE") == "4.13 FTE"
    assert discrepancy_value(12, "places") == "12 places"
    assert discrepancy_value(None, "places") == "not stated"


def test_both_numbers_are_added_when_the_detail_lacks_them() -> None:
    text = discrepancy_text(gap(1.25, 1.3, "£m", "the saving is not budget less cost"))
    assert text == (
        "Budget less cost: The saving is not budget less cost. Stated: £1.25m; from the other"
        " published figures: £1.30m."
    )


def test_a_detail_giving_both_numbers_is_left_as_it_is() -> None:
    text = discrepancy_text(gap(4.13, 4.2, "FTE", "4.13 stated, 4.20 from the posts"))
    assert text == "Budget less cost: 4.13 stated, 4.20 from the posts."
