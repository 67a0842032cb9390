"""The SEN needs and provision dataset: derived figures against hand-worked values, every validation
rule with one bad file, the need-to-support map, reconciliation, and the transcription's honesty."""

from __future__ import annotations

import functools
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from redesign import DataError, load_dataset
from redesign.checks.reconciliation import all_discrepancies, services_discrepancies
from redesign.checks.sen_discrepancies import sen_discrepancies
from redesign.checks.sen_notes import notes_frame, sen_notes
from redesign.cli.main import main as cli_main
from redesign.core.records import FigureRange, Source
from redesign.sen.actions import actions_display_frame, actions_frame, filter_actions
from redesign.sen.categories import categories_frame, category_totals
from redesign.sen.need_support import (
    WHOLE_SERVICE,
    need_beside_support,
    need_support_detail_frame,
    need_support_frame,
)
from redesign.sen.placements import out_of_city_estimate, placements_frame, placements_summary
from redesign.sen.provision import (
    proposed_schools_frame,
    provision_comparison,
    provision_frame,
    sum_ranges,
)
from redesign.sen.schools import (
    implied_roll,
    occupancy_status,
    school_action_rolls,
    special_school_occupancy,
    special_schools_frame,
    special_schools_total,
    statements_frame,
    statements_per_school,
)
from tests.support.paths import DATA, normalise
from tests.support.strategies import yaml_scalars, yaml_trees

SEN = "sen_needs.yaml"
MAP = "need_support_map.yaml"


# ---------------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------------
def load_raw(root: Path, name: str):
    return yaml.safe_load((root / name).read_text(encoding="utf-8"))


