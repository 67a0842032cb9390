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
import os
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.common import cpu_seconds, rss_mb, run_async, summarise
from bench.wsclient import PageInfo, RunResult, StreamlitClient

THINK_MIN_S = 1.0
THINK_MAX_S = 3.0
RERUN_TIMEOUT_S = 60.0
CONNECT_TIMEOUT_S = 120.0


@dataclass
class Interaction:
    started: float
    seconds: float
    payload_bytes: int
    wire_bytes: int
    kind: str = "slider"


# What a simulated user does at each interaction: (client, its step number) -> (kind, result).
Behaviour = Callable[[StreamlitClient, int], Awaitable[tuple[str, RunResult]]]


async def move_first_slider(client: StreamlitClient, step: int) -> tuple[str, RunResult]:
    """A key press on the page's first slider: one step up, then one down."""
    slider = client.first_slider()
    return "slider", await client.move_slider(
        slider, client.next_value(slider, step), RERUN_TIMEOUT_S
    )


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
    ramp_s: float = math.nan
    loadavg: float = math.nan
    window_cpu_s: float = math.nan

    def summary(self) -> dict[str, Any]:
        in_window = self.interactions
        lat = summarise(i.seconds * 1000 for i in self.interactions)
        return {
            "users": self.users,
            "connected": self.connected,
            "window_s": round(self.window_s, 1),
            "ramp_s": round(self.ramp_s, 1),
            "loadavg_1min": round(self.loadavg, 2),
            "interactions": len(self.interactions),
            "reruns_per_s": len(self.interactions) / self.window_s if self.window_s else math.nan,
            "latency_ms": lat,
            "first_run_ms": summarise(s * 1000 for s in self.first_runs_s),
            "payload_kb": summarise(i.payload_bytes / 1024 for i in self.interactions),
            "wire_kb": summarise(i.wire_bytes / 1024 for i in self.interactions),
            "rss_mb_end": self.rss_mb[-1][1] if self.rss_mb else math.nan,
            "rss_mb_max": max((r for _, r in self.rss_mb), default=math.nan),
            "server_cpu_pct": self.server_cpu_pct,
            # Server CPU per interaction inside the window: the cost that does not depend on how
            # busy the machine is; about 1000 / this is what one core (one GIL) can serve a second.
            "server_cpu_ms_per_rerun": 1000 * self.window_cpu_s / len(in_window)
            if in_window
            else math.nan,
            "client_cpu_pct": self.client_cpu_pct,
            "by_kind": {
                kind: {
                    "interactions": len(found),
                    "latency_ms": summarise(i.seconds * 1000 for i in found),
                }
                for kind in sorted({i.kind for i in self.interactions})
                for found in [[i for i in self.interactions if i.kind == kind]]
            },
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


@dataclass
class Clock:
    """When the measured window starts and when users stop (loop time; inf until known)."""

    measure_from: float = math.inf
    stop_at: float = math.inf
    settled: int = 0  # users whose first run finished or failed
    all_in: asyncio.Event = field(default_factory=asyncio.Event)


async def _user(
    ws_url: str,
    page: str,
    start_delay: float,
    clock: Clock,
    users: int,
    rng: random.Random,
    level: LevelResult,
    session_s: tuple[float, float] | None = None,
    behaviour: Behaviour = move_first_slider,
) -> None:
    """One user: open the page, then act every 1-3 s until ``clock.stop_at`` (by default move
    its first slider).

    With ``session_s`` (min, max seconds) the user closes the tab after a while and opens a new one
    (a new Streamlit session), as people in a workshop come and go."""
    loop = asyncio.get_running_loop()
    await asyncio.sleep(start_delay)
    step = 0
    first_session = True

    def settle() -> None:
        nonlocal first_session
        if first_session:
            first_session = False
            clock.settled += 1
            if clock.settled >= users:
                clock.all_in.set()

    while loop.time() < clock.stop_at - THINK_MAX_S:
        client = StreamlitClient(ws_url, page)
        session_end = loop.time() + rng.uniform(*session_s) if session_s else math.inf
        try:
            await client.connect()
            first = await client.first_run(RERUN_TIMEOUT_S)
            level.first_runs_s.append(first.seconds)
            level.connected += 1
            settle()
            while True:
                think = rng.uniform(THINK_MIN_S, THINK_MAX_S)
                if loop.time() + think >= min(clock.stop_at, session_end):
                    break
                await asyncio.sleep(think)
                started = loop.time()
                kind, result = await behaviour(client, step)
                step += 1
                if started >= clock.measure_from:
                    level.interactions.append(
                        Interaction(
                            started, result.seconds, result.payload_bytes, result.wire_bytes, kind
                        )
                    )
            if client.exceptions:
                level.errors.append(f"page shows an exception: {client.exceptions[0][:200]}")
        except Exception as exc:  # a failed user is a finding, not a crash of the benchmark
            level.errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
            settle()
            await asyncio.sleep(THINK_MAX_S)  # no hot loop of failing reconnects
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.close(), 10)
        if session_s is None:
            break


