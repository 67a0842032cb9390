"""The store's tables as they stand at the newest migration (migrations/versions/ builds them).

Later features (the workshop mode: workshops, participants, answers) add their tables here and in
a new migration; the scenarios table and its interface stay as they are."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

metadata = sa.MetaData()


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend.

    PostgreSQL keeps ``timestamptz``; SQLite has no time zones, so the value is stored as naive
    UTC text (whose order is time order) and given back as UTC."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


scenarios = sa.Table(
    "scenarios",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("name", sa.String(60), nullable=False),
    sa.Column("note", sa.Text(), nullable=False, server_default=""),
    sa.Column("author", sa.String(60), nullable=False, server_default=""),
    sa.Column("saved_at", UTCDateTime(), nullable=False),
    sa.Column("updated_at", UTCDateTime(), nullable=False),
    sa.Column("deleted_at", UTCDateTime(), nullable=True),
    # JSON text ({group id: level}, {assumption id: value}), read defensively: a row that no
    # longer parses or validates is shown with its problem, never dropped.
    sa.Column("levels", sa.Text(), nullable=False),
    sa.Column("assumptions", sa.Text(), nullable=False),
    sa.Column("data_digest", sa.String(64), nullable=False),
    # The headline outputs at save time, so the list needs no model run and shows what the
    # officer saw even after the data changes.
    sa.Column("retained_fte", sa.Double(), nullable=False),
    sa.Column("redundant_fte", sa.Double(), nullable=False),
    sa.Column("traded_income_m", sa.Double(), nullable=False),
    sa.Column("saving_m", sa.Double(), nullable=False),
    sa.Index("ix_scenarios_live", "deleted_at", "saved_at", "id"),
    sa.Index("ix_scenarios_saved_at_id", "saved_at", "id"),
)
