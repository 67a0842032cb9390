"""Every table of the dataset, in the order the Data and sources page and the workbook list them."""

from __future__ import annotations

from redesign.data.dataset import Dataset
from redesign.present.sen_tables import sen_tables
from redesign.present.tables import DatasetTable, core_tables


def dataset_tables(dataset: Dataset) -> list[DatasetTable]:
    """Every table of the dataset, in the order the page and the workbook show them."""
    return core_tables(dataset) + sen_tables(dataset)
