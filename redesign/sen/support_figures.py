"""Need beside support, each staffing figure once: the services (and the buy-back model's at-risk
groups) this tool maps to the categories of need, each with its 2016 staffing change and the needs
it serves.

Why: laid out need by need (``redesign.sen.need_support``), a service that serves seven needs shows
its whole-service reduction seven times, which reads as seven reductions. Here each figure appears
once, and says which needs it serves. Nothing is added across services: every figure is one the
report states for one service, or one of the buy-back model's at-risk groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from redesign.core.formatting import join_words
from redesign.data.sen_support import AtRiskGroup
from redesign.sen.need_support import NeedSupportRow, SupportLink

# The kinds of figure, in the order the chart and the table show them.
CONFIRMED = "Confirmed reduction FTE"
MARKET_TESTING = "Subject to market testing FTE"
POTENTIAL = "Potential further reduction FTE"
GROUP_AT_RISK = "At risk, subject to buy-back FTE"
GRADE_AT_RISK = "At risk through grade changes FTE (not a reduction)"
MEASURES = (CONFIRMED, MARKET_TESTING, POTENTIAL, GROUP_AT_RISK, GRADE_AT_RISK)
# Each kind in words, as the chart's bars say it ("−22.83 FTE confirmed reduction"), and whether
# it is a loss of posts (signed −): staff at risk through grade changes keep their posts.
MEASURE_WORDS = (
    (CONFIRMED, "confirmed reduction", True),
    (MARKET_TESTING, "subject to market testing", True),
    (POTENTIAL, "potential further reduction", True),
    (GROUP_AT_RISK, "at risk, subject to buy-back", True),
    (GRADE_AT_RISK, "at risk through grade changes (not a reduction)", False),
)
# Serving at least this many needs, and all but one or two, a list reads better as "every need but".
_MOST = 4


@dataclass(frozen=True)
class SupportFigure:
    """A service mapped to needs (its whole-service figures), or one at-risk group of posts."""

    key: str  # the service id, or "<service id>:<group id>"
    label: str  # "SEN Support Services (whole service)", "Autism teaching posts"
    service_id: str
    service_name: str
    group_id: str | None
    needs: tuple[str, ...]  # the categories' labels, in the categories' order
    needs_text: str  # "every need but Other", "Autistic Spectrum Disorder"
    pupils: tuple[int, ...]  # each need's pupils (the categories' date), as ``needs``
    figures: dict[str, float]  # measure (MEASURES) -> FTE, only those stated
    note: str


def needs_in_words(needs: tuple[str, ...], every: tuple[str, ...]) -> str:
    """The needs a figure serves, short: "every need", "every need but Other", or the list."""
    left = [n for n in every if n not in needs]
    if not left:
        return "every need"
    if len(needs) >= _MOST and len(left) <= 2:
        return f"every need but {join_words(left)}"
    return join_words(list(needs))


def support_figures(
    rows: tuple[NeedSupportRow, ...], groups: Sequence[AtRiskGroup]
) -> tuple[SupportFigure, ...]:
    """Each mapped service once (its whole-service staffing figures), followed by each of its
    at-risk groups mapped to a need (the buy-back model's FTE), with the needs each serves; in the
    order they first appear in the categories' table. ``groups`` are the buy-back model's at-risk
    groups (``Dataset.sen_support.groups``), which name them and say which is derived."""
    named = {g.id: g for g in groups}
    every = tuple(r.label for r in rows)
    served: dict[str, list[NeedSupportRow]] = {}
    links: dict[str, SupportLink] = {}
    at_risk: dict[str, tuple[str, str, float]] = {}  # key -> (service id, group id, FTE)
    for row in rows:
        for link in row.links:
            # A row links a service once, and each of its groups once (need_support._links).
            served.setdefault(link.service_id, []).append(row)
            links.setdefault(link.service_id, link)
            for group_id, fte in zip(link.at_risk_groups, link.at_risk_group_fte, strict=True):
                key = f"{link.service_id}:{group_id}"
                served.setdefault(key, []).append(row)
                at_risk.setdefault(key, (link.service_id, group_id, fte))
    figures = []
    for key, need_rows in served.items():
        needs = tuple(r.label for r in need_rows)
        pupils = tuple(r.total for r in need_rows)
        if key in links:
            link = links[key]
            figures.append(
                SupportFigure(
                    key=key,
                    label=f"{link.service_name} (whole service)",
                    service_id=link.service_id,
                    service_name=link.service_name,
                    group_id=None,
                    needs=needs,
                    needs_text=needs_in_words(needs, every),
                    pupils=pupils,
                    figures=_stated(
                        {
                            CONFIRMED: link.confirmed_reduction_fte,
                            MARKET_TESTING: link.market_testing_fte,
                            POTENTIAL: link.potential_reduction_fte,
                            GRADE_AT_RISK: link.grade_change_at_risk_fte,
                        }
                    ),
                    note=link.note,
                )
            )
        else:
            service_id, group_id, fte = at_risk[key]
            name = links[service_id].service_name
            group = named.get(group_id)
            derived = group is not None and group.derived
            figures.append(
                SupportFigure(
                    key=key,
                    label=f"{group.label if group else group_id} ({name})",
                    service_id=service_id,
                    service_name=name,
                    group_id=group_id,
                    needs=needs,
                    needs_text=needs_in_words(needs, every),
                    pupils=pupils,
                    figures={GROUP_AT_RISK: fte},
                    note=(
                        f"Part of the {name} FTE subject to market testing: one of the buy-back "
                        "model's at-risk groups"
                        + (
                            ", derived: what is left of that FTE once the other groups are "
                            "taken out."
                            if derived
                            else "."
                        )
                    ),
                )
            )
    # Each service, then its groups (a service's groups follow it even where a group's need
    # comes first in the table).
    order = {f.key: i for i, f in enumerate(figures)}
    return tuple(
        sorted(
            figures,
            key=lambda f: (order[f.service_id], f.group_id is not None, order[f.key]),
        )
    )


def _stated(values: dict[str, float | None]) -> dict[str, float]:
    return {k: v for k, v in values.items() if v is not None}


def support_figures_frame(figures: tuple[SupportFigure, ...], pupils_as_at: str) -> pd.DataFrame:
    """One row per figure: what it is, the needs it serves (with their pupils), its FTE by kind."""
    records = []
    for f in figures:
        record: dict[str, object] = {
            "key": f.key,
            "Service or posts": f.label,
            "Serves (the tool's reading)": f.needs_text,
            f"Needs served, with their pupils ({pupils_as_at})": "; ".join(
                f"{need} ({pupils:,})" for need, pupils in zip(f.needs, f.pupils, strict=True)
            ),
        }
        for measure in MEASURES:
            record[measure] = f.figures.get(measure)
        record["Note"] = f.note
        records.append(record)
    return pd.DataFrame(records)
