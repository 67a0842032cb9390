"""The SEN needs and provision dataset (data/sen_needs.yaml): typed records and their validation.

Transcribed from the FOI reply on SEN placements (February 2015) and the Inclusion and SEN Strategy
attached to it (tables "as at January 2004"). Every record keeps its ``as_at`` label, because the
figures describe different dates: a page must never show them as one moment.

Parsing uses the readers in ``redesign.data.fields``: every problem names the file, the record and the
field, and all problems are collected (nothing raises)."""

from __future__ import annotations

from typing import Any

from redesign.data import fields as f
from redesign.data.sen.actions import check_action_links, parse_actions, parse_timeline
from redesign.data.sen.provision import (
    parse_area_sencos,
    parse_extended,
    parse_nurseries,
    parse_out_of_city,
    parse_proposed,
    parse_unit_provision,
)
from redesign.data.sen.pupils import (
    parse_categories_of_need,
    parse_placements,
    parse_special_schools,
    parse_stage,
    parse_statements,
)
from redesign.data.sen.records import TOP_KEYS, SenNeeds, Timeline


def parse_sen_needs(raw: Any, ctx: f.Context) -> SenNeeds | None:
    """Validate data/sen_needs.yaml; problems go to ``ctx``; None if any block is unusable."""
    data = f.mapping(ctx, raw, "(file)")
    if not data:
        return None
    f.unknown_keys(ctx, data, TOP_KEYS)
    document = f.text(ctx, data, "document") or ""
    before = len(ctx.problems)
    parts = {
        "placements": parse_placements(ctx, data),
        "school_action": parse_stage(ctx, data, "school_action", "School Action"),
        "school_action_plus": parse_stage(ctx, data, "school_action_plus", "School Action Plus"),
        "categories": parse_categories_of_need(ctx, data),
        "statements": parse_statements(ctx, data),
        "special_schools": parse_special_schools(ctx, data),
        "unit_provision": parse_unit_provision(ctx, data),
        "nurseries": parse_nurseries(ctx, data),
        "area_sencos": parse_area_sencos(ctx, data),
        "out_of_city": parse_out_of_city(ctx, data),
        "proposed_special_schools": parse_proposed(
            ctx, data, "proposed_special_schools", "Proposed special school provision"
        ),
        "proposed_enhanced_resource_schools": parse_proposed(
            ctx,
            data,
            "proposed_enhanced_resource_schools",
            "Proposed enhanced resource schools",
        ),
        "proposed_extended_schools": parse_extended(ctx, data),
        "timeline": parse_timeline(ctx, data),
    }
    actions = parse_actions(ctx, data)
    timeline = parts["timeline"]
    if isinstance(timeline, Timeline) and actions is not None:
        check_action_links(ctx, actions, timeline)
    if any(v is None for v in parts.values()) or actions is None or len(ctx.problems) > before:
        return None
    return SenNeeds(
        document=document,
        mapping_note=f.text(ctx, data, "mapping_note", required=False),
        actions=actions,
        **parts,  # type: ignore[arg-type]
    )
