"""The source documents in sources/ carry no personal data, and nor does the product.

The redacted texts must hold no e-mail address, no UK telephone number, no postcode and none of the
words withheld from them (officers' names, the mailbox and the address blocks). So that this file
does not itself put those words in the repository, it holds them only as salted SHA-256 digests
and checks every word of the texts against the digests. (A digest keeps a word out of plain sight;
it does not make it secret from someone who guesses names and hashes them.)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.support.paths import ROOT, SOURCES

SALT = "redesign-explorer:withheld:v1:"
# Digests of the lowercased words withheld from the source documents: six words of officers'
# names, a mailbox's local part, two place names and four postcode halves of the address blocks,
# and the digits of a telephone number.
WITHHELD = frozenset(
    {
        "6ccde36fcd3ef8473fd5856ca895c22f9d8817ddfd09d80107b236f3efaf8015",
        "08e6d5f208515c81658a20aa7a570173da035689971aa54f488dd3a4bd6159a4",
        "8f72910be800c6b20bc9424ba99a43070aa2d3353bd92c4881f6a245b9bff183",
        "c76ecd489186d19f901b53df384640888fe1e2410d6030c2c8e376979734259b",
        "43fa5f4bba4e8fb2046ca449915167b50205057a441e73a2ef2f8f0188293b1a",
        "aaef28f482ff768d818d9ffecd4f5ba0982b09b1a6f274a65e8d08b5b70f34bf",
        "6c019bea679364de55eb9e8573739b25e29c1af140a90ff92ed8848b74b47a7d",
        "672b8dd19f9c797cc2e3f8c69041f946640da94e71ac018f67c87bff4f6a5e99",
        "99a35fd0a5bd3e58a1d0d0c5c1ab584499b1ccec34651e66fab41e54478d659a",
        "d0665517722bd99549ab83c5bb07a678e3692ae41ee4bfe1f4429ec07a2f49ab",
        "f0e9db5f2f1654c619d23b49cf3e1f63a17efc05553d04a91cecb8631627a2b0",
        "45a84e1c39eebdc3fddbb18dbce53dc006103ef756b1fc14c3c07d48b810b830",
        "d904899822f421777f55842143c5f1771b73eeb3ff149e74e1f417f1e3003bed",
        "cec778c084f1569d4a407df183a1d89001fbd83fca05ac01a07187c420d7ea8b",
    }
)

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# UK numbers: 0 or +44, then 9 or 10 digits in the usual groupings ("020 7946 0018",
# "029 20180123", "07700 900123", "+44 (0)20 7946 0018").
PHONE = re.compile(r"(?:\+44\s?(?:\(0\)\s?)?|\b0)\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}\b")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b")
WORD = re.compile(r"[a-z0-9]+")

PRODUCT = ("redesign", "ui", "pages", "data", "docs", "app.py", "README.md")
TEXT_SUFFIXES = (".py", ".yaml", ".yml", ".md", ".toml", ".txt", ".csv", ".json", ".html")

MARKERS = {
    "[contact details withheld]": 3,  # the lead officer's, and the two address blocks
    "[signature withheld]": 2,  # the letter's, and the strategy foreword's
    "[name withheld]": 1,  # the foreword's author
}


def digest(word: str) -> str:
    return hashlib.sha256((SALT + word).encode()).hexdigest()


def withheld_words(text: str, withheld: frozenset[str] = WITHHELD) -> list[str]:
    """The words of ``text`` (lowercased) whose digest is in ``withheld``."""
    return sorted({w for w in WORD.findall(text.lower()) if digest(w) in withheld})


def personal_data(text: str, withheld: frozenset[str] = WITHHELD) -> list[str]:
    """Everything in ``text`` that looks like personal data: what was found, by kind."""
    found = [f"e-mail {m}" for m in EMAIL.findall(text)]
    found += [f"phone {m}" for m in PHONE.findall(text)]
    found += [f"postcode {m}" for m in POSTCODE.findall(text)]
    found += [f"withheld word #{sorted(withheld).index(digest(w))}" for w in withheld_words(text)]
    return found


def _text_files(names: Iterable[str]) -> list[Path]:
    paths: list[Path] = []
    for name in names:
        target = ROOT / name
        if target.is_file():
            paths.append(target)
        elif target.is_dir():
            paths += sorted(
                p
                for p in target.rglob("*")
                if p.is_file() and p.suffix in TEXT_SUFFIXES and "__pycache__" not in p.parts
            )
    return paths


def source_files() -> list[Path]:
    return sorted(p for p in SOURCES.iterdir() if p.is_file())


# --- the checker can fail --------------------------------------------------------------------


def test_the_patterns_catch_contact_details():
    # Ofcom's drama numbers and example.org: none is anyone's.
    for number in ("029 20180123", "020 7946 0018", "07700 900123", "+44 (0)20 7946 0018"):
        assert personal_data(f"Call {number} today") == [f"phone {number}"], number
    assert personal_data("write to first.last@example.org.") == ["e-mail first.last@example.org"]
    assert personal_data("Room 1, Somewhere CV9 9ZZ") == ["postcode CV9 9ZZ"]


def test_the_digests_catch_a_withheld_word_in_any_case():
    made_up = frozenset({digest("zebedee")})
    assert withheld_words("Signed: ZEBEDEE, Head of Service", made_up) == ["zebedee"]
    assert withheld_words("Signed: Zebedeex", made_up) == []


def test_the_digests_are_of_lowercase_words():
    assert len(WITHHELD) == 14
    assert all(re.fullmatch(r"[0-9a-f]{64}", d) for d in WITHHELD)


def test_ordinary_figures_are_not_taken_for_phone_numbers():
    text = "Headcount 25 – 12.6 FTE; £0.82M; 2004-05; 14 –16 yr old; 5835 pupils (11.7%)"
    assert personal_data(text) == []


# --- the sources -----------------------------------------------------------------------------


def test_both_documents_are_in_the_repository():
    names = {p.name for p in source_files()}
    assert {"cabinet_appendix.txt", "foi_sen.txt", "README.md"} <= names


@pytest.mark.parametrize("path", source_files(), ids=lambda p: p.name)
def test_the_sources_hold_no_personal_data(path: Path):
    assert personal_data(path.read_text(encoding="utf-8")) == []


def test_each_withheld_block_left_one_marker():
    text = (SOURCES / "foi_sen.txt").read_text(encoding="utf-8")
    assert {marker: text.count(marker) for marker in MARKERS} == MARKERS
    for marker in MARKERS:
        line = next(line for line in text.splitlines() if marker in line)
        # One marker line a block: nothing of the block is left beside it (the author's name is
        # the one withheld inside a line: "Foreword by [name withheld]").
        assert line.strip() in (marker, f"Foreword by {marker}")


# --- the product -----------------------------------------------------------------------------


def test_the_product_holds_no_personal_data():
    offenders = {
        str(p.relative_to(ROOT)): found
        for p in _text_files(PRODUCT)
        if (found := personal_data(p.read_text(encoding="utf-8", errors="replace")))
    }
    assert offenders == {}


def test_the_product_tree_is_looked_at():
    looked_at = {p.relative_to(ROOT).parts[0] for p in _text_files(PRODUCT)}
    assert {"redesign", "ui", "pages", "data", "app.py", "README.md"} <= looked_at


def test_nothing_reads_the_documents_from_beside_the_repository():
    # The documents used to be read from a folder beside the repository; a clone must hold all
    # it needs.
    beside = re.compile(r"shared/seeds|parent\s*/\s*[\"']shared[\"']")
    offenders = [
        str(p.relative_to(ROOT))
        for p in _text_files((*PRODUCT, "tests", "sources", "Makefile"))
        if p.name != Path(__file__).name and beside.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
