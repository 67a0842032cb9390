"""Code run in forked child processes by the workshop concurrency test."""

from __future__ import annotations

import traceback
from typing import Any

from redesign import Dataset
from redesign.buyback.model import BuybackModel
from redesign.store import open_database
from redesign.workshop import AlreadyAnswered, Answer, WorkshopStore


def answer_at_once(
    url: str, dataset: Dataset, code: str, school: str, days: float, barrier: Any, out: Any
) -> None:
    """Open the database, wait for every worker, then answer once; report what happened."""
    try:
        database = open_database(url)
        store = WorkshopStore(database, BuybackModel(dataset))
        barrier.wait(timeout=60)
        try:
            store.answer(code, Answer(school, "primary", 1, {"autism_teaching": days}))
            out.put(("taken", None))
        except AlreadyAnswered:
            out.put(("refused", None))
        finally:
            database.close()
    except BaseException as exc:
        out.put(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))
