"""The participant's screen (``?join=<code>``), made for a phone: what the school would buy, sent
with a clear "received", changeable while the workshop is open.

After the first answer the participant's token goes into the address (``&me=<token>``) as well as
the session, so a reload keeps the right to change that answer, and only that one. Nothing here
shows another school's answer, or any key of the facilitator's.
"""

from __future__ import annotations

import streamlit as st

from pages.workshop_parts.common import PHONE_CSS, client, setup
from pages.workshop_parts.tally_view import room_aggregate
from redesign.buyback.text import in_sentence
from redesign.core.text import escape_markdown
from redesign.store import StoreError
from redesign.workshop import (
    CONTRACT_YEARS,
    MAX_COMMENT_CHARS,
    MAX_SCHOOL_CHARS,
    PHASES,
    UNIT_LABELS,
    Answer,
    AnswerRefused,
    OfferInput,
    Participant,
    Workshop,
    WorkshopStore,
    make_answer,
    normal_code,
    offers,
)
from redesign.workshop.text import NOT_BINDING, days_text, offer_line, offer_name

JOINED = "ws:joined"  # (code, workshop id) once the code was accepted
TOKEN = "ws:token"
PREFILLED = "ws:prefilled"
RECEIVED = "ws:received"
NOT_SENT = "ws:not_sent"
ME = "me"


def _join_typed() -> None:
    typed = str(st.session_state.get("ws:typed_code", ""))
    st.query_params.clear()
    st.query_params["join"] = normal_code(typed) or typed.strip()[:20]
    st.session_state.pop(JOINED, None)


def code_form(problem: str | None = None) -> None:
    """Type a join code (also on the create screen, for those who arrive without one)."""
    if problem:
        st.error(escape_markdown(problem), icon=":material/error:")
    with st.form("ws:code_form"):
        st.text_input("Join code", max_chars=20, placeholder="ABCD-EFGH", key="ws:typed_code")
        st.form_submit_button("Join the workshop", on_click=_join_typed)


def _joined(workshops: WorkshopStore, code: str) -> Workshop | None:
    joined = st.session_state.get(JOINED)
    try:
        if joined is not None and joined[0] == code:
            return workshops.workshop(joined[1])
        workshop = workshops.join(code, client=client())
    except StoreError as exc:
        st.session_state.pop(JOINED, None)
        code_form(str(exc))
        return None
    st.session_state[JOINED] = (code, workshop.id)
    return workshop


def _own(workshops: WorkshopStore, code: str, url_token: str | None) -> Participant | None:
    token = st.session_state.get(TOKEN) or url_token
    if not token:
        return None
    try:
        own = workshops.own_answer(code, token, client=client())
    except StoreError:
        own = None
    if own is None:
        st.session_state.pop(TOKEN, None)
        if ME in st.query_params:
            del st.query_params[ME]
        st.info("The answer this page had sent was removed by the facilitator: answer afresh.")
        return None
    st.session_state[TOKEN] = token
    return own


def _prefill(answer: Answer, asked: tuple[str, ...]) -> None:
    """Put a stored answer into the form's boxes once, so a reload can change it."""
    if st.session_state.get(PREFILLED):
        return
    st.session_state[PREFILLED] = True
    st.session_state["ws:anonymous"] = answer.anonymous
    st.session_state["ws:school"] = answer.school
    st.session_state["ws:phase"] = answer.phase
    st.session_state["ws:years"] = answer.contract_years
    st.session_state["ws:comment"] = answer.comment
    for gid in asked:
        st.session_state[f"ws:unsure:{gid}"] = gid in answer.not_sure
        st.session_state[f"ws:amount:{gid}"] = f"{answer.days.get(gid, 0):g}"
        st.session_state[f"ws:unit:{gid}"] = "days"


