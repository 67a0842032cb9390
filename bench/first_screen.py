"""Every page's first screen, cold and warm, beside the empty one-slider app (issue 16).

``python -m bench.first_screen [--reps 5] [--pages overview,buyback] [--out FILE]``

For the empty app and every page of app.py, in turn (A, B, C, ... so a busy moment costs all
alike), ``--reps`` times:

* **cold**: a fresh browser context (empty HTTP cache, nothing compiled), navigation to the page;
* **warm**: then a new tab in the same context (Streamlit's scripts, fonts and plotly.js cached),
  navigation to the same page again.

Each load is timed from navigation start (``performance.now()`` = 0) to:

* **first screen**: the frame after the last change to anything visible in the viewport
  (1440x900; Streamlit's running indicator and toolbar excepted, as they change on every page alike);
* **settled**: the frame after the last change anywhere, the page then quiet for 1.5 s (as
  bench/browser.py's first load, which waits 150 ms: on a first load Streamlit can be quiet for
  longer while it fetches and compiles a chart's script, and the chart comes after);
* the moments the page's title (``h1``), its first figure tile and its first chart were drawn, and
  the first change below the fold, so "the first screen's figures before what lies below the fold"
  is a fact of the run, not a hope.

A page's ratios are its p50 over the empty app's p50, cold and warm.

With ``--floors`` (the default), two floors are loaded in turn with the pages (bench/frame_floor):
the app's frame (page config, navigation, ``ui.layout.page_setup``) and one slider, and the same
with one chart block drawn by the app's ``ui.blocks.chart_block``. They say how much of the
ratio target any page of the app takes before its own content, and any page with a chart on its
first screen before its own figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from bench.browser import INIT_JS, VIEWPORT, BrowserSession, page_exceptions
from bench.common import (
    APP,
    BASELINE_APP,
    FRAME_FLOOR_APP,
    RESULTS_DIR,
    StreamlitServer,
    fmt_ms,
    fmt_x,
    page_files,
    ratio,
    summarise,
)

# Changes are sorted into above and below the fold once per frame, in requestAnimationFrame,
# where the browser lays the page out anyway: the observer itself never forces a layout.
FOLD_JS = r"""
(() => {
  if (window.__fold) return;
  // tops: [time of a visible change, the frame after it], one per frame that had one.
  const F = window.__fold = {tops: [], firstBelow: -1, title: -1, tile: -1, chart: -1,
                             pending: [], scheduled: false};
  const IGNORE = '[data-testid="stStatusWidget"], [data-testid="stToolbar"],' +
                 ' [data-testid="stDecoration"], [data-testid="stHeader"]';
  const seen = (sel, key, t) => {
    if (F[key] >= 0) return;
    const node = document.querySelector(sel);
    if (node && node.getBoundingClientRect().height > 0) F[key] = t;
  };
  const sort = () => {
    F.scheduled = false;
    const h = window.innerHeight;
    let top = -1;
    for (const [node, t] of F.pending) {
      const elem = node.nodeType === 1 ? node : node.parentElement;
      if (!elem || !elem.isConnected || elem.closest(IGNORE)) continue;
      // The app's own frame changes its attributes while it runs: not a change of what it shows.
      if (elem === document.documentElement || elem === document.body) continue;
      if (elem.matches('[data-testid="stApp"], [data-testid="stAppViewContainer"], #root')) continue;
      const r = elem.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.top < h && r.bottom > 0) top = Math.max(top, t);
      else if (r.top >= h && F.firstBelow < 0) F.firstBelow = t;
    }
    F.pending = [];
    const now = performance.now();
    seen('h1', 'title', now);
    seen('[data-testid="stMetric"], .bbp-tile', 'tile', now);
    seen('.js-plotly-plot .main-svg', 'chart', now);
    if (top >= 0) {
      const mark = [top, -1];
      F.tops.push(mark);
      setTimeout(() => { mark[1] = performance.now(); }, 0);
    }
  };
  const onMut = (records) => {
    const t = performance.now();
    for (const rec of records) {
      if (rec.type === 'childList') for (const n of rec.addedNodes) F.pending.push([n, t]);
      else F.pending.push([rec.target, t]);
    }
    if (!F.scheduled) { F.scheduled = true; requestAnimationFrame(sort); }
  };
  const observe = () => new MutationObserver(onMut).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, characterData: true});
  if (document.documentElement) observe();
  else document.addEventListener('readystatechange', observe, {once: true});
})();
"""


# A first load is quiet for long stretches while Streamlit fetches and compiles an element's script
# (plotly.js: the chart's element does not exist until then), far longer than a key press's
# QUIET_MS: a load counts as settled after this much quiet. Waited for, not counted.
LOAD_QUIET_MS = 1500
CHARTS_DRAWN_JS = """() => [...document.querySelectorAll(
  '.app-chart-plot, .bbp-plot')].every((c) => c.querySelector('.main-svg'))"""


def _settle(page: Page, timeout_ms: float) -> dict[str, Any]:
    settled: dict[str, Any] = page.evaluate(
        "([quiet, timeout]) => window.__bench.waitSettled(0, quiet, timeout)",
        [LOAD_QUIET_MS, timeout_ms],
    )
    if not settled["ok"]:
        raise TimeoutError(f"{page.url} did not settle within {timeout_ms} ms")
    return settled


def _load(page: Page, url: str, timeout_ms: float = 60_000) -> dict[str, Any]:
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    page.wait_for_function(
        "() => window.__bench !== undefined && window.__fold !== undefined", timeout=timeout_ms
    )
    settled = _settle(page, timeout_ms)
    # And every chart drawn, however long its script takes.
    if not page.evaluate(CHARTS_DRAWN_JS):
        page.wait_for_function(CHARTS_DRAWN_JS, timeout=timeout_ms)
        settled = _settle(page, timeout_ms)
    page.wait_for_timeout(50)  # the fold's last frame
    # The last visible change up to the page's last change (a change after the quiet is not the
    # load's: the page is settled before it).
    fold = page.evaluate(
        "(last) => { const F = window.__fold; const tops = F.tops.filter(([t]) => t <= last);"
        " return {first_screen: tops.length ? tops[tops.length - 1][1] : -1, title: F.title,"
        " tile: F.tile, chart: F.chart, first_below: F.firstBelow}; }",
        settled["paint"],
    )
    return {"settled": settled["paint"], **fold}


LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")
FOREIGN: list[str] = []  # anything a page asked for elsewhere (the report shows it)


def _note_foreign(request: Any) -> None:
    if not request.url.startswith(LOCAL):
        FOREIGN.append(request.url[:200])


def _new_page(session: BrowserSession, context: Any = None) -> Page:
    """A tab in a fresh context, or in ``context``. No request routing here (BrowserSession's
    pages route every request, which turns Chromium's HTTP cache off, and warm would not be
    warm): the pages ask only the app's own server for anything, as bench/tests checks."""
    if context is None:
        assert session.browser is not None
        context = session.browser.new_context(viewport=VIEWPORT)
        context.add_init_script(INIT_JS)
        context.add_init_script(FOLD_JS)
        context.on("request", _note_foreign)
    page: Page = context.new_page()
    return page


