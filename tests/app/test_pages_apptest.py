"""Every dashboard page through app.py's st.navigation with Streamlit's AppTest (no browser).

Each page runs without an exception; the headline tiles equal finance.totals formatted; the drilldown
follows ?service=; hostile query values fall back to the default with a visible, escaped notice.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from redesign.core.formatting import count, fte, money_m
from redesign.model.finance import totals
from redesign.present.sen_tables import sen_figure_sources_frame
from redesign.present.services import service_text_sections
from redesign.present.tables import figure_sources_frame
from tests.support.apptest import open_app, open_page
from tests.support.paths import ROOT
from tests.support.tables import open_data_tables
from ui.blocks import MAX_TITLE_WORDS, md

APP = str(ROOT / "app.py")
TIMEOUT = 30
PAGES = ["pages/service.py", "pages/waterfall.py", "pages/staffing.py", "pages/data_sources.py"]
HOSTILE = [
    "<script>alert(1)</script>",
    "x" * 10_000,
    "../../etc/passwd",
    "**bold** [link](javascript:alert(1)) :red[x] $x$",
    "sen_support\u202e\n<img src=x onerror=alert(1)>",
]


def app() -> AppTest:
    return open_app(TIMEOUT)


def page(path: str, **params: str) -> AppTest:
    return open_page(path, TIMEOUT, check=False, **params)


def plain(markdown: str) -> str:
    """Markdown source with the backslash escapes removed (what a reader sees)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(at: AppTest) -> str:
    """Everything the page wrote, as a reader sees it (Markdown, captions, headings, alerts)."""
    parts = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "warning", "info", "error"):
        parts += [plain(str(e.value)) for e in getattr(at, kind)]
    return "\n".join(parts)


def qp(at: AppTest, name: str) -> list[str]:
    """A query parameter's values (AppTest holds a string or a list)."""
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_overview_is_default_and_runs():
    at = app()
    assert_clean(at)
    assert at.title[0].value.startswith("Education Services redesign")


def test_overview_tiles_equal_finance_totals(dataset):
    at = app()
    t = totals(dataset.services)
    metrics = {m.label.replace("\\", ""): m.value for m in at.metric}
    assert metrics["Current budget"] == money_m(t.current_budget_m) == "£18.35m"
    assert metrics["Proposed cost"] == money_m(t.proposed_cost_m) == "£15.42m"
    assert metrics["Saving (as stated)"] == money_m(t.saving_m) == "£3.04m"
    assert metrics["Budget minus cost (derived)"] == money_m(t.saving_computed_m) == "£2.93m"
    assert metrics["FTE now"] == fte(t.current_fte) == "224.99"
    assert metrics["FTE after (partly derived)"] == fte(t.proposed_fte_after) == "177.01"
    assert metrics["Confirmed reduction (FTE)"] == fte(t.confirmed_reduction_fte) == "57.77"
    assert metrics["Subject to market testing (FTE)"] == fte(t.market_testing_fte) == "33.32"
    assert metrics["Potential further reduction (FTE)"] == fte(t.potential_reduction_fte)
    assert metrics["Headcount now"] == count(t.current_headcount) == "350"


def test_overview_summary_and_categories():
    at = app()
    body = texts(at)
    assert "These are proposals, not decisions" in body
    assert "add up to £3.04 million" in body  # the generated summary
    links = [link.label for link in at.get("page_link")] if at.get("page_link") else []
    # A service listed under several categories appears under each.
    assert sum("SEN Support Services" in label for label in links) >= 4
    assert any("(inferred)" in label for label in links)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_runs(path):
    at = page(path)
    assert_clean(at)
    assert not at.warning, [w.value for w in at.warning]


@pytest.mark.parametrize("path", ["", *PAGES])
def test_chart_titles_are_short(path):
    at = page(path) if path else app()
    for sub in at.subheader:
        words = str(sub.value).replace("\\", "").split()
        assert len(words) <= MAX_TITLE_WORDS, sub.value


