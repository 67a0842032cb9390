"""Shared fixtures: the real data folder, a throwaway copy to break, and the source documents."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.paths import DATA, normalise


@pytest.fixture(scope="session")
def session_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A scenario database for the whole test session (an SQLite file in a temporary folder)."""
    return f"sqlite:///{tmp_path_factory.mktemp('scenario_db') / 'redesign.db'}"


@pytest.fixture(autouse=True)
def _scenario_db_not_var(monkeypatch: pytest.MonkeyPatch, session_db_url: str) -> None:
    """No test touches var/redesign.db: the app (AppTest runs it in this process) and the CLI
    find $REDESIGN_DB_URL pointing at a temporary file. A test may point it elsewhere."""
    from redesign.store import DB_URL_ENV

    monkeypatch.setenv(DB_URL_ENV, session_db_url)


@pytest.fixture(scope="session")
def dataset():
    from redesign import load_dataset

    return load_dataset(DATA)


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ for tests that break one thing."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def source_texts() -> dict[str, str]:
    """Each source document's text (sources/, as data/sources.yaml declares), whitespace collapsed."""
    from redesign.data.source_files import load_source_texts

    return {doc: normalise(t.text) for doc, t in load_source_texts(DATA).items()}
