"""Indexes for the library's list (newest first) and for purging deleted scenarios.

The list of scenarios not deleted walks (deleted_at, saved_at, id) from its NULL end, newest
first, and stops after a page; an index on deleted_at alone led SQLite to fetch every live row
and sort them. The same index serves the list of deleted ones and the purge (deleted_at ranges);
(saved_at, id) serves the list that includes deleted ones.

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
    op.create_index("ix_scenarios_live", "scenarios", ["deleted_at", "saved_at", "id"])
    op.create_index("ix_scenarios_saved_at_id", "scenarios", ["saved_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_scenarios_saved_at_id", table_name="scenarios")
    op.drop_index("ix_scenarios_live", table_name="scenarios")
