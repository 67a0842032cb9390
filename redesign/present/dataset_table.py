"""A table of the dataset as it leaves the program: its frame, each column's unit and its sources.

The Data and sources page, the CSV files, the workbook and the briefing packs all read a table's
units and documents from here, so a percentage is a percentage everywhere and a table's source line
names the documents its figures come from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from redesign.core.table_format import format_declared
from redesign.core.units import Unit, row_unit


@dataclass(frozen=True)
class DatasetTable:
    key: str  # file-name safe
    title: str  # sheet / heading (31 characters at most: Excel's sheet-name limit)
    description: str
    frame: pd.DataFrame  # numbers as numbers, user-facing headers, no code-only columns
    units: Mapping[str, Unit] = field(default_factory=dict)  # every numeric column's unit
    documents: tuple[str, ...] = ()  # document ids (data/sources.yaml) the figures come from
    unit_column: str = ""  # the column naming each row's unit, for columns of unit BY_ROW

    def __post_init__(self) -> None:
        missing = [
            str(c)
            for c in self.frame.columns
            if c not in self.units
            and pd.api.types.is_numeric_dtype(self.frame[c])
            and not pd.api.types.is_bool_dtype(self.frame[c])
        ]
        unknown = [c for c in self.units if c not in self.frame.columns]
        if missing or unknown:
            # A programming error, caught by the tests: every figure must say what it is.
            raise ValueError(
                f"table {self.key!r}: no unit for {missing}; units for absent columns {unknown}"
            )
        if any(u is Unit.BY_ROW for u in self.units.values()) and (
            self.unit_column not in self.frame.columns
        ):
            raise ValueError(f"table {self.key!r}: BY_ROW columns need a unit column")

    def unit(self, column: str, row: int | None = None) -> Unit:
        """A column's unit; for a BY_ROW column, the unit of row ``row`` (position)."""
        unit = self.units.get(column, Unit.TEXT)
        if unit is Unit.BY_ROW:
            return row_unit(self.frame[self.unit_column].iloc[row]) if row is not None else unit
        return unit

    def display(self, missing: str = "—") -> pd.DataFrame:
        """Every cell as display text, by the declared units."""
        return format_declared(self.frame, self.units, self.unit_column, missing)