def save_raw(root: Path, name: str, raw) -> None:
    (root / name).write_text(
        yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def change(root: Path, name: str, fn) -> None:
    """Load one YAML file of the copy, let ``fn`` break it, write it back."""
    raw = load_raw(root, name)
    fn(raw)
    save_raw(root, name, raw)


def problems_of(root: Path) -> list:
    with pytest.raises(DataError) as info:
        load_dataset(root)
    return info.value.problems


def assert_problem(problems, file: str, record: str, field: str, words: str = "") -> None:
    for p in problems:
        if p.file == file and p.record == record and p.field == field and words in p.message:
            return
    listed = "\n".join(str(p) for p in problems)
    raise AssertionError(f"no problem {file} › {record} › {field} ~ {words!r} in:\n{listed}")


@pytest.fixture(scope="module")
def sen(dataset):
    assert dataset.sen is not None
    return dataset.sen


# ---------------------------------------------------------------------------------------------------
# transcription: as published, dated
# ---------------------------------------------------------------------------------------------------
def test_every_block_keeps_its_date(sen):
    assert sen.categories.as_at == "January 2004"
    assert sen.special_schools.as_at == "January 2004"
    assert sen.statements.as_at == "January 2004"
    assert sen.school_action.as_at == sen.school_action_plus.as_at == "January 2004"
    assert sen.placements.as_at == "February 2015"
    assert all(t.as_at == "February 2015" for t in sen.placements.types)
    assert all(r.as_at == "January 2004" for r in sen.categories.rows)
    assert all(r.as_at == "January 2004" for r in sen.special_schools.rows)
    # The strategy's out-of-city figures are undated in the seed: the label must say so.
    assert "does not date" in sen.out_of_city.as_at
    assert "2005–2010" in sen.proposed_special_schools.as_at


def test_counts_as_published(sen):
    assert [(t.id, t.pupils.value) for t in sen.placements.types] == [
        ("independent_day", 20),
        ("independent_residential_38_week", 12),
        ("independent_residential_52_week", 15),
    ]
    assert sen.placements.placed_inside_authority.value == 0
    assert len(sen.categories.rows) == 8
    assert len(sen.special_schools.rows) == 11
    assert len(sen.actions) == 25
    assert [a.number for a in sen.actions] == list(range(1, 26))
    assert sen.proposed_special_schools.rows[4].places == FigureRange(
        40,
        None,
        Source("foi_sen", sen.proposed_special_schools.section, "School E ASD Secondary 40+"),
        open_ended=True,
    )
    assert sen.nurseries.count.value == 2 and sen.area_sencos.count.value == 5


def _quotes(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}"
            if isinstance(value, str) and re.search(r"(^|_)quote$", str(key)):
                yield here, value
            else:
                yield from _quotes(value, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _quotes(value, f"{path}[{i}]")


def test_every_quote_and_action_text_is_verbatim_in_the_source(source_texts, sen):
    text = source_texts["foi_sen"]
    raw = load_raw(DATA, SEN)
    quotes = list(_quotes(raw))
    assert len(quotes) > 100
    for where, quote in quotes:
        assert normalise(quote) in text, f"{SEN}{where}: {quote!r}"
    for action in sen.actions:
        assert normalise(action.text) in text, f"action {action.number}"
    for line in sen.unit_provision.primary + sen.unit_provision.secondary:
        assert normalise(line) in text, line
    for note in sen_notes(sen):
        if note.quote:
            assert normalise(note.quote) in text, note.text


def test_the_need_map_is_editorial_and_quotes_nothing():
    raw = load_raw(DATA, MAP)
    assert raw["document"] == "tool_editorial"
    assert "not the cabinet report's" in raw["note"]
    assert list(_quotes(raw)) == []
    header = (DATA / MAP).read_text(encoding="utf-8").splitlines()[0]
    assert "EDITORIAL" in header and "NOT THE REPORT'S" in header


# ---------------------------------------------------------------------------------------------------
# derived figures, hand-worked
# ---------------------------------------------------------------------------------------------------
def test_category_totals(sen):
    t = category_totals(sen)
    # 260+911+418+399+179+58+49+172 and 175+297+417+110+106+63+24+170
    assert (t.primary, t.secondary, t.total) == (2446, 1362, 3808)
    frame = categories_frame(sen)
    assert frame["Total pupils"].sum() == 3808
    assert frame.set_index("category_id").loc["moderate_severe_learning_difficulty"][
        "Share of table %"
    ] == pytest.approx(31.7)  # 1208 / 3808


def test_special_school_occupancy(sen):
    total = special_schools_total(sen)
    assert (total.places, total.pupils, total.schools) == (885, 826, 11)
    assert total.occupancy_pct == pytest.approx(100 * 826 / 885)
    assert round(total.occupancy_pct, 1) == 93.3
    assert total.over_capacity == ("Baginton Fields", "The Meadows")
    assert total.at_capacity == ("Tiverton", "Wainbody Wood")
    by_name = {s.name: s for s in special_school_occupancy(sen)}
    assert by_name["Baginton Fields"].occupancy_pct == pytest.approx(100 * 101 / 95)  # 106.3%
    assert by_name["Baginton Fields"].spare_places == -6
    assert by_name["The Meadows"].occupancy_pct == pytest.approx(100 * 46 / 45)  # 102.2%
    assert by_name["Dartmouth"].occupancy_pct == pytest.approx(100 * 47 / 65)  # 72.3%
    frame = special_schools_frame(sen)
    assert list(frame.loc[frame["Status"] == "over capacity", "School"]) == [
        "Baginton Fields",
        "The Meadows",
    ]
    assert frame.loc[frame["School"] == "Corley", "Type in full"].item() == (
        "Moderate Learning Difficulties + Autistic Spectrum Disorder"
    )


def test_school_action_shares_and_implied_roll(sen):
    r = school_action_rolls(sen)
    assert r.school_action.share_pct == 11.7 and r.school_action_plus.share_pct == 6.3
    assert round(r.school_action.roll) == 49872  # 5835 / 0.117 = 49,871.8
    assert round(r.school_action_plus.roll) == 49683  # 3130 / 0.063 = 49,682.5
    # 11.65% to 11.75%: 5835/0.1175 = 49,659.6 -> 49,660; 5835/0.1165 = 50,085.8 -> 50,085
    assert (r.school_action.roll_low, r.school_action.roll_high) == (49660, 50085)
    # 6.25% to 6.35%: 3130/0.0635 = 49,291.3 -> 49,292; 3130/0.0625 = 50,080 exactly
    assert (r.school_action_plus.roll_low, r.school_action_plus.roll_high) == (49292, 50080)
    assert (r.consistent_low, r.consistent_high) == (49660, 50080)
    assert r.combined_pupils == 8965 and r.combined_share_pct == 18.0


@given(
    pupils=st.integers(min_value=1, max_value=20_000),
    roll=st.integers(min_value=1, max_value=500_000),
)
def test_the_true_roll_is_always_inside_the_implied_range(pupils, roll):
    assume(pupils <= roll)
    share = round(100 * pupils / roll, 1)
    assume(share > 0.05)
    r = implied_roll("x", pupils, share, "t")
    assert r.roll_low <= roll <= r.roll_high
    assert r.roll_low - 1 < r.roll < r.roll_high + 1


def test_statements_per_school(sen):
    primary, secondary = statements_per_school(sen)
    assert (primary.pupils, primary.per_school_min, primary.per_school_max) == (261, 0, 16)
    assert primary.schools is None and primary.average is None
    # one school with 0, one with 16, the other 245 at most 16 each: 2 + ceil(245/16) = 18
    assert primary.min_schools_implied == 18
    assert (secondary.pupils, secondary.schools) == (438, 19)
    assert secondary.average == pytest.approx(438 / 19)
    assert round(secondary.average, 2) == 23.05
    assert (secondary.per_school_min, secondary.per_school_max) == (10, 44)
    # 10 + 44 + 17×10 = 224 ≤ 438 ≤ 10 + 44 + 17×44 = 802
    assert secondary.feasible is True
    frame = statements_frame(sen)
    assert frame["Average per school"].tolist()[1] == 23.05


def test_placements(sen):
    p = placements_summary(sen)
    assert (p.total, p.inside_authority, p.outside_authority) == (47, 0, 47)
    assert p.inside_share_pct == 0.0
    assert p.as_at == "February 2015"
    frame = placements_frame(sen)
    assert frame["Share of placements %"].tolist() == [42.6, 25.5, 31.9]  # 20, 12, 15 of 47


def test_out_of_city_cost_and_pupils(sen):
    o = out_of_city_estimate(sen)
    assert (o.annual_cost_gbp, o.average_cost_gbp) == (3_500_000, 55_500)
    assert o.implied_pupils == pytest.approx(3_500_000 / 55_500)  # 63.06
    assert round(o.implied_pupils) == 63
    # "about £3.5m": £3.45m to £3.55m -> 62.2 to 64.0 pupils
    assert o.implied_pupils_low == pytest.approx(3_450_000 / 55_500)
    assert o.implied_pupils_high == pytest.approx(3_550_000 / 55_500)
    assert o.approximate
    assert "c. 2004" in o.as_at


def test_proposed_places_against_today(sen):
    c = provision_comparison(sen)
    assert (c.today_places, c.today_pupils) == (885, 826)
    # 80+80+80+80+40+110 = 470; School E "40+" has no top; counted at 40: 80+80+100+100+40+110
    assert (c.special.low, c.special.high, c.special.high_if_open_at_min) == (470, None, 510)
    assert c.special.open_ended == ("School E",)
    assert (c.enhanced.low, c.enhanced.high) == (140, 140)
    assert (c.combined.low, c.combined.high, c.combined.high_if_open_at_min) == (610, None, 650)
    assert (c.special_change_low, c.special_change_high) == (-415, -375)
    assert c.special.describe() == "470 to 510, or more (School E open-ended)"
    assert c.enhanced.describe() == "140"
    frame = provision_frame(sen)
    assert frame["Places as written"].tolist()[0] == "885"
    schools = proposed_schools_frame(sen)
    assert schools.loc[schools["School"] == "School C", "Places as written"].item() == "80–100"
    assert schools.loc[schools["School"] == "School E", "Places as written"].item() == "40+"


range_entries = st.tuples(st.integers(0, 500), st.one_of(st.none(), st.integers(0, 200))).map(
    lambda t: FigureRange(
        t[0], None if t[1] is None else t[0] + t[1], Source("d", "s"), open_ended=t[1] is None
    )
)


@given(st.lists(range_entries, min_size=1, max_size=8))
def test_range_sums_keep_open_ends_open(entries):
    r = sum_ranges([(f"row {i}", e) for i, e in enumerate(entries)])
    assert r.low == sum(e.low for e in entries)
    assert r.low <= r.high_if_open_at_min
    assert (r.high is None) == any(e.open_ended for e in entries)
    assert len(r.open_ended) == sum(e.open_ended for e in entries)
    if r.high is not None:
        assert r.high == r.high_if_open_at_min == sum(e.high for e in entries)


@given(places=st.integers(1, 500), pupils=st.integers(0, 600))
def test_occupancy_status_in_words(places, pupils):
    status = occupancy_status(places, pupils)
    assert status == (
        "over capacity"
        if pupils > places
        else "at capacity"
        if pupils == places
        else "below capacity"
    )


# ---------------------------------------------------------------------------------------------------
# actions
# ---------------------------------------------------------------------------------------------------
def test_actions_table_and_search(sen):
    frame = actions_frame(sen)
    assert len(frame) == 25
    row2 = frame.set_index("No.").loc[2]
    assert row2["Timeline row"] == "Sure Start Children's Centres"
    assert row2["Years stated"] == "By 2008 (a total of 12 Centres)"
    assert row2["Timeline detail"] == "1 – 12 Centres phased in"
    assert filter_actions(frame, "Corley")["No."].tolist() == [17]
    assert filter_actions(frame, "BEHAVIOUR difficulties")["No."].tolist() == [
        11,
        12,
        13,
        14,
        16,
    ]
    assert filter_actions(frame, "P Scales  2005")["No."].tolist() == [24]
    assert len(filter_actions(frame, "")) == 25
    assert filter_actions(frame, "no such words anywhere").empty
    # regex characters are plain text
    assert filter_actions(frame, "(.*")["No."].tolist() == []
    shown = actions_display_frame(filter_actions(frame, "Children's Centres"))
    assert list(shown.columns) == [
        "No.",
        "Suggested action",
        "Theme and section",
        "Timeline row",
        "Years stated",
    ]
    first = shown.iloc[0]
    assert first["Timeline row"] == "Sure Start Children's Centres: 1 – 12 Centres phased in"
    assert first["Theme and section"] == "Early years (section 3.5 Sure Start Children’s Centres)"


@functools.cache
def _actions() -> pd.DataFrame:
    return actions_frame(load_dataset(DATA).sen)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=30))
