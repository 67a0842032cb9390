"""Store fixtures (imported by the conftests that use them): every store test runs on SQLite (a file in tmp_path) and on PostgreSQL.

PostgreSQL: a fresh database, uniquely named, is created for the session through the server's
``test`` database ($REDESIGN_TEST_PG_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/test)
and dropped at the end; each test starts from an empty schema in it. When the server cannot be
reached the PostgreSQL half is skipped with the reason, unless REDESIGN_REQUIRE_POSTGRES=1 (CI),
which makes it a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from redesign import Dataset
from redesign.buyback.model import BuybackModel
from redesign.store import ScenarioStore, open_store
from tests.support.pg import fresh_database

BACKENDS = ("sqlite", "postgresql")


@dataclass
class FakeClock:
    """An injectable clock: a fixed UTC time that a test moves on by hand."""

    now: datetime = field(default_factory=lambda: datetime(2026, 11, 24, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture(scope="session")
def pg_session_url() -> Iterator[str]:
    with fresh_database("redesign_store_test", "store tests on PostgreSQL") as url:
        yield url


def empty_postgres(url: str) -> None:
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind (the store creates its tables when it opens it)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'var' / 'redesign.db'}"
    url: str = request.getfixturevalue("pg_session_url")
    empty_postgres(url)
    return url


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture()
def store(db_url: str, dataset: Dataset, clock: FakeClock) -> Iterator[ScenarioStore]:
    opened = open_store(dataset, db_url, clock=clock)
    try:
        yield opened
    finally:
        opened.database.close()


@pytest.fixture(scope="session")
def model(dataset: Dataset) -> BuybackModel:
    return BuybackModel(dataset)
