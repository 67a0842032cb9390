"""What a cabinet briefing pack says, independent of its format (pure Python, no Streamlit).

``redesign.exports.pack_content`` turns the dataset (and, on the buy-back page, a scenario) into a list of
sections made of a few kinds of block: headline tiles, paragraphs, a bar chart, a table. The
PowerPoint (``redesign.exports.pptx``) and PDF (``redesign.exports.pdf``) renderers lay out the same
sections, so the two packs say the same thing.

Every figure comes from the redesign functions (``finance``, ``views``, ``reconciliation``,
``redesign.buyback``) and is written in the house style (``redesign.core.formatting``): £m with two
decimals and the Unicode minus before the pound sign, FTE with two decimals. No figure is typed in."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from datetime import date

from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel, Scenario
from redesign.core.formatting import fte, money_m, pct, signed_fte, signed_money_m
from redesign.core.table_format import format_with_unit
from redesign.data.assumptions import Assumption
from redesign.exports.workbook import long_date

TITLE = "Redesign Explorer: Education Services redesign"
SUBTITLE = "Cabinet briefing pack"
PROPOSALS = "Proposals, not decisions"
AUTHOR = "Redesign Explorer"
LANGUAGE = "en-GB"
NONE_STATED = "none stated"
MONEY_LABEL_FORMAT = '"£"0.00"m"'  # Excel/PowerPoint number format that writes 0.9 as "£0.90m"


# --- the content model ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Tile:
    label: str
    value: str


@dataclass(frozen=True)
class Tiles:
    """Headline figures as labelled tiles, ``per_row`` to a row."""

    tiles: tuple[Tile, ...]
    per_row: int = 3
    heading: str = ""


@dataclass(frozen=True)
class Paragraphs:
    """Running text. ``terms`` (same length as ``texts``, optional) are bold lead-ins."""

    texts: tuple[str, ...]
    terms: tuple[str, ...] = ()
    heading: str = ""


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart, in the order given (top first), every bar labelled with its value.

    Only stated figures are charted; what is not stated is said in ``notes``, never drawn as 0."""

    categories: tuple[str, ...]
    values: tuple[float, ...]
    labels: tuple[str, ...]  # the value label beside each bar ("£0.90m")
    colours: tuple[str, ...]
    alt: str
    value_title: str  # the measure, with its unit
    notes: tuple[str, ...] = ()
    heading: str = ""
    number_format: str = MONEY_LABEL_FORMAT


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # right-aligned columns
    widths: tuple[float, ...]  # relative column widths
    total_rows: int = 0  # how many rows at the end are totals (bold)
    notes: tuple[str, ...] = ()
    heading: str = ""


Block = Tiles | Paragraphs | BarChart | Table


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple[Block, ...]
    source: str = ""
    # On paper, go on below the previous section when there is room (slides always start anew).
    run_on: bool = False


@dataclass(frozen=True)
class Briefing:
    title: str
    subtitle: str
    generated_on: date
    proposals: str
    scenario_label: str  # "" without a scenario
    scenario_link: str  # "" without a link
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def date_text(self) -> str:
        return long_date(self.generated_on)

    @property
    def subject(self) -> str:
        return (
            "Education Services redesign: headline figures, savings, staffing and reconciliation"
            + ("; a buy-back scenario" if self.scenario_label else "")
            + f". {self.proposals}."
        )


# --- helpers -------------------------------------------------------------------------------------


def value_with_unit(value: float | None, unit: str) -> str:
    """A reconciliation figure with its unit: "£0.14m", "3.12 FTE", "3,808 pupils"."""
    if value is None:
        return "not stated"
    if unit == "£m":
        return money_m(value)
    if unit == "FTE":
        return f"{fte(value)} FTE"
    return f"{format_with_unit(value, unit)} {unit}".strip()


def difference_with_unit(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "£m":
        return signed_money_m(value)
    if unit == "FTE":
        return f"{signed_fte(value)} FTE"
    text = format_with_unit(abs(value), unit)
    sign = "" if round(value, 6) == 0 else ("+" if value > 0 else "\u2212")
    return f"{sign}{text} {unit}".strip()


def assumption_value(spec: Assumption, value: float) -> str:
    """An assumption in its unit: "£50,000 a year per FTE", "115%", "3.00 FTE"."""
    if spec.unit == "gbp_per_fte":
        return f"£{value:,.0f} a year per FTE"
    if spec.unit == "gbp":
        return f"£{value:,.0f} a year"
    if spec.unit == "gbp_one_off":
        return f"£{value:,.0f} one-off per FTE"
    if spec.unit == "pct":
        return pct(value, 0 if float(value).is_integer() else 1)
    if spec.unit == "fte":
        return f"{fte(value)} FTE"
    if spec.unit == "days":
        return f"{value:,.0f} days a year per FTE"
    return f"{value:g}"


def scenario_from_link(model: BuybackModel, link: str) -> Scenario | None:
    """The scenario a shareable link reproduces (its query string), or None without one."""
    query = urllib.parse.urlsplit(link).query or link.partition("?")[2]
    params = urllib.parse.parse_qs(query, keep_blank_values=True)
    if not any(sio.is_scenario_key(k) for k in params):
        return None
    scenario, _notices = sio.from_query(model, params)
    return scenario
