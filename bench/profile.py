"""Where a page's rerun spends its time: cProfile over AppTest reruns, in its own process.

AppTest runs the script on a thread of its own, so the profiler is switched on inside
``ScriptRunner._run_script`` (on that thread) rather than around ``AppTest.run``. Each rerun moves
the page's first slider one step, like a user. ``python -m bench.profile buyback --reps 20``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import APP, PREVIOUS_DESIGN, REPO_ROOT

TOP = 25


def _profile(stem: str, reps: int) -> dict[str, Any]:
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.testing.v1 import AppTest

    prof = cProfile.Profile()
    active = {"on": False}
    original = script_runner.ScriptRunner._run_script

    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not active["on"]:
            return original(self, *args, **kwargs)
        prof.enable()
        try:
            return original(self, *args, **kwargs)
        finally:
            prof.disable()

    script_runner.ScriptRunner._run_script = wrapped  # type: ignore[method-assign]
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    at.switch_page(f"pages/{stem}.py")
    at.run()
    at.run()
    active["on"] = True
    for i in range(reps):
        if at.slider:
            s = at.slider[0]
            value = s.value
            step = s.step or 1
            up = i % 2 == 0
            new = value + step if up else value - step
            if not s.min <= new <= s.max:
                new = value - step if up else value + step
            s.set_value(type(value)(new))
        at.run()
    active["on"] = False

    stats = pstats.Stats(prof)
    total = stats.total_tt  # type: ignore[attr-defined]

    def rows(sort: str, only_project: bool) -> list[dict[str, Any]]:
        out = []
        for func, (_cc, nc, tt, ct, _callers) in sorted(
            stats.stats.items(),  # type: ignore[attr-defined]
            key=lambda kv: kv[1][3] if sort == "cumulative" else kv[1][2],
            reverse=True,
        ):
            filename, line, name = func
            path = str(filename)
            in_project = path.startswith(str(REPO_ROOT)) and "/.venv/" not in path
            if only_project and not in_project:
                continue
            where = path.replace(str(REPO_ROOT) + "/", "")
            where = where.split("site-packages/")[-1]
            out.append(
                {
                    "function": f"{where}:{line}({name})",
                    "calls": nc,
                    "own_ms_per_rerun": tt * 1000 / reps,
                    "cum_ms_per_rerun": ct * 1000 / reps,
                }
            )
            if len(out) >= TOP:
                break
        return out

    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(40)
    return {
        "page": stem,
        "reruns": reps,
        "profiled_ms_per_rerun": total * 1000 / reps,
        "project_cumulative": rows("cumulative", True),
        "all_own_time": rows("tottime", False),
        "text": text.getvalue()[-12000:],
    }


def profile_page(stem: str, reps: int = 20) -> dict[str, Any]:
    """Run the profiler in a fresh process and return its summary."""
    import subprocess

    with tempfile.NamedTemporaryFile(suffix=".json") as tmp:
        proc = subprocess.run(
            [sys.executable, "-m", "bench.profile", stem, "--reps", str(reps), "--out", tmp.name],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr[-2000:])
        return json.loads(Path(tmp.name).read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("page", help="page file stem, e.g. buyback")
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--out")
    parser.add_argument("--text", action="store_true", help="print the pstats listing")
    args = parser.parse_args(argv)
    os.chdir(REPO_ROOT)
    os.environ.update(PREVIOUS_DESIGN)  # the buy-back page with the sliders it moves
    result = _profile(args.page, args.reps)
    if args.text:
        print(result["text"])
    if args.out:
        Path(args.out).write_text(json.dumps(result))
    elif not args.text:
        print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
