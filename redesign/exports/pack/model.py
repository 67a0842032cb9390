"""What a briefing pack says, independent of its format: sections made of a few kinds of block.

The PDF (``redesign.exports.pdf``) and PowerPoint (``redesign.exports.slides``) renderers lay out the
same sections, so the two packs say the same thing. Every figure is written in the house style
(``redesign.core.formatting``) before it gets here: blocks hold text, and numbers only where a chart
must draw them. What is not stated is said in a note, never drawn as 0."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

TITLE = "Redesign Explorer: Education Services redesign"
SUBTITLE = "Cabinet briefing pack"
PROPOSALS = "Proposals, not decisions"
AUTHOR = "Redesign Explorer"
LANGUAGE = "en-GB"
NONE_STATED = "none stated"
MONEY_LABEL_FORMAT = '"£"0.00"m"'  # Excel/PowerPoint number format that writes 0.9 as "£0.90m"
FTE_LABEL_FORMAT = "0.00"


def long_date(day: date) -> str:
    """23 November 2016 (GOV.UK style)."""
    return f"{day.day} {day:%B %Y}"


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
class Series:
    """One series of a multi-series chart: a value and its label per category, one colour, and a
    word for the legend (colour never carries meaning alone)."""

    name: str
    values: tuple[float, ...]
    labels: tuple[str, ...]
    colour: str
    text_colour: str = "#FFFFFF"  # for labels inside the bars (palette rules)


@dataclass(frozen=True)
class Bars:
    """Horizontal bars of several series per category, ``stacked`` or side by side, with a legend.
    Every segment is labelled with its value."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    stacked: bool
    alt: str
    value_title: str
    notes: tuple[str, ...] = ()
    heading: str = ""
    number_format: str = FTE_LABEL_FORMAT


@dataclass(frozen=True)
class Line:
    name: str
    ys: tuple[float, ...]
    colour: str
    dashed: bool = False


@dataclass(frozen=True)
class Marker:
    """A labelled point on a line chart (the scenario on the curve)."""

    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Reference:
    """A labelled reference line across a line chart: at ``value`` on the x or y axis."""

    axis: str  # "x" or "y"
    value: float
    label: str


@dataclass(frozen=True)
class LineChart:
    xs: tuple[float, ...]
    lines: tuple[Line, ...]
    markers: tuple[Marker, ...]
    marker_name: str  # the legend's word for the markers
    references: tuple[Reference, ...]
    x_title: str
    y_title: str
    x_ticks: tuple[float, ...]
    x_tick_labels: tuple[str, ...]
    y_label_format: str  # "money" or "number": how the value axis is written
    alt: str
    notes: tuple[str, ...] = ()
    heading: str = ""


@dataclass(frozen=True)
class Step:
    """One bar of a waterfall: a total (drawn from the axis) or a change from ``before``."""

    label: str
    before: float
    after: float
    value_label: str  # "£18.35m" for a total, "−£0.90m" for a step
    colour: str
    total: bool = False


@dataclass(frozen=True)
class Waterfall:
    steps: tuple[Step, ...]
    axis_from: float  # the value axis starts here (said in a note: it is not zero)
    alt: str
    value_title: str
    notes: tuple[str, ...] = ()
    heading: str = ""


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # right-aligned columns
    widths: tuple[float, ...]  # relative column widths
    total_rows: int = 0  # how many rows at the end are totals (bold)
    notes: tuple[str, ...] = ()
    heading: str = ""


Chart = BarChart | Bars | LineChart | Waterfall
Block = Tiles | Paragraphs | Chart | Table
CHARTS = (BarChart, Bars, LineChart, Waterfall)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple[Block, ...]
    source: str = ""  # in full: the PDF's source line, the slides' speaker notes
    # On slides, where there is no room for ``source``: the documents' short names.
    short_source: str = ""
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
    scenario_ref: str = ""  # the short reference on every page's footer ("" without a scenario)
    compared: tuple[str, ...] = ()  # the compared scenarios' names, for the title page

    @property
    def date_text(self) -> str:
        return long_date(self.generated_on)

    @property
    def footer_scenario(self) -> str:
        return f"Scenario ref. {self.scenario_ref}" if self.scenario_ref else ""

    @property
    def subject(self) -> str:
        return (
            "Education Services redesign: headline figures, savings, staffing and reconciliation"
            + ("; a buy-back scenario" if self.scenario_label else "")
            + ("; compared scenarios" if self.compared else "")
            + f". {self.proposals}."
        )
