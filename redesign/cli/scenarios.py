"""``python -m redesign scenarios save|list|show|rename|note|duplicate|delete|undelete|export|purge``

The saved scenario library from the command line, on the same database as the app (``--db URL``,
else $REDESIGN_DB_URL, else var/redesign.db). ``--json`` prints exactly one JSON document on
stdout. Exit codes: 0 done; 1 the store or the data cannot be used; 2 a refused option or value;
3 no such scenario. A failure prints one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from redesign.buyback.scenario_io import level_to_pct_text, to_yaml
from redesign.cli.common import (
    EXIT_INVALID,
    EXIT_NOT_FOUND,
    EXIT_UNAVAILABLE,
    Output,
    Parser,
    data_not_valid,
    fail,
    failing,
    guarded,
)
from redesign.cli.scenario import ScenarioArgumentError, add_scenario_options, scenario_from_args
from redesign.core.errors import DataError
from redesign.core.formatting import fte, money_m
from redesign.data.dataset import default_data_dir, load_dataset
from redesign.store import (
    KEEP_DELETED,
    QUERY_KEY,
    InvalidInput,
    NotFound,
    SavedScenario,
    ScenarioStore,
    StoreError,
    open_store,
)

Command = Callable[[ScenarioStore, argparse.Namespace], Output]


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else f"{moment.day} {moment:%B %Y %H:%M} UTC"


def _link(saved: SavedScenario) -> str:
    return f"?{QUERY_KEY}={saved.id}"


def _entry(store: ScenarioStore, saved: SavedScenario) -> dict[str, Any]:
    return {
        **saved.to_dict(),
        "data_changed": saved.data_digest != store.data_digest,
        "link": _link(saved),
    }


def _summary_line(saved: SavedScenario) -> str:
    return (
        f"{saved.name!r} ({saved.id}): kept {fte(saved.retained_fte)} FTE, traded income needed "
        f"{money_m(saved.traded_income_m)}, saving {money_m(saved.saving_m)}"
    )


def _one(store: ScenarioStore, saved: SavedScenario, verb: str) -> Output:
    return Output(_entry(store, saved), f"{verb} {_summary_line(saved)}. Link: {_link(saved)}")


# --- commands ---------------------------------------------------------------------------------


def cmd_save(store: ScenarioStore, args: argparse.Namespace) -> Output:
    try:
        scenario = scenario_from_args(store.model, args)
    except ScenarioArgumentError as exc:
        raise InvalidInput("scenario", str(exc)) from None
    saved = store.save(args.name, scenario, note=args.note, author=args.author)
    return _one(store, saved, "Saved")


def cmd_list(store: ScenarioStore, args: argparse.Namespace) -> Output:
    items = store.list(
        include_deleted=args.all,
        deleted_only=args.deleted,
        limit=args.limit,
        offset=args.offset,
    )
    total = store.count(include_deleted=args.all, deleted_only=args.deleted)
    lines = [
        f"{'ID':12}  {'Saved (UTC)':16}  {'Kept FTE':>8}  {'Redundant FTE':>13}  "
        f"{'Income £m':>9}  {'Saving £m':>9}  Name"
    ]
    for s in items:
        flags = "".join(
            (
                " [deleted]" if s.deleted else "",
                " [data changed]" if s.data_digest != store.data_digest else "",
                " [does not fit the data]" if s.problem else "",
            )
        )
        lines.append(
            f"{s.id:12}  {s.saved_at:%Y-%m-%d %H:%M}  {fte(s.retained_fte):>8}  "
            f"{fte(s.redundant_fte):>13}  {money_m(s.traded_income_m):>9}  "
            f"{money_m(s.saving_m):>9}  {s.name}{flags}"
        )
    shown = f"{len(items)} of {total} scenario(s)"
    if args.offset:
        shown += f", from number {args.offset + 1}"
    lines.append(shown + ".")
    return Output([_entry(store, s) for s in items], "\n".join(lines))


def cmd_show(store: ScenarioStore, args: argparse.Namespace) -> Output:
    saved = store.get(args.id)
    check = store.data_check(saved)
    data = {
        **_entry(store, saved),
        "now": {
            "retained_fte": check.now.retained_fte,
            "redundant_fte": check.now.redundant_fte,
            "traded_income_m": check.now.traded_income_m,
            "saving_m": check.now.saving_m,
        },
        "adjustments": list(check.adjustments),
    }
    levels = ", ".join(f"{gid} {level_to_pct_text(v)}%" for gid, v in saved.levels.items())
    assumptions = ", ".join(f"{aid}={v:g}" for aid, v in saved.assumptions.items())
    lines = [
        f"Name:        {saved.name}",
        f"ID:          {saved.id} (link: {_link(saved)})",
        f"Note:        {saved.note or '—'}",
        f"Author:      {saved.author or '—'}",
        f"Saved:       {_when(saved.saved_at)}; changed {_when(saved.updated_at)}",
    ]
    if saved.deleted_at is not None:
        lines.append(
            f"Deleted:     {_when(saved.deleted_at)}; can be restored (undelete) until "
            f"{_when(saved.deleted_at + KEEP_DELETED)}"
        )
    lines += [
        f"Buy-back:    {levels or '—'}",
        f"Assumptions: {assumptions or 'the defaults'}",
        f"Outputs when saved: kept {fte(saved.retained_fte)} FTE, redundant "
        f"{fte(saved.redundant_fte)} FTE, traded income needed {money_m(saved.traded_income_m)}, "
        f"saving {money_m(saved.saving_m)}",
    ]
    if check.data_changed or check.adjustments:
        lines.append(
            "The data has changed since it was saved. On the current data: kept "
            f"{fte(check.now.retained_fte)} FTE, redundant {fte(check.now.redundant_fte)} FTE, "
            f"traded income needed {money_m(check.now.traded_income_m)}, saving "
            f"{money_m(check.now.saving_m)}"
            + (f" (after: {'; '.join(check.adjustments)})" if check.adjustments else "")
        )
    if saved.problem:
        lines.append(f"Problem:     {saved.problem}")
    return Output(data, "\n".join(lines))


def cmd_rename(store: ScenarioStore, args: argparse.Namespace) -> Output:
    return _one(store, store.rename(args.id, args.name), "Renamed:")


def cmd_note(store: ScenarioStore, args: argparse.Namespace) -> Output:
    return _one(store, store.set_note(args.id, args.text), "Note changed:")


def cmd_duplicate(store: ScenarioStore, args: argparse.Namespace) -> Output:
    return _one(store, store.duplicate(args.id, args.name), "Saved a copy:")


def cmd_delete(store: ScenarioStore, args: argparse.Namespace) -> Output:
    saved = store.delete(args.id)
    assert saved.deleted_at is not None
    until = _when(saved.deleted_at + KEEP_DELETED)
    out = _one(store, saved, "Deleted")
    return Output(out.data, f"{out.text}. Restore it with 'undelete {saved.id}' until {until}.")


def cmd_undelete(store: ScenarioStore, args: argparse.Namespace) -> Output:
    return _one(store, store.undelete(args.id), "Restored")


def cmd_export(store: ScenarioStore, args: argparse.Namespace) -> Output:
    saved = store.get(args.id)
    if saved.problem:
        raise InvalidInput(
            "id", f"scenario {saved.id!r} does not fit the current data ({saved.problem})"
        )
    text = to_yaml(store.model, saved.scenario)
    return Output({"id": saved.id, "name": saved.name, "yaml": text}, text.rstrip("\n"))


def cmd_purge(store: ScenarioStore, args: argparse.Namespace) -> Output:
    removed = store.purge(timedelta(days=args.older_than_days))
    return Output(
        {"purged": removed},
        f"Removed for good {removed} scenario(s) deleted over {args.older_than_days:g} day(s) ago.",
    )


# --- parser and main --------------------------------------------------------------------------


def _days(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of days: {text[:20]!r}") from None
    if not 0 <= value <= 36_500:
        raise argparse.ArgumentTypeError("days must be between 0 and 36500")
    return value


def _count(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text[:20]!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}")
        return value

    return parse


def _common_options(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: an option not given leaves the value set before or after the command alone.
    default = argparse.SUPPRESS
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="database URL (default: $REDESIGN_DB_URL or var/redesign.db)",
    )
    parser.add_argument(
        "--json", action="store_true", default=default, help="print one JSON document"
    )
    parser.add_argument(
        "--data", default=default, help="data folder (default: $REDESIGN_DATA_DIR or data/)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="python -m redesign scenarios",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common_options(parser)
    # Accepted after the command too; there they only override when given.
    common = Parser(add_help=False)
    _common_options(common)
    parser.set_defaults(db=None, json=False, data=None)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Command, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    p = add("save", cmd_save, "save a scenario (the options of 'python -m redesign scenario')")
    p.add_argument("--name", required=True, help="up to 60 characters")
    p.add_argument("--note", default="", help="up to 1,000 characters")
    p.add_argument("--author", default="", help="who saved it: a team or initials (up to 60)")
    add_scenario_options(p)

    p = add("list", cmd_list, "the saved scenarios, newest first")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help="deleted ones too")
    which.add_argument("--deleted", action="store_true", help="only deleted ones")
    p.add_argument("--limit", type=_count(1, 1000), default=50, help="at most this many (50)")
    p.add_argument("--offset", type=_count(0, 10**9), default=0, help="skip this many first")

    for name, func, help_text in (
        ("show", cmd_show, "one scenario in full, with its outputs on the current data"),
        ("delete", cmd_delete, f"delete (restorable for {KEEP_DELETED.days} days)"),
        ("undelete", cmd_undelete, "restore a deleted scenario"),
        ("export", cmd_export, "print the scenario file the app reads (YAML)"),
    ):
        add(name, func, help_text).add_argument("id")
    p = add("rename", cmd_rename, "give a scenario a new name")
    p.add_argument("id")
    p.add_argument("name")
    p = add("note", cmd_note, "replace a scenario's note")
    p.add_argument("id")
    p.add_argument("text")
    p = add("duplicate", cmd_duplicate, "save a copy under a new id")
    p.add_argument("id")
    p.add_argument("--name", help="the copy's name (default: '<name> (copy)')")
    p = add("purge", cmd_purge, "remove for good the scenarios deleted a while ago")
    p.add_argument(
        "--older-than-days",
        type=_days,
        default=float(KEEP_DELETED.days),
        help=f"deleted over this many days ago ({KEEP_DELETED.days}; 0: every deleted one)",
    )
    return parser


def _run(args: argparse.Namespace) -> int:
    try:
        dataset = load_dataset(args.data or default_data_dir())
    except DataError as exc:
        return fail(EXIT_UNAVAILABLE, data_not_valid(exc))
    store = open_store(dataset, args.db)
    try:
        for notice in store.notices:
            print(f"notice: {' '.join(notice.split())}", file=sys.stderr)
        output = args.func(store, args)
    finally:
        store.database.close()
    if args.json:
        print(json.dumps(output.data, indent=2, ensure_ascii=False))
    else:
        print(output.text)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return guarded(
        lambda: _run(args),
        [
            (NotFound, failing(EXIT_NOT_FOUND)),
            (InvalidInput, failing(EXIT_INVALID)),
            (StoreError, failing(EXIT_UNAVAILABLE)),
        ],
    )
