"""The scenario library: save, list, open, rename, duplicate, delete with undo, purge.

``ScenarioStore`` binds a Database to the current data (the buy-back model and the dataset's
digest): saving validates the scenario against that model and stores the outputs it computes;
reading checks each row against it and sets ``problem`` on a row that no longer fits. It is cheap
to make (a page can make one per run from a shared Database); every method is one transaction.
"""

from __future__ import annotations

import json
import math
import re
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from redesign.buyback.model import BuybackModel, Scenario
from redesign.buyback.scenario_io import MAX_NAME_CHARS, make_scenario
from redesign.data.dataset import Dataset
from redesign.store import text
from redesign.store.data_version import DataCheck, check_data_version
from redesign.store.db import Clock, Database, utc_now
from redesign.store.errors import InvalidInput, NotFound
from redesign.store.opening import open_database
from redesign.store.records import Headline, SavedScenario
from redesign.store.schema import scenarios as table
from redesign.store.validation import scenario_problems, summary

# Deleted scenarios can be restored for this long, then purge() removes them.
KEEP_DELETED = timedelta(days=30)
DEFAULT_LIMIT = 50
MAX_LIMIT = 1_000
MAX_MANY = 100
# 9 random bytes: 12 url-safe characters, 72 bits, so ids cannot be guessed or enumerated.
ID_BYTES = 9
_ID = re.compile(r"[A-Za-z0-9_-]{6,32}")
COPY_SUFFIX = " (copy)"


def new_id() -> str:
    """A fresh id that starts with a letter or digit (so that a command line never reads it as
    an option)."""
    while True:
        candidate = secrets.token_urlsafe(ID_BYTES)
        if candidate[0].isalnum():
            return candidate


