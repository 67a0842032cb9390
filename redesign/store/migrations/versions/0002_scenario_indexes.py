"""Indexes for the library's list (newest first) and for purging deleted scenarios.

Revision ID: 0002_scenario_indexes
Revises: 0001_scenarios
"""

from __future__ import annotations

from alembic import op

revision = "0002_scenario_indexes"
down_revision: str | None = "0001_scenarios"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_scenarios_saved_at_id", "scenarios", ["saved_at", "id"])
    op.create_index("ix_scenarios_deleted_at", "scenarios", ["deleted_at"])


def downgrade() -> None:
    op.drop_index("ix_scenarios_deleted_at", table_name="scenarios")
    op.drop_index("ix_scenarios_saved_at_id", table_name="scenarios")
