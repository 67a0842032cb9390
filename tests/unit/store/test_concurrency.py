"""At least 20 processes saving and renaming at once lose nothing and raise nothing, on both
databases; a process killed (SIGKILL) inside a write leaves the previous state, readable."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest
import sqlalchemy as sa

from redesign import Dataset
from redesign.store import open_store
from tests.unit.store.workers import die_inside_a_write, save_and_rename

PROCESSES = 20
PER_PROCESS = 5
# fork: the children share the parent's imports and dataset, so 20 start in well under a second.
CTX = multiprocessing.get_context("fork")


def _run_workers(url: str, dataset: Dataset, shared_id: str | None) -> dict[int, list[str]]:
    barrier = CTX.Barrier(PROCESSES)
    out = CTX.Queue()
    procs = [
        CTX.Process(
            target=save_and_rename,
            args=(url, dataset, n, PER_PROCESS, shared_id, barrier, out),
        )
        for n in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    results = [out.get(timeout=180) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    errors = [err for _, _, err in results if err]
    assert not errors, errors[0]
    assert all(p.exitcode == 0 for p in procs)
    return {worker: ids for worker, ids, _ in results}


def test_twenty_processes_open_a_fresh_database_and_save_at_once(db_url: str, dataset: Dataset):
    by_worker = _run_workers(db_url, dataset, None)
    store = open_store(dataset, db_url)
    try:
        assert store.count() == PROCESSES * PER_PROCESS
        listed = {s.id: s.name for s in store.list(limit=1000)}
        for worker, ids in by_worker.items():
            for i, sid in enumerate(ids):
                assert listed[sid] == f"w{worker}-{i} renamed"
    finally:
        store.database.close()


def test_twenty_processes_rename_one_scenario_at_once(db_url: str, dataset: Dataset):
    store = open_store(dataset, db_url)
    shared = store.save("shared", store.model.default_scenario())
    store.database.close()
    _run_workers(db_url, dataset, shared.id)
    store = open_store(dataset, db_url)
    try:
        final = store.get(shared.id)
        names = {f"shared by w{w}-{i}" for w in range(PROCESSES) for i in range(PER_PROCESS)}
        assert final.name in names
        assert store.count() == 1 + PROCESSES * PER_PROCESS
    finally:
        store.database.close()


@pytest.mark.parametrize("action", ["rename", "save"])
def test_a_process_killed_inside_a_write_leaves_the_previous_state(
    db_url: str, dataset: Dataset, action: str
):
    store = open_store(dataset, db_url)
    before = store.save("before the crash", store.model.uniform(0.4))
    store.database.close()
    ready = CTX.Event()
    child = CTX.Process(target=die_inside_a_write, args=(db_url, dataset, before.id, action, ready))
    child.start()
    try:
        assert ready.wait(timeout=60), "the child never reached its commit"
    finally:
        os.kill(child.pid or 0, signal.SIGKILL)
        child.join(timeout=30)
    assert child.exitcode == -signal.SIGKILL

    store = open_store(dataset, db_url)
    try:
        assert store.get(before.id) == before
        assert [s.id for s in store.list()] == [before.id]
        # The killed writer's locks went with it: writing works at once.
        assert store.rename(before.id, "after the crash").name == "after the crash"
        assert store.save("new", store.model.default_scenario()).name == "new"
        if store.database.backend == "sqlite":
            path = Path(str(store.database.url.database))
            engine = sa.create_engine(f"sqlite:///{path}")
            with engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            engine.dispose()
    finally:
        store.database.close()
