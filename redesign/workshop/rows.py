"""Reading and writing the workshop tables' rows inside a caller's transaction (the store's
internals: WorkshopStore does the checks and holds the transactions)."""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection, RowMapping

from redesign.store.scenarios import is_id
from redesign.store.schema import workshop_answers as answers_t
from redesign.store.schema import workshop_comments as comments_t
from redesign.store.schema import workshop_participants as participants_t
from redesign.store.schema import workshops as table
from redesign.workshop import keys
from redesign.workshop.answers import Answer
from redesign.workshop.errors import AlreadyAnswered, NotYourAnswer
from redesign.workshop.records import Participant, Workshop


def find(conn: Connection, workshop_id: object) -> RowMapping | None:
    if not is_id(workshop_id):
        return None
    return conn.execute(sa.select(table).where(table.c.id == workshop_id)).mappings().first()


def row(conn: Connection, workshop_id: str) -> RowMapping:
    return conn.execute(sa.select(table).where(table.c.id == workshop_id)).mappings().one()


def by_code(conn: Connection, code: str) -> RowMapping | None:
    normal = keys.normal_code(code)
    if normal is None:
        return None
    return (
        conn.execute(
            sa.select(table).where(table.c.join_code == normal, table.c.deleted_at.is_(None))
        )
        .mappings()
        .first()
    )


def own(conn: Connection, workshop_id: str, token: str) -> str:
    if not keys.could_be_secret(token):
        raise NotYourAnswer()
    row = conn.execute(
        sa.select(participants_t.c.id).where(
            participants_t.c.workshop_id == workshop_id,
            participants_t.c.token_hash == keys.digest(token),
        )
    ).first()
    if row is None:
        raise NotYourAnswer()
    return str(row[0])


def insert_participant(
    conn: Connection,
    workshop_id: str,
    pid: str,
    token: str,
    answer: Answer,
    key: str | None,
    now: datetime,
) -> None:
    row = {
        "id": pid,
        "workshop_id": workshop_id,
        "token_hash": keys.digest(token),
        "school_key": key or f"anonymous {pid}",
        "school": answer.school,
        "phase": answer.phase,
        "contract_years": answer.contract_years,
        "created_at": now,
        "updated_at": now,
    }
    try:
        with conn.begin_nested():
            conn.execute(participants_t.insert().values(**row))
    except sa_exc.IntegrityError:
        raise AlreadyAnswered(stored_name(conn, workshop_id, key, answer.school)) from None


def update_participant(
    conn: Connection,
    workshop_id: str,
    pid: str,
    answer: Answer,
    key: str | None,
    now: datetime,
) -> None:
    values = {
        "school_key": key or f"anonymous {pid}",
        "school": answer.school,
        "phase": answer.phase,
        "contract_years": answer.contract_years,
        "updated_at": now,
    }
    try:
        with conn.begin_nested():
            conn.execute(participants_t.update().where(participants_t.c.id == pid).values(**values))
    except sa_exc.IntegrityError:
        raise AlreadyAnswered(stored_name(conn, workshop_id, key, answer.school)) from None


def write_answers(conn: Connection, pid: str, answer: Answer, now: datetime) -> None:
    conn.execute(answers_t.delete().where(answers_t.c.participant_id == pid))
    rows = [{"participant_id": pid, "group_id": g, "days": d} for g, d in answer.days.items()]
    rows += [{"participant_id": pid, "group_id": g, "days": None} for g in answer.not_sure]
    if rows:
        conn.execute(answers_t.insert(), rows)
    conn.execute(comments_t.delete().where(comments_t.c.participant_id == pid))
    if answer.comment:
        conn.execute(
            comments_t.insert().values(participant_id=pid, text=answer.comment, updated_at=now)
        )


def participants(
    conn: Connection, workshop_id: str, pid: str | None = None, *, comments: bool = True
) -> list[Participant]:
    query = sa.select(participants_t).where(participants_t.c.workshop_id == workshop_id)
    if pid is not None:
        query = query.where(participants_t.c.id == pid)
    people = conn.execute(query.order_by(participants_t.c.created_at, participants_t.c.id))
    rows = list(people.mappings())
    ids = [r["id"] for r in rows]
    days: dict[str, dict[str, float]] = {i: {} for i in ids}
    unsure: dict[str, set[str]] = {i: set() for i in ids}
    notes: dict[str, str] = {}
    if ids:
        for a in conn.execute(
            sa.select(answers_t).where(answers_t.c.participant_id.in_(ids))
        ).mappings():
            if a["days"] is None:
                unsure[a["participant_id"]].add(a["group_id"])
            else:
                days[a["participant_id"]][a["group_id"]] = float(a["days"])
        if comments:
            notes = dict(
                conn.execute(
                    sa.select(comments_t.c.participant_id, comments_t.c.text).where(
                        comments_t.c.participant_id.in_(ids)
                    )
                ).all()
            )
    return [
        Participant(
            id=r["id"],
            answer=Answer(
                school=r["school"],
                phase=r["phase"],
                contract_years=int(r["contract_years"]),
                days=days[r["id"]],
                not_sure=frozenset(unsure[r["id"]]),
                comment=notes.get(r["id"], ""),
            ),
            created_at=r["created_at"],
            updated_at=r["updated_at"],
        )
        for r in rows
    ]


def workshop(row: RowMapping) -> Workshop:
    try:
        offers = tuple(str(o) for o in json.loads(row["offers"]))
    except (ValueError, TypeError):
        offers = ()
    return Workshop(
        id=row["id"],
        title=row["title"],
        join_code=row["join_code"],
        schools_in_city=int(row["schools_in_city"]),
        offers=offers,
        locked=bool(row["locked"]),
        revealed=bool(row["revealed"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        closed_at=row["closed_at"],
        deleted_at=row["deleted_at"],
        revision=int(row["revision"]),
        scenario_id=row["scenario_id"],
    )


def stored_name(conn: Connection, workshop_id: str, key: str | None, typed: str) -> str:
    """The school's name as its first answer gave it (the message names what the room saw)."""
    found = conn.execute(
        sa.select(participants_t.c.school).where(
            participants_t.c.workshop_id == workshop_id, participants_t.c.school_key == key
        )
    ).scalar()
    return str(found) if found else typed
