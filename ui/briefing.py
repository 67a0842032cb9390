"""Briefing pack downloads (PowerPoint and PDF) for a page: ``briefing_downloads(dataset, ...)``.

The packs are made only when a button is pressed, never while a page runs: each button's ``data`` is
a callable (Streamlit's deferred download, 1.67), so moving a slider costs nothing. Streamlit runs that
callable on a worker thread with no script context, so it must not touch ``st.*``: everything it needs
is bound when the page runs. A small cache keyed on the scenario's query string and the day serves a
second press of the same pack at once.

On the buy-back page the scenario is read when the button is pressed, not when the page last ran in
full: the page's controls live in an ``st.fragment``, and a slider move reruns only that fragment, so
a pack bound to the scenario of the last full run would be out of date. ``live_scenario`` wraps a
reader of the page's live state (pages/buyback_parts/state.py ``LiveScenario``) for that.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from redesign import Dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel, Scenario, ScenarioResult
from redesign.buyback.view import scenario_query
from redesign.exports.briefing import FontMissingError, briefing_pdf, briefing_pptx
from redesign.exports.pdf_style import find_font_dir
from ui.blocks import md

PPTX_LABEL = "Briefing pack (PowerPoint)"
PDF_LABEL = "Briefing pack (PDF)"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PDF_MIME = "application/pdf"
CACHE_SIZE = 8
CONTENTS = (
    "headline figures, savings by service and by funding stream, staffing, where the published "
    "figures do not add up"
)

# (scenario, result, link): what a pack is made from, resolved when a button is pressed.
Current = Callable[[], tuple[Scenario | None, ScenarioResult | None, str | None]]

_cache: OrderedDict[tuple[Any, ...], tuple[Dataset, bytes]] = OrderedDict()
_cache_lock = threading.Lock()


def _scenario_key(model: BuybackModel | None, scenario: Scenario | None) -> tuple[Any, ...]:
    if model is None or scenario is None:
        return ()
    return tuple(sorted(sio.to_query(model, scenario).items()))


def pack_bytes(kind: str, dataset: Dataset, current: Current, day: date | None = None) -> bytes:
    """The pack (``kind`` "pptx" or "pdf") for what ``current()`` returns now; cached briefly."""
    scenario, result, link = current()
    day = day or date.today()
    model = BuybackModel(dataset) if scenario is not None else None
    key = (kind, id(dataset), _scenario_key(model, scenario), result, link or "", day)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] is dataset:
            _cache.move_to_end(key)
            return hit[1]
    make = briefing_pptx if kind == "pptx" else briefing_pdf
    data = make(dataset, result, link, day, scenario=scenario)
    with _cache_lock:
        _cache[key] = (dataset, data)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return data


def pdf_font_problem() -> str:
    """Why the PDF cannot be made here ("" when it can): checked when the page runs (cheap)."""
    try:
        find_font_dir()
    except FontMissingError as exc:
        return str(exc)
    return ""


def briefing_downloads(
    dataset: Dataset,
    scenario_result: ScenarioResult | None = None,
    scenario_link: str | None = None,
    *,
    scenario: Scenario | None = None,
    current: Current | None = None,
    key: str = "briefing",
    heading: bool = True,
) -> None:
    """A "Briefing pack" section: a caption of what the pack holds and two download buttons.

    Pass the scenario as values (``scenario_result``, ``scenario_link``, ``scenario``), or
    ``current``, a callable returning them when a button is pressed (it runs off the script
    thread: no ``st.*`` inside). ``key`` must be unique on the page.
    """
    with_scenario = current is not None or scenario_result is not None or scenario is not None
    if current is None:

        def current() -> tuple[Scenario | None, ScenarioResult | None, str | None]:
            return scenario, scenario_result, scenario_link

    if heading:
        st.header("Briefing pack", anchor="briefing-pack")
    extra = "; this scenario as set when you press the button, with its link and assumptions"
    st.caption(
        md(
            f"For cabinet briefings: {CONTENTS}{extra if with_scenario else ''}; sources and "
            "glossary. PowerPoint 16:9 or PDF A4 landscape. Proposals, not decisions."
        )
    )
    stamp = date.today().isoformat()
    name = f"redesign-explorer-briefing{'-buyback-scenario' if with_scenario else ''}-{stamp}"
    font_problem = pdf_font_problem()
    left, right = st.columns(2)
    with left:
        st.download_button(
            PPTX_LABEL,
            data=lambda: pack_bytes("pptx", dataset, current),
            file_name=f"{name}.pptx",
            mime=PPTX_MIME,
            key=f"{key}:pptx",
            icon=":material/slideshow:",
            on_click="ignore",
            width="stretch",
        )
    with right:
        st.download_button(
            PDF_LABEL,
            data=lambda: pack_bytes("pdf", dataset, current),
            file_name=f"{name}.pdf",
            mime=PDF_MIME,
            key=f"{key}:pdf",
            icon=":material/picture_as_pdf:",
            on_click="ignore",
            width="stretch",
            disabled=bool(font_problem),
            help=md(font_problem) if font_problem else None,
        )
    if font_problem:
        st.caption(md(f"The PDF is not available here: {font_problem}"))


# --- the buy-back page ----------------------------------------------------------------------------


def live_scenario(read: Callable[[], tuple[BuybackModel, Scenario]], base_url: str) -> Current:
    """A ``current`` callable for the pack: the model and scenario ``read()`` gives when a button is
    pressed (the page's live state, not the values of its last full run), and their link."""

    def current() -> tuple[Scenario | None, ScenarioResult | None, str | None]:
        model, scenario = read()
        link = f"{base_url}?{scenario_query(model, scenario)}"
        return scenario, model.evaluate(scenario), link

    return current
