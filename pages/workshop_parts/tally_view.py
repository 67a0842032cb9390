"""The live tally: the facilitator's (big, for the projector) and the room's aggregate that
participants see once revealed. Both redraw themselves every few seconds (st.fragment) without
reloading the page; the store tells them whether anything changed (the workshop's revision) and
the tally is computed once per change for every screen of this server (common.cached_tally).
"""

from __future__ import annotations

import streamlit as st

from pages.workshop_parts.common import cached_tally
from redesign.core.formatting import fte, money_m
from redesign.core.text import escape_markdown
from redesign.store import StoreError
from redesign.workshop import Tally, Workshop, WorkshopStore
from redesign.workshop.frames import offers_frame, room_frame
from redesign.workshop.text import answers_phrase, capped_note, sensitivity_sentence

FACILITATOR_EVERY_S = 2
PARTICIPANT_EVERY_S = 4
BASIS_KEY = "ws:basis"


def _current(workshops: WorkshopStore, workshop_id: str) -> Workshop | None:
    try:
        return workshops.workshop(workshop_id)
    except StoreError as exc:
        st.warning(escape_markdown(str(exc)), icon=":material/sync_problem:")
        return None


def _headline(result: Tally, basis_name: str) -> None:
    basis = result.scaled if basis_name == "scaled" else result.room
    with st.container(horizontal=True, gap="small"):
        for label, value in (
            (f"FTE kept of {fte(basis.at_risk_fte)}", fte(basis.retained_fte)),
            ("FTE redundant", fte(basis.redundant_fte)),
            ("Traded income", money_m(basis.traded_income_m)),
            ("Saving", money_m(basis.saving_m)),
        ):
            st.metric(label, value, border=True, width="content")


def _offers(result: Tally, basis_name: str) -> None:
    basis = result.scaled if basis_name == "scaled" else result.room
    st.table(offers_frame(basis).set_index("Offer"))
    notes = ["Days, income and saving are a year's."]
    notes += [capped_note(o) for o in basis.offers if o.capped]
    if result.not_asked:
        notes.append(
            "Offers not asked in this workshop stay at the proposal's assumed buy-back in the "
            "saving."
        )
    if basis_name == "scaled":
        notes.append(
            f"Scaled: each offer's days × ({result.scaled_to:,} schools ÷ the schools that gave "
            "a figure for it). Schools not sure are left out of both."
        )
    # The sensitivity is one of the screen's messages: body size, not a footnote.
    st.markdown(escape_markdown(sensitivity_sentence(result)))
    for note in notes:
        st.caption(escape_markdown(note))


def facilitator_tally(workshops: WorkshopStore, workshop_id: str) -> None:
    """The tally as the facilitator projects it; reruns every FACILITATOR_EVERY_S seconds."""

    @st.fragment(run_every=FACILITATOR_EVERY_S)
    def live() -> None:
        workshop = _current(workshops, workshop_id)
        if workshop is None:
            return
        result = cached_tally(workshops, workshop)
        with st.container(key="ws-answers-in"):
            st.markdown(f"#### {escape_markdown(answers_phrase(result))}")
        if not workshop.revealed:
            st.info(
                "Results are hidden until you reveal them, so that early answers do not steer "
                "later ones. Use **Show the results** when the room is ready.",
                icon=":material/visibility_off:",
            )
            return
        labels = {"room": "The room alone", "scaled": f"Scaled to {result.scaled_to:,} schools"}
        basis_name = st.segmented_control(
            "Figures for",
            list(labels),
            format_func=labels.__getitem__,
            default="room",
            required=True,
            key=BASIS_KEY,
            label_visibility="collapsed",
        )
        basis_name = basis_name or "room"
        _headline(result, basis_name)
        _offers(result, basis_name)

    live()


def room_aggregate(workshops: WorkshopStore, workshop_id: str) -> None:
    """What a participant sees of the room: totals, once the facilitator reveals them."""

    @st.fragment(run_every=PARTICIPANT_EVERY_S)
    def live() -> None:
        workshop = _current(workshops, workshop_id)
        if workshop is None:
            return
        if not workshop.revealed:
            st.caption(
                "The room's results appear here when the facilitator shows them (never any "
                "other school's answer)."
            )
            return
        result = cached_tally(workshops, workshop)
        st.subheader("The room so far")
        st.markdown(escape_markdown(answers_phrase(result)) + ".")
        st.markdown(
            f"The room alone would keep **{fte(result.room.retained_fte)} FTE** of the "
            f"{fte(result.room.at_risk_fte)} at risk; scaled to {result.scaled_to:,} schools, "
            f"**{fte(result.scaled.retained_fte)} FTE**."
        )
        st.table(room_frame(result.room).set_index("Offer"))

    live()