def test_search_only_narrows(query):
    frame = _actions()
    found = filter_actions(frame, query)
    assert set(found["No."]) <= set(frame["No."])
    for word in query.lower().split():
        for _, row in found.iterrows():
            assert word in " ".join(str(v) for v in row.values).lower()


# ---------------------------------------------------------------------------------------------------
# need beside support
# ---------------------------------------------------------------------------------------------------
def test_need_beside_support(dataset):
    rows = {r.category_id: r for r in need_beside_support(dataset)}
    assert set(rows) == set(dataset.sen.categories.ids())
    asd = rows["autistic_spectrum_disorder"]
    assert (asd.primary, asd.secondary, asd.total, asd.as_at) == (179, 106, 285, "January 2004")
    assert [link.service_id for link in asd.links] == ["sen_support"]
    assert asd.links[0].teams == ("Complex Communication and Learning",)
    assert asd.group_at_risk_fte == pytest.approx(9.2 + 4.13)
    assert (asd.confirmed_reduction_fte, asd.market_testing_fte) == (22.83, 33.32)
    assert "whole service, not split by team" in asd.note

    besd = rows["behaviour_emotional_social"]
    assert [link.service_id for link in besd.links] == [
        "sen_support",
        "extended_learning_centre",
        "hospital_education",
    ]
    assert besd.group_at_risk_fte == pytest.approx(33.32 - 9.2 - 4.13)  # 19.99, derived remainder
    assert besd.confirmed_reduction_fte == pytest.approx(22.83 + 1 + 2.12)
    assert besd.potential_reduction_fte == pytest.approx(1.0)

    other = rows["other"]
    assert other.confirmed_reduction_fte is None and other.group_at_risk_fte is None
    assert "3.62 FTE at risk through grade changes" in other.note

    msld = rows["moderate_severe_learning_difficulty"]
    support = next(link for link in msld.links if link.service_id == "sen_support")
    assert support.teams == (WHOLE_SERVICE, "Complex Communication and Learning")
    # the same service mapped twice is counted once
    assert msld.confirmed_reduction_fte == 22.83

    frame = need_support_frame(tuple(rows.values()))
    assert frame["Total pupils"].sum() == 3808
    detail = need_support_detail_frame(tuple(rows.values()))
    assert len(detail) == 11
    assert detail.loc[
        detail["category_id"] == "autistic_spectrum_disorder", "At-risk groups"
    ].item() == ("Autism teaching posts (9.20 FTE at risk); Autism HLTA posts (4.13 FTE at risk)")


