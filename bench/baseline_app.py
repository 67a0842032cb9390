"""The floor: an empty app with one slider (0 to 150, like a buy-back slider).

Every benchmark runs this beside the real page under the same server settings, so a figure is
reported as a ratio to the cheapest possible Streamlit rerun on this machine.
"""

import streamlit as st

st.slider("Buy-back %", min_value=0, max_value=150, value=100, step=1)
