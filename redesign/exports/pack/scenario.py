"""The briefing pack's buy-back scenario: its figures, its two charts with their tables, and what it
means against the proposal (the assumptions are in ``redesign.exports.pack.assumptions``)."""

from __future__ import annotations

from redesign.buyback.charts import fte_bars
from redesign.buyback.compare import output_rows
from redesign.buyback.model import BuybackModel, Scenario, ScenarioResult
from redesign.buyback.text import in_sentence, level_pct, scenario_sentence
from redesign.core import palette
from redesign.core.formatting import fte, money_m, pct
from redesign.core.units import Unit
from redesign.data.dataset import Dataset
from redesign.data.need_map import EDITORIAL_DOCUMENT as EDITORIAL
from redesign.exports.pack.model import (
    Bars,
    Line,
    LineChart,
    Marker,
    Paragraphs,
    Reference,
    Section,
    Series,
    Table,
    Tile,
    Tiles,
)
from redesign.present.savings import money_figures
from redesign.present.services import source_summary
from redesign.present.staffing import staffing_figures

FTE_CHART_TITLE = "Posts kept and lost in each group"
CURVE_TITLE = "Saving and traded income at each buy-back level"
CURVE_STEP = 25  # the curve's table in the pack: every 25% (the workbook has every 5%)


def scenario_sources(dataset: Dataset) -> tuple[str, str]:
    """(in full, short) sources of the scenario's figures: the report's SEN Support section and
    this tool's assumptions."""
    service = dataset.service(dataset.sen_support.service_id)
    assumptions = dataset.document_title(EDITORIAL)
    full = (
        source_summary(dataset, money_figures((service,)) + staffing_figures((service,)))
        + f" Assumptions: {assumptions}."
    )
    short = f"{dataset.document_title('cabinet_appendix')}; this tool's assumptions"
    return full, short


def scenario_section(
    dataset: Dataset, model: BuybackModel, scenario: Scenario, result: ScenarioResult
) -> Section:
    service = dataset.service(dataset.sen_support.service_id)
    full, short = scenario_sources(dataset)
    proposal_pct = model.assumption_values(scenario)["proposal_buyback_pct"]
    proposal = model.evaluate(model.uniform(proposal_pct / 100, scenario))
    blocks = (
        _tiles(result),
        Paragraphs(
            tuple(_sentences(scenario_sentence(result, service.name))),
            heading="The scenario in plain English",
        ),
        fte_chart(result),
        levels_table(result),
        curve_chart(model, scenario, result, proposal_pct),
        curve_points(model, scenario),
        outputs_table(result, proposal, proposal_pct),
    )
    return Section("scenario", "Buy-back scenario", blocks, full, short)


def _tiles(result: ScenarioResult) -> Tiles:
    """The buy-back page's result tiles, in its order."""
    now = result.traded_share_now_pct
    return Tiles(
        (
            Tile("At-risk FTE redundant", fte(result.redundant_fte)),
            Tile(f"At-risk FTE kept (of {fte(result.at_risk_fte)})", fte(result.retained_fte)),
            Tile("Traded income needed a year", money_m(result.traded_income_m)),
            Tile(f"Traded share ({pct(now, 0)} today)", pct(result.traded_share_pct)),
            Tile(
                f"Saving ({money_m(result.proposed_saving_m)} proposed)", money_m(result.saving_m)
            ),
            Tile("Redundancy cost (one-off)", money_m(result.redundancy_cost_m)),
            Tile(f"Service FTE ({fte(result.service_fte_now)} now)", fte(result.service_fte_after)),
            Tile("Service cost", money_m(result.service_cost_m)),
        ),
        per_row=4,
        heading="The scenario's figures",
    )


def _sentences(text: str) -> list[str]:
    """A paragraph split into its sentences (each ends in ". "), for shorter lines on a slide."""
    out: list[str] = []
    for part in text.split(". "):
        part = part.strip()
        if part:
            out.append(part if part.endswith(".") else part + ".")
    return out


def fte_chart(result: ScenarioResult) -> Bars:
    bars = fte_bars(result)
    kept = tuple(b.kept_fte for b in bars)
    redundant = tuple(b.redundant_fte for b in bars)
    expansion = tuple(b.expansion_fte for b in bars)
    series = [
        Series("Kept (bought back)", kept, tuple(fte(v) for v in kept), palette.DARK_BLUE),
        Series(
            "Redundant",
            redundant,
            tuple(fte(v) for v in redundant),
            palette.ORANGE,
            text_colour="#000000",
        ),
    ]
    if any(v > 0 for v in expansion):
        series.append(
            Series(
                "Expansion (above today's posts)",
                expansion,
                tuple(fte(v) for v in expansion),
                palette.TURQUOISE,
                text_colour="#000000",
            )
        )
    alt = (
        f"Stacked bar chart: of {fte(result.at_risk_fte)} FTE at risk, "
        f"{fte(result.retained_fte)} FTE kept and {fte(result.redundant_fte)} FTE redundant: "
        + "; ".join(
            f"{b.label} {fte(b.kept_fte)} kept, {fte(b.redundant_fte)} redundant" for b in bars
        )
        + "."
    )
    return Bars(
        tuple(b.label for b in bars),
        tuple(series),
        True,
        alt,
        "FTE of today's at-risk posts, by group",
        heading=FTE_CHART_TITLE,
    )


