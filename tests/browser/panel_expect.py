"""What the buy-back panel must show for a scenario, written with the server's own code
(BuybackModel.evaluate, redesign.formatting, redesign.buyback_text, redesign.buyback_charts), and
what it does show (read from the page in one go), and how a test drives its controls."""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import Page

from redesign.buyback import text as bt
from redesign.buyback.charts import fte_figure
from redesign.buyback.curve_chart import curve_figure
from redesign.buyback.model import BuybackModel, Scenario, ScenarioResult
from redesign.core.formatting import fte, money_m, pct

READ_PANEL_JS = r"""
() => {
  const text = (el) => (el ? el.textContent : null);
  const control = (root) => {
    const range = root.querySelector('.bbp-range');
    return {
      range: range.value, valuetext: range.getAttribute('aria-valuetext'),
      out: text(root.querySelector('.bbp-out')), box: root.querySelector('.bbp-box').value,
      label: text(root.querySelector('.bbp-label')),
      box_name: text(root.querySelector('.bbp-box-label')),
    };
  };
  const parts = [...document.querySelectorAll('.bbp-part')];
  const all = parts.find((p) => p.querySelector('[role=status]'));
  const groups = parts.filter((p) => p.querySelector('.bbp-kept')).map((p) => ({
    ...control(p), kept: text(p.querySelector('.bbp-kept')),
    texts: [...p.querySelectorAll('.bbp-text')].map(text),
  }));
  const tiles = {};
  for (const t of document.querySelectorAll('.bbp-tile')) {
    tiles[t.dataset.tile] = {
      label: text(t.querySelector('.bbp-tile-label')), value: text(t.querySelector('.bbp-value')),
      delta: t.querySelector('.bbp-delta').hidden ? '' : text(t.querySelector('.bbp-delta')),
    };
  }
  const chart = (which) => {
    const fig = document.querySelector(`figure[data-chart=${which}]`);
    const gd = fig.querySelector('.js-plotly-plot');
    const pick = (t) => ({name: t.name, x: t.x, y: t.y, text: t.text, textposition: t.textposition});
    return {
      alt: text(fig.querySelector('figcaption')),
      data: gd.data.map(pick),
      xrange: gd.layout.xaxis.range, yrange: gd.layout.yaxis.range,
      annotations: (gd.layout.annotations || []).map((a) => ({text: a.text, x: a.x, y: a.y, xanchor: a.xanchor, yanchor: a.yanchor})),
      shapes: (gd.layout.shapes || []).map((s) => ({x0: s.x0, y0: s.y0, xanchor: s.xanchor ?? null, yanchor: s.yanchor ?? null})),
      svg: gd.querySelector('.main-svg') ? gd.textContent : '',
    };
  };
  return {all: control(all), groups, tiles, fte: chart('fte'), curve: chart('curve')};
}
"""


def read_panel(page: Page) -> dict[str, Any]:
    return page.evaluate(READ_PANEL_JS)


def figures_wrong(
    model: BuybackModel, page: Page, s: Scenario, timeout_s: float = 10.0
) -> list[str]:
    """What the panel shows that differs from the server for ``s``, once the panel has drawn the
    last key press (polled: a press is drawn on the browser's next frame, not at once)."""
    deadline = time.monotonic() + timeout_s
    while True:
        wrong = mismatches(model, s, read_panel(page))
        if not wrong or time.monotonic() > deadline:
            return wrong
        page.wait_for_timeout(100)


def wait_for_panel(page: Page, timeout_ms: float = 60_000) -> None:
    """The panel drawn: its tiles and both charts (the first run of a fresh server imports Plotly
    and pandas, and the browser fetches plotly.js)."""
    page.wait_for_function(
        "document.querySelectorAll('.bbp-plot .main-svg').length >= 2"
        " && document.querySelectorAll('.bbp-tile .bbp-value').length >= 8",
        timeout=timeout_ms,
    )


