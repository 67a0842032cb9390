"""Interaction latency in a real browser: headless Debian chromium driven by Playwright.

The page is instrumented before any of Streamlit's code runs (``add_init_script``):

* the ``WebSocket`` constructor is wrapped so every message received is time-stamped and counted;
* a ``MutationObserver`` on the whole document time-stamps every DOM change and, for each, the
  first moment after the next frame (``requestAnimationFrame`` then a zero timeout);
* a capturing ``keydown`` listener time-stamps the key press.

A key press (or a navigation) counts as settled when the app's script state
(``stApp[data-test-script-state]``, the attribute ``tests/browser/helpers.wait_for_app`` reads)
is not running, at least one websocket message arrived after the press, nothing arrived and nothing
changed in the DOM for ``QUIET_MS``, and a frame has been produced after the last DOM change. The
latency is that frame time minus the key press time: rerun finished *and* charts repainted. The
quiet period is waited for but not counted.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

from tests.support.server import CHROMIUM_ARGS, CHROMIUM_PATH

VIEWPORT = {"width": 1440, "height": 900}
QUIET_MS = 150
# Streamlit 1.67's slider is a react-aria <input type="range"> (implicit role "slider");
# earlier versions had a baseweb thumb with role="slider". Either is the focusable thumb.
SLIDER = '[data-testid="stSlider"] [role="slider"], [data-testid="stSlider"] input[type="range"]'

INIT_JS = r"""
(() => {
  if (window.__bench) return;
  const B = window.__bench = {lastMsg: -1, msgs: 0, bytes: 0, lastMut: -1, lastPaint: -1,
                              keyAt: -1, muts: 0};
  const NativeWS = window.WebSocket;
  class BenchWS extends NativeWS {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        B.lastMsg = performance.now();
        B.msgs += 1;
        const d = ev.data;
        B.bytes += (d && (d.byteLength ?? d.size ?? d.length)) || 0;
      });
    }
  }
  window.WebSocket = BenchWS;
  window.addEventListener('keydown', () => { B.keyAt = performance.now(); }, true);
  let framePending = false;
  const onMut = (records) => {
    B.lastMut = performance.now();
    B.muts += records.length;
    if (framePending) return;
    framePending = true;
    requestAnimationFrame(() => setTimeout(() => {
      framePending = false;
      B.lastPaint = performance.now();
    }, 0));
  };
  const observe = () => new MutationObserver(onMut).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, characterData: true});
  if (document.documentElement) observe();
  else document.addEventListener('readystatechange', observe, {once: true});
  const BUSY = ['initial', 'running', 'rerunRequested', 'stopRequested'];
  B.state = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app ? app.getAttribute('data-test-script-state') : null;
  };
  B.waitSettled = (since, quietMs, timeoutMs) => new Promise((resolve) => {
    const t0 = performance.now();
    const tick = () => {
      const now = performance.now();
      const st = B.state();
      const busy = st === null || BUSY.includes(st);
      const last = Math.max(B.lastMsg, B.lastMut);
      const settled = !busy && B.lastMsg > since && now - last >= quietMs
                      && B.lastPaint >= B.lastMut;
      if (settled || now - t0 > timeoutMs) {
        resolve({ok: settled, since, lastMsg: B.lastMsg, lastMut: B.lastMut,
                 paint: Math.max(B.lastPaint, B.lastMsg), state: st, msgs: B.msgs,
                 bytes: B.bytes});
        return;
      }
      setTimeout(tick, 5);
    };
    tick();
  });
})();
"""


@dataclass
class Sample:
    ms: float
    bytes: int
    # Renderer main-thread time during the press (Chrome DevTools Performance.getMetrics deltas,
    # ms): what the page itself costs, much less sensitive to a busy machine than wall time.
    task_ms: float = math.nan
    script_ms: float = math.nan
    layout_ms: float = math.nan
    style_ms: float = math.nan


_CDP_METRICS = {
    "TaskDuration": "task_ms",
    "ScriptDuration": "script_ms",
    "LayoutDuration": "layout_ms",
    "RecalcStyleDuration": "style_ms",
}
_CDP: dict[int, Any] = {}


def _renderer_times(page: Page) -> dict[str, float]:
    """Cumulative renderer times in ms from the Chrome DevTools Protocol (empty if unavailable)."""
    try:
        cdp = _CDP.get(id(page))
        if cdp is None:
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            _CDP[id(page)] = cdp
        metrics = cdp.send("Performance.getMetrics")["metrics"]
    except Exception:
        return {}
    return {
        _CDP_METRICS[m["name"]]: m["value"] * 1000 for m in metrics if m["name"] in _CDP_METRICS
    }


class BrowserSession:
    """One chromium (Debian's, never a downloaded one) for the whole benchmark."""

    def __init__(self) -> None:
        self._pw: Any = None
        self.browser: Browser | None = None

    def __enter__(self) -> BrowserSession:
        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            if self.browser is not None:
                self.browser.close()
        finally:
            if self._pw is not None:
                self._pw.stop()

    def new_page(self) -> Page:
        assert self.browser is not None
        context = self.browser.new_context(viewport=VIEWPORT)
        context.add_init_script(INIT_JS)
        # Loopback only: anything else the page asks for is refused.
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1"))
                else route.abort()
            ),
        )
        return context.new_page()

    @staticmethod
    def close_page(page: Page) -> None:
        _CDP.pop(id(page), None)
        page.context.close()