def levels_table(result: ScenarioResult) -> Table:
    rows = [
        (o.label, level_pct(o.level), fte(o.at_risk_fte), fte(o.retained_fte), fte(o.redundant_fte))
        for o in result.groups
    ]
    kept_share = result.retained_fte / result.at_risk_fte if result.at_risk_fte else 0.0
    rows.append(
        (
            "All groups",
            level_pct(kept_share),
            fte(result.at_risk_fte),
            fte(result.retained_fte),
            fte(result.redundant_fte),
        )
    )
    return Table(
        ("Group of posts at risk", "Buy-back", "At risk FTE", "FTE kept", "FTE redundant"),
        tuple(rows),
        (False, True, True, True, True),
        (5.2, 1.8, 1.8, 1.8, 1.8),
        total_rows=1,
        notes=(
            "Buy-back: the share of today's at-risk posts that schools pay for (100% keeps them "
            f"all). The proposal also makes {fte(result.confirmed_redundant_fte)} FTE redundant "
            "whatever the buy-back.",
        ),
        heading=f"{FTE_CHART_TITLE}: the figures",
    )


def curve_chart(
    model: BuybackModel, scenario: Scenario, result: ScenarioResult, proposal_pct: float
) -> LineChart:
    curve = model.curve(scenario)
    xs = tuple(float(x) for x in curve["Buy-back %"])
    kept_pct = 100 * result.retained_fte / result.at_risk_fte if result.at_risk_fte else 0.0
    ticks = tuple(float(x) for x in range(0, 151, 25))
    references = [
        Reference("x", kept_pct, f"This scenario: {kept_pct:.1f}% of at-risk FTE kept"),
        Reference(
            "y", result.proposed_saving_m, f"Proposed saving {money_m(result.proposed_saving_m)}"
        ),
    ]
    if round(proposal_pct, 6) != round(kept_pct, 6):
        references.append(Reference("x", proposal_pct, "Proposal"))
    return LineChart(
        xs,
        (
            Line("Saving", tuple(float(v) for v in curve["Saving £m"]), palette.DARK_BLUE),
            Line(
                "Traded income needed a year",
                tuple(float(v) for v in curve["Traded income £m"]),
                palette.ORANGE,
                dashed=True,
            ),
        ),
        (
            Marker(kept_pct, result.saving_m, f"Saving {money_m(result.saving_m)}"),
            Marker(kept_pct, result.traded_income_m, f"Income {money_m(result.traded_income_m)}"),
        ),
        "This scenario",
        tuple(references),
        "Buy-back % (every group at the same level)",
        "£m a year",
        ticks,
        tuple(f"{x:.0f}%" for x in ticks),
        "money",
        (
            "Line chart: the saving and the traded income needed rise with buy-back; this "
            f"scenario keeps {kept_pct:.1f}% of at-risk FTE, gives a saving of "
            f"{money_m(result.saving_m)} and needs {money_m(result.traded_income_m)} of traded "
            "income a year."
        ),
        notes=(
            "The markers sit at the share of at-risk FTE this scenario keeps. With groups at "
            "different levels they can sit just off the lines, because groups cost different "
            "amounts per FTE.",
        ),
        heading=CURVE_TITLE,
    )


def curve_points(model: BuybackModel, scenario: Scenario) -> Table:
    """The curve's figures at every CURVE_STEP: one column a buy-back level, so that the table
    sits under its chart on one page."""
    curve = model.curve(scenario)
    points = curve[curve["Buy-back %"].round().astype(int) % CURVE_STEP == 0]
    measures = (
        ("FTE kept", "FTE kept (at-risk posts)", fte),
        ("Traded income a year", "Traded income £m", money_m),
        ("Saving", "Saving £m", money_m),
        ("Redundancy cost (one-off)", "One-off redundancy cost £m", money_m),
    )
    return Table(
        ("Every group at", *(f"{x:.0f}%" for x in points["Buy-back %"])),
        tuple((label, *(write(v) for v in points[column])) for label, column, write in measures),
        (False, *(True for _ in range(len(points)))),
        (3.6, *(1.4 for _ in range(len(points)))),
        notes=(f"Every {CURVE_STEP}%; the workbook has every 5%.",),
        heading=f"{CURVE_TITLE}: the figures",
    )


def outputs_table(result: ScenarioResult, proposal: ScenarioResult, proposal_pct: float) -> Table:
    named = [
        ("This scenario", result),
        (f"The proposal ({level_pct(proposal_pct / 100)})", proposal),
    ]
    rows = []
    for row in output_rows([r for _, r in named]):
        if row.unit is Unit.COUNT:  # the groups below minimum viable size: named, not counted
            rows.append((row.label, *(below_minimum(r) for _, r in named)))
            continue
        rows.append((strip_unit(row.label), *row.texts()))
    return Table(
        ("Output", *(name for name, _ in named)),
        tuple(rows),
        (False, True, True),
        (6.0, 3.0, 3.0),
        notes=("The proposal column uses the same assumptions as this scenario.",),
        heading="What the scenario means against the proposal",
    )


def strip_unit(label: str) -> str:
    """A row label without its unit suffix (the values carry it: "£0.70m", "12.8%")."""
    return label.removesuffix(" £m").removesuffix(" %")


def below_minimum(result: ScenarioResult) -> str:
    names = [in_sentence(o.label) for o in result.groups if o.below_min_viable]
    return "; ".join(names) or "none"
