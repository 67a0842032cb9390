"""Where the project's folders are, and the whitespace rule for comparing with the sources."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SOURCES = ROOT / "sources"


def normalise(text: str) -> str:
    """Collapse whitespace (the sources are PDF extractions with hard line breaks)."""
    return re.sub(r"\s+", " ", text).strip()
