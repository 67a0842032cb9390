"""Saved scenarios in a database: SQLite by default (var/redesign.db), PostgreSQL for several
app servers, chosen by URL ($REDESIGN_DB_URL or an explicit argument). Pure Python, no Streamlit.

    database = open_database()                        # checked, migrated; share it
    store = ScenarioStore.for_dataset(database, dataset)
    saved = store.save("Keep autism teaching", scenario, note="for cabinet")
    store.list(); store.get(saved.id); store.rename(saved.id, "..."); store.delete(saved.id)

Every failure is a StoreError with a one-line message (StoreUnavailable: the database cannot be
used now; SchemaTooNew: it belongs to a newer app; InvalidInput: a field is refused; NotFound).
"""

from redesign.store.data_version import DataCheck, check_data_version, scenario_for_current_data
from redesign.store.db import DB_URL_ENV, Database, resolve_url, utc_now
from redesign.store.errors import (
    InvalidInput,
    NotFound,
    SchemaTooNew,
    StoreError,
    StoreUnavailable,
)
from redesign.store.opening import open_database
from redesign.store.records import QUERY_KEY, Headline, SavedScenario
from redesign.store.scenarios import (
    KEEP_DELETED,
    ScenarioStore,
    is_id,
    open_store,
    purge_deleted,
)
from redesign.store.text import MAX_AUTHOR_CHARS, MAX_NOTE_CHARS

__all__ = [
    "DB_URL_ENV",
    "KEEP_DELETED",
    "MAX_AUTHOR_CHARS",
    "MAX_NOTE_CHARS",
    "QUERY_KEY",
    "DataCheck",
    "Database",
    "Headline",
    "InvalidInput",
    "NotFound",
    "SavedScenario",
    "ScenarioStore",
    "SchemaTooNew",
    "StoreError",
    "StoreUnavailable",
    "check_data_version",
    "is_id",
    "open_database",
    "open_store",
    "purge_deleted",
    "resolve_url",
    "scenario_for_current_data",
    "utc_now",
]
