"""Smoke test for bench/: the package imports and its 10x synthetic dataset validates.

No browser, no server: it keeps the benchmark's data generator in step with the data schema.
"""

from __future__ import annotations

from pathlib import Path

from bench import common, synthetic
from redesign import load_dataset
from redesign.scenario import BuybackModel


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