def test_drilldown_follows_query_parameter():
    at = page("pages/service.py", service="sen_support")
    assert_clean(at)
    assert not at.warning
    headers = [h.value for h in at.header]
    assert "SEN Support Services" in headers
    assert at.selectbox(key="qs_service").value == "sen_support"
    body = texts(at)
    # The FTE after is not published for SEN Support: labelled derived wherever shown.
    assert "86.51 FTE after (derived" in body
    metrics = {m.label.replace("\\", ""): m.value for m in at.metric}
    assert metrics["FTE after (derived)"] == "86.51"
    # The discrepancy is shown beside the figure: the saving is not split by stream.
    assert any("not split" in str(i.value) or "does not split" in str(i.value) for i in at.info)


def test_every_service_drilldown_runs(dataset):
    at = app()
    at.switch_page("pages/service.py")
    for service in dataset.services:
        at.query_params["service"] = service.id
        at.run()
        assert_clean(at)
        assert not at.warning, [w.value for w in at.warning]
        assert service.name in [plain(h.value) for h in at.header]
        # Every figure's source quote is on the page.
        tables = "\n".join(plain(str(v)) for t in at.table for v in t.value.to_numpy().ravel())
        for fig in service.staffing.figures.values():
            assert plain(md(fig.source.quote)) in tables


def test_drilldown_report_text_is_drawn_when_a_section_is_opened(dataset):
    """The report's words on the drilldown: the first section open with its words, the others
    drawn when opened (closed, they are not sent)."""
    service = max(dataset.services, key=lambda s: len(service_text_sections(s)))
    sections = service_text_sections(service)
    at = page("pages/service.py", service=service.id)
    assert_clean(at)
    boxes = [b for b in at.expander if "report_text_" in b.proto.id]
    assert len(boxes) == len(sections) >= 2
    assert [len(b.markdown) for b in boxes] == [1] + [0] * (len(boxes) - 1)
    key = boxes[-1].proto.id.split("-", 2)[-1]
    at.session_state[key] = True
    at.run()
    assert_clean(at)
    last = [b for b in at.expander if "report_text_" in b.proto.id][-1]
    words = plain(sections[-1].text).split()[:6]
    assert " ".join(words) in plain(last.markdown[0].value)


def test_drilldown_shows_both_numbers_where_they_do_not_add_up():
    at = page("pages/service.py", service="performing_arts")
    assert_clean(at)
    notes = plain("\n".join(str(i.value) for i in at.info))
    # Stated saving against budget minus cost; components against the stated budget.
    assert (
        "£1.34m budget minus £1.34m proposed cost is £0.00m; the report states a saving of £0.11m"
        in notes
    )
    assert "sum to £1.45m against a stated budget of £1.34m" in notes
    # Where the detail lacks the two totals, they are added.
    assert "Stated: 21.75 FTE; from the other published figures: 13.25 FTE." not in notes
    hospital = page("pages/service.py", service="hospital_education")
    assert "Stated: 3.12 FTE; from the other published figures: 3.10 FTE." in plain(
        "\n".join(str(i.value) for i in hospital.info)
    )


def test_drilldown_text_sections_render_escaped():
    at = page("pages/service.py", service="sen_support")
    headings = [e.label for e in at.expander]
    assert any("Summary of feedback from schools" in h for h in headings)
    assert "Staff impact" in "".join(headings)
    body = texts(at)
    assert "\n- " in body  # bullets kept as a Markdown list


def test_previous_and_next_buttons():
    at = page("pages/service.py", service="hospital_education")
    assert "prev_service" not in [b.key for b in at.button]
    at.button(key="next_service").click().run()
    assert_clean(at)
    assert qp(at, "service") == ["looked_after_children"]
    assert "Looked After Children Education Service" in [h.value for h in at.header]
    at.button(key="prev_service").click().run()
    assert qp(at, "service") == ["hospital_education"]


def test_selectbox_change_writes_url():
    at = page("pages/service.py", service="hospital_education")
    at.selectbox(key="qs_service").set_value("school_improvement").run()
    assert_clean(at)
    assert qp(at, "service") == ["school_improvement"]
    assert "School Improvement" in [h.value for h in at.header]


