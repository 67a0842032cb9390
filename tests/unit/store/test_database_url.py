"""Which database: an explicit URL, else $REDESIGN_DB_URL, else var/redesign.db in the repo."""

from __future__ import annotations

import pytest

from redesign.store import DB_URL_ENV, StoreError, resolve_url
from redesign.store.db import DEFAULT_DB_PATH, REPO_ROOT


def test_default_is_var_redesign_db_in_the_repo(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(DB_URL_ENV, raising=False)
    url = resolve_url()
    assert url.drivername == "sqlite"
    assert url.database == str(REPO_ROOT / "var" / "redesign.db") == str(DEFAULT_DB_PATH)


def test_environment_then_explicit(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(DB_URL_ENV, "sqlite:////tmp/from-env.db")
    assert resolve_url().database == "/tmp/from-env.db"
    assert resolve_url("sqlite:////tmp/explicit.db").database == "/tmp/explicit.db"


@pytest.mark.parametrize(
    "given", ["postgresql://u@h/db", "postgres://u@h/db", "postgresql+psycopg://u@h/db"]
)
def test_postgresql_means_psycopg_3(given: str):
    assert resolve_url(given).drivername == "postgresql+psycopg"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("not a url", "not a database URL"),
        ("mysql://u@h/db", "unsupported database 'mysql'"),
        ("postgresql+psycopg2://u@h/db", "unsupported database"),
        ("sqlite://", "must be a file"),
        ("sqlite:///:memory:", "must be a file"),
    ],
)
def test_unusable_urls_are_refused_in_one_line(given: str, expected: str):
    with pytest.raises(StoreError, match=expected) as caught:
        resolve_url(given)
    assert "\n" not in str(caught.value)


def test_the_default_file_is_named_relative_to_the_app():
    from redesign.store.sqlite_file import shown_path

    assert shown_path(DEFAULT_DB_PATH) == "var/redesign.db"
