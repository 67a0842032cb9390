"""How a table goes over slides: where it starts, how many rows on each, where its notes go."""

from __future__ import annotations

from dataclasses import dataclass

from redesign.exports.slides.text import balanced_chunks, starts_anew

MIN_ROWS = 3  # a table's rows on any slide, where that can be had


@dataclass(frozen=True)
class Rooms:
    """The body heights a table may use: this slide's (``here``), a new slide's with this title
    (``fresh``), a continuation's (``full``); ``on_new_slide``: nothing is on this slide yet."""

    here: float
    fresh: float
    full: float
    on_new_slide: bool


@dataclass(frozen=True)
class TablePlan:
    header_h: float
    heights: list[float]
    chunks: list[int]
    start_new: bool
    notes_first: bool

    @property
    def score(self) -> tuple[bool, int, bool, bool]:
        """Better first: every slide holds at least MIN_ROWS rows (or all of them), fewer slides,
        the table goes on where it is, the notes after the rows."""
        want = min(MIN_ROWS, len(self.heights))
        return (
            min(self.chunks) >= want,
            -len(self.chunks),
            not self.start_new,
            not self.notes_first,
        )

    def better_than(self, other: TablePlan) -> bool:
        return len(self.chunks) < len(other.chunks) or (
            len(self.chunks) == len(other.chunks) and self.score > other.score
        )


def plan_table(measured: tuple[float, list[float]], notes_h: float, rooms: Rooms) -> TablePlan:
    """The best of: going on where it is or on a new slide, the notes after the last rows or
    above the first."""
    header_h, heights = measured
    tail = notes_h + 0.15 if notes_h else 0.0
    candidates = []
    for start_new in (False, True) if not rooms.on_new_slide else (False,):
        first = (rooms.fresh if start_new else rooms.here) - header_h
        for notes_first in (False, True) if notes_h else (False,):
            room = first - (tail if notes_first else 0.0)
            chunks = balanced_chunks(
                heights,
                room,
                rooms.full - header_h,
                0.0 if notes_first else tail,
                # Something above the first rows (earlier blocks, an introduction, the notes).
                shared_first=room < rooms.full - 0.5,
            )
            if not start_new and starts_anew(
                heights, chunks, room - (tail if len(chunks) == 1 and not notes_first else 0.0)
            ):
                continue  # the first rows do not fit on this slide
            candidates.append(TablePlan(header_h, heights, chunks, start_new, notes_first))
    if not candidates:  # nothing fits where it is: a new slide, notes after
        chunks = balanced_chunks(heights, rooms.fresh - header_h, rooms.full - header_h, tail)
        return TablePlan(header_h, heights, chunks, True, False)
    return max(candidates, key=lambda p: p.score)
