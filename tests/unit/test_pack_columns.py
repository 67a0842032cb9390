"""Column widths shared by the PDF and the slides: hand-worked cases and the room kept exact."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from redesign.exports.pack.columns import share_out


def test_room_goes_first_to_the_columns_that_lack_it():
    # lacking 4 and 2 of 3 spare: 2 and 1 granted, nothing left for the ratios.
    assert share_out([1, 1, 1], [5, 3, 1], 3, [1, 1, 1], 0.01) == [3, 2, 1]


def test_room_left_once_every_column_fits_goes_by_the_ratios():
    # the first column takes the 2 it lacks; the 2 left go 1:1.
    assert share_out([1, 1], [3, 1], 4, [1, 1], 0.01) == [4, 2]
    assert share_out([1, 1], [1, 1], 3, [2, 1], 0.01) == [3, 2]


@given(
    st.lists(
        st.tuples(st.floats(0.1, 5), st.floats(0, 5), st.floats(0.1, 3)), min_size=1, max_size=8
    ),
    st.floats(0.1, 20),
)
def test_every_column_keeps_its_least_width_and_the_room_is_all_used(columns, spare):
    least = [c[0] for c in columns]
    natural = [c[0] + c[1] for c in columns]
    ratios = [c[2] for c in columns]
    widths = share_out(least, natural, spare, ratios, 0.01)
    assert all(w >= low - 1e-9 for w, low in zip(widths, least, strict=True))
    assert abs(sum(widths) - (sum(least) + spare)) <= 0.01 * len(columns) + 1e-9
