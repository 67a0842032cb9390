"""The scenario store for the pages: one Database per server process, shared by every session.

``scenario_store(model, digest)`` gives a ScenarioStore bound to the session's buy-back model and
the data's digest, or raises StoreUnavailable with a one-line message that a page shows in place of
its library controls (every other part of every page works without the store).

The database ($REDESIGN_DB_URL, else var/redesign.db) is opened, checked and migrated once per
process (a damaged SQLite file is set aside then, and ``notices`` says so), and scenarios deleted
over KEEP_DELETED ago are purged then and once a day after. A database that cannot be opened is
tried again after RETRY_AFTER_S, not on every run of every session: a PostgreSQL server that does
not answer would otherwise hold each run for its connect timeout.
"""

from __future__ import annotations

import os
import threading
import time
from datetime import timedelta

import streamlit as st

from redesign.buyback.model import BuybackModel
from redesign.store import (
    DB_URL_ENV,
    KEEP_DELETED,
    Database,
    ScenarioStore,
    StoreError,
    StoreUnavailable,
    open_database,
    purge_deleted,
    utc_now,
)

RETRY_AFTER_S = 15.0
PURGE_EVERY = timedelta(days=1)


class _Opener:
    """Opens the database at ``url`` once; remembers a failure for RETRY_AFTER_S."""

    def __init__(self, url: str) -> None:
        self._url = url or None
        self._lock = threading.Lock()
        self._database: Database | None = None
        self._failure: str | None = None
        self._failed_at = 0.0
        self._purged_at = utc_now() - PURGE_EVERY

    def database(self) -> Database:
        with self._lock:
            if self._database is None:
                self._open()
            assert self._database is not None
            self._purge_when_due(self._database)
            return self._database

    def _open(self) -> None:
        if self._failure is not None and time.monotonic() - self._failed_at < RETRY_AFTER_S:
            raise StoreUnavailable(self._failure)
        try:
            self._database = open_database(self._url)
            self._failure = None
        except StoreError as exc:
            self._fail(str(exc))
        except Exception as exc:  # a page never shows a traceback; the library says what failed
            self._fail(f"the scenario database could not be opened: {type(exc).__name__}")

    def _fail(self, message: str) -> None:
        self._failure = message
        self._failed_at = time.monotonic()
        raise StoreUnavailable(message) from None

    def _purge_when_due(self, database: Database) -> None:
        now = utc_now()
        if now - self._purged_at < PURGE_EVERY:
            return
        self._purged_at = now
        # A purge that fails (the database busy a moment) waits for the next day; the library
        # itself reports errors when it is used.
        try:
            purge_deleted(database, now - KEEP_DELETED)
        except StoreError:
            return


@st.cache_resource(show_spinner=False, max_entries=4)
def _opener(url: str) -> _Opener:
    return _Opener(url)


def database() -> Database:
    """The process's Database for $REDESIGN_DB_URL (read on every call, so a test can point each
    app at its own file); StoreUnavailable when it cannot be used."""
    return _opener(os.environ.get(DB_URL_ENV, "")).database()


def scenario_store(model: BuybackModel, data_digest: str) -> ScenarioStore:
    """A ScenarioStore for this run (cheap: the Database is shared)."""
    return ScenarioStore(database(), model, data_digest)
