"""The transcription matches the source documents: figures as published, every quote verbatim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from redesign.model.finance import service_money, service_staffing
from tests.support.paths import DATA, normalise

# An independent reading of each service's published figures (not copied from data/).
# (headcount, FTE now, proposed FTE, reduction, potential, market testing, budget, cost, saving)
EXPECTED = {
    "hospital_education": (25, 12.6, 9.5, 2.12, 1.00, None, 0.82, 0.68, 0.14),
    "looked_after_children": (9, 6.04, 6.04, 0, None, None, 1.53, 1.39, 0.14),
    "minority_group_support": (21, 14.5, 9, 5.67, None, None, 1.51, 1.14, 0.37),
    "performing_arts": (55, 22.75, 9.5, 21.75, None, None, 1.34, 1.34, 0.11),
    "school_improvement": (10, 5.6, 4.0, 3.6, None, None, 1.55, 0.65, 0.9),
    "work_related_learning": (7, 3.7, 3.0, 0.8, None, None, 0.82, 0.77, 0.05),
    "extended_learning_centre": (38, 37.43, 36.43, 1, None, None, 2.76, 2.76, None),
    "sen_support": (167, 109.34, None, 22.83, None, 33.32, 7.23, 5.98, 1.25),
    "sen_management": (18, 13.03, None, None, None, None, 0.79, 0.71, 0.08),
}
STREAMS = {
    "hospital_education": {"dsg": 0.11, "esg": 0, "other": 0.03},
    "looked_after_children": {"dsg": 0.0, "core": 0.13},
    "minority_group_support": {"dsg": 0.37},
    "performing_arts": {"dsg": 0, "esg": 0, "trading": 0.11},
    "school_improvement": {"dsg": 0.1, "esg": 0.8},
    "work_related_learning": {"esg": 0.05},
    "extended_learning_centre": {},
    "sen_support": {},
    "sen_management": {"dsg": None, "esg": 0.05, "trading": 0.03},
}


def test_services_in_report_order(dataset):
    assert [s.id for s in dataset.services] == list(EXPECTED)


@pytest.mark.parametrize("service_id", list(EXPECTED))
def test_service_figures_as_published(dataset, service_id):
    service = dataset.service(service_id)
    staff = service_staffing(service)
    money = service_money(service)
    got = (
        staff.current_headcount,
        staff.current_fte,
        staff.proposed_fte,
        staff.confirmed_reduction_fte,
        staff.potential_reduction_fte,
        staff.market_testing_fte,
        money.current_budget_m,
        money.proposed_cost_m,
        money.saving_m,
    )
    assert got == EXPECTED[service_id]
    assert money.streams_m == STREAMS[service_id]


def test_other_published_details(dataset):
    svc = dataset.service
    assert svc("minority_group_support").staffing.value("casual_staff") == 110
    assert svc("performing_arts").staffing.value("vacancies_fte") == 1.0
    assert [c.value for c in svc("performing_arts").budget.components] == [0.50, 0.95]
    assert [c.value for c in svc("looked_after_children").budget.components] == [0.61, 0.92]
    assert svc("school_improvement").staffing.value("vacancies") == 4
    assert svc("sen_support").staffing.value("posts_affected") == 77
    assert svc("sen_management").staffing.value("at_risk_fte") == 3.62
    split = svc("sen_support").budget.funding_split_pct
    assert (split["dsg"].value, split["traded"].value) == (78, 22)


def test_sen_support_at_risk_groups(dataset):
    groups = {g.id: g for g in dataset.sen_support.groups}
    assert groups["autism_teaching"].posts.value == 12
    assert groups["autism_teaching"].fte.value == 9.2
    assert groups["autism_hlta"].posts.value == 6
    assert groups["autism_hlta"].fte.value == 4.13
    assert groups["behaviour_and_other"].derived is True
    changes = {c.id: c for c in dataset.sen_support.establishment}
    assert changes["erp_teachers"].figures["fte_after"].value == 3
    assert changes["erp_teaching_assistants"].figures["fte_after"].value == 2.54
    assert changes["professional_leads"].figures["fte"].value == 1.92


def test_categories_list_verbatim(dataset):
    listed = {c.id: [n.name for n in c.listed] for c in dataset.categories}
    assert list(listed) == [
        "no_significant_changes",
        "income_generation",
        "demand_led",
        "new_models_of_delivery",
        "will_not_provide",
        "future_review",
    ]
    assert len(listed["will_not_provide"]) == 5
    assert "Outdoor Education Service" in listed["no_significant_changes"]


def test_services_named_outright_are_not_marked_inferred(dataset):
    links = {s.id: s.categories[0] for s in dataset.services}
    assert links["looked_after_children"].inferred is False
    assert links["minority_group_support"].inferred is False
    assert links["performing_arts"].inferred is True


QUOTE_KEYS = re.compile(r"(^|_)quote$")


def _quotes(node, document, path=""):
    """Yield (document, path, quote) for every quote-like string in a YAML tree."""
    if isinstance(node, dict):
        document = (
            node.get("document", document) if isinstance(node.get("document"), str) else document
        )
        for key, value in node.items():
            here = f"{path}.{key}"
            if isinstance(value, str) and (QUOTE_KEYS.search(str(key)) or key == "listed_as"):
                yield document, here, value
            elif key == "report_words" and isinstance(value, list):
                for i, words in enumerate(value):
                    yield document, f"{here}[{i}]", words
            else:
                yield from _quotes(value, document, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _quotes(value, document, f"{path}[{i}]")


def _data_files() -> list[Path]:
    return sorted(DATA.glob("*.yaml")) + sorted((DATA / "services").glob("*.yaml"))


@pytest.mark.parametrize("path", _data_files(), ids=lambda p: p.name)
def test_every_quote_is_verbatim_in_its_source(path: Path, source_texts):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    # Service files are all from the cabinet report appendix; other files name their document.
    fallback = "cabinet_appendix" if path.parent.name == "services" else None
    default_doc = raw.get("document", fallback) if isinstance(raw, dict) else None
    checked = 0
    for document, where, quote in _quotes(raw, default_doc):
        if document not in source_texts:
            continue  # editorial files carry no quotes from the documents
        assert normalise(quote) in source_texts[document], f"{path.name}{where}: {quote!r}"
        checked += 1
    if default_doc in source_texts:
        assert checked > 0


BULLETS = re.compile("[•\uf0b7\uf0a7\uf0d8]")


@pytest.mark.parametrize("path", sorted((DATA / "services").glob("*.yaml")), ids=lambda p: p.name)
def test_service_text_is_verbatim(path: Path, source_texts):
    text = normalise(BULLETS.sub(" ", source_texts["cabinet_appendix"]))
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert raw.get("text"), f"{path.name} has no narrative text"
    for key, value in raw["text"].items():
        if key == "feedback_heading":
            continue
        for line in value.splitlines():
            line = normalise(line.removeprefix("- "))
            if line:
                assert line in text, f"{path.name} text.{key}: {line[:80]!r}"
