"""The SEN tables on the Data and sources page and in the Excel workbook."""

from __future__ import annotations

import io
import re
import zipfile

from redesign.exports.workbook import workbook_bytes
from redesign.present.dataset_tables import dataset_tables
from redesign.present.sen_tables import sen_figure_sources_frame
from tests.support.paths import normalise


def test_sen_tables_are_listed_with_valid_titles(dataset):
    tables = dataset_tables(dataset)
    keys = [t.key for t in tables]
    assert len(keys) == len(set(keys))
    for key in (
        "sen_categories_of_need",
        "sen_special_schools",
        "sen_actions",
        "sen_figure_sources",
    ):
        assert key in keys
    for table in tables:
        assert len(table.title) <= 31, table.title
        assert not table.frame.empty, table.key


def test_sen_figure_sources_are_verbatim_and_dated(dataset, source_texts):
    frame = sen_figure_sources_frame(dataset)
    assert len(frame) > 50
    assert frame["As at"].str.len().min() > 0
    for quote in frame["Quote"]:
        assert normalise(quote) in source_texts["foi_sen"], quote
    values = dict(zip(frame["Record"], frame["Value"], strict=True))
    assert values["placements › types › independent_day › pupils"] == "20"
    assert values["school_action › share_of_roll_pct"] == "11.7"


def test_workbook_has_the_sen_sheets(dataset):
    with zipfile.ZipFile(io.BytesIO(workbook_bytes(dataset))) as book:
        names = re.findall(r'<sheet name="([^"]+)"', book.read("xl/workbook.xml").decode())
    assert "SEN categories of need" in names
    assert "SEN figure sources" in names
