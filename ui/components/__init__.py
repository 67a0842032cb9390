"""Streamlit custom components of this app (Components v2), each in its own folder."""
