"""redesign.source_text: a quote found in its place, through the PDF extraction's layout, and never
a different figure; every quote in data/ found in its document."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from redesign.core.errors import DataError
from redesign.data.source_files import load_source_texts
from redesign.data.source_text import (
    MAX_CONTEXT_CHARS,
    WINDOW_CHARS,
    QuoteRef,
    SourceText,
    canonical_quote,
    find_quote,
    locate,
)
from redesign.present.sen_tables import sen_figure_sources_frame
from redesign.present.tables import figure_sources_frame
from tests.support.paths import DATA
from tests.unit.test_transcription import _data_files, _quotes


def doc(text: str) -> SourceText:
    return SourceText.of("doc", text)


def marked(text: str, quote: str, near: str = "") -> str | None:
    found = find_quote(doc(text), quote, near)
    return None if found is None else found.marked


# --- what the extraction does to the words, tolerated --------------------------------------------


def test_hard_line_breaks_and_repeated_spaces():
    text = "Current budget \n£0.82M\n\nProposed costs\n£0.68M  (saving £0.14M)\n"
    assert marked(text, "Current budget £0.82M") == "Current budget\n£0.82M"
    assert marked(text, "£0.68M (saving £0.14M)") == "£0.68M (saving £0.14M)"


def test_a_blank_line_inside_the_quote():
    text = "the 6 central HLTA \n\nposts for autism (4.13 fte) are placed at risk"
    assert marked(text, "the 6 central HLTA posts for autism (4.13 fte)") == (
        "the 6 central HLTA\n\nposts for autism (4.13 fte)"
    )


def test_typographic_and_straight_quotes_and_dashes():
    text = "embraces schools’ commitment to “co-design”\nHeadcount 25 – 12.6 FTE\n"
    assert marked(text, 'schools\' commitment to "co-design"') == (
        "schools’ commitment to “co-design”"
    )
    assert marked(text, "Headcount 25 - 12.6 FTE") == "Headcount 25 – 12.6 FTE"
    assert marked(text, "Headcount 25 — 12.6 FTE") == "Headcount 25 – 12.6 FTE"


def test_pound_sign_spacing():
    assert marked("Proposed costs\n£ 5.98M (saving £1.25M)", "£5.98M (saving £1.25M)") == (
        "£ 5.98M (saving £1.25M)"
    )
    assert marked("DSG savings £0.11m", "DSG savings £ 0.11m") == "DSG savings £0.11m"


def test_a_compound_word_broken_at_its_hyphen():
    text = "Voluntary and independent sector pre-\nschool settings will"
    assert marked(text, "sector pre-school settings") == "sector pre-\nschool settings"
    # A quote copied from the run-together text keeps the space; it still reads the same.
    assert marked(text, "sector pre- school settings") == "sector pre-\nschool settings"


def test_a_word_split_by_a_line_end_hyphen():
    assert marked("the recog-\nnition of good practice", "recognition of good") == (
        "recog-\nnition of good"
    )
    # Only across a line end: "self-image" is not "selfimage".
    assert marked("eating disorders, self- image", "selfimage") is None


def test_bullets_are_white_space():
    text = "\uf0b7 The current service model, lacks strategic direction"
    found = find_quote(doc(text), "The current service model, lacks strategic direction")
    assert found is not None
    assert found.context == "• The current service model, lacks strategic direction"


# --- never a different figure ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("£0.65m (saving £0.95m)", "saving £0.9"),  # a decimal cut short
        ("Headcount 10– 15.6 FTE", "5.6 FTE"),  # a digit in front
        ("£10.8m", "0.8m"),
        ("Proposed reduction:  -1 FTE", "1 FTE"),  # the minus sign is the figure's
        ("120 part-time places", "12"),
        ("Headcount 25 – 12.6 FTE", "Headcount 2"),
        ("the cost was £1,250", "£1"),  # thousands cut short
        ("Current budget £0.82M", "Current budget £0.83M"),
        ("Current budget £0.82M", "Current Budget £0.82M"),  # the words must be the words
    ],
)
def test_a_different_figure_is_not_matched(text: str, quote: str):
    assert marked(text, quote) is None


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ("£0.65m (saving £0.9m)", "saving £0.9m", "saving £0.9m"),
        ("£0.65m (saving £0.9m)", "£0.9", "£0.9"),  # the unit after a figure is not a digit
        ("Proposed Reduction:- 2.12 FTE", "2.12 FTE", "2.12 FTE"),  # ":-" is punctuation
        ("Headcount 10– 5.6 FTE", "5.6 FTE", "5.6 FTE"),
        ("12 part-time places (6 morning, 6 afternoon)", "6 morning", "6 morning"),
    ],
)
def test_the_same_figure_is_matched(text: str, quote: str, expected: str):
    assert marked(text, quote) == expected


# --- which occurrence, and the paragraph around it -----------------------------------------------


def test_the_first_occurrence_after_the_section_heading():
    text = (
        "Hospital Education Service\n\nDSG savings £0.11m\nESG savings £0\n\n"
        "Performing Arts Service\n\nDSG savings £0\nESG savings £0\n"
    )
    first = find_quote(doc(text), "ESG savings £0")
    assert first is not None and first.line == 4 and first.occurrences == 2
    second = find_quote(doc(text), "ESG savings £0", near="performing arts service")
    assert second is not None and second.line == 9 and second.occurrences == 2
    # A heading not in the text: the first occurrence.
    assert find_quote(doc(text), "ESG savings £0", near="Nowhere").line == 4  # type: ignore[union-attr]


def test_the_paragraph_between_blank_lines():
    text = (
        "Rationale One.\n\n"
        + "Line before the quote, a long one to fill the paragraph out well past the minimum.\n" * 2
        + "The quote is here.   \n"
        + "And after it, another long line that makes the paragraph long enough to stand.\n" * 2
        + "\nNext paragraph.\n"
    )
    found = find_quote(doc(text), "quote is here")
    assert found is not None
    assert found.context.startswith("Line before the quote")
    assert found.context.endswith("long enough to stand.")
    assert "Rationale" not in found.context and "Next" not in found.context
    assert found.context[found.start : found.end] == "quote is here"
    assert found.before.endswith("The ") and found.after.startswith(".\nAnd after")
    assert (found.line, found.cut_before, found.cut_after) == (5, False, False)


def test_a_short_paragraph_is_widened_by_a_few_lines():
    text = (
        "".join(f"line {n}\n\n" for n in range(1, 12))
        + "Current budget\n£0.82M\n\n"
        + ("".join(f"line {n}\n" for n in range(12, 20)))
    )
    found = find_quote(doc(text), "Current budget £0.82M")
    assert found is not None
    # Four lines with words each way (blank lines kept as one), no more.
    assert found.context.split("\n\n")[0] == "line 8"
    assert found.context.endswith("line 15")
    assert found.marked == "Current budget\n£0.82M"


def test_a_huge_paragraph_is_cut_to_a_window():
    lines = [f"sentence {n:03d} of a paragraph that never ends, with words" for n in range(80)]
    text = "\n".join([*lines[:40], "The quote is here.", *lines[40:]])
    found = find_quote(doc(text), "The quote is here.")
    assert found is not None
    assert found.cut_before and found.cut_after
    assert len(found.context) <= 2 * WINDOW_CHARS + len("The quote is here.") + 2
    assert len(found.context) < MAX_CONTEXT_CHARS
    # Cut at line boundaries: whole lines only.
    assert all(line.startswith(("sentence", "The quote")) for line in found.context.splitlines())
    assert found.marked == "The quote is here."


def test_not_found_and_empty():
    assert find_quote(doc("some text"), "other text") is None
    assert find_quote(doc("some text"), "   ") is None
    assert locate({}, QuoteRef("x", "doc", "", "some")) is None


# --- reading the texts ---------------------------------------------------------------------------


def _data_with(tmp_path: Path, entry: str) -> Path:
    root = tmp_path / "data"
    root.mkdir(parents=True)
    (root / "sources.yaml").write_text(f"documents:\n  report:\n    title: T\n{entry}")
    return root


def test_the_declared_file_is_read(tmp_path: Path):
    root = _data_with(tmp_path, "    file: ../sources/report.txt\n")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "report.txt").write_text("Current budget\n£0.82M\n")
    texts = load_source_texts(root)
    assert list(texts) == ["report"]
    assert texts["report"].text == "Current budget\n£0.82M\n"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("    file: ../sources/missing.txt\n", "missing.txt not found"),
        ("    file: /etc/hostname.txt\n", "must be a path relative to the data folder"),
        ("    file: ../../elsewhere/report.txt\n", "must be a path relative to the data folder"),
        ("    file: ../sources/report.pdf\n", "is not a .txt file"),
        ("    file: 12\n", "must be a relative path to a .txt file"),
    ],
)
def test_a_bad_file_is_named(tmp_path: Path, entry: str, message: str):
    root = _data_with(tmp_path, entry)
    with pytest.raises(DataError) as caught:
        load_source_texts(root)
    (problem,) = caught.value.problems
    assert (problem.file, problem.record, problem.field) == ("sources.yaml", "report", "file")
    assert message in problem.message


def test_a_text_that_is_not_utf8_is_named(tmp_path: Path):
    root = _data_with(tmp_path, "    file: ../sources/report.txt\n")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "report.txt").write_bytes(b"caf\xe9")
    with pytest.raises(DataError, match=r"report\.txt is not UTF-8"):
        load_source_texts(root)


def test_a_document_without_a_file_has_no_text(tmp_path: Path):
    assert load_source_texts(_data_with(tmp_path, "    file: null\n")) == {}
    assert load_source_texts(_data_with(tmp_path / "b", "")) == {}


# --- every quote in data/ ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def texts() -> dict[str, SourceText]:
    return load_source_texts(DATA)


def test_both_documents_have_text(texts):
    assert set(texts) == {"cabinet_appendix", "foi_sen"}


def test_every_quote_in_data_is_found_in_its_document(texts):
    checked, missing = 0, []
    for path in _data_files():
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        fallback = "cabinet_appendix" if path.parent.name == "services" else None
        default_doc = raw.get("document", fallback) if isinstance(raw, dict) else None
        for document, where, quote in _quotes(raw, default_doc):
            if document not in texts:
                continue
            checked += 1
            found = find_quote(texts[document], quote)
            if found is None or canonical_quote(found.marked) != canonical_quote(quote):
                missing.append(f"{path.name}{where}: {quote!r}")
    assert missing == []
    assert checked > 250


def test_every_figure_in_the_tables_is_found_in_its_section(dataset, texts):
    """The figures the Data and sources page offers: found, and for a service's figure, in the
    service's own section (the quote "ESG savings £0" is printed under two services)."""
    frame = figure_sources_frame(dataset)
    ids = {d.short: d.id for d in dataset.documents.values()}
    for row in frame.itertuples():
        ref = QuoteRef(str(row.Figure), ids[str(row.Document)], str(row.Section), str(row.Quote))
        found = locate(texts, ref)
        assert found is not None, ref
        heading = texts[ref.document].text.find(f"\n{ref.section}")
        assert heading >= 0, ref.section
        assert found.line > texts[ref.document].text[:heading].count("\n"), ref
    sen = sen_figure_sources_frame(dataset)
    for row in sen.itertuples():
        ref = QuoteRef(str(row.Record), ids[str(row.Document)], str(row.Section), str(row.Quote))
        assert locate(texts, ref) is not None, ref
