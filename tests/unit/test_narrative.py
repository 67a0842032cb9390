"""The plain-English summaries generated from the data (redesign.present.narrative)."""

from __future__ import annotations

from dataclasses import replace

from redesign.core.records import Figure, Source
from redesign.present import narrative


def test_overview_summary_hand_worked(dataset):
    text = "\n".join(narrative.overview_summary(dataset))
    assert "9 services with a combined current budget of £18.35 million" in text
    assert "Their proposed cost is £15.42 million, which is £2.93 million less" in text
    assert "add up to £3.04 million" in text
    assert "Performing Arts Service states a saving of £110,000 although its budget minus" in text
    assert "Coventry Extended Learning Centre states no saving" in text
    assert "SEN Support Services (£1.25 million, 41.1% of the stated savings)" in text
    assert "School Improvement (£900,000, 29.6% of the stated savings)" in text
    assert "£580,000 to the Dedicated Schools Grant (DSG)" in text
    assert "A further £1.26 million is not split by stream" in text
    assert "350 people, 224.99 full-time equivalent (FTE)" in text
    assert "reductions of 57.77 FTE" in text
    assert "33.32 FTE in SEN Support Services may go" in text
    assert "1.00 FTE in Hospital Education Service is a potential further reduction" in text
    assert "SEN Support Services and SEN Management Services publish no FTE after" in text
    assert "10 published figures do not add up" in text
    assert text.endswith("These are proposals, not decisions.")


def test_overview_summary_for_a_subset(dataset):
    one = (dataset.service("school_improvement"),)
    text = " ".join(narrative.overview_summary(dataset, one))
    assert "one service" in text
    assert "The largest saving is in School Improvement" in text
    assert "1 published figure does not add up" in text


def test_overview_summary_empty(dataset):
    assert narrative.overview_summary(dataset, ()) == ["No services are in this selection."]


def test_summary_follows_the_data(dataset):
    """Change a figure and the sentence changes: nothing is typed in by hand."""
    sen = dataset.service("sen_support")
    budget = replace(sen.budget, saving_m=Figure(2.0, Source("cabinet_appendix", "x", "q")))
    changed = replace(sen, budget=budget)
    services = tuple(changed if s.id == "sen_support" else s for s in dataset.services)
    text = " ".join(narrative.overview_summary(dataset, services))
    assert "add up to £3.79 million" in text
    assert "SEN Support Services states a saving of £2.00 million" in text


def test_service_summary(dataset):
    sen = narrative.service_summary(dataset, dataset.service("sen_support"))
    assert sen.startswith("Current budget £7.23 million; proposed cost £5.98 million.")
    assert "saving of £1.25 million (41.1% of all stated savings)" in sen
    assert "86.51 FTE after (derived" in sen
    assert "A further 33.32 FTE may go, subject to market testing." in sen
    pa = narrative.service_summary(dataset, dataset.service("performing_arts"))
    assert "Budget minus proposed cost is £0, so the published figures do not add up." in pa
    celc = narrative.service_summary(dataset, dataset.service("extended_learning_centre"))
    assert "states no saving" in celc