def is_id(value: object) -> bool:
    """Could ``value`` be a scenario id (e.g. from ?scenario=...)? Checks the form only."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def _check_id(scenario_id: object) -> str:
    if not is_id(scenario_id):
        shown = str(scenario_id)[:40]
        raise NotFound(shown)
    return str(scenario_id)


class ScenarioStore:
    """The saved scenarios of one database, read and checked against one dataset."""

    def __init__(
        self,
        database: Database,
        model: BuybackModel,
        data_digest: str,
        *,
        clock: Clock = utc_now,
    ) -> None:
        self.database = database
        self.model = model
        self.data_digest = data_digest
        self._clock = clock

    @classmethod
    def for_dataset(
        cls, database: Database, dataset: Dataset, *, clock: Clock = utc_now
    ) -> ScenarioStore:
        return cls(database, BuybackModel(dataset), dataset.digest, clock=clock)

    @property
    def notices(self) -> tuple[str, ...]:
        """What happened when the database was opened (e.g. a damaged file set aside)."""
        return self.database.notices

    # --- writing ------------------------------------------------------------------------------

    def save(
        self, name: str, scenario: Scenario, *, note: str = "", author: str = ""
    ) -> SavedScenario:
        """Validate and store ``scenario`` under ``name`` with its outputs on the current data.

        Raises InvalidInput naming the field (name, note, author, or the scenario's levels or
        assumptions) before anything is written."""
        values = self._checked(name, scenario, note, author)
        now = self._clock()
        row = {**values, "saved_at": now, "updated_at": now, "deleted_at": None}
        with self.database.write() as conn:
            return self._insert(conn, row)

    def rename(self, scenario_id: str, name: str) -> SavedScenario:
        clean = text.scenario_name(name)
        return self._update_live(scenario_id, name=clean)

    def set_note(self, scenario_id: str, note: str) -> SavedScenario:
        clean = text.note(note)
        return self._update_live(scenario_id, note=clean)

    def duplicate(self, scenario_id: str, name: str | None = None) -> SavedScenario:
        """A copy under a new id (default name: '<name> (copy)'), saved now, with the same
        scenario, data version and outputs as the original."""
        clean = text.scenario_name(name) if name is not None else None
        sid = _check_id(scenario_id)
        with self.database.write() as conn:
            original = self._row(conn, sid)
            if original["deleted_at"] is not None:
                raise InvalidInput("id", f"scenario {sid!r} is deleted; restore it first")
            if clean is None:
                base = original["name"][: MAX_NAME_CHARS - len(COPY_SUFFIX)].rstrip()
                clean = base + COPY_SUFFIX
            now = self._clock()
            row = {**dict(original), "name": clean, "saved_at": now, "updated_at": now}
            return self._insert(conn, row)

    def delete(self, scenario_id: str) -> SavedScenario:
        """Soft delete: hidden from the list, restorable with undelete() until purged."""
        sid = _check_id(scenario_id)
        with self.database.write() as conn:
            if self._row(conn, sid)["deleted_at"] is None:
                now = self._clock()
                conn.execute(
                    table.update().where(table.c.id == sid).values(deleted_at=now, updated_at=now)
                )
            return self._record(self._row(conn, sid))

    def undelete(self, scenario_id: str) -> SavedScenario:
        sid = _check_id(scenario_id)
        with self.database.write() as conn:
            if self._row(conn, sid)["deleted_at"] is not None:
                conn.execute(
                    table.update()
                    .where(table.c.id == sid)
                    .values(deleted_at=None, updated_at=self._clock())
                )
            return self._record(self._row(conn, sid))

    def purge(self, older_than: timedelta = KEEP_DELETED) -> int:
        """Remove for good the scenarios deleted more than ``older_than`` ago; how many."""
        return purge_deleted(self.database, self._clock() - older_than)

    # --- reading ------------------------------------------------------------------------------

    def get(self, scenario_id: str) -> SavedScenario:
        """The scenario with this id, deleted or not; NotFound if there is none."""
        sid = _check_id(scenario_id)
        with self.database.read() as conn:
            return self._record(self._row(conn, sid))

    def get_many(self, ids: Iterable[str]) -> dict[str, SavedScenario]:
        """The scenarios found among ``ids`` (at most MAX_MANY), in the order asked; ids not
        found are left out, so a page can say which ones were not."""
        wanted = list(dict.fromkeys(i for i in ids if is_id(i)))[:MAX_MANY]
        if not wanted:
            return {}
        with self.database.read() as conn:
            rows = conn.execute(sa.select(table).where(table.c.id.in_(wanted))).mappings()
            found = {row["id"]: self._record(row) for row in rows}
        return {sid: found[sid] for sid in wanted if sid in found}

    def list(
        self,
        *,
        include_deleted: bool = False,
        deleted_only: bool = False,
        limit: int = DEFAULT_LIMIT,
        offset: int = 0,
    ) -> list[SavedScenario]:
        """Newest first, one page of at most ``limit`` (offset ``offset``). Deleted scenarios
        only with ``include_deleted``; only them with ``deleted_only`` (newest deletion first)."""
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidInput("limit", f"must be between 1 and {MAX_LIMIT:,}")
        if offset < 0:
            raise InvalidInput("offset", "must not be negative")
        query = sa.select(table)
        if deleted_only:
            query = query.where(table.c.deleted_at.is_not(None)).order_by(
                table.c.deleted_at.desc(), table.c.saved_at.desc(), table.c.id.desc()
            )
        else:
            if not include_deleted:
                query = query.where(table.c.deleted_at.is_(None))
            query = query.order_by(table.c.saved_at.desc(), table.c.id.desc())
        with self.database.read() as conn:
            rows = conn.execute(query.limit(limit).offset(offset)).mappings().all()
        return [self._record(row) for row in rows]

    def count(self, *, include_deleted: bool = False, deleted_only: bool = False) -> int:
        query = sa.select(sa.func.count()).select_from(table)
        if deleted_only:
            query = query.where(table.c.deleted_at.is_not(None))
        elif not include_deleted:
            query = query.where(table.c.deleted_at.is_(None))
        with self.database.read() as conn:
            return int(conn.execute(query).scalar_one())

    def data_check(self, saved: SavedScenario) -> DataCheck:
        """``saved`` against the current data: whether it changed, and both results."""
        return check_data_version(saved, self.model, self.data_digest)

    # --- internals ----------------------------------------------------------------------------

    def _checked(self, name: str, scenario: Scenario, note: str, author: str) -> dict[str, Any]:
        clean_name = text.scenario_name(name)
        clean_note = text.note(note)
        clean_author = text.author(author)
        if not isinstance(scenario, Scenario):
            raise InvalidInput("scenario", f"expected a Scenario, got {type(scenario).__name__}")
        problems = scenario_problems(self.model, scenario.levels, scenario.assumptions)
        if problems:
            raise InvalidInput("scenario", summary(problems))
        canonical = make_scenario(self.model, scenario.levels, scenario.assumptions, clean_name)
        outputs = Headline.of(self.model.evaluate(canonical))
        return {
            "name": clean_name,
            "note": clean_note,
            "author": clean_author,
            "levels": json.dumps(canonical.levels),
            "assumptions": json.dumps(canonical.assumptions, sort_keys=True),
            "data_digest": self.data_digest,
            "retained_fte": outputs.retained_fte,
            "redundant_fte": outputs.redundant_fte,
            "traded_income_m": outputs.traded_income_m,
            "saving_m": outputs.saving_m,
        }

    def _insert(self, conn: Connection, row: dict[str, Any]) -> SavedScenario:
        # A clash of 72 random bits will not happen; the primary key would refuse it anyway.
        row = {**row, "id": new_id()}
        conn.execute(table.insert().values(**row))
        return self._record(self._row(conn, row["id"]))

    def _update_live(self, scenario_id: str, **values: str) -> SavedScenario:
        sid = _check_id(scenario_id)
        with self.database.write() as conn:
            if self._row(conn, sid)["deleted_at"] is not None:
                raise InvalidInput("id", f"scenario {sid!r} is deleted; restore it first")
            conn.execute(
                table.update().where(table.c.id == sid).values(**values, updated_at=self._clock())
            )
            return self._record(self._row(conn, sid))

    @staticmethod
    def _row(conn: Connection, sid: str) -> RowMapping:
        row = conn.execute(sa.select(table).where(table.c.id == sid)).mappings().first()
        if row is None:
            raise NotFound(sid)
        return row

    def _record(self, row: RowMapping) -> SavedScenario:
        problems: list[str] = []
        levels = _json_mapping(row["levels"], "levels", problems)
        assumptions = _json_mapping(row["assumptions"], "assumptions", problems)
        if not problems:
            problems = scenario_problems(self.model, levels, assumptions)
        return SavedScenario(
            id=row["id"],
            name=row["name"],
            note=row["note"],
            author=row["author"],
            saved_at=row["saved_at"],
            updated_at=row["updated_at"],
            deleted_at=row["deleted_at"],
            levels=_numbers(levels),
            assumptions=_numbers(assumptions),
            data_digest=row["data_digest"],
            retained_fte=row["retained_fte"],
            redundant_fte=row["redundant_fte"],
            traded_income_m=row["traded_income_m"],
            saving_m=row["saving_m"],
            problem=summary(problems) if problems else None,
        )


def _json_mapping(raw: str, field: str, problems: list[str]) -> dict[str, object]:
    try:
        value = json.loads(raw)
    except (ValueError, TypeError):
        problems.append(f"the stored {field} cannot be read")
        return {}
    if not isinstance(value, dict):
        problems.append(f"the stored {field} are not a mapping")
        return {}
    return value


def _numbers(values: dict[str, object]) -> dict[str, float]:
    return {
        key: float(v)
        for key, v in values.items()
        if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
    }


def purge_deleted(database: Database, before: datetime) -> int:
    """Remove the scenarios deleted before ``before`` (an aware datetime); how many.

    Looks first, so that opening the store (which purges) writes only when there is work."""
    old = table.c.deleted_at < before
    with database.read() as conn:
        if conn.execute(sa.select(table.c.id).where(old).limit(1)).first() is None:
            return 0
    with database.write() as conn:
        return int(conn.execute(table.delete().where(old)).rowcount or 0)


def open_store(
    dataset: Dataset,
    url: str | None = None,
    *,
    clock: Clock = utc_now,
    keep_deleted: timedelta = KEEP_DELETED,
) -> ScenarioStore:
    """Open (and migrate) the database at ``url`` (default: $REDESIGN_DB_URL, else
    var/redesign.db), purge scenarios deleted over ``keep_deleted`` ago, and bind it to
    ``dataset``. A long-running app opens the Database once (open_database) and makes a
    ScenarioStore per run instead."""
    database = open_database(url, clock=clock)
    store = ScenarioStore.for_dataset(database, dataset, clock=clock)
    try:
        store.purge(keep_deleted)
    except BaseException:
        database.close()
        raise
    return store
