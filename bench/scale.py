"""Scale: the cost of load + validate + summary + scenario, and of each page's rerun, as data grows.

For each factor (1 = the real data, 10, 100; see tests/support/synthetic.py) a dataset is generated in a
temporary folder and checked with ``python -m redesign validate``. Then, each in a fresh process:

* the model worker (``python -m bench.scale --worker DIR``) times ``load_dataset`` (reading and
  validating every file), ``summary`` (per-service figures, totals, reconciliation), and the
  buy-back model (``BuybackModel`` + ``evaluate`` of the default scenario + the 0-150% ``curve``);
* ``bench.script_time`` with REDESIGN_DATA_DIR set times every page's AppTest first run and rerun
  (the app's cached loading is keyed on that folder), and counts the points each plotly chart draws.

Growth is reported as an exponent: log(time ratio) / log(size ratio) between two factors; 1.0 is
linear. A chart whose points grow with the dataset plots rows instead of aggregating first.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import REPO_ROOT
from tests.support.synthetic import counts, make_dataset

WORKER_TIMEOUT_S = 600


def _time(fn: Any, reps: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(reps):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def worker(data_dir: Path, reps: int) -> dict[str, Any]:
    """Time the domain package on one data folder (run in a fresh process)."""
    from redesign import load_dataset
    from redesign.buyback.model import BuybackModel
    from redesign.present.summary import summary

    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    dataset = load_dataset(data_dir)
    out["load_validate_cold_ms"] = (time.perf_counter() - t0) * 1000
    out["load_validate_ms"], dataset = _time(lambda: load_dataset(data_dir), reps)
    out["summary_ms"], _ = _time(lambda: summary(dataset), reps)

    def scenario() -> Any:
        model = BuybackModel(dataset)
        return model.evaluate(model.default_scenario())

    out["scenario_ms"], _ = _time(scenario, reps)
    model = BuybackModel(dataset)
    out["curve_ms"], _ = _time(lambda: model.curve(model.default_scenario()), reps)
    out["total_ms"] = (
        out["load_validate_ms"] + out["summary_ms"] + out["scenario_ms"] + out["curve_ms"]
    )
    return out


def _run_json(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json") as tmp:
        proc = subprocess.run(
            [*cmd, "--out", tmp.name],
            cwd=REPO_ROOT,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=WORKER_TIMEOUT_S,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
        return json.loads(Path(tmp.name).read_text())


def exponent(t_small: float, t_big: float, size_ratio: float) -> float:
    if not (t_small > 0 and t_big > 0) or size_ratio <= 1:
        return math.nan
    return math.log(t_big / t_small) / math.log(size_ratio)


def run_scale(
    factors: list[int], reps: int, page_reps: int, budget_s: float, work_dir: Path | None = None
) -> dict[str, Any]:
    own_tmp = None
    if work_dir is None:
        own_tmp = tempfile.TemporaryDirectory(prefix="bench-scale-")
        work_dir = Path(own_tmp.name)
    results: dict[str, Any] = {"factors": {}}
    try:
        for factor in factors:
            target = make_dataset(work_dir / f"data_x{factor}", factor)
            t0 = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "redesign", "validate", str(target)],
                cwd=REPO_ROOT,
                capture_output=True,
                text=True,
                timeout=WORKER_TIMEOUT_S,
                check=False,
            )
            entry: dict[str, Any] = {
                "counts": counts(target),
                "validate_cli_ms": (time.perf_counter() - t0) * 1000,
                "valid": proc.returncode == 0,
                "validate_output": (proc.stdout or proc.stderr).strip()[:400],
            }
            entry["model"] = _run_json(
                [sys.executable, "-m", "bench.scale", "--worker", str(target), "--reps", str(reps)]
            )
            try:
                entry["pages"] = _run_json(
                    [
                        sys.executable,
                        "-m",
                        "bench.script_time",
                        "--reps",
                        str(page_reps),
                        "--warmup",
                        "2",
                        "--budget",
                        str(budget_s),
                    ],
                    env={"REDESIGN_DATA_DIR": str(target)},
                )
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                entry["pages"] = {"error": str(exc)[-1500:]}
            results["factors"][str(factor)] = entry
    finally:
        if own_tmp is not None:
            own_tmp.cleanup()
    results["growth"] = growth(results["factors"])
    return results


def growth(factors: dict[str, Any]) -> dict[str, Any]:
    """Growth exponents between consecutive factors, for the model steps and each page rerun."""
    keys = sorted(factors, key=int)
    out: dict[str, Any] = {}
    for small, big in itertools.pairwise(keys):
        size_ratio = int(big) / int(small)
        fs, fb = factors[small], factors[big]
        step: dict[str, Any] = {"size_ratio": size_ratio}
        for name in ("load_validate_ms", "summary_ms", "scenario_ms", "curve_ms", "total_ms"):
            a, b = fs["model"].get(name), fb["model"].get(name)
            step[name] = {
                "time_ratio": b / a if a else math.nan,
                "exponent": exponent(a, b, size_ratio),
            }
        pages_s = fs.get("pages", {}).get("targets", {})
        pages_b = fb.get("pages", {}).get("targets", {})
        for page in pages_s:
            if page not in pages_b:
                continue
            a = pages_s[page]["rerun_ms"]["p50"]
            b = pages_b[page]["rerun_ms"]["p50"]
            pts_a = sum(c["points"] for c in pages_s[page].get("charts", []))
            pts_b = sum(c["points"] for c in pages_b[page].get("charts", []))
            step[f"page:{page}"] = {
                "time_ratio": b / a if a else math.nan,
                "exponent": exponent(a, b, size_ratio),
                "points": [pts_a, pts_b],
                "points_exponent": exponent(pts_a, pts_b, size_ratio),
            }
        out[f"{small}->{big}"] = step
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    parser.add_argument("--worker", type=Path, help="time the model on this data folder")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    if args.worker is None:
        parser.error("use python -m bench --only scale for the whole scale benchmark")
    result = worker(args.worker, args.reps)
    text = json.dumps(result)
    if args.out:
        Path(args.out).write_text(text)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
