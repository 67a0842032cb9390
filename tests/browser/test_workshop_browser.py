"""A workshop run end to end in real browsers: the facilitator creates it and shows the results;
three participants answer on phone-sized pages open at the same time; the facilitator's tally
shows each answer within seconds with no reload; one participant changes its answer; the
workshop is closed and a late answer is refused; "Apply" saves the scenario in the library."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from redesign import Dataset
from redesign.core.formatting import fte
from redesign.store import open_store
from tests.browser.helpers import assert_no_exception, screenshot
from tests.browser.workshop_helpers import (
    app_server,
    fill_answer,
    phone,
    send,
    tally_text,
    wait_for_text,
)

AT, HLTA = "Autism teaching support", "Autism HLTA support"
BEH = "Central behaviour and other traded support"
DAYS_PER_FTE = 160  # data/assumptions.yaml's default


def kept_tile(text: str) -> str:
    """The value under "FTE kept of 33.32" in the main area's text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[lines.index("FTE kept of 33.32") + 1]


def test_a_workshop_in_browsers(browser: Browser, tmp_path: Path, dataset: Dataset):
    db_url = f"sqlite:///{tmp_path / 'redesign.db'}"
    with app_server(db_url, tmp_path / "logs") as base:
        facilitator = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        facilitator.goto(f"{base}/workshop")
        facilitator.get_by_role("textbox", name="Title").fill("Heads' briefing")
        facilitator.get_by_role("button", name="Create the workshop").click()
        code_box = facilitator.locator(".st-key-ws-code")
        expect(code_box).to_be_visible(timeout=60_000)
        code = code_box.inner_text().strip()
        assert len(code) == 9 and code[4] == "-"
        assert "key=" not in facilitator.url  # taken out of the address bar
        facilitator.locator(".st-key-ws-reveal label").click()
        wait_for_text(facilitator, "0 schools answered")

        join = f"{base}/workshop?join={code}"
        phones = [phone(browser, join) for _ in range(3)]
        answers = [
            ("Oak Primary", {AT: "80", HLTA: "16", BEH: "32"}),
            ("Elm Secondary", {AT: "40", HLTA: "0", BEH: "64"}),
            ("Ash Special", {AT: "40", HLTA: "8", BEH: "8"}),
        ]
        waits = []
        for n, (p, (school, days)) in enumerate(zip(phones, answers, strict=True), start=1):
            fill_answer(p, school, days)
            send(p)
            expect(p.get_by_text("Received: your answer is in")).to_be_visible(timeout=15_000)
            waits.append(wait_for_text(facilitator, f"{n} school{'s' if n > 1 else ''} answered"))
        assert max(waits) < 10
        total_days = 80 + 16 + 32 + 40 + 0 + 64 + 40 + 8 + 8
        expect(facilitator.locator('[data-testid="stMain"]')).to_contain_text(
            fte(total_days / DAYS_PER_FTE), timeout=10_000
        )
        assert kept_tile(tally_text(facilitator)) == fte(total_days / DAYS_PER_FTE)
        screenshot(facilitator, "workshop_facilitator_1280")
        screenshot(phones[0], "workshop_participant_375")

        # Elm changes its answer: 160 more days of autism teaching, one school still.
        elm = phones[1]
        elm.get_by_role("textbox", name=f"{AT}: how many a year").fill("200")
        send(elm, "Change my answer")
        expect(elm.get_by_text("Changed.")).to_be_visible(timeout=15_000)
        changed = fte((total_days + 160) / DAYS_PER_FTE)
        expect(facilitator.locator('[data-testid="stMain"]')).to_contain_text(
            changed, timeout=10_000
        )
        assert "3 schools answered" in tally_text(facilitator)

        # A fourth school fills in the form, the workshop closes, its answer is refused.
        late = phone(browser, join)
        fill_answer(late, "Late Primary", {AT: "10"})
        facilitator.get_by_role("button", name="Close the workshop").click()
        expect(facilitator.get_by_role("button", name="Reopen the workshop")).to_be_visible()
        send(late)
        expect(late.get_by_text("has closed")).to_be_visible(timeout=15_000)
        assert "3 schools answered" in tally_text(facilitator)

        # Apply: the tally saved in the library under the workshop's title.
        facilitator.get_by_role("tab", name="Apply to the buy-back model").click()
        facilitator.get_by_role("button", name="Apply to the buy-back model").click()
        expect(facilitator.get_by_text("Saved to the library as")).to_be_visible(timeout=15_000)
        for p in [facilitator, *phones, late]:
            assert_no_exception(p)

    store = open_store(dataset, db_url)
    try:
        saved = store.list()
        assert [s.name for s in saved] == ["Heads' briefing"]
        assert saved[0].retained_fte == pytest.approx((total_days + 160) / DAYS_PER_FTE, abs=0.05)
    finally:
        store.database.close()
