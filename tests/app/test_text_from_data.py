"""Sentences with figures in them (alt texts, tiles, chart notes) are built from the dataset.

Each text is checked twice: word for word against the real data, and on a copy of data/ with a
figure changed, to show the sentence follows the data (no figure is typed into a page).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from redesign import Dataset, load_dataset
from redesign.checks.sen_notes import sen_notes
from redesign.core.formatting import MINUS, count_words, decimal, join_words, pounds
from redesign.present.services import categories_lead
from redesign.present.staffing import headcount_alt, staffing_now_after_alt, staffing_reductions_alt
from redesign.sen.need_support import need_support_notes
from redesign.sen.placements import out_of_city_headlines
from redesign.sen.provision import provision_comparison, provision_notes
from tests.support.charts import charts
from tests.support.paths import ROOT

SEN_SUPPORT = "services/08_sen_support.yaml"
MGSS = "services/03_minority_group_support.yaml"
SEN = "sen_needs.yaml"


def change(root: Path, name: str, edit: Callable[[Any], None]) -> None:
    """Load one YAML file of a data copy, apply ``edit`` to it and write it back."""
    path = root / name
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


def load(root: Path) -> Dataset:
    return load_dataset(root)


# --- formatting helpers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "zero"),
        (1, "one"),
        (2, "two"),
        (9, "nine"),
        (10, "10"),
        (1234, "1,234"),
        (None, "not stated"),
    ],
)
def test_count_words(value, expected):
    assert count_words(value) == expected


def test_pounds_decimal_and_join_words():
    assert pounds(55_500) == "£55,500"
    assert pounds(-1_200.4) == f"{MINUS}£1,200"
    assert pounds(None) == "not stated"
    assert decimal(63.063063, 2) == "63.06"
    assert decimal(63.963963, 1) == "64.0"
    assert decimal(-0.5, 1) == f"{MINUS}0.5"
    assert join_words(["A"]) == "A"
    assert join_words(["A", "B", "C"]) == "A, B and C"
    assert join_words(["A", "B"], "or") == "A or B"


# --- staffing page -------------------------------------------------------------------------------


def test_staffing_alt_texts_for_the_real_data(dataset):
    assert staffing_now_after_alt(dataset.services) == (
        "Grouped bar chart of FTE now and FTE after for each of the nine services; SEN Support "
        "Services falls from 109.34 to a derived 86.51."
    )
    assert staffing_reductions_alt(dataset.services) == (
        "Stacked bar chart of the FTE reductions per service: confirmed reductions in every "
        "service but two, plus 33.32 FTE subject to market testing in SEN Support Services and a "
        "potential 1.00 FTE in Hospital Education Service."
    )
    assert headcount_alt(dataset.services) == (
        "Bar chart of the number of people employed in each service now; Minority Group Support "
        "Services (MGSS) also has 110 casual staff."
    )


def test_staffing_alt_texts_follow_the_data(data_copy):
    def sen_support(raw: Any) -> None:
        raw["staffing"]["current_fte"]["value"] = 120.5
        raw["staffing"]["market_testing_reduction_fte"]["value"] = 30.0

    change(data_copy, SEN_SUPPORT, sen_support)
    change(data_copy, MGSS, lambda raw: raw["staffing"]["casual_staff"].update(value=95))
    services = load(data_copy).services
    assert staffing_now_after_alt(services).endswith(
        "; SEN Support Services falls from 120.50 to a derived 97.67."  # 120.5 − 22.83
    )
    reductions = staffing_reductions_alt(services)
    assert "plus 30.00 FTE subject to market testing in SEN Support Services" in reductions
    assert "33.32" not in reductions
    assert "Minority Group Support Services (MGSS) also has 95 casual staff" in headcount_alt(
        services
    )
    # Fewer services: the count and the services without a confirmed reduction follow.
    five = services[:5]
    assert "for each of the five services" in staffing_now_after_alt(five)
    assert staffing_reductions_alt(five) == (
        "Stacked bar chart of the FTE reductions per service: confirmed reductions in every "
        "service but one, plus a potential 1.00 FTE in Hospital Education Service."
    )
    assert headcount_alt(services[:2]) == (
        "Bar chart of the number of people employed in each service now."
    )


def test_categories_lead(dataset, data_copy):
    assert categories_lead(dataset) == (
        "The report opens with a list of six categories and the services named under each."
    )

    def one_more(raw: Any) -> None:
        raw["categories"].append({"id": "extra", "label": "Extra", "quote": "Extra", "listed": []})

    change(data_copy, "proposal_categories.yaml", one_more)
    assert "a list of seven categories" in categories_lead(load(data_copy))


def test_staffing_page_shows_the_generated_alt_texts(data_copy, monkeypatch):
    change(data_copy, SEN_SUPPORT, lambda raw: raw["staffing"]["current_fte"].update(value=120.5))
    monkeypatch.setenv("REDESIGN_DATA_DIR", str(data_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/staffing.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    alts = [chart.alt for chart in charts(at)]
    assert alts[0].endswith("SEN Support Services falls from 120.50 to a derived 97.67.")
    assert "33.32 FTE subject to market testing" in alts[1]
    assert alts[2].endswith("also has 110 casual staff.")


# --- SEN needs page ------------------------------------------------------------------------------


def test_out_of_city_tiles_for_the_real_data(dataset):
    tiles = {t.key: t for t in out_of_city_headlines(dataset.sen)}
    assert tiles["ooc_cost"].value == "about £3.5m"
    assert tiles["ooc_cost"].help == (
        "As the strategy puts it: 'For education this is about £3.5m annually' (education's "
        "share only)."
    )
    assert tiles["ooc_average"].value == "£55,500"
    assert tiles["ooc_average"].help == "As published in the strategy's section 4.5."
    assert tiles["ooc_pupils"].value == "about 63"
    assert tiles["ooc_pupils"].help == (
        "Derived: £3.5m ÷ £55,500 = 63.06; 62.2 to 64.0 if 'about £3.5m' means £3.45m to £3.55m."
    )
    assert tiles["ooc_pupils"].derived and not tiles["ooc_cost"].derived


def test_out_of_city_tiles_follow_the_data(data_copy):
    def edit(raw: Any) -> None:
        ooc = raw["out_of_city"]
        ooc["section"] = "6.2 Out of City Provision"
        ooc["annual_cost_gbp"].update(value=4_200_000, quote="about £4.2m a year")
        ooc["average_cost_per_pupil_gbp"].update(value=60_000, quote="£60,000")

    change(data_copy, SEN, edit)
    tiles = {t.key: t for t in out_of_city_headlines(load(data_copy).sen)}
    assert tiles["ooc_cost"].value == "about £4.2m"
    assert "'about £4.2m a year'" in tiles["ooc_cost"].help
    assert tiles["ooc_average"].value == "£60,000"
    assert tiles["ooc_average"].help == "As published in the strategy's section 6.2."
    assert tiles["ooc_pupils"].value == "about 70"
    assert tiles["ooc_pupils"].help == (
        "Derived: £4.2m ÷ £60,000 = 70.00; 69.2 to 70.8 if 'about £4.2m' means £4.15m to £4.25m."
    )


def test_an_exact_out_of_city_cost_has_no_rounding_range(data_copy):
    def edit(raw: Any) -> None:
        raw["out_of_city"]["annual_cost_gbp"]["approximate"] = False
        raw["out_of_city"]["section"] = "Out of City Provision"

    change(data_copy, SEN, edit)
    sen = load(data_copy).sen
    tiles = {t.key: t for t in out_of_city_headlines(sen)}
    assert tiles["ooc_cost"].value == "£3.50m"
    assert tiles["ooc_pupils"].help == "Derived: £3.50m ÷ £55,500 = 63.06."
    assert tiles["ooc_average"].help == (
        "As published in the strategy's section “Out of City Provision”."
    )
    note = next(n.text for n in sen_notes(sen) if "placed out of city" in n.text)
    assert note.startswith("£3.50m a year at £55,500 per pupil implies about 63 pupils placed")


def test_out_of_city_note_follows_the_data(dataset, data_copy):
    note = next(n.text for n in sen_notes(dataset.sen) if "placed out of city" in n.text)
    assert note.startswith(
        "About £3.5m a year at £55,500 per pupil implies about 63 pupils placed out of city "
        "(between 62 and 64 if 'about £3.5m' is read to the nearest £0.1m)."
    )
    change(
        data_copy, SEN, lambda raw: raw["out_of_city"]["annual_cost_gbp"].update(value=12_000_000)
    )
    note = next(n.text for n in sen_notes(load(data_copy).sen) if "placed out of city" in n.text)
    assert note.startswith(
        "About £12m a year at £55,500 per pupil implies about 216 pupils placed out of city "
        "(between 207 and 225 if 'about £12m' is read to the nearest £1m)."
    )


def test_placements_and_timeline_notes_follow_the_data(dataset, data_copy):
    texts = [n.text for n in sen_notes(dataset.sen)]
    assert any(t.startswith("One answer (0) is given for all three placement types") for t in texts)
    assert any(
        t.startswith(
            "The timeline shows 'BEST Teams: 4 teams over 2 years'; the matching suggested "
            "action (15)"
        )
        for t in texts
    )

    def edit(raw: Any) -> None:
        raw["placements"]["types"].pop()
        for row in raw["timeline"]["rows"]:
            if row["label"] == "BEST Teams":
                row["detail"] = "5 teams over 3 years"

    change(data_copy, SEN, edit)
    texts = [n.text for n in sen_notes(load(data_copy).sen)]
    assert any(t.startswith("One answer (0) is given for all two placement types") for t in texts)
    assert any("'BEST Teams: 5 teams over 3 years'" in t for t in texts)


def test_provision_notes_for_the_real_data(dataset):
    assert provision_notes(dataset.sen) == [
        "School E is published as “40+”: the proposed special places are 470 to 510, or more "
        "(School E open-ended). The strategy's own total, 470–510, counts School E at 40.",
        "Against today's 885 places that is 415 to 375 fewer special places (fewer still if "
        "School E has more than 40), with 140 places in enhanced resource schools besides.",
    ]
    assert provision_comparison(dataset.sen).special.short() == "470 to 510+"


def test_provision_notes_follow_the_data(data_copy):
    def edit(raw: Any) -> None:
        block = raw["proposed_special_schools"]
        for row in block["rows"]:
            if row["name"] == "School E":
                row["places"].update(min=50, quote="School E ASD Secondary 50+")
        block["stated_total"].update(min=480, max=520)

    change(data_copy, SEN, edit)
    sen = load(data_copy).sen
    assert provision_notes(sen) == [
        "School E is published as “50+”: the proposed special places are 480 to 520, or more "
        "(School E open-ended). The strategy's own total, 480–520, counts School E at 50.",
        "Against today's 885 places that is 405 to 365 fewer special places (fewer still if "
        "School E has more than 50), with 140 places in enhanced resource schools besides.",
    ]


def test_provision_notes_without_an_open_ended_row(data_copy):
    def edit(raw: Any) -> None:
        for row in raw["proposed_special_schools"]["rows"]:
            if row["name"] == "School E":
                row["places"] = {"min": 40, "max": 40, "quote": "School E ASD Secondary 40"}

    change(data_copy, SEN, edit)
    sen = load(data_copy).sen
    notes = provision_notes(sen)
    assert len(notes) == 1
    assert notes[0].startswith(
        "Against today's 885 places that is 415 to 375 fewer special places,"
    )
    assert provision_comparison(sen).special.short() == "470 to 510"


def test_need_support_notes(dataset, data_copy):
    assert need_support_notes(dataset) == [
        "SEN Support Services' confirmed reduction and the FTE subject to market testing are "
        "published for the whole service only; the report does not split them by team.",
        "At-risk FTE of mapped groups are the buy-back model's groups (the autism teaching posts "
        "and autism HLTA posts, and the remainder of the 33.32 FTE pool for central behaviour and "
        "other traded posts).",
    ]
    change(
        data_copy,
        SEN_SUPPORT,
        lambda raw: raw["staffing"]["market_testing_reduction_fte"].update(value=30.5),
    )
    notes = need_support_notes(load(data_copy))
    assert "the remainder of the 30.50 FTE pool for central behaviour" in notes[1]


def test_sen_page_shows_the_generated_texts(data_copy, monkeypatch):
    def edit(raw: Any) -> None:
        raw["out_of_city"]["average_cost_per_pupil_gbp"].update(value=50_000)

    change(data_copy, SEN, edit)
    monkeypatch.setenv("REDESIGN_DATA_DIR", str(data_copy))
    at = AppTest.from_file(str(ROOT / "pages/sen_needs.py"), default_timeout=90)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label.replace("\\", ""): m for m in at.metric}
    assert metrics["Average cost per pupil (undated)"].value == "£50,000"
    assert metrics["Pupils this implies (derived, undated)"].value == "about 70"
    captions = " ".join(c.value.replace("\\", "") for c in at.caption)
    assert "remainder of the 33.32 FTE pool" in captions
    assert "counts School E at 40" in captions
