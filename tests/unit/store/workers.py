"""Code run in child processes by the concurrency and crash tests (forked, so the dataset and
the imports come from the parent; each child opens its own database connection)."""

from __future__ import annotations

import os
import time
import traceback
from typing import Any

from sqlalchemy import event

from redesign import Dataset
from redesign.store import open_store


def save_and_rename(
    url: str,
    dataset: Dataset,
    worker: int,
    count: int,
    shared_id: str | None,
    barrier: Any,
    out: Any,
) -> None:
    """Open the store (all workers at once), save ``count`` scenarios and rename each, list
    between writes, and rename the shared scenario, if any, each time."""
    try:
        barrier.wait(timeout=60)
        store = open_store(dataset, url)
        ids = []
        for i in range(count):
            saved = store.save(f"w{worker}-{i}", store.model.uniform((worker + i) % 15 / 10))
            store.rename(saved.id, f"w{worker}-{i} renamed")
            if shared_id is not None:
                store.rename(shared_id, f"shared by w{worker}-{i}")
            store.list(limit=20)
            ids.append(saved.id)
        store.database.close()
        out.put((worker, ids, None))
    except BaseException as exc:
        out.put((worker, [], f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))


def die_inside_a_write(
    url: str, dataset: Dataset, scenario_id: str, action: str, ready: Any
) -> None:
    """Start a rename (or a save) and stop just before its COMMIT, then wait to be killed."""
    store = open_store(dataset, url)

    @event.listens_for(store.database.engine, "commit")
    def _hold(_conn: Any) -> None:
        ready.set()
        time.sleep(120)
        os._exit(3)  # never reached when the test kills this process

    if action == "rename":
        store.rename(scenario_id, "never committed")
    else:
        store.save("never committed", store.model.uniform(1.0))
