"""Opening the store: connect, set aside a damaged SQLite file, migrate to the newest schema."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from redesign.store import sqlite_file
from redesign.store.db import (
    Clock,
    Database,
    _postgresql_engine,
    _sqlite_engine,
    resolve_url,
    utc_now,
)
from redesign.store.errors import StoreUnavailable
from redesign.store.migrate import ensure_current


def open_database(url: str | None = None, *, clock: Clock = utc_now) -> Database:
    """Connect, set aside a damaged SQLite file, and migrate to the newest schema.

    Raises StoreUnavailable (SchemaTooNew for a database newer than this code) or StoreError
    (a bad URL); never a driver's exception."""
    parsed = resolve_url(url)
    notices: list[str] = []
    if parsed.get_backend_name() == "sqlite":
        path = Path(str(parsed.database)).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(
                "cannot create the folder for the scenario database "
                f"{sqlite_file.shown_path(path)}: {exc.strerror}"
            ) from None
        parsed = parsed.set(database=str(path))
        with sqlite_file.open_lock(path):
            problem = sqlite_file.damage(path)
            if problem is not None:
                moved = sqlite_file.set_aside(path, clock())
                notices.append(
                    f"The scenario database {sqlite_file.shown_path(path)} could not be read "
                    f"({problem}). It was moved aside to {moved.name} and a new, empty one was "
                    "started; the saved scenarios in the old file were not deleted."
                )
            database = Database(_sqlite_engine(parsed), parsed, tuple(notices))
            _migrated(database, ensure_current)
    else:
        database = Database(_postgresql_engine(parsed), parsed)
        _migrated(database, ensure_current)
    return database


def _migrated(database: Database, ensure_current: Callable[[Database], None]) -> None:
    try:
        ensure_current(database)
    except BaseException:
        database.close()
        raise
