"""Presentation mode (ui.present) on every page, through app.py with Streamlit's AppTest.

``?present=1`` or the sidebar toggle turns it on; it is kept while moving between pages; the page
then has no sidebar, no chart toolbar and its charts one at a time with "Previous" and "Next".
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import open_page
from tests.support.charts import charts
from tests.support.paths import ROOT
from ui import present

APP = str(ROOT / "app.py")
TIMEOUT = 60
# Every page of app.py, with the number of charts it draws through ui.blocks.chart_block in the
# default view (the buy-back page draws its own charts, in an st.fragment).
PAGES = {
    "pages/overview.py": 1,
    "pages/service.py": 3,
    "pages/waterfall.py": 1,
    "pages/staffing.py": 3,
    "pages/buyback.py": 0,
    "pages/data_sources.py": 0,
    "pages/sen_needs.py": 5,
    "pages/workshop.py": 0,
}
OWN_CHARTS = {"pages/buyback.py"}


def run(path: str, **params: str) -> AppTest:
    return open_page(path, TIMEOUT, **params)


def qp(at: AppTest, name: str) -> list[str]:
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def buttons(at: AppTest) -> dict[str, object]:
    return {b.label: b for b in at.button}


def htmls(at: AppTest) -> str:
    return " ".join(str(h.proto.body) for h in at.get("html"))


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_switches_mode(path):
    """At a desk: the sidebar toggle, the desk toolbar and every chart in place. Turned on: no
    sidebar, the projector styles, one chart with no toolbar, and the way out."""
    at = run(path)
    assert [t.label for t in at.sidebar.toggle] == [present.TOGGLE_LABEL]
    assert present.EXIT_LABEL not in buttons(at)
    assert ".st-key-present_stage" not in htmls(at)
    drawn = charts(at)
    assert len(drawn) >= PAGES[path]
    for chart in drawn:
        config = chart.config
        assert config.get("displayModeBar") is not False
        assert "zoom2d" in config["modeBarButtonsToRemove"]

    at.sidebar.toggle[0].set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert qp(at, "present") == ["1"]
    assert not at.sidebar.toggle and not at.sidebar.markdown and not at.sidebar.caption
    assert ".st-key-present_stage" in htmls(at)  # the projector styles
    assert present.EXIT_LABEL in buttons(at)
    drawn = charts(at)
    if path not in OWN_CHARTS:
        assert len(drawn) == min(PAGES[path], 1), path
        for chart in drawn:
            assert chart.config["displayModeBar"] is False
    if PAGES[path] > 1:
        assert f"Chart 1 of {PAGES[path]}" in [m.value for m in at.markdown]

    buttons(at)[present.EXIT_LABEL].click().run()  # type: ignore[attr-defined]
    assert not at.exception
    assert "present" not in at.query_params
    assert [t.label for t in at.sidebar.toggle] == [present.TOGGLE_LABEL]
    assert len(charts(at)) >= PAGES[path]


@pytest.mark.parametrize("path", [p for p, n in PAGES.items() if n > 1])
def test_previous_and_next_step_through_the_charts(path):
    at = run(path, present="1")
    count = PAGES[path]
    seen = []
    for number in range(1, count + 1):
        assert f"Chart {number} of {count}" in [m.value for m in at.markdown]
        assert qp(at, "chart") == ([] if number == 1 else [str(number)])
        shown = charts(at)
        assert len(shown) == 1
        seen.append(shown[0].id)
        nav = buttons(at)
        assert nav["Previous chart"].proto.disabled == (number == 1)  # type: ignore[attr-defined]
        assert nav["Next chart"].proto.disabled == (number == count)  # type: ignore[attr-defined]
        if number < count:
            nav["Next chart"].click().run()  # type: ignore[attr-defined]
            assert not at.exception
    assert len(set(seen)) == count  # a different chart each time
    buttons(at)["Previous chart"].click().run()  # type: ignore[attr-defined]
    assert f"Chart {count - 1} of {count}" in [m.value for m in at.markdown]


def test_the_chart_number_in_the_link_is_kept_in_range():
    at = run("pages/staffing.py", present="1", chart="99")
    assert "Chart 3 of 3" in [m.value for m in at.markdown]
    at = run("pages/staffing.py", present="1", chart="x")
    assert "Chart 1 of 3" in [m.value for m in at.markdown]


def test_mode_is_kept_while_moving_between_pages():
    """A page opened without ``present=1`` (the sidebar menu drops a link's parameters) while the
    session presents gets it back; the links the pages draw carry it."""
    at = run("pages/overview.py", present="1")
    links = list(at.get("page_link"))
    assert links and all("present=1" in link.proto.query_string for link in links)
    at.switch_page("pages/staffing.py")
    at.query_params.clear()  # as the sidebar menu opens a page: without the link's parameters
    at.run()
    assert not at.exception
    assert qp(at, "present") == ["1"]
    assert present.EXIT_LABEL in buttons(at)
    assert not at.sidebar.toggle


def test_the_top_bar_lists_every_page_in_presentation_mode():
    at = run("pages/waterfall.py", present="1")
    pages = [link.proto.page for link in at.get("page_link")]
    assert len(pages) == len(PAGES)
    assert all("present=1" in link.proto.query_string for link in at.get("page_link"))


def test_present_zero_turns_it_off_and_a_bad_value_says_so():
    at = run("pages/staffing.py", present="1")
    at.query_params["present"] = "0"
    at.run()
    assert "present" not in at.query_params
    assert at.sidebar.toggle
    at = run("pages/staffing.py", present="<b>yes</b>")
    notices = [w.value for w in at.warning if "presentation mode" in w.value]
    assert len(notices) == 1 and "<b>" not in notices[0]
    assert "present" not in at.query_params
    assert at.sidebar.toggle


def test_chart_is_a_link_setting_of_every_page_only_when_presenting():
    at = run("pages/overview.py", chart="2")
    assert any("does not use" in w.value for w in at.warning)
    at = run("pages/overview.py", present="1", chart="1")
    assert not [w.value for w in at.warning]


def test_service_drilldown_keeps_the_mode_when_stepping_services():
    at = run("pages/service.py", present="1", service="sen_support")
    buttons(at)["Next"].click().run()  # type: ignore[attr-defined]
    assert not at.exception
    assert qp(at, "present") == ["1"] and qp(at, "service") != ["sen_support"]


def test_projector_figures_are_larger_and_leave_the_cached_figure_alone():
    spec = {
        "data": [{"type": "bar", "textfont": {"size": 15}}],
        "layout": {"font": {"size": 16}, "xaxis": {"tickfont": {"size": 15}}, "height": 400},
    }
    before = json.dumps(spec)
    out = present.projector_figure(spec)
    assert json.dumps(spec) == before
    assert out["layout"]["font"]["size"] == 21
    assert out["data"][0]["textfont"]["size"] == 20
    assert out["layout"]["xaxis"]["tickfont"]["size"] == 20
    assert out["layout"]["height"] == 520  # and the height with them
