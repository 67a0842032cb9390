"""The buy-back panel (ui/components/buyback_panel) in a real browser, on its harness page
(tests/support/panel_app/app.py): driven by keyboard and number boxes to 60 positions (0%, 100%, 150%,
each group's break-even point and random ones), every figure it shows is checked against
BuybackModel.evaluate for the same scenario, and the settled scenario must reach Python and equal
the position; a change made in Python reaches the panel; axe-core finds no WCAG 2.2 A/AA
violation in it; plotly.js comes from the app itself."""

from __future__ import annotations

import json
import random

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel
from redesign.buyback.panel import quantize_pct
from redesign.core.formatting import fte, money_m, signed_money_m
from tests.browser.panel_expect import (
    all_control,
    group_control,
    mismatches,
    press_keys,
    read_panel,
    type_box,
)

MODEL = BuybackModel(load_dataset())
POSITIONS = 60


def open_panel(page: Page, base: str, *, guard: bool = True) -> list[str]:
    """Open the harness; returns the URLs the page asked for outside the loopback (refused).
    ``guard=False``: no routing (Playwright turns the browser's HTTP cache off while it routes)."""
    outside: list[str] = []

    def route(r) -> None:  # type: ignore[no-untyped-def]
        if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1")):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    if guard:
        page.context.route("**/*", route)
    page.goto(base)
    page.wait_for_function(
        "document.querySelectorAll('.bbp-plot .main-svg').length >= 2", timeout=60_000
    )
    return outside


def settled_levels(page: Page) -> dict[str, float]:
    return json.loads(page.get_by_test_id("stCode").inner_text())["levels"]


def wait_settled(page: Page, levels: dict[str, float]) -> None:
    """Until the harness prints ``levels`` (the panel's state reached Python and was applied)."""
    want = json.dumps({"levels": levels}, sort_keys=True)
    expect(page.get_by_test_id("stCode")).to_have_text(want, timeout=15_000)


def slider_after(start: int, keys: list[str]) -> int:
    value = start
    for key in keys:
        value = {"ArrowRight": value + 1, "ArrowUp": value + 1, "ArrowLeft": value - 1,
                 "ArrowDown": value - 1, "Home": 0, "End": 150}[key]  # fmt: skip
        value = min(max(value, 0), 150)
    return value


