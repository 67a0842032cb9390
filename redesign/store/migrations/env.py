"""Alembic environment: migrations run on the connection redesign.store.migrate passes in, inside
the transaction it has already begun (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL),
so that the whole upgrade commits or rolls back as one."""

from __future__ import annotations

from alembic import context

from redesign.store.schema import metadata

if context.is_offline_mode():
    raise RuntimeError("offline (--sql) migrations are not supported; open the store instead")

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "run migrations through redesign.store.migrate, which passes the connection in"
    )
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
