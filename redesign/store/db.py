"""The database behind the store: which one (URL), how to connect, and every read and write.

One module for the engine and its transactions, so that the workshop mode reuses it as it is:
``open_database(url)`` gives a ``Database`` checked and migrated to the newest schema, whose
``read()`` and ``write()`` yield a connection inside one transaction and turn every driver error
into a one-line StoreUnavailable.

SQLite (the default, a file under var/): WAL, foreign keys on, a busy timeout, and every write in
``BEGIN IMMEDIATE``, which takes the write lock at the start: a writer waits for the lock (up to
the busy timeout) instead of failing with "database is locked" when it would upgrade a read
transaction that another writer got ahead of. PostgreSQL (``postgresql+psycopg://``): the same
code, in the server's default READ COMMITTED isolation.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Connection, Engine

from redesign.store import sqlite_file
from redesign.store.errors import StoreError, StoreUnavailable

DB_URL_ENV = "REDESIGN_DB_URL"
REPO_ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_DB_PATH = REPO_ROOT / "var" / "redesign.db"
BUSY_TIMEOUT_MS = 30_000
PG_CONNECT_TIMEOUT_S = 5
# Set on a connection whose transaction will write (see Database.write).
_WRITE_OPTION = "redesign_write"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def default_url() -> str:
    return f"sqlite:///{DEFAULT_DB_PATH}"


def resolve_url(url: str | None = None) -> URL:
    """The database to use: ``url`` if given, else $REDESIGN_DB_URL, else var/redesign.db.

    ``postgresql://`` and ``postgres://`` mean psycopg 3 (the driver installed)."""
    text = url or os.environ.get(DB_URL_ENV) or default_url()
    try:
        parsed = sa.make_url(text)
    except sa_exc.ArgumentError:
        raise StoreError(
            "not a database URL; use sqlite:///path/to/file.db or "
            "postgresql+psycopg://user@host:port/database"
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise StoreError(
            f"unsupported database {parsed.drivername!r}; use sqlite:///path/to/file.db or "
            "postgresql+psycopg://user@host:port/database"
        )
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        raise StoreError("the scenario database must be a file (sqlite:///path/to/file.db)")
    return parsed


def shown_url(url: URL) -> str:
    """The URL as a message may show it: never a password."""
    return url.render_as_string(hide_password=True)


def _driver_message(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
    return (lines[0] if lines else type(orig).__name__)[:240]


@dataclass(frozen=True)
class Database:
    """An open, migrated database. Cheap to share between threads and sessions (its engine
    pools connections); ``notices`` says what happened while opening it (e.g. a damaged SQLite
    file set aside), for a page to show."""

    engine: Engine
    url: URL
    notices: tuple[str, ...] = ()

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.url.get_backend_name()

    @property
    def label(self) -> str:
        """Where the scenarios are, as a message may name it (no password)."""
        if self.backend == "sqlite":
            return sqlite_file.shown_path(Path(str(self.url.database)))
        return shown_url(self.url)

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection in a read transaction (a consistent snapshot on SQLite)."""
        with self.translated_errors(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """A connection in one write transaction: all of it commits, or none of it."""
        with self.translated_errors(), self.engine.connect() as conn:
            conn.execution_options(**{_WRITE_OPTION: True})
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def translated_errors(self) -> Iterator[None]:
        """Driver and connection errors as a one-line StoreUnavailable naming the database."""
        try:
            yield
        except sa_exc.DBAPIError as exc:
            raise self._unavailable(exc) from None
        except sa_exc.SQLAlchemyError as exc:
            raise StoreUnavailable(
                f"the scenario database {self.label} failed: {_driver_message(exc)}"
            ) from None

    def _unavailable(self, exc: sa_exc.DBAPIError) -> StoreUnavailable:
        detail = _driver_message(exc)
        if self.backend == "sqlite":
            if exc.orig is not None and sqlite_file.is_corruption(exc.orig):
                return StoreUnavailable(
                    f"the scenario database {self.label} is damaged ({detail}); restart the "
                    "app or run a 'python -m redesign scenarios' command to set it aside and "
                    "start a new one"
                )
            if "locked" in detail or "busy" in detail:
                return StoreUnavailable(
                    f"the scenario database {self.label} stayed busy for "
                    f"{BUSY_TIMEOUT_MS // 1000} s; try again"
                )
            return StoreUnavailable(f"the scenario database {self.label} failed: {detail}")
        if isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError):
            return StoreUnavailable(
                f"the scenario database {self.label} is not reachable: {detail}"
            )
        return StoreUnavailable(f"the scenario database {self.label} failed: {detail}")

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_engine(url: URL) -> Engine:
    engine = sa.create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # SQLAlchemy, not the sqlite3 module, says when a transaction begins (see _on_begin).
        dbapi_conn.isolation_level = None
        for pragma in (
            f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
            "PRAGMA journal_mode = WAL",
            "PRAGMA foreign_keys = ON",
            # FULL: a committed scenario survives a power cut, not only a crashed process.
            "PRAGMA synchronous = FULL",
        ):
            dbapi_conn.execute(pragma)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _postgresql_engine(url: URL) -> Engine:
    return sa.create_engine(
        url,
        pool_pre_ping=True,  # a server restarted since the last use is reconnected, not an error
        connect_args={
            "connect_timeout": PG_CONNECT_TIMEOUT_S,
            "application_name": "redesign-explorer",
        },
    )
