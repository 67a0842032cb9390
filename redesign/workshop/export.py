"""The workshop's answers, and on request its comments, as CSV files for a spreadsheet.

A cell that a spreadsheet would run as a formula (it starts with = + - @ or a tab) gets a leading
apostrophe: a school's name or comment is data, never a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from redesign.buyback.model import BuybackModel
from redesign.workshop.answers import PHASES
from redesign.workshop.records import Participant, Workshop

NOT_SURE = "not sure"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _write(rows: Sequence[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([safe_cell(str(cell)) for cell in row])
    return out.getvalue()


def _days(value: float) -> str:
    return f"{value:g}"


def answers_csv(model: BuybackModel, workshop: Workshop, people: Sequence[Participant]) -> str:
    """One row a school: its phase, contract length in mind and days a year per offer asked."""
    labels = {g.id: g.label for g in model.groups}
    header = [
        "School",
        "Phase",
        "Contract length in mind (years)",
        *(f"{labels.get(gid, gid)}: days a year" for gid in workshop.offers),
        "Answered (UTC)",
        "Last changed (UTC)",
    ]
    rows: list[list[str]] = [header]
    for p in people:
        a = p.answer
        per_offer = [
            NOT_SURE if gid in a.not_sure else _days(a.days.get(gid, 0.0))
            for gid in workshop.offers
        ]
        rows.append(
            [
                a.school_label,
                PHASES.get(a.phase, a.phase),
                str(a.contract_years),
                *per_offer,
                f"{p.created_at:%Y-%m-%d %H:%M:%S}",
                f"{p.updated_at:%Y-%m-%d %H:%M:%S}",
            ]
        )
    return _write(rows)


def comments_csv(people: Sequence[Participant]) -> str:
    """The comments, one a row with the school that wrote it. They may hold personal data: only
    ever made on the facilitator's request."""
    rows: list[list[str]] = [["School", "Comment"]]
    rows += [[p.answer.school_label, p.comment] for p in people if p.comment]
    return _write(rows)
