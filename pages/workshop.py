"""Workshop mode (issue 15): the schools in a room say what they would buy, and the room sees,
as the answers arrive, which posts at risk that keeps.

    /workshop                          create a workshop, or join one by its code
    /workshop?workshop=<id>&key=<key>  the facilitator's screen (for the projector)
    /workshop?join=<code>              a participant's screen (for a phone)
"""

import streamlit as st

from redesign.buyback.model import BuybackModel
from redesign.workshop import OfferError, deliverable_days
from ui.layout import page_setup
from ui.workshop import create, facilitator, participant
from ui.workshop.common import store

params = st.query_params
join, workshop_id = params.get("join"), params.get("workshop")
dataset = page_setup(
    "Workshop: what would your school buy?" if join else "Workshop",
    params={"join", "me", "workshop", "key"},
)
try:
    deliverable_days(BuybackModel(dataset))
except OfferError as exc:
    st.error(f"Workshops cannot be run on this data: {exc}.")
    st.stop()
workshops = store()
if join:
    participant.render(workshops, join, params.get("me"))
elif workshop_id:
    facilitator.render(workshops, workshop_id, params.get("key"))
else:
    create.render(workshops)
