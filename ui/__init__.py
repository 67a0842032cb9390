"""Streamlit glue shared by the pages: cached loading, page layout, chart blocks, URL state, glossary.

Pages import from here and from ``redesign``; ``redesign`` never imports Streamlit or this package.
"""