def measure(session: BrowserSession, targets: dict[str, str], reps: int) -> dict[str, Any]:
    samples: dict[str, dict[str, list[dict[str, Any]]]] = {
        name: {"cold": [], "warm": []} for name in targets
    }
    errors: dict[str, list[str]] = {name: [] for name in targets}
    for _ in range(reps):
        for name, url in targets.items():
            cold = _new_page(session)
            context = cold.context
            try:
                samples[name]["cold"].append(_load(cold, url))
                # Closed first: the warm tab is the only one, in front, as a person's would be.
                cold.close()
                warm = _new_page(session, context)
                samples[name]["warm"].append(_load(warm, url))
                shown = page_exceptions(warm)
                if shown:
                    errors[name].append(shown[0][:200])
            except Exception as exc:  # a page that fails is reported, the run goes on
                errors[name].append(f"{type(exc).__name__}: {str(exc)[:200]}")
            finally:
                context.close()
    return {"samples": samples, "errors": errors}


def summary(raw: dict[str, Any], baseline: str = "empty app") -> dict[str, Any]:
    out: dict[str, Any] = {}
    base = raw["samples"][baseline]
    base_p50 = {
        kind: summarise(s["first_screen"] for s in base[kind])["p50"] for kind in ("cold", "warm")
    }
    for name, by_kind in raw["samples"].items():
        row: dict[str, Any] = {"errors": raw["errors"][name][:3]}
        for kind, runs in by_kind.items():
            first = summarise(s["first_screen"] for s in runs)
            settled = summarise(s["settled"] for s in runs)
            row[kind] = {
                "first_screen_ms": first,
                "settled_ms": settled,
                "first_screen_ratio": ratio(first["p50"], base_p50[kind]),
                "settled_ratio": ratio(settled["p50"], base_p50[kind]),
                "title_ms": summarise(s["title"] for s in runs if s["title"] >= 0),
                "tile_ms": summarise(s["tile"] for s in runs if s["tile"] >= 0),
                "chart_ms": summarise(s["chart"] for s in runs if s["chart"] >= 0),
                "first_below_ms": summarise(
                    s["first_below"] for s in runs if s["first_below"] >= 0
                ),
                # The first screen done before anything below the fold changed, in every run.
                "fold_first_runs": sum(
                    1 for s in runs if s["first_below"] < 0 or s["first_screen"] <= s["first_below"]
                ),
                "runs": len(runs),
            }
        out[name] = row
    return out


