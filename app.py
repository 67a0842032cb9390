"""Redesign Explorer: the entry point. Run with ``streamlit run app.py`` (or ``make run``).

The only multipage mechanism is ``st.navigation`` below, naming each file in pages/ explicitly (no
automatic discovery: when st.navigation is called, Streamlit ignores the pages/ folder; see
ui.navigation for the first run of a fresh server). To add a page, add one line to
PAGES. The first page is the default; it lives at / (Streamlit gives the default page no path of its
own), and /overview, its name elsewhere, opens it too.
"""

from pathlib import Path
from typing import Literal

import streamlit as st

from ui import present
from ui.layout import open_overview

# A local file, so the browser never fetches the icon from a font server.
ICON = Path(__file__).parent / "ui" / "assets" / "icon.png"

st.set_page_config(
    page_title="Redesign Explorer",
    page_icon=str(ICON),
    layout="wide",
    # "auto": open on a wide screen, folded away on a phone (the workshop's participants).
    initial_sidebar_state="auto",
)

# One page a line (kept by fmt: off), so adding a page is a one-line change.
# fmt: off
PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="", default=True),
    st.Page("pages/service.py", title="Service drilldown", icon=":material/apartment:", url_path="service"),
    st.Page("pages/waterfall.py", title="Savings waterfall", icon=":material/waterfall_chart:", url_path="waterfall"),
    st.Page("pages/staffing.py", title="Staffing before and after", icon=":material/groups:", url_path="staffing"),
    st.Page("pages/buyback.py", title="Buy-back what-if", icon=":material/tune:", url_path="buyback"),
    st.Page("pages/data_sources.py", title="Data and sources", icon=":material/table_view:", url_path="data_sources"),
    st.Page("pages/sen_needs.py", title="SEN needs and provision", icon=":material/diversity_1:", url_path="sen_needs"),
    st.Page("pages/workshop.py", title="Workshop", icon=":material/how_to_vote:", url_path="workshop"),
]
# fmt: on
ALIASES = [st.Page(open_overview, title="Overview", url_path="overview", visibility="hidden")]

# In presentation mode (ui.present) there is no sidebar: the pages are in the top bar's menu.
menu: Literal["hidden", "sidebar"] = "hidden" if present.presenting() else "sidebar"
present.run(st.navigation(PAGES + ALIASES, position=menu, expanded=True), PAGES)
