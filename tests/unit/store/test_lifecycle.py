"""Soft delete, undo, and the purge of scenarios deleted over 30 days ago (an injected clock)."""

from __future__ import annotations

from datetime import timedelta

from redesign import Dataset
from redesign.buyback.model import BuybackModel
from redesign.store import KEEP_DELETED, ScenarioStore, open_store
from tests.support.stores import FakeClock


def test_delete_hides_and_undelete_restores(store: ScenarioStore, model: BuybackModel, clock):
    keep = store.save("Keep", model.uniform(0.2))
    gone = store.save("Gone", model.uniform(0.3))
    clock.advance(timedelta(minutes=5))
    deleted = store.delete(gone.id)
    assert deleted.deleted_at == clock.now
    assert [s.id for s in store.list()] == [keep.id]
    assert store.count() == 1 and store.count(include_deleted=True) == 2
    assert [s.id for s in store.list(deleted_only=True)] == [gone.id]
    assert {s.id for s in store.list(include_deleted=True)} == {keep.id, gone.id}
    assert store.get(gone.id).deleted  # a permalink still finds it, marked deleted
    # Deleting again changes nothing: the 30 days run from the first delete.
    clock.advance(timedelta(days=1))
    assert store.delete(gone.id).deleted_at == deleted.deleted_at
    restored = store.undelete(gone.id)
    assert restored.deleted_at is None and not restored.deleted
    assert store.count() == 2
    assert store.undelete(gone.id) == restored


def test_deleted_only_lists_the_latest_deletion_first(store: ScenarioStore, model, clock):
    a = store.save("A", model.uniform(0.2))
    b = store.save("B", model.uniform(0.3))
    store.delete(b.id)
    clock.advance(timedelta(seconds=1))
    store.delete(a.id)
    assert [s.id for s in store.list(deleted_only=True)] == [a.id, b.id]


def test_purge_removes_only_what_was_deleted_over_30_days_ago(store: ScenarioStore, model, clock):
    old = store.save("Old", model.uniform(0.1))
    recent = store.save("Recent", model.uniform(0.2))
    live = store.save("Live", model.uniform(0.3))
    store.delete(old.id)
    clock.advance(timedelta(days=10))
    store.delete(recent.id)
    clock.advance(KEEP_DELETED - timedelta(days=10))
    assert store.purge() == 0, "exactly 30 days: still restorable"
    clock.advance(timedelta(seconds=1))
    assert store.purge() == 1
    assert {s.id for s in store.list(include_deleted=True)} == {recent.id, live.id}
    assert store.purge(timedelta(0)) == 1
    assert [s.id for s in store.list(include_deleted=True)] == [live.id]


def test_opening_the_store_purges(db_url: str, dataset: Dataset, clock: FakeClock):
    first = open_store(dataset, db_url, clock=clock)
    try:
        saved = first.save("Old", first.model.default_scenario())
        first.delete(saved.id)
    finally:
        first.database.close()
    clock.advance(KEEP_DELETED + timedelta(days=1))
    second = open_store(dataset, db_url, clock=clock)
    try:
        assert second.count(include_deleted=True) == 0
    finally:
        second.database.close()
