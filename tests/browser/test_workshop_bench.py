"""The workshop benchmark runs end to end on a small room (so bench/ stays in step with the app),
and its answer-to-tally matching is right by hand."""

from __future__ import annotations

import pytest

from bench.workshop_bench import Sent, _latencies, run_workshop, targets


def test_answers_are_matched_to_the_count_in_commit_order():
    sent = [Sent(10.0, 10.5, True), Sent(10.2, 10.3, True), Sent(11.0, 11.1, True)]
    counts = [(9.0, 0), (11.0, 2), (12.5, 3)]
    # Taken in the order 10.3, 10.5, 11.1: ranks 1 and 2 seen at 11.0, rank 3 at 12.5.
    assert _latencies(sent, counts) == pytest.approx([0.8, 1.0, 1.5])
    assert _latencies(sent, counts[:2]) == pytest.approx([0.8, 1.0])  # the third never shown


def test_a_small_room_through_the_running_app():
    result = run_workshop(participants=6, window_s=4.0)
    assert result["error_count"] == 0, result["errors"]
    assert result["answers_stored"] == result["final_count"] == 6
    assert result["answer_to_tally_s"]["n"] == 6
    assert targets(result)[0]["pass"] is not None
