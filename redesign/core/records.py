"""Sourced figures: every number carries the document, section and verbatim quote it came from."""

from __future__ import annotations

from dataclasses import dataclass


def quote_of(fig: Figure | None) -> str:
    return "" if fig is None or not fig.source.quote else fig.source.quote


@dataclass(frozen=True)
class Source:
    """Where a figure was published: a document id (data/sources.yaml), its section and the words."""

    document: str
    section: str
    quote: str | None = None

    def describe(self, documents: dict[str, str] | None = None) -> str:
        """'Cabinet report appendix, Hospital Education Service: "Current budget £0.82M"'."""
        title = (documents or {}).get(self.document, self.document)
        text = f"{title}, {self.section}"
        if self.quote:
            text += f': "{self.quote}"'
        return text


@dataclass(frozen=True)
class Figure:
    """One published figure. ``value`` is None where the source prints the label but no number."""

    value: float | None
    source: Source
    label: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class FigureRange:
    """A published range such as "80 -100" or "40+" (``high`` None and ``open_ended`` True)."""

    low: float
    high: float | None
    source: Source
    open_ended: bool = False
    note: str | None = None

    def describe(self) -> str:
        if self.open_ended or self.high is None:
            return f"{self.low:g}+"
        if self.high == self.low:
            return f"{self.low:g}"
        return f"{self.low:g}–{self.high:g}"


def value_of(figure: Figure | None) -> float | None:
    """The number of an optional figure, or None where it is not stated."""
    return None if figure is None else figure.value


def documents_of(*nodes: object) -> tuple[str, ...]:
    """The documents (ids, in the order first met) of every figure inside ``nodes``: records,
    tuples, lists and dicts are walked. Why: a table's source line comes from its records, so it
    cannot name a document its figures do not come from."""
    found: dict[str, None] = {}

    def walk(node: object) -> None:
        if isinstance(node, Source):
            found.setdefault(node.document)
        elif isinstance(node, (Figure, FigureRange)):
            found.setdefault(node.source.document)
        elif isinstance(node, dict):
            for item in node.values():
                walk(item)
        elif isinstance(node, (tuple, list)):
            for item in node:
                walk(item)
        else:
            for name in getattr(node, "__dataclass_fields__", ()):
                walk(getattr(node, name))

    for node in nodes:
        walk(node)
    return tuple(found)
