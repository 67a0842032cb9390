"""The workshop benchmark runs end to end on a small room (so bench/ stays in step with the app),
and its answer-to-tally matching is right by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.workshop_bench import Sent, _latencies, targets
from tests.support.paths import ROOT as REPO_ROOT

# Starts the app and Chromium: skipped with the other browser tests by -m "not browser".
pytestmark = pytest.mark.browser


def test_answers_are_matched_to_the_count_in_commit_order():
    sent = [Sent(10.0, 10.5, True), Sent(10.2, 10.3, True), Sent(11.0, 11.1, True)]
    counts = [(9.0, 0), (11.0, 2), (12.5, 3)]
    # Taken in the order 10.3, 10.5, 11.1: ranks 1 and 2 seen at 11.0, rank 3 at 12.5.
    assert _latencies(sent, counts) == pytest.approx([0.8, 1.0, 1.5])
    assert _latencies(sent, counts[:2]) == pytest.approx([0.8, 1.0])  # the third never shown


def test_a_small_room_through_the_running_app(tmp_path: Path):
    # In its own process: Playwright's sync API cannot start inside this session's browser fixture.
    out = tmp_path / "workshop.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.workshop_bench",
            "--participants",
            "6",
            "--window",
            "4",
            "--out",
            str(out),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(out.read_text())
    assert result["error_count"] == 0, result["errors"]
    assert result["answers_stored"] == result["final_count"] == 6, result
    assert result["answer_to_tally_s"]["n"] == 6
    assert targets(result)[0]["pass"] is not None
