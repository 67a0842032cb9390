"""The derived records and frames the pages show (redesign.present, redesign.tables): hand-worked."""

from __future__ import annotations

import pytest

from redesign.core.formatting import MINUS
from redesign.present.dataset_tables import dataset_tables
from redesign.present.headline import headline_figures, largest_saving
from redesign.present.savings import (
    budget_frame,
    funding_split_text,
    money_figures,
    ranked_savings_frame,
    service_streams_frame,
    stream_totals_frame,
)
from redesign.present.services import (
    ALL_CATEGORIES,
    category_groups,
    discrepancies_by_place,
    figure_sources_display,
    neighbours,
    reconciliation_display,
    service_categories_text,
    service_position,
    service_text_sections,
    source_summary,
)
from redesign.present.staffing import service_staffing_lines, staffing_frame
from redesign.present.tables import figure_sources_frame, reconciliation_frame
from redesign.present.waterfall import waterfall_ends, waterfall_gap_notes, waterfall_view


def test_headline_figures_hand_worked(dataset):
    tiles = {t.key: t for t in headline_figures(dataset.services)}
    assert tiles["current_budget"].value == "£18.35m"
    assert tiles["proposed_cost"].value == "£15.42m"
    assert tiles["saving"].value == "£3.04m"
    assert tiles["saving_computed"].value == "£2.93m"
    assert tiles["saving_computed"].derived
    assert tiles["current_fte"].value == "224.99"
    # 9.5+6.04+9+9.5+4+3+36.43 published, + SEN Support 109.34-22.83 and SEN Management 13.03
    assert tiles["fte_after"].value == "177.01"
    assert tiles["fte_after"].label == "FTE after (partly derived)"
    assert tiles["fte_after"].derived
    assert "SEN Support Services and SEN Management Services" in tiles["fte_after"].help
    assert tiles["confirmed_reduction"].value == "57.77"
    assert tiles["market_testing"].value == "33.32"
    assert tiles["potential_reduction"].value == "1.00"
    assert tiles["headcount"].value == "350"
    # Where the totals do not reconcile, the tile says so with both numbers.
    assert "£2.93m" in tiles["saving"].help and "£0.11m" in tiles["saving"].help


def test_headline_for_one_service_says_derived(dataset):
    tiles = {t.key: t for t in headline_figures((dataset.service("sen_support"),))}
    assert tiles["fte_after"].label == "FTE after (derived)"
    assert tiles["fte_after"].value == "86.51"  # 109.34 - 22.83, not published
    tiles = {t.key: t for t in headline_figures((dataset.service("school_improvement"),))}
    assert tiles["fte_after"].label == "FTE after"
    assert not tiles["fte_after"].derived


def test_ranked_savings(dataset):
    ranked = ranked_savings_frame(dataset.services)
    assert ranked["service_id"].tolist()[:2] == ["sen_support", "school_improvement"]
    assert ranked["Saving £m"].iloc[0] == 1.25
    assert ranked["Share of stated saving"].iloc[0] == pytest.approx(1.25 / 3.04, abs=1e-6)
    # No saving stated: last, with its note.
    assert ranked["service_id"].iloc[-1] == "extended_learning_centre"
    assert ranked["Note"].iloc[-1].startswith("no saving stated")
    assert largest_saving(dataset.services) == ("SEN Support Services", 0.411184)


def test_waterfall_by_service(dataset):
    frame = waterfall_view(dataset, "service")
    assert frame["Step"].iloc[0] == "Current budget"
    assert frame["Level after £m"].iloc[0] == 18.35
    assert frame["Step"].iloc[-1] == "Proposed cost"
    assert frame["Level after £m"].iloc[-1] == 15.42
    gap = frame[frame["colour_key"] == "gap"]
    assert gap["Step"].tolist() == ["Gap: Performing Arts Service saving ≠ budget − cost"]
    assert gap["Change £m"].tolist() == [0.11]
    # Each level follows from the one before.
    steps = frame.iloc[1:-1]
    for before, change, after in zip(
        steps["Level before £m"], steps["Change £m"], steps["Level after £m"], strict=True
    ):
        assert after == pytest.approx(before + change, abs=1e-9)
    assert waterfall_ends(frame) == (18.35, 15.42)


