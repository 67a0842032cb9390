"""SEN needs and provision: the FOI reply (February 2015) and the Inclusion and SEN Strategy
(January 2004 figures), beside the 2016 proposals.

Every figure shows its date: the strategy's tables are "as at January 2004", the FOI placements
February 2015, the redesign proposals 2016. Figures from different dates sit side by side and are
never drawn as a trend. The search over the suggested actions lives in the URL (``?q=``). The
sections are in pages/sen_needs_parts/, the figures and sentences in redesign.sen_view.
"""

import streamlit as st

from pages.sen_needs_parts import actions, figures
from pages.sen_needs_parts.common import SenPage
from redesign.present import sen_view
from ui import cached_sen
from ui.blocks import md, metric_tiles
from ui.briefing import briefing_downloads
from ui.data import data_version
from ui.layout import page_setup

dataset = page_setup(
    "SEN needs and provision",
    intro=lambda data: (
        "What need do the SEN services meet? The council's Inclusion and SEN Strategy counted "
        f"pupils by need, special-school places and pupils **as at {md(data.sen.categories.as_at)}"
        f"**; its FOI reply counted independent placements in **{md(data.sen.placements.as_at)}"
        f"**; the redesign figures are the **{md(data.proposals_period())}**. The figures are "
        "shown side by side, each with its date, and never as a trend."
        if data.sen is not None
        else ""
    ),
    params=(actions.SEARCH_PARAM,),
    script=__file__,
)
sen = dataset.sen
if sen is None:
    st.info(
        "This data folder has no SEN dataset (sen_needs.yaml and need_support_map.yaml), so "
        "there is nothing to show on this page.",
        icon=":material/info:",
    )
    st.stop()

# Figures and tables made once per data version (ui.cached_sen), not on every rerun.
page = SenPage.of(dataset, sen, cached_sen.sen_needs(data_version()))
# Two to a row, so the labels (with their dates) are never cut short.
metric_tiles(sen_view.headlines(sen), per_row=2)
figures.need_section(page)
figures.special_schools_section(page)
figures.provision_section(page)
figures.placements_section(page)
figures.need_support_section(page)
actions.actions_section(page)
actions.checks_section(page)

briefing_downloads(dataset, page="sen_needs")
