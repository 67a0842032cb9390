"""AppTest for the SEN needs and provision page: it runs without exception, shows the key figures
with their dates, and the search (kept in the URL as ``?q=``) filters the suggested actions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.charts import charts
from tests.support.paths import DATA, ROOT
from tests.support.tables import data_table_keys, open_data_tables
from ui.blocks import TABLE_EXPANDER_PREFIX

PAGE = "pages/sen_needs.py"
TIMEOUT = 90


def run_page(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def unescape(text: str) -> str:
    return text.replace("\\", "")


def actions_table(at: AppTest):
    for table in at.table:
        if "Suggested action" in [unescape(c) for c in table.value.columns]:
            return table.value
    raise AssertionError("no suggested-actions table on the page")


def showing(at: AppTest) -> str:
    lines = [unescape(m.value) for m in at.markdown if m.value.startswith("Showing")]
    assert len(lines) == 1
    return lines[0]


@pytest.fixture(scope="module")
def page() -> AppTest:
    return run_page()


def test_runs_without_exception_and_has_every_section(page):
    headers = [h.value for h in page.header]
    assert headers == [
        "Pupils by category of need",
        "Special schools: places and pupils",
        "Today's special places against the strategy's proposals",
        "Independent placements and out-of-city cost",
        "Need beside support",
        "The strategy's 25 suggested actions",
        "Checks on the published figures",
        "Briefing pack",
    ]
    assert len(charts(page)) == 5


def test_key_figures_with_their_dates(page):
    metrics = {unescape(m.label): m.value for m in page.metric}
    assert metrics["Pupils by main need, January 2004"] == "3,808"
    assert metrics["Special-school places filled, January 2004"] == "93.3%"
    assert metrics["Independent SEN placements, February 2015"] == "47"
    assert metrics["Special places proposed in the strategy (2004/05)"] == "470 to 510+"
    assert metrics["Pupils this implies (derived, undated)"] == "about 63"
    assert metrics["Education's out-of-city cost a year (undated)"] == "about £3.5m"


def test_every_chart_has_a_table_csv_and_source(page):
    titles = [unescape(s.value) for s in page.subheader]
    assert "2 special schools had more pupils than places" in titles
    assert "Strategy proposed 470 to 510+ special places, against 885" in titles
    for title in titles:
        assert len(title.split()) <= 10, title
    captions = [unescape(c.value) for c in page.caption]
    sources = [c for c in captions if c.startswith("Source:")]
    assert len(sources) >= 13
    assert any("(January 2004)" in s for s in sources)
    assert any("(February 2015)" in s for s in sources)
    # Dates come from the data's as_at labels, never typed into the page.
    assert any("(Strategy (2004/05) proposals, for implementation 2005–2010)" in s for s in sources)
    assert any("service staffing (2016 proposals)" in s for s in sources)
    # CSV downloads: one per chart and table
    assert len(page.get("download_button")) >= 13


def test_over_capacity_is_said_in_words(page):
    captions = " ".join(unescape(c.value) for c in page.caption)
    assert "Baginton Fields (101 pupils in 95 places)" in captions
    assert "The Meadows (46 pupils in 45 places)" in captions


def test_discrepancy_and_editorial_notice(page):
    infos = " ".join(unescape(i.value) for i in page.info)
    assert "3,808 pupils against 3,829 pupils" in infos
    warnings = " ".join(unescape(w.value) for w in page.warning)
    assert "this tool's own reading, not the report's" in warnings


def test_derived_roll_and_statements(page):
    text = " ".join(unescape(m.value) for m in page.markdown)
    assert "any roll from 49,660 to 50,080 fits both" in text
    assert "23.05 a school on average" in text


def test_links_to_the_services(page):
    # Run on its own (outside app.py's navigation) the page falls back to plain links.
    text = " ".join(m.value for m in page.markdown)
    for service_id in ("sen_support", "sen_management", "extended_learning_centre"):
        assert f"service?service={service_id}" in text


def test_all_actions_shown_by_default(page):
    assert showing(page) == "Showing 25 of 25 suggested actions."
    assert len(actions_table(page)) == 25


def test_search_filters_the_actions():
    at = run_page()
    at.text_input[0].input("behaviour difficulties").run()
    assert not at.exception
    assert showing(at) == "Showing 5 of 25 suggested actions containing “behaviour difficulties”."
    numbers = [int(unescape(n)) for n in actions_table(at)["No\\."]]
    assert numbers == [11, 12, 13, 14, 16]
    assert at.query_params["q"] == "behaviour difficulties"
    at.text_input[0].input("").run()
    assert showing(at) == "Showing 25 of 25 suggested actions."
    assert "q" not in at.query_params


def test_search_from_the_link():
    at = run_page({"q": "Corley"})
    assert at.text_input[0].value == "Corley"
    assert showing(at) == "Showing 1 of 25 suggested actions containing “Corley”."
    row = actions_table(at).iloc[0]
    assert unescape(row["Timeline row"]) == "Regional Autism Centre"
    assert unescape(row["Theme and section"]).startswith("Autism (section 7.")


def test_search_with_years_and_no_match():
    at = run_page({"q": "2008"})
    table = actions_table(at)
    assert [unescape(v) for v in table["Years stated"]] == ["By 2008 (a total of 12 Centres)"]
    at = run_page({"q": "<script>alert(1)</script>"})
    assert showing(at).startswith("Showing 0 of 25")


def test_an_overlong_search_link_is_refused():
    at = run_page({"q": "x" * 500})
    assert showing(at) == "Showing 25 of 25 suggested actions."
    assert any("too long" in w.value for w in at.warning)


def test_a_folder_without_the_sen_dataset(tmp_path, monkeypatch):
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    (root / "sen_needs.yaml").unlink()
    (root / "need_support_map.yaml").unlink()
    manifest = root / "manifest.yaml"
    manifest.write_text(manifest.read_text().replace("sen_dataset: true", "sen_dataset: false"))
    monkeypatch.setenv("REDESIGN_DATA_DIR", str(root))
    at = run_page()
    assert any("no SEN dataset" in unescape(i.value) for i in at.info)
    assert not charts(at)


def test_a_broken_sen_file_shows_the_problem_not_a_traceback(tmp_path, monkeypatch):
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    path = Path(root / "need_support_map.yaml")
    path.write_text(
        path.read_text(encoding="utf-8").replace("category: sensory", "category: senses"),
        encoding="utf-8",
    )
    monkeypatch.setenv("REDESIGN_DATA_DIR", str(root))
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    errors = " ".join(unescape(e.value) for e in at.error)
    assert "need_support_map.yaml › sensory › category: not mapped" in errors


def test_through_the_apps_navigation_the_links_are_page_links():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.header[0].value == "Pupils by category of need"
    links = {(link.proto.page, link.proto.query_string) for link in at.get("page_link")}
    assert {
        ("service", "service=sen_support"),
        ("service", "service=sen_management"),
        ("service", "service=extended_learning_centre"),
        ("service", "service=hospital_education"),
        ("buyback", ""),
    } <= links


def test_the_page_is_in_the_apps_menu():
    text = (ROOT / "app.py").read_text(encoding="utf-8")
    assert text.count('st.Page("pages/sen_needs.py"') == 1


def _table_titles(at: AppTest) -> list[str]:
    """The "#### title" of each table block, in page order."""
    return [unescape(m.value)[5:] for m in at.markdown if m.value.startswith("#### ")]


def test_tables_under_the_charts_are_drawn_when_opened(page):
    """The tables under each section's chart wait behind "Show data table" (a first load draws
    fewer elements); the checks on the published figures are always in view."""
    titles = _table_titles(page)
    shown = [unescape(" ".join(map(str, t.value.columns))) for t in page.table]
    folded = [
        key for key in data_table_keys(page) if key.startswith(f"{TABLE_EXPANDER_PREFIX}sen_")
    ]
    assert {
        f"{TABLE_EXPANDER_PREFIX}{k}"
        for k in ("sen_school_action", "sen_statements", "sen_timeline")
    } <= set(folded)
    assert "Figures that do not add up" in titles and "Notes" in titles
    opened = open_data_tables(run_page())
    assert not opened.exception, [e.value for e in opened.exception]
    # Opened, each folded block draws its table: more tables than before, by at least the folded.
    assert len(opened.table) >= len(shown) + 3
    assert _table_titles(opened) == titles
