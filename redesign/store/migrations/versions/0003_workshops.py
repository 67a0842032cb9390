"""The workshop mode: workshops, their participants (one a school), answers, comments, and the
count of wrong codes that slows guessing.

Revision ID: 0003_workshops
Revises: 0002_scenario_indexes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_workshops"
down_revision: str | None = "0002_scenario_indexes"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.String(80), nullable=False),
        sa.Column("join_code", sa.String(16), nullable=False, unique=True),
        sa.Column("facilitator_key_hash", sa.String(64), nullable=False),
        sa.Column("schools_in_city", sa.Integer(), nullable=False),
        sa.Column("offers", sa.Text(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("revealed", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("scenario_id", sa.String(32), nullable=True),
    )
    op.create_index("ix_workshops_deleted_at", "workshops", ["deleted_at"])
    op.create_table(
        "workshop_participants",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "workshop_id",
            sa.String(32),
            sa.ForeignKey("workshops.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("school_key", sa.String(100), nullable=False),
        sa.Column("school", sa.String(80), nullable=False, server_default=""),
        sa.Column("phase", sa.String(20), nullable=False),
        sa.Column("contract_years", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("workshop_id", "school_key", name="uq_workshop_participants_school"),
    )
    op.create_table(
        "workshop_answers",
        sa.Column(
            "participant_id",
            sa.String(32),
            sa.ForeignKey("workshop_participants.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("group_id", sa.String(60), primary_key=True),
        sa.Column("days", sa.Double(), nullable=True),
    )
    op.create_table(
        "workshop_comments",
        sa.Column(
            "participant_id",
            sa.String(32),
            sa.ForeignKey("workshop_participants.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "join_failures",
        sa.Column("client", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("first_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("join_failures")
    op.drop_table("workshop_comments")
    op.drop_table("workshop_answers")
    op.drop_table("workshop_participants")
    op.drop_index("ix_workshops_deleted_at", table_name="workshops")
    op.drop_table("workshops")