@pytest.mark.parametrize("value", HOSTILE, ids=["script", "long", "path", "markdown", "bidi"])
def test_hostile_service_value_shows_notice(value):
    at = page("pages/service.py", service=value)
    assert_clean(at)
    assert len(at.warning) == 1
    notice = str(at.warning[0].value)
    assert "Showing Hospital Education Service instead" in notice
    # Quoted as escaped plain text: no raw tag or Markdown syntax survives, and it is cut short.
    quoted = notice.split("“", 1)[1].split("”", 1)[0]
    assert not re.search(r"(?<!\\)[<>\[\]()*`$:]", quoted), notice
    assert len(notice) < 400
    assert "\n" not in notice and "\u202e" not in notice
    # Falls back to the default service, and the URL is corrected.
    assert "Hospital Education Service" in [h.value for h in at.header]
    assert qp(at, "service") == ["hospital_education"]
    # Nothing rendered as raw HTML anywhere.
    for element in at.markdown:
        assert "<script" not in str(element.value)


def test_repeated_query_value_shows_notice():
    at = app()
    at.switch_page("pages/service.py")
    at.query_params["service"] = ["sen_support", "school_improvement"]
    at.run()
    assert_clean(at)
    assert "2 values" in str(at.warning[0].value)


def test_waterfall_stream_switch():
    at = page("pages/waterfall.py")
    assert_clean(at)
    assert qp(at, "view") == ["service"]
    control = at.radio(key="qs_view")
    control.set_value("stream").run()
    assert_clean(at)
    assert qp(at, "view") == ["stream"]
    # The SEN Support saving the report does not split is its own step in the data table, which
    # is drawn when the user opens it.
    assert not at.table
    open_data_tables(at)
    body = "\n".join(plain(str(v)) for t in at.table for v in t.value.to_numpy().ravel())
    assert "Not split by stream: SEN Support Services" in body


def test_waterfall_view_and_category_from_url():
    at = page("pages/waterfall.py", view="stream", category="future_review")
    assert_clean(at)
    assert not at.warning
    assert at.radio(key="qs_view").value == "stream"
    assert at.selectbox(key="qs_category").value == "future_review"
    assert "£3.58m" in plain(at.subheader[0].value)  # Hospital Education + CELC budgets


@pytest.mark.parametrize("param", ["view", "category", "axis"])
def test_waterfall_hostile_values(param):
    at = page("pages/waterfall.py", **{param: "<b>x</b>"})
    assert_clean(at)
    assert len(at.warning) == 1
    notice = str(at.warning[0].value)
    assert "\\<b\\>x\\<\\/b\\>" in notice  # escaped: shown as text, never as HTML
    assert "<b>x</b>" in plain(notice)


def test_staffing_page_totals():
    at = page("pages/staffing.py")
    assert_clean(at)
    metrics = {m.label.replace("\\", ""): m.value for m in at.metric}
    assert metrics["FTE now"] == "224.99"
    assert metrics["Subject to market testing (FTE)"] == "33.32"


def test_data_page_renders_tables_and_downloads():
    at = page("pages/data_sources.py")
    assert_clean(at)
    body = texts(at)
    assert "Reconciliation list" in body
    assert "Glossary" in [h.value for h in at.header]
    assert "Dedicated Schools Grant" in body
    downloads = at.get("download_button")
    assert len(downloads) >= 10  # the workbook and one CSV per table


def test_data_page_long_grids_are_drawn_when_opened(dataset):
    """The two long interactive tables (every figure with its quote, and the SEN figures') wait
    behind "Show data table"; opened, each shows every row. Their CSV is there either way."""
    at = page("pages/data_sources.py")
    assert_clean(at)
    assert len(at.dataframe) == 0
    assert {"csv_figure_sources", "csv_sen_figure_sources"} <= {
        d.key for d in at.get("download_button")
    }
    at = open_data_tables(at)
    assert_clean(at)
    rows = sorted(len(d.value) for d in at.dataframe)
    assert rows == sorted(
        [len(figure_sources_frame(dataset)), len(sen_figure_sources_frame(dataset))]
    )


