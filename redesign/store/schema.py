"""The store's tables as they stand at the newest migration (migrations/versions/ builds them).

The scenario library (0001, 0002) and the workshop mode (0003: workshops, participants, answers,
comments, wrong-code counts); redesign.workshop reads and writes the workshop tables."""

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

# --- the workshop mode (migration 0003) -------------------------------------------------------

workshops = sa.Table(
    "workshops",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("title", sa.String(80), nullable=False),
    # Shown on the projector and typed on phones; unique among workshops not purged.
    sa.Column("join_code", sa.String(16), nullable=False, unique=True),
    # SHA-256 of the facilitator key: a copy of the database does not give control of a workshop.
    sa.Column("facilitator_key_hash", sa.String(64), nullable=False),
    sa.Column("schools_in_city", sa.Integer(), nullable=False),
    sa.Column("offers", sa.Text(), nullable=False),  # JSON list of group ids asked about
    sa.Column("locked", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("revealed", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("updated_at", UTCDateTime(), nullable=False),
    sa.Column("closed_at", UTCDateTime(), nullable=True),
    sa.Column("deleted_at", UTCDateTime(), nullable=True),
    # Goes up by one with every change to the workshop or its answers, so a screen that shows the
    # tally reads one number to know whether there is anything new.
    sa.Column("revision", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("scenario_id", sa.String(32), nullable=True),  # the last one applied
    sa.Index("ix_workshops_deleted_at", "deleted_at"),
)

workshop_participants = sa.Table(
    "workshop_participants",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column(
        "workshop_id",
        sa.String(32),
        sa.ForeignKey("workshops.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    # One answer per school: the school's name in its "same school" form (an anonymous answer
    # gets its own key).
    sa.Column("school_key", sa.String(100), nullable=False),
    sa.Column("school", sa.String(80), nullable=False, server_default=""),
    sa.Column("phase", sa.String(20), nullable=False),
    sa.Column("contract_years", sa.Integer(), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("updated_at", UTCDateTime(), nullable=False),
    sa.UniqueConstraint("workshop_id", "school_key", name="uq_workshop_participants_school"),
)

workshop_answers = sa.Table(
    "workshop_answers",
    metadata,
    sa.Column(
        "participant_id",
        sa.String(32),
        sa.ForeignKey("workshop_participants.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("group_id", sa.String(60), primary_key=True),
    sa.Column("days", sa.Double(), nullable=True),  # None: not sure
)

# Apart from the answers: they may hold personal data, are shown to the facilitator only and
# exported only on request.
workshop_comments = sa.Table(
    "workshop_comments",
    metadata,
    sa.Column(
        "participant_id",
        sa.String(32),
        sa.ForeignKey("workshop_participants.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("updated_at", UTCDateTime(), nullable=False),
)

# Wrong join codes and facilitator keys, by a hash of where they came from, to slow guessing.
join_failures = sa.Table(
    "join_failures",
    metadata,
    sa.Column("client", sa.String(64), primary_key=True),
    sa.Column("failures", sa.Integer(), nullable=False),
    sa.Column("first_at", UTCDateTime(), nullable=False),
    sa.Column("last_at", UTCDateTime(), nullable=False),
)
