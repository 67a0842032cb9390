"""The buy-back panel (issue 16) in a real browser, side by side with the empty one-slider app and
the previous design (the buy-back page of app.py), in one run.

``python -m bench.panel [--reps 30] [--drag-seconds 3] [--factors 1,10,100] [--out FILE]``

* **key press to last repaint** on the panel's all-groups slider, a group slider and the exact-%
  box: from the ``keydown`` to the frame after the last change the press made inside the panel
  (its tiles, controls and both charts; Plotly draws synchronously inside ``Plotly.react``), the
  panel then quiet for 150 ms. The press is then left to settle (the panel sends the scenario after
  250 ms, the page reruns), which is not counted in the latency but is in the payload. The empty
  app and the previous design are timed as bench/browser.py does (to the frame after the rerun's
  last DOM change). Presses are interleaved A, B, C, ... so a busy moment costs all alike.
* **drag**: the all-groups slider dragged with the mouse for a few seconds, each move sent as soon
  as the browser has taken the last (Chrome draws at most one frame per move); frames in which the
  tiles and both charts all changed, per second (a chart changed: its plot, or the copy over it
  that follows a held slider, drag.js); then the settled figures checked against
  BuybackModel.evaluate (tests/browser/panel_expect.py). On the harness and on the buy-back page.
* **payload**: websocket bytes received (and sent) per key press, the rerun after the settle
  included.
* **scale**: the harness on synthetic data (tests/support/synthetic.py) at each factor: first draw (fresh
  browser context, navigation to settled) and key press latency on the all-groups slider; growth
  exponent log(time ratio) / log(size ratio) (1 = linear).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from bench.browser import VIEWPORT, BrowserSession, load_page, open_slider_page, press
from bench.common import (
    APP,
    BASELINE_APP,
    PREVIOUS_DESIGN,
    REPO_ROOT,
    RESULTS_DIR,
    StreamlitServer,
    fmt_ms,
    fmt_x,
    ratio,
    summarise,
)
from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel
from tests.support.synthetic import make_dataset
from ui.components import vendor

HARNESS = REPO_ROOT / "tests" / "support" / "panel_app" / "app.py"
PANEL_QUIET_MS = 150

PANEL_JS = r"""
(() => {
  if (window.__panel) return;
  const P = window.__panel = {keyAt: -1, lastMut: -1, lastPaint: -1, sent: 0, sentBytes: 0,
                              full: 0, frames: 0, pending: new Set(), scheduled: false};
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (d) {
    P.sent += 1;
    P.sentBytes += (d && (d.byteLength ?? d.size ?? d.length)) || 0;
    return send.call(this, d);
  };
  window.addEventListener('keydown', () => { P.keyAt = performance.now(); }, true);
  // One observer per part of the panel, attached once it is drawn (P.attach), each knowing what
  // it watches: the instrumentation must not cost the panel much in a frame.
  const onMut = (k) => () => {
    P.pending.add(k);
    P.lastMut = performance.now();
    if (P.scheduled) return;
    P.scheduled = true;
    requestAnimationFrame(() => {
      P.scheduled = false;
      P.frames += 1;
      if (P.pending.has('tiles') && P.pending.has('fte') && P.pending.has('curve')) P.full += 1;
      P.pending.clear();
      setTimeout(() => { P.lastPaint = performance.now(); }, 0);
    });
  };
  P.attach = () => {
    if (P.attached) return;
    P.attached = true;
    for (const part of document.querySelectorAll('.bbp-part')) {
      const fig = part.querySelector('figure[data-chart]');
      const k = fig ? fig.dataset.chart : part.querySelector('.bbp-tiles') ? 'tiles' : 'controls';
      // A chart counts as drawn when its plot (or the copy over it while a slider is dragged)
      // changed, not its caption, which changes first.
      new MutationObserver(onMut(k)).observe(fig ? fig.querySelector('.bbp-area') : part, {
        subtree: true, childList: true, attributes: true, characterData: true});
    }
  };
  P.waitQuiet = (since, quietMs, timeoutMs) => new Promise((resolve) => {
    const t0 = performance.now();
    const tick = () => {
      const now = performance.now();
      const ok = P.lastMut > since && P.lastPaint >= P.lastMut && now - P.lastMut >= quietMs;
      if (ok || now - t0 > timeoutMs) { resolve({ok, paint: P.lastPaint}); return; }
      setTimeout(tick, 5);
    };
    tick();
  });
})();
"""


def new_page(session: BrowserSession) -> Page:
    page = session.new_page()
    page.context.add_init_script(PANEL_JS)
    return page


def open_panel(page: Page, url: str) -> float:
    """Load the harness; returns navigation start to settled (ms)."""
    sample = load_page(page, url)
    page.wait_for_function(
        "document.querySelectorAll('.bbp-plot .main-svg').length >= 2", timeout=60_000
    )
    page.evaluate("() => window.__panel.attach()")
    return sample.ms


def _control(page: Page, which: str) -> Any:
    if which == "all":
        return page.locator(".bbp-part").filter(has=page.locator("[role=status]"))
    return page.locator(".bbp-part").filter(has=page.locator(".bbp-kept")).first


def press_panel(page: Page, which: str, step_no: int) -> dict[str, float]:
    """One timed key press on the panel: ``which`` is all | group | box."""
    part = _control(page, "all" if which == "all" else "group")
    target = part.locator(".bbp-box" if which == "box" else ".bbp-range")
    if page.evaluate("() => document.activeElement?.className") != target.get_attribute("class"):
        target.focus()
    key = (
        ("ArrowUp" if which == "box" else "ArrowRight")
        if step_no % 2 == 0
        else ("ArrowDown" if which == "box" else "ArrowLeft")
    )
    before = page.evaluate("() => [window.__bench.bytes, window.__panel.sentBytes]")
    page.keyboard.press(key)
    key_at = page.evaluate("() => window.__panel.keyAt")
    quiet = page.evaluate(
        "([s, q]) => window.__panel.waitQuiet(s, q, 10000)", [key_at, PANEL_QUIET_MS]
    )
    if not quiet["ok"]:
        raise TimeoutError(f"panel did not repaint after {key} on {which}")
    latency = quiet["paint"] - key_at
    # Then the settle: the scenario goes to Python after a pause and the page reruns.
    page.evaluate("([s]) => window.__bench.waitSettled(s, 150, 15000)", [key_at + 250])
    after = page.evaluate("() => [window.__bench.bytes, window.__panel.sentBytes]")
    return {"ms": latency, "recv": after[0] - before[0], "sent": after[1] - before[1]}


def interleaved(session: BrowserSession, urls: dict[str, str], reps: int, warmup: int) -> dict:
    """Empty app, previous design, the panel's three controls on the harness and the panel's
    all-groups slider on the buy-back page itself (its default design), pressed in turn."""
    empty_page, old_page = new_page(session), new_page(session)
    panel_page, app_page = new_page(session), new_page(session)
    open_slider_page(empty_page, urls["empty"])
    open_slider_page(old_page, urls["previous"])
    open_panel(panel_page, urls["panel"])
    open_panel(app_page, urls["page"])
    samples: dict[str, list[dict[str, float]]] = {
        k: [] for k in ("empty", "previous", "all", "group", "box", "page")
    }
    for i in range(reps + warmup):
        for name, page in (("empty", empty_page), ("previous", old_page)):
            if page.evaluate("() => document.activeElement?.type") != "range":
                page.locator(
                    '[data-testid="stSlider"] input[type="range"], [data-testid="stSlider"]'
                    ' [role="slider"]'
                ).first.focus()
            s = press(page, i)
            if i >= warmup:
                samples[name].append({"ms": s.ms, "recv": s.bytes, "sent": math.nan})
            page.wait_for_timeout(50)
        for name, page, which in (
            ("all", panel_page, "all"),
            ("group", panel_page, "group"),
            ("box", panel_page, "box"),
            ("page", app_page, "all"),
        ):
            sample = press_panel(page, which, i)
            if i >= warmup:
                samples[name].append(sample)
            page.wait_for_timeout(50)
    for page in (empty_page, old_page, panel_page, app_page):
        BrowserSession.close_page(page)
    return samples


def drag(
    session: BrowserSession, url: str, seconds: float, model: BuybackModel, *, harness: bool = True
) -> dict:
    """Drag the all-groups slider; frames with tiles and both charts changed, per second.
    ``harness=False``: the buy-back page of app.py (its settled scenario goes to the URL)."""
    from tests.browser.panel_expect import figures_wrong, mismatches, read_panel

    page = new_page(session)
    open_panel(page, url)
    box = _control(page, "all").locator(".bbp-range").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.5, y)
    page.mouse.down()
    start = page.evaluate("() => [performance.now(), window.__panel.full, window.__panel.frames]")
    moves = 0
    t_end = time.monotonic() + seconds
    while time.monotonic() < t_end:
        phase = (moves % 60) / 60  # to and fro across 10-90% of the track
        frac = 0.1 + 0.8 * (2 * phase if phase < 0.5 else 2 - 2 * phase)
        page.mouse.move(box["x"] + box["width"] * frac, y)
        moves += 1
    end = page.evaluate("() => [performance.now(), window.__panel.full, window.__panel.frames]")
    page.mouse.up()
    shown_pct = int(_control(page, "all").locator(".bbp-range").input_value())
    levels = dict.fromkeys(model.group_ids, sio.quantize_level(shown_pct / 100))
    if harness:
        want = json.dumps({"levels": levels}, sort_keys=True)
        page.wait_for_function(
            "(w) => document.querySelector('[data-testid=stCode]')?.textContent === w",
            arg=want,
            timeout=15_000,
        )
        problems = mismatches(model, sio.make_scenario(model, levels), read_panel(page))
    else:
        page.wait_for_timeout(1_500)  # the settle and the page's rerun
        problems = figures_wrong(model, page, sio.make_scenario(model, levels))
    BrowserSession.close_page(page)
    seconds_measured = (end[0] - start[0]) / 1000
    return {
        "seconds": seconds_measured,
        "moves_per_s": moves / seconds_measured,
        "full_updates_per_s": (end[1] - start[1]) / seconds_measured,
        "panel_frames_per_s": (end[2] - start[2]) / seconds_measured,
        "final_position_pct": shown_pct,
        "final_frame_matches_server": not problems,
        "problems": problems[:5],
    }


def scale(session: BrowserSession, factors: list[int], reps: int) -> dict:
    """First draw and key press latency of the harness on synthetic data at each factor."""
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-panel-") as tmp:
        for factor in factors:
            env = {}
            if factor > 1:
                env["REDESIGN_DATA_DIR"] = str(make_dataset(Path(tmp) / f"x{factor}", factor))
            with StreamlitServer(HARNESS, env=env) as server:
                loads = []
                for _ in range(3):
                    page = new_page(session)
                    loads.append(open_panel(page, server.base_url))
                    BrowserSession.close_page(page)
                page = new_page(session)
                open_panel(page, server.base_url)
                groups = page.evaluate("() => document.querySelectorAll('.bbp-kept').length")
                presses = [press_panel(page, "all", i)["ms"] for i in range(reps + 3)][3:]
                problems = _matches_server(page, env.get("REDESIGN_DATA_DIR"))
                BrowserSession.close_page(page)
            out[str(factor)] = {
                "first_draw": summarise(loads),
                "key_press": summarise(presses),
                "group_controls_drawn": groups,
                "last_frame_matches_server": not problems,
                "problems": problems[:5],
            }
    return out


def _matches_server(page: Page, data_dir: str | None) -> list[str]:
    """The panel's figures against BuybackModel.evaluate on the same data, once settled."""
    from tests.browser.panel_expect import mismatches, read_panel

    model = BuybackModel(load_dataset(Path(data_dir)) if data_dir else load_dataset())
    page.wait_for_timeout(1_000)
    levels = json.loads(page.locator('[data-testid="stCode"]').inner_text())["levels"]
    return mismatches(model, sio.make_scenario(model, levels), read_panel(page))


