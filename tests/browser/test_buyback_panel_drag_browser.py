"""The buy-back panel while its all-groups slider is dragged with the mouse (ui/components/
buyback_panel/drag.js): the charts follow the hand in copies of their pictures, and what each copy
shows mid-drag is the server's figure for the slider's position (each bar's length, its text, the
figures in the group labels, the curve's marker, line and labels, in place to a pixel); when the
pointer rests or is released, Plotly draws the exact figure and the copies go.

If Plotly's SVG changes so that drag.js cannot read it, the panel falls back to Plotly on every
move; ``data-copies`` then stays 0 and these tests fail."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page

from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.charts import fte_figure
from redesign.buyback.curve_chart import curve_figure
from redesign.buyback.model import BuybackModel, Scenario
from tests.browser.panel_expect import all_control, figures_wrong, mismatches, read_panel

MODEL = BuybackModel(load_dataset())
# Fractions of the slider's track, as a hand goes: up, past 100% (a third segment appears), to
# both ends, back down. Each is reached in a few moves and read before the pointer rests.
TRACK = [0.5, 0.3, 0.62, 0.75, 0.9, 1.2, 0.8, 0.45, -0.2, 0.1, 0.55]
PX = 1.5  # what is drawn in the copy, to this many pixels of where the server's figure puts it

READ_COPIES_JS = """
() => {
  const copy = (which) => document.querySelector(`figure[data-chart=${which}] .bbp-drag`);
  const fte = copy('fte'), curve = copy('curve');
  const range = document.querySelector('.bbp-range').value;
  if (!fte || !curve) return {range, copies: false};
  const area = (box) => {
    const r = box.querySelector('.nsewdrag');
    return {w: +r.getAttribute('width'), page: r.getBoundingClientRect().toJSON()};
  };
  const seen = (t) => t && t.style.display !== 'none' ? t.textContent : '';
  const bars = [...fte.querySelectorAll('.barlayer .trace.bars')].map((t) =>
    [...t.querySelectorAll('.point')].map((p) => {
      const m = /^M([-0-9.e]+),[-0-9.e]+V[-0-9.e]+H([-0-9.e]+)V/.exec(
        p.querySelector('path').getAttribute('d'));
      return {px: m ? +m[2] - +m[1] : null, text: seen(p.querySelector('text'))};
    }));
  const numbers = [...fte.querySelectorAll('.yaxislayer-above .ytick text')].map((t) => {
    const lines = t.querySelectorAll(':scope > tspan.line');
    return lines[lines.length - 1].textContent;
  });
  const centre = (n) => { const r = n.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; };
  const shapes = {}, notes = {};
  for (const p of curve.querySelectorAll('.shapelayer path[data-index]')) shapes[p.dataset.index] = centre(p);
  for (const a of curve.querySelectorAll('.annotation[data-index]')) notes[a.dataset.index] = a.textContent;
  return {range, copies: true, fte: {area: area(fte), bars, numbers},
          curve: {area: area(curve), shapes, notes}};
}
"""


def _scenario(pct: str) -> Scenario:
    return sio.make_scenario(
        MODEL, dict.fromkeys(MODEL.group_ids, sio.quantize_level(int(pct) / 100))
    )


def _copy_problems(shown: dict[str, Any]) -> list[str]:
    """What the copies show that is not where, or what, the server's figures have it."""
    s = _scenario(shown["range"])
    result = MODEL.evaluate(s)
    a = MODEL.assumption_values(s)
    problems: list[str] = []
    posts = fte_figure(result)
    scale = shown["fte"]["area"]["w"] / posts["layout"]["xaxis"]["range"][1]
    if len(shown["fte"]["bars"]) != len(posts["data"]):
        return [f"posts: {len(shown['fte']['bars'])} segments a bar, server {len(posts['data'])}"]
    for trace, bars in zip(posts["data"], shown["fte"]["bars"], strict=True):
        for value, text, bar in zip(trace["x"], trace["text"], bars, strict=True):
            if abs(bar["px"] - value * scale) > PX:
                problems.append(f"posts {trace['name']}: {bar['px']} px for {value} FTE")
            if bar["text"] not in ("", text):
                problems.append(f"posts {trace['name']}: text {bar['text']!r}, server {text!r}")
    numbers = [label.rsplit("<br>", 1)[1] for label in posts["data"][0]["y"]]
    if shown["fte"]["numbers"] != numbers:
        problems.append(f"posts labels: {shown['fte']['numbers']}, server {numbers}")
    curve = curve_figure(MODEL.curve(s), result, a["proposal_buyback_pct"])
    layout = curve["layout"]
    box = shown["curve"]["area"]["page"]
    (x0, x1), (y0, y1) = layout["xaxis"]["range"], layout["yaxis"]["range"]

    def at(x: float, y: float | None) -> tuple[float, float | None]:
        left = box["x"] + (x - x0) * box["width"] / (x1 - x0)
        return left, None if y is None else box["y"] + box["height"] * (1 - (y - y0) / (y1 - y0))

    for i, shape in enumerate(layout["shapes"]):
        if shape["name"] == "scenario_line":
            want = at(shape["x0"], None)
        elif shape["name"].endswith("_marker"):
            want = at(shape["xanchor"], shape["yanchor"])
        else:
            continue
        got = shown["curve"]["shapes"][str(i)]
        if abs(got[0] - want[0]) > PX or (want[1] is not None and abs(got[1] - want[1]) > PX):
            problems.append(f"curve {shape['name']}: at {got}, server {want}")
    for i, note in enumerate(layout["annotations"]):
        got_text = shown["curve"]["notes"].get(str(i))
        if got_text != re.sub("<[^>]+>", "", note["text"]):
            problems.append(f"curve {note['name']}: {got_text!r}, server {note['text']!r}")
    return problems


