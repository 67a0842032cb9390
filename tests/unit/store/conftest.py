"""The store fixtures (tests/support/stores.py): every store test runs on SQLite and PostgreSQL."""

from tests.support.stores import FakeClock, clock, db_url, model, pg_session_url, store

__all__ = ["FakeClock", "clock", "db_url", "model", "pg_session_url", "store"]