def test_waterfall_by_stream_has_gap_steps(dataset):
    frame = waterfall_view(dataset, "stream")
    by_step = dict(zip(frame["Step"], frame["Change £m"], strict=True))
    assert by_step["DSG savings"] == -0.58
    assert by_step["ESG savings"] == -0.9
    assert by_step["Not split by stream: SEN Support Services"] == -1.25
    assert by_step["Not split by stream: Looked After Children Education Service"] == -0.01
    assert by_step["Gap: Performing Arts Service saving ≠ budget − cost"] == 0.11
    assert frame["Level after £m"].iloc[-1] == 15.42
    notes = waterfall_gap_notes(frame)
    assert len(notes) == 3
    assert any("no split by funding stream published" in n for n in notes)


def test_waterfall_category_filter(dataset):
    frame = waterfall_view(dataset, "service", "future_review")
    # Hospital Education (0.82) and Coventry Extended Learning Centre (2.76)
    assert frame["Step"].tolist()[1:-1] == [
        "Hospital Education Service",
        "Coventry Extended Learning Centre",
    ]
    assert waterfall_ends(frame) == (3.58, 3.44)
    assert waterfall_view(dataset, "service", ALL_CATEGORIES).shape[0] == 12


def test_category_groups(dataset):
    groups = {g.id: g for g in category_groups(dataset)}
    assert list(groups) == [c.id for c in dataset.categories]
    # SEN Support Services is listed under four categories; inferred under three of them.
    with_sen = [g for g in groups.values() if any(e.service_id == "sen_support" for e in g.entries)]
    assert len(with_sen) == 4
    demand = {e.service_id: e for e in groups["demand_led"].entries}
    assert not demand["sen_support"].inferred
    income = {e.service_id: e for e in groups["income_generation"].entries}
    assert income["sen_support"].inferred
    assert income["sen_support"].listed_as == ("Education Psychology Service", "Sensory Service")
    assert groups["income_generation"].unmatched == ("Governor Support Services",)
    assert groups["no_significant_changes"].colour == "#12436D"
    assert len({g.colour for g in groups.values()}) == 6


def test_staffing_frame_keeps_kinds_apart(dataset):
    frame = staffing_frame(dataset.services, total_row=True)
    sen = frame[frame["service_id"] == "sen_support"].iloc[0]
    assert sen["FTE now"] == 109.34
    assert sen["FTE after"] == 86.51
    assert sen["FTE after basis"].startswith("derived")
    assert sen["Confirmed reduction FTE"] == 22.83
    assert sen["Subject to market testing FTE"] == 33.32
    hospital = frame[frame["service_id"] == "hospital_education"].iloc[0]
    assert hospital["Potential further reduction FTE"] == 1.0
    assert hospital["FTE after basis"] == "published"
    total = frame.iloc[-1]
    assert total["Service"] == "All 9 services"
    assert total["FTE now"] == 224.99
    assert total["FTE after"] == 177.01
    assert total["Headcount"] == 350
    assert total["Casual staff (headcount)"] == 110
    assert total["Vacancies FTE"] == 1.0


def test_service_streams(dataset):
    sen = service_streams_frame(dataset.service("sen_support"))
    assert sen["stream"].tolist() == ["unsplit"]
    assert sen["Saving £m"].tolist() == [1.25]
    mgmt = service_streams_frame(dataset.service("sen_management"))
    assert mgmt["Status"].tolist() == ["printed blank", "stated", "stated"]
    totals = stream_totals_frame(dataset.services)
    assert dict(zip(totals["stream"], totals["Saving £m"], strict=True)) == {
        "dsg": 0.58,
        "esg": 0.9,
        "core": 0.13,
        "trading": 0.14,
        "other": 0.03,
        "unsplit": 1.26,
    }