def test_need_beside_support_uses_the_buyback_models_at_risk_figures(dataset):
    from redesign.buyback.model import BuybackModel

    at_risk = BuybackModel(dataset).at_risk_fte
    rows = need_beside_support(dataset)
    mapped = {g for r in rows for link in r.links for g in link.at_risk_groups}
    assert mapped == set(at_risk)
    assert sum(link.group_at_risk_fte or 0 for r in rows for link in r.links) == pytest.approx(
        sum(at_risk.values())
    )


# ---------------------------------------------------------------------------------------------------
# reconciliation
# ---------------------------------------------------------------------------------------------------
def test_sen_discrepancies_as_published(dataset, sen):
    found = sen_discrepancies(sen)
    assert [(d.service, d.check, d.published, d.computed, d.unit) for d in found] == [
        ("Categories of need", "category_table_vs_counts", 3808, 3829, "pupils")
    ]
    gap = found[0]
    assert gap.difference == -21 and gap.service_id is None
    assert "3,130" in gap.detail and "261 primary + 438 secondary = 699" in gap.detail
    everything = all_discrepancies(dataset)
    services_only = services_discrepancies(dataset.services)
    assert everything[: len(services_only)] == services_only  # service checks first
    assert everything[len(services_only) :] == found


def test_sen_notes(sen):
    notes = sen_notes(sen)
    text = " ".join(n.text for n in notes)
    assert "three secondary schools" in text and "four enhanced resource bases" in text
    assert "School E is published as open-ended" in text
    assert "49,660 to 50,080" in text
    assert "at least 18 primary schools" in text
    assert "about 63 pupils" in text and "February 2015" in text
    assert "Baginton Fields 101 pupils for 95 places" in text
    assert len(notes_frame(notes)) == len(notes)


