"""Soak: simulated users on the buy-back page for a long time; does server memory keep growing?

Users move a slider every 1-3 s and come and go (each tab lives 2 to 6 minutes, then a new session
opens), so session creation and clean-up are exercised as well as reruns. Server RSS is sampled
every ``SAMPLE_EVERY_S``. After the warm-up (the first 5 minutes, or a sixth of a shorter soak) a
least-squares line is fitted to RSS; memory is flat when that line rises by less than
``GROWTH_LIMIT_MB`` over the measured window.
"""

from __future__ import annotations

import math
from typing import Any

from bench.common import run_async, slope_per_minute, summarise
from bench.load import run_level

SAMPLE_EVERY_S = 30.0
WARMUP_S = 300.0
GROWTH_LIMIT_MB = 5.0
SESSION_S = (120.0, 360.0)


def run_soak(ws_url: str, page: str, users: int, minutes: float, server_pid: int) -> dict[str, Any]:
    duration = minutes * 60
    warmup = min(WARMUP_S, duration / 6)
    sample_every = min(SAMPLE_EVERY_S, max(duration / 20, 2.0))
    level = run_async(
        run_level(
            ws_url,
            page,
            users,
            duration,
            server_pid,
            seed=7,
            sample_every_s=sample_every,
            session_s=SESSION_S if duration > 2 * SESSION_S[1] else None,
            measure_after_s=warmup,
        )
    )
    after = [(t, r) for t, r in level.rss_mb if t >= warmup and math.isfinite(r)]
    slope = slope_per_minute(after)
    window_min = (after[-1][0] - after[0][0]) / 60 if len(after) >= 2 else math.nan
    growth = slope * window_min if math.isfinite(slope) else math.nan
    summary = level.summary()
    return {
        "users": users,
        "minutes": minutes,
        "warmup_s": warmup,
        "sample_every_s": sample_every,
        "sessions_opened": level.connected,
        "interactions": len(level.interactions),
        "latency_ms": summary["latency_ms"],
        "payload_kb": summary["payload_kb"],
        "rss_samples": [(round(t, 1), round(r, 1)) for t, r in level.rss_mb],
        "rss_start_mb": level.rss_mb[0][1] if level.rss_mb else math.nan,
        "rss_after_warmup_mb": after[0][1] if after else math.nan,
        "rss_end_mb": level.rss_mb[-1][1] if level.rss_mb else math.nan,
        "rss_after_warmup": summarise(r for _, r in after),
        "slope_mb_per_min": slope,
        "window_min": window_min,
        "growth_mb": growth,
        "growth_limit_mb": GROWTH_LIMIT_MB,
        "flat": math.isfinite(growth) and growth < GROWTH_LIMIT_MB,
        "server_cpu_pct": level.server_cpu_pct,
        "errors": summary["errors"],
        "error_count": summary["error_count"],
    }
