"""House number formats and safe rendering of untrusted text (redesign.core.formatting)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from redesign.core.formatting import (
    MINUS,
    NOT_STATED,
    count,
    fte,
    money_m,
    money_words,
    pct,
    share,
    signed_fte,
    signed_money_m,
)
from redesign.core.table_format import format_frame, format_records
from redesign.core.text import escape_markdown, markdown_paragraphs, safe_quote


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.14, "£0.14m"),
        (0.9, "£0.90m"),
        (18.35, "£18.35m"),
        (-0.9, f"{MINUS}£0.90m"),
        (0, "£0.00m"),
        (-0.001, "£0.00m"),  # rounds to zero: no sign
        (1234.5, "£1234.50m"),
        (None, NOT_STATED),
        (float("nan"), NOT_STATED),
    ],
)
def test_money_m(value, expected):
    assert money_m(value) == expected


def test_money_m_minus_is_unicode_and_before_pound():
    text = money_m(-1.25)
    assert text == "\u2212£1.25m"
    assert "-" not in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.11, "+£0.11m"), (-0.9, f"{MINUS}£0.90m"), (0, "£0.00m"), (None, NOT_STATED)],
)
def test_signed_money_m(value, expected):
    assert signed_money_m(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.14, "£140,000"), (0.005, "£5,000"), (1.25, "£1.25 million"), (-0.11, f"{MINUS}£110,000")],
)
def test_money_words(value, expected):
    assert money_words(value) == expected


def test_fte_pct_share_count():
    assert fte(4.13) == "4.13"
    assert fte(224.99) == "224.99"
    assert fte(1) == "1.00"
    assert fte(-22.83) == f"{MINUS}22.83"
    assert fte(None) == NOT_STATED
    assert signed_fte(1.5) == "+1.50"
    assert pct(12.5) == "12.5%"
    assert pct(78, 0) == "78%"
    assert share(0.296053) == "29.6%"
    assert count(167) == "167"
    assert count(1234.0) == "1,234"
    assert count(None) == NOT_STATED


def test_escape_markdown_neutralises_html_and_markdown():
    hostile = "<script>alert(1)</script> **bold** [x](javascript:1) :red[x] $x$"
    escaped = escape_markdown(hostile)
    assert "<script>" not in escaped
    assert "\\<script\\>" in escaped
    assert "\\*\\*bold\\*\\*" in escaped
    assert "\\[x\\]\\(javascript\\:1\\)" in escaped
    assert "\\$x\\$" in escaped


@given(st.text(max_size=200))
def test_escape_markdown_escapes_every_ascii_punctuation(text):
    escaped = escape_markdown(text)
    # Removing the escapes gives the text back.
    unescaped = []
    chars = iter(escaped)
    for ch in chars:
        unescaped.append(next(chars) if ch == "\\" else ch)
    assert "".join(unescaped) == text


def test_safe_quote_truncates_and_flattens():
    assert safe_quote("a" * 10_000) == "a" * 60 + "…"
    assert safe_quote("../../etc/passwd") == "\\.\\.\\/\\.\\.\\/etc\\/passwd"
    assert "\n" not in safe_quote("line1\nline2\u202e")


def test_markdown_paragraphs_keeps_bullets_and_escapes():
    text = "Intro *text* <b>bold</b>\n\n- first item (a)\n- second_item\nAfter the list"
    md = markdown_paragraphs(text)
    lines = md.splitlines()
    assert lines[0] == "Intro \\*text\\* \\<b\\>bold\\<\\/b\\>"
    assert lines[2] == "- first item \\(a\\)"
    assert lines[3] == "- second\\_item"
    assert lines[4] == ""  # a blank line ends the list before the paragraph
    assert lines[5] == "After the list"


def test_format_frame_uses_units_in_headers():
    frame = pd.DataFrame(
        {
            "Service": ["A", "B"],
            "Saving £m": [0.9, None],
            "Change £m": [-0.9, 0.11],
            "FTE now": [4.13, 109.34],
            "Headcount": [167.0, math.nan],
            "Share of stated saving": [0.296, None],
            "Derived": [True, False],
        }
    )
    out = format_frame(frame)
    assert out["Saving £m"].tolist() == ["£0.90m", "—"]
    assert out["Change £m"].tolist() == [f"{MINUS}£0.90m", "+£0.11m"]
    assert out["FTE now"].tolist() == ["4.13", "109.34"]
    assert out["Headcount"].tolist() == ["167", "—"]
    assert out["Share of stated saving"].tolist() == ["29.6%", "—"]
    assert out["Derived"].tolist() == ["yes", "no"]


def test_escape_label_keeps_names_readable_but_inert():
    from redesign.core.text import escape_label

    assert escape_label("Saving (as stated)") == "Saving (as stated)"
    assert escape_label("FTE after: 86.51") == "FTE after: 86.51"
    assert escape_label("<b>*x*</b> [a](b) $y$") == "\\<b\\>\\*x\\*\\</b\\> \\[a\\](b) \\$y\\$"
    assert escape_label("a\nb") == "a b"


# Headers of every unit the house rules know, and plain text.
RECORD_COLUMNS = ("Service", "Saving £m", "Change £m", "FTE now", "Buy-back %", "Headcount")
_number_or_missing = st.one_of(
    st.none(),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.just(math.nan),
)


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "Service": st.text(max_size=12),
                **{c: _number_or_missing for c in RECORD_COLUMNS[1:]},
            }
        ),
        min_size=1,
        max_size=6,
    )
)
def test_format_records_is_format_frame_without_the_frame(records):
    expected = format_frame(pd.DataFrame(records))
    assert format_records(records) == {c: list(expected[c]) for c in expected.columns}


def test_format_records_of_no_rows_is_empty():
    assert format_records([]) == {}
