"""Shared helpers: statistics, a Streamlit server under test, memory sampling, page discovery."""

from __future__ import annotations

import ast
import asyncio
import concurrent.futures
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.server import free_port, health_ok

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO_ROOT / "bench"
RESULTS_DIR = BENCH_DIR / "results"
BASELINE_APP = BENCH_DIR / "baseline_app.py"
# One slider and one Plotly chart it changes (``?charts=2``: two charts); see the file.
CHART_FLOOR_APP = BENCH_DIR / "chart_floor_app.py"
FRAME_FLOOR_APP = BENCH_DIR / "frame_floor" / "app.py"
APP = REPO_ROOT / "app.py"
PAGES_DIR = REPO_ROOT / "pages"
BUYBACK_PAGE = PAGES_DIR / "buyback.py"

SERVER_START_TIMEOUT_S = 60
# The app's scenario database (redesign.store.DB_URL_ENV; not imported, so that this module
# stays free of the app's code).
DB_URL_ENV = "REDESIGN_DB_URL"
SERVER_STOP_TIMEOUT_S = 10
# The buy-back page's design these benchmarks time as "the buy-back page": the previous one
# (Streamlit's sliders, rerun by Python on every key press), which their clients drive (a slider
# by its widget id, AppTest's ``at.slider``) and their recorded series measured. The page's
# default is now the panel (pages/buyback_parts/panel.py ENV; not imported, as above), which
# bench/panel.py times beside this one.
BUYBACK_PANEL_ENV = "REDESIGN_BUYBACK_PANEL"
PREVIOUS_DESIGN: dict[str, str] = {BUYBACK_PANEL_ENV: "0"}


# --- statistics ---------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear interpolation between closest ranks."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    pos = (len(ordered) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return float(ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo))


def summarise(values: Iterable[float]) -> dict[str, float]:
    """n, p50, p90, mean, min and max of a sample (NaN when empty)."""
    vals = [float(v) for v in values if v is not None and math.isfinite(v)]
    if not vals:
        return {"n": 0, "p50": math.nan, "p90": math.nan, "mean": math.nan}
    return {
        "n": len(vals),
        "p50": statistics.median(vals),
        "p90": percentile(vals, 90),
        "mean": statistics.fmean(vals),
        "min": min(vals),
        "max": max(vals),
    }


def ratio(a: float, b: float) -> float:
    if b is None or a is None or not math.isfinite(a) or not math.isfinite(b) or b <= 0:
        return math.nan
    return a / b


def slope_per_minute(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, value) points, per minute."""
    if len(points) < 2:
        return math.nan
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return math.nan
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return sxy / sxx * 60


def run_async(coro: Any) -> Any:
    """``asyncio.run`` on a worker thread: safe even where an event loop is already running
    (Playwright's sync API keeps one on the main thread)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


# --- processes ----------------------------------------------------------------------------------


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (VmRSS from /proc)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return math.nan


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used (from /proc/<pid>/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks
    except (OSError, IndexError, ValueError):
        return math.nan


@dataclass
class Settings:
    """Server settings passed on the command line, on top of .streamlit/config.toml."""

    name: str = "project config"
    flags: dict[str, str] = field(default_factory=dict)

    def args(self) -> list[str]:
        out: list[str] = []
        for key, value in self.flags.items():
            out += [f"--{key}", value]
        return out

    def describe(self) -> str:
        if not self.flags:
            return "`.streamlit/config.toml` as committed"
        return ", ".join(f"`{k}={v}`" for k, v in self.flags.items())


class StreamlitServer:
    """``python -m streamlit run SCRIPT`` on a free loopback port, run from the repo root so the
    project's .streamlit/config.toml applies to the app and the baseline alike."""

    def __init__(
        self, script: Path, settings: Settings | None = None, env: dict[str, str] | None = None
    ) -> None:
        self.script = script
        self.settings = settings or Settings()
        self.env = dict(env or {})
        # A scenario database of its own unless one is given: a benchmark never touches
        # var/redesign.db (the app's saved scenarios).
        self._db_dir: tempfile.TemporaryDirectory[str] | None = None
        if DB_URL_ENV not in self.env:
            self._db_dir = tempfile.TemporaryDirectory(prefix="bench-db-")
            self.env[DB_URL_ENV] = f"sqlite:///{Path(self._db_dir.name) / 'redesign.db'}"
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        # Closed in __exit__ (the server writes to it for its whole life).
        self._log = tempfile.NamedTemporaryFile(prefix="bench-streamlit-", suffix=".log")  # noqa: SIM115

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def log_text(self) -> str:
        self._log.flush()
        return Path(self._log.name).read_text(errors="replace")[-4000:]

    def __enter__(self) -> StreamlitServer:
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(self.script.relative_to(REPO_ROOT)),
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            *self.settings.args(),
        ]
        env = os.environ.copy()
        env.update(self.env)
        self.proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not health_ok(f"{self.base_url}/_stcore/health"):
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited ({self.proc.returncode}): {' '.join(cmd)}\n{self.log_text()}"
                )
            if time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise RuntimeError(f"streamlit not healthy after {SERVER_START_TIMEOUT_S} s")
            time.sleep(0.2)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=SERVER_STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        if self._db_dir is not None:
            self._db_dir.cleanup()


# --- the app's pages ----------------------------------------------------------------------------


def page_files() -> list[Path]:
    """The page scripts app.py wires up (string literals naming pages/*.py), in its order.

    Falls back to every pages/*.py when app.py names none (or does not exist yet)."""
    found: list[Path] = []
    if APP.is_file():
        try:
            tree = ast.parse(APP.read_text(encoding="utf-8"))
        except SyntaxError:
            tree = None
        if tree is not None:
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    text = node.value
                    if text.endswith(".py") and (REPO_ROOT / text).is_file():
                        path = (REPO_ROOT / text).resolve()
                        if path not in found and path != APP.resolve():
                            found.append(path)
    if not found and PAGES_DIR.is_dir():
        found = sorted(p for p in PAGES_DIR.glob("*.py") if not p.name.startswith("_"))
    return found


def page_label(path: Path) -> str:
    return path.stem


def fmt_ms(value: float) -> str:
    return "—" if value is None or not math.isfinite(value) else f"{value:.1f}"


def fmt_x(value: float) -> str:
    return "—" if value is None or not math.isfinite(value) else f"{value:.2f}x"
