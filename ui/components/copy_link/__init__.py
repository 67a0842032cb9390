"""A link to copy: the link in full, and a "Copy link" button (Streamlit Components v2).

Why not ``st.code``: its element loads Streamlit's syntax highlighter (Prism and its languages)
to show one plain line, and on the buy-back page, whose share box and library hold such links,
that cost more of the first load than anything but plotly.js (bench/README.md, "First screen").
This draws the link as text (selectable, wrapped) with a button that copies it, says so in a
polite live region, and falls back to selecting the link where the browser refuses the clipboard.

``copy_link(link, key=..., label=...)``; AppTest sees each as a custom component element whose
data holds the link and label (tests/support/links.py reads them).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.components import component_css

_HERE = Path(__file__).resolve().parent
NAME = "redesign_explorer.copy_link"
_COMPONENT = st.components.v2.component(
    NAME,
    js=(_HERE / "link.js").read_text(encoding="utf-8"),
    css=component_css(_HERE / "link.css"),
    isolate_styles=False,
)


def copy_link(link: str, *, key: str, label: str = "Link") -> None:
    """Show ``link`` with a button that copies it; ``label`` names the link for a screen reader
    ("Copy link" is the button's text, "Copy link: <label>" its accessible name)."""
    _COMPONENT(key=key, data={"link": link, "label": label})