def test_data_error_is_a_readable_list(tmp_path, monkeypatch):
    (tmp_path / "services").mkdir()
    (tmp_path / "sources.yaml").write_text("documents: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("REDESIGN_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    message = plain(str(at.error[0].value))
    assert "could not be used" in message
    assert "sources.yaml" in message
    assert "Traceback" not in message
    # The server's file paths are not shown: only the data folder's name.
    captions = [plain(str(c.value)) for c in at.caption]
    assert f"Data folder: {tmp_path.name}" in captions
    assert not any(str(tmp_path.parent) in c for c in captions)


def test_sidebar_names_the_data_folder_without_the_server_path():
    at = app()
    captions = [plain(str(c.value)) for c in at.sidebar.caption]
    assert "Data folder: data" in captions
    root = str(Path(APP).resolve().parent)
    assert not any(root in c for c in captions)


SCRIPTS = ["app.py", *sorted(f"pages/{p.name}" for p in (Path(APP).parent / "pages").glob("*.py"))]


@pytest.mark.parametrize("path", SCRIPTS)
def test_no_page_relies_on_magic(path):
    """.streamlit/config.toml turns Streamlit's "magic" off, so a bare expression would silently
    draw nothing: no script may have one (magic would wrap it in ``transparent_write``)."""
    import ast

    from streamlit.runtime.scriptrunner import magic

    root = Path(APP).parent
    tree = magic.add_magic((root / path).read_text(encoding="utf-8"), path)
    assert "transparent_write" not in ast.dump(tree)


def test_magic_is_off():
    import tomllib

    config = tomllib.loads((Path(APP).parent / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["magicEnabled"] is False


def test_the_proposals_period_comes_from_the_data(data_copy, monkeypatch):
    """Chart subtitles and the sidebar note name the report's period from sources.yaml."""
    path = data_copy / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'period: "2016 proposals"' in text
    path.write_text(text.replace('period: "2016 proposals"', 'period: "Spring 2016 plan"'))
    monkeypatch.setenv("REDESIGN_DATA_DIR", str(data_copy))
    at = page("pages/waterfall.py")
    assert_clean(at)
    shown = texts(at)
    assert "Spring 2016 plan." in shown
    assert "2016 proposals" not in shown
    note = " ".join(plain(str(m.value)) for m in at.sidebar.markdown)
    assert "cabinet report on the Education Services redesign (Spring 2016 plan)" in note


@pytest.mark.parametrize("path", [p for p in SCRIPTS if p != "app.py"])
def test_no_page_speaks_of_seeds(path):
    """ "Seed" is this project's word for a source document's text file; readers see the
    documents' own names ("the strategy", "the cabinet report")."""
    at = page(path)
    assert_clean(at)
    shown = texts(at) + " ".join(plain(str(m.value)) for m in at.sidebar.markdown)
    assert not re.search(r"\bseeds?\b", shown, re.IGNORECASE), path


def test_sen_support_drilldown_links_to_the_buyback_page():
    """The service whose posts are subject to market testing links to the buy-back model; the
    other services do not."""
    at = page("pages/service.py", service="sen_support")
    links = [(link.proto.page, link.proto.label) for link in at.get("page_link")]
    assert any(p.endswith("buyback") and "buy-back model" in label for p, label in links), links
    at = page("pages/service.py", service="performing_arts")
    assert not any("buy-back" in link.proto.label for link in at.get("page_link"))


def test_the_page_icon_is_a_local_file():
    """No icon from a font server: the browser would fetch it from the internet."""
    text = Path(APP).read_text(encoding="utf-8")
    assert "page_icon=str(ICON)" in text
    assert (Path(APP).parent / "ui" / "assets" / "icon.png").read_bytes()[
        :8
    ] == b"\x89PNG\r\n\x1a\n"
