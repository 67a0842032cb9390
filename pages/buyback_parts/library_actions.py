"""What the scenario library's buttons do, and a link to a saved scenario (?scenario=<id>).

Callbacks run before the page script, so they may set the scenario and the widgets. Each does one
store call; a refused value, a scenario that is gone or a store that cannot be used becomes a
message on the page (``Message``), never an exception."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import streamlit as st

from redesign.buyback.model import Scenario
from redesign.core.text import plain_text
from redesign.present import library as pl
from redesign.store import (
    KEEP_DELETED,
    QUERY_KEY,
    InvalidInput,
    NotFound,
    SavedScenario,
    ScenarioStore,
    StoreError,
    is_id,
    scenario_for_current_data,
)
from ui.store import scenario_store

from . import comparison
from . import state as bs

NOTE = "bb:lib:note"
AUTHOR = "bb:lib:author"
CHOSEN = "bb:lib:chosen"
MESSAGE = "bb:lib:msg"
DIGEST = "bb:lib:digest"
LIMIT = "bb:lib:limit"
PAGE_SIZE = 50

Where = Literal["save", "list"]
Kind = Literal["success", "info", "warning", "error"]


@dataclass(frozen=True)
class Message:
    """What an action did, shown once where it was asked for (``where``)."""

    where: Where
    kind: Kind
    text: str
    details: tuple[str, ...] = ()
    undo_id: str | None = None  # a deletion that the message's Undo button restores


def rename_key(scenario_id: str) -> str:
    return f"bb:lib:rename:{scenario_id}"


def store() -> ScenarioStore:
    """The library bound to this session's model and data (StoreUnavailable if it is down)."""
    return scenario_store(bs.model(), st.session_state.get(DIGEST, ""))


def _act(where: Where, failed: str, action: Callable[[ScenarioStore], Message]) -> None:
    try:
        message = action(store())
    except NotFound:
        message = Message(
            where,
            "warning",
            f"{failed}: that scenario is no longer in the library (deleted for good).",
        )
    except InvalidInput as exc:
        if exc.field == "name" and where == "save":
            text = f"{failed}: type a name for the scenario in “Scenario name” first."
        else:
            text = f"{failed}: {exc}."
        message = Message(where, "error", text)
    except StoreError as exc:
        message = Message(
            where, "error", f"{failed}: the scenario library cannot be used now ({exc})."
        )
    st.session_state[MESSAGE] = message


# --- saving -------------------------------------------------------------------------------------


def on_save() -> None:
    def act(library: ScenarioStore) -> Message:
        ss = st.session_state
        s = bs.scenario()
        saved = library.save(
            s.name, s, note=str(ss.get(NOTE) or ""), author=str(ss.get(AUTHOR) or "")
        )
        ss[NOTE] = ""
        ss[CHOSEN] = saved.id
        # While the scenario stays as saved, the address bar holds its permalink.
        ss[bs.OPENED] = (saved.id, s)
        return Message(
            "save",
            "success",
            f"Saved “{saved.name}” to the library: {pl.headline_text(saved.headline)}. "
            "The address bar now holds its permalink.",
        )

    _act("save", "Not saved", act)


# --- one saved scenario -------------------------------------------------------------------------


def _fitted(library: ScenarioStore, saved: SavedScenario) -> tuple[Scenario, list[str]]:
    return scenario_for_current_data(saved, library.model)


def on_open(scenario_id: str) -> None:
    def act(library: ScenarioStore) -> Message:
        saved = library.get(scenario_id)
        if saved.deleted:
            return Message("list", "warning", f"“{saved.name}” is deleted; restore it first.")
        scenario, changes = _fitted(library, saved)
        bs.set_scenario(scenario)
        comparison.ask_full_run()
        st.session_state[bs.OPENED] = (saved.id, scenario)
        text = (
            f"Opened “{saved.name}”: the controls and results above show it, and the address"
            " bar holds its permalink."
        )
        if changes:
            text += " It was saved on earlier data; to fit today's data:"
        return Message("list", "success", text, tuple(changes))

    _act("list", "Not opened", act)


