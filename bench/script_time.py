"""Script time: Streamlit ``AppTest`` rerun time of every page against the empty one-slider app.

Runs in its own process (``python -m bench.script_time``) so each measurement starts from the same
clean interpreter, and so REDESIGN_DATA_DIR can point the pages at a synthetic dataset. Targets are
interleaved round by round (page A, page B, ..., baseline, then again), so drift on the machine
hits every target alike. Writes one JSON object (``--out FILE``, else stdout).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import APP, BASELINE_APP, REPO_ROOT, page_files, summarise

BASELINE = "baseline"
RUN_TIMEOUT_S = 120


def _open(target: str) -> Any:
    from streamlit.testing.v1 import AppTest

    if target == BASELINE:
        at = AppTest.from_file(str(BASELINE_APP), default_timeout=RUN_TIMEOUT_S)
        at.run()
        return at
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S)
    at.run()
    at.switch_page(str(Path(target).relative_to(REPO_ROOT)))
    at.run()
    return at


def _errors(at: Any) -> list[str]:
    return [str(e.value)[:200] for e in at.exception]


def _count_elements(at: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kind in ("slider", "plotly_chart", "dataframe", "table", "metric", "markdown"):
        try:
            counts[kind] = len(at.get(kind))
        except Exception:  # pragma: no cover - element kinds differ between versions
            counts[kind] = -1
    return counts


def measure(targets: list[str], reps: int, warmup: int, budget_s: float) -> dict[str, Any]:
    apps = {t: _open(t) for t in targets}
    plain: dict[str, list[float]] = {t: [] for t in targets}
    slider: dict[str, list[float]] = {t: [] for t in targets}
    deadline = time.monotonic() + budget_s
    rounds = 0
    for i in range(reps + warmup):
        if time.monotonic() > deadline:
            break
        for target in targets:
            at = apps[target]
            t0 = time.perf_counter()
            at.run()
            if i >= warmup:
                plain[target].append((time.perf_counter() - t0) * 1000)
            if at.slider:
                s = at.slider[0]
                lo, hi = s.min, s.max
                step = s.step or 1
                value = s.value[0] if isinstance(s.value, (tuple, list)) else s.value
                new = value + step if value + step <= hi else value - step
                if new < lo:
                    new = value
                s.set_value(type(value)(new) if isinstance(value, (int, float)) else new)
                t0 = time.perf_counter()
                at.run()
                if i >= warmup:
                    slider[target].append((time.perf_counter() - t0) * 1000)
        rounds += 1
    out: dict[str, Any] = {"rounds": rounds - warmup, "targets": {}}
    for target in targets:
        at = apps[target]
        name = BASELINE if target == BASELINE else Path(target).stem
        out["targets"][name] = {
            "rerun_ms": summarise(plain[target]),
            "slider_rerun_ms": summarise(slider[target]),
            "exceptions": _errors(at),
            "elements": _count_elements(at),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.script_time")
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--budget", type=float, default=600, help="seconds, all targets")
    parser.add_argument("--pages", nargs="*", help="page files (default: every page in app.py)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--out", help="write the JSON here (default: stdout)")
    args = parser.parse_args(argv)
    os.chdir(REPO_ROOT)  # .streamlit/config.toml and relative page paths, as for the server
    pages = [str(Path(p).resolve()) for p in args.pages] if args.pages else None
    targets = pages if pages is not None else [str(p) for p in page_files()]
    if not args.no_baseline:
        targets.append(BASELINE)
    from streamlit import config

    result = measure(targets, args.reps, args.warmup, args.budget)
    result["postScriptGC"] = config.get_option("runner.postScriptGC")
    result["data_dir"] = os.environ.get("REDESIGN_DATA_DIR", "data/")
    if args.out:
        Path(args.out).write_text(json.dumps(result))
    else:
        json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
