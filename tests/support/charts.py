"""The app's Plotly charts (ui/components/plotly_chart) as AppTest sees them: custom component
elements whose data holds the figure, its description and the Plotly config."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ui.components.plotly_chart import NAME


@dataclass(frozen=True)
class DrawnChart:
    key: str  # the chart's widget key (chart_<name> for ui.blocks' charts)
    id: str  # the element's id (different for different charts)
    figure: dict[str, Any]
    alt: str
    config: dict[str, Any]


def charts(at: Any) -> list[DrawnChart]:
    """Every chart on the page, in page order."""
    out = []
    for element in at.get("bidi_component"):
        proto = element.proto
        if proto.component_name != NAME:
            continue
        data = json.loads(proto.json)
        key = proto.id.split("-", 2)[-1]
        out.append(DrawnChart(key, proto.id, data["figure"], data["alt"], data["config"]))
    return out
