"""A damaged SQLite file (garbage, truncated, failing quick_check) is set aside with a timestamp,
a fresh database takes its place, and the store says so. PostgreSQL down: a clear one-line error.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest

from redesign import Dataset
from redesign.store import StoreUnavailable, open_database, open_store
from redesign.store.sqlite_file import damage
from tests.support.stores import FakeClock

CORRUPT_NAME = re.compile(r"redesign\.db\.corrupt-\d{8}T\d{6}$")


def _filled(path: Path, dataset: Dataset, count: int = 200) -> None:
    store = open_store(dataset, f"sqlite:///{path}")
    for i in range(count):
        store.save(f"scenario {i} " + "x" * 40, store.model.uniform(i % 15 / 10), note="n" * 500)
    store.database.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _garbage(path: Path, dataset: Dataset) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def _truncated(path: Path, dataset: Dataset) -> None:
    _filled(path, dataset)
    os.truncate(path, path.stat().st_size // 2)


def _bad_page(path: Path, dataset: Dataset) -> None:
    """A file whose header is intact but one of its table pages is overwritten."""
    _filled(path, dataset)
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page + 8 : 3 * page + 400] = os.urandom(392)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("spoil", [_garbage, _truncated, _bad_page], ids=lambda f: f.__name__)
def test_a_damaged_file_is_set_aside_and_a_fresh_one_works(
    tmp_path: Path, dataset: Dataset, clock: FakeClock, spoil
):
    path = tmp_path / "redesign.db"
    spoil(path, dataset)
    spoiled = path.read_bytes()
    assert damage(path) is not None
    store = open_store(dataset, f"sqlite:///{path}", clock=clock)
    try:
        aside = [p for p in tmp_path.iterdir() if CORRUPT_NAME.match(p.name)]
        assert [p.name for p in aside] == ["redesign.db.corrupt-20261124T090000"]
        assert aside[0].read_bytes() == spoiled, "the damaged file is kept as it was"
        (notice,) = store.notices
        assert "could not be read" in notice and "redesign.db.corrupt-20261124T090000" in notice
        assert store.count(include_deleted=True) == 0
        saved = store.save("after the damage", store.model.default_scenario())
        assert store.get(saved.id).name == "after the damage"
    finally:
        store.database.close()
    again = open_store(dataset, f"sqlite:///{path}", clock=clock)
    try:
        assert again.notices == () and again.count() == 1
    finally:
        again.database.close()


def test_two_damaged_files_in_one_second_are_both_kept(tmp_path: Path, dataset, clock):
    path = tmp_path / "redesign.db"
    for _ in range(2):
        path.write_bytes(b"not a database" * 100)
        open_database(f"sqlite:///{path}", clock=clock).close()
    names = sorted(p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name)
    assert names == ["redesign.db.corrupt-20261124T090000", "redesign.db.corrupt-20261124T090000-2"]


def test_an_empty_file_is_a_new_database_not_damage(tmp_path: Path, dataset: Dataset):
    path = tmp_path / "redesign.db"
    path.touch()
    database = open_database(f"sqlite:///{path}")
    try:
        assert database.notices == ()
    finally:
        database.close()


def test_damage_found_while_open_is_a_clear_error(tmp_path: Path, dataset: Dataset):
    path = tmp_path / "redesign.db"
    store = open_store(dataset, f"sqlite:///{path}")
    try:
        store.database.engine.dispose()
        path.write_bytes(b"garbage" * 2000)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        with pytest.raises(StoreUnavailable, match=r"is damaged .* set it aside"):
            store.list()
    finally:
        store.database.close()


def test_a_folder_in_place_of_the_file_is_reported(tmp_path: Path):
    (tmp_path / "redesign.db").mkdir()
    with pytest.raises(StoreUnavailable, match="is not a file"):
        open_database(f"sqlite:///{tmp_path / 'redesign.db'}")


def test_postgresql_down_is_a_clear_error():
    # Port 1 on the loopback: nothing listens there.
    with pytest.raises(StoreUnavailable) as caught:
        open_database("postgresql+psycopg://someone:secret@127.0.0.1:1/redesign")
    message = str(caught.value)
    assert message.startswith("the scenario database postgresql+psycopg://someone:***@127.0.0.1:1")
    assert "is not reachable" in message
    assert "secret" not in message and "\n" not in message


def test_messages_name_the_file_not_the_server_path(tmp_path: Path, dataset: Dataset):
    path = tmp_path / "deep" / "library.db"
    path.parent.mkdir()
    path.write_bytes(b"not a database" * 100)
    database = open_database(f"sqlite:///{path}")
    try:
        (notice,) = database.notices
        assert "The scenario database library.db could not be read" in notice
        assert str(tmp_path) not in notice
        assert database.label == "library.db"
    finally:
        database.close()
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StoreUnavailable) as caught:
        open_database(f"sqlite:///{tmp_path / 'dir.db'}")
    assert str(tmp_path) not in str(caught.value)
