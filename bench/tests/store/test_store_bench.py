"""bench/store_bench.py stays in step with the store: a small run fills, measures and reports."""

from __future__ import annotations

import pytest

from bench import store_bench


@pytest.mark.parametrize("backend", store_bench.BACKENDS)
def test_a_small_store_bench_runs_and_reports(backend: str, request: pytest.FixtureRequest):
    if backend == "postgresql":
        request.getfixturevalue("pg_session_url")  # skipped (or failed in CI) like the others
    result = store_bench.run_store(rows=300, reps=3, backends=(backend,))
    part = result[backend]
    assert "error" not in part, part.get("error")
    assert part["rows"] == 300 + 3  # the bench's own saves are added to the rows it filled
    for key, _label in store_bench.ROWS:
        assert part[key]["n"] >= 3 and part[key]["p50"] > 0
    text = "\n".join(store_bench.section(result))
    assert "| list, newest 50 |" in text
    rows = store_bench.targets(result)
    if backend == "sqlite":
        assert rows[0]["pass"] is True and "SQLite" in rows[0]["name"]
    else:
        assert rows[0]["pass"] is None and "not measured" in rows[0]["measured"]
        assert "list p50" in rows[1]["measured"]