def _settle(page: Page, since: float, timeout_ms: float) -> dict[str, Any]:
    result = page.evaluate(
        "([since, quiet, timeout]) => window.__bench.waitSettled(since, quiet, timeout)",
        [since, QUIET_MS, timeout_ms],
    )
    if not result["ok"]:
        raise TimeoutError(f"page did not settle within {timeout_ms} ms: {result}")
    return result


def load_page(page: Page, url: str, timeout_ms: float = 60_000) -> Sample:
    """Navigate and wait until settled; the time is from navigation start (performance.now()=0)."""
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    page.wait_for_function("() => window.__bench !== undefined", timeout=timeout_ms)
    result = _settle(page, 0, timeout_ms)
    return Sample(result["paint"], result["bytes"])


def page_exceptions(page: Page) -> list[str]:
    return page.locator('[data-testid="stException"]').all_inner_texts()


def open_slider_page(page: Page, url: str) -> tuple[Any, dict[str, Any]]:
    """Load ``url``, focus its first slider; return the slider and what the page looked like."""
    load = load_page(page, url)
    slider = page.locator(SLIDER).first
    slider.wait_for(state="attached", timeout=30_000)
    slider.focus()
    info = {
        "first_load_ms": load.ms,
        "slider_label": page.locator('[data-testid="stSlider"]').first.inner_text()[:80],
        "value_before": slider.input_value(),
        "presses": 0,
    }
    return slider, info


def press(page: Page, step_no: int) -> Sample:
    """ArrowRight on even steps, ArrowLeft on odd ones; time the press to settled."""
    key = "ArrowRight" if step_no % 2 == 0 else "ArrowLeft"
    bytes_before = page.evaluate("() => window.__bench.bytes")
    times_before = _renderer_times(page)
    page.keyboard.press(key)
    key_at = page.evaluate("() => window.__bench.keyAt")
    result = _settle(page, key_at, 30_000)
    times_after = _renderer_times(page)
    deltas = {k: times_after[k] - times_before[k] for k in times_after if k in times_before}
    return Sample(result["paint"] - key_at, result["bytes"] - bytes_before, **deltas)


def interleaved_slider_latencies(
    pages: dict[str, tuple[Page, str]], reps: int, warmup: int, budget_s: float
) -> dict[str, Any]:
    """Press the first slider of every page in turn (A, B, A, B, ...), so the targets are measured
    side by side under the same machine conditions. Bounded by count and time."""
    state = {name: open_slider_page(page, url) for name, (page, url) in pages.items()}
    samples: dict[str, list[Sample]] = {name: [] for name in pages}
    deadline = time.monotonic() + budget_s
    stopped = None
    for i in range(reps + warmup):
        if time.monotonic() > deadline:
            stopped = f"time budget of {budget_s:.0f} s reached after {i} rounds"
            break
        for name, (page, _url) in pages.items():
            slider, info = state[name]
            if page.evaluate("() => document.activeElement?.type") != "range":
                slider.focus()
            sample = press(page, i)
            info["presses"] += 1
            if i >= warmup:
                samples[name].append(sample)
            # A short pause so a press never lands on the previous rerun's tail.
            page.wait_for_timeout(50)
    out: dict[str, Any] = {}
    for name, (page, _url) in pages.items():
        slider, info = state[name]
        info["value_after"] = slider.input_value()
        info["exceptions"] = page_exceptions(page)
        if stopped:
            info["stopped_early"] = stopped
        out[name] = {"samples": samples[name], "info": info}
    return out


def js_profile(page: Page, presses: int = 10) -> dict[str, Any]:
    """Where the renderer's time goes during key presses: Chrome's sampling JS profiler over
    ``presses`` presses, self time per script file (Streamlit's bundles are split by component:
    PlotlyChart.*.js, react-dom.*.js, ...) and for native work, in ms per press."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 200})
    cdp.send("Profiler.start")
    latencies = []
    try:
        for i in range(presses):
            latencies.append(press(page, i).ms)
            page.wait_for_timeout(50)
    finally:
        profile = cdp.send("Profiler.stop")["profile"]
        cdp.detach()
    nodes = {n["id"]: n for n in profile["nodes"]}
    samples = profile.get("samples", [])
    if not samples:
        return {}
    ms_per_sample = (profile["endTime"] - profile["startTime"]) / 1000 / len(samples)
    by_file: dict[str, float] = {}
    for node_id in samples:
        frame = nodes[node_id]["callFrame"]
        name = frame["url"].rsplit("/", 1)[-1] or frame["functionName"] or "(native)"
        # Bundle names carry a content hash: PlotlyChart.D9Z0_fxz.js -> PlotlyChart.js
        parts = name.split(".")
        if len(parts) == 3 and parts[2] == "js":
            name = f"{parts[0]}.js"
        by_file[name] = by_file.get(name, 0.0) + ms_per_sample / presses
    top = sorted(by_file.items(), key=lambda kv: -kv[1])[:14]
    return {
        "presses": presses,
        "latency_ms_p50": sorted(latencies)[len(latencies) // 2],
        "busy_ms_per_press": sum(v for k, v in by_file.items() if k != "(idle)"),
        "by_file_ms_per_press": dict(top),
    }