def _cpu(pids: Sequence[int]) -> float:
    return sum(cpu_seconds(pid) for pid in pids)


async def _sample_memory(
    pids: Sequence[int], level: LevelResult, stop: asyncio.Event, t0: float, every_s: float
) -> None:
    while not stop.is_set():
        level.rss_mb.append((time.monotonic() - t0, sum(rss_mb(pid) for pid in pids)))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every_s)


async def run_level(
    ws_url: str | Sequence[str],
    page: str,
    users: int,
    window_s: float,
    server_pid: int | Sequence[int],
    seed: int = 1,
    sample_every_s: float = 1.0,
    session_s: tuple[float, float] | None = None,
    measure_after_s: float | None = None,
    behaviour: Behaviour = move_first_slider,
) -> LevelResult:
    """``users`` simulated users, measured for ``window_s`` seconds.

    Several servers (``ws_url`` and ``server_pid`` as lists, in the same order): user i goes to
    server i mod n, so the load is split evenly; CPU and memory are the servers' sums.

    Users connect spread over a ramp-up. By default the measured window starts once every user's
    page has opened (at most CONNECT_TIMEOUT_S after the ramp), so slow first loads under load
    never eat the window. With ``measure_after_s`` (the soak) the window is fixed instead: from
    ``measure_after_s`` to ``window_s`` after the start."""
    loop = asyncio.get_running_loop()
    ramp_s = min(max(users * 0.1, 2.0), 20.0)
    start = loop.time()
    clock = Clock()
    if measure_after_s is not None:
        clock.measure_from = start + measure_after_s
        clock.stop_at = start + window_s
    urls = [ws_url] if isinstance(ws_url, str) else list(ws_url)
    pids = [server_pid] if isinstance(server_pid, int) else list(server_pid)
    level = LevelResult(users=users, connected=0, window_s=math.nan)
    rng = random.Random(seed)
    stop = asyncio.Event()
    sampler = asyncio.create_task(
        _sample_memory(pids, level, stop, time.monotonic(), sample_every_s)
    )
    cpu0, wall0, self0 = _cpu(pids), time.monotonic(), time.process_time()
    tasks = [
        asyncio.create_task(
            _user(
                urls[i % len(urls)],
                page,
                ramp_s * i / users,
                clock,
                users,
                random.Random(rng.random()),
                level,
                session_s,
                behaviour,
            )
        )
        for i in range(users)
    ]
    if measure_after_s is None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(clock.all_in.wait(), ramp_s + CONNECT_TIMEOUT_S)
        if clock.settled < users:
            level.errors.append(f"only {clock.settled} of {users} users in before the window")
        clock.measure_from = loop.time() + 1.0
        clock.stop_at = clock.measure_from + window_s
    level.window_s = clock.stop_at - clock.measure_from
    level.ramp_s = clock.measure_from - start

    async def window_cpu() -> None:
        # Server CPU seconds inside the measured window only (connects excluded).
        await asyncio.sleep(max(clock.measure_from - loop.time(), 0))
        c0 = _cpu(pids)
        await asyncio.sleep(max(clock.stop_at - loop.time(), 0))
        level.window_cpu_s = _cpu(pids) - c0

    cpu_task = asyncio.create_task(window_cpu())
    try:
        await asyncio.wait_for(
            asyncio.gather(*tasks), clock.stop_at - loop.time() + RERUN_TIMEOUT_S + 30
        )
    except TimeoutError:
        level.errors.append("level did not finish in time; users cancelled")
        for t in tasks:
            t.cancel()
    with contextlib.suppress(asyncio.CancelledError, TimeoutError):
        await asyncio.wait_for(cpu_task, 5)
    wall = time.monotonic() - wall0
    level.server_cpu_pct = 100 * (_cpu(pids) - cpu0) / wall
    level.client_cpu_pct = 100 * (time.process_time() - self0) / wall
    level.loadavg = os.getloadavg()[0]
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