def _read_mid_drag(page: Page, x: float, y: float) -> dict[str, Any]:
    """Move the held pointer to x and read the copies in the next frame (before the rest)."""
    for nudge in (0, 1, -1, 2):
        page.mouse.move(x + nudge, y)
        shown: dict[str, Any] = page.evaluate(
            "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() =>"
            f" r(({READ_COPIES_JS})()))))"
        )
        if shown["copies"]:
            return shown
    return shown


def test_drag_copies_show_the_servers_figures_then_plotly_draws_them(
    harness: str, page: Page
) -> None:
    page.goto(harness)
    page.wait_for_function("document.querySelectorAll('.bbp-plot .main-svg').length >= 2")
    track = all_control(page).locator(".bbp-range").bounding_box()
    assert track
    y = track["y"] + track["height"] / 2
    page.mouse.move(track["x"] + track["width"] * TRACK[0], y)
    page.mouse.down()
    seen: set[str] = set()
    last = TRACK[0]
    for target in TRACK[1:]:
        # A few moves to each point, as a hand makes; past an end of the track, only the last
        # move leaves it (once the slider is at its end, moving on changes nothing, and the
        # resting pointer's charts are Plotly's, not the copies).
        inside = min(max(target, 0.02), 0.98)
        for step in (1, 2, 3):
            frac = target if step == 3 else last + (inside - last) * step / 3
            shown = _read_mid_drag(page, track["x"] + track["width"] * frac, y)
        last = target
        assert shown["copies"], f"no copy of the charts mid-drag at {shown['range']}%"
        seen.add(shown["range"])
        problems = _copy_problems(shown)
        assert not problems, (shown["range"], problems[:5])
    assert {"0", "150"} <= seen and any(100 < int(p) < 150 for p in seen), seen
    assert int(page.locator("[data-copies]").get_attribute("data-copies") or 0) > 0
    # Held still, the pointer rests: Plotly draws the exact figures, the copies go.
    page.wait_for_timeout(700)
    assert page.locator(".bbp-drag").count() == 0
    assert page.locator(".bbp-dragging").count() == 0
    pct = all_control(page).locator(".bbp-range").input_value()
    assert not figures_wrong(MODEL, page, _scenario(pct))
    # Moved again and released: the same, at once.
    page.mouse.move(track["x"] + track["width"] * 0.35, y)
    page.mouse.move(track["x"] + track["width"] * 0.4, y)
    page.mouse.up()
    page.wait_for_timeout(100)
    assert page.locator(".bbp-drag").count() == 0
    pct = all_control(page).locator(".bbp-range").input_value()
    assert not mismatches(MODEL, _scenario(pct), read_panel(page))
