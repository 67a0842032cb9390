"""The savings waterfall as a table and the notes under it."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from redesign.data.dataset import Dataset
from redesign.model.waterfall import WaterfallStep, running_levels, waterfall_steps
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
    spans = running_levels((s.kind in ("start", "end"), s.value_m) for s in steps)
    rows = []
    for step, (before, after) in zip(steps, spans, strict=True):
        total = step.kind in ("start", "end")
        rows.append(
            {
                "Step": step.label,
                "Type": "total"
                if total
                else "gap (published figures do not reconcile)"
                if step.kind == "gap"
                else "step",
                "Change £m": None if total else step.value_m,
                "Level before £m": before,
                "Level after £m": after,
                "Share of stated saving": None if total else step.share_of_saving,
                "Note": step.note,
                "colour_key": "total" if total else step.colour_key,
            }
        )
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
