"""The strategy's suggested actions and its timeline, as tables a user can filter."""

from __future__ import annotations

import re

import pandas as pd

from redesign.data.sen.records import SenNeeds


# ---------------------------------------------------------------------------------------------------
# Suggested actions and the timeline
# ---------------------------------------------------------------------------------------------------
def actions_frame(sen: SenNeeds) -> pd.DataFrame:
    rows_by_label = {r.label: r for r in sen.timeline.rows}
    rows = []
    for a in sen.actions:
        row = rows_by_label.get(a.timeline_row or "")
        rows.append(
            {
                "No.": a.number,
                "Suggested action": a.text,
                "Theme": a.theme,
                "Strategy section": a.section,
                "Timeline row": a.timeline_row or "",
                "Timeline detail": (row.detail or "") if row else "",
                "Years stated": a.years_stated or "",
                "Note": "; ".join(
                    n for n in (a.timeline_row_note, a.years_note, a.body_difference) if n
                ),
            }
        )
    return pd.DataFrame(rows)


def actions_display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns a reader needs on screen (the CSV keeps every column of ``actions_frame``):
    the action, its theme and section, the timeline row with its detail, and the stated years."""
    timeline = [
        f"{row}: {detail}" if row and detail else row
        for row, detail in zip(frame["Timeline row"], frame["Timeline detail"], strict=True)
    ]
    return pd.DataFrame(
        {
            "No.": frame["No."],
            "Suggested action": frame["Suggested action"],
            "Theme and section": [
                f"{theme} (section {section})" if section else theme
                for theme, section in zip(frame["Theme"], frame["Strategy section"], strict=True)
            ],
            "Timeline row": timeline,
            "Years stated": frame["Years stated"],
        },
        index=frame.index,
    )


def filter_actions(frame: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows whose text columns contain every word of ``query`` (case-insensitive)."""
    words = [w for w in re.split(r"\s+", (query or "").strip().lower()) if w][:20]
    if not words or frame.empty:
        return frame
    text = frame.astype(str).agg(" ".join, axis=1).str.lower()
    mask = pd.Series(True, index=frame.index)
    for word in words:
        mask &= text.str.contains(word, regex=False)
    return frame[mask]


def timeline_frame(sen: SenNeeds) -> pd.DataFrame:
    rows = [
        {
            "Timeline row": r.label,
            "Detail on the chart": r.detail or "",
            "Actions": ", ".join(str(n) for n in r.actions),
            "Note": r.note or "",
        }
        for r in sen.timeline.rows
    ]
    return pd.DataFrame(rows)