def report(results: dict[str, Any]) -> str:
    lines = [
        "First screen (navigation to the frame after the last visible change), p50 ms and ratio"
        " to the empty app; settled = the whole page quiet:",
        f"  {'page':<16} {'cold':>8} {'x':>6} {'warm':>8} {'x':>6}   {'settled c/w':>15}"
        "   title/tile/chart (warm)",
    ]
    for name, row in results["pages"].items():
        c, w = row["cold"], row["warm"]
        marks = "/".join(fmt_ms(w[k]["p50"]) for k in ("title_ms", "tile_ms", "chart_ms"))
        lines.append(
            f"  {name:<16} {fmt_ms(c['first_screen_ms']['p50']):>8}"
            f" {fmt_x(c['first_screen_ratio']):>6} {fmt_ms(w['first_screen_ms']['p50']):>8}"
            f" {fmt_x(w['first_screen_ratio']):>6}"
            f"   {fmt_ms(c['settled_ms']['p50']):>7}/{fmt_ms(w['settled_ms']['p50']):<7}"
            f"   {marks}" + (f"   ERRORS {row['errors']}" if row["errors"] else "")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument(
        "--floors",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also the app-frame floor and the one-chart-block floor (bench/frame_floor)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS_DIR / "first_screen.json")
    args = parser.parse_args(argv)
    wanted = {p for p in args.pages.split(",") if p}
    pages = [p for p in page_files() if not wanted or p.stem in wanted]
    started = time.time()
    with (
        StreamlitServer(BASELINE_APP) as empty,
        StreamlitServer(FRAME_FLOOR_APP) as frame,
        StreamlitServer(APP) as app,
        BrowserSession() as session,
    ):
        targets = {"empty app": f"{empty.base_url}/"}
        if args.floors:
            targets["frame floor"] = f"{frame.base_url}/"
            targets["one-chart floor"] = f"{frame.base_url}/?blocks=1"
        for p in pages:
            targets[p.stem] = f"{app.base_url}/{'' if p.stem == 'overview' else p.stem}"
        # One untimed load of each: the servers import and cache before anything is timed.
        measure(session, targets, 1)
        raw = measure(session, targets, args.reps)
    results = {
        "command": "python -m bench.first_screen " + " ".join(argv or sys.argv[1:]),
        "started": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(started)),
        "load_average": Path("/proc/loadavg").read_text().split()[:3],
        "reps": args.reps,
        "pages": summary(raw),
        "foreign_requests": sorted(set(FOREIGN)),
        "raw": raw,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1))
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
