"""Alembic migrations of the store's schema, run by redesign.store.migrate (no alembic.ini)."""
