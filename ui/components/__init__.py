"""Streamlit custom components of this app (Components v2), each in its own folder."""

from __future__ import annotations

from pathlib import Path

_SHARED_CSS = Path(__file__).resolve().parent / "shared.css"


def component_css(own: Path) -> str:
    """A component's CSS: the rules the app's components share (shared.css), then its own."""
    return _SHARED_CSS.read_text(encoding="utf-8") + "\n" + own.read_text(encoding="utf-8")
