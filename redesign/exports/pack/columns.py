"""Column widths for a pack's tables, shared by the PDF and the slides."""

from __future__ import annotations

from collections.abc import Sequence


def share_out(
    least: Sequence[float],
    natural: Sequence[float],
    spare: float,
    ratios: Sequence[float],
    tolerance: float,
) -> list[float]:
    """Widths from each column's least width, given ``spare`` room (above zero) to share.

    The room goes to each column in proportion to what it lacks for its longest cell to fit on
    one line (``natural``), no more than that, so the columns wrap alike and the rows stay low;
    what is left over then goes by the table's relative widths (``ratios``). ``tolerance`` is
    the smallest width worth sharing, in the caller's unit.
    """
    widths = list(least)
    for _ in range(len(widths)):
        lacking = {c: natural[c] - widths[c] for c in range(len(widths))}
        lacking = {c: v for c, v in lacking.items() if v > tolerance}
        if not lacking or spare <= tolerance:
            break
        total_lack = sum(lacking.values())
        given = 0.0
        for c, lack in lacking.items():
            grant = min(lack, spare * lack / total_lack)
            widths[c] += grant
            given += grant
        spare -= given
    if spare > tolerance:
        total = sum(ratios)
        widths = [w + spare * r / total for w, r in zip(widths, ratios, strict=True)]
    return widths
