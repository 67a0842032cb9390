"""Number formats for pages: a re-export of ``redesign.formatting`` (one place defines them)."""

from redesign.formatting import (
    MINUS,
    NOT_STATED,
    count,
    escape_markdown,
    format_frame,
    fte,
    markdown_paragraphs,
    money_m,
    money_words,
    pct,
    safe_quote,
    share,
    signed_fte,
    signed_money_m,
)

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
