"""Two app servers on two ports sharing one PostgreSQL database: participants answer on both,
and the facilitator's tally on either server counts every answer once; a school answering again
through the other server is refused."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from redesign import Dataset
from redesign.buyback.model import BuybackModel
from redesign.core.formatting import fte
from redesign.store import open_database
from redesign.workshop import WorkshopStore
from tests.browser.workshop_helpers import app_server, fill_answer, phone, send, wait_for_text
from tests.support.stores import empty_postgres, pg_session_url

__all__ = ["pg_session_url"]  # the fixture, used by name

AT = "Autism teaching support"


def test_two_servers_one_tally(
    browser: Browser, tmp_path: Path, dataset: Dataset, pg_session_url: str
):
    empty_postgres(pg_session_url)
    database = open_database(pg_session_url)
    workshops = WorkshopStore(database, BuybackModel(dataset))
    made = workshops.create("Two servers", ["autism_teaching"], 50)
    shop, key = made.workshop, made.facilitator_key
    workshops.update(shop.id, key, revealed=True)
    try:
        with (
            app_server(pg_session_url, tmp_path / "logs") as first,
            app_server(pg_session_url, tmp_path / "logs") as second,
        ):
            screens = []
            for base in (first, second):
                page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
                page.goto(f"{base}/workshop?workshop={shop.id}&key={key}")
                wait_for_text(page, "0 schools answered", timeout_ms=60_000)
                screens.append(page)
            schools = [("Oak Primary", first), ("Elm Secondary", second)]
            schools += [("Ash Special", first), ("Birch Infants", second)]
            for n, (school, base) in enumerate(schools, start=1):
                p = phone(browser, f"{base}/workshop?join={shop.join_code}")
                fill_answer(p, school, {AT: str(40 * n)})
                send(p)
                expect(p.get_by_text("Received: your answer is in")).to_be_visible(timeout=15_000)
            kept = fte((40 + 80 + 120 + 160) / 160)
            for page in screens:
                wait_for_text(page, "4 schools answered")
                wait_for_text(page, kept)
            again = phone(browser, f"{second}/workshop?join={shop.join_code}")
            fill_answer(again, "oak primary", {AT: "5"})
            send(again)
            expect(again.get_by_text("Oak Primary has already answered")).to_be_visible(
                timeout=15_000
            )
            assert len(workshops.answers(shop.id)) == 4
    finally:
        database.close()
