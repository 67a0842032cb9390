"""Store: save and list latency with 10,000 saved scenarios, on SQLite and on PostgreSQL.

For each database a fresh one is made (SQLite: a file in a temporary folder; PostgreSQL: a new
database on the server named by $REDESIGN_BENCH_PG_URL, default the project's
postgresql+psycopg://postgres@127.0.0.1:5432/test, dropped afterwards), migrated by the store
itself, and filled with ``--rows`` scenarios (one in ten deleted) in bulk. Then, in turn
(A, B, C, ... so a busy moment costs each alike), through the store's own interface
(redesign.store.ScenarioStore): ``save`` (validate, evaluate, one write transaction),
``list`` (the newest 50, what a library page shows first), ``get`` (a permalink), ``rename``
and ``count``; then ``list`` 50 deep in the list (offset 9,000), opening the store (connect,
check the file, migrate, purge), and ``list`` with the list index dropped, which is what
migration 0002 buys. Target (issue 14): list p50 under 50 ms on SQLite at 10,000 scenarios.

    python -m bench.store_bench [--rows 10000] [--reps 200] [--backends sqlite,postgresql]
    python -m bench --only store        # the same, in the benchmark report
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench.common import summarise

LIST_P50_MS = 50.0
PG_URL_ENV = "REDESIGN_BENCH_PG_URL"
PG_DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BACKENDS = ("sqlite", "postgresql")
INDEXES = ("ix_scenarios_live", "ix_scenarios_saved_at_id")


@contextmanager
def fresh_database(backend: str) -> Iterator[str]:
    """The URL of a fresh, empty database of this kind, removed afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="store-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'redesign.db'}"
        return
    admin_url = sa.make_url(os.environ.get(PG_URL_ENV, PG_DEFAULT_URL))
    engine = sa.create_engine(
        admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    name = f"redesign_store_bench_{os.getpid()}_{secrets.token_hex(4)}"
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        engine.dispose()


def _fill(store: Any, rows: int) -> list[str]:
    """``rows`` valid scenarios, one saved a minute before the next, one in ten deleted; the ids.

    Bulk-inserted in one transaction per 1,000 (as a library grows over months, not in one go):
    the rows are the store's own, copied from a scenario it saved at each 1% buy-back level."""
    from redesign.store.schema import scenarios as table

    templates = []
    for pct in range(0, 151):
        saved = store.save(f"template {pct}", store.model.uniform(pct / 100))
        with store.database.read() as conn:
            row = conn.execute(sa.select(table).where(table.c.id == saved.id)).mappings().one()
        templates.append(dict(row))
    with store.database.write() as conn:
        conn.execute(table.delete())
    start = datetime(2026, 1, 1, tzinfo=UTC)
    ids = []
    chunk: list[dict[str, Any]] = []
    for i in range(rows):
        when = start + timedelta(minutes=i)
        sid = f"bench{i:07d}"
        ids.append(sid)
        row = {
            **templates[i % len(templates)],
            "id": sid,
            "name": f"Scenario {i}",
            "saved_at": when,
            "updated_at": when,
            "deleted_at": when + timedelta(days=1) if i % 10 == 9 else None,
        }
        chunk.append(row)
        if len(chunk) == 1000 or i == rows - 1:
            with store.database.write() as conn:
                conn.execute(table.insert(), chunk)
            chunk = []
    return ids


def _timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def measure(backend: str, rows: int, reps: int) -> dict[str, Any]:
    from redesign import load_dataset
    from redesign.store import open_store
    from redesign.store.schema import scenarios as table

    dataset = load_dataset()
    with fresh_database(backend) as url:
        store = open_store(dataset, url)
        t0 = time.perf_counter()
        ids = [i for n, i in enumerate(_fill(store, rows)) if n % 10 != 9]
        fill_s = time.perf_counter() - t0
        rng = random.Random(14)
        samples: dict[str, list[float]] = {
            k: [] for k in ("save", "list", "get", "rename", "count")
        }
        scenarios = [store.model.uniform(rng.randrange(151) / 100) for _ in range(reps)]
        for n, scenario in enumerate(scenarios):  # interleaved: save, list, get, rename, ...
            got, renamed = rng.choice(ids), rng.choice(ids)
            calls: dict[str, Callable[[], Any]] = {
                "save": partial(store.save, f"bench save {n}", scenario),
                "list": partial(store.list, limit=50),
                "get": partial(store.get, got),
                "rename": partial(store.rename, renamed, f"renamed {n}"),
                "count": store.count,
            }
            for key, call in calls.items():
                samples[key].append(_timed(call))
        deep = [_timed(lambda: store.list(limit=50, offset=9000)) for _ in range(max(reps // 4, 5))]
        total = store.count(include_deleted=True)
        store.database.close()
        opens = []
        for _ in range(max(reps // 20, 5)):
            t0 = time.perf_counter()
            again = open_store(dataset, url)
            opens.append((time.perf_counter() - t0) * 1000)
            again.database.close()
        store = open_store(dataset, url)
        with store.database.write() as conn:
            for name in INDEXES:
                conn.exec_driver_sql(f"DROP INDEX {name}")
            if backend == "postgresql":
                conn.exec_driver_sql("ANALYZE scenarios")
        no_index = [_timed(lambda: store.list(limit=50)) for _ in range(max(reps // 4, 5))]
        with store.database.write() as conn:
            for index in table.indexes:
                index.create(conn)
        store.database.close()
    out: dict[str, Any] = {
        "rows": total,
        "fill_s": round(fill_s, 1),
        **{f"{k}_ms": summarise(v) for k, v in samples.items()},
        "list_offset_9000_ms": summarise(deep),
        "open_ms": summarise(opens),
        "list_without_index_ms": summarise(no_index),
    }
    return out


def run_store(rows: int, reps: int, backends: tuple[str, ...] = BACKENDS) -> dict[str, Any]:
    out: dict[str, Any] = {"rows": rows, "reps": reps, "target_list_p50_ms": LIST_P50_MS}
    for backend in backends:
        print(f"[bench] store: {backend}, {rows:,} scenarios ...", flush=True)
        try:
            out[backend] = measure(backend, rows, reps)
        except Exception as exc:  # a server that is down is reported, not a crash of the run
            out[backend] = {"error": f"{type(exc).__name__}: {exc}"[:600]}
    return out


ROWS = (
    ("save_ms", "save (validate, evaluate, write)"),
    ("list_ms", "list, newest 50"),
    ("get_ms", "get one (a permalink)"),
    ("rename_ms", "rename"),
    ("count_ms", "count"),
    ("list_offset_9000_ms", "list 50 at offset 9,000"),
    ("open_ms", "open (connect, check, migrate, purge)"),
    ("list_without_index_ms", "list, newest 50, list index dropped"),
)


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The target row (SQLite list p50) and context rows for bench.cli's report."""
    out = []
    sqlite = result.get("sqlite", {})
    goal = f"< {LIST_P50_MS:.0f} ms"
    name = f"Store: list p50 with {result.get('rows', 0):,} scenarios (SQLite)"
    if "list_ms" in sqlite:
        p50 = sqlite["list_ms"]["p50"]
        measured = f"{p50:.1f} ms (p90 {sqlite['list_ms']['p90']:.1f}; save p50 {sqlite['save_ms']['p50']:.1f} ms)"
        out.append({"name": name, "target": goal, "measured": measured, "pass": p50 < LIST_P50_MS})
    else:
        out.append(
            {
                "name": name,
                "target": goal,
                "measured": "not measured",
                "pass": None,
                "note": sqlite.get("error", "")[:200],
            }
        )
    pg = result.get("postgresql", {})
    measured = (
        f"list p50 {pg['list_ms']['p50']:.1f} ms, save p50 {pg['save_ms']['p50']:.1f} ms"
        if "list_ms" in pg
        else f"not measured: {pg.get('error', '')[:120]}"
    )
    out.append(
        {
            "name": "Store on PostgreSQL (same rows)",
            "target": "context",
            "measured": measured,
            "pass": None,
            "context": True,
        }
    )
    return out


def section(result: dict[str, Any]) -> list[str]:
    """The report's section (Markdown lines)."""
    lines = ["## Store: saved scenarios on SQLite and PostgreSQL", ""]
    lines += [
        f"{result.get('rows', 0):,} scenarios per database (one in ten deleted), "
        f"{result.get('reps')} interleaved rounds; ms, p50 / p90. See bench/store_bench.py.",
        "",
    ]
    backends = [b for b in BACKENDS if b in result]
    header = ["operation", *backends]
    rows = []
    for key, label in ROWS:
        row = [label]
        for b in backends:
            s = result[b].get(key)
            row.append(
                f"{s['p50']:.1f} / {s['p90']:.1f}" if s else result[b].get("error", "—")[:80]
            )
        rows.append(row)
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return [*lines, *out, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.store_bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--out", help="write the results as JSON to this file")
    args = parser.parse_args(argv)
    backends = tuple(b.strip() for b in args.backends.split(",") if b.strip())
    unknown = [b for b in backends if b not in BACKENDS]
    if unknown:
        parser.error(f"unknown backend(s) {unknown}; choose from {', '.join(BACKENDS)}")
    result = run_store(args.rows, args.reps, backends)
    print("\n".join(section(result)))
    for t in targets(result):
        verdict = (
            "INFO" if t.get("context") else {True: "PASS", False: "FAIL", None: "N/A "}[t["pass"]]
        )
        print(f"{verdict}  {t['name']}: {t['measured']} (target {t['target']})")
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
