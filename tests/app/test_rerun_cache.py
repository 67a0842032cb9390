"""A rerun with nothing changed redraws the page from parts made once per data version (ui.cached):
the same output as before, nothing rebuilt, nothing shared changed, new parts when the data changes.

Also: the faster text and table formatting (redesign.core.formatting) gives the same text as the
character-by-character and column-by-column versions it replaced.
"""

from __future__ import annotations

import math
import string
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from streamlit.testing.v1 import AppTest

import ui.cached as ui_cached
from redesign.core.formatting import _number, yes_no
from redesign.core.table_format import column_formatter, format_frame
from redesign.core.text import escape_label, escape_markdown, plain_text
from redesign.present.dataset_tables import dataset_tables
from redesign.present.savings import ranked_savings_frame
from redesign.present.services import (
    ALL_CATEGORIES,
)
from redesign.present.staffing import staffing_frame
from redesign.sen.actions import actions_frame
from tests.support.paths import ROOT

APP = str(ROOT / "app.py")
PAGES = ["overview", "service", "waterfall", "staffing", "data_sources", "sen_needs"]


# --- the formatting helpers against the versions they replaced -----------------------------------


def reference_plain_text(text: str) -> str:
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text
    )


def reference_escape_markdown(text: str) -> str:
    return "".join(f"\\{ch}" if ch in string.punctuation else ch for ch in text)


def reference_escape_label(text: str) -> str:
    special = "\\`*_[]<>$~|#{}"
    return "".join(f"\\{ch}" if ch in special else ch for ch in reference_plain_text(text))


