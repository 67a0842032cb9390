"""Smoke test for bench/: the package imports and its 10x synthetic dataset validates.

No browser, no server: it keeps the benchmark's data generator in step with the data schema.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import common
from redesign import load_dataset
from redesign.buyback.model import BuybackModel
from tests.support import synthetic
from tests.support.charts import charts


def test_bench_imports_and_stats() -> None:
    stats = common.summarise([1.0, 2.0, 3.0, 4.0, 100.0])
    assert stats["p50"] == 3.0
    assert 4.0 < stats["p90"] < 100.0
    assert common.ratio(6.0, 3.0) == 2.0


def test_synthetic_10x_dataset_validates(tmp_path: Path) -> None:
    real = synthetic.counts(synthetic.DATA)
    target = synthetic.make_dataset(tmp_path / "data10", 10)
    got = synthetic.counts(target)
    assert got["services"] == 10 * real["services"]
    assert got["at_risk_groups"] == 10 * real["at_risk_groups"]
    assert got["posts"] == 10 * real["posts"]
    dataset = load_dataset(target)  # raises DataError listing every problem if invalid
    assert len(dataset.services) == 10 * real["services"]
    model = BuybackModel(dataset)
    result = model.evaluate(model.default_scenario())
    assert len(result.groups) == 10 * real["at_risk_groups"]


def test_report_shows_server_reruns_beside_apptest(tmp_path: Path) -> None:
    from bench import report

    def timing(p50: float) -> dict[str, float]:
        return {"n": 3, "p50": p50, "p90": p50 + 1, "mean": p50}

    server = {
        "reps": 3,
        "pause_s": 0.15,
        "stopped": "",
        "targets": {
            "baseline": {"rerun_ms": timing(5.0), "ratio_p50": 1.0, "server_cpu_ms_per_rerun": 2.0},
            "waterfall": {
                "rerun_ms": timing(17.5),
                "ratio_p50": 3.5,
                "server_cpu_ms_per_rerun": 14.0,
                "cpu_ratio": 7.0,
                "elements": 24,
                "errors": [],
            },
        },
    }
    lines = report._server_reruns(server)
    text = "\n".join(lines)
    assert "| empty app (floor) | 5.0 |" in text
    assert "| waterfall | 17.5 | 18.5 | 3.50x | 14.0 | 7.00x | 24 |" in text
    assert report._server_reruns({"error": "boom"}) == ["Server reruns failed: `boom`", ""]


def test_block_floors_say_which_pages_are_out_of_reach() -> None:
    """The frame with chart blocks above 3x names the pages with at least that many charts; one
    within 3x says how much it leaves."""
    from bench import cli

    def target(p50: float, charts: int = 0) -> dict:
        return {"rerun_ms": {"p50": p50}, "charts": [{}] * charts}

    targets = {
        "baseline": target(3.0),
        "chart_floor": target(4.0, 1),
        "frame_floor": target(6.0),
        "block_floor": target(8.0, 1),
        "block_floor_2": target(9.5, 2),
        "overview": target(15.0, 1),
        "staffing": target(12.0, 3),
    }
    rows = {name: measured for name, _, measured in cli._frame_context(targets, 3.0)}
    one = rows["Context: AppTest rerun p50, app frame with 1 chart block vs empty app"]
    assert one.startswith("2.67x (8.00 / 3.00 ms)")
    assert "leaves 1.00 ms of the 9.00 ms" in one
    two = rows["Context: AppTest rerun p50, app frame with 2 chart blocks vs empty app"]
    assert two.startswith("3.17x (9.50 / 3.00 ms)")
    assert "out of reach for a page with 2 or more charts" in two
    assert two.endswith("(staffing)")  # overview has one chart


def test_frame_floor_draws_the_chart_blocks_asked_for() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(common.FRAME_FLOOR_APP), default_timeout=60)
    at.query_params["blocks"] = "2"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(charts(at)) == 2
    assert [b.label for b in at.expander].count("Show data table") == 2
    assert len(at.get("download_button")) == 2
    assert not at.warning  # "blocks" is one of the page's own link settings


def test_store_load_report_and_context_rows() -> None:
    from bench import store_load
    from bench.wsclient import user_key

    assert user_key("$$ID-0123abcd-bb:lib:save") == "bb:lib:save"
    assert user_key("$$ID-0123abcd-bb:name#2") == "bb:name#2"

    def level(rate: float, p90: float, **extra: object) -> dict[str, object]:
        lat = {"n": 10, "p50": p90 / 2, "p90": p90, "mean": p90 / 2}
        return {
            "reruns_per_s": rate,
            "latency_ms": lat,
            "server_cpu_pct": 95.0,
            "server_cpu_ms_per_rerun": 30.0,
            "error_count": 0,
            **extra,
        }

    kinds = {
        "list": {"interactions": 40, "latency_ms": {"n": 40, "p50": 50.0, "p90": 120.0}},
        "save": {"interactions": 41, "latency_ms": {"n": 41, "p50": 70.0, "p90": 210.0}},
    }
    result = {
        "users": 60,
        "seconds": 60,
        "library": {
            "sqlite": level(20.0, 200.0, by_kind=kinds, saved_rows=120, saves_answered=120),
            "postgresql": {"error": "OperationalError: refused"},
        },
        "servers": {
            "levels": [60],
            "one": [level(25.0, 300.0, users=60)],
            "two": [level(40.0, 150.0, users=60)],
        },
    }
    text = "\n".join(store_load.section(result))
    assert "| sqlite | save | 41 | 70 | 210 |" in text
    assert "| postgresql | not measured: OperationalError: refused |" in text
    assert "| 60 | two | 40.0 | 75 | 150 |" in text
    rows = {t["name"]: t["measured"] for t in store_load.targets(result)}
    assert rows["60 users saving and listing through the app (sqlite)"].startswith(
        "list p90 120 ms (p50 50); save p90 210 ms (p50 70)"
    )
    assert "25.0 against 40.0 reruns/s (1.60x); p90 300 against 150 ms" in "".join(rows.values())


# Streamlit scripts the benchmarks serve (they draw when imported) and the package's entry point
# (it runs the benchmarks): everything else must import.
NOT_IMPORTED = {"__main__", "baseline_app", "chart_floor_app"}


def test_every_bench_module_imports() -> None:
    # A module left behind by a move (an import of a name that went elsewhere) fails here, not in
    # the middle of a 15-minute benchmark.
    import importlib

    bench_dir = Path(__file__).resolve().parents[1]
    names = sorted(p.stem for p in bench_dir.glob("*.py") if p.stem not in NOT_IMPORTED)
    assert "panel" in names and "common" in names
    failed = {}
    for name in names:
        try:
            importlib.import_module(f"bench.{name}")
        except ImportError as exc:
            failed[name] = str(exc)
    assert failed == {}


def test_the_previous_design_is_the_pages_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    """bench.common names the buy-back page's design switch without importing the app: it is the
    page's own, and PREVIOUS_DESIGN turns the panel off (the sliders the benchmarks move)."""
    from pages.buyback_parts import panel

    assert common.BUYBACK_PANEL_ENV == panel.ENV
    monkeypatch.delenv(panel.ENV, raising=False)
    assert panel.enabled()  # the page's default
    for name, value in common.PREVIOUS_DESIGN.items():
        monkeypatch.setenv(name, value)
    assert not panel.enabled()


def test_first_screen_summary_ratios_and_fold_order() -> None:
    from bench import first_screen

    def run(first: float, settled: float, below: float = -1) -> dict[str, float]:
        return {
            "first_screen": first,
            "settled": settled,
            "title": 10.0,
            "tile": -1.0,
            "chart": first,
            "first_below": below,
        }

    raw = {
        "samples": {
            "empty app": {"cold": [run(800, 800), run(1000, 1000)], "warm": [run(400, 400)]},
            "page": {
                "cold": [run(1800, 2500, below=1900), run(1800, 2500, below=1000)],
                "warm": [run(600, 900)],
            },
        },
        "errors": {"empty app": [], "page": []},
    }
    got = first_screen.summary(raw)["page"]
    assert got["cold"]["first_screen_ratio"] == 1800 / 900
    assert got["warm"]["first_screen_ratio"] == 1.5
    assert got["cold"]["settled_ratio"] == 2500 / 900
    # One run drew something below the fold before the first screen was done.
    assert (got["cold"]["fold_first_runs"], got["cold"]["runs"]) == (1, 2)
    assert got["warm"]["fold_first_runs"] == 1
    assert "page" in first_screen.report({"pages": first_screen.summary(raw)})