def on_rename(scenario_id: str) -> None:
    def act(library: ScenarioStore) -> Message:
        old = library.get(scenario_id)
        saved = library.rename(scenario_id, str(st.session_state.get(rename_key(scenario_id), "")))
        return Message("list", "success", f"Renamed “{old.name}” to “{saved.name}”.")

    _act("list", "Not renamed", act)


def on_duplicate(scenario_id: str) -> None:
    def act(library: ScenarioStore) -> Message:
        copy = library.duplicate(scenario_id)
        st.session_state[CHOSEN] = copy.id
        return Message("list", "success", f"Saved a copy as “{copy.name}”.")

    _act("list", "Not copied", act)


def on_delete(scenario_id: str) -> None:
    def act(library: ScenarioStore) -> Message:
        ss = st.session_state
        saved = library.delete(scenario_id)
        opened = ss.get(bs.OPENED)
        if opened is not None and opened[0] == scenario_id:
            del ss[bs.OPENED]  # its permalink would no longer open it
        ss[CHOSEN] = None
        return Message(
            "list",
            "success",
            f"Deleted “{saved.name}”. It can be restored (Undo, or under “Recently deleted”)"
            f" until {pl.restorable_until(saved)}; after {KEEP_DELETED.days} days it is removed"
            " for good.",
            undo_id=saved.id,
        )

    _act("list", "Not deleted", act)


def on_undelete(scenario_id: str) -> None:
    def act(library: ScenarioStore) -> Message:
        saved = library.undelete(scenario_id)
        st.session_state[CHOSEN] = saved.id
        return Message("list", "success", f"Restored “{saved.name}” to the library.")

    _act("list", "Not restored", act)


def on_compare(scenario_id: str) -> None:
    def act(library: ScenarioStore) -> Message:
        saved = library.get(scenario_id)
        scenario, _ = _fitted(library, saved)
        added = comparison.add_saved(saved, scenario)
        # The comparison's own message, shown here where the button was pressed.
        text = str(st.session_state.pop(bs.COMPARE_MSG, ""))
        return Message("list", "info" if added else "warning", text)

    _act("list", "Not added to the comparison", act)


def on_more() -> None:
    ss = st.session_state
    ss[LIMIT] = int(ss.get(LIMIT, PAGE_SIZE)) + PAGE_SIZE


# --- a link to a saved scenario -----------------------------------------------------------------


def open_link() -> None:
    """On the page's first run: open the saved scenario a link names (?scenario=<id>), or say
    why not among the link's notices (the scenario then stays as the rest of the link sets it)."""
    values = st.query_params.get_all(QUERY_KEY)
    if not values:
        return
    notices: list[str] = []
    if len(values) > 1:
        notices.append(f"The link names {len(values)} saved scenarios; it can open one.")
    elif not is_id(values[0]):
        notices.append(f"“{plain_text(values[0])[:40]}” is not the id of a saved scenario.")
    else:
        notices += _open_saved(values[0])
    if notices:
        ss = st.session_state
        ss[bs.NOTICES] = [*(ss.get(bs.NOTICES) or []), *notices]


def _open_saved(scenario_id: str) -> list[str]:
    try:
        library = store()
        saved = library.get(scenario_id)
    except NotFound:
        return [pl.missing_notice(scenario_id)]
    except StoreError as exc:
        return [pl.unavailable_notice(str(exc))]
    if saved.deleted:
        return [pl.deleted_notice(saved)]
    scenario, changes = _fitted(library, saved)
    others = [k for k in st.query_params if bs.is_link_key(k) and k != QUERY_KEY]
    bs.set_scenario(scenario)  # clears the link's earlier notices: they were about the rest
    st.session_state[bs.OPENED] = (saved.id, scenario)
    notices = []
    if others:
        notices.append("The link's other settings were ignored: it opens a saved scenario.")
    notices += [f"“{saved.name}” was saved on earlier data: {change}." for change in changes]
    return notices
