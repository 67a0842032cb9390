"""The saved scenarios.

Revision ID: 0001_scenarios
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_scenarios"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "scenarios",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("author", sa.String(60), nullable=False, server_default=""),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("levels", sa.Text(), nullable=False),
        sa.Column("assumptions", sa.Text(), nullable=False),
        sa.Column("data_digest", sa.String(64), nullable=False),
        sa.Column("retained_fte", sa.Double(), nullable=False),
        sa.Column("redundant_fte", sa.Double(), nullable=False),
        sa.Column("traded_income_m", sa.Double(), nullable=False),
        sa.Column("saving_m", sa.Double(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("scenarios")
