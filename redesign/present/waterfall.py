"""The savings waterfall as a table and the notes under it."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from redesign.core.arithmetic import clean
from redesign.data.dataset import Dataset
from redesign.model.waterfall import WaterfallStep, waterfall_steps
from redesign.present.services import services_in

# --- waterfall -----------------------------------------------------------------------------------

WATERFALL_COLUMNS = [
    "Step",
    "Type",
    "Change £m",
    "Level before £m",
    "Level after £m",
    "Share of stated saving",
    "Note",
    "colour_key",
]


def waterfall_table(steps: list[WaterfallStep]) -> pd.DataFrame:
    """Waterfall steps with the running level before and after each one (what the bars span).

    Start and end rows carry their level in both level columns and no change.
    """
    rows = []
    level = 0.0
    for step in steps:
        if step.kind in ("start", "end"):
            level = step.value_m
            rows.append(
                {
                    "Step": step.label,
                    "Type": "total",
                    "Change £m": None,
                    "Level before £m": step.value_m,
                    "Level after £m": step.value_m,
                    "Share of stated saving": None,
                    "Note": step.note,
                    "colour_key": "total",
                }
            )
            continue
        after = clean(level + step.value_m) or 0.0
        rows.append(
            {
                "Step": step.label,
                "Type": "gap (published figures do not reconcile)"
                if step.kind == "gap"
                else "step",
                "Change £m": step.value_m,
                "Level before £m": level,
                "Level after £m": after,
                "Share of stated saving": step.share_of_saving,
                "Note": step.note,
                "colour_key": step.colour_key,
            }
        )
        level = after
    return pd.DataFrame(rows, columns=WATERFALL_COLUMNS)


def waterfall_view(
    dataset: Dataset, view: str = "service", category: str | None = None
) -> pd.DataFrame:
    """The waterfall for a view ("service" or "stream") and an optional category filter."""
    by: Literal["service", "stream"] = "stream" if view == "stream" else "service"
    return waterfall_table(waterfall_steps(services_in(dataset, category), by=by))


def waterfall_ends(frame: pd.DataFrame) -> tuple[float | None, float | None]:
    """(start level, end level) of a waterfall table."""
    if frame.empty:
        return None, None
    return frame["Level after £m"].iloc[0], frame["Level after £m"].iloc[-1]


def waterfall_gap_notes(frame: pd.DataFrame) -> list[str]:
    """One plain sentence per gap step (where the published figures do not reconcile)."""
    gaps = frame[frame["colour_key"] == "gap"]
    return [f"{row['Step']}: {row['Note']}." for _, row in gaps.iterrows()]
