"""A discrepancy: a published figure beside the figure its parts add up to, as data."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from redesign.core.arithmetic import clean

ALL_SERVICES = "All services"

CHECK_LABELS = {
    "fte_reduction": "FTE now minus proposed FTE against the stated reduction",
    "saving": "Current budget minus proposed cost against the stated saving",
    "savings_by_stream": "Savings by funding stream against the stated saving",
    "budget_components": "Budget components against the stated current budget",
    "total_saving": "Sum of stated savings against total budget minus total proposed cost",
}


@dataclass(frozen=True)
class Discrepancy:
    service: str  # the service's name, or "All services", or a SEN dataset table
    service_id: str | None
    check: str
    check_label: str
    published: float | None
    computed: float | None
    unit: str  # "£m", "FTE", "pupils", "places"
    detail: str

    @property
    def difference(self) -> float | None:
        if self.published is None or self.computed is None:
            return None
        return clean(self.published - self.computed)


def discrepancies_frame(found: list[Discrepancy]) -> pd.DataFrame:
    rows = [
        {
            "Service or table": d.service,
            "Check": d.check_label,
            "Published": d.published,
            "Computed": d.computed,
            "Difference": d.difference,
            "Unit": d.unit,
            "Detail": d.detail,
        }
        for d in found
    ]
    columns = ["Service or table", "Check", "Published", "Computed", "Difference", "Unit", "Detail"]
    return pd.DataFrame(rows, columns=columns)


def discrepancy_dict(d: Discrepancy) -> dict[str, object]:
    out = asdict(d)
    out["difference"] = d.difference
    return out
