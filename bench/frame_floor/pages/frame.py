"""The frame floor's page: the app's page_setup, then the empty app's slider (bench/frame_floor)."""

import streamlit as st

from ui.layout import page_setup

page_setup("App frame floor", intro="The frame every page draws, and one slider.", params=())
st.slider("Buy-back %", min_value=0, max_value=150, value=100, step=1)