def test_budget_frame_shows_both_numbers(dataset):
    frame = budget_frame(dataset.service("performing_arts"))
    values = dict(zip(frame["Figure"], frame["£m"], strict=True))
    assert values["Current budget"] == 1.34
    assert values["Sum of budget components"] == 1.45
    assert values["Saving (as stated)"] == 0.11
    assert values["Budget minus proposed cost"] == 0.0


def test_discrepancies_placed_beside_their_figure(dataset):
    places = discrepancies_by_place(dataset.service("performing_arts"))
    assert sorted(d.check for d in places["budget"]) == ["budget_components", "saving"]
    assert [d.check for d in places["staffing"]] == ["fte_reduction"]
    assert [d.check for d in discrepancies_by_place(dataset.service("sen_support"))["streams"]] == [
        "savings_by_stream"
    ]


def test_service_helpers(dataset):
    sen = dataset.service("sen_support")
    assert neighbours(dataset, "hospital_education")[0] is None
    assert neighbours(dataset, "sen_management")[1] is None
    prev, nxt = neighbours(dataset, "sen_support")
    assert (prev.id, nxt.id) == ("extended_learning_centre", "sen_management")
    assert service_position(dataset, "sen_support") == (8, 9)
    text = service_categories_text(dataset, sen)
    assert text.startswith("Re-aligning services to a demand-led model; ")
    assert "Increased income generation or highly valued services (inferred)" in text
    assert funding_split_text(sen).startswith("DSG 78%, Traded 22%")
    sections = service_text_sections(sen)
    assert sections[0].key == "overview"
    feedback = next(s for s in sections if s.key == "feedback")
    assert feedback.heading.startswith("Summary of feedback from schools and early years")
    lines = {line.key: line for line in service_staffing_lines(sen)}
    assert lines["fte_after"].basis.startswith("derived")
    assert lines["current_headcount"].unit == "people"
    assert lines["posts_affected"].unit == "posts"


def test_display_frames_format_by_unit(dataset):
    recon = reconciliation_display(reconciliation_frame(dataset))
    row = recon[recon["Check"].str.startswith("Budget components")].iloc[0]
    assert (row["Published"], row["Computed"], row["Difference"]) == (
        "£1.34m",
        "£1.45m",
        f"{MINUS}£0.11m",
    )
    fte_row = recon[recon["Unit"] == "FTE"].iloc[0]
    assert fte_row["Published"] == "3.12"
    sources = figure_sources_display(figure_sources_frame(dataset))
    assert "£0.82m" in sources["Value"].tolist()
    assert "78%" in sources["Value"].tolist()


def test_source_summary(dataset):
    one = source_summary(dataset, money_figures((dataset.service("sen_support"),)))
    assert one.startswith("Cabinet report appendix, section “Special Educational Needs (SEN)")
    every = source_summary(dataset, money_figures(dataset.services))
    assert "each of the 9 services" in every


def test_dataset_tables(dataset):
    found = {t.key: t for t in dataset_tables(dataset)}
    assert list(found)[:6] == [
        "services",
        "savings_by_stream",
        "staffing",
        "reconciliation",
        "figure_sources",
        "categories",
    ]
    assert all(len(t.title) <= 31 for t in found.values())
    assert len(found["services"].frame) == 9
    figures = found["figure_sources"].frame
    assert figures["Quote"].str.len().gt(0).all()  # every figure has its verbatim quote
    assert "service_id" not in figures.columns  # a code, never a reader's column
    sen_quote = figures[
        (figures["Service"] == "SEN Support Services") & (figures["Figure"] == "Saving")
    ]
    assert sen_quote["Quote"].tolist() == ["£ 5.98M (saving £1.25M)"]
    cats = found["categories"].frame
    assert (cats["Link"] == "no section in the report").sum() == 6
