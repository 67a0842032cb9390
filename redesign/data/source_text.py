"""The source documents' text, and a quote found in its place: the paragraph around it, with the
quote's exact span for highlighting.

The texts are extracted from the published PDFs (``sources/``), so the words of a quote are there
but its layout may not be: lines are broken hard, spaces repeat, a compound word may be split at a
line-end hyphen, quotes and dashes are typographic, and "£ 5.98M" has a space the quote may not.
Matching compares a canonical form of both sides (``_canonical``) that evens out only those things;
the words, digits and decimal points must be the same, and a match that would cut a number short
("0.9" inside "0.95", "5.6" inside "15.6", "1" inside "-1") is refused.

Which file holds which document is declared in ``data/sources.yaml`` (``file``, relative to the
data folder). Pure: no Streamlit; nothing from ``redesign`` but its errors.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

# Context shown around a quote: the paragraph, widened by whole lines when it is this short...
MIN_CONTEXT_CHARS = 240
CONTEXT_LINES = 4
# ...or, when longer than this, cut to a window of WINDOW_CHARS either side of the quote.
MAX_CONTEXT_CHARS = 900
WINDOW_CHARS = 300

_SAME_AS = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
    "\u2026": "...",
    "\u00ad": "",  # a soft hyphen is invisible in print
}
# PDF list bullets, including the Symbol-font private-use ones the extraction leaves ("\uf0b7").
BULLETS = frozenset("\u2022\uf0b7\uf0a7\uf0d8\u25aa\u25e6")
# How a bullet reads on screen (private-use characters draw as empty boxes).
_SHOWN_BULLET = "•"


@dataclass(frozen=True)
class _Canonical:
    """A canonical form of a text, and for each of its characters the span of the original
    characters it stands for (``starts[k]`` to ``ends[k]``)."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    lowered: str  # ``text`` in lower case, for finding a section heading


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in BULLETS


def _canonical(text: str, *, join_broken_words: bool = False) -> _Canonical:
    """``text`` with typographic quotes and dashes made plain, every run of white space (and
    bullets) one space, none after a hyphen that follows a word or number ("pre-\\nschool" and
    "pre- school" read "pre-school") nor after "£", none at either end. ``join_broken_words``
    also joins a word split at a line-end hyphen ("recog-\\nnition" reads "recognition")."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    gap: tuple[int, int, bool] | None = None  # the pending run of white space: start, end, newline
    for i, ch in enumerate(text):
        if _is_space(ch):
            gap = (gap[0], i + 1, gap[2] or ch == "\n") if gap else (i, i + 1, ch == "\n")
            continue
        mapped = _SAME_AS.get(ch, ch)
        if gap is not None and out:
            after_hyphen = out[-1] == "-" and len(out) > 1 and out[-2] != " "
            if after_hyphen and join_broken_words and gap[2] and out[-2].isalpha() and ch.isalpha():
                out.pop()
                starts.pop()
                ends.pop()
            elif not after_hyphen and out[-1] != "£":
                out.append(" ")
                starts.append(gap[0])
                ends.append(gap[1])
        gap = None
        for piece in mapped:
            out.append(piece)
            starts.append(i)
            ends.append(i + 1)
    joined = "".join(out)
    return _Canonical(joined, tuple(starts), tuple(ends), _lower(joined))


def canonical_quote(quote: str) -> str:
    """The form a quote is compared in (see ``_canonical``)."""
    return _canonical(quote).text


@dataclass(frozen=True)
class SourceText:
    """One document's text (``document`` is its id in sources.yaml). Make one with ``of``: the
    forms searched are computed once, there."""

    document: str
    text: str
    _views: tuple[_Canonical, ...] = field(repr=False, compare=False, default=())
    _line_starts: tuple[int, ...] = field(repr=False, compare=False, default=())

    @classmethod
    def of(cls, document: str, text: str) -> SourceText:
        line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        views = (_canonical(text), _canonical(text, join_broken_words=True))
        return cls(document, text, views, tuple(line_starts))


@dataclass(frozen=True)
class QuoteInContext:
    """A quote found in its document: ``context`` is the paragraph around it as it reads (lines as
    extracted, each trimmed; one blank line between paragraphs; bullets drawn as "•"), and
    ``context[start:end]`` is the quote as the document prints it. ``line`` is the line of the
    text file the quote starts on (1-based); ``occurrences`` how many times the words appear in
    the document; ``cut_before``/``cut_after`` say the paragraph goes on beyond the context."""

    document: str
    context: str
    start: int
    end: int
    line: int
    occurrences: int = 1
    cut_before: bool = False
    cut_after: bool = False

    @property
    def before(self) -> str:
        return self.context[: self.start]

    @property
    def marked(self) -> str:
        return self.context[self.start : self.end]

    @property
    def after(self) -> str:
        return self.context[self.end :]


@dataclass(frozen=True)
class QuoteRef:
    """A figure's quote to look up: what to call it, its document id, section and the words."""

    label: str
    document: str
    section: str
    quote: str