def test_every_figure_matches_the_server_at_60_positions(harness: str, page: Page) -> None:
    outside = open_panel(page, harness)
    rng = random.Random(16)
    s = MODEL.default_scenario()
    labels = {g.id: g.label for g in MODEL.groups}
    assert settled_levels(page) == s.levels
    break_even = {
        o.group_id: o.break_even_level
        for o in MODEL.evaluate(s).groups
        if o.break_even_level is not None and 0 < o.break_even_level <= 1.5
    }
    steps: list[tuple[str | None, str, object]] = [
        (None, "box", 0),
        (None, "box", 100),
        (None, "box", 150),
        *[(gid, "box", round(level * 100, 1)) for gid, level in break_even.items()],
        (None, "keys", ["ArrowLeft", "ArrowLeft", "ArrowLeft"]),
        (None, "box", 200),  # out of range: clamped to 150%, as the page's own box does
        (MODEL.group_ids[0], "box", -5),
        (MODEL.group_ids[-1], "keys", ["End"]),
        (MODEL.group_ids[1], "keys", ["Home", "ArrowRight"]),
    ]
    while len(steps) < POSITIONS:
        target = rng.choice([None, *MODEL.group_ids])
        if rng.random() < 0.5:
            steps.append((target, "box", rng.randint(0, 1500) / 10))
        else:
            keys = [rng.choice(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"])]
            steps.append((target, "keys", keys * rng.randint(1, 6)))
    assert len(steps) >= 50
    failures: list[str] = []
    for n, (target, how, what) in enumerate(steps):
        control = all_control(page) if target is None else group_control(page, labels[target])
        if how == "box":
            type_box(control, what)  # type: ignore[arg-type]
            pct_value = float(what)  # type: ignore[arg-type]
        else:
            start = int(control.locator(".bbp-range").input_value())
            press_keys(page, control, what)  # type: ignore[arg-type]
            pct_value = slider_after(start, what)  # type: ignore[arg-type]
        level = quantize_pct(round(pct_value, 1))
        levels = dict.fromkeys(s.levels, level) if target is None else s.levels | {target: level}
        s = sio.make_scenario(MODEL, levels)
        wait_settled(page, s.levels)
        shown = read_panel(page)
        failures += [f"step {n} ({target or 'all'} {how} {what}): {p}" for p in
                     mismatches(MODEL, s, shown)]  # fmt: skip
    assert not failures, "\n".join(failures[:40])
    assert outside == [], f"the panel fetched from outside the app: {outside}"


def test_a_change_in_python_reaches_the_panel_and_is_not_undone(harness: str, page: Page) -> None:
    open_panel(page, harness)
    page.get_by_role("button", name="Set every group to 50% (from Python)").click()
    half = sio.make_scenario(MODEL, MODEL.uniform(0.5).levels)
    wait_settled(page, half.levels)
    expect(all_control(page).locator(".bbp-range")).to_have_value("50")
    assert mismatches(MODEL, half, read_panel(page)) == []
    # A key press afterwards starts from the pushed levels, and the push is not undone.
    first = MODEL.group_ids[0]
    press_keys(page, group_control(page, MODEL.groups[0].label), ["ArrowRight"])
    moved = sio.make_scenario(MODEL, half.levels | {first: 0.51})
    wait_settled(page, moved.levels)
    assert mismatches(MODEL, moved, read_panel(page)) == []


def test_live_region_announces_the_outcome(harness: str, page: Page) -> None:
    open_panel(page, harness)
    type_box(all_control(page), 60)
    r = MODEL.evaluate(MODEL.uniform(0.6))
    expect(page.get_by_role("status")).to_have_text(
        f"60% bought back across all groups: {fte(r.retained_fte)} of {fte(r.at_risk_fte)} FTE"
        f" kept, {fte(r.redundant_fte)} FTE redundant. Saving {money_m(r.saving_m)}"
        f" ({signed_money_m(r.saving_change_m)} vs proposal). Traded income needed"
        f" {money_m(r.traded_income_m)} a year. Redundancy cost {money_m(r.redundancy_cost_m)}"
        " once.",
        timeout=5_000,
    )


def test_axe_finds_no_wcag_22_a_or_aa_violation_in_the_panel(harness: str, page: Page) -> None:
    open_panel(page, harness)
    # Open one help text and move off the proposal, so every state of the parts is checked.
    page.locator(".bbp-help-btn").first.click()
    type_box(group_control(page, MODEL.groups[0].label), 10)
    page.wait_for_timeout(500)
    results = Axe().run(
        page,
        context={"include": [[".bbp-part"]]},
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
            },
            "resultTypes": ["violations"],
        },
    )
    assert results.violations_count == 0, results.generate_report()


def test_plotly_is_served_by_the_app_and_cached(harness: str, page: Page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    seen: list[dict[str, object]] = []
    from_cache: set[str] = set()  # requests the browser answered from its memory cache
    cdp.on("Network.requestServedFromCache", lambda e: from_cache.add(e["requestId"]))
    cdp.on(
        "Network.responseReceived",
        lambda e: (
            seen.append({**e["response"], "requestId": e["requestId"]})
            if "plotly" in e["response"]["url"]
            else None
        ),
    )
    open_panel(page, harness, guard=False)
    assert [r["status"] for r in seen] == [200], seen
    assert "/app/static/vendor/plotly-" in str(seen[0]["url"])
    # A later visit takes it from the browser's cache, or at most revalidates it (304). The cache
    # entry is written after the response has been read, later on a busy machine: up to three
    # visits, each after a longer pause (a file sent without a validator is never cached).
    visits: list[list[dict[str, object]]] = []
    for pause_ms in (2_000, 4_000, 8_000):
        seen.clear()
        page.wait_for_timeout(pause_ms)
        page.goto("about:blank")
        open_panel(page, harness, guard=False)
        visits.append(list(seen))
        if len(seen) == 1 and (
            seen[0].get("fromDiskCache")
            or seen[0]["requestId"] in from_cache
            or seen[0]["status"] == 304
        ):
            break
    else:
        raise AssertionError(f"plotly.js fetched again on every visit: {visits}")
