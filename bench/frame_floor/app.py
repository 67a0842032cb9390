"""The app-frame floor: what every page of Redesign Explorer draws before its own content.

Laid out like the app (an entry script beside a ``pages/`` folder, so AppTest and Streamlit treat
it as they treat app.py) and built the same way: the same page config, ``st.navigation`` with as
many pages as app.py (this page and the app's own other six), and a page that calls the app's
``ui.layout.page_setup`` (styles, sidebar note, glossary and data folder, title, intro, link check,
the cached dataset) and then draws only the empty app's slider. Its cost over the empty app
(bench/baseline_app.py) is what the frame takes of a ratio target before a page draws anything.
"""

import sys
from pathlib import Path

import streamlit as st

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # the app's ui/ package
    sys.path.insert(0, str(REPO_ROOT))

st.set_page_config(
    page_title="Redesign Explorer",
    # app.py's local icon: a material icon here is fetched from a font server as the favicon.
    page_icon=str(REPO_ROOT / "ui" / "assets" / "icon.png"),
    layout="wide",
    initial_sidebar_state="expanded",
)
OTHERS = ("service", "waterfall", "staffing", "buyback", "data_sources", "sen_needs")
PAGES = [
    st.Page("pages/frame.py", title="Frame", icon=":material/dashboard:", default=True),
    *(
        st.Page(str(REPO_ROOT / "pages" / f"{name}.py"), title=name, url_path=name)
        for name in OTHERS
    ),
]
from ui import navigation  # noqa: E402  (after the path is set)

navigation.run(st.navigation(PAGES, position="sidebar", expanded=True))
