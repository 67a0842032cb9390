"""Number formats for pages: a re-export of ``redesign.core.formatting`` (one place defines them)."""

from redesign.core.formatting import (
    MINUS,
    NOT_STATED,
    count,
    fte,
    money_m,
    money_words,
    pct,
    share,
    signed_fte,
    signed_money_m,
)
from redesign.core.table_format import format_frame
from redesign.core.text import escape_markdown, markdown_paragraphs, safe_quote

__all__ = [
    "MINUS",
    "NOT_STATED",
    "count",
    "escape_markdown",
    "format_frame",
    "fte",
    "markdown_paragraphs",
    "money_m",
    "money_words",
    "pct",
    "safe_quote",
    "share",
    "signed_fte",
    "signed_money_m",
]