def _form(workshops: WorkshopStore, workshop: Workshop, changing: bool) -> None:
    priced = offers(workshops.model)
    with st.form("ws:answer"):
        st.text_input("Your school's name", key="ws:school", max_chars=MAX_SCHOOL_CHARS)
        st.checkbox(
            "Answer anonymously (not even the facilitator sees the name)", key="ws:anonymous"
        )
        st.selectbox(
            "Phase",
            list(PHASES),
            format_func=PHASES.__getitem__,
            index=None,
            placeholder="Choose…",
            key="ws:phase",
        )
        for gid in workshop.offers:
            offer = priced[gid]
            name = offer_name(offer)
            st.markdown(f"**{escape_markdown(name)}**")
            st.caption(escape_markdown(offer_line(offer)))
            amount, unit = st.columns([3, 2], vertical_alignment="bottom")
            amount.text_input(
                f"{name}: how many a year",
                key=f"ws:amount:{gid}",
                max_chars=12,
                placeholder="0",
            )
            unit.selectbox(
                f"{name}: counted in",
                list(UNIT_LABELS),
                format_func=UNIT_LABELS.__getitem__,
                key=f"ws:unit:{gid}",
            )
            st.checkbox(f"Not sure yet about {in_sentence(name)}", key=f"ws:unsure:{gid}")
        st.radio(
            "Contract length you have in mind",
            list(CONTRACT_YEARS),
            format_func=lambda y: f"{y} year{'s' if y > 1 else ''}",
            index=None,
            horizontal=True,
            key="ws:years",
        )
        st.text_area(
            "Comment (optional; only the facilitator reads it)",
            key="ws:comment",
            max_chars=MAX_COMMENT_CHARS,
        )
        label = "Change my answer" if changing else "Send my answer"
        st.form_submit_button(label, type="primary", on_click=_send, args=(workshops, workshop))
    problems = st.session_state.pop(NOT_SENT, None)
    if problems:
        st.error(problems, icon=":material/error:")
    received = st.session_state.pop(RECEIVED, None)
    if received is not None:
        changed, summary = received
        st.success(
            ("Changed. " if changed else "Received: your answer is in. ")
            + escape_markdown(summary)
            + ". You can change it here while the workshop is open.",
            icon=":material/check_circle:",
        )


def _send(workshops: WorkshopStore, workshop: Workshop) -> None:
    state = st.session_state
    inputs = {
        gid: OfferInput(
            state.get(f"ws:amount:{gid}", ""),
            state.get(f"ws:unit:{gid}") or "days",
            bool(state.get(f"ws:unsure:{gid}")),
        )
        for gid in workshop.offers
    }
    try:
        answer = make_answer(
            offers=workshop.offers,
            school=state.get("ws:school", ""),
            anonymous=bool(state.get("ws:anonymous")),
            phase=state.get("ws:phase"),
            contract_years=state.get("ws:years"),
            inputs=inputs,
            comment=state.get("ws:comment", ""),
        )
        code = st.session_state[JOINED][0]
        sent = workshops.answer(code, answer, state.get(TOKEN), client=client())
    except AnswerRefused as exc:
        priced = offers(workshops.model)
        labels = {f"days.{g}": offer_name(o) for g, o in priced.items()} | {
            "school": "School's name",
            "phase": "Phase",
            "contract_years": "Contract length",
            "comment": "Comment",
        }
        lines = [
            f"- {escape_markdown(labels.get(p.field, p.field))}: {escape_markdown(p.message)}"
            for p in exc.problems
        ]
        state[NOT_SENT] = "Not sent yet; please check:\n" + "\n".join(lines)
        return
    except StoreError as exc:
        state[NOT_SENT] = f"Not sent: {escape_markdown(str(exc))}."
        return
    state[TOKEN] = sent.token
    st.query_params[ME] = sent.token
    state[RECEIVED] = (sent.changed, _summary(workshops, workshop, answer))


def _summary(workshops: WorkshopStore, workshop: Workshop, answer: Answer) -> str:
    priced = offers(workshops.model)
    parts = [
        f"{offer_name(priced[g])}: "
        + ("not sure" if g in answer.not_sure else days_text(answer.days[g]))
        for g in workshop.offers
    ]
    return "; ".join(parts)


def render(workshops: WorkshopStore, code_param: str, url_token: str | None) -> None:
    st.set_page_config(page_title="Workshop")
    setup("What would your school buy?")
    st.html(PHONE_CSS)
    code = normal_code(code_param)
    if code is None:
        code_form("That is not a join code: it has 8 letters and numbers, like ABCD-EFGH.")
        return
    workshop = _joined(workshops, code)
    if workshop is None:
        return
    st.subheader(escape_markdown(workshop.title))
    st.info(NOT_BINDING, icon=":material/info:")
    own = _own(workshops, code, url_token)
    if workshop.closed:
        st.warning("This workshop has closed: answers are no longer taken. Thank you.")
    else:
        if workshop.locked:
            st.info(
                "The facilitator has paused answering for a moment; you can fill in the form "
                "and send it when answering reopens."
            )
        if own is not None:
            _prefill(own.answer, workshop.offers)
        _form(workshops, workshop, own is not None)
    if own is not None or st.session_state.get(TOKEN):
        room_aggregate(workshops, workshop.id)
