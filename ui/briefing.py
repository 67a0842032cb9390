"""Briefing pack downloads (PDF, PowerPoint, Excel) for every page: ``briefing_downloads(dataset,
page=...)``; the service page adds its one-page service sheet (``service_sheet_download``).

A page passes what it has (its name, its service, its waterfall view); the buy-back page passes its
scenario and comparison list, read when a button is pressed. The files are made only then, never
while a page runs: each button's ``data`` is a callable (Streamlit's deferred download, 1.67), so
moving a slider costs nothing. Streamlit runs that callable on a worker thread with no script
context, so it must not touch ``st.*``: everything it needs is bound when the page runs. A small
cache keyed on the request serves a second press of the same pack at once.

On the buy-back page the scenario is read when a button is pressed, not when the page last ran in
full: the page's controls live in an ``st.fragment``, and a slider move reruns only that fragment,
so a pack bound to the scenario of the last full run would be out of date. ``live_scenario`` wraps
a reader of the page's live state for that.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

import streamlit as st

from redesign import Dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel, Scenario
from redesign.exports.briefing import (
    FontMissingError,
    NamedScenario,
    PackRequest,
    briefing_pdf,
    briefing_pptx,
    briefing_xlsx,
)
from redesign.exports.pack.request import scenario_link
from redesign.exports.pdf.style import find_font_dir
from redesign.exports.sheet.pdf import service_sheet_pdf
from ui.blocks import md

PPTX_LABEL = "Briefing pack (PowerPoint)"
PDF_LABEL = "Briefing pack (PDF)"
XLSX_LABEL = "Briefing pack (Excel)"
SHEET_LABEL = "Service sheet (PDF, one page)"
MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAKERS: dict[str, Callable[[Dataset, PackRequest], bytes]] = {
    "pptx": briefing_pptx,
    "pdf": briefing_pdf,
    "xlsx": briefing_xlsx,
}
CACHE_SIZE = 8
CONTENTS = (
    "the service figures, the savings waterfall, staffing, where the published figures do not "
    "add up, the sources and the glossary"
)

# What a pack is made from, resolved when a button is pressed.
Current = Callable[[], PackRequest]

_cache: OrderedDict[tuple[Any, ...], tuple[Dataset, bytes]] = OrderedDict()
_cache_lock = threading.Lock()


def _scenario_key(model: BuybackModel, scenario: Scenario | None) -> tuple[Any, ...]:
    if scenario is None:
        return ()
    return tuple(sorted(sio.to_query(model, scenario).items()))


def request_key(dataset: Dataset, request: PackRequest) -> tuple[Any, ...]:
    """A hashable key for a request (its scenarios by their links' parameters)."""
    model = BuybackModel(dataset)
    return (
        _scenario_key(model, request.scenario),
        request.link,
        tuple(
            (c.name, c.origin, c.saved_id, _scenario_key(model, c.scenario))
            for c in request.compared
        ),
        request.page,
        request.service_id,
        request.waterfall_view,
        request.waterfall_category,
        request.generated_on,
    )


def pack_bytes(kind: str, dataset: Dataset, current: Current) -> bytes:
    """The pack (``kind`` "pptx", "pdf" or "xlsx") for what ``current()`` returns now; cached."""
    request = current()
    key = (kind, id(dataset), request_key(dataset, request))
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] is dataset:
            _cache.move_to_end(key)
            return hit[1]
    data = MAKERS[kind](dataset, request)
    with _cache_lock:
        _cache[key] = (dataset, data)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return data


def pdf_font_problem() -> str:
    """Why a PDF cannot be made here ("" when it can): checked when the page runs (cheap)."""
    try:
        find_font_dir()
    except FontMissingError as exc:
        return str(exc)
    return ""