TRICKY = hst.text(
    alphabet=hst.one_of(
        hst.sampled_from(string.punctuation + " \n\t\r\x00\x85\u2028\u2029\u202e\u200b\xa0£−…"),
        hst.characters(),
    ),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(TRICKY)
def test_escaping_matches_the_character_by_character_versions(text):
    assert plain_text(text) == reference_plain_text(text)
    assert escape_markdown(text) == reference_escape_markdown(text)
    assert escape_label(text) == reference_escape_label(text)


def reference_format_frame(frame: pd.DataFrame, formatters=None, missing: str = "—"):
    formatters = dict(formatters or {})
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        series = frame[column]
        fmt = formatters.get(column) or column_formatter(str(column))
        if pd.api.types.is_bool_dtype(series):
            out[column] = [yes_no(v, missing) for v in series]
            continue
        values = []
        for v in series:
            if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
                values.append(missing)
            elif isinstance(v, bool):
                values.append(yes_no(v))
            elif fmt is not None and _number(v) is not None:
                values.append(fmt(v))
            else:
                values.append(str(v))
        out[column] = values
    return out


def some_frames(dataset) -> list[pd.DataFrame]:
    frames = [t.frame for t in dataset_tables(dataset)]
    frames += [
        staffing_frame(dataset.services, total_row=True),
        ranked_savings_frame(dataset.services),
        actions_frame(dataset.sen),
        staffing_frame(dataset.services).iloc[0:0],
        pd.DataFrame(),
        pd.DataFrame(index=[3, 5]),
        pd.DataFrame({"Flag": [True, None, False]}),
        pd.DataFrame({"x £m": [1.0, None, float("nan")], "Headcount": [1, None, 2]}),
        pd.DataFrame({"k": [1, 2]}, index=["p", "q"]),
        pd.DataFrame([[1.0, 2.0], [3.0, 4.0]], columns=["FTE now", "FTE now"]),
    ]
    return frames


def test_format_frame_matches_the_column_by_column_version(dataset):
    # A repeated column name fails both ways, as it did.
    repeated = pd.DataFrame([[1.0, 2.0]], columns=["FTE now", "FTE now"])
    for version in (reference_format_frame, format_frame):
        with pytest.raises(ValueError):
            version(repeated)
    for frame in some_frames(dataset):
        expected = reference_format_frame(frame)
        got = format_frame(frame)
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
        assert list(got.dtypes) == list(expected.dtypes)
        assert got.columns.dtype == expected.columns.dtype


# --- blocks from prepared tables draw what blocks from frames draw ---------------------------


def _blocks_page(prepared: bool) -> None:
    """Every block both ways: once from frames, once from tables prepared ahead."""
    from redesign import load_dataset
    from redesign.charts import staffing as staffing_charts
    from redesign.core.formatting import count
    from redesign.present import services as service_views
    from redesign.present import staffing as staffing_views
    from tests.support.paths import DATA
    from ui import blocks
    from ui import blocks as pr

    # Imported here, module by module: AppTest runs this function's source on its own.
    dataset = load_dataset(DATA)
    staff = staffing_views.staffing_frame(dataset.services, total_row=True)
    fig = staffing_charts.staffing_now_after(staff)
    first = service_views.service_figure_sources(dataset, dataset.services[0])
    sources = service_views.figure_sources_display(first)
    recon = first
    formatters = {"Headcount": count}
    found = service_views.discrepancies_by_place(dataset.service("performing_arts")).get(
        "budget", []
    )
    if prepared:
        pr.chart_block(
            title="A chart",
            subtitle="Its subtitle",
            fig=fig,
            table=pr.prepare_table(staff, formatters=formatters),
            alt="Alt text.",
            sources=["Source A", "Source B", "Source A"],
            key="one",
            notes=["A note <b>", "Another"],
            discrepancies=found,
            table_expanded=True,
        )
        pr.chart_block(
            title="Grid",
            subtitle="Sub",
            fig=fig,
            table=pr.prepare_table(staff, static=False),
            alt="Alt.",
            sources="Source",
            key="two",
        )
        pr.table_block(
            title="Table",
            table=pr.prepare_table(recon, static=False, display=sources),
            key="three",
            description="Described *here*",
            sources="S",
            height=300,
            level=4,
        )
        pr.show_table(pr.prepare_table(recon, display=sources))
        pr.show_csv(pr.prepare_table(staff), file_name="staff", key="csv_four")
    else:
        blocks.chart_block(
            title="A chart",
            subtitle="Its subtitle",
            fig=fig,
            table=staff,
            alt="Alt text.",
            sources=["Source A", "Source B", "Source A"],
            key="one",
            formatters=formatters,
            notes=["A note <b>", "Another"],
            discrepancies=found,
            table_expanded=True,
        )
        blocks.chart_block(
            title="Grid",
            subtitle="Sub",
            fig=fig,
            table=staff,
            alt="Alt.",
            sources="Source",
            key="two",
            static_table=False,
        )
        blocks.table_block(
            title="Table",
            table=recon,
            key="three",
            description="Described *here*",
            sources="S",
            height=300,
            level=4,
            display=sources,
        )
        blocks.data_table(recon, display=sources)
        blocks.csv_button(staff, file_name="staff", key="csv_four")


def elements(at: AppTest) -> list[str]:
    """Every element's protobuf, in page order (the media URL of a download names its bytes)."""
    out: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(f"{type(node).__name__}\n{proto}")
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return out


def test_prepared_blocks_draw_what_the_blocks_draw():
    drawn = []
    for prepared in (False, True):
        at = AppTest.from_function(_blocks_page, args=(prepared,), default_timeout=60)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        drawn.append(elements(at))
    assert len(drawn[0]) > 20
    assert drawn[0] == drawn[1]


# --- the pages' parts: made once, shared, never changed, new with new data -----------------------


def run_page(page: str, runs: int = 2) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(f"pages/{page}.py")
    for _ in range(runs):
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_rerun_rebuilds_no_figure(data_copy, monkeypatch):
    """With a data version no test has used, the first run builds each figure once; reruns, other
    sessions and other pages that use the same parts build none."""
    monkeypatch.setenv("REDESIGN_DATA_DIR", str(data_copy))
    built: list[str] = []
    for name in ("staffing_now_after", "staffing_reductions", "headcount_bar"):
        original = getattr(ui_cached, name)

        def counting(*args: Any, _name: str = name, _original: Any = original, **kw: Any) -> Any:
            built.append(_name)
            return _original(*args, **kw)

        monkeypatch.setattr(ui_cached, name, counting)
    run_page("staffing", runs=3)
    assert sorted(built) == ["headcount_bar", "staffing_now_after", "staffing_reductions"]
    run_page("staffing", runs=2)  # another session
    assert len(built) == 3


def parts_of(page: str) -> Any:
    """The parts the page draws by default (no settings in the URL)."""
    from ui import cached, cached_sen
    from ui.data import data_version, dataset_of

    version = data_version()
    if page == "service":
        first = dataset_of(version).services[0].id
        return cached.service(version, first)
    if page == "waterfall":
        return cached.waterfall(version, "service", ALL_CATEGORIES, True)
    if page == "sen_needs":
        return cached_sen.sen_needs(version)
    return getattr(cached, page)(version)


@pytest.mark.parametrize("page", PAGES)
def test_shared_parts_are_not_changed_by_drawing_them(page):
    run_page(page)
    parts = parts_of(page)
    before = snapshot(parts)
    run_page(page, runs=2)  # another session draws the same parts, twice
    assert parts_of(page) is parts
    assert snapshot(parts) == before


def snapshot(value: Any) -> Any:
    """A deep, comparable copy of a page's parts: figures as JSON, frames as records."""
    import dataclasses

    import plotly.graph_objects as go
    import pyarrow as pa

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            [snapshot(getattr(value, f.name)) for f in dataclasses.fields(value)],
        )
    if isinstance(value, go.Figure):
        return value.to_json()
    if isinstance(value, pd.DataFrame):
        return (list(map(str, value.columns)), str(value.dtypes.to_dict()), value.to_json())
    if isinstance(value, pa.Table):
        return value.to_string()
    if isinstance(value, dict):
        return {k: snapshot(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [snapshot(v) for v in value]
    return value


def test_changed_data_gives_new_parts(data_copy, monkeypatch):
    from ui import cached
    from ui.data import data_version

    monkeypatch.setenv("REDESIGN_DATA_DIR", str(data_copy))
    first = data_version()
    parts = cached.staffing(first)
    path: Path = data_copy / "services" / "08_sen_support.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("value: 109.34", "value: 120.5"), encoding="utf-8"
    )
    second = data_version()
    assert second != first
    changed = cached.staffing(second)
    assert changed is not parts
    assert "falls from 120.50" in changed.now_after_alt
    assert "falls from 109.34" in parts.now_after_alt


def test_data_version_changes_with_any_data_file_and_only_those(data_copy, monkeypatch):
    from ui.data import data_version

    monkeypatch.setenv("REDESIGN_DATA_DIR", str(data_copy))
    first = data_version()
    assert data_version() == first  # nothing changed: same key, so the caches hit
    (data_copy / "notes.txt").write_text("not data", encoding="utf-8")
    assert data_version() == first  # only .yaml/.yml files are data
    nested = data_copy / "services" / "extra"
    nested.mkdir()
    (nested / "more.yml").write_text("x: 1\n", encoding="utf-8")
    second = data_version()
    assert second != first  # a file in a subfolder counts
    (nested / "more.yml").write_text("x: 22\n", encoding="utf-8")  # size changes
    assert data_version() not in (first, second)


def test_data_version_survives_a_looping_folder_link(data_copy, monkeypatch):
    from ui.data import data_version

    monkeypatch.setenv("REDESIGN_DATA_DIR", str(data_copy))
    first = data_version()
    (data_copy / "services" / "loop").symlink_to(data_copy, target_is_directory=True)
    second = data_version()  # finishes (the walk stops at a depth) rather than recursing forever
    assert second != first
