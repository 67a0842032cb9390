"""The SQLite file itself: a lock that serialises opening it across processes, and setting a
damaged file aside (renamed with a timestamp) so that a fresh one can take its place."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from redesign.store.errors import StoreUnavailable

try:  # POSIX; elsewhere opening relies on SQLite's own locking alone
    import fcntl
except ImportError:  # pragma: no cover - not on this project's machines
    fcntl = None  # type: ignore[assignment]

# SQLite's primary result codes for a damaged file (extended codes share the low byte).
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
CORRUPT_CODES = (SQLITE_CORRUPT, SQLITE_NOTADB)
# The companions SQLite keeps beside a database in WAL mode.
COMPANIONS = ("-wal", "-shm", "-journal")
LOCK_SUFFIX = ".open-lock"
OPEN_LOCK_TIMEOUT_S = 60.0
_REPO_ROOT = Path(__file__).resolve().parent.parent.parent


def shown_path(path: Path) -> str:
    """A database file as a message may name it: relative to the app (var/redesign.db), or, for
    a file elsewhere, its name alone, so that a page never shows the server's file paths."""
    try:
        return path.resolve().relative_to(_REPO_ROOT).as_posix()
    except (OSError, ValueError):
        return path.name


def is_corruption(exc: BaseException) -> bool:
    """True for SQLite's 'file is not a database' and 'database disk image is malformed'.

    'database is locked' is a DatabaseError too, and must never be taken for damage."""
    code = getattr(exc, "sqlite_errorcode", None)
    return (
        isinstance(exc, sqlite3.DatabaseError)
        and code is not None
        and code & 0xFF in (CORRUPT_CODES)
    )


@contextlib.contextmanager
def open_lock(db_path: Path, timeout_s: float = OPEN_LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold an exclusive lock on ``<db>.open-lock`` while the database is checked and migrated,
    so that processes opening it at once neither migrate it twice nor set aside each other's
    fresh file. The lock goes with the process, however it ends."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    lock_path = db_path.with_name(db_path.name + LOCK_SUFFIX)
    try:
        handle = open(lock_path, "a+b")  # noqa: SIM115 - held until the block ends
    except OSError as exc:
        raise StoreUnavailable(
            f"cannot open {shown_path(lock_path)} to lock the scenario database: {exc.strerror}"
        ) from None
    with handle:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreUnavailable(
                        f"the scenario database {shown_path(db_path)} has been locked by another process "
                        f"for over {timeout_s:g} s while it opened it; try again"
                    ) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def damage(db_path: Path) -> str | None:
    """Why the file at ``db_path`` is not a usable SQLite database, or None if it is (or is
    absent or empty, which SQLite treats as a new database)."""
    if not db_path.exists() or (db_path.is_file() and db_path.stat().st_size == 0):
        return None
    if not db_path.is_file():
        raise StoreUnavailable(f"the scenario database path {shown_path(db_path)} is not a file")
    try:
        conn = sqlite3.connect(db_path, timeout=30)
    except sqlite3.Error as exc:
        raise StoreUnavailable(
            f"cannot open the scenario database {shown_path(db_path)}: {exc}"
        ) from None
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            return str(exc)
        raise StoreUnavailable(
            f"cannot read the scenario database {shown_path(db_path)}: {exc}"
        ) from None
    finally:
        conn.close()
    found = [str(row[0]) for row in rows]
    if found != ["ok"]:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        return f"integrity check failed: {found[0][:120]}{more}"
    return None


def set_aside(db_path: Path, now: datetime) -> Path:
    """Rename the file (and its -wal/-shm/-journal companions) to ``<name>.corrupt-<timestamp>``;
    returns the new path. Nothing is deleted: the file may still be rescued by hand."""
    stamp = now.strftime("%Y%m%dT%H%M%S")
    target = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = db_path.with_name(f"{db_path.name}.corrupt-{stamp}-{n}")
    try:
        db_path.rename(target)
        for suffix in COMPANIONS:
            companion = db_path.with_name(db_path.name + suffix)
            if companion.exists():
                companion.rename(target.with_name(target.name + suffix))
    except OSError as exc:
        raise StoreUnavailable(
            f"the scenario database {shown_path(db_path)} is damaged and could not be moved aside: "
            f"{exc.strerror}"
        ) from None
    return target
