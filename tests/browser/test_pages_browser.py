"""Every dashboard page in a real browser: it renders without an exception box, the charts draw
(plotly SVG present), and a full-page screenshot is saved to test-output/screenshots/."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Page, Route, expect
from plotly.offline import get_plotlyjs_version

from tests.browser.conftest import REPO_ROOT
from tests.browser.helpers import assert_no_exception, screenshot, wait_for_app
from tests.support.server import free_port, health_ok

PLOTLY_SVG = ".js-plotly-plot .main-svg"

# (url path with query, screenshot name, text the page must show, number of plotly charts)
PAGES = [
    ("", "overview", "Headline figures", 1),
    ("service?service=sen_support", "service_sen_support", "SEN Support Services", 3),
    ("service?service=performing_arts", "service_performing_arts", "Performing Arts Service", 3),
    ("waterfall", "waterfall_service", "Budget falls from", 1),
    ("waterfall?view=stream", "waterfall_stream", "Not split by stream", 1),
    ("staffing", "staffing", "Staffing before and after", 3),
    ("data_sources", "data_sources", "Where the published figures do not add up", 0),
]


def full_screenshot(page: Page, name: str) -> None:
    """Streamlit scrolls inside its main container, so a "full page" screenshot would stop at the
    viewport: grow the viewport to the content's height first (capped), then take it."""
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return m ? m.scrollHeight : document.body.scrollHeight; }"
    )
    page.set_viewport_size({"width": 1440, "height": min(max(int(height), 900), 12_000)})
    page.wait_for_timeout(800)
    screenshot(page, name)


def _open(page: Page, base_url: str, path: str) -> None:
    page.goto(f"{base_url}/{path}")
    wait_for_app(page, timeout_ms=60_000)


@pytest.mark.parametrize(("path", "name", "text", "charts"), PAGES, ids=[p[1] for p in PAGES])
def test_page_renders(streamlit_server: str, page: Page, path, name, text, charts):
    _open(page, streamlit_server, path)
    assert_no_exception(page)
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text(text, exact=False).first).to_be_visible(timeout=30_000)
    if charts:
        page.wait_for_selector(PLOTLY_SVG, timeout=30_000)
        # Charts further down the page may draw a moment later.
        page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
            timeout=30_000,
        )
    full_screenshot(page, name)


def test_waterfall_and_staffing_draw_svg(streamlit_server: str, page: Page):
    for path in ("waterfall", "staffing"):
        _open(page, streamlit_server, path)
        page.wait_for_selector(PLOTLY_SVG, timeout=30_000)
        assert page.locator(PLOTLY_SVG).count() >= 1
        assert page.locator(".js-plotly-plot .bars path").count() > 5


def test_charts_are_the_apps_own_with_plotly_from_the_app(streamlit_server: str, page: Page):
    """Every chart is the app's component (ui/components/plotly_chart), described for a screen
    reader by its caption, drawn by the one plotly.js the app serves (the basic bundle)."""
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if "plotly" in r.url else None)
    _open(page, streamlit_server, "staffing")
    page.wait_for_function(
        "document.querySelectorAll('.app-chart .js-plotly-plot .main-svg').length >= 3",
        timeout=30_000,
    )
    assert page.locator("[data-testid='stPlotlyChart']").count() == 0
    captions = page.locator(".app-chart figcaption").all_inner_texts()
    assert len(captions) == 3 and all(c.startswith(("Grouped", "Stacked", "Bar")) for c in captions)
    assert [u for u in scripts if u.endswith(".js")] == [
        f"{streamlit_server}/app/static/vendor/plotly-basic-{get_plotlyjs_version()}.min.js"
    ]
    assert page.evaluate("document.querySelectorAll('script[data-app-plotly]').length") == 1


# Each chart's first drawing, as the page makes it: the animation frame it happened in, and
# whether the chart was on screen then.
DRAW_ORDER_JS = r"""
(() => {
  const draws = window.__chartDraws = [];
  let frame = 0;
  const tick = () => { frame += 1; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const seen = new WeakSet();
  const look = () => document.querySelectorAll('.app-chart-plot').forEach((gd) => {
    if (seen.has(gd) || !gd.querySelector('.main-svg')) return;
    seen.add(gd);
    const box = gd.getBoundingClientRect();
    draws.push({frame, onScreen: box.bottom > 0 && box.top < window.innerHeight});
  });
  const start = () => new MutationObserver(look).observe(document.documentElement,
    {subtree: true, childList: true});
  if (document.documentElement) start();
  else document.addEventListener('readystatechange', start, {once: true});
})();
"""


