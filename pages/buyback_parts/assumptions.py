"""The buy-back model's assumptions (figures not in the report), each with an entry box, its default,
range and reason; and the note on how the model works. Grouping and wording are
redesign.buyback_view's."""

from __future__ import annotations

import streamlit as st

from redesign.buyback import text as bt
from redesign.buyback import view as bv
from redesign.data.assumptions import UNITS, Assumption
from ui.blocks import folded, md

from . import callbacks as cb
from . import state as bs


def _assumption_card(aid: str, spec: Assumption, value: float, changed: bool) -> None:
    decimals = bv.assumption_decimals(spec.unit)
    with st.container(border=True):
        st.number_input(
            f"ASSUMPTION · {spec.label} ({UNITS.get(spec.unit, spec.unit)})",
            min_value=float(spec.min),
            max_value=float(spec.max),
            step=float(spec.step),
            format=f"%.{decimals}f",
            key=bs.wkey(bs.assumption_key(aid)),
            on_change=cb.on_assumption,
            args=(aid,),
        )
        # The box cannot show "£" or thousands separators: the value in words is right under it.
        st.markdown(
            f"Now **{md(bv.assumption_value_text(value, spec.unit))}**; "
            + md(
                f"default {bv.assumption_value_text(spec.default, spec.unit)}; range"
                f" {bv.assumption_value_text(spec.min, spec.unit)} to"
                f" {bv.assumption_value_text(spec.max, spec.unit)}."
            )
            + (" **Changed from the default.**" if changed else "")
        )
        st.caption(md(f"Why this default: {spec.reason}"))


def _reset_row(changed: int) -> None:
    cols = st.columns([1, 3], vertical_alignment="center")
    with cols[0]:
        st.button(
            "Reset assumptions to defaults",
            key="bb:reset_assumptions",
            on_click=cb.on_reset_assumptions,
            icon=":material/restart_alt:",
            disabled=changed == 0,
            help="Buy-back levels are kept.",
        )
    with cols[1]:
        st.caption(
            f"{changed} assumption{'s' if changed != 1 else ''} changed from the default."
            if changed
            else "All assumptions are at their defaults."
        )


def assumptions_section() -> None:
    s = bs.scenario()
    m = bs.model()
    st.header("Assumptions", anchor="assumptions")
    st.markdown(
        "**These figures are ASSUMPTIONS, not from the report.** They drive every £ figure on"
        " this page. Each has a default, a plausible range and the reason for its default;"
        " change any of them here (the change goes into the link)."
    )
    _reset_row(len(s.assumptions))
    shown = bs.shown_group_ids()
    if len(shown) < len(m.groups):
        st.caption(
            md(
                "Shown: the assumptions every group shares and those of the"
                f" {len(shown)} group{'s' if len(shown) != 1 else ''} chosen above; the other"
                f" {len(m.groups) - len(shown)} groups keep theirs."
            )
        )
    values = m.assumption_values(s)
    sections = bv.assumption_sections(m.assumption_ids_for(shown), m.proposed_cost_m)
    for title, ids in sections:
        st.subheader(md(title), anchor=False)
        for start in range(0, len(ids), 2):
            row = st.columns(2, gap="medium")
            for col, aid in zip(row, ids[start : start + 2], strict=False):
                with col:
                    _assumption_card(aid, m.assumptions[aid], values[aid], aid in s.assumptions)


def method_section() -> None:
    with folded("How the model works", key="model_method", icon=":material/functions:") as opened:
        if opened:
            st.markdown(md(bt.method_text(bs.model(), bs.proposal_pct())))
