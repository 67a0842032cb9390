"""Script time: Streamlit ``AppTest`` rerun time of every page against the empty one-slider app.

With ``--chart-floors`` the chart floors are measured too (bench/chart_floor_app.py: one slider and
one Plotly chart it changes; ``chart_floor_2`` with a second chart), to show what a changing chart
costs by itself, and so are the app's own frame and the block floors (bench/frame_floor: the frame,
then with one or two of the conventions' chart blocks), to show what every page draws before its
own content and what each chart drawn as CONVENTIONS.md asks adds to it.

Runs in its own process (``python -m bench.script_time``) so each measurement starts from the same
clean interpreter, and so REDESIGN_DATA_DIR can point the pages at a synthetic dataset. Targets are
interleaved round by round (page A, page B, ..., baseline, then again), so drift on the machine
hits every target alike. Writes one JSON object (``--out FILE``, else stdout).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import (
    APP,
    BASELINE_APP,
    CHART_FLOOR_APP,
    FRAME_FLOOR_APP,
    PREVIOUS_DESIGN,
    REPO_ROOT,
    page_files,
    summarise,
)

BASELINE = "baseline"
# The chart floors: target name -> query parameters of bench/chart_floor_app.py.
CHART_FLOORS = {"chart_floor": {}, "chart_floor_2": {"charts": "2"}}
# The app's frame (bench/frame_floor: navigation and ui.layout.page_setup, then one slider), and
# the block floors: the frame with one, or two, of the conventions' chart blocks (ui.blocks
# .chart_block: title, subtitle, chart, "Show data table", CSV and source line) under the slider.
FRAME_FLOOR = "frame_floor"
BLOCK_FLOORS = {"block_floor": {"blocks": "1"}, "block_floor_2": {"blocks": "2"}}
FLOORS = (BASELINE, *CHART_FLOORS, FRAME_FLOOR, *BLOCK_FLOORS)
# Every floor is a script of its own, opened with these query parameters.
FLOOR_APPS: dict[str, tuple[Path, dict[str, str]]] = {
    BASELINE: (BASELINE_APP, {}),
    **{name: (CHART_FLOOR_APP, query) for name, query in CHART_FLOORS.items()},
    FRAME_FLOOR: (FRAME_FLOOR_APP, {}),
    **{name: (FRAME_FLOOR_APP, query) for name, query in BLOCK_FLOORS.items()},
}
RUN_TIMEOUT_S = 120


def _open(target: str) -> Any:
    from streamlit.testing.v1 import AppTest

    if target in FLOOR_APPS:
        script, query = FLOOR_APPS[target]
        at = AppTest.from_file(str(script), default_timeout=RUN_TIMEOUT_S)
        at.query_params.update(query)
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
    for kind in ("slider", "bidi_component", "dataframe", "table", "metric", "markdown"):
        try:
            counts[kind] = len(at.get(kind))
        except Exception:  # pragma: no cover - element kinds differ between versions
            counts[kind] = -1
    return counts


def _array_len(value: Any) -> int:
    """Points in a plotly array: a list, or plotly's typed array {dtype, bdata[, shape]}."""
    if isinstance(value, list):
        return len(value)
    if isinstance(value, dict) and "bdata" in value:
        shape = value.get("shape")
        if shape:
            n = 1
            for dim in str(shape).split(","):
                n *= int(dim.strip() or 1)
            return n
        itemsize = int("".join(ch for ch in str(value.get("dtype", "f8")) if ch.isdigit()) or 8)
        return len(base64.b64decode(value["bdata"])) // itemsize
    return 0


def chart_stats(at: Any) -> list[dict[str, Any]]:
    """Per plotly chart on the page: traces, points (the longest data array of each trace, summed)
    and the size of its JSON spec. Points that grow with the dataset mean the page plots rows."""
    from ui.components.plotly_chart import NAME as CHART_COMPONENT

    charts = []
    try:
        elements = at.get("bidi_component")
    except Exception:  # pragma: no cover
        return charts
    for element in elements:
        # The app's charts are its own component (ui/components/plotly_chart): the figure in
        # its data.
        if element.proto.component_name != CHART_COMPONENT:
            continue
        try:
            spec = json.loads(element.proto.json)["figure"]
        except (ValueError, KeyError):
            continue
        points = 0
        traces = spec.get("data", []) or []
        for trace in traces:
            points += max(
                (_array_len(trace.get(k)) for k in ("x", "y", "z", "values", "labels", "r")),
                default=0,
            )
        title = (spec.get("layout") or {}).get("title") or ""
        if isinstance(title, dict):
            title = title.get("text", "")
        charts.append(
            {
                "title": str(title)[:80],
                "traces": len(traces),
                "points": points,
                "spec_kb": round(len(json.dumps(spec)) / 1024, 1),
            }
        )
    return charts


def measure(targets: list[str], reps: int, warmup: int, budget_s: float) -> dict[str, Any]:
    apps: dict[str, Any] = {}
    first_run: dict[str, float] = {}
    for t in targets:
        t0 = time.perf_counter()
        apps[t] = _open(t)
        first_run[t] = (time.perf_counter() - t0) * 1000
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
        name = target if target in FLOORS else Path(target).stem
        out["targets"][name] = {
            "rerun_ms": summarise(plain[target]),
            "slider_rerun_ms": summarise(slider[target]),
            "exceptions": _errors(at),
            "elements": _count_elements(at),
            "charts": chart_stats(at),
            "first_run_ms": first_run[target],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.script_time")
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--budget", type=float, default=600, help="seconds, all targets")
    parser.add_argument("--pages", nargs="*", help="page files (default: every page in app.py)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--chart-floors",
        action="store_true",
        help="also the one- and two-chart floors (bench/chart_floor_app.py), the app-frame "
        "floor and the one- and two-block floors (bench/frame_floor)",
    )
    parser.add_argument("--out", help="write the JSON here (default: stdout)")
    args = parser.parse_args(argv)
    os.chdir(REPO_ROOT)  # .streamlit/config.toml and relative page paths, as for the server
    os.environ.update(PREVIOUS_DESIGN)  # the buy-back page with the sliders it moves
    pages = [str(Path(p).resolve()) for p in args.pages] if args.pages else None
    targets = pages if pages is not None else [str(p) for p in page_files()]
    if not args.no_baseline:
        targets.append(BASELINE)
    if args.chart_floors:
        targets += [*CHART_FLOORS, FRAME_FLOOR, *BLOCK_FLOORS]
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
