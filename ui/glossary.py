"""The glossary (held in ``redesign.core.glossary``): in the sidebar on every page,
and as a full section on the Data and sources page."""

from __future__ import annotations

import streamlit as st

from redesign.core.glossary import GLOSSARY
from redesign.core.text import escape_markdown


def glossary_markdown() -> str:
    return "\n".join(
        f"- **{escape_markdown(term)}**: {escape_markdown(meaning)}" for term, meaning in GLOSSARY
    )


def sidebar_glossary() -> None:
    with st.sidebar.expander("Glossary", icon=":material/menu_book:"):
        st.markdown(glossary_markdown())


def glossary_section() -> None:
    st.header("Glossary", anchor="glossary")
    st.markdown(glossary_markdown())
