"""The workbook's scenario and comparison sheets: the Buy-back what-if page's figures, each number in
the format of its row's unit (a percentage shows as one, money as £m), and a name a user typed kept
as text."""

from __future__ import annotations

import pytest

from redesign.buyback import scenario_io as sio
from redesign.buyback.curve_chart import curve_table
from redesign.buyback.model import BuybackModel
from redesign.core.formatting import fte, money_m, pct
from redesign.exports.briefing import NamedScenario, PackRequest, briefing_xlsx
from redesign.exports.pack.request import scenario_reference
from tests.support.packs import DAY, excel_shows, sheet_table, workbook


@pytest.fixture(scope="module")
def model(dataset):
    return BuybackModel(dataset)


@pytest.fixture(scope="module")
def named(model):
    return [
        ("=Keep every post", sio.make_scenario(model, dict.fromkeys(model.group_ids, 1.0))),
        ("Half back", sio.make_scenario(model, dict.fromkeys(model.group_ids, 0.5))),
    ]


@pytest.fixture(scope="module")
def scenario(model):
    return sio.make_scenario(
        model, {"autism_teaching": 0.6, "autism_hlta": 0.0, "behaviour_and_other": 0.4}, name="B"
    )


@pytest.fixture(scope="module")
def book(dataset, scenario, named):
    request = PackRequest(
        scenario=scenario,
        compared=tuple(NamedScenario(n, s) for n, s in named),
        page="buyback",
        generated_on=DAY,
    )
    return workbook(briefing_xlsx(dataset, request))


def test_the_scenario_sheets_come_after_the_cover(book):
    assert book.sheetnames[:4] == ["Cover", "Scenario", "Scenario curve", "Comparison"]
    assert book.sheetnames[-1] == "Notes"


def test_the_cover_names_the_scenario_and_its_reference(book, model, scenario):
    cells = {
        row[0].value: row[1].value for row in book["Cover"].iter_rows(max_col=2) if row[0].value
    }
    assert cells["Buy-back scenario"].startswith("“B”: 60% of the autism teaching posts")
    assert cells["Scenario reference"] == scenario_reference(model, scenario)
    assert cells["Status"] == "Proposals, not decisions."


def test_the_comparison_sheet_is_the_page_table(book, model, named):
    from redesign.buyback import compare as bc

    # What the buy-back page shows and its CSV holds (pages/buyback_parts/comparison.py).
    page = bc.numbers_frame(bc.comparison_rows(model, named), [n for n, _ in named])
    header, rows, formats = sheet_table(book, "Comparison")
    assert header == [*page.columns, "Unit"]
    for row, fmts, (_, expected) in zip(rows, formats, page.iterrows(), strict=True):
        assert row[0] == expected["Output"]
        assert row[1:3] == pytest.approx([expected[n] for n, _ in named])
        label = str(row[0])
        shown = excel_shows(row[1], fmts[1])
        if "£m" in label:
            assert shown == money_m(row[1]).lstrip("+"), label
        elif label.endswith("%") or label.startswith("Buy-back %"):
            assert shown == pct(row[1]), label
        elif "FTE" in label:
            assert shown == fte(row[1]), label
    assert header[1] == "=Keep every post"  # a typed name is a header, never a formula


def test_the_scenario_sheet_is_the_pages_figures(book, model, scenario):
    result = model.evaluate(scenario)
    header, rows, formats = sheet_table(book, "Scenario")
    assert header[:2] == ["Output", "This scenario"] and header[2].startswith("The proposal")
    values = {r[0]: (r[1], f[1]) for r, f in zip(rows, formats, strict=True)}
    saving, fmt = values["Saving £m"]
    assert saving == pytest.approx(result.saving_m) and excel_shows(saving, fmt) == money_m(saving)
    share, fmt = values["Traded share of service cost %"]
    assert share == pytest.approx(result.traded_share_pct)
    assert excel_shows(share, fmt) == pct(result.traded_share_pct)
    level, fmt = values["Buy-back %, autism teaching posts"]
    assert level == 60 and excel_shows(level, fmt) == "60.0%"
    charge, fmt = values["Assumption: Traded charge as a share of direct staff cost"]
    assert charge == 115 and excel_shows(charge, fmt) == "115.0%"
    cost, fmt = values["Assumption: Cost per FTE, autism teaching posts"]
    assert excel_shows(cost, fmt) == "£50,000"


def test_the_curve_sheet_is_the_pages_curve(book, model, scenario):
    header, rows, _formats = sheet_table(book, "Scenario curve")
    expected = curve_table(model.curve(scenario))
    assert header == list(expected.columns)
    assert [r[0] for r in rows] == list(expected["Buy-back %"])
    assert [r[3] for r in rows] == pytest.approx(list(expected["Saving £m"]))