def _sen_only(root: Path):
    return sen_discrepancies(load_dataset(root).sen)


def test_a_category_row_that_does_not_add_up(data_copy):
    change(data_copy, SEN, lambda r: r["categories_of_need"]["rows"][5]["total"].update(value=122))
    found = {d.check: d for d in _sen_only(data_copy)}
    d = found["category_row_total"]
    assert (d.service, d.published, d.computed, d.difference) == ("Categories of need", 122, 121, 1)
    assert "Sensory Needs" in d.detail


def test_special_school_rows_against_stated_totals_and_count(data_copy):
    def drop_tiverton(raw):
        rows = raw["special_schools"]["rows"]
        rows[:] = [r for r in rows if r["name"] != "Tiverton"]

    change(data_copy, SEN, drop_tiverton)
    found = {d.check: d for d in _sen_only(data_copy)}
    assert (found["special_school_places"].published, found["special_school_places"].computed) == (
        885,
        843,
    )
    assert found["special_school_places"].unit == "places"
    assert (found["special_school_pupils"].published, found["special_school_pupils"].computed) == (
        826,
        784,
    )
    assert found["special_school_pupils"].unit == "pupils"
    assert (found["special_school_count"].published, found["special_school_count"].computed) == (
        11,
        10,
    )


def test_proposed_rows_against_stated_total(data_copy):
    change(
        data_copy,
        SEN,
        lambda r: r["proposed_special_schools"]["stated_total"].update(min=480, max=520),
    )
    found = {d.check: d for d in _sen_only(data_copy)}
    assert (found["proposed_places_min"].published, found["proposed_places_min"].computed) == (
        480,
        470,
    )
    assert (found["proposed_places_max"].published, found["proposed_places_max"].computed) == (
        520,
        510,
    )
    assert "counting School E at its minimum" in found["proposed_places_max"].detail


def test_category_table_above_the_counts_is_not_a_discrepancy(data_copy):
    # A table larger than SAP + statements is possible (pupils at statutory assessment stage).
    def fewer_at_sap(raw):
        raw["school_action_plus"]["pupils"]["value"] = 3000
        raw["school_action_plus"]["share_of_roll_pct"]["value"] = 6.0  # 3000 / 6% = 50,000

    change(data_copy, SEN, fewer_at_sap)
    assert _sen_only(data_copy) == []


def test_shares_that_imply_different_rolls(data_copy):
    change(data_copy, SEN, lambda r: r["school_action_plus"]["share_of_roll_pct"].update(value=7.3))
    found = {d.check: d for d in _sen_only(data_copy)}
    assert "no roll fits both" in found["implied_roll"].detail


