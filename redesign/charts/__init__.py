"""Plotly figures for the dashboard pages (pure: no Streamlit)."""
