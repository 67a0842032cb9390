"""The buy-back controls: the all-groups slider and box, each group's card with its own, and (with
many groups) the chooser of the groups to set one by one.

Drawn in two parts: what does not depend on the buy-back on full runs (``group_card``,
``group_chooser``), and the controls with what they mean in the fragment on every key press.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitAPIException

from redesign.buyback import text as bt
from redesign.buyback import view as bv
from redesign.buyback.model import GroupOutcome
from redesign.core.formatting import fte
from redesign.data.sen_support import AtRiskGroup
from ui.blocks import folded, md

from . import callbacks as cb
from . import state as bs

SERVICE_PAGE = "pages/service.py"
BOX_WIDTH = 140


def level_controls(
    label: str,
    box_label: str,
    slider_base: str,
    box_base: str,
    *,
    on_slider: Callable[..., None],
    on_box: Callable[..., None],
    args: tuple[str, ...],
    slider_help: str,
) -> None:
    """A buy-back slider (whole %) and its exact box (to 0.1%, for typing a level) side by side. A horizontal
    container, not columns: one block instead of three, redrawn on each key press."""
    with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
        st.slider(
            label,
            min_value=int(bv.MIN_PCT),
            max_value=int(bv.MAX_PCT),
            step=1,
            format="%d%%",
            key=bs.wkey(slider_base),
            on_change=on_slider,
            args=args,
            help=slider_help,
        )
        st.number_input(
            box_label,
            min_value=bv.MIN_PCT,
            max_value=bv.MAX_PCT,
            step=0.1,
            format="%.1f",
            key=bs.wkey(box_base),
            on_change=on_box,
            args=args,
            # The box's name says whose level it is ("Exact % for Autism teaching posts"); shown,
            # it would wrap to four lines beside the slider, whose own label says it already.
            label_visibility="collapsed",
            width=BOX_WIDTH,
        )


def all_groups_control() -> None:
    level_controls(
        "All groups: buy-back",
        "Exact % for all groups",
        bs.ALL_SLIDER,
        bs.ALL_BOX,
        on_slider=cb.on_all_slider,
        on_box=cb.on_all_box,
        args=(),
        slider_help="Shows the buy-back across all groups (the share of at-risk FTE kept);"
        " moving it sets every group to that level. Then fine-tune each group below. Type an"
        " exact level, to 0.1%, in the box beside it.",
    )
    reset_button()


def reset_button() -> None:
    st.button(
        "Reset to the proposal",
        key="bb:reset_levels",
        on_click=cb.on_reset_levels,
        icon=":material/restart_alt:",
        help="Every group back to the buy-back the proposal assumes (100% unless you"
        " changed that assumption). Assumptions are kept.",
    )


def group_controls(group: AtRiskGroup, outcome: GroupOutcome, compact: bool = False) -> None:
    """A group's slider and exact box, and what its level means (redrawn on every key press);
    ``compact`` (a projector's first screen) keeps only a warning when the group is too small."""
    level_controls(
        f"{group.label}: buy-back",
        f"Exact % for {group.label}",
        bs.slider_key(group.id),
        bs.box_key(group.id),
        on_slider=cb.on_slider,
        on_box=cb.on_box,
        args=(group.id,),
        slider_help="% of today's at-risk posts bought back: 0% closes the group, 100% keeps"
        " every post, above 100% expands it. Type an exact level, to 0.1%, in the box beside"
        " it.",
    )
    viability = bt.viability_text(outcome)
    warn = outcome.below_min_viable or outcome.closed
    if compact:
        if warn:
            st.warning(md(viability), icon=":material/warning:")
        return
    kept = (
        f"**Kept {md(fte(outcome.retained_fte))} FTE · redundant"
        f" {md(fte(outcome.redundant_fte))} FTE"
        + (
            f" · expansion {md(fte(outcome.expansion_fte))} FTE"
            if outcome.expansion_fte > 0
            else ""
        )
        + "**"
    )
    # One element where one will do: everything here is redrawn on every key press.
    st.markdown(
        f"{kept}\n\n{md(bt.break_even_text(outcome))}" + ("" if warn else f"\n\n{md(viability)}")
    )
    if warn:
        st.warning(md(viability), icon=":material/warning:")


def group_card(group: AtRiskGroup, at_risk_fte: float) -> DeltaGenerator:
    """The parts of a group's card that do not depend on the buy-back (drawn on full runs only);
    returns the placeholder the fragment fills with the controls and their results."""
    with st.container(border=True):
        st.markdown(f"#### {md(group.label)}")
        posts = group.posts.value if group.posts is not None else None
        st.markdown(
            md(
                f"{fte(at_risk_fte)} FTE at risk"
                + (f" ({posts:g} posts)" if posts is not None else " (posts not itemised)")
                + f" · {group.team} · {group.post_type}"
            )
        )
        slot = st.container()
        with folded(
            "What the report says: what is at risk and why", key=f"report_words_{group.id}"
        ) as opened:
            if opened:
                for quote in group.report_words:
                    st.markdown(f"> {md(quote)}")
                if group.derived and group.derivation:
                    st.caption(md(f"Derived: {group.derivation}"))
                st.caption(
                    "Cabinet report appendix, section “Special Educational Needs (SEN) Support"
                    " Services”."
                )
        _drilldown_link()
    return slot


def _drilldown_link() -> None:
    try:
        st.page_link(
            SERVICE_PAGE,
            label="SEN Support Services drilldown",
            icon=":material/arrow_forward:",
            query_params={"service": "sen_support"},
        )
    except StreamlitAPIException:  # the page is run on its own, outside app.py's navigation
        st.markdown("[SEN Support Services drilldown](service?service=sen_support)")


def group_chooser() -> tuple[str, ...]:
    """With more groups than MAX_GROUP_CARDS, a chooser of the groups to set one by one; returns
    the groups to draw."""
    m = bs.model()
    shown = bs.shown_group_ids()
    if len(m.groups) <= bs.MAX_GROUP_CARDS:
        return shown
    ss = st.session_state
    if ss.get(bs.SHOWN_SELECT) is None or tuple(ss[bs.SHOWN_SELECT]) != shown:
        ss[bs.SHOWN_SELECT] = list(shown)  # first visit, or back from another page
    labels = {g.id: g.label for g in m.groups}
    with st.container(border=True):
        st.markdown("#### Groups to set one by one")
        st.multiselect(
            f"Choose up to {bs.MAX_GROUP_CARDS} of the {len(m.groups)} groups",
            options=m.group_ids,
            format_func=lambda gid: labels.get(gid, gid),
            key=bs.SHOWN_SELECT,
            max_selections=bs.MAX_GROUP_CARDS,
            on_change=cb.on_shown,
            placeholder="Choose groups",
        )
        st.caption(
            f"There are {len(m.groups)} at-risk groups, too many for a control each; the"
            f" {bs.MAX_GROUP_CARDS} with the most FTE at risk are shown to begin with. Groups"
            " not shown keep their buy-back and assumptions; the all-groups control moves them"
            " all."
        )
    return shown
