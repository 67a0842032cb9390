"""What a one-page service sheet says: a service before and after in money and posts, what changes,
what schools said, where its figures do not add up, and the sources (pure Python).

Headteachers read it on paper, so it is one A4 page for every service. The report's own words are
quoted as they stand; where a service's text is too long for the page, ``shortened`` cuts it at a
paragraph or sentence and says so, pointing to the full text (nothing is rewritten)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from redesign.buyback.text import in_sentence
from redesign.checks.reconciliation import service_discrepancies
from redesign.core.formatting import count, fte, money_m, signed_fte, signed_money_m
from redesign.core.text import plain_text
from redesign.data.dataset import Dataset
from redesign.data.services import FUNDING_STREAMS, TEXT_FIELDS, Service
from redesign.exports.pack.model import PROPOSALS, long_date
from redesign.model.finance import service_money, service_staffing
from redesign.present.savings import money_figures, service_stream_savings
from redesign.present.services import source_summary
from redesign.present.staffing import staffing_figures

CHANGE_FIELDS = ("proposed_model", "proposed_offer", "impact", "staff_impact")
FEEDBACK_FIELD = "feedback"
ELLIPSIS = "…"


@dataclass(frozen=True)
class Passage:
    """A heading and the report's words under it (paragraphs), possibly shortened."""

    heading: str
    paragraphs: tuple[str, ...]
    shortened: bool = False

    @property
    def length(self) -> int:
        return sum(len(p) for p in self.paragraphs)


@dataclass(frozen=True)
class ServiceSheet:
    service_id: str
    name: str
    generated_on: date
    figures: tuple[tuple[str, str, str, str], ...]  # (what, now, proposed, change)
    figure_notes: tuple[str, ...]
    changes: tuple[Passage, ...]
    feedback: Passage | None
    discrepancies: tuple[str, ...]
    sources: str
    full_text: str  # where the full text is, said when a passage is shortened
    proposals: str = PROPOSALS

    @property
    def date_text(self) -> str:
        return long_date(self.generated_on)

    @property
    def title(self) -> str:
        return f"{self.name}: service sheet"


def _paragraphs(text: str) -> tuple[str, ...]:
    """The report's paragraphs (blank-line separated); a paragraph's lines ("- " bullets) are
    kept apart by a newline, every other control character made a space."""
    out = []
    for para in text.split("\n\n"):
        lines = [plain_text(line).strip() for line in para.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            out.append(joined)
    return tuple(out)


def service_sheet(
    dataset: Dataset, service_id: str, generated_on: date | None = None
) -> ServiceSheet:
    """The sheet for one service (``KeyError`` for an unknown id: callers check first)."""
    service = dataset.service(service_id)
    money = service_money(service)
    staff = service_staffing(service)
    figures = [
        (
            "Budget and proposed cost",
            money_m(money.current_budget_m),
            money_m(money.proposed_cost_m),
            _change_m(money.current_budget_m, money.proposed_cost_m),
        ),
        (
            "Staff (FTE)",
            fte(staff.current_fte),
            fte(staff.proposed_fte_after) + (" (derived)" if staff.proposed_fte_derived else ""),
            _change_fte(staff.current_fte, staff.proposed_fte_after),
        ),
        ("People (headcount)", count(staff.current_headcount), "not stated", ""),
    ]
    if staff.confirmed_reduction_fte is not None:
        figures.append(("Confirmed reduction (FTE)", "", fte(staff.confirmed_reduction_fte), ""))
    if staff.potential_reduction_fte is not None:
        figures.append(
            ("Potential further reduction (FTE)", "", fte(staff.potential_reduction_fte), "")
        )
    if staff.market_testing_fte is not None:
        figures.append(("Subject to market testing (FTE)", "", fte(staff.market_testing_fte), ""))
    notes = [_saving_note(service)]
    if staff.proposed_fte_derived:
        notes.append(
            "FTE after is derived: the report states no figure after, so FTE now less the "
            "confirmed reduction is used."
        )
    notes += [plain_text(n.text) for n in service.notes]
    changes = tuple(
        Passage(_heading(service, key), _paragraphs(service.text[key]))
        for key in CHANGE_FIELDS
        if service.text.get(key)
    )
    feedback = (
        Passage(_heading(service, FEEDBACK_FIELD), _paragraphs(service.text[FEEDBACK_FIELD]))
        if service.text.get(FEEDBACK_FIELD)
        else None
    )
    found = tuple(
        f"{d.check_label}: {d.detail}." if d.detail else f"{d.check_label}."
        for d in service_discrepancies(service)
    )
    sources = source_summary(dataset, money_figures((service,)) + staffing_figures((service,)))
    return ServiceSheet(
        service.id,
        service.name,
        generated_on or date.today(),
        tuple(figures),
        tuple(n for n in notes if n),
        changes,
        feedback,
        found,
        sources,
        f"the full text is in the cabinet report appendix, section “{service.section}”, and on "
        "the Service drilldown page",
    )


def _heading(service: Service, key: str) -> str:
    if key == FEEDBACK_FIELD:
        return "What schools said: " + in_sentence(service.feedback_heading or TEXT_FIELDS[key])
    return TEXT_FIELDS[key]


def _change_m(now: float | None, after: float | None) -> str:
    if now is None or after is None:
        return ""
    return signed_money_m(after - now)


def _change_fte(now: float | None, after: float | None) -> str:
    if now is None or after is None:
        return ""
    return signed_fte(after - now)


def _saving_note(service: Service) -> str:
    money = service_money(service)
    stated = money_m(money.saving_m, missing="no saving")
    parts = [
        f"{FUNDING_STREAMS.get(p.stream, 'not split by funding stream')} {money_m(p.value_m)}"
        for p in service_stream_savings(service)
        if p.value_m
    ]
    text = (
        f"The report states a saving of {stated}"
        if money.saving_m is not None
        else ("The report states no saving")
    )
    if parts:
        text += " (" + ", ".join(parts) + ")"
    return text + "."


def shortened(passage: Passage, limit: int) -> Passage:
    """``passage`` cut to about ``limit`` characters at a paragraph, line (a "- " bullet) or
    sentence boundary, marked shortened (the renderer says where the full text is). At least one
    sentence stays."""
    if passage.length <= limit:
        return passage
    kept: list[str] = []
    used = 0
    for para in passage.paragraphs:
        if used + len(para) <= limit:
            kept.append(para)
            used += len(para)
            continue
        lines: list[str] = []
        for line in para.split("\n"):
            if used + len(line) + 1 <= limit:
                lines.append(line)
                used += len(line) + 1
                continue
            part = _sentences_within(line, limit - used, first=not kept and not lines)
            if part:
                lines.append(part)
            break
        if lines:
            kept.append("\n".join(lines))
        break
    return replace(passage, paragraphs=tuple(kept), shortened=True)


def _sentences_within(text: str, room: int, *, first: bool) -> str:
    """The whole sentences of ``text`` that fit in ``room`` characters; the first sentence (cut
    at a word, with an ellipsis, if it is longer than ``room``) when nothing is kept yet."""
    sentences = [s for s in text.replace("? ", "?|").replace(". ", ".|").split("|") if s]
    part = ""
    for sentence in sentences:
        if len(part) + len(sentence) + 1 > room:
            break
        part = f"{part} {sentence}".strip()
    if part:
        return part if part.endswith((".", "?", "!", ":")) else part + ELLIPSIS
    if first:
        return text[: max(room, 40)].rsplit(" ", 1)[0] + ELLIPSIS
    return ""
