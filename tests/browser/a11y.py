"""Accessibility helpers for the browser tests: axe-core (shipped inside axe-playwright-python, so
nothing is fetched at test time), the contrast of the words on chart bars, and Tab order."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.helpers import wait_for_app

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Rules left out, each for a reason that is Streamlit's markup, not the app's; keep this narrow.
# (None today: every page passes every WCAG 2.2 A and AA rule axe runs.)
EXCLUDED_RULES: dict[str, str] = {}
NORMAL_TEXT_RATIO = 4.5  # WCAG 1.4.3 for text under 24 px (18.66 px bold)

_AXE = Axe()

# Every word drawn on or beside a Plotly bar, with its colour and the colour behind it: the bar's
# fill (a patterned bar's background colour) when the words sit inside the bar, else the chart's.
_BAR_TEXT_JS = """
() => {
  const rgb = (s) => { const m = (s || '').match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(',').map(Number); return p.length > 3 && p[3] === 0 ? null : p.slice(0, 3); };
  const fillOf = (el) => {
    const fill = el.style.fill || el.getAttribute('fill') || '';
    const url = fill.match(/url\\("?#([^")]+)"?\\)/);
    if (url) { const pat = document.getElementById(url[1]); const rect = pat && pat.querySelector('rect');
      return rect ? rgb(rect.style.fill || getComputedStyle(rect).fill) : null; }
    return rgb(getComputedStyle(el).fill);
  };
  const out = [];
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const paper = plot.querySelector('.main-svg');
    const page = rgb(paper && paper.style.background) || [255, 255, 255];
    for (const t of plot.querySelectorAll('text.bartext')) {
      if (!t.textContent.trim()) continue;
      const point = t.closest('.point'); const bar = point && point.querySelector('path');
      let inside = false;
      if (bar) { const a = t.getBoundingClientRect(), b = bar.getBoundingClientRect();
        inside = a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1; }
      out.push({text: t.textContent, inside, size: parseFloat(getComputedStyle(t).fontSize),
                fg: rgb(t.style.fill || getComputedStyle(t).fill), bg: inside ? fillOf(bar) : page});
    }
  }
  return out;
}
"""


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.2 A and AA violations on the page as it stands (less EXCLUDED_RULES)."""
    options: dict[str, Any] = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    if EXCLUDED_RULES:
        options["rules"] = {rule: {"enabled": False} for rule in EXCLUDED_RULES}
    result = _AXE.run(page, options=options)
    return list(result.response["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
    return "\n".join(lines)


def _luminance(rgb: list[float]) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: list[float], bg: list[float]) -> float:
    """WCAG contrast ratio of two sRGB colours."""
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def bar_text_contrast(page: Page) -> list[tuple[str, bool, float]]:
    """(words, inside the bar, contrast ratio) for every bar label drawn on the page; a colour
    that cannot be read counts as a ratio of 0."""
    found = []
    for item in page.evaluate(_BAR_TEXT_JS):
        fg, bg = item["fg"], item["bg"]
        ratio = contrast(fg, bg) if fg and bg else 0.0
        found.append((str(item["text"]), bool(item["inside"]), ratio))
    return found


def open_expanders(page: Page) -> int:
    """Open every closed expander (each a rerun), so that axe sees their contents too."""
    opened = 0
    closed = page.locator("[data-testid='stMain'] [data-testid='stExpander'] details:not([open])")
    while closed.count() and opened < 30:
        closed.first.locator("summary").click()
        wait_for_app(page, timeout_ms=60_000)
        opened += 1
    return opened


_FOCUS_JS = """
() => { const e = document.activeElement; if (!e) return ['', '', '', ''];
  const owner = e.closest('[data-testid]');
  return [e.tagName, e.getAttribute('aria-label') || '', (e.innerText || '').trim().slice(0, 80),
          owner ? owner.getAttribute('data-testid') : '']; }
"""


def tab_until(page: Page, wanted: str, limit: int = 150) -> tuple[int, list[list[str]]]:
    """Press Tab from the start of a freshly loaded page until the focused element's name or text contains
    ``wanted``; return the number of presses and what each focused (0 presses: never reached)."""
    # Drawn, not only sent: the control is on the page before counting starts.
    page.wait_for_function(
        """w => [...document.querySelectorAll('button, a, input, summary')].some(
             e => (e.getAttribute('aria-label') || '').includes(w) || (e.innerText || '').includes(w))""",
        arg=wanted,
        timeout=30_000,
    )
    page.wait_for_timeout(500)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    seen: list[list[str]] = []
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUS_JS)
        seen.append(focused)
        if wanted in focused[1] or wanted in focused[2]:
            return presses, seen
    return 0, seen
