"""Script time as the server runs it: a plain rerun of every page on a real Streamlit server.

AppTest (bench/script_time.py, the issue's measure) runs a page differently from the server in
two ways that cost the pages and not the empty app: it compiles the entry script and the page
again on every run (the server compiles each once and keeps the bytecode), and it forgets on every
run that app.py uses ``st.navigation``, so each run first goes through Streamlit's legacy
``pages/`` folder mode (a ``st.Page`` made for every file there) before app.py runs. This part
measures the same plain rerun on a real server over the websocket: one client per page, each sends
a rerun with nothing changed (as the browser does when a widget outside the page's fragment
changes, or on "Rerun") and times it to ``script_finished``; the server's CPU time is summed over
the reruns of each page. Targets are interleaved round by round, with a pause between reruns (no
delayed-ACK stall, see bench/README.md), the empty app on its own server under the same settings.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from bench.common import (
    APP,
    BASELINE_APP,
    PREVIOUS_DESIGN,
    StreamlitServer,
    cpu_seconds,
    ratio,
    run_async,
    summarise,
)
from bench.wsclient import StreamlitClient

BASELINE = "baseline"
PAUSE_S = 0.15
RERUN_TIMEOUT_S = 60.0


async def _measure(
    targets: dict[str, tuple[str, str, int]], reps: int, warmup: int, budget_s: float
) -> dict[str, Any]:
    """``targets``: name -> (websocket URL, page URL path, server pid)."""
    clients: dict[str, StreamlitClient] = {}
    try:
        for name, (ws_url, page, _pid) in targets.items():
            client = StreamlitClient(ws_url, page=page)
            await client.connect()
            await client.first_run(RERUN_TIMEOUT_S)
            clients[name] = client
        times: dict[str, list[float]] = {name: [] for name in targets}
        elements: dict[str, int] = dict.fromkeys(targets, 0)
        cpu: dict[str, float] = dict.fromkeys(targets, 0.0)
        errors: dict[str, list[str]] = {name: [] for name in targets}
        deadline = time.monotonic() + budget_s
        stopped = ""
        for i in range(warmup + reps):
            if time.monotonic() > deadline:
                stopped = f"time budget of {budget_s:.0f} s reached after {i} rounds"
                break
            for name, client in clients.items():
                pid = targets[name][2]
                await asyncio.sleep(PAUSE_S)
                before = cpu_seconds(pid)
                try:
                    result = await client.rerun(RERUN_TIMEOUT_S)
                except (TimeoutError, RuntimeError, OSError) as exc:
                    errors[name].append(f"{type(exc).__name__}: {str(exc)[:200]}")
                    continue
                used = cpu_seconds(pid) - before
                if i >= warmup:
                    times[name].append(result.seconds * 1000)
                    elements[name] = result.elements
                    cpu[name] += used
        out: dict[str, Any] = {}
        for name, client in clients.items():
            n = len(times[name])
            out[name] = {
                "rerun_ms": summarise(times[name]),
                "server_cpu_ms_per_rerun": 1000 * cpu[name] / n if n else float("nan"),
                # Elements the rerun sent (new_element deltas: text, widgets, charts, tables).
                "elements": elements[name],
                "errors": (errors[name] + client.exceptions)[:3],
            }
        if stopped:
            out["_stopped"] = stopped
        return out
    finally:
        for client in clients.values():
            await client.close()


def measure_server_reruns(reps: int = 30, warmup: int = 3, budget_s: float = 600) -> dict[str, Any]:
    """Every page's plain rerun on the app's server against the empty app's, side by side."""
    from bench.load import discover_pages

    # The buy-back page as bench.script_time runs it (the previous design), to compare the two.
    with (
        StreamlitServer(BASELINE_APP) as base,
        StreamlitServer(APP, env=PREVIOUS_DESIGN) as app,
    ):
        pages = run_async(discover_pages(app.ws_url))
        targets: dict[str, tuple[str, str, int]] = {
            p.url_pathname or p.name: (app.ws_url, p.url_pathname, app.pid) for p in pages
        }
        targets[BASELINE] = (base.ws_url, "", base.pid)
        result = run_async(_measure(targets, reps, warmup, budget_s))
    stopped = result.pop("_stopped", "")
    base_ms = result.get(BASELINE, {}).get("rerun_ms", {}).get("p50", float("nan"))
    base_cpu = result.get(BASELINE, {}).get("server_cpu_ms_per_rerun", float("nan"))
    for entry in result.values():
        entry["ratio_p50"] = ratio(entry["rerun_ms"]["p50"], base_ms)
        entry["cpu_ratio"] = ratio(entry["server_cpu_ms_per_rerun"], base_cpu)
    return {"reps": reps, "pause_s": PAUSE_S, "targets": result, "stopped": stopped}
