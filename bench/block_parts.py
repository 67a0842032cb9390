"""The block floors' chart and table (bench/frame_floor ``?blocks=``), made once a process.

In a module of their own, not in the floor's page: a page script runs afresh on every rerun, so a
cached function defined there would be defined (and its cache looked up) anew each time, a cost
no page of the app has (ui.cached defines its cached functions once, on import).
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import plotly.graph_objects as go

from ui.blocks import PreparedTable, prepare_table


@cache
def block_parts() -> tuple[go.Figure, PreparedTable]:
    """One small bar chart and its table (three services, saving in £m)."""
    frame = pd.DataFrame({"Service": ["A", "B", "C"], "Saving £m": [0.25, 0.5, 0.75]})
    figure = go.Figure(go.Bar(x=frame["Service"], y=frame["Saving £m"]))
    return figure, prepare_table(frame)
