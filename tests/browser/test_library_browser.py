"""The scenario library in a real browser: save, list, open, compare, delete and undo; a scenario
saved in one browser is there, with its outputs, in another after the first has closed; and two
app servers sharing one PostgreSQL database see each other's saved scenarios.

The scenario is set through its link (scenario_io's keys), so these tests do not depend on how the
page draws its controls. Each server has its own scenario database (tests/browser/conftest.py)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel
from redesign.core.formatting import fte, money_m
from redesign.store import DB_URL_ENV
from tests.browser.conftest import VIEWPORT, running_server
from tests.browser.helpers import assert_no_exception, screenshot, wait_for_app
from tests.support.pg import fresh_database

SIXTY_FORTY = {"bb_autism_teaching": "60", "bb_autism_hlta": "60", "bb_behaviour_and_other": "40"}
QUERY = "&".join(f"{k}={v}" for k, v in SIXTY_FORTY.items())
MODEL = BuybackModel(load_dataset())
OUTPUTS = MODEL.evaluate(sio.from_query(MODEL, SIXTY_FORTY)[0])
ID_IN_URL = re.compile(r"[?&]scenario=([A-Za-z0-9_-]+)")
TIMEOUT_MS = 60_000


def unique(name: str) -> str:
    return f"{name} {secrets.token_hex(3)}"


def open_library(page: Page, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}/buyback{'?' + query if query else ''}")
    wait_for_app(page, timeout_ms=TIMEOUT_MS)
    expect(page.get_by_role("button", name="Add to the comparison without saving")).to_be_visible(
        timeout=TIMEOUT_MS
    )


def textbox(page: Page, label: str):
    return page.get_by_role("textbox", name=label, exact=True)


def type_into(page: Page, label: str, value: str) -> None:
    box = textbox(page, label)
    box.fill(value)
    box.press("Tab")  # a text box sends its value when it loses the focus
    wait_for_app(page)


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_for_app(page)


def save(page: Page, name: str, note: str = "", author: str = "") -> str:
    """Save the scenario on screen under ``name``; returns its id (from the permalink)."""
    type_into(page, "Scenario name", name)
    if note:
        type_into(page, "Note (optional)", note)
    if author:
        type_into(page, "Saved by (optional)", author)
    click(page, "Save to the library")
    expect(page.get_by_text(f"Saved “{name}” to the library")).to_be_visible()
    found = ID_IN_URL.search(page.url)
    assert found, f"no permalink in the address bar: {page.url}"
    return found.group(1)


def library_row(page: Page, name: str):
    """The list's row for ``name`` (the saved scenarios' table has a "Saved by" column)."""
    table = page.get_by_test_id("stTable").filter(has_text="Saved by")
    return table.locator("tr").filter(has_text=name)


def expect_listed_with_outputs(page: Page, name: str, author: str = "") -> None:
    row = library_row(page, name)
    expect(row).to_have_count(1)
    for text in (
        fte(OUTPUTS.retained_fte),
        money_m(OUTPUTS.traded_income_m),
        money_m(OUTPUTS.saving_m),
    ):
        expect(row).to_contain_text(text)
    if author:
        expect(row).to_contain_text(author)


def choose(page: Page, name: str) -> None:
    box = page.get_by_role("combobox", name=re.compile("^Choose a saved scenario"))
    box.click()
    box.fill(name)
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_role("heading", name=name)).to_be_visible()


def test_save_list_open_compare_delete_undo(streamlit_server: str, page: Page) -> None:
    name = unique("Sixty forty")
    open_library(page, streamlit_server, QUERY)
    sid = save(page, name, note="From the browser test", author="QA team")
    expect_listed_with_outputs(page, name, "QA team")

    # Open it in a fresh session showing the proposal: the scenario and the address bar follow.
    open_library(page, streamlit_server)
    assert "scenario=" not in page.url
    choose(page, name)
    click(page, "Open this scenario")
    expect(page.get_by_text(f"Opened “{name}”")).to_be_visible()
    assert ID_IN_URL.search(page.url).group(1) == sid  # type: ignore[union-attr]
    expect(textbox(page, "Scenario name")).to_have_value(name)

    # Compare it: its column in the table and its permalink.
    click(page, "Add to the comparison")
    compared = page.locator(".app-link-text").filter(has_text=f"/buyback?scenario={sid}")
    expect(compared).to_have_count(2)  # the chosen scenario's box and the comparison's
    comparison = page.get_by_test_id("stTable").filter(has_text="Saving £m").last
    expect(comparison).to_contain_text(name)
    expect(comparison).to_contain_text(money_m(OUTPUTS.saving_m))
    screenshot(page, "library_compare")

    # Delete it, then undo.
    click(page, "Delete")
    expect(page.get_by_text(f"Deleted “{name}”")).to_be_visible()
    expect(library_row(page, name)).to_have_count(0)
    click(page, "Undo the deletion")
    expect(page.get_by_text(f"Restored “{name}” to the library")).to_be_visible()
    expect_listed_with_outputs(page, name, "QA team")
    assert_no_exception(page)


def test_saved_in_one_browser_is_there_in_another(streamlit_server: str, browser: Browser) -> None:
    name = unique("Kept across browsers")
    first = browser.new_context(viewport=VIEWPORT)
    try:
        page = first.new_page()
        open_library(page, streamlit_server, QUERY)
        sid = save(page, name, author="Finance")
    finally:
        first.close()
    second = browser.new_context(viewport=VIEWPORT)
    try:
        page = second.new_page()
        open_library(page, streamlit_server)
        expect_listed_with_outputs(page, name, "Finance")
        # Its permalink opens it in this browser too.
        open_library(page, streamlit_server, f"scenario={sid}")
        expect(textbox(page, "Scenario name")).to_have_value(name)
        assert ID_IN_URL.search(page.url).group(1) == sid  # type: ignore[union-attr]
        assert_no_exception(page)
    finally:
        second.close()


@pytest.fixture(scope="module")
def two_servers_on_postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """Two app servers on two ports, sharing one fresh PostgreSQL database."""
    with fresh_database("redesign_browser_test", "the two-server browser test") as url:
        logs: list[Path] = [tmp_path_factory.mktemp(f"server_{n}") for n in (1, 2)]
        with (
            running_server(logs[0], {DB_URL_ENV: url}) as one,
            running_server(logs[1], {DB_URL_ENV: url}) as two,
        ):
            yield one, two


def test_two_servers_sharing_postgresql_see_each_others_scenarios(
    two_servers_on_postgres: tuple[str, str], browser: Browser
) -> None:
    one, two = two_servers_on_postgres
    assert one != two
    name = unique("Saved through server one")
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        open_library(page, one, QUERY)
        sid = save(page, name, author="Server one")
        open_library(page, two)
        expect_listed_with_outputs(page, name, "Server one")
        open_library(page, two, f"scenario={sid}")
        expect(textbox(page, "Scenario name")).to_have_value(name)
        # And back: a copy made on server two appears on server one.
        choose(page, name)
        click(page, "Duplicate")
        open_library(page, one)
        expect(library_row(page, f"{name} (copy)")).to_have_count(1)
        assert_no_exception(page)
    finally:
        context.close()
