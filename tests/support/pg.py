"""A fresh PostgreSQL database for a test session, made through the server's ``test`` database
($REDESIGN_TEST_PG_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/test) and dropped at
the end. When the server cannot be reached the tests that need it are skipped with the reason,
unless REDESIGN_REQUIRE_POSTGRES=1 (CI), which makes it a failure."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

PG_URL_ENV = "REDESIGN_TEST_PG_URL"
PG_DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REQUIRE_ENV = "REDESIGN_REQUIRE_POSTGRES"


@contextlib.contextmanager
def fresh_database(prefix: str, what: str) -> Iterator[str]:
    """Yield the URL of a new, empty database named ``<prefix>_<pid>_<random>``; ``what`` says
    which tests need it, for the skip message."""
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
        reason = f"PostgreSQL not reachable at {shown}: {what} not run ({first})"
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{reason}; {REQUIRE_ENV}=1 requires them")
        pytest.skip(reason)
    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(4)}"
    with admin:
        admin.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as admin:
            admin.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        engine.dispose()