def scenario_statement_range_that_cannot_hold_the_total(data_copy):
    change(data_copy, SEN, lambda r: r["statements"]["secondary"]["pupils"].update(value=900))
    found = {d.check: d for d in _sen_only(data_copy)}
    assert found["statements_range"].published == 900


def test_summary_json_has_the_sen_discrepancies(capsys):
    assert cli_main(["summary", "--json", "--data", str(DATA)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"data_dir", "services", "totals", "discrepancies"} <= set(data)
    sen_found = [d for d in data["discrepancies"] if d["service"] == "Categories of need"]
    assert sen_found[0]["difference"] == -21
    assert data["discrepancies"][0]["service_id"] is not None  # service checks first
    assert any("four enhanced resource bases" in n["text"] for n in data["sen_notes"])


def test_validate_still_passes(capsys):
    assert cli_main(["validate", str(DATA)]) == 0
    assert "8 categories of need" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------------------
# validation: one bad file per rule
# ---------------------------------------------------------------------------------------------------
CAT0 = "categories_of_need.rows.specific_learning_difficulty"


def test_wrong_type(data_copy):
    change(
        data_copy, SEN, lambda r: r["categories_of_need"]["rows"][0]["primary"].update(value="many")
    )
    assert_problem(problems_of(data_copy), SEN, CAT0, "primary.value", "expected a number")


def test_missing_field(data_copy):
    change(data_copy, SEN, lambda r: r["special_schools"]["rows"][0].pop("places"))
    assert_problem(
        problems_of(data_copy), SEN, "special_schools.rows.Alice Stevens", "places", "missing"
    )


def test_negative_count(data_copy):
    change(data_copy, SEN, lambda r: r["placements"]["types"][0]["pupils"].update(value=-1))
    assert_problem(
        problems_of(data_copy),
        SEN,
        "placements.types.independent_day",
        "pupils.value",
        "must not be negative",
    )


def test_fractional_count(data_copy):
    change(data_copy, SEN, lambda r: r["special_schools"]["rows"][1]["pupils"].update(value=68.5))
    assert_problem(
        problems_of(data_copy), SEN, "special_schools.rows.Corley", "pupils.value", "whole number"
    )


def test_null_count(data_copy):
    change(data_copy, SEN, lambda r: r["area_sencos"]["count"].update(value=None))
    assert_problem(problems_of(data_copy), SEN, "area_sencos", "count.value", "is null")


def test_duplicate_category_id(data_copy):
    def dup(raw):
        raw["categories_of_need"]["rows"][1]["id"] = "specific_learning_difficulty"

    change(data_copy, SEN, dup)
    assert_problem(problems_of(data_copy), SEN, CAT0, "id", "duplicate")


def test_duplicate_special_school(data_copy):
    change(data_copy, SEN, lambda r: r["special_schools"]["rows"][1].update(name="Alice Stevens"))
    assert_problem(
        problems_of(data_copy), SEN, "special_schools.rows.Alice Stevens", "name", "duplicate"
    )


def test_duplicate_action_number(data_copy):
    change(data_copy, SEN, lambda r: r["actions"][1].update(number=1))
    problems = problems_of(data_copy)
    assert_problem(problems, SEN, "actions.1", "number", "duplicate")
    assert_problem(problems, SEN, "actions", "actions", "missing [2]")


def test_range_max_below_min(data_copy):
    change(
        data_copy,
        SEN,
        lambda r: r["proposed_special_schools"]["rows"][2]["places"].update(min=100, max=80),
    )
    assert_problem(
        problems_of(data_copy),
        SEN,
        "proposed_special_schools.rows.School C",
        "places",
        "max 80 is below min 100",
    )


def scenario_statement_range_max_below_min(data_copy):
    change(data_copy, SEN, lambda r: r["statements"]["secondary"]["per_school_max"].update(value=5))
    assert_problem(
        problems_of(data_copy), SEN, "statements.secondary", "per_school_max", "below min"
    )


def test_unknown_field_is_named(data_copy):
    change(data_copy, SEN, lambda r: r["special_schools"]["rows"][0].update(pupil=1))
    assert_problem(
        problems_of(data_copy), SEN, "special_schools.rows.Alice Stevens", "pupil", "unknown field"
    )


def test_missing_as_at(data_copy):
    change(data_copy, SEN, lambda r: r["school_action"].pop("as_at"))
    assert_problem(problems_of(data_copy), SEN, "school_action", "as_at", "missing")


def test_share_of_roll_over_100(data_copy):
    change(data_copy, SEN, lambda r: r["school_action"]["share_of_roll_pct"].update(value=117))
    assert_problem(
        problems_of(data_copy), SEN, "school_action", "share_of_roll_pct.value", "at most 100"
    )


def test_special_school_type_not_in_glossary(data_copy):
    change(data_copy, SEN, lambda r: r["special_schools"]["rows"][1].update(type="MLD + XYZ"))
    assert_problem(
        problems_of(data_copy),
        SEN,
        "special_schools.rows.Corley",
        "type",
        "XYZ not in type_glossary",
    )


def test_placed_inside_more_than_placed(data_copy):
    change(data_copy, SEN, lambda r: r["placements"]["placed_inside_authority"].update(value=48))
    assert_problem(
        problems_of(data_copy),
        SEN,
        "placements",
        "placed_inside_authority.value",
        "more than the 47",
    )


def test_action_points_at_a_missing_timeline_row(data_copy):
    change(data_copy, SEN, lambda r: r["actions"][8].update(timeline_row="Nowhere"))
    assert_problem(problems_of(data_copy), SEN, "actions.9", "timeline_row", "no timeline row")


def test_timeline_row_lists_a_missing_action(data_copy):
    change(data_copy, SEN, lambda r: r["timeline"]["rows"][0].update(actions=[2, 99]))
    assert_problem(
        problems_of(data_copy),
        SEN,
        "timeline.rows.Sure Start Children's Centres",
        "actions",
        "no suggested action number 99",
    )


def scenario_stated_years_need_their_words(data_copy):
    change(data_copy, SEN, lambda r: r["actions"][1].pop("years_quote"))
    assert_problem(problems_of(data_copy), SEN, "actions.2", "years_quote", "missing")


def test_sen_file_with_an_unknown_document(data_copy):
    change(data_copy, SEN, lambda r: r.update(document="nowhere"))
    assert_problem(problems_of(data_copy), SEN, "", "document", "unknown document")


# ---------------------------------------------------------------------------------------------------
# the need-to-support map
# ---------------------------------------------------------------------------------------------------
def test_every_category_is_mapped(dataset):
    mapped = set(dataset.need_map.categories())
    assert mapped == set(dataset.sen.categories.ids())


def test_an_unmapped_category_is_an_error(data_copy):
    def drop(raw):
        raw["mappings"] = [m for m in raw["mappings"] if m["category"] != "sensory"]

    change(data_copy, MAP, drop)
    problems = problems_of(data_copy)
    assert_problem(problems, MAP, "sensory", "category", "not mapped")
    assert len(problems) == 1


def test_a_mapping_with_no_support_is_an_error(data_copy):
    change(data_copy, MAP, lambda r: r["mappings"][0].update(support=[]))
    assert_problem(
        problems_of(data_copy), MAP, "specific_learning_difficulty", "support", "at least one"
    )


def test_unknown_category_in_the_map(data_copy):
    change(data_copy, MAP, lambda r: r["mappings"][0].update(category="dyslexia"))
    problems = problems_of(data_copy)
    assert_problem(problems, MAP, "dyslexia", "category", "unknown category of need")
    assert_problem(problems, MAP, "specific_learning_difficulty", "category", "not mapped")


def test_unknown_service_in_the_map(data_copy):
    change(data_copy, MAP, lambda r: r["mappings"][7]["support"][0].update(service="sen_mgmt"))
    assert_problem(problems_of(data_copy), MAP, "other", "support[0].service", "no service")


def test_unknown_group_in_the_map(data_copy):
    change(
        data_copy,
        MAP,
        lambda r: r["mappings"][4]["support"][0].update(at_risk_groups=["autism_teaching", "x"]),
    )
    assert_problem(
        problems_of(data_copy),
        MAP,
        "autistic_spectrum_disorder",
        "support[0].at_risk_groups[1]",
        "no at-risk group 'x'",
    )


def test_group_of_another_team(data_copy):
    change(
        data_copy,
        MAP,
        lambda r: r["mappings"][4]["support"][0].update(at_risk_groups=["behaviour_and_other"]),
    )
    assert_problem(
        problems_of(data_copy),
        MAP,
        "autistic_spectrum_disorder",
        "support[0].at_risk_groups[0]",
        "belongs to team",
    )


def test_unknown_team(data_copy):
    change(data_copy, MAP, lambda r: r["mappings"][5]["support"][0].update(team="Hearing"))
    assert_problem(problems_of(data_copy), MAP, "sensory", "support[0].team", "unknown team")


def test_team_on_a_service_without_teams(data_copy):
    change(data_copy, MAP, lambda r: r["mappings"][7]["support"][0].update(team="Sensory"))
    assert_problem(problems_of(data_copy), MAP, "other", "support[0].team", "only named")


def test_the_map_must_be_labelled_editorial(data_copy):
    change(data_copy, MAP, lambda r: r.update(document="foi_sen"))
    assert_problem(problems_of(data_copy), MAP, "", "document", "tool's own reading")


def test_the_map_carries_no_quotes(data_copy):
    change(data_copy, MAP, lambda r: r["mappings"][0]["support"][0].update(quote="dyslexia"))
    assert_problem(
        problems_of(data_copy),
        MAP,
        "specific_learning_difficulty",
        "support[0].quote",
        "unknown field",
    )


def test_the_same_service_and_team_twice(data_copy):
    def dup(raw):
        support = raw["mappings"][5]["support"]
        support.append(dict(support[0]))

    change(data_copy, MAP, dup)
    assert_problem(problems_of(data_copy), MAP, "sensory", "support[1].service", "listed twice")


def test_the_map_is_required_with_the_sen_file(data_copy):
    (data_copy / MAP).unlink()
    assert_problem(problems_of(data_copy), MAP, "", "", "file is missing")


def test_the_sen_file_is_required_with_the_map(data_copy):
    (data_copy / SEN).unlink()
    assert_problem(problems_of(data_copy), SEN, "", "", "file is missing")


def test_a_folder_without_the_sen_dataset_still_loads(data_copy):
    (data_copy / SEN).unlink()
    (data_copy / MAP).unlink()
    manifest = data_copy / "manifest.yaml"
    manifest.write_text(manifest.read_text().replace("sen_dataset: true", "sen_dataset: false"))
    dataset = load_dataset(data_copy)
    assert dataset.sen is None and dataset.need_map is None
    assert all(d.service_id is not None or d.unit == "£m" for d in all_discrepancies(dataset))
    assert need_beside_support(dataset) == ()


# ---------------------------------------------------------------------------------------------------
# hostile content in the two new files: only ever a DataError naming the file
# ---------------------------------------------------------------------------------------------------
scalars = yaml_scalars(20)
trees = yaml_trees(20)


def _refused(root: Path) -> None:
    """A random tree in place of the whole file is never valid: refused, every problem placed."""
    with pytest.raises(DataError) as info:
        load_dataset(root)
    assert info.value.problems
    assert all(p.file and p.message for p in info.value.problems)


def _fresh_copy(tmp: Path) -> Path:
    root = tmp / "data"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(DATA, root)
    return root


HOSTILE = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@HOSTILE
@given(tree=trees, target=st.sampled_from([SEN, MAP]))
def test_any_tree_in_the_new_files_is_refused(tmp_path, tree, target):
    root = _fresh_copy(tmp_path)
    (root / target).write_text(yaml.safe_dump(tree), encoding="utf-8")
    _refused(root)


BLOCK_PATHS = [
    ("categories_of_need", "rows", 0, "primary"),
    ("special_schools", "rows", 5, "places"),
    ("statements", "secondary", "schools"),
    ("proposed_special_schools", "rows", 4, "places"),
    ("placements", "types", 1, "pupils"),
    ("out_of_city", "average_cost_per_pupil_gbp"),
    ("timeline", "span"),
    ("actions", 3),
    ("mappings", 2),
]


@HOSTILE
@given(where=st.sampled_from(BLOCK_PATHS), value=trees.filter(lambda v: v is not None))
def test_any_value_anywhere_in_the_new_files_is_refused(tmp_path, where, value):
    """A random tree in place of a figure, a block or an entry is never accepted as one (a
    figure is a mapping with a value and its quote; random keys never make one). A null is
    left out: for an optional figure it rightly means "not given"."""
    root = _fresh_copy(tmp_path)
    target = MAP if where[0] == "mappings" else SEN
    raw = load_raw(root, target)
    node = raw
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    save_raw(root, target, raw)
    _refused(root)