def wait_for_url_level(page: Page, group_id: str, pct: str, timeout_ms: float = 15_000) -> None:
    """The panel's settled level for a group reached the page's URL."""
    page.wait_for_function(
        "([k, v]) => new URLSearchParams(location.search).get(k) === v",
        arg=[f"bb_{group_id}", pct],
        timeout=timeout_ms,
    )


def tile_value(page: Page, tile_id: str) -> str:
    """The value the panel's tile shows (ids: redundant, kept, income, share, saving, ...)."""
    value: str = read_panel(page)["tiles"][tile_id]["value"]
    return value


def overall_pct(model: BuybackModel, s: Scenario) -> float:
    """As ui/buyback.py's overall_pct: the share of at-risk FTE kept, to 0.1%."""
    pool = sum(model.at_risk_fte.values())
    kept = sum(s.levels[g] * model.at_risk_fte[g] for g in model.group_ids)
    return round(100 * kept / pool, 1)


def tiles(result: ScenarioResult, proposal: ScenarioResult) -> dict[str, tuple[str, str]]:
    """Each tile's value and its line against the proposal, as ui/buyback.py's _tiles words them."""
    share = (
        None
        if result.traded_share_pct is None or proposal.traded_share_pct is None
        else result.traded_share_pct - proposal.traded_share_pct
    )
    rows = {
        "redundant": (fte(result.redundant_fte), result.redundant_fte - proposal.redundant_fte),
        "kept": (
            f"{fte(result.retained_fte)} of {fte(result.at_risk_fte)}",
            result.retained_fte - proposal.retained_fte,
        ),
        "income": (
            money_m(result.traded_income_m),
            result.traded_income_m - proposal.traded_income_m,
        ),
        "share": (pct(result.traded_share_pct), share),
        "saving": (money_m(result.saving_m), result.saving_change_m),
        "redundancy": (
            money_m(result.redundancy_cost_m),
            result.redundancy_cost_m - proposal.redundancy_cost_m,
        ),
        "service_fte": (
            fte(result.service_fte_after),
            result.service_fte_after - proposal.service_fte_after,
        ),
        "service_cost": (
            money_m(result.service_cost_m),
            result.service_cost_m - proposal.service_cost_m,
        ),
    }
    out = {}
    for tile_id, (value, change) in rows.items():
        if tile_id == "share":
            delta = bt.delta_points(change)
        elif tile_id in ("redundant", "kept", "service_fte"):
            delta = bt.delta_fte(change or 0.0)
        else:
            delta = bt.delta_money(change or 0.0)
        arrow = "" if not delta or delta == bt.NO_CHANGE else ("↑ " if (change or 0) > 0 else "↓ ")
        out[tile_id] = (value, f"{arrow}{delta} vs proposal" if delta else "")
    return out


def valuetext(level: float, kept: float, at_risk: float) -> str:
    return f"{bt.level_pct(level)} bought back, {fte(kept)} of {fte(at_risk)} FTE kept"


def kept_line(o: Any) -> str:
    return f"Kept {fte(o.retained_fte)} FTE · redundant {fte(o.redundant_fte)} FTE" + (
        f" · expansion {fte(o.expansion_fte)} FTE" if o.expansion_fte > 0 else ""
    )


