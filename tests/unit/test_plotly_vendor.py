"""The plotly.js the app serves (ui/components/vendor.py): the vendored basic bundle, at the
version the installed plotly package writes figures for, holding every trace type the app's
figures use."""

from __future__ import annotations

import re
from pathlib import Path

from plotly.offline import get_plotlyjs_version

from ui.components import vendor

REPO = Path(__file__).resolve().parents[2]


def test_the_basic_bundle_is_served_at_the_packages_version() -> None:
    # Fails after a plotly upgrade until ui/components/vendor_js/ has the basic bundle of the
    # new plotly.js (npm pack plotly.js-basic-dist-min@<version>), with its licence.
    assert vendor.source().name == f"plotly-basic-{get_plotlyjs_version()}.min.js"
    assert vendor.basic_bundle_version(vendor.source()) == get_plotlyjs_version()
    assert (vendor.BASIC_DIR / "LICENSE-plotly.js.txt").read_text().startswith("MIT License")
    assert vendor.vendor_name() == vendor.source().name


def test_the_bundle_has_every_trace_type_the_app_draws() -> None:
    # Trace types named in the app's code: go.Bar / {"type": "bar"} and the like.
    used: set[str] = set()
    for folder in ("redesign", "ui", "pages"):
        for path in (REPO / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            used |= {
                m.lower()
                for m in re.findall(
                    r"\bgo\.(Bar|Scatter\w*|Pie|Waterfall|Heatmap|Box|Histogram\w*|Funnel\w*|Table|Indicator|Sunburst|Treemap|Sankey)\(",
                    text,
                )
            }
            used |= set(
                re.findall(
                    r'"type": "(bar|scatter\w*|pie|waterfall|heatmap|box|histogram\w*|funnel\w*|table|indicator|sunburst|treemap|sankey)"',
                    text,
                )
            )
    assert used, "no trace types found: the search is broken"
    bundle = vendor.source().read_text(encoding="utf-8", errors="replace")
    # Each trace module registers itself under its name (moduleType "trace", name "bar").
    for trace in sorted(used):
        assert re.search(rf'name:\s*"{trace}"', bundle), f"{trace} is not in {vendor.source().name}"


def test_without_a_basic_bundle_the_full_one_is_served(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(vendor, "BASIC_DIR", tmp_path)
    vendor.source.cache_clear()  # found once a process: look again in the folder set here
    try:
        assert vendor.source() == vendor.PLOTLY_JS
        assert vendor.vendor_name() == f"plotly-{get_plotlyjs_version()}.min.js"
        (tmp_path / f"plotly-basic-{get_plotlyjs_version()}.min.js").write_text("/* not plotly */")
        vendor.source.cache_clear()
        assert vendor.source() == vendor.PLOTLY_JS
    finally:
        vendor.source.cache_clear()