def briefing_downloads(
    dataset: Dataset,
    *,
    page: str = "overview",
    service_id: str = "",
    waterfall_view: str = "service",
    waterfall_category: str = "",
    current: Current | None = None,
    key: str = "briefing",
    heading: bool = True,
) -> None:
    """A "Briefing pack" section: what the pack holds and three download buttons.

    ``page`` and its settings say what the pack adds after the scenario (the service page its
    service, the SEN page its tables); ``current``, a callable returning the request when a
    button is pressed (it runs off the script thread: no ``st.*`` inside), gives a scenario.
    ``key`` must be unique on the page."""
    base = PackRequest(
        page=page,
        service_id=service_id,
        waterfall_view=waterfall_view,
        waterfall_category=waterfall_category,
    )
    if current is None:

        def current() -> PackRequest:
            return replace(base, generated_on=date.today())

    if heading:
        st.header("Briefing pack", anchor="briefing-pack")
    lead = (
        "the buy-back scenario as set when you press a button (its figures, its two charts, its "
        "link and assumptions), the scenarios in the comparison, then "
        if page == "buyback"
        else ""
    )
    st.caption(
        md(
            f"For cabinet briefings: {lead}{CONTENTS}. PowerPoint 16:9, PDF A4 landscape or an "
            "Excel workbook of the same figures. Proposals, not decisions."
        )
    )
    stamp = date.today().isoformat()
    name = f"redesign-explorer-briefing-{page}{f'-{service_id}' if service_id else ''}-{stamp}"
    font_problem = pdf_font_problem()
    buttons = (
        ("pdf", PDF_LABEL, ":material/picture_as_pdf:"),
        ("pptx", PPTX_LABEL, ":material/slideshow:"),
        ("xlsx", XLSX_LABEL, ":material/table_view:"),
    )
    for column, (kind, label, icon) in zip(st.columns(3), buttons, strict=True):
        with column:
            st.download_button(
                label,
                data=_maker(kind, dataset, current),
                file_name=f"{name}.{kind}",
                mime=MIME[kind],
                key=f"{key}:{kind}",
                icon=icon,
                on_click="ignore",
                width="stretch",
                disabled=kind == "pdf" and bool(font_problem),
                help=md(font_problem) if kind == "pdf" and font_problem else None,
            )
    if font_problem:
        st.caption(md(f"The PDF is not available here: {font_problem}"))


def _maker(kind: str, dataset: Dataset, current: Current) -> Callable[[], bytes]:
    return lambda: pack_bytes(kind, dataset, current)


def service_sheet_download(dataset: Dataset, service_id: str, name: str) -> None:
    """The one-page service sheet for headteachers (A4 PDF), made when the button is pressed."""
    font_problem = pdf_font_problem()
    st.download_button(
        SHEET_LABEL,
        data=lambda: service_sheet_pdf(dataset, service_id),
        file_name=f"service-sheet-{service_id}-{date.today().isoformat()}.pdf",
        mime=MIME["pdf"],
        key="service_sheet",
        icon=":material/description:",
        on_click="ignore",
        disabled=bool(font_problem),
        help=md(
            font_problem
            or f"{name} on one A4 page: before and after in money and posts, what changes, what "
            "schools said, where its figures do not add up, and the sources."
        ),
    )


# --- the buy-back page ----------------------------------------------------------------------------


def live_scenario(
    read: Callable[[], tuple[BuybackModel, Scenario]],
    base_url: str,
    compared: Sequence[NamedScenario] = (),
) -> Current:
    """A ``current`` callable for the buy-back page's pack: the model and scenario ``read()`` gives
    when a button is pressed (the page's live state, pages/buyback_parts/state.py
    ``LiveScenario``, not the values of its last full run), and the scenarios compared (they
    change only on full runs, so they are bound when the page runs)."""
    named = tuple(compared)

    def current() -> PackRequest:
        model, scenario = read()
        return PackRequest(
            scenario=scenario,
            link=scenario_link(model, scenario, base_url),
            compared=named,
            page="buyback",
            generated_on=date.today(),
        )

    return current
