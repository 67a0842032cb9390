"""Hypothesis strategies for hostile data files: any YAML-shaped value a broken or hostile file
could hold (None, booleans, huge integers, NaN and infinities, text, lists and mappings of them)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


def yaml_scalars(text_size: int = 30) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**12), max_value=10**12),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=text_size),
    )


def yaml_trees(text_size: int = 30) -> st.SearchStrategy[Any]:
    """Nested lists and mappings of :func:`yaml_scalars`, at most 20 leaves."""
    return st.recursive(
        yaml_scalars(text_size),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.text(max_size=12), children, max_size=4),
        ),
        max_leaves=20,
    )
