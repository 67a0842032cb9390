"""The briefing pack's compared scenarios: the page's comparison list and saved library scenarios,
side by side in the buy-back page's figures, with the grouped bar chart of their money."""

from __future__ import annotations

from collections.abc import Sequence

from redesign.buyback.charts import COMPARE_MEASURES
from redesign.buyback.model import BuybackModel
from redesign.core import palette
from redesign.core.formatting import count_words, money_m
from redesign.core.table_format import format_cell
from redesign.core.units import formatter
from redesign.data.dataset import Dataset
from redesign.exports.pack.model import MONEY_LABEL_FORMAT, Bars, Paragraphs, Section, Series, Table
from redesign.exports.pack.request import NamedScenario, clean_name
from redesign.exports.pack.scenario import scenario_sources, strip_unit
from redesign.present.scenarios import OUTPUT, comparison_numbers, unique_names

PER_TABLE = 4  # scenarios side by side in one table (more go in a further table)
COLOURS = palette.CATEGORICAL  # one colour a scenario, in the house order
WHITE_TEXT = {palette.DARK_BLUE, palette.DARK_PINK, palette.DARK_GREY}


def compare_section(
    dataset: Dataset, model: BuybackModel, compared: Sequence[NamedScenario]
) -> Section:
    names = unique_names([clean_name(c.name) for c in compared])
    named = list(zip(names, (c.scenario for c in compared), strict=True))
    frame, results, units = comparison_numbers(model, named)
    origins = _origins(compared)
    intro = [
        f"{count_words(len(compared)).capitalize()} scenarios side by side ({origins}), in the "
        "figures of the Buy-back what-if page. Money rests on this tool's assumptions."
    ]
    for c, name in zip(compared, names, strict=True):
        if c.saved_id:
            intro.append(f"“{name}” is saved in the library as {c.saved_id}.")
    charted = results[: len(COLOURS)]
    notes: tuple[str, ...] = ()
    if len(results) > len(charted):
        notes = (f"The chart shows the first {len(charted)}; the table shows all {len(results)}.",)
    series = tuple(
        Series(
            name,
            tuple(getattr(r, attr) for _, attr in COMPARE_MEASURES),
            tuple(money_m(getattr(r, attr)) for _, attr in COMPARE_MEASURES),
            COLOURS[i],
            text_colour="#FFFFFF" if COLOURS[i] in WHITE_TEXT else "#000000",
        )
        for i, (name, r) in enumerate(charted)
    )
    chart = Bars(
        tuple(label for label, _ in COMPARE_MEASURES),
        series,
        False,
        "Grouped bar chart comparing the saving, traded income needed and one-off redundancy "
        "cost of the compared scenarios: "
        + "; ".join(
            f"{s.name}: "
            + ", ".join(f"{c} {v}" for c, v in zip(_measures(), s.labels, strict=True))
            for s in series
        )
        + ".",
        "£m: saving and traded income a year, redundancy cost once",
        notes=notes,
        heading="Compared scenarios: saving, income and redundancy cost",
        number_format=MONEY_LABEL_FORMAT,
    )
    tables = []
    for start in range(0, len(names), PER_TABLE):
        part = names[start : start + PER_TABLE]
        rows = []
        for (_, row), unit in zip(frame.iterrows(), units, strict=True):
            fmt = formatter(unit)
            rows.append((strip_unit(str(row[OUTPUT])), *(format_cell(row[n], fmt) for n in part)))
        heading = "Compared scenarios: the figures"
        if len(names) > PER_TABLE:
            heading += f" ({start + 1} to {start + len(part)} of {len(names)})"
        tables.append(
            Table(
                (OUTPUT, *part),
                tuple(rows),
                (False, *(True for _ in part)),
                (5.0, *(2.4 for _ in part)),
                heading=heading,
            )
        )
    full, short = scenario_sources(dataset)
    return Section(
        "compared",
        "Compared scenarios",
        (Paragraphs(tuple(intro)), chart, *tables),
        full,
        short,
    )


def _measures() -> list[str]:
    return [label for label, _ in COMPARE_MEASURES]


def _origins(compared: Sequence[NamedScenario]) -> str:
    counts: dict[str, int] = {}
    for c in compared:
        counts[c.origin] = counts.get(c.origin, 0) + 1
    return "; ".join(f"{n} from the {origin}" for origin, n in counts.items())
