"""Scenarios that come from outside the page: a saved scenario file opened here (checked before
use; a bad one changes nothing), and the notices on what a link asked for that could not be used."""

from __future__ import annotations

import streamlit as st

from redesign import DataError
from redesign.buyback import scenario_io as sio
from redesign.core.text import plain_text
from ui.blocks import md

from . import state as bs

MAX_NOTICES = 8
MAX_PROBLEMS = 12


def _listed(items: list[str], limit: int) -> str:
    """Up to ``limit`` items as a Markdown list, then how many more there are."""
    shown = items[:limit]
    more = len(items) - len(shown)
    return "\n".join(f"- {md(item)}" for item in shown) + (
        f"\n- …and {more} more." if more > 0 else ""
    )


def on_upload() -> None:
    """Validate an uploaded scenario file; on any problem keep the current scenario."""
    ss = st.session_state
    uploaded = ss.get(bs.upload_key())
    if uploaded is None:
        return
    label = plain_text(str(uploaded.name))[:80] or "uploaded file"
    try:
        new = sio.from_yaml(bs.model(), uploaded.getvalue(), label)
    except DataError as exc:
        ss[bs.UPLOAD] = ([str(p) for p in exc.problems], label)
        return
    bs.set_scenario(new)
    ss[bs.UPLOAD] = ([], label)
    ss[bs.UPLOAD_GEN] = ss.get(bs.UPLOAD_GEN, 0) + 1  # a fresh, empty uploader


def upload_section() -> None:
    st.header("Open a scenario file", anchor="open")
    st.file_uploader(
        "Upload a scenario file saved from this page (.yaml or .yml; files over 64 KB are refused)",
        type=["yaml", "yml"],
        key=bs.upload_key(),
        on_change=on_upload,
        help="A file saved with “Download scenario (YAML)”. It is checked before use; if"
        " anything is wrong, nothing changes.",
    )
    problems, label = st.session_state.pop(bs.UPLOAD, ((), ""))
    if problems:
        st.error(
            f"“{md(label)}” was not used: the scenario above is unchanged."
            f" {len(problems)} problem{'s' if len(problems) != 1 else ''} found:\n\n"
            + _listed(list(problems), MAX_PROBLEMS),
            icon=":material/error:",
        )
    elif label:
        st.success(f"Opened “{md(label)}”.", icon=":material/check:")


def link_notices() -> None:
    """What was wrong with the link the page was opened with (until the scenario changes)."""
    notices = st.session_state.get(bs.NOTICES) or []
    if notices:
        st.warning(
            "Some settings in the link could not be used as given:\n\n"
            + _listed(list(notices), MAX_NOTICES),
            icon=":material/link_off:",
        )
