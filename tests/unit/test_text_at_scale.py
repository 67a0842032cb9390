"""Alt texts and notes stay one readable sentence however many services the data holds: lists of
names are cut after a few and the rest counted (redesign.core.formatting.join_words)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redesign import load_dataset
from redesign.core.formatting import LIST_LIMIT, join_words
from redesign.present.savings import ranked_savings_alt, ranked_savings_frame
from redesign.present.staffing import headcount_alt, staffing_now_after_alt, staffing_reductions_alt
from tests.support.synthetic import make_dataset


@given(st.lists(st.text(alphabet="abc", min_size=1, max_size=3), max_size=40))
def test_join_words_counts_the_rest(items: list[str]) -> None:
    text = join_words(items)
    if len(items) <= LIST_LIMIT + 1:
        assert all(item in text for item in items)
        assert "more" not in text
    else:
        assert text.endswith(f" and {len(items) - LIST_LIMIT} more")
        assert text.count(", ") == LIST_LIMIT - 1


def test_real_lists_are_whole() -> None:
    assert join_words(["A", "B", "C"]) == "A, B and C"
    assert join_words([f"s{i}" for i in range(7)]) == "s0, s1, s2, s3, s4, s5 and s6"


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory):
    return load_dataset(make_dataset(Path(tmp_path_factory.mktemp("syn")) / "data", 100))


def test_alt_texts_stay_short_at_100x(big) -> None:
    services = big.services
    texts = [
        staffing_now_after_alt(services),
        staffing_reductions_alt(services),
        headcount_alt(services),
        ranked_savings_alt(ranked_savings_frame(services)),
    ]
    for text in texts:
        assert len(text) < 800, text[:200]
    assert "more services with" in texts[1] and "more services with casual staff" in texts[2]
