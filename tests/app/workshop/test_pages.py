"""The workshop page's three screens through app.py with AppTest: create, facilitator, participant
(answer, refusal that keeps the form, change, closed), and what each side must never show."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from redesign import Dataset
from redesign.buyback.model import BuybackModel
from redesign.store import DB_URL_ENV, open_database
from redesign.workshop import Answer, WorkshopStore
from tests.support.apptest import open_page as open_app_page
from tests.support.paths import ROOT

APP = str(ROOT / "app.py")
PAGE = "pages/workshop.py"
TIMEOUT = 60
AT, HLTA, BEH = "autism_teaching", "autism_hlta", "behaviour_and_other"


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'redesign.db'}"
    monkeypatch.setenv(DB_URL_ENV, url)
    return url


@pytest.fixture()
def workshops(db: str, dataset: Dataset):
    database = open_database(db)
    try:
        yield WorkshopStore(database, BuybackModel(dataset))
    finally:
        database.close()


def open_page(**params: str) -> AppTest:
    return open_app_page(PAGE, TIMEOUT, **params)


def texts(at: AppTest) -> str:
    parts = [
        m.value for kind in ("title", "subheader", "markdown", "caption") for m in getattr(at, kind)
    ]
    parts += [
        e.value for kind in ("success", "error", "warning", "info") for e in getattr(at, kind)
    ]
    # As a reader sees it: Markdown's escaping backslashes removed.
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def page_toggles(at: AppTest) -> list:
    """The workshop's own toggles (not the sidebar's presentation mode switch)."""
    return [t for t in at.toggle if t.key != "present:toggle"]


def test_create_a_workshop_then_the_facilitator_screen(workshops: WorkshopStore):
    at = open_page()
    next(t for t in at.text_input if t.label == "Title").input("Heads' briefing")
    button(at, "Create the workshop").click()
    at.run()
    assert not at.exception
    wid = at.query_params["workshop"]
    # The key was taken out of the address bar, and kept in the session.
    assert "key" not in at.query_params
    key = at.session_state[f"ws:key:{wid}"]
    shop = workshops.facilitate(wid, key)
    assert shop.title == "Heads' briefing" and shop.offers == (AT, HLTA, BEH)
    shown = texts(at)
    assert shop.code_text in shown
    assert [t.label for t in page_toggles(at)] == ["Show the results", "Pause answering"]
    assert len(at.get("image")) == 1  # the QR code
    assert "Results are hidden until you reveal them" in shown


def test_a_create_form_with_a_problem_says_so(workshops: WorkshopStore):
    at = open_page()
    button(at, "Create the workshop").click()
    at.run()
    assert "Not created: title: give the workshop a title" in texts(at)
    assert "workshop" not in at.query_params


def _answer(at: AppTest, school: str, days: dict[str, str], years: int = 2) -> AppTest:
    next(t for t in at.text_input if t.key == "ws:school").input(school)
    next(s for s in at.selectbox if s.key == "ws:phase").set_value("primary")
    for gid, value in days.items():
        next(t for t in at.text_input if t.key == f"ws:amount:{gid}").input(value)
    next(r for r in at.radio if r.key == "ws:years").set_value(years)
    next(b for b in at.button if b.key and b.key.startswith("FormSubmitter:ws:answer")).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_participant_answers_changes_and_is_refused_when_closed(workshops: WorkshopStore):
    made = workshops.create("Heads' briefing", [AT, HLTA], 30)
    shop, key = made.workshop, made.facilitator_key
    at = open_page(join=shop.code_text)
    shown = texts(at)
    assert "Heads' briefing" in shown
    assert "expression of interest, not an order" in shown
    assert "£359 a day" in shown and "what you buy today: none" in shown
    assert key not in repr(at) and shop.id not in shown

    # An impossible figure: a message, nothing stored, and the form keeps what was typed.
    _answer(at, "Oak Primary", {AT: "-4", HLTA: "ten"})
    assert "Not sent yet" in texts(at) and "below zero" in texts(at)
    assert workshops.answers(shop.id) == []
    assert next(t for t in at.text_input if t.key == "ws:school").value == "Oak Primary"

    _answer(at, "Oak Primary", {AT: "12", HLTA: "6"})
    assert "Received: your answer is in" in texts(at)
    token = at.query_params["me"]
    assert [a.days for a in workshops.answers(shop.id)] == [{AT: 12.0, HLTA: 6.0}]

    # A reload (a new session with the same address) can change the answer, not add one.
    again = open_page(join=shop.code_text, me=token)
    assert next(t for t in again.text_input if t.key == f"ws:amount:{AT}").value == "12"
    _answer(again, "Oak Primary", {AT: "20"})
    assert "Changed." in texts(again)
    assert [a.days[AT] for a in workshops.answers(shop.id)] == [20.0]

    # Another device for the same school, without the token: refused, counted once.
    other = open_page(join=shop.join_code)
    _answer(other, "oak primary", {AT: "99"})
    assert "Oak Primary has already answered" in texts(other)
    assert len(workshops.answers(shop.id)) == 1

    workshops.close(shop.id, key)
    late = open_page(join=shop.code_text)
    assert "has closed" in texts(late)
    assert not [b for b in late.button if (b.key or "").startswith("FormSubmitter:ws:answer")]


def test_the_room_sees_totals_only_once_revealed(workshops: WorkshopStore):
    made = workshops.create("T", [AT], 30)
    shop, key = made.workshop, made.facilitator_key
    workshops.answer(
        shop.join_code, Answer("Elm Secondary", "secondary", 1, {AT: 40.0}, comment="Mr Z")
    )
    at = open_page(join=shop.code_text)
    at = _answer(at, "Oak Primary", {AT: "120"})
    assert "appear here when the facilitator shows them" in texts(at)
    workshops.update(shop.id, key, revealed=True)
    at.run()
    shown = texts(at)
    assert "The room so far" in shown and "2 schools answered" in shown
    assert "Elm Secondary" not in shown and "Mr Z" not in shown


def test_the_facilitator_sees_schools_comments_and_the_tally(workshops: WorkshopStore):
    made = workshops.create("T", [AT, HLTA], 30)
    shop, key = made.workshop, made.facilitator_key
    workshops.answer(
        shop.join_code,
        Answer("Oak Primary", "primary", 3, {AT: 160.0, HLTA: 0.0}, comment="more please"),
    )
    at = open_page(workshop=shop.id, key=key)
    assert "1 school answered" in texts(at)
    at.toggle[0].set_value(True).run()  # Show the results
    assert workshops.facilitate(shop.id, key).revealed
    shown = texts(at)
    assert len(at.metric) == 4 and "a year" in shown
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["FTE kept of 13.33"] == "1.00"
    frames = [d.value for d in at.dataframe]
    assert any("Oak Primary" in f.to_string() for f in frames)
    assert any("more please" in f.to_string() for f in frames)
    # Apply: the tally saved in the library under the workshop's title.
    button(at, "Apply to the buy-back model").click()
    at.run()
    assert "Saved to the library as" in texts(at)
    assert workshops.facilitate(shop.id, key).scenario_id is not None


def test_a_wrong_key_asks_for_the_key(workshops: WorkshopStore):
    shop = workshops.create("T", [AT], 30).workshop
    at = open_page(workshop=shop.id, key="x" * 32)
    assert "facilitator link is not valid" in texts(at)
    assert not page_toggles(at) and not at.metric


def test_a_wrong_code_offers_the_code_box(workshops: WorkshopStore):
    at = open_page(join="ZZZZ-ZZZZ")
    assert "no workshop has that code" in texts(at)
    assert any(t.label == "Join code" for t in at.text_input)
    at = open_page(join="<b>x</b>")
    assert "That is not a join code" in texts(at)