def exponent(small: float, big: float, size_ratio: float) -> float:
    if not (small > 0 and big > 0):
        return math.nan
    return math.log(big / small) / math.log(size_ratio)


def report(results: dict[str, Any]) -> str:
    lat = results["latency"]
    empty = summarise(s["ms"] for s in lat["empty"])
    lines = [
        f"Buy-back panel, {results['when']} (load average {results['load']}):",
        f"  empty app key press p50 {fmt_ms(empty['p50'])} ms, p90 {fmt_ms(empty['p90'])} ms",
    ]
    for name in ("previous", "all", "group", "box", "page"):
        s = summarise(x["ms"] for x in lat[name])
        recv = summarise(x["recv"] for x in lat[name])
        sent = summarise(x["sent"] for x in lat[name])
        lines.append(
            f"  {name:8s} p50 {fmt_ms(s['p50'])} ms ({fmt_x(ratio(s['p50'], empty['p50']))}),"
            f" p90 {fmt_ms(s['p90'])} ms ({fmt_x(ratio(s['p90'], empty['p90']))});"
            f" received {recv['p50'] / 1000:.2f} KB, sent {sent['p50'] / 1000:.2f} KB a press"
        )
    for key, where in (("drag", "harness"), ("drag_page", "buy-back page")):
        if key not in results:
            continue
        d = results[key]
        lines.append(
            f"  drag ({where}): {d['full_updates_per_s']:.1f} updates/s of tiles and both charts"
            f" ({d['moves_per_s']:.1f} mouse moves/s); last frame equals the server:"
            f" {d['final_frame_matches_server']}"
        )
    sc = results["scale"]
    factors = sorted(sc, key=int)
    for f in factors:
        lines.append(
            f"  x{f}: first draw p50 {fmt_ms(sc[f]['first_draw']['p50'])} ms, key press p50"
            f" {fmt_ms(sc[f]['key_press']['p50'])} ms; figures equal the server:"
            f" {sc[f].get('last_frame_matches_server')}"
        )
    if len(factors) >= 2:
        a, b = factors[-2], factors[-1]
        size = int(b) / int(a)
        for what in ("first_draw", "key_press"):
            e = exponent(sc[a][what]["p50"], sc[b][what]["p50"], size)
            lines.append(f"  growth x{a} -> x{b}, {what}: exponent {e:.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.panel", description=__doc__)
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--drag-seconds", type=float, default=3.0)
    parser.add_argument("--factors", default="1,10,100")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR / "panel.json")
    args = parser.parse_args(argv)
    vendor.ensure_copy(HARNESS.parent)
    vendor.ensure_copy(REPO_ROOT)
    model = BuybackModel(load_dataset())
    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "load": " ".join(f"{x:.2f}" for x in __import__("os").getloadavg()),
        "viewport": VIEWPORT,
    }
    with (
        StreamlitServer(BASELINE_APP) as empty,
        StreamlitServer(APP, env=PREVIOUS_DESIGN) as app,
        StreamlitServer(HARNESS) as harness,
        StreamlitServer(APP) as app_with_panel,
        BrowserSession() as session,
    ):
        urls = {
            "empty": empty.base_url,
            "previous": f"{app.base_url}/buyback",
            "panel": harness.base_url,
            "page": f"{app_with_panel.base_url}/buyback",
        }
        results["latency"] = interleaved(session, urls, args.reps, args.warmup)
        results["drag"] = drag(session, harness.base_url, args.drag_seconds, model)
        results["drag_page"] = drag(session, urls["page"], args.drag_seconds, model, harness=False)
    with BrowserSession() as session:
        factors = [int(f) for f in args.factors.split(",")]
        results["scale"] = scale(session, factors, max(args.reps // 3, 5))
    text = report(results)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({**results, "report": text}, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
