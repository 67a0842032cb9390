"""The store bench runs on PostgreSQL too: the same session database as the store tests."""

from tests.support.stores import pg_session_url

__all__ = ["pg_session_url"]
