"""Reading the SEN strategy's actions and timeline, and checking that they refer to each other."""

from __future__ import annotations

from typing import Any

from redesign.data import fields as f
from redesign.data.sen.fields import block
from redesign.data.sen.records import Action, Timeline, TimelineRow

ACTION_KEYS = {
    "number",
    "text",
    "section",
    "theme",
    "timeline_row",
    "timeline_row_note",
    "years_stated",
    "years_quote",
    "years_note",
    "years_note_quote",
    "body_text_differs",
    "body_difference",
}


def parse_actions(ctx: f.Context, data: dict[str, Any]) -> tuple[Action, ...] | None:
    actx = ctx.child("actions")
    actions = []
    seen: set[int] = set()
    for i, item in enumerate(f.sequence(actx, data.get("actions"), "actions")):
        entry = f.mapping(actx, item, f"actions[{i}]")
        if not entry:
            continue
        number = entry.get("number")
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            actx.problem(f"actions[{i}].number", f"expected a whole number from 1, got {number!r}")
            continue
        nctx = actx.child(f"actions.{number}")
        f.unknown_keys(nctx, entry, ACTION_KEYS)
        if number in seen:
            nctx.problem("number", "duplicate action number")
            continue
        seen.add(number)
        text = f.text(nctx, entry, "text")
        section = f.text(nctx, entry, "section")
        theme = f.text(nctx, entry, "theme")
        years = f.text(nctx, entry, "years_stated", required=False)
        years_quote = f.text(nctx, entry, "years_quote", required=False)
        if years and not years_quote:
            nctx.problem("years_quote", "missing: stated years need the words they come from")
        differs = f.boolean(nctx, entry, "body_text_differs")
        difference = f.text(nctx, entry, "body_difference", required=differs)
        if text and section and theme:
            actions.append(
                Action(
                    number=number,
                    text=text,
                    section=section,
                    theme=theme,
                    timeline_row=f.text(nctx, entry, "timeline_row", required=False),
                    timeline_row_note=f.text(nctx, entry, "timeline_row_note", required=False),
                    years_stated=years,
                    years_quote=years_quote,
                    years_note=f.text(nctx, entry, "years_note", required=False),
                    body_difference=difference if differs else None,
                )
            )
    numbers = sorted(seen)
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        missing = [n for n in range(1, len(numbers) + 1) if n not in seen][:10]
        actx.problem(
            "actions", f"numbers must run 1 to {len(numbers)} without gaps; missing {missing}"
        )
    if not actions:
        if "actions" in data:
            actx.problem("actions", "needs at least one action")
        return None
    return tuple(sorted(actions, key=lambda a: a.number))


def parse_timeline(ctx: f.Context, data: dict[str, Any]) -> Timeline | None:
    allowed = {"section", "as_at", "span", "extraction_note", "rows"}
    bctx = block(ctx, data, "timeline", allowed)
    if bctx is None:
        return None
    raw = data["timeline"]
    as_at = f.text(bctx, raw, "as_at")
    span = f.mapping(bctx, raw.get("span"), "span")
    start = f.number(bctx, span.get("start"), "span.start") if span else None
    end = f.number(bctx, span.get("end"), "span.end") if span else None
    span_quote = f.text(bctx, span, "quote", label="span.quote") if span else None
    if start is not None and end is not None and end < start:
        bctx.problem("span", f"end {end:g} is before start {start:g}")
        start = None
    rows = []
    seen: set[str] = set()
    for i, item in enumerate(f.sequence(bctx, raw.get("rows"), "rows")):
        entry = f.mapping(bctx, item, f"rows[{i}]")
        label = f.text(bctx, entry, "label", label=f"rows[{i}].label") if entry else None
        if not label:
            continue
        rctx = bctx.child(f"timeline.rows.{label}")
        f.unknown_keys(rctx, entry, {"label", "detail", "quote", "note", "actions"})
        if label in seen:
            rctx.problem("label", "duplicate timeline row")
            continue
        seen.add(label)
        numbers = []
        for j, n in enumerate(f.sequence(rctx, entry.get("actions"), "actions", required=False)):
            if isinstance(n, bool) or not isinstance(n, int):
                rctx.problem(f"actions[{j}]", f"expected an action number, got {n!r}")
                continue
            numbers.append(n)
        quote = f.text(rctx, entry, "quote")
        if quote:
            rows.append(
                TimelineRow(
                    label=label,
                    detail=f.text(rctx, entry, "detail", required=False),
                    quote=quote,
                    note=f.text(rctx, entry, "note", required=False),
                    actions=tuple(numbers),
                )
            )
    if not as_at or start is None or end is None or not span_quote:
        return None
    return Timeline(
        start=int(start),
        end=int(end),
        span_quote=span_quote,
        rows=tuple(rows),
        extraction_note=f.text(bctx, raw, "extraction_note", required=False),
        as_at=as_at,
        section=bctx.section,
    )


def check_action_links(ctx: f.Context, actions: tuple[Action, ...], timeline: Timeline) -> None:
    """Actions and timeline rows must point at each other consistently."""
    rows = {r.label: r for r in timeline.rows}
    numbers = {a.number for a in actions}
    for action in actions:
        if action.timeline_row is None:
            continue
        row = rows.get(action.timeline_row)
        actx = ctx.child(f"actions.{action.number}")
        if row is None:
            actx.problem(
                "timeline_row",
                f"no timeline row {action.timeline_row!r} (expected one of: {', '.join(rows)})",
            )
        elif action.number not in row.actions:
            actx.problem(
                "timeline_row",
                f"timeline row {row.label!r} does not list action {action.number}",
            )
    for row in timeline.rows:
        for n in row.actions:
            if n not in numbers:
                ctx.child(f"timeline.rows.{row.label}").problem(
                    "actions", f"no suggested action number {n}"
                )
