"""Store fixtures: every store test runs on SQLite (a file in tmp_path) and on PostgreSQL.

PostgreSQL: a fresh database, uniquely named, is created for the session through the server's
``test`` database ($REDESIGN_TEST_PG_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/test)
and dropped at the end; each test starts from an empty schema in it. When the server cannot be
reached the PostgreSQL half is skipped with the reason, unless REDESIGN_REQUIRE_POSTGRES=1 (CI),
which makes it a failure.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from redesign import Dataset
from redesign.buyback.model import BuybackModel
from redesign.store import ScenarioStore, open_store

PG_URL_ENV = "REDESIGN_TEST_PG_URL"
PG_DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REQUIRE_ENV = "REDESIGN_REQUIRE_POSTGRES"
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
    admin_url = sa.make_url(os.environ.get(PG_URL_ENV, PG_DEFAULT_URL))
    shown = admin_url.render_as_string(hide_password=True)
    engine = sa.create_engine(
        admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        admin = engine.connect()
    except sa.exc.OperationalError as exc:
        engine.dispose()
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        reason = f"PostgreSQL not reachable at {shown}: store tests on PostgreSQL not run ({first})"
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{reason}; {REQUIRE_ENV}=1 requires them")
        pytest.skip(reason)
    name = f"redesign_store_test_{os.getpid()}_{secrets.token_hex(4)}"
    with admin:
        admin.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as admin:
            admin.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        engine.dispose()


def _empty_postgres(url: str) -> None:
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
    _empty_postgres(url)
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
