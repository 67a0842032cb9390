"""Command line: ``python -m redesign validate|summary|scenario|scenarios|export``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from redesign.cli.scenario import add_scenario_parser
from redesign.core.errors import DataError
from redesign.data.dataset import Dataset, default_data_dir, load_dataset
from redesign.present.summary import summary


def _load(data_dir: str | None) -> Dataset | None:
    try:
        return load_dataset(Path(data_dir) if data_dir else default_data_dir())
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found.", file=sys.stderr)
        return None


def cmd_validate(args: argparse.Namespace) -> int:
    data_dir = args.data_dir or args.data
    root = Path(data_dir) if data_dir else default_data_dir()
    try:
        dataset = load_dataset(root)
    except DataError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    figures = sum(
        len(s.staffing.figures) + len(s.budget.savings_by_stream_m) + len(s.budget.components) + 3
        for s in dataset.services
    )
    print(
        f"OK: {root} is valid: {len(dataset.services)} services, "
        f"{len(dataset.categories)} proposal categories, {len(dataset.sen_support.groups)} "
        f"at-risk groups, {len(dataset.assumptions)} assumptions, about {figures} service figures"
        + (
            f"; SEN dataset: {len(dataset.sen.categories.rows)} categories of need (all mapped), "
            f"{len(dataset.sen.special_schools.rows)} special schools, "
            f"{len(dataset.sen.actions)} suggested actions."
            if dataset.sen is not None
            else "."
        )
    )
    return 0


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    return f"£{value:.2f}m" if unit == "£m" else f"{value:.2f}"


def cmd_summary(args: argparse.Namespace) -> int:
    dataset = _load(args.data)
    if dataset is None:
        return 1
    data = summary(dataset)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(f"{'Service':46} {'Budget':>9} {'Cost':>9} {'Saving':>9} {'FTE now':>8} {'FTE after':>9}")
    for s in data["services"]:
        print(
            f"{s['name'][:46]:46} {_fmt(s['current_budget_m'], '£m'):>9} "
            f"{_fmt(s['proposed_cost_m'], '£m'):>9} {_fmt(s['saving_m'], '£m'):>9} "
            f"{_fmt(s['current_fte']):>8} {_fmt(s['proposed_fte']):>9}"
        )
    t = data["totals"]
    print(
        f"{'Total':46} {_fmt(t['current_budget_m'], '£m'):>9} {_fmt(t['proposed_cost_m'], '£m'):>9} "
        f"{_fmt(t['saving_m'], '£m'):>9} {_fmt(t['current_fte']):>8} {_fmt(t['proposed_fte']):>9}"
    )
    print(f"\n{len(data['discrepancies'])} published figures do not reconcile:")
    for d in data["discrepancies"]:
        print(f"- {d['service']}: {d['check_label']}: {d['detail']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m redesign",
        description="Validate and summarise an Education Services redesign dataset.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p_validate = sub.add_parser("validate", help="check a data folder; exit 1 listing problems")
    p_validate.add_argument("data_dir", nargs="?", help="data folder (default: data/)")
    p_validate.add_argument("--data", help=argparse.SUPPRESS)
    p_validate.set_defaults(func=cmd_validate)

    p_summary = sub.add_parser("summary", help="services, totals and discrepancies")
    p_summary.add_argument("--json", action="store_true", help="print JSON")
    p_summary.add_argument("--data", help="data folder (default: $REDESIGN_DATA_DIR or data/)")
    p_summary.set_defaults(func=cmd_summary)

    add_scenario_parser(sub)
    # Listed for --help; main() hands "scenarios ..." to redesign.cli.scenarios, which has its own
    # subcommands and one-line errors.
    sub.add_parser("scenarios", help="the saved scenario library: python -m redesign scenarios -h")
    sub.add_parser(
        "workshop", help="workshops from the command line: python -m redesign workshop -h"
    )
    sub.add_parser(
        "export",
        help="a briefing pack (pdf, pptx, xlsx) or service sheet: python -m redesign export -h",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["scenarios"]:
        from redesign.cli.scenarios import main as scenarios_main

        return scenarios_main(args_list[1:])
    if args_list[:1] == ["workshop"]:
        from redesign.cli.workshop import main as workshop_main

        return workshop_main(args_list[1:])
    if args_list[:1] == ["export"]:
        from redesign.cli.export import main as export_main

        return export_main(args_list[1:])
    parser = build_parser()
    args = parser.parse_args(args_list)
    return int(args.func(args))
