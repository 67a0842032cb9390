"""The SEN page's figures: every bar says its number in words, over-capacity is said in words, and
ranges are drawn as ranges with open-ended rows written as "or more"."""

from __future__ import annotations

import pytest

from redesign.charts import sen as sc
from redesign.core import palette as pal
from redesign.sen.categories import categories_frame
from redesign.sen.need_support import need_beside_support
from redesign.sen.placements import placements_frame
from redesign.sen.provision import provision_frame
from redesign.sen.schools import special_schools_frame
from redesign.sen.support_figures import MEASURE_WORDS, support_figures, support_figures_frame


@pytest.fixture(scope="module")
def sen(dataset):
    return dataset.sen


def _texts(fig) -> list[str]:
    out = []
    for trace in fig.data:
        out += [str(t) for t in (trace.text or ())]
    out += [str(a.text) for a in fig.layout.annotations]
    return out


def test_categories_bar(sen):
    fig = sc.categories_bar(categories_frame(sen))
    assert [t.name for t in fig.data] == ["Primary", "Secondary"]
    assert "911 primary" in _texts(fig) and "297 secondary" in _texts(fig)
    assert fig.data[0].marker.color == pal.DARK_BLUE and fig.data[1].marker.color == pal.ORANGE
    # the second series is told apart by a pattern too, not by colour alone
    assert fig.data[1].marker.pattern.shape == "/"
    assert fig.layout.title.text is None  # titles are written by the page


def test_special_schools_bar_says_over_capacity_in_words(sen):
    fig = sc.special_schools_bar(special_schools_frame(sen))
    texts = _texts(fig)
    assert "101 pupils (106.3%): over capacity" in texts
    assert "46 pupils (102.2%): over capacity" in texts
    assert "42 pupils (100.0%): full" in texts
    labels = [str(y) for y in fig.data[0].y]
    marked = [y for y in labels if "over capacity" in y]
    assert len(marked) == 2 and "Baginton Fields" in marked[0]


def test_provision_ranges_are_drawn_and_written_as_ranges(sen):
    fig = sc.provision_ranges(provision_frame(sen))
    names = [t.name for t in fig.data]
    assert names == [
        "Places today",
        "Proposed places, lowest figure",
        "Range up to the highest published figure",
    ]
    spread = fig.data[2]
    assert list(spread.base) == [470, 140, 610]
    assert list(spread.x) == [40, 0, 40]  # 470 to 510; 140; 610 to 650
    assert spread.marker.pattern.shape == "/"
    texts = _texts(fig)
    assert "885 places" in texts
    assert "470 to 510 places, or more (School E open-ended)" in texts
    assert "140 places" in texts


def test_placements_bar(sen):
    fig = sc.placements_bar(placements_frame(sen))
    assert _texts(fig) == [
        "20 (42.6% of placements)",
        "12 (25.5% of placements)",
        "15 (31.9% of placements)",
    ]


def _support_chart(dataset):
    figures = support_figures(need_beside_support(dataset), dataset.sen_support.groups)
    frame = support_figures_frame(figures, dataset.sen.categories.as_at)
    return sc.support_figures_chart(frame, MEASURE_WORDS)


def test_support_chart_shows_each_figure_once_with_the_needs_it_serves(dataset):
    fig = _support_chart(dataset)
    texts = _texts(fig)
    # SEN Support Services serves seven needs: its whole-service figures are drawn once each.
    assert texts.count("−22.83 FTE confirmed reduction") == 1
    assert texts.count("−33.32 FTE subject to market testing") == 1
    assert texts.count("−19.99 FTE at risk, subject to buy-back") == 1
    assert "−9.20 FTE at risk, subject to buy-back" in texts
    assert "−1.00 FTE potential further reduction" in texts  # Hospital Education Service
    # Grade changes put staff at risk without losing posts: no minus sign.
    assert "3.62 FTE at risk through grade changes (not a reduction)" in texts
    assert len(texts) == 9
    labels = [str(t).replace("<br>", " ") for t in fig.layout.yaxis.ticktext]
    assert len(labels) == 7
    assert "for every need but Other" in labels[0] and "SEN Support Services" in labels[0]
    assert any("for Moderate/Severe Learning Difficulty and Other" in label for label in labels)


def test_support_chart_labels_never_overlap(dataset):
    """Each figure's label has its own band: the gap between two ticks is at least the taller of
    the two labels (the y axis is in px)."""
    fig = _support_chart(dataset)
    ticks = list(fig.layout.yaxis.tickvals)
    lines = [str(t).count("<br>") + 1 for t in fig.layout.yaxis.ticktext]
    for i in range(1, len(ticks)):
        needed = (lines[i - 1] + lines[i]) / 2 * sc.SUPPORT_LINE_PX
        assert ticks[i] - ticks[i - 1] >= needed, (i, ticks, lines)
    # every bar lies within its figure's band, between the dividers
    bars = sorted(fig.data[0].y)
    assert bars[0] > fig.layout.yaxis.range[1] and bars[-1] < fig.layout.yaxis.range[0]


def test_wrap_label():
    assert sc.wrap_label("Behaviour Emotional and Social Difficulty", 20) == (
        "Behaviour Emotional<br>and Social<br>Difficulty"
    )
