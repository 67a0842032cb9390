"""'Apply to the buy-back model': the room's tally saved as a scenario in the library, under the
workshop's title, and remembered on the workshop."""

from __future__ import annotations

from redesign.buyback.scenario_io import MAX_NAME_CHARS
from redesign.store.records import SavedScenario
from redesign.store.scenarios import ScenarioStore
from redesign.workshop.records import Workshop
from redesign.workshop.store import WorkshopStore
from redesign.workshop.tally import Tally, scenario_to_apply

BASES = ("room", "scaled")
AUTHOR = "Workshop"


def basis_note(workshop: Workshop, result: Tally, basis: str) -> str:
    """What the saved scenario stands for, in one sentence."""
    schools = f"{result.answers} school{'s' if result.answers != 1 else ''}"
    if basis == "scaled":
        how = f"the room scaled to {result.scaled_to:,} schools in the city"
    else:
        how = "the room alone"
    return (
        f"From the workshop '{workshop.title}' ({schools} answered; {how}; "
        f"{result.deliverable_days:g} days a year per FTE). Expressions of interest, not orders."
    )


def apply_to_library(
    workshops: WorkshopStore,
    scenarios: ScenarioStore,
    workshop_id: str,
    key: str,
    basis: str = "room",
) -> SavedScenario:
    """Save the workshop's current tally (``basis``: room or scaled) as a library scenario."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {', '.join(BASES)}")
    workshop = workshops.facilitate(workshop_id, key)
    result = workshops.tally(workshop)
    chosen = result.scaled if basis == "scaled" else result.room
    name = workshop.title[:MAX_NAME_CHARS].strip()
    scenario = scenario_to_apply(workshops.model, chosen, name)
    saved = scenarios.save(name, scenario, note=basis_note(workshop, result, basis), author=AUTHOR)
    workshops.applied(workshop_id, key, saved.id)
    return saved
