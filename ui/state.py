"""Selections that live in the URL query string, so a link reproduces the view.

A page reads a choice with ``query_choice`` (checked against the allowed values) and shows it in a
widget made by ``choice_widget``; changing the widget writes the URL. An unknown, repeated, overlong or
hostile value falls back to the default, with a visible notice quoting the value as escaped plain text.

Usage on a page::

    view = state.query_choice("view", ["service", "stream"], default="service", what="view")
    state.choice_widget("Step by", "view", ["service", "stream"], view, labels=VIEW_LABELS)
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Literal

import streamlit as st

from redesign.core.text import escape_markdown, safe_quote

# A query value longer than this is refused without comparing it to the allowed values.
MAX_VALUE_CHARS = 100

WidgetKind = Literal["selectbox", "radio", "segmented"]


def _notice(name: str, what: str, message: str, default_label: str) -> None:
    st.warning(
        f"{message} Showing {escape_markdown(default_label)} instead. "
        f"(Link setting “{escape_markdown(name)}”.)",
        icon=":material/link_off:",
    )


def query_choice(
    name: str,
    allowed: Sequence[str],
    default: str,
    *,
    what: str = "choice",
    labels: Mapping[str, str] | None = None,
    write_back: bool = True,
) -> str:
    """The value of ``?name=`` if it is one of ``allowed``, else ``default`` (with a notice).

    ``what`` names the thing in the notice ("service", "view"). With ``write_back`` the URL is set to
    the value used, so a bad link is corrected and a default view gets a shareable link.
    """
    allowed = list(allowed)
    if default not in allowed:
        raise ValueError(f"default {default!r} is not one of the allowed values")
    labels = labels or {}
    default_label = labels.get(default, default)
    values = st.query_params.get_all(name)
    chosen = default
    if len(values) > 1:
        _notice(
            name,
            what,
            f"The link gives {len(values)} values for the {escape_markdown(what)}; it needs one.",
            default_label,
        )
    elif len(values) == 1:
        raw = values[0]
        if len(raw) > MAX_VALUE_CHARS:
            _notice(
                name,
                what,
                f"The link asks for a {escape_markdown(what)} that is too long to be valid "
                f"({len(raw):,} characters, starting “{safe_quote(raw)}”).",
                default_label,
            )
        elif raw in allowed:
            chosen = raw
        else:
            _notice(
                name,
                what,
                f"The link asks for a {escape_markdown(what)} that does not exist: "
                f"“{safe_quote(raw)}”.",
                default_label,
            )
    if write_back and values != [chosen]:
        set_query(name, chosen)
    return chosen


def drop_unknown_params(known: Callable[[str], bool] | Collection[str]) -> None:
    """Show one notice naming the link settings this page does not use, and take them off the URL.

    ``known`` is the page's own keys, or a test for them (the buy-back page's keys are per group)."""
    is_known = known if callable(known) else set(known).__contains__
    unknown = [key for key in st.query_params if not is_known(key)]
    if not unknown:
        return
    shown = ", ".join(f"“{safe_quote(key)}”" for key in unknown[:5])
    more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
    st.warning(
        f"This link has settings this page does not use: {shown}{more}. They were ignored.",
        icon=":material/link_off:",
    )
    for key in unknown:
        del st.query_params[key]


def set_query(name: str, value: str) -> None:
    """Put one value for ``name`` in the URL (replacing any others)."""
    st.query_params[name] = value


def _widget_key(name: str) -> str:
    return f"qs_{name}"


def _on_change(name: str) -> None:
    value = st.session_state.get(_widget_key(name))
    if value is not None:
        set_query(name, str(value))


def choice_widget(
    label: str,
    name: str,
    options: Sequence[str],
    current: str,
    *,
    labels: Mapping[str, str] | None = None,
    kind: WidgetKind = "selectbox",
    help: str | None = None,
    container: object | None = None,
) -> str:
    """A widget showing ``current`` (already validated) whose changes are written to ``?name=``.

    The URL is the single source of truth: the widget's state is set from it on every run, and a
    change goes back to the URL before the rerun that reads it.
    """
    options = list(options)
    labels = labels or {}
    key = _widget_key(name)
    st.session_state[key] = current
    fmt: Callable[[str], str] = lambda v: labels.get(v, v)  # noqa: E731
    target = container if container is not None else st
    common = {
        "key": key,
        "format_func": fmt,
        "help": help,
        "on_change": _on_change,
        "args": (name,),
    }
    if kind == "radio":
        value = target.radio(label, options, horizontal=True, **common)  # type: ignore[attr-defined]
    elif kind == "segmented":
        value = target.segmented_control(  # type: ignore[attr-defined]
            label, options, selection_mode="single", required=True, **common
        )
    else:
        value = target.selectbox(label, options, **common)  # type: ignore[attr-defined]
    return str(value) if value is not None else current


def step_button(
    label: str, name: str, value: str, *, key: str, icon: str | None = None, help: str | None = None
) -> None:
    """A button that sets ``?name=value`` (e.g. previous / next service)."""
    st.button(
        label,
        key=key,
        icon=icon,
        help=help,
        on_click=set_query,
        args=(name, value),
    )
