"""Twenty devices answering at once, on SQLite and PostgreSQL: twenty schools are twenty answers;
one school sending from twenty devices is one answer, and the others are told it already did."""

from __future__ import annotations

import multiprocessing

import pytest

from redesign import Dataset
from redesign.workshop import WorkshopStore
from tests.unit.workshop.workers import answer_at_once

PROCESSES = 20
CTX = multiprocessing.get_context("fork")


def _run(url: str, dataset: Dataset, code: str, schools: list[str]) -> list[str]:
    barrier = CTX.Barrier(len(schools))
    out = CTX.Queue()
    procs = [
        CTX.Process(target=answer_at_once, args=(url, dataset, code, name, n + 1, barrier, out))
        for n, name in enumerate(schools)
    ]
    for p in procs:
        p.start()
    results = [out.get(timeout=180) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    errors = [detail for kind, detail in results if kind == "error"]
    assert not errors, errors[0]
    return sorted(kind for kind, _ in results)


@pytest.mark.parametrize("same_school", [False, True], ids=["twenty schools", "one school"])
def test_answers_at_once(
    db_url: str, dataset: Dataset, workshops: WorkshopStore, same_school: bool
):
    made = workshops.create("At once", ["autism_teaching"], 100)
    shop = made.workshop
    if same_school:
        names = [("Oak Primary", "oak primary", "OAK  Primary.")[n % 3] for n in range(PROCESSES)]
    else:
        names = [f"School {n}" for n in range(PROCESSES)]
    outcomes = _run(db_url, dataset, shop.join_code, names)
    answers = workshops.answers(shop.id)
    if same_school:
        assert outcomes == ["refused"] * (PROCESSES - 1) + ["taken"]
        assert len(answers) == 1
    else:
        assert outcomes == ["taken"] * PROCESSES
        assert sorted(a.days["autism_teaching"] for a in answers) == list(range(1, 21))
    result = workshops.tally(workshops.facilitate(shop.id, made.facilitator_key))
    assert result.answers == len(answers)
    # Every answer taken moved the revision once (refused ones rolled back).
    assert workshops.revision(shop.id) == shop.revision + len(answers)
