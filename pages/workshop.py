"""Workshop mode (issue 15): the schools in a room say what they would buy, and the room sees,
as the answers arrive, which posts at risk that keeps.

    /workshop                          create a workshop, or join one by its code
    /workshop?workshop=<id>&key=<key>  the facilitator's screen (for the projector)
    /workshop?join=<code>              a participant's screen (for a phone)

Each screen calls ui.layout.page_setup itself, with its own title.
"""

import streamlit as st

from pages.workshop_parts import create, facilitator, participant
from pages.workshop_parts.common import store

params = st.query_params
workshops = store()
if join := params.get("join"):
    participant.render(workshops, join, params.get("me"))
elif workshop_id := params.get("workshop"):
    facilitator.render(workshops, workshop_id, params.get("key"))
else:
    create.render(workshops)
