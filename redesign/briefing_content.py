"""What a cabinet briefing pack says, independent of its format (pure Python, no Streamlit).

``briefing_content`` turns the dataset (and, on the buy-back page, a scenario) into a list of
sections made of a few kinds of block: headline tiles, paragraphs, a bar chart, a table. The
PowerPoint (``redesign.briefing_pptx``) and PDF (``redesign.briefing_pdf``) renderers lay out the same
sections, so the two packs say the same thing.

Every figure comes from the redesign functions (``finance``, ``views``, ``reconciliation``,
``scenario``, ``buyback_text``) and is written in the house style (``redesign.formatting``): £m with two
decimals and the Unicode minus before the pound sign, FTE with two decimals. No figure is typed in.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from datetime import date

from redesign import palette
from redesign import scenario_io as sio
from redesign.arithmetic import differs
from redesign.assumptions import Assumption
from redesign.buyback_compare import Unit, output_rows
from redesign.buyback_text import level_pct, levels_phrase, scenario_sentence
from redesign.dataset import Dataset
from redesign.export import long_date
from redesign.finance import service_money, service_staffing, totals
from redesign.formatting import (
    format_with_unit,
    fte,
    money_m,
    pct,
    plain_text,
    share,
    signed_fte,
    signed_money_m,
)
from redesign.glossary import GLOSSARY
from redesign.need_map import EDITORIAL_DOCUMENT as EDITORIAL
from redesign.reconciliation import Discrepancy, all_discrepancies
from redesign.scenario import BuybackModel, Scenario, ScenarioResult
from redesign.services import FUNDING_STREAMS
from redesign.views import (
    headline_figures,
    money_figures,
    ranked_savings_alt,
    ranked_savings_frame,
    service_stream_savings,
    source_summary,
    staffing_figures,
)

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


def _names(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


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
    return f"{value:g}"


def scenario_from_link(model: BuybackModel, link: str) -> Scenario | None:
    """The scenario a shareable link reproduces (its query string), or None without one."""
    query = urllib.parse.urlsplit(link).query or link.partition("?")[2]
    params = urllib.parse.parse_qs(query, keep_blank_values=True)
    if not any(sio.is_scenario_key(k) for k in params):
        return None
    scenario, _notices = sio.from_query(model, params)
    return scenario


# --- sections ------------------------------------------------------------------------------------


def _headline_sections(dataset: Dataset) -> list[Section]:
    services = dataset.services
    t = totals(services)
    tiles = {h.key: h for h in headline_figures(services)}
    source = source_summary(dataset, money_figures(services))
    money_notes = []
    if differs(t.saving_m, t.saving_computed_m):
        money_notes.append(
            f"The savings the report states add up to {money_m(t.saving_m)}; total budget "
            f"minus total proposed cost is {money_m(t.saving_computed_m)}. Both are shown: see "
            "“Where the published figures do not add up”."
        )
    if t.services_without_saving:
        money_notes.append(f"{_names(list(t.services_without_saving))} states no saving.")
    money = Section(
        "headline_money",
        "Headline figures: money",
        (
            Tiles(
                tuple(
                    Tile(tiles[k].label, tiles[k].value)
                    for k in ("current_budget", "proposed_cost", "saving", "saving_computed")
                ),
                per_row=4,
            ),
            Paragraphs(tuple(money_notes)),
        ),
        source,
    )
    staff_notes = []
    if t.services_without_proposed_fte:
        staff_notes.append(
            f"FTE after is partly derived: the report states no figure after for "
            f"{_names(list(t.services_without_proposed_fte))}, so FTE now less the confirmed "
            "reduction is used."
        )
    staff = Section(
        "headline_staff",
        "Headline figures: staff (FTE)",
        (
            Tiles(
                tuple(
                    Tile(tiles[k].label, tiles[k].value)
                    for k in (
                        "current_fte",
                        "fte_after",
                        "confirmed_reduction",
                        "potential_reduction",
                        "market_testing",
                    )
                ),
                per_row=3,
            ),
            Paragraphs(tuple(staff_notes)),
        ),
        source_summary(dataset, staffing_figures(services)),
        run_on=True,
    )
    return [money, staff]


def _savings_by_service(dataset: Dataset) -> Section:
    services = dataset.services
    t = totals(services)
    ranked = ranked_savings_frame(services)
    by_name = {s.name: s for s in services}
    categories, values, labels, rows = [], [], [], []
    missing = []
    for _, row in ranked.iterrows():
        name = str(row["Service"])
        money = service_money(by_name[name])
        saving = money.saving_m
        if saving is None:
            # Not stated is not zero: no bar, and a note under the chart says why.
            missing.append(
                f"{name} states no saving (budget minus proposed cost "
                f"{money_m(money.saving_computed_m)}), so it has no bar."
            )
        else:
            categories.append(name)
            values.append(saving)
            labels.append(money_m(saving))
        rows.append(
            (
                name,
                money_m(saving, missing=NONE_STATED),
                share(row["Share of stated saving"], missing="—"),
                money_m(money.current_budget_m),
                money_m(money.proposed_cost_m),
                money_m(money.saving_computed_m),
            )
        )
    rows.append(
        (
            f"All {t.services} services",
            money_m(t.saving_m),
            share(1.0) if t.saving_m else "—",
            money_m(t.current_budget_m),
            money_m(t.proposed_cost_m),
            money_m(t.saving_computed_m),
        )
    )
    chart = BarChart(
        tuple(categories),
        tuple(values),
        tuple(labels),
        tuple(palette.STEP_COLOUR for _ in categories),
        ranked_savings_alt(ranked),
        "Saving stated in the report, £m",
        notes=tuple(missing),
        heading="Savings by service",
    )
    table = Table(
        (
            "Service",
            "Saving £m",
            "Share of savings",
            "Budget £m",
            "Proposed cost £m",
            "Budget minus cost £m",
        ),
        tuple(rows),
        (False, True, True, True, True, True),
        (5.0, 1.5, 1.5, 1.5, 1.5, 1.6),
        total_rows=1,
        notes=("Saving: as the report states it. Budget minus cost: computed (derived).",),
        heading="Savings by service: the figures",
    )
    return Section(
        "savings_by_service",
        "Savings by service",
        (chart, table),
        source_summary(dataset, money_figures(services)),
    )


def _savings_by_stream(dataset: Dataset) -> Section:
    services = dataset.services
    t = totals(services)
    categories, values, labels, colours, rows = [], [], [], [], []
    for key, label in FUNDING_STREAMS.items():
        value = t.savings_by_stream_m.get(key)
        categories.append(label)
        values.append(value)
        labels.append(money_m(value))
        colours.append(palette.stream_colour(key))
        rows.append((label, money_m(value)))
    unsplit_rows, quotes = [], []
    for service in services:
        for part in service_stream_savings(service):
            if part.stream != "unsplit" or not part.value_m:
                continue
            unsplit_rows.append((f"Not split by stream: {service.name}", money_m(part.value_m)))
            if part.quote:
                quotes.append(f"{service.name}: the report says “{plain_text(part.quote)}”")
    if differs(t.unsplit_saving_m, 0.0):
        categories.append("Not split by stream")
        values.append(t.unsplit_saving_m)
        labels.append(money_m(t.unsplit_saving_m))
        colours.append(palette.stream_colour("unsplit"))
    rows += unsplit_rows
    rows.append(("All stated savings", money_m(t.saving_m)))
    ring_fence = (
        "DSG (the Dedicated Schools Grant) is ring-fenced: a DSG saving is never netted against "
        "a council-funded (core) saving; each stream is shown on its own."
    )
    alt = (
        "Horizontal bar chart of the stated savings by funding stream: "
        + "; ".join(f"{c} {lab}" for c, lab in zip(categories, labels, strict=True))
        + "."
    )
    chart = BarChart(
        tuple(categories),
        tuple(values),
        tuple(labels),
        tuple(colours),
        alt,
        "Stated saving by funding stream, £m",
        notes=(ring_fence,),
        heading="Savings by funding stream",
    )
    table = Table(
        ("Funding stream", "Saving £m (stated)"),
        tuple(rows),
        (False, True),
        (8.0, 2.6),
        total_rows=1,
        notes=tuple(quotes),
        heading="Savings by funding stream: the figures",
    )
    return Section(
        "savings_by_stream",
        "Savings by funding stream",
        (chart, table),
        source_summary(dataset, money_figures(services)),
    )


def _staffing(dataset: Dataset) -> Section:
    services = dataset.services
    t = totals(services)
    rows = []
    for service in services:
        st = service_staffing(service)
        rows.append(
            (
                service.name,
                fte(st.current_fte),
                fte(st.proposed_fte_after),
                "derived" if st.proposed_fte_derived else "published",
                fte(st.confirmed_reduction_fte, missing="—"),
                fte(st.potential_reduction_fte, missing="—"),
                fte(st.market_testing_fte, missing="—"),
            )
        )
    rows.append(
        (
            f"All {t.services} services",
            fte(t.current_fte),
            fte(t.proposed_fte_after),
            "partly derived" if t.services_without_proposed_fte else "published",
            fte(t.confirmed_reduction_fte),
            fte(t.potential_reduction_fte),
            fte(t.market_testing_fte),
        )
    )
    notes = ["All figures are FTE (full-time equivalent); “—”: the report gives none."]
    if t.services_without_proposed_fte:
        notes.append(
            "Derived: the report states no FTE after for "
            f"{_names(list(t.services_without_proposed_fte))}; FTE now less the confirmed "
            "reduction is used."
        )
    table = Table(
        (
            "Service",
            "FTE now",
            "FTE after",
            "FTE after is",
            "Confirmed reduction",
            "Potential reduction",
            "Subject to market testing",
        ),
        tuple(rows),
        (False, True, True, False, True, True, True),
        (4.0, 1.25, 1.25, 1.45, 1.7, 1.6, 1.75),
        total_rows=1,
        notes=tuple(notes),
    )
    return Section(
        "staffing",
        "Staffing before and after",
        (table,),
        source_summary(dataset, staffing_figures(services)),
    )


def _discrepancies(dataset: Dataset) -> Section:
    found: list[Discrepancy] = all_discrepancies(dataset)
    if not found:
        return Section(
            "reconciliation",
            "Where the published figures do not add up",
            (Paragraphs(("Every check reconciles: the published figures add up.",)),),
            "Redesign Explorer's checks of the published figures against each other.",
        )
    rows = tuple(
        (
            d.service,
            d.check_label,
            value_with_unit(d.published, d.unit),
            value_with_unit(d.computed, d.unit),
            difference_with_unit(d.difference, d.unit),
        )
        for d in found
    )
    # The published documents (not the tool's own editorial reading).
    documents = [doc.short for doc in dataset.documents.values() if doc.id != EDITORIAL]
    intro = (
        f"{len(found)} published {'figure does' if len(found) == 1 else 'figures do'} not add up. "
        "Nothing is corrected: both numbers are shown."
    )
    table = Table(
        ("Service or table", "What is checked", "Stated", "Other figures give", "Difference"),
        rows,
        (False, False, True, True, True),
        (3.2, 4.3, 1.5, 1.8, 1.6),
    )
    return Section(
        "reconciliation",
        "Where the published figures do not add up",
        (Paragraphs((intro,)), table),
        "; ".join(documents) + ", checked against each other by Redesign Explorer.",
    )


def _scenario_sections(
    dataset: Dataset,
    result: ScenarioResult,
    scenario: Scenario | None,
) -> list[Section]:
    model = BuybackModel(dataset)
    service = dataset.service(dataset.sen_support.service_id)
    assumptions_doc = dataset.document_title(EDITORIAL)
    source = (
        source_summary(dataset, money_figures((service,)) + staffing_figures((service,)))
        + f" Assumptions: {assumptions_doc}."
    )
    levels = Table(
        ("Group of posts at risk", "At risk FTE", "Buy-back", "FTE kept", "FTE redundant"),
        (
            *(
                (
                    o.label,
                    fte(o.at_risk_fte),
                    level_pct(o.level),
                    fte(o.retained_fte),
                    fte(o.redundant_fte),
                )
                for o in result.groups
            ),
            (
                "All groups",
                fte(result.at_risk_fte),
                "",
                fte(result.retained_fte),
                fte(result.redundant_fte),
            ),
        ),
        (False, True, True, True, True),
        (5.2, 1.8, 1.8, 1.8, 1.8),
        total_rows=1,
        notes=(
            "Buy-back: the share of today's at-risk posts that schools pay for (100% keeps them "
            f"all). The proposal also makes {fte(result.confirmed_redundant_fte)} FTE redundant "
            f"in {service.name} whatever the buy-back.",
        ),
        heading="Buy-back scenario: levels per group",
    )
    named = [("This scenario", result)]
    if scenario is not None:
        # The proposal with the same assumptions: every group at the proposal's buy-back level.
        proposal_pct = model.assumption_values(scenario)["proposal_buyback_pct"]
        proposal = model.evaluate(model.uniform(proposal_pct / 100, scenario))
        named.append((f"The proposal ({level_pct(proposal_pct / 100)} buy-back)", proposal))
    rows = []
    for row in output_rows([r for _, r in named]):
        if row.unit is Unit.COUNT:
            continue  # the groups below minimum viable size: the plain-English sentence names them
        # The values carry their unit ("£0.70m", "14.1%"), so the label need not.
        rows.append((row.label.removesuffix(" %").removesuffix(" £m"), *row.texts()))
    notes = (
        ("The proposal column uses the same assumptions as this scenario.",)
        if len(named) > 1
        else ()
    )
    outputs = Table(
        ("Output", *(name for name, _ in named)),
        tuple(rows),
        (False, *(True for _ in named)),
        (6.0, *(3.0 for _ in named)),
        notes=notes,
        heading="Buy-back scenario: what it means",
    )
    sentence = Paragraphs(
        tuple(_sentences(scenario_sentence(result, service.name))),
        heading="Buy-back scenario in plain English",
    )
    return [
        Section("scenario", "Buy-back scenario", (levels, outputs, sentence), source),
        _assumptions_section(dataset, model, scenario, assumptions_doc),
    ]


def _sentences(text: str) -> list[str]:
    """A paragraph split into its sentences (each ends in ". "), for shorter lines on a slide."""
    out: list[str] = []
    for part in text.split(". "):
        part = part.strip()
        if part:
            out.append(part if part.endswith(".") else part + ".")
    return out


def _assumptions_section(
    dataset: Dataset, model: BuybackModel, scenario: Scenario | None, assumptions_doc: str
) -> Section:
    values = model.assumption_values(scenario) if scenario is not None else None
    changed, default = [], []
    for spec in dataset.assumptions:
        used = values[spec.id] if values is not None else spec.default
        is_changed = values is not None and differs(used, spec.default)
        row = (
            spec.label,
            assumption_value(spec, used),
            assumption_value(spec, spec.default),
            "changed" if is_changed else "default",
        )
        (changed if is_changed else default).append(row)
    intro = [
        "The scenario's money figures rest on these assumptions. They are Redesign Explorer's: "
        "the report gives none of them."
    ]
    if changed:
        intro.append(
            "Changed in this scenario: "
            + "; ".join(f"{label} ({used}; default {dflt})" for label, used, dflt, _ in changed)
            + "."
        )
    elif values is not None:
        intro.append("None changed in this scenario: every assumption is at its default.")
    if values is None:
        intro.append(
            "The assumption values behind this scenario were not supplied with it: the defaults "
            "are listed."
        )
    table = Table(
        ("Assumption", "Value used", "Default", "Changed?"),
        tuple(changed + default),
        (False, True, True, False),
        (4.8, 3.1, 3.1, 1.6),
    )
    return Section(
        "assumptions",
        "Assumptions, not in the report",
        (Paragraphs(tuple(intro)), table),
        f"{assumptions_doc}: the reason for each default is on the Buy-back what-if page.",
    )


def _sources(dataset: Dataset) -> Section:
    docs = list(dataset.documents.values())
    return Section(
        "sources",
        "Sources",
        (
            Paragraphs(
                tuple(doc.date or "date not given" for doc in docs),
                terms=tuple(doc.title for doc in docs),
            ),
            Paragraphs(
                (
                    "Every figure is as published. Where the published figures do not add up, "
                    "both numbers are shown; figures this tool computes are labelled derived.",
                )
            ),
        ),
    )


def _glossary() -> Section:
    return Section(
        "glossary",
        "Glossary",
        (
            Paragraphs(
                tuple(meaning for _, meaning in GLOSSARY),
                terms=tuple(term for term, _ in GLOSSARY),
            ),
        ),
        run_on=True,
    )


def briefing_content(
    dataset: Dataset,
    scenario_result: ScenarioResult | None = None,
    scenario_link: str | None = None,
    generated_on: date | None = None,
    *,
    scenario: Scenario | None = None,
) -> Briefing:
    """Every section of the pack. With a scenario (``scenario_result``, and ``scenario`` or a link
    to read it from), adds its levels, outputs, sentence and assumptions."""
    generated_on = generated_on or date.today()
    link = plain_text(scenario_link or "").strip()
    if scenario_result is None and scenario is not None:
        scenario_result = BuybackModel(dataset).evaluate(scenario)
    if scenario_result is not None and scenario is None and link:
        scenario = scenario_from_link(BuybackModel(dataset), link)
    sections: list[Section] = [
        *_headline_sections(dataset),
        _savings_by_service(dataset),
        _savings_by_stream(dataset),
        _staffing(dataset),
        _discrepancies(dataset),
    ]
    label = ""
    if scenario_result is not None:
        sections += _scenario_sections(dataset, scenario_result, scenario)
        name = plain_text(scenario.name).strip() if scenario is not None else ""
        label = (f"“{name}”: " if name else "") + levels_phrase(scenario_result)
    sections += [_sources(dataset), _glossary()]
    return Briefing(TITLE, SUBTITLE, generated_on, PROPOSALS, label, link, tuple(sections))
