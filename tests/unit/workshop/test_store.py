"""The workshop store on SQLite and PostgreSQL: create, join, answer, change, one answer per
school, closed and paused workshops, the facilitator's key, slowed-down guessing, delete and
restore, erase, purge."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from redesign.store import InvalidInput
from redesign.workshop import (
    AlreadyAnswered,
    Answer,
    Closed,
    NotYourAnswer,
    Paused,
    SlowDown,
    WorkshopStore,
    WrongCode,
    WrongKey,
)
from redesign.workshop.guard import FREE_FAILURES
from tests.support.stores import FakeClock

AT, HLTA = "autism_teaching", "autism_hlta"


def oak(days: float = 10.0, **changes) -> Answer:
    values = {"school": "Oak Primary", "phase": "primary", "contract_years": 2, "days": {AT: days}}
    return Answer(**(values | changes))


def test_create_join_answer_and_tally(workshops: WorkshopStore, clock: FakeClock):
    made = workshops.create("Autumn heads' briefing", [AT, HLTA], 80)
    shop, key = made.workshop, made.facilitator_key
    assert shop.offers == (AT, HLTA) and shop.schools_in_city == 80
    assert shop.taking_answers and not shop.revealed and shop.state == "open for answers"
    assert len(shop.join_code) == 8 and len(key) >= 32 and key != shop.join_code
    assert workshops.join(shop.code_text.lower()) == shop

    sent = workshops.answer(shop.join_code, oak(10, not_sure=frozenset({HLTA})))
    assert not sent.changed and len(sent.token) >= 32
    clock.advance(timedelta(seconds=1))
    workshops.answer(shop.join_code, Answer("", "special", 1, {AT: 6.0, HLTA: 4.0}))
    result = workshops.tally(workshops.facilitate(shop.id, key))
    assert result.answers == 2 and result.room.offer(AT).days == 16
    assert result.room.offer(HLTA).not_sure == 1
    assert workshops.revision(shop.id) > shop.revision

    people = workshops.participants(shop.id, key)
    assert [p.answer.school_label for p in people] == ["Oak Primary", "anonymous"]
    assert people[0].answer.not_sure == {HLTA}


def test_a_participant_changes_only_its_own_answer(workshops: WorkshopStore):
    made = workshops.create("T", [AT], 10)
    code = made.workshop.join_code
    first = workshops.answer(code, oak(10))
    other = workshops.answer(code, oak(3, school="Elm Secondary"))
    changed = workshops.answer(code, oak(25, comment="more please"), first.token)
    assert changed.changed and changed.token == first.token
    assert workshops.own_answer(code, first.token).answer.days == {AT: 25.0}
    assert sorted(a.days[AT] for a in workshops.answers(made.workshop.id)) == [3.0, 25.0]
    # A token cannot take another school's name, and a made-up token changes nothing.
    with pytest.raises(AlreadyAnswered, match="Elm Secondary has already answered"):
        workshops.answer(code, oak(1, school="elm  secondary"), first.token)
    with pytest.raises(NotYourAnswer):
        workshops.answer(code, oak(1), "x" * 32)
    assert workshops.own_answer(code, other.token).answer.days == {AT: 3.0}


def test_one_answer_per_school(workshops: WorkshopStore):
    code = workshops.create("T", [AT], 10).workshop.join_code
    workshops.answer(code, oak(10))
    # A reload without the token, or a second device, is refused: the school counts once.
    with pytest.raises(AlreadyAnswered, match="Oak Primary has already answered"):
        workshops.answer(code, oak(99, school="OAK primary."))
    # Anonymous answers each count as one.
    workshops.answer(code, Answer("", "primary", 1, {AT: 1.0}))
    workshops.answer(code, Answer("", "primary", 1, {AT: 2.0}))
    assert len(workshops.answers(workshops.join(code).id)) == 3


def test_closed_and_paused_workshops_refuse_answers(workshops: WorkshopStore):
    made = workshops.create("T", [AT], 10, open_now=False)
    shop, key = made.workshop, made.facilitator_key
    assert shop.locked and shop.state == "answering paused"
    with pytest.raises(Paused, match="paused answering"):
        workshops.answer(shop.join_code, oak())
    workshops.update(shop.id, key, locked=False)
    sent = workshops.answer(shop.join_code, oak())
    closed = workshops.close(shop.id, key)
    assert closed.closed and closed.state == "closed"
    with pytest.raises(Closed, match="has closed"):
        workshops.answer(shop.join_code, oak(5, school="Late School"))
    with pytest.raises(Closed):
        workshops.answer(shop.join_code, oak(50), sent.token)
    assert workshops.reopen(shop.id, key).taking_answers
    assert [a.days[AT] for a in workshops.answers(shop.id)] == [10.0]


def test_the_facilitator_key_is_needed_and_separate(workshops: WorkshopStore):
    made = workshops.create("T", [AT], 10)
    shop = made.workshop
    key = made.facilitator_key
    # One character off: the last one changed (to "B" when it already is an "A": a random key ends
    # in "A" one time in 64, and would then be the right key).
    one_off = key[:-1] + ("B" if key.endswith("A") else "A")
    for wrong in ("", shop.join_code, "x" * 32, one_off):
        with pytest.raises(WrongKey):
            workshops.facilitate(shop.id, wrong, client="someone")
    with pytest.raises(WrongKey):
        workshops.update(shop.id, "x" * 32, revealed=True)
    with pytest.raises(WrongKey):
        workshops.participants(shop.id, "nope")
    with workshops.database.read() as conn:
        stored = conn.execute(sa.text("SELECT * FROM workshops")).mappings().one()
    assert made.facilitator_key not in {str(v) for v in stored.values()}
    shown = workshops.update(shop.id, made.facilitator_key, revealed=True, title="  New  title ")
    assert shown.revealed and shown.title == "New title"


def test_wrong_codes_are_slowed_down(workshops: WorkshopStore, clock: FakeClock):
    code = workshops.create("T", [AT], 10).workshop.join_code
    for _ in range(FREE_FAILURES):
        with pytest.raises(WrongCode):
            workshops.join("ZZZZ-ZZZZ", client="phone")
    # After the free ones, every attempt waits, even with the right code.
    with pytest.raises(SlowDown, match="wait 2 seconds") as caught:
        workshops.join(code, client="phone")
    assert caught.value.seconds == 2
    assert workshops.join(code, client="another phone").join_code == code
    clock.advance(timedelta(seconds=2))
    with pytest.raises(WrongCode):
        workshops.join("ZZZZ-ZZZZ", client="phone")
    with pytest.raises(SlowDown, match="wait 4 seconds"):
        workshops.join(code, client="phone")
    clock.advance(timedelta(minutes=16))  # a quiet window starts the count again
    assert workshops.join(code, client="phone").join_code == code
    with pytest.raises(WrongCode):
        workshops.join("ZZZZ-ZZZZ", client="phone")
    assert workshops.join(code, client="phone").join_code == code


def test_delete_restore_erase_and_purge(workshops: WorkshopStore, clock: FakeClock):
    made = workshops.create("T", [AT], 10)
    shop, key = made.workshop, made.facilitator_key
    workshops.answer(shop.join_code, oak(comment="A pupil's name"))
    assert workshops.delete(shop.id, key).deleted
    with pytest.raises(WrongCode):
        workshops.join(shop.join_code)
    with pytest.raises(InvalidInput, match="deleted; restore it first"):
        workshops.close(shop.id, key)
    assert workshops.facilitate(shop.id, key).deleted  # the facilitator can still restore it
    assert not workshops.undelete(shop.id, key).deleted
    assert workshops.join(shop.join_code).id == shop.id

    workshops.delete(shop.id, key)
    clock.advance(timedelta(days=29))
    assert workshops.purge() == 0
    clock.advance(timedelta(days=2))
    assert workshops.purge() == 1
    with pytest.raises(WrongKey):
        workshops.facilitate(shop.id, key)
    _assert_nothing_left(workshops)

    other = workshops.create("U", [AT], 10)
    workshops.answer(other.workshop.join_code, oak(comment="Another name"))
    workshops.erase(other.workshop.id, other.facilitator_key)
    _assert_nothing_left(workshops)


def _assert_nothing_left(workshops: WorkshopStore) -> None:
    with workshops.database.read() as conn:
        for name in ("workshops", "workshop_participants", "workshop_answers", "workshop_comments"):
            assert conn.execute(sa.text(f"SELECT count(*) FROM {name}")).scalar() == 0, name


def test_the_facilitator_removes_an_answer_or_a_comment(workshops: WorkshopStore):
    made = workshops.create("T", [AT], 10)
    shop, key = made.workshop, made.facilitator_key
    workshops.answer(shop.join_code, oak(comment="Ms X's class"))
    person = workshops.participants(shop.id, key)[0]
    workshops.remove_comment(shop.id, key, person.id)
    assert workshops.participants(shop.id, key)[0].comment == ""
    workshops.remove_answer(shop.id, key, person.id)
    assert workshops.participants(shop.id, key) == []
    workshops.answer(shop.join_code, oak(7))  # the school can answer again
    assert workshops.answers(shop.id)[0].days == {AT: 7.0}


def test_bad_settings_are_refused(workshops: WorkshopStore):
    with pytest.raises(InvalidInput, match="title: give the workshop a title"):
        workshops.create("  ", [AT], 10)
    with pytest.raises(InvalidInput, match="title: 81 characters"):
        workshops.create("x" * 81, [AT], 10)
    with pytest.raises(InvalidInput, match="no offer 'dance'"):
        workshops.create("T", ["dance"], 10)
    with pytest.raises(InvalidInput, match="schools_in_city"):
        workshops.create("T", [AT], 0)
    with pytest.raises(InvalidInput, match="schools_in_city"):
        workshops.create("T", [AT], True)  # type: ignore[arg-type]
    assert workshops.create("T", [], 10).workshop.offers == workshops.model.group_ids
    code = workshops.create("T", [AT], 10).workshop.join_code
    with pytest.raises(InvalidInput, match="does not ask about 'autism_hlta'"):
        workshops.answer(code, oak(days=1, not_sure=frozenset({HLTA})))


def test_the_migrations_build_the_tables_the_code_expects(workshops: WorkshopStore):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from redesign.store.schema import metadata

    with workshops.database.read() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diffs == []
