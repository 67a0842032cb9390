"""What the scenario library on the buy-back page shows (pure: no Streamlit): when a scenario was
saved, in words; the list as a table of text; a saved scenario against the current data; its
permalink; and what a link asking for a saved scenario gets when it cannot be opened."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from redesign.core.formatting import fte, money_m
from redesign.store import KEEP_DELETED, QUERY_KEY, DataCheck, Headline, SavedScenario

# The council is in England: times are shown as the officers' clocks show them.
try:
    UK_TIME: tzinfo = ZoneInfo("Europe/London")
    ZONE_NOTE = "UK time"
except ZoneInfoNotFoundError:  # a machine without time-zone data (e.g. Windows without tzdata)
    UK_TIME = UTC
    ZONE_NOTE = "UTC"

NAME = "Name"
SAVED_BY = "Saved by"
SAVED = "Saved"
KEPT = "FTE kept"
INCOME = "Traded income needed £m"
SAVING = "Saving £m"
DATA = "Against today's data"
LIST_COLUMNS = (NAME, SAVED_BY, SAVED, KEPT, INCOME, SAVING, DATA)
NOT_GIVEN = "—"


def saved_when(moment: datetime, zone: tzinfo = UK_TIME) -> str:
    """A stored (UTC) time as people write it: "23 November 2026, 14:05"."""
    local = moment.astimezone(zone)
    return f"{local.day} {local:%B %Y}, {local:%H:%M}"


def restorable_until(saved: SavedScenario, zone: tzinfo = UK_TIME) -> str:
    """When a deleted scenario is removed for good (the store's purge), in words."""
    deleted = saved.deleted_at or saved.updated_at
    return saved_when(deleted + KEEP_DELETED, zone)


def data_state(saved: SavedScenario, current_digest: str) -> str:
    """One phrase for the list: does the saved scenario still fit today's data?"""
    if saved.problem:
        return f"Does not fit: {saved.problem}"
    if saved.data_digest != current_digest:
        return "Data changed since saved"
    return "Same data"


def list_rows(
    items: Sequence[SavedScenario], current_digest: str, zone: tzinfo = UK_TIME
) -> list[dict[str, str]]:
    """The library as text, one row a scenario, newest first (as the store lists them). The
    outputs are those computed when each was saved. Rows, not a DataFrame: the page draws the
    list on every full run, where building and formatting a frame cost several times as much."""
    return [
        {
            NAME: s.name,
            SAVED_BY: s.author or NOT_GIVEN,
            SAVED: saved_when(s.saved_at, zone),
            KEPT: fte(s.retained_fte),
            INCOME: money_m(s.traded_income_m),
            SAVING: money_m(s.saving_m),
            DATA: data_state(s, current_digest),
        }
        for s in items
    ]


def choice_label(saved: SavedScenario, zone: tzinfo = UK_TIME) -> str:
    """How a saved scenario is named in a chooser: its name, who saved it and when."""
    by = f" by {saved.author}" if saved.author else ""
    return f"{saved.name} (saved{by}, {saved_when(saved.saved_at, zone)})"


def saved_line(saved: SavedScenario, zone: tzinfo = UK_TIME) -> str:
    """ "Saved by AB on 23 November 2026, 14:05 (UK time)." """
    by = f" by {saved.author}" if saved.author else ""
    return f"Saved{by} on {saved_when(saved.saved_at, zone)} ({ZONE_NOTE})."


def headline_text(outputs: Headline) -> str:
    return (
        f"{fte(outputs.retained_fte)} FTE kept, traded income needed "
        f"{money_m(outputs.traded_income_m)} a year, saving {money_m(outputs.saving_m)} a year"
    )


@dataclass(frozen=True)
class DataChangeNote:
    """A saved scenario whose data changed: the sentence, and both results as table rows."""

    sentence: str
    rows: tuple[dict[str, str], ...]
    adjustments: tuple[str, ...]


def data_change_note(check: DataCheck) -> DataChangeNote | None:
    """None when the scenario was saved on today's data and still fits it; otherwise what
    changed, with its outputs when saved and on today's data side by side."""
    if not check.data_changed and not check.adjustments:
        return None
    if check.outputs_changed:
        sentence = (
            "The data has changed since this scenario was saved, and so have its results: "
            "both are below. Opening it uses today's data."
        )
    else:
        sentence = (
            "The data has changed since this scenario was saved; its results are the same "
            "on today's data."
        )
    pairs = (
        ("FTE kept (at-risk posts)", fte(check.saved.retained_fte), fte(check.now.retained_fte)),
        (
            "FTE redundant (at-risk posts)",
            fte(check.saved.redundant_fte),
            fte(check.now.redundant_fte),
        ),
        (
            "Traded income needed £m",
            money_m(check.saved.traded_income_m),
            money_m(check.now.traded_income_m),
        ),
        ("Saving £m", money_m(check.saved.saving_m), money_m(check.now.saving_m)),
    )
    rows = tuple(
        {"Output": label, "When saved": then, "On today's data": now} for label, then, now in pairs
    )
    return DataChangeNote(sentence, rows, check.adjustments)


def earlier_data_note(saved: SavedScenario, current_digest: str) -> str | None:
    """Under a compared saved scenario: its results when saved, if the data has changed since
    (the comparison shows every scenario on today's data)."""
    if saved.data_digest == current_digest:
        return None
    return (
        "Saved on earlier data: the comparison shows its results on today's data. When saved: "
        f"{headline_text(saved.headline)}."
    )


def permalink(page_url: str, scenario_id: str) -> str:
    """The address that opens a saved scenario on any server sharing the database."""
    return f"{page_url}?{QUERY_KEY}={scenario_id}"


def deleted_notice(saved: SavedScenario, zone: tzinfo = UK_TIME) -> str:
    """What a link to a deleted scenario says instead of opening it."""
    deleted = saved_when(saved.deleted_at or saved.updated_at, zone)
    return (
        f"The saved scenario “{saved.name}” in this link was deleted on {deleted}. It can be "
        f"restored under “Recently deleted” in the library below until "
        f"{restorable_until(saved, zone)}; it was not opened."
    )


def missing_notice(scenario_id: str) -> str:
    return (
        f"There is no saved scenario “{scenario_id[:40]}” in the library (it may have been "
        f"deleted over {KEEP_DELETED.days} days ago); nothing was opened."
    )


def unavailable_notice(problem: str) -> str:
    return (
        f"This link opens a saved scenario, but the scenario library cannot be used now "
        f"({problem}); it was not opened."
    )
