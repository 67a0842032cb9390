"""``python -m redesign export --format pdf|pptx|xlsx --out FILE [scenario options]``

The briefing packs the pages' buttons make, from the command line, for officers who script their
papers: the same request makes the same file (``redesign.exports.briefing``). With the scenario
options of ``python -m redesign scenario`` (``--buyback``, ``--group``, ``--assume``) and
``--name``, the pack opens with that buy-back scenario, as the Buy-back what-if page's does;
``--compare-file`` (a scenario file saved from that page) and ``--compare-saved`` (an id in the
saved library) add compared scenarios. ``--page`` makes another page's pack; ``--service ID
--format pdf`` the one-page service sheet.

Exit codes: 0 done; 1 the data, the library, the font or the output file cannot be used; 2 a
refused option or value; 3 no such saved scenario. A failure prints one line on stderr, never a
traceback.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel, Scenario
from redesign.cli.common import (
    EXIT_INVALID,
    EXIT_NOT_FOUND,
    EXIT_UNAVAILABLE,
    Parser,
    data_not_valid,
    fail,
    failing,
    guarded,
)
from redesign.cli.scenario import ScenarioArgumentError, add_scenario_options, scenario_from_args
from redesign.core.errors import DataError
from redesign.data.dataset import Dataset, default_data_dir, load_dataset
from redesign.exports.briefing import (
    FontMissingError,
    NamedScenario,
    PackRequest,
    briefing_pdf,
    briefing_pptx,
    briefing_xlsx,
)
from redesign.exports.pack.request import PAGES, scenario_link
from redesign.exports.sheet.pdf import service_sheet_pdf

FORMATS = {"pdf": briefing_pdf, "pptx": briefing_pptx, "xlsx": briefing_xlsx}


class ExportError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="python -m redesign export",
        description="Write a briefing pack (PDF, PowerPoint or Excel), the same file as a page's "
        "button, or a service's one-page sheet (PDF).",
    )
    p.add_argument("--format", required=True, choices=sorted(FORMATS), help="the file to write")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write it")
    add_scenario_options(p)
    p.add_argument("--name", default="", help="the scenario's name (as on the buy-back page)")
    p.add_argument(
        "--compare-file",
        action="append",
        default=[],
        metavar="FILE",
        help="a scenario file saved from the buy-back page, to compare (repeatable)",
    )
    p.add_argument(
        "--compare-saved",
        action="append",
        default=[],
        metavar="ID",
        help="a scenario saved in the library, to compare (repeatable; see 'scenarios list')",
    )
    p.add_argument(
        "--page",
        choices=PAGES,
        help="the page whose pack to make (default: buyback with a scenario, else overview)",
    )
    p.add_argument(
        "--service",
        metavar="ID",
        help="with --format pdf: the service's one-page sheet; with --page service: that "
        "page's pack for the service",
    )
    p.add_argument(
        "--view",
        choices=("service", "stream"),
        default="service",
        help="the waterfall's steps: by service or by funding stream (service)",
    )
    p.add_argument(
        "--category", default="", metavar="ID", help="the waterfall's proposal category (all)"
    )
    p.add_argument("--date", type=_day, help="the date the pack carries (default: today)")
    p.add_argument(
        "--link-base",
        default="",
        metavar="URL",
        help="the buy-back page's address, to write the scenario's link in full",
    )
    p.add_argument("--data", help="data folder (default: $REDESIGN_DATA_DIR or data/)")
    p.add_argument("--db", help="the library's database URL (default: $REDESIGN_DB_URL)")
    return p


def _has_scenario(args: argparse.Namespace) -> bool:
    return args.buyback is not None or bool(args.group or args.assume or args.name)


def _compared(
    dataset: Dataset, model: BuybackModel, args: argparse.Namespace
) -> list[NamedScenario]:
    compared = []
    for path in args.compare_file:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise ExportError(EXIT_UNAVAILABLE, f"cannot read {path}: {exc.strerror}") from None
        try:
            scenario = sio.from_yaml(model, raw, Path(path).name)
        except DataError as exc:
            raise ExportError(EXIT_INVALID, str(exc.problems[0])) from None
        compared.append(NamedScenario(scenario.name or Path(path).stem, scenario))
    if args.compare_saved:
        compared += _saved(dataset, args)
    return compared


def _saved(dataset: Dataset, args: argparse.Namespace) -> list[NamedScenario]:
    from redesign.store import NotFound, StoreError, open_store

    try:
        store = open_store(dataset, args.db)
    except StoreError as exc:
        raise ExportError(EXIT_UNAVAILABLE, str(exc)) from None
    try:
        out = []
        for sid in args.compare_saved:
            try:
                saved = store.get(sid)
            except NotFound as exc:
                raise ExportError(EXIT_NOT_FOUND, str(exc)) from None
            if saved.problem:
                raise ExportError(EXIT_INVALID, f"saved scenario {sid}: {saved.problem}")
            out.append(NamedScenario(saved.name, saved.scenario, "saved library", saved.id))
        return out
    finally:
        store.database.close()


def make(args: argparse.Namespace) -> bytes:
    """The file the options ask for (raises ExportError with a one-line message)."""
    try:
        dataset = load_dataset(args.data or default_data_dir())
    except DataError as exc:
        raise ExportError(EXIT_UNAVAILABLE, data_not_valid(exc)) from None
    day = args.date or date.today()
    ids = [s.id for s in dataset.services]
    if args.service is not None and args.service not in ids:
        raise ExportError(
            EXIT_INVALID, f"unknown service {args.service!r}; services: {', '.join(ids)}"
        )
    if args.service is not None and args.page is None:
        if args.format != "pdf" or _has_scenario(args) or args.compare_file or args.compare_saved:
            raise ExportError(
                EXIT_INVALID,
                "the service sheet is one PDF page: use --service ID --format pdf alone "
                "(or --page service for that page's pack)",
            )
        return service_sheet_pdf(dataset, args.service, day)
    if args.page == "service" and args.service is None:
        raise ExportError(EXIT_INVALID, "--page service needs --service ID")
    model = BuybackModel(dataset)
    scenario: Scenario | None = None
    if _has_scenario(args):
        try:
            scenario = scenario_from_args(model, args)
        except ScenarioArgumentError as exc:
            raise ExportError(EXIT_INVALID, str(exc)) from None
        scenario = Scenario(scenario.levels, scenario.assumptions, sio.clean_name(args.name))
    compared = _compared(dataset, model, args)
    page = args.page or ("buyback" if scenario is not None or compared else "overview")
    if page == "buyback" and scenario is None:
        scenario = model.default_scenario()  # as the page shows it before anything is changed
    request = PackRequest(
        scenario=scenario,
        link=scenario_link(model, scenario, args.link_base) if scenario is not None else "",
        compared=tuple(compared),
        page=page,
        service_id=args.service or "",
        waterfall_view=args.view,
        waterfall_category=args.category,
        generated_on=day,
    )
    return FORMATS[args.format](dataset, request)


def _write(path: str, data: bytes) -> None:
    """Write the whole file or nothing (a temporary file beside it, then renamed)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(EXIT_UNAVAILABLE, f"no such folder for --out: {folder}")
    fd, tmp = tempfile.mkstemp(prefix=".export-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(EXIT_UNAVAILABLE, f"cannot write {path}: {exc.strerror}") from None


def _export_failed(exc: BaseException) -> int:
    code = exc.code if isinstance(exc, ExportError) else EXIT_UNAVAILABLE
    return fail(code, str(exc))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)

    def run() -> int:
        data = make(args)
        _write(args.out, data)
        print(f"Wrote {args.out} ({len(data):,} bytes).")
        return 0

    return guarded(
        run,
        [
            (ExportError, _export_failed),
            (FontMissingError, failing(EXIT_UNAVAILABLE)),
        ],
    )
