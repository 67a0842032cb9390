"""What a page (or the command line) asks a briefing pack to hold: its scenario, the scenarios it
compares, and the page it comes from. The pack is a function of this and the dataset alone, so the
page's button and ``python -m redesign export`` make the same file from the same request."""

from __future__ import annotations

import hashlib
import urllib.parse
from dataclasses import dataclass, field
from datetime import date

from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel, Scenario
from redesign.core.text import plain_text

# Pages whose own figures the pack adds after the scenario (the others need nothing more).
PAGES = ("overview", "service", "waterfall", "staffing", "buyback", "data_sources", "sen_needs")
REF_PREFIX = "BB-"


@dataclass(frozen=True)
class NamedScenario:
    """A scenario compared in the pack: from the page's comparison list or the saved library."""

    name: str
    scenario: Scenario
    origin: str = "comparison list"  # or "saved library"
    saved_id: str = ""  # the library's id, for a saved scenario


@dataclass(frozen=True)
class PackRequest:
    scenario: Scenario | None = None  # the buy-back scenario the pack opens with
    link: str = ""  # the address that reproduces it (the title page gives it in full)
    compared: tuple[NamedScenario, ...] = ()
    page: str = "overview"
    service_id: str = ""  # the service page's service
    waterfall_view: str = "service"  # the waterfall page's "service" or "stream"
    waterfall_category: str = ""  # the waterfall page's category filter ("" for all)
    generated_on: date = field(default_factory=date.today)


def scenario_reference(model: BuybackModel, scenario: Scenario) -> str:
    """A short reference for a scenario, the same wherever it is made: "BB-3F9A2C1B". Two packs
    with the same reference hold the same scenario (levels, assumptions and name)."""
    query = sio.to_query(model, scenario)
    canonical = "&".join(f"{k}={query[k]}" for k in sorted(query))
    return REF_PREFIX + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8].upper()


def clean_name(name: str) -> str:
    return plain_text(name).strip()


def scenario_link(model: BuybackModel, scenario: Scenario, base: str = "") -> str:
    """The address that reproduces ``scenario`` (the page's address, or just its query)."""
    query = urllib.parse.urlencode(sio.to_query(model, scenario), quote_via=urllib.parse.quote)
    return f"{base}?{query}"
