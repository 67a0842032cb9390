"""Load: simulated users over the websocket, each moving a slider every 1 to 3 seconds.

One asyncio task per user, each a ``StreamlitClient`` (one browser tab's worth of protocol).
Users connect spread over a ramp-up; only interactions that start after the ramp and before the
end of the level are counted. Every user waits for its rerun to finish before thinking again
(a closed loop, as a person at a slider does). Bounded: the number of users, the level's duration
and a per-rerun timeout; loopback only.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import time
from dataclasses import dataclass, field
from typing import Any

from bench.common import cpu_seconds, rss_mb, run_async, summarise
from bench.wsclient import PageInfo, StreamlitClient

THINK_MIN_S = 1.0
THINK_MAX_S = 3.0
RERUN_TIMEOUT_S = 60.0


@dataclass
class Interaction:
    started: float
    seconds: float
    payload_bytes: int
    wire_bytes: int


@dataclass
class LevelResult:
    users: int
    connected: int
    window_s: float
    interactions: list[Interaction] = field(default_factory=list)
    first_runs_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_mb: list[tuple[float, float]] = field(default_factory=list)
    server_cpu_pct: float = math.nan
    client_cpu_pct: float = math.nan

    def summary(self) -> dict[str, Any]:
        lat = summarise(i.seconds * 1000 for i in self.interactions)
        return {
            "users": self.users,
            "connected": self.connected,
            "window_s": round(self.window_s, 1),
            "interactions": len(self.interactions),
            "reruns_per_s": len(self.interactions) / self.window_s if self.window_s else math.nan,
            "latency_ms": lat,
            "first_run_ms": summarise(s * 1000 for s in self.first_runs_s),
            "payload_kb": summarise(i.payload_bytes / 1024 for i in self.interactions),
            "wire_kb": summarise(i.wire_bytes / 1024 for i in self.interactions),
            "rss_mb_end": self.rss_mb[-1][1] if self.rss_mb else math.nan,
            "rss_mb_max": max((r for _, r in self.rss_mb), default=math.nan),
            "server_cpu_pct": self.server_cpu_pct,
            "client_cpu_pct": self.client_cpu_pct,
            "errors": self.errors[:5],
            "error_count": len(self.errors),
        }


async def discover_pages(ws_url: str) -> list[PageInfo]:
    """The app's pages as st.navigation announces them (name, URL path, default)."""
    client = StreamlitClient(ws_url)
    await client.connect()
    try:
        await client.first_run()
        return client.pages
    finally:
        await client.close()


def find_page(pages: list[PageInfo], *needles: str) -> PageInfo | None:
    for needle in needles:
        for p in pages:
            text = f"{p.url_pathname} {p.name}".lower().replace("-", "").replace(" ", "")
            if needle in text:
                return p
    return None


async def _user(
    ws_url: str,
    page: str,
    start_delay: float,
    measure_from: float,
    stop_at: float,
    rng: random.Random,
    level: LevelResult,
    session_s: tuple[float, float] | None = None,
) -> None:
    """One user: open the page, then move its first slider every 1-3 s until ``stop_at``.

    With ``session_s`` (min, max seconds) the user closes the tab after a while and opens a new one
    (a new Streamlit session), as people in a workshop come and go."""
    loop = asyncio.get_running_loop()
    await asyncio.sleep(start_delay)
    step = 0
    while loop.time() < stop_at - THINK_MAX_S:
        client = StreamlitClient(ws_url, page)
        session_end = loop.time() + rng.uniform(*session_s) if session_s else stop_at
        try:
            await client.connect()
            first = await client.first_run(RERUN_TIMEOUT_S)
            level.first_runs_s.append(first.seconds)
            level.connected += 1
            slider = client.first_slider()
            while True:
                think = rng.uniform(THINK_MIN_S, THINK_MAX_S)
                if loop.time() + think >= min(stop_at, session_end):
                    break
                await asyncio.sleep(think)
                started = loop.time()
                result = await client.move_slider(
                    slider, client.next_value(slider, step), RERUN_TIMEOUT_S
                )
                step += 1
                if started >= measure_from:
                    level.interactions.append(
                        Interaction(
                            started, result.seconds, result.payload_bytes, result.wire_bytes
                        )
                    )
            if client.exceptions:
                level.errors.append(f"page shows an exception: {client.exceptions[0][:200]}")
        except Exception as exc:  # a failed user is a finding, not a crash of the benchmark
            level.errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
            await asyncio.sleep(THINK_MAX_S)  # no hot loop of failing reconnects
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.close(), 10)
        if session_s is None:
            break


async def _sample_memory(
    pid: int, level: LevelResult, stop: asyncio.Event, t0: float, every_s: float
) -> None:
    while not stop.is_set():
        level.rss_mb.append((time.monotonic() - t0, rss_mb(pid)))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every_s)


async def run_level(
    ws_url: str,
    page: str,
    users: int,
    duration_s: float,
    server_pid: int,
    seed: int = 1,
    sample_every_s: float = 1.0,
    session_s: tuple[float, float] | None = None,
    measure_after_s: float | None = None,
) -> LevelResult:
    """``users`` simulated users for ``duration_s`` seconds (ramp-up included)."""
    loop = asyncio.get_running_loop()
    ramp_s = min(max(users * 0.1, 2.0), duration_s / 3)
    now = loop.time()
    measure_from = now + (ramp_s + 1.0 if measure_after_s is None else measure_after_s)
    stop_at = now + duration_s
    level = LevelResult(users=users, connected=0, window_s=stop_at - measure_from)
    rng = random.Random(seed)
    stop = asyncio.Event()
    sampler = asyncio.create_task(
        _sample_memory(server_pid, level, stop, time.monotonic(), sample_every_s)
    )
    cpu0, wall0, self0 = cpu_seconds(server_pid), time.monotonic(), time.process_time()
    tasks = [
        asyncio.create_task(
            _user(
                ws_url,
                page,
                ramp_s * i / users,
                measure_from,
                stop_at,
                random.Random(rng.random()),
                level,
                session_s,
            )
        )
        for i in range(users)
    ]
    try:
        await asyncio.wait_for(asyncio.gather(*tasks), duration_s + RERUN_TIMEOUT_S + 30)
    except TimeoutError:
        level.errors.append("level did not finish in time; users cancelled")
        for t in tasks:
            t.cancel()
    wall = time.monotonic() - wall0
    level.server_cpu_pct = 100 * (cpu_seconds(server_pid) - cpu0) / wall
    level.client_cpu_pct = 100 * (time.process_time() - self0) / wall
    stop.set()
    await sampler
    return level


def run_levels(
    ws_url: str,
    page: str,
    levels: list[int],
    duration_s: float,
    server_pid: int,
    pause_s: float = 3.0,
) -> list[dict[str, Any]]:
    out = []
    for users in levels:
        level = run_async(run_level(ws_url, page, users, duration_s, server_pid))
        out.append(level.summary())
        time.sleep(pause_s)
    return out