def mismatches(model: BuybackModel, s: Scenario, shown: dict[str, Any]) -> list[str]:
    """Every figure the panel shows that is not what the server computes for ``s``."""
    result = model.evaluate(s)
    a = model.assumption_values(s)
    proposal = model.evaluate(model.uniform(a["proposal_buyback_pct"] / 100, s))
    problems: list[str] = []

    def check(what: str, got: object, want: object) -> None:
        if got != want:
            problems.append(f"{what}: shows {got!r}, server {want!r}")

    overall = overall_pct(model, s)
    check("all: slider", shown["all"]["range"], str(round(overall)))
    check("all: value", shown["all"]["out"], f"{round(overall)}%")
    check("all: box", shown["all"]["box"], f"{overall:.1f}")
    check(
        "all: aria-valuetext",
        shown["all"]["valuetext"],
        valuetext(overall / 100, result.retained_fte, result.at_risk_fte),
    )
    outcomes = {o.label: o for o in result.groups}
    for g in shown["groups"]:
        label = g["label"].removesuffix(": buy-back")
        o = outcomes[label]
        level_pct = round(o.level * 100, 1)
        check(f"{label}: slider", g["range"], str(round(level_pct)))
        check(f"{label}: box", g["box"], f"{level_pct:.1f}")
        check(f"{label}: box name", g["box_name"], f"Exact % for {label}")
        check(
            f"{label}: aria-valuetext",
            g["valuetext"],
            valuetext(o.level, o.retained_fte, o.at_risk_fte),
        )
        check(f"{label}: kept", g["kept"], kept_line(o))
        check(f"{label}: texts", g["texts"], [bt.break_even_text(o), bt.viability_text(o)])
    for tile_id, (value, delta) in tiles(result, proposal).items():
        check(f"tile {tile_id}: value", shown["tiles"][tile_id]["value"], value)
        check(f"tile {tile_id}: change", shown["tiles"][tile_id]["delta"], delta)
    problems += _figure_mismatches("posts chart", fte_figure(result), shown["fte"])
    curve = curve_figure(model.curve(s), result, a["proposal_buyback_pct"])
    problems += _figure_mismatches("curve chart", curve, shown["curve"])
    check(
        "posts chart: alt",
        shown["fte"]["alt"],
        f"Stacked bar chart: of {fte(result.at_risk_fte)} FTE at risk,"
        f" {fte(result.retained_fte)} FTE kept and {fte(result.redundant_fte)} FTE redundant,"
        " shown for each group.",
    )
    return problems


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(b))
    return a == b


def _figure_mismatches(name: str, want: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """The figure the browser drew against the one the server would draw (what moves with it)."""
    problems = []
    traces = [
        {k: t.get(k) for k in ("name", "x", "y", "text", "textposition")} for t in want["data"]
    ]
    if len(traces) != len(got["data"]):
        return [f"{name}: {len(got['data'])} traces, server {len(traces)}"]
    for i, (w, g) in enumerate(zip(traces, got["data"], strict=True)):
        for key, value in w.items():
            if value is not None and not _close(g.get(key), value):
                problems.append(f"{name} trace {i} {key}: shows {g.get(key)!r}, server {value!r}")
    layout = want["layout"]
    for axis, key in (("xaxis", "xrange"), ("yaxis", "yrange")):
        if "range" in layout[axis] and not _close(got[key], layout[axis]["range"]):
            problems.append(f"{name} {axis} range: {got[key]!r}, server {layout[axis]['range']!r}")
    note_keys = ("text", "x", "y", "xanchor", "yanchor")
    notes = [tuple(a.get(k) for k in note_keys) for a in layout.get("annotations", [])]
    if not _close([tuple(n.get(k) for k in note_keys) for n in got["annotations"]], notes):
        problems.append(f"{name} annotations: {got['annotations']!r}, server {notes!r}")
    shape_keys = ("x0", "y0", "xanchor", "yanchor")
    shapes = [tuple(s.get(k) for k in shape_keys) for s in layout.get("shapes", [])]
    if not _close([tuple(s.get(k) for k in shape_keys) for s in got["shapes"]], shapes):
        problems.append(f"{name} shapes: {got['shapes']!r}, server {shapes!r}")
    return problems


# --- driving the controls ---------------------------------------------------------------------


def all_control(page: Page):  # type: ignore[no-untyped-def]
    return page.locator(".bbp-part").filter(has=page.locator("[role=status]"))


def group_control(page: Page, label: str):  # type: ignore[no-untyped-def]
    return page.locator(".bbp-part").filter(has_text=f"{label}: buy-back")


def type_box(control, value: float | str) -> None:  # type: ignore[no-untyped-def]
    box = control.locator(".bbp-box")
    box.fill(str(value))
    box.press("Enter")


def press_keys(page: Page, control, keys: list[str]) -> None:  # type: ignore[no-untyped-def]
    control.locator(".bbp-range").focus()
    for key in keys:
        page.keyboard.press(key)
