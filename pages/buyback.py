"""Buy-back what-if (issue 4): what happens to the SEN Support posts at risk, the traded income
needed and the proposed saving as schools buy the traded offer back. The scenario lives in the URL.

All state is in st.session_state (pages/buyback_parts/state.py); the page's parts are in
pages/buyback_parts/, its arithmetic in redesign (buyback_view, buyback_compare, scenario).
"""

from pages.buyback_parts.layout import render
from pages.buyback_parts.state import is_link_key
from redesign.buyback import text as buyback_text
from redesign.buyback.model import BuybackModel
from ui.layout import page_setup

dataset = page_setup(
    "What if schools buy back the SEND posts at risk?",
    intro=lambda dataset: buyback_text.page_intro(
        BuybackModel(dataset), dataset.sen_support.retention_quote
    ),
    # The link keys are per group and per assumption (bb_<group>, a_<assumption>, all, name),
    # or a saved scenario's id (scenario=<id>); unknown ones among those get their own notices.
    params=is_link_key,
    script=__file__,
)
render(dataset)
