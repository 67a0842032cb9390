"""Fewer marks than rows: the largest rows of a frame plotted as they are, the rest as one "Other".

A chart with one bar per service is readable for the report's nine services, not for hundreds
(another authority's data, or the benchmark's synthetic 100x set). Chart builders pass their frame
through these functions first; the data table beside each chart is the page's own frame and keeps
every row. Sums are kept: the combined row holds the sum of the rows it replaces, so totals and a
waterfall's running level end where they ended.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from redesign.core.arithmetic import total_or_none
from redesign.model.waterfall import running_levels

# Most categories a chart draws one mark each for; beyond this the smaller ones are combined. The
# report has nine services, so its charts are never combined.
MAX_CATEGORIES = 15

# Column added by ``top_n_with_other``: 0 on a row plotted as itself, n on the row combining n rows.
COMBINED = "_combined"


def other_label(n: int, noun: str = "services") -> str:
    """The label of a combined row: "Other 885 services (combined)"."""
    return f"Other {n} {noun} (combined)"


def _measure(frame: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """Each row's size for ranking: the magnitude of the sum of ``columns`` (missing counts as 0)."""
    values = frame[list(columns)].apply(pd.to_numeric, errors="coerce").fillna(0.0)
    return np.abs(values.sum(axis=1).to_numpy(dtype=float))


def top_n_with_other(
    frame: pd.DataFrame,
    value_col: str | Sequence[str],
    label_col: str,
    limit: int = MAX_CATEGORIES,
    *,
    sum_cols: Sequence[str] = (),
    noun: str = "services",
    fill: Mapping[str, Any] | Callable[[pd.DataFrame], Mapping[str, Any]] | None = None,
) -> pd.DataFrame:
    """The ``limit`` largest rows by ``value_col`` (in their original order), then one row
    combining the rest, with a ``COMBINED`` column saying how many rows each row stands for.

    ``value_col`` is the chart's measure: one column, or several whose sum is the measure (a
    stacked bar's length). Rows are ranked by the magnitude of the measure; ties keep the earlier
    row. The combined row is labelled ``other_label`` in ``label_col``; in every ``value_col`` and
    ``sum_cols`` column it holds the sum of the combined rows' stated values (missing values
    skipped; missing when none is stated); other columns take ``fill`` (a mapping, or a function
    given the combined rows that returns one) or are missing.

    Nothing is combined when at most ``limit + 1`` rows are given (a row labelled "Other 1
    services" would draw as many marks as the row itself), so the result has at most
    ``limit + 1`` rows and at most one combined row.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    value_cols = [value_col] if isinstance(value_col, str) else list(value_col)
    out = frame.copy()
    out[COMBINED] = 0
    if len(frame) <= limit + 1:
        return out
    measure = _measure(frame, value_cols)
    order = np.argsort(-measure, kind="stable")
    kept = np.sort(order[:limit])
    rest = np.sort(order[limit:])
    combined = frame.iloc[rest]
    row: dict[str, Any] = {column: None for column in frame.columns}
    row.update((fill(combined) if callable(fill) else fill) or {})
    for column in dict.fromkeys([*value_cols, *sum_cols]):
        row[column] = total_or_none(
            None if pd.isna(v) else float(v) for v in combined[column].tolist()
        )
    row[label_col] = other_label(len(rest), noun)
    row[COMBINED] = len(rest)
    kept_rows = out.iloc[kept]
    other = pd.DataFrame([row], columns=out.columns)
    return pd.concat([kept_rows, _like(other, kept_rows)], ignore_index=True)


def _like(row: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """``row`` with ``frame``'s column types where its values allow (a missing float stays NaN,
    not None, so the column stays numeric)."""
    out = row.copy()
    for column, dtype in frame.dtypes.items():
        if out[column].dtype == dtype:
            continue
        try:
            out[column] = out[column].astype(dtype)
        except (TypeError, ValueError):
            continue
    return out


WATERFALL_STEP = "step"


def waterfall_top_n(
    frame: pd.DataFrame, limit: int = MAX_CATEGORIES, noun: str = "services"
) -> pd.DataFrame:
    """A waterfall table (``redesign.present.waterfall.waterfall_table``) with at most ``limit + 1`` saving steps.

    Only rows of type "step" are combined: totals and gaps (where the published figures do not
    reconcile) are kept as they are, never absorbed. The largest steps by size keep their order;
    the combined step ("Other 885 services (combined)") follows them, its change the sum of
    theirs, so the running level still ends where it ended. Levels are recomputed from the
    changes as ``redesign.present.waterfall.waterfall_table`` computes them. Nothing changes when there are at most
    ``limit + 1`` steps (the table is returned with a ``COMBINED`` column of zeros).
    """
    out = frame.copy()
    out[COMBINED] = 0
    steps = frame[frame["Type"] == WATERFALL_STEP]
    if len(steps) <= limit + 1:
        return out
    keys = set(steps["colour_key"].astype(str))
    colour_key = keys.pop() if len(keys) == 1 else "service"
    n = len(steps) - limit
    short = top_n_with_other(
        steps,
        "Change £m",
        "Step",
        limit,
        sum_cols=["Share of stated saving"],
        noun=noun,
        fill={
            "Type": WATERFALL_STEP,
            "colour_key": colour_key,
            "Note": f"The {n} {noun} with the smallest steps, combined in one step; "
            "each is listed in the data table",
        },
    )
    first = int(np.flatnonzero((frame["Type"] == WATERFALL_STEP).to_numpy())[0])
    before = out.iloc[:first]
    after = out.iloc[first:]
    after = after[after["Type"] != WATERFALL_STEP]
    rows = pd.concat([before, short, after], ignore_index=True)
    return _relevel(rows)


def _relevel(frame: pd.DataFrame) -> pd.DataFrame:
    """Running levels from the changes, as the full waterfall computes them."""
    rows = zip(
        (kind == "total" for kind in frame["Type"]),
        (
            stated if kind == "total" else (None if pd.isna(change) else float(change))
            for kind, change, stated in zip(
                frame["Type"], frame["Change £m"], frame["Level after £m"], strict=True
            )
        ),
        strict=True,
    )
    spans = running_levels(rows)
    out = frame.copy()
    out["Level before £m"] = [before for before, _ in spans]
    out["Level after £m"] = [after for _, after in spans]
    return out
