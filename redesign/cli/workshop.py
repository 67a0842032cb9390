"""``python -m redesign workshop create|answer|tally|close|export|...``: a workshop from outside
the app, on the same database (``--db URL``, else $REDESIGN_DB_URL, else var/redesign.db).

    create --title T [--schools N] [--offer GROUP_ID ...] [--paused]  -> {id, join_code, facilitator_key}
    answer --code CODE --school NAME|anonymous [--phase P] [--years 1|2|3]
           [--days GROUP_ID=DAYS ...] [--not-sure GROUP_ID ...] [--comment TEXT] [--token TOKEN]
                                                                   -> {participant_token}
    tally  --id ID --key KEY [--days-per-fte D]                    -> answers, per offer, posts...
    show | close | reopen | reveal | hide | lock | unlock | delete | undelete | erase
           --id ID --key KEY
    apply  --id ID --key KEY [--scaled]    the tally saved as a library scenario
    export --id ID --key KEY [--comments]  answers as CSV (the comments instead, on request)

``--json`` prints one JSON document. Exit codes: 0 done; 1 the store or the data cannot be used;
2 a refused option or value; 3 no such workshop, wrong code or key; 4 the workshop refuses the
answer now (closed, paused, already answered, too many wrong codes). A failure prints one line on
stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from redesign.buyback.model import BuybackModel
from redesign.cli.common import (
    EXIT_INVALID,
    EXIT_NOT_FOUND,
    EXIT_REFUSED,
    EXIT_UNAVAILABLE,
    Output,
    Parser,
    data_not_valid,
    fail,
    failing,
    guarded,
)
from redesign.core.errors import DataError
from redesign.core.formatting import fte, money_m
from redesign.data.dataset import Dataset, default_data_dir, load_dataset
from redesign.store import InvalidInput, NotFound, ScenarioStore, StoreError, open_database
from redesign.workshop import (
    PHASES,
    AnswerRefused,
    OfferError,
    OfferInput,
    Refused,
    WorkshopStore,
    answers_csv,
    apply_to_library,
    comments_csv,
    make_answer,
)
from redesign.workshop.summary import tally_dict, workshop_dict

ANONYMOUS_WORDS = ("anonymous", "")


Command = Callable[[WorkshopStore, Dataset, argparse.Namespace], Output]


def cmd_create(store: WorkshopStore, _data: Dataset, args: argparse.Namespace) -> Output:
    made = store.create(args.title, args.offer or [], args.schools, open_now=not args.paused)
    shop = made.workshop
    data = {
        "id": shop.id,
        "join_code": shop.code_text,
        "facilitator_key": made.facilitator_key,
        "participant_link": f"/workshop?join={shop.join_code}",
        "facilitator_link": f"/workshop?workshop={shop.id}&key={made.facilitator_key}",
    }
    return Output(
        data,
        f"Created {shop.title!r} ({shop.state}). Join code: {shop.code_text}\n"
        f"Participants: /workshop?join={shop.join_code}\n"
        f"Facilitator (keep it private): {data['facilitator_link']}",
    )


def _pair(text: str) -> tuple[str, str]:
    gid, sep, value = text.partition("=")
    if not sep or not gid:
        raise argparse.ArgumentTypeError(f"expected GROUP_ID=DAYS, got {text[:40]!r}")
    return gid.strip(), value


def cmd_answer(store: WorkshopStore, _data: Dataset, args: argparse.Namespace) -> Output:
    workshop = store.join(args.code)
    inputs = {gid: OfferInput(value, "days") for gid, value in args.days or []}
    for gid in args.not_sure or []:
        inputs[gid] = OfferInput("", "days", not_sure=True)
    answer = make_answer(
        offers=workshop.offers,
        school=args.school,
        anonymous=args.school.strip().casefold() in ANONYMOUS_WORDS,
        phase=args.phase,
        contract_years=args.years,
        inputs=inputs,
        comment=args.comment,
    )
    sent = store.answer(args.code, answer, args.token)
    verb = "Changed" if sent.changed else "Received"
    return Output(
        {"participant_token": sent.token, "changed": sent.changed},
        f"{verb}: the answer of {answer.school_label} to {workshop.title!r}. To change it: "
        f"--token {sent.token}",
    )


def cmd_tally(store: WorkshopStore, _data: Dataset, args: argparse.Namespace) -> Output:
    workshop = store.facilitate(args.id, args.key)
    result = store.tally(workshop, args.days_per_fte)
    data = tally_dict(result)
    lines = [f"{workshop.title}: {result.answers} answer(s); {result.unsure_schools} not sure"]
    for name, basis in (("Room alone", result.room), ("Scaled", result.scaled)):
        if name == "Scaled":
            name = f"Scaled to {result.scaled_to} schools"
        lines.append(
            f"{name}: kept {fte(basis.retained_fte)} FTE, redundant {fte(basis.redundant_fte)} "
            f"FTE, traded income {money_m(basis.traded_income_m)}, saving {money_m(basis.saving_m)}"
        )
        for o in basis.offers:
            lines.append(
                f"  {o.offer.label}: {o.days:,.1f} days, {fte(o.fte)} FTE, level {o.level:.1%}"
            )
    return Output(data, "\n".join(lines))


def _state(verb: str, change: Callable[[WorkshopStore, str, str], Any]) -> Command:
    def run(store: WorkshopStore, _data: Dataset, args: argparse.Namespace) -> Output:
        workshop = change(store, args.id, args.key)
        return Output(workshop_dict(workshop), f"{verb} {workshop.title!r}: {workshop.state}.")

    return run


def cmd_show(store: WorkshopStore, _data: Dataset, args: argparse.Namespace) -> Output:
    workshop = store.facilitate(args.id, args.key)
    people = store.participants(args.id, args.key)
    data = workshop_dict(workshop) | {"answers": len(people)}
    return Output(
        data, f"{workshop.title!r} ({workshop.code_text}): {workshop.state}, {len(people)} answers"
    )


def cmd_erase(store: WorkshopStore, _data: Dataset, args: argparse.Namespace) -> Output:
    store.erase(args.id, args.key)
    return Output({"erased": args.id}, "Erased for good: the workshop, its answers and comments.")


def cmd_apply(store: WorkshopStore, dataset: Dataset, args: argparse.Namespace) -> Output:
    scenarios = ScenarioStore.for_dataset(store.database, dataset)
    basis = "scaled" if args.scaled else "room"
    saved = apply_to_library(store, scenarios, args.id, args.key, basis)
    data = saved.to_dict() | {"link": f"/buyback?scenario={saved.id}"}
    return Output(data, f"Saved {saved.name!r} to the library ({saved.id}).")


def cmd_export(store: WorkshopStore, dataset: Dataset, args: argparse.Namespace) -> Output:
    workshop = store.facilitate(args.id, args.key)
    people = store.participants(args.id, args.key)
    text = comments_csv(people) if args.comments else answers_csv(store.model, workshop, people)
    return Output({"comments_csv" if args.comments else "answers_csv": text}, text.rstrip("\n"))


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="python -m redesign workshop",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common = Parser(add_help=False)
    common.add_argument("--db", metavar="URL", help="database URL (default: $REDESIGN_DB_URL)")
    common.add_argument("--json", action="store_true", help="print one JSON document")
    common.add_argument("--data", help="data folder (default: $REDESIGN_DATA_DIR or data/)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Command, help_text: str, *, facilitator: bool = True) -> Any:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        if facilitator:
            p.add_argument("--id", required=True, help="the workshop's id")
            p.add_argument("--key", required=True, help="the facilitator key")
        return p

    p = add("create", cmd_create, "create a workshop", facilitator=False)
    p.add_argument("--title", required=True, help="up to 80 characters")
    p.add_argument("--schools", type=int, default=100, help="schools in the city (100)")
    p.add_argument("--offer", action="append", metavar="GROUP_ID", help="(default: all)")
    p.add_argument("--paused", action="store_true", help="create with answering paused")

    p = add(
        "answer", cmd_answer, "answer as a school (or change it with --token)", facilitator=False
    )
    p.add_argument("--code", required=True, help="the join code")
    p.add_argument("--school", required=True, help="the school's name, or 'anonymous'")
    p.add_argument("--phase", default="other", choices=list(PHASES))
    p.add_argument("--years", type=int, default=1, help="contract length in mind: 1, 2 or 3")
    p.add_argument("--days", type=_pair, action="append", metavar="GROUP_ID=DAYS")
    p.add_argument("--not-sure", action="append", metavar="GROUP_ID")
    p.add_argument("--comment", default="", help="up to 1,000 characters")
    p.add_argument("--token", help="the participant token of the answer to change")

    p = add("tally", cmd_tally, "the room's answers run through the buy-back model")
    p.add_argument("--days-per-fte", type=float, help="days a year one FTE delivers")
    add("show", cmd_show, "the workshop's state")
    for name, verb, change in (
        ("close", "Closed", lambda s, i, k: s.close(i, k)),
        ("reopen", "Reopened", lambda s, i, k: s.reopen(i, k)),
        ("reveal", "Results shown to the room in", lambda s, i, k: s.update(i, k, revealed=True)),
        ("hide", "Results hidden from the room in", lambda s, i, k: s.update(i, k, revealed=False)),
        ("lock", "Answering paused in", lambda s, i, k: s.update(i, k, locked=True)),
        ("unlock", "Answering reopened in", lambda s, i, k: s.update(i, k, locked=False)),
        ("delete", "Deleted (restorable for 30 days)", lambda s, i, k: s.delete(i, k)),
        ("undelete", "Restored", lambda s, i, k: s.undelete(i, k)),
    ):
        add(name, _state(verb, change), f"{name} the workshop")
    add("erase", cmd_erase, "remove the workshop, answers and comments for good, now")
    p = add("apply", cmd_apply, "save the tally to the scenario library")
    p.add_argument("--scaled", action="store_true", help="the room scaled to the city's schools")
    p = add("export", cmd_export, "the answers as CSV")
    p.add_argument("--comments", action="store_true", help="the comments instead (personal data)")
    return parser


def _run(args: argparse.Namespace) -> int:
    try:
        dataset = load_dataset(args.data or default_data_dir())
    except DataError as exc:
        return fail(EXIT_UNAVAILABLE, data_not_valid(exc))
    database = open_database(args.db)
    try:
        for notice in database.notices:
            print(f"notice: {' '.join(notice.split())}", file=sys.stderr)
        store = WorkshopStore(database, BuybackModel(dataset))
        store.purge()
        output = args.func(store, dataset, args)
    finally:
        database.close()
    print(json.dumps(output.data, indent=2, ensure_ascii=False) if args.json else output.text)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return guarded(
        lambda: _run(args),
        [
            (NotFound, failing(EXIT_NOT_FOUND)),
            (Refused, failing(EXIT_REFUSED)),
            (InvalidInput, failing(EXIT_INVALID)),
            ((StoreError, OfferError), failing(EXIT_UNAVAILABLE)),
            ((AnswerRefused, ValueError), failing(EXIT_INVALID)),
        ],
    )