def test_charts_first_drawn_on_screen_first_one_a_frame(streamlit_server: str, page: Page):
    """The chart on the first screen is drawn before those below it, each in a frame of its own:
    the browser paints the first screen's chart without waiting for the rest (issue 16)."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.add_init_script(DRAW_ORDER_JS)
    _open(page, streamlit_server, "staffing")
    page.wait_for_function("window.__chartDraws.length >= 3", timeout=30_000)
    draws = page.evaluate("window.__chartDraws")
    assert draws[0]["onScreen"], draws
    below = [d for d in draws if not d["onScreen"]]
    assert below, f"expected charts below the first screen at 1280x720: {draws}"
    frames = [d["frame"] for d in draws]
    assert len(set(frames)) == len(frames), f"charts drawn in the same frame: {draws}"
    assert min(d["frame"] for d in below) > max(d["frame"] for d in draws if d["onScreen"])


def test_hostile_query_shows_notice_not_html(streamlit_server: str, page: Page):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _open(page, streamlit_server, "service?service=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert_no_exception(page)
    expect(page.get_by_text("does not exist", exact=False).first).to_be_visible(timeout=30_000)
    # The value is shown as text, never as markup: no injected element, no alert.
    assert page.locator("[data-testid='stAlert'] script").count() == 0
    notice = page.locator("[data-testid='stAlert']", has_text="does not exist").first
    assert "<script>alert(1)</script>" in notice.inner_text()
    assert dialogs == []
    full_screenshot(page, "service_hostile_query")


def test_next_button_moves_to_next_service(streamlit_server: str, page: Page):
    _open(page, streamlit_server, "service?service=hospital_education")
    page.get_by_role("button", name="Next").click()
    wait_for_app(page, timeout_ms=60_000)
    expect(
        page.get_by_role("heading", name="Looked After Children Education Service")
    ).to_be_visible()
    assert "service=looked_after_children" in page.url


def _wait_healthy(base_url: str, proc: subprocess.Popen, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not health_ok(f"{base_url}/_stcore/health"):
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail("fresh Streamlit server did not start", pytrace=False)
        time.sleep(0.25)


@pytest.mark.parametrize(
    ("path", "title", "heading"),
    [
        ("staffing", "Staffing before and after", "Staffing before and after"),
        ("data_sources", "Data and sources", "Data and sources"),
        ("buyback", "Buy-back what-if", "What if schools buy back the SEND posts at risk?"),
        # The default page's own name: app.py's alias opens it (at /).
        ("overview", "Overview", "Education Services redesign: overview"),
    ],
)
def test_first_request_to_a_page_runs_through_app_navigation(
    browser, tmp_path, path, title, heading
):
    """A fresh server's first request straight to a page still runs app.py's st.navigation:
    the sidebar lists PAGES' titles, not the pages/ folder's file names, and no "Page not found"
    dialog appears (each url_path equals its file's name, which the first run resolves against)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            os.environ.get("REDESIGN_APP_PATH", "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=REPO_ROOT,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        _wait_healthy(base_url, proc)
        page = context.new_page()
        _open(page, base_url, path)
        assert_no_exception(page)
        nav = page.locator("[data-testid='stSidebarNav']").inner_text()
        assert title in nav
        assert "data_sources" not in nav and "app" not in nav.split()
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        assert page.get_by_text("Page not found").count() == 0
    finally:
        context.close()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_server_is_healthy(streamlit_server: str):
    try:
        with urllib.request.urlopen(f"{streamlit_server}/_stcore/health", timeout=5) as resp:
            assert resp.status == 200
    except urllib.error.URLError as exc:  # pragma: no cover - reported as a failure
        pytest.fail(f"health check failed: {exc}")


def test_a_chart_draws_after_plotly_failed_to_load_once(streamlit_server: str, page: Page):
    """plotly.js failing to load once (a dropped connection) is not for ever: the chart says so,
    and the next time the page asks (here, another view of the waterfall) it is loaded and drawn."""
    failures: list[str] = []

    def first_fails(route: Route) -> None:
        if not failures:
            failures.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/plotly-*.js", first_fails)
    _open(page, streamlit_server, "waterfall")
    expect(page.get_by_text("The chart could not be drawn").first).to_be_visible(timeout=30_000)
    assert len(failures) == 1
    page.get_by_text("By funding stream").first.click()
    page.wait_for_selector(PLOTLY_SVG, timeout=30_000)
    expect(page.get_by_text("The chart could not be drawn")).to_have_count(0)
    assert page.evaluate("document.querySelectorAll('script[data-app-plotly]').length") == 1


def test_a_chart_table_appears_when_opened(streamlit_server: str, page: Page):
    """The table under a chart is drawn when its "Show data table" is opened (ui.blocks
    .table_expander), in the browser as well as under AppTest."""
    _open(page, streamlit_server, "waterfall?view=stream")
    page.wait_for_selector(PLOTLY_SVG, timeout=30_000)
    table = page.get_by_test_id("stTable")
    expect(table).to_have_count(0)
    page.get_by_test_id("stExpander").filter(has_text="Show data table").first.locator(
        "summary"
    ).click()
    expect(table.first).to_be_visible(timeout=30_000)
    expect(table.first).to_contain_text("Not split by stream: SEN Support Services")
    wait_for_app(page)
    assert_no_exception(page)
