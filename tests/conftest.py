"""Shared fixtures: the real data folder, a throwaway copy to break, and the seeds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


def normalise(text: str) -> str:
    """Collapse whitespace (the seeds are PDF extractions with hard line breaks)."""
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
def seed_texts() -> dict[str, str]:
    files = {
        "cabinet_appendix": SEEDS / "000_d9478137a5ab7b54.txt",
        "foi_sen": SEEDS / "003_f66a71fcef483409.txt",
    }
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        pytest.fail(
            f"seed documents not found (expected ../shared/seeds beside the repo): {missing}"
        )
    return {doc: normalise(path.read_text(encoding="utf-8")) for doc, path in files.items()}
