"""Alembic, run from code: bring a database to the newest schema, or refuse one that is newer.

Opening checks the revision with a read; only when it is behind does it take the write lock
(``BEGIN IMMEDIATE`` on SQLite, plus the open lock in db.py; a transaction-scoped advisory lock on
PostgreSQL), look again, and upgrade inside that one transaction. So processes opening a fresh
database at once migrate it once, and the others wait and find it current."""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from redesign.store.db import Database
from redesign.store.errors import SchemaTooNew

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any fixed 64-bit number, the same in every process of every version of the app.
PG_MIGRATION_LOCK = 0x5245_4445_5349_474E  # "REDESIGN"


@functools.cache
def _script() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS_DIR))


def revisions() -> tuple[str, ...]:
    """Every revision this code knows, oldest first."""
    return tuple(reversed([s.revision for s in _script().walk_revisions()]))


def head() -> str:
    rev = _script().get_current_head()
    assert rev is not None, "no migrations found"
    return rev


def current(conn: Connection) -> tuple[str, ...]:
    """The database's revision(s); empty for a database the store has never opened."""
    return tuple(MigrationContext.configure(conn).get_current_heads())


def upgrade(conn: Connection, target: str = "head") -> None:
    """Run the migrations up to ``target`` on ``conn``, inside its open transaction."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = conn
    command.upgrade(config, target)


def _refuse_unknown(found: tuple[str, ...]) -> None:
    known = set(revisions())
    unknown = [rev for rev in found if rev not in known]
    if unknown:
        raise SchemaTooNew(
            f"the scenario database is at schema revision {unknown[0]}, newer than this version "
            f"of Redesign Explorer knows (newest known: {head()}); upgrade the app"
        )


def ensure_current(database: Database) -> None:
    """Upgrade ``database`` to the newest schema; SchemaTooNew if it is ahead of this code."""
    newest = (head(),)
    with database.read() as conn:
        found = current(conn)
    _refuse_unknown(found)
    if found == newest:
        return
    with database.write() as conn:
        if database.backend == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_MIGRATION_LOCK})")
        found = current(conn)
        _refuse_unknown(found)
        if found != newest:
            upgrade(conn)
