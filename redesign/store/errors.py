"""What can go wrong with the store, each as one line a person can act on (never a traceback)."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every store error; ``str()`` is one line, fit to show a user as it is."""

    def __init__(self, message: str) -> None:
        # One line whatever the cause says (a driver's message can span several).
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        return str(self)


class InvalidInput(StoreError, ValueError):
    """A name, note, author, id or scenario the store refuses; the message names the field."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        super().__init__(f"{field}: {problem}")


class NotFound(StoreError, LookupError):
    """No saved scenario with that id."""

    def __init__(self, scenario_id: str) -> None:
        self.scenario_id = scenario_id
        super().__init__(f"no saved scenario with id {scenario_id!r}")


class StoreUnavailable(StoreError):
    """The database cannot be used now: not reachable, damaged, busy or of an unknown schema.

    A page shows the message in place of the library controls; everything else keeps working."""


class SchemaTooNew(StoreUnavailable):
    """The database was migrated by a newer version of the app than this one."""
