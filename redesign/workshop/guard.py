"""Slowing down whoever tries codes: wrong join codes and facilitator keys are counted in the store
(by a digest of where they came from, see keys.client_key), so every app server sharing the
database sees the same count. The first FREE_FAILURES in a WINDOW cost nothing (people mistype);
after that each attempt must wait twice as long as the last, up to MAX_WAIT, before a code is
even looked at. A window with no failure for its whole length starts the count again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection

from redesign.store.schema import join_failures as table
from redesign.workshop.errors import SlowDown

FREE_FAILURES = 5
WINDOW = timedelta(minutes=15)
MAX_WAIT = timedelta(seconds=60)


def wait_after(failures: int) -> timedelta:
    """How long the next attempt must wait after ``failures`` wrong ones in the window."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(timedelta(seconds=2 ** (failures - FREE_FAILURES + 1)), MAX_WAIT)


def check(conn: Connection, client: str, now: datetime) -> None:
    """SlowDown if ``client`` must still wait; nothing otherwise."""
    row = conn.execute(sa.select(table).where(table.c.client == client)).mappings().first()
    if row is None or now - row["last_at"] > WINDOW:
        return
    until = row["last_at"] + wait_after(row["failures"])
    if until > now:
        raise SlowDown((until - now).total_seconds())


def record_failure(conn: Connection, client: str, now: datetime) -> None:
    """Count one wrong attempt by ``client`` (inside the caller's write transaction)."""
    row = conn.execute(sa.select(table).where(table.c.client == client)).mappings().first()
    if row is None:
        try:
            with conn.begin_nested():
                conn.execute(
                    table.insert().values(client=client, failures=1, first_at=now, last_at=now)
                )
            return
        except sa_exc.IntegrityError:
            # Another server counted a failure from the same place at the same moment.
            row = conn.execute(sa.select(table).where(table.c.client == client)).mappings().one()
    if now - row["last_at"] > WINDOW:
        values = {"failures": 1, "first_at": now, "last_at": now}
    else:
        values = {"failures": table.c.failures + 1, "last_at": now}
    conn.execute(table.update().where(table.c.client == client).values(**values))


def forget_old(conn: Connection, now: datetime) -> int:
    """Remove counts whose window has passed; how many."""
    result = conn.execute(table.delete().where(table.c.last_at < now - WINDOW))
    return int(result.rowcount or 0)
