"""The SEN page's figures: every bar says its number in words, over-capacity is said in words, and
ranges are drawn as ranges with open-ended rows written as "or more"."""

from __future__ import annotations

import pytest

from redesign.charts import sen as sc
from redesign.core import palette as pal
from redesign.sen.categories import categories_frame
from redesign.sen.need_support import need_beside_support, need_support_frame
from redesign.sen.placements import placements_frame
from redesign.sen.provision import provision_frame
from redesign.sen.schools import special_schools_frame


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


def test_need_support_chart(dataset):
    frame = need_support_frame(need_beside_support(dataset))
    fig = sc.need_support_chart(frame, dataset.sen.categories.as_at, dataset.proposals_period())
    assert len(fig.data) == 4
    texts = _texts(fig)
    assert "285 pupils" in texts
    assert "−13.33 FTE at risk in mapped groups" in texts
    assert "−22.83 FTE confirmed reduction" in texts
    assert "no reduction published" in texts  # Other -> SEN Management Services
    assert "Pupils, January 2004" in texts  # the date is on the figure itself
    assert "FTE change of mapped services, 2016 proposals" in texts


def test_wrap_label():
    assert sc.wrap_label("Behaviour Emotional and Social Difficulty", 20) == (
        "Behaviour Emotional<br>and Social<br>Difficulty"
    )
