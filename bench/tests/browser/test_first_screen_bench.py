"""The first-screen benchmark runs end to end on two pages (so bench/ stays in step with the app):
every load is timed, the first screen is never later than the page settling, and the marks it
looks for (the title, the first chart) are found on a page that has them, and on the floors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import ROOT as REPO_ROOT

pytestmark = pytest.mark.browser


def test_two_pages_cold_and_warm(tmp_path: Path) -> None:
    # In its own process: Playwright's sync API cannot start inside this session's browser fixture.
    out = tmp_path / "first_screen.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.first_screen",
            "--reps",
            "1",
            "--pages",
            "overview,waterfall",
            "--out",
            str(out),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(out.read_text())
    # Its pages are not routed (routing turns the HTTP cache off): nothing may go elsewhere.
    assert results["foreign_requests"] == []
    pages = results["pages"]
    assert set(pages) == {"empty app", "frame floor", "one-chart floor", "overview", "waterfall"}
    for name, row in pages.items():
        assert row["errors"] == [], name
        for kind in ("cold", "warm"):
            first, settled = row[kind]["first_screen_ms"]["p50"], row[kind]["settled_ms"]["p50"]
            assert 0 < first <= settled + 100, (name, kind, first, settled)
    assert pages["waterfall"]["warm"]["title_ms"]["p50"] > 0
    assert pages["waterfall"]["warm"]["chart_ms"]["p50"] > 0
    # The floors draw what they stand for: the frame's title, and the one chart block's chart.
    assert pages["frame floor"]["warm"]["title_ms"]["p50"] > 0
    assert pages["one-chart floor"]["warm"]["chart_ms"]["p50"] > 0
