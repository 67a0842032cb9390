"""Shared fixtures: the real data folder, a throwaway copy to break, and the source documents."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCES = ROOT / "sources"


def normalise(text: str) -> str:
    """Collapse whitespace (the sources are PDF extractions with hard line breaks)."""
    return re.sub(r"\s+", " ", text).strip()


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
