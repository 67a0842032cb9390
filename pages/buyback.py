"""Buy-back what-if (issue 4): what happens to the SEN Support posts at risk, the traded income
needed and the £1.25m saving as schools buy the traded offer back. The scenario lives in the URL.

All state is in st.session_state (ui.buyback); this script only lays the page out.
"""

from redesign.scenario_io import is_scenario_key
from ui import buyback
from ui.briefing import buyback_briefing_downloads
from ui.layout import page_setup

dataset = page_setup(
    "What if schools buy back the SEND posts at risk?",
    intro=(
        "The SEN Support Services proposal makes 22.83 FTE redundant and puts a further 33.32 FTE"
        " at risk: “the retained establishment will reflect the commitment of schools and other"
        " potential customers to purchase support … the team may constrict or expand”. Set how"
        " much of each group schools buy back and see the posts, the traded income needed and the"
        " saving. **Proposals, not decisions**; money figures rest on the assumptions at the foot"
        " of the page."
    ),
    # The link keys are per group and per assumption (bb_<group>, a_<assumption>, all, name);
    # unknown ones among those get scenario_io's own notices.
    params=is_scenario_key,
)
buyback.render(dataset)
buyback_briefing_downloads(dataset)
