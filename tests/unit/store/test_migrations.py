"""Schema versions: an older database is migrated forward on open, a newer one is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from redesign import Dataset
from redesign.store import SchemaTooNew, StoreUnavailable, migrate, open_database, open_store


def _engine(url: str) -> sa.Engine:
    return sa.create_engine(url)


def test_the_migrations_form_one_line_of_history():
    revisions = migrate.revisions()
    assert len(revisions) >= 2
    assert revisions[-1] == migrate.head()


def test_an_older_database_is_migrated_on_open(db_url: str, dataset: Dataset):
    first = migrate.revisions()[0]
    engine = _engine(db_url)
    if engine.dialect.name == "sqlite":
        Path(str(engine.url.database)).parent.mkdir(parents=True, exist_ok=True)
    try:
        with engine.begin() as conn:
            migrate.upgrade(conn, first)
            assert migrate.current(conn) == (first,)
            now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
            conn.execute(
                sa.text(
                    "INSERT INTO scenarios (id, name, note, author, saved_at, updated_at, levels,"
                    " assumptions, data_digest, retained_fte, redundant_fte, traded_income_m,"
                    " saving_m) VALUES ('oldrow000001', 'From the first schema', '', '', :t, :t,"
                    " :levels, '{}', 'olddigest', 1.5, 2.5, 0.25, 0.75)"
                ),
                {
                    "t": now if engine.dialect.name == "postgresql" else "2026-01-02 03:04:05",
                    "levels": json.dumps({g.id: 0.6 for g in dataset.sen_support.groups}),
                },
            )
    finally:
        engine.dispose()
    store = open_store(dataset, db_url)
    try:
        with store.database.read() as conn:
            assert migrate.current(conn) == (migrate.head(),)
            indexes = {ix["name"] for ix in sa.inspect(conn).get_indexes("scenarios")}
        assert {"ix_scenarios_live", "ix_scenarios_saved_at_id"} <= indexes
        old = store.get("oldrow000001")
        assert old.name == "From the first schema"
        assert old.saved_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
        assert (old.retained_fte, old.saving_m) == (1.5, 0.75)
        assert old.problem is None
        check = store.data_check(old)
        assert check.data_changed and check.saved_digest == "olddigest"
        assert check.now.retained_fte != old.retained_fte
    finally:
        store.database.close()


def test_a_newer_database_is_refused(db_url: str, dataset: Dataset):
    open_database(db_url).close()
    engine = _engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    finally:
        engine.dispose()
    with pytest.raises(SchemaTooNew) as caught:
        open_store(dataset, db_url)
    message = str(caught.value)
    assert isinstance(caught.value, StoreUnavailable)
    assert "schema revision 9999_from_the_future, newer than this version" in message
    assert "upgrade the app" in message and "\n" not in message
    # Refused, not touched: the revision is still the newer one.
    engine = _engine(db_url)
    try:
        with engine.connect() as conn:
            assert migrate.current(conn) == ("9999_from_the_future",)
    finally:
        engine.dispose()


def test_opening_a_current_database_writes_nothing(db_url: str):
    open_database(db_url).close()
    database = open_database(db_url)
    try:
        with database.read() as conn:
            assert migrate.current(conn) == (migrate.head(),)
    finally:
        database.close()
