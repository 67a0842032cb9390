"""The briefing pack's sections on the dataset: headline figures, savings, the waterfall, staffing."""

from __future__ import annotations

import math

from redesign.core import palette
from redesign.core.arithmetic import differs
from redesign.core.formatting import fte, money_m, service_names, share, signed_money_m
from redesign.core.records import documents_of
from redesign.core.text import plain_text
from redesign.data.dataset import REPORT_DOCUMENT, Dataset
from redesign.data.services import FUNDING_STREAMS
from redesign.exports.pack.model import (
    NONE_STATED,
    BarChart,
    Paragraphs,
    Section,
    Step,
    Table,
    Tile,
    Tiles,
    Waterfall,
)
from redesign.model.finance import service_money, service_staffing, totals
from redesign.present.headline import headline_figures
from redesign.present.savings import (
    money_figures,
    ranked_savings_alt,
    ranked_savings_frame,
    service_stream_savings,
)
from redesign.present.services import services_in, source_summary
from redesign.present.staffing import staffing_figures
from redesign.present.waterfall import waterfall_gap_notes, waterfall_view

MAX_QUOTES = 3  # the report's words on unsplit savings, under the table (each once)


def report_short(dataset: Dataset) -> str:
    """The short name of the documents the service figures come from (the slides' source)."""
    docs = documents_of(dataset.services) or (REPORT_DOCUMENT,)
    return "; ".join(dataset.document_title(d) for d in docs)


# --- sections ------------------------------------------------------------------------------------


def headline_sections(dataset: Dataset) -> list[Section]:
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
        money_notes.append(f"{service_names(list(t.services_without_saving))} states no saving.")
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
        report_short(dataset),
    )
    staff_notes = []
    if t.services_without_proposed_fte:
        staff_notes.append(
            f"FTE after is partly derived: the report states no figure after for "
            f"{service_names(list(t.services_without_proposed_fte))}, so FTE now less the confirmed "
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
                per_row=5,
            ),
            Paragraphs(tuple(staff_notes)),
        ),
        source_summary(dataset, staffing_figures(services)),
        report_short(dataset),
        run_on=True,
    )
    return [money, staff]


def savings_by_service_section(dataset: Dataset) -> Section:
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
        report_short(dataset),
    )


def savings_by_stream_section(dataset: Dataset) -> Section:
    services = dataset.services
    t = totals(services)
    categories: list[str] = []
    values: list[float] = []
    labels: list[str] = []
    colours: list[str] = []
    rows: list[tuple[str, str]] = []
    for key, label in FUNDING_STREAMS.items():
        value = t.savings_by_stream_m[key]
        categories.append(label)
        values.append(value)
        labels.append(money_m(value))
        colours.append(palette.stream_colour(key))
        rows.append((label, money_m(value)))
    unsplit_rows: list[tuple[str, str]] = []
    quotes: dict[str, list[str]] = {}  # the report's words -> the services it says them of
    for service in services:
        for part in service_stream_savings(service):
            if part.stream != "unsplit" or not part.value_m:
                continue
            unsplit_rows.append((f"Not split by stream: {service.name}", money_m(part.value_m)))
            if part.quote:
                quotes.setdefault(plain_text(part.quote), []).append(service.name)
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
        notes=tuple(
            f"{service_names(names)}: the report says “{quote}”"
            for quote, names in list(quotes.items())[:MAX_QUOTES]
        ),
        heading="Savings by funding stream: the figures",
    )
    return Section(
        "savings_by_stream",
        "Savings by funding stream",
        (chart, table),
        source_summary(dataset, money_figures(services)),
        report_short(dataset),
    )


def staffing_section(dataset: Dataset) -> Section:
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
            f"{service_names(list(t.services_without_proposed_fte))}; FTE now less the confirmed "
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
        report_short(dataset),
    )


def waterfall_section(dataset: Dataset, view: str = "service", category: str = "") -> Section:
    """From the current budget to the proposed cost, step by step (by service or by funding
    stream), as the Savings waterfall page draws it with its axis zoomed in."""
    frame = waterfall_view(dataset, view, category or None)
    services = services_in(dataset, category or None)
    steps: list[Step] = []
    rows: list[tuple[str, ...]] = []
    for _, row in frame.iterrows():
        total = row["colour_key"] == "total"
        before, after = float(row["Level before £m"]), float(row["Level after £m"])
        change = row["Change £m"]
        label = money_m(after) if total else signed_money_m(change)
        if total:
            colour = palette.TOTAL_COLOUR
        elif row["colour_key"] == "gap":
            colour = palette.GAP_COLOUR
        elif row["colour_key"] == "service":
            colour = palette.STEP_COLOUR
        else:
            colour = palette.stream_colour(str(row["colour_key"]))
        steps.append(Step(str(row["Step"]), before, after, label, colour, total=bool(total)))
        rows.append(
            (
                str(row["Step"]),
                "" if total else signed_money_m(change),
                money_m(after),
                str(row["Note"]),
            )
        )
    levels = [min(s.before, s.after) for s in steps if not s.total] or [0.0]
    axis_from = max(0.0, math.floor(min(levels) * 2) / 2 - 0.5)
    by = "funding stream" if view == "stream" else "service"
    notes = [
        f"The axis starts at {money_m(axis_from)}, not zero, so that the steps can be seen; "
        "the totals' bars are cut short.",
        *waterfall_gap_notes(frame),
    ]
    chart = Waterfall(
        tuple(steps),
        axis_from,
        f"Waterfall chart from the current budget of {steps[0].value_label} to the proposed "
        f"cost of {steps[-1].value_label}, step by {by}: "
        + "; ".join(f"{s.label} {s.value_label}" for s in steps[1:-1])
        + ".",
        "£m: from the current budget to the proposed cost",
        notes=tuple(notes),
        heading=f"From budget to proposed cost, by {by}",
    )
    table = Table(
        ("Step", "Change £m", "Level after £m", "Note"),
        tuple(rows),
        (False, True, True, False),
        (5.0, 1.6, 1.7, 4.5),
        heading=f"From budget to proposed cost, by {by}: the figures",
    )
    return Section(
        "waterfall",
        "Savings waterfall",
        (chart, table),
        source_summary(dataset, money_figures(services)),
        report_short(dataset),
    )
