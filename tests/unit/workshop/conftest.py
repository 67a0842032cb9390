"""Workshop fixtures: the store's (every store test on SQLite and PostgreSQL) and a workshop store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from redesign import Dataset
from redesign.buyback.model import BuybackModel
from redesign.store import open_database
from redesign.workshop import WorkshopStore
from tests.support.stores import FakeClock, clock, db_url, model, pg_session_url

__all__ = ["FakeClock", "clock", "db_url", "model", "pg_session_url", "workshops"]


@pytest.fixture()
def workshops(db_url: str, dataset: Dataset, clock: FakeClock) -> Iterator[WorkshopStore]:
    database = open_database(db_url, clock=clock)
    try:
        yield WorkshopStore(database, BuybackModel(dataset), clock=clock)
    finally:
        database.close()
