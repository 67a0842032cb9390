"""Pupils by category of need: totals and shares."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from redesign.core.arithmetic import percent_of, total, whole
from redesign.data.sen.records import SenNeeds


# ---------------------------------------------------------------------------------------------------
# Categories of need
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CategoryTotals:
    primary: int
    secondary: int
    total: int  # the sum of the rows' stated totals (the table prints no grand total)
    as_at: str


def category_totals(sen: SenNeeds) -> CategoryTotals:
    rows = sen.categories.rows
    return CategoryTotals(
        primary=whole(total(r.primary.value for r in rows)),
        secondary=whole(total(r.secondary.value for r in rows)),
        total=whole(total(r.total.value for r in rows)),
        as_at=sen.categories.as_at,
    )


def categories_frame(sen: SenNeeds) -> pd.DataFrame:
    """One row per category of need: pupils in primary, secondary and in total, as published."""
    table_total = category_totals(sen).total
    rows = [
        {
            "category_id": r.id,
            "Category of need": r.label,
            "Primary pupils": whole(r.primary.value),
            "Secondary pupils": whole(r.secondary.value),
            "Total pupils": whole(r.total.value),
            "Share of table %": percent_of(whole(r.total.value), table_total, 1),
            "As at": r.as_at,
        }
        for r in sen.categories.rows
    ]
    return pd.DataFrame(rows)