def _number_intact(text: str, i: int, j: int, quote: str) -> bool:
    """False when text[i:j] cuts a number: more digits, a decimal part or a minus sign beside it."""
    if quote[0].isdigit() and i > 0:
        before = text[i - 1]
        if before.isdigit() or (before in ".," and i > 1 and text[i - 2].isdigit()):
            return False
        if before == "-" and (i == 1 or text[i - 2] in " ("):
            return False
    if quote[-1].isdigit() and j < len(text):
        after = text[j]
        if after.isdigit() or (after in ".," and j + 1 < len(text) and text[j + 1].isdigit()):
            return False
    return True


def _matches(view: _Canonical, quote: str) -> Iterator[int]:
    at = view.text.find(quote)
    while at >= 0:
        if _number_intact(view.text, at, at + len(quote), quote):
            yield at
        at = view.text.find(quote, at + 1)


def _lower(text: str) -> str:
    """Lower case, one character for one (so positions still line up)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def find_quote(source: SourceText, quote: str, near: str = "") -> QuoteInContext | None:
    """``quote`` in its place in ``source``, or None when the words are not in it. Where the words
    appear more than once, the first after ``near`` (a section heading, found in the text without
    regard to case) is taken when ``near`` is found, else the first."""
    wanted = canonical_quote(quote)
    if not wanted:
        return None
    for view in source._views:
        found = list(_matches(view, wanted))
        if not found:
            continue
        at = found[0]
        heading = canonical_quote(near)
        if heading:
            from_ = view.lowered.find(_lower(heading))
            at = next((k for k in found if from_ >= 0 and k >= from_), at)
        start, end = view.starts[at], view.ends[at + len(wanted) - 1]
        return _in_context(source, start, end, len(found))
    return None


def locate(texts: Mapping[str, SourceText], ref: QuoteRef) -> QuoteInContext | None:
    """``ref``'s quote in its document, its section heading as the hint (None: no text or no match)."""
    source = texts.get(ref.document)
    return None if source is None else find_quote(source, ref.quote, near=ref.section)


def _line_of(source: SourceText, offset: int) -> int:
    """The index of the line holding ``offset``."""
    return bisect_right(source._line_starts, offset) - 1


def _line_span(source: SourceText, k: int) -> tuple[int, int]:
    starts = source._line_starts
    end = starts[k + 1] - 1 if k + 1 < len(starts) else len(source.text)
    return starts[k], end


def _blank(source: SourceText, k: int) -> bool:
    a, b = _line_span(source, k)
    return not source.text[a:b].strip()


def _in_context(source: SourceText, start: int, end: int, occurrences: int) -> QuoteInContext:
    first, last = _line_of(source, start), _line_of(source, max(start, end - 1))
    lines = len(source._line_starts)
    top, bottom = first, last
    while top > 0 and not _blank(source, top - 1):
        top -= 1
    while bottom < lines - 1 and not _blank(source, bottom + 1):
        bottom += 1
    # A short paragraph (a PDF table cell, a figure on its own line) reads better with the lines
    # around it: widen by whole lines, a few each way.
    added_up = added_down = 0
    while _size(source, top, bottom) < MIN_CONTEXT_CHARS and (
        (top > 0 and added_up < CONTEXT_LINES)
        or (bottom < lines - 1 and added_down < CONTEXT_LINES)
    ):
        if top > 0 and added_up < CONTEXT_LINES:
            top -= 1
            added_up += not _blank(source, top)
        if bottom < lines - 1 and added_down < CONTEXT_LINES:
            bottom += 1
            added_down += not _blank(source, bottom)
    lo, hi = _line_span(source, top)[0], _line_span(source, bottom)[1]
    cut_before = cut_after = False
    if hi - lo > MAX_CONTEXT_CHARS:
        lo, cut_before = _cut_start(source, lo, start)
        hi, cut_after = _cut_end(source, hi, end)
    context, mark_start, mark_end = _shown(source.text, lo, hi, start, end)
    return QuoteInContext(
        document=source.document,
        context=context,
        start=mark_start,
        end=mark_end,
        line=first + 1,
        occurrences=occurrences,
        cut_before=cut_before,
        cut_after=cut_after,
    )


def _size(source: SourceText, top: int, bottom: int) -> int:
    return len(source.text[_line_span(source, top)[0] : _line_span(source, bottom)[1]].strip())


def _cut_start(source: SourceText, lo: int, start: int) -> tuple[int, bool]:
    """Where a window of WINDOW_CHARS before ``start`` begins: at a line start if one falls inside
    it, else after a space; (lo, False) when the paragraph already starts inside the window."""
    want = start - WINDOW_CHARS
    if want <= lo:
        return lo, False
    k = bisect_left(source._line_starts, want)  # the first line starting inside the window
    if k < len(source._line_starts) and source._line_starts[k] <= start:
        return source._line_starts[k], True
    space = source.text.find(" ", want, start)
    return (space + 1 if space >= 0 else want), True


def _cut_end(source: SourceText, hi: int, end: int) -> tuple[int, bool]:
    want = end + WINDOW_CHARS
    if want >= hi:
        return hi, False
    k = _line_of(source, want)
    line_end = source._line_starts[k] - 1
    if line_end >= end:
        return line_end, True
    space = source.text.rfind(" ", end, want)
    return (space if space >= 0 else want), True


def _shown(text: str, lo: int, hi: int, start: int, end: int) -> tuple[str, int, int]:
    """text[lo:hi] as it reads (see QuoteInContext), and where text[start:end] is in it."""
    out: list[str] = []
    origin: list[int] = []
    pending_break = 0  # line breaks owed before the next character shown (2: a paragraph break)
    line_start = lo
    while line_start <= hi:
        line_end = text.find("\n", line_start, hi)
        if line_end < 0:
            line_end = hi
        a, b = line_start, line_end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a == b:
            pending_break = 2 if out else 0
        else:
            for _ in range(max(pending_break, 1) if out else 0):
                out.append("\n")
                origin.append(-1)
            pending_break = 1
            previous_space = False
            for k in range(a, b):
                ch = text[k]
                if ch in BULLETS:
                    out.append(_SHOWN_BULLET)
                    previous_space = False
                elif ch.isspace():
                    if previous_space:
                        continue
                    out.append(" ")
                    previous_space = True
                else:
                    out.append(ch)
                    previous_space = False
                origin.append(k)
        line_start = line_end + 1
    inside = [n for n, k in enumerate(origin) if start <= k < end]
    return "".join(out), (inside[0] if inside else 0), (inside[-1] + 1 if inside else 0)
