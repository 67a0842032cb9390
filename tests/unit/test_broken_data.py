"""Broken data is refused, naming the file: an empty or whitespace-only file, a file whose top level
is not a mapping, a missing file, and a service file missing from or extra to the manifest. A
zero-byte file is what a failed copy or a full disk leaves; it must never change the totals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from redesign import DataError, load_dataset
from redesign.data.manifest import MANIFEST_FILE
from tests.support.paths import ROOT

# Every file the loader reads, with the words of its record-level structure.
DATA_FILES = [
    "sources.yaml",
    MANIFEST_FILE,
    "proposal_categories.yaml",
    "sen_support_detail.yaml",
    "assumptions.yaml",
    "sen_needs.yaml",
    "need_support_map.yaml",
    "services/02_looked_after_children.yaml",
]


def problems_of(root: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_dataset(root)
    return [str(p) for p in info.value.problems]


def validate(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "redesign", "validate", str(root)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.parametrize("rel", DATA_FILES)
@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("", "file is empty"),
        ("  \n\t\n   \n", "file is empty"),
        ("# only a comment\n", "file holds no data"),
    ],
    ids=["zero-bytes", "whitespace", "comments-only"],
)
def test_an_empty_file_is_refused_by_name(data_copy: Path, rel: str, content: str, words: str):
    (data_copy / rel).write_text(content, encoding="utf-8")
    found = problems_of(data_copy)
    assert any(p.startswith(f"{rel}: {words}") for p in found), found


@pytest.mark.parametrize("rel", DATA_FILES)
@pytest.mark.parametrize("content", ["- a\n- list\n", "just text\n", "42\n", "true\n"])
def test_a_file_that_is_not_a_mapping_is_refused_by_name(data_copy: Path, rel: str, content: str):
    (data_copy / rel).write_text(content, encoding="utf-8")
    found = problems_of(data_copy)
    assert any(p.startswith(f"{rel} › (file): the top level must be a mapping") for p in found), (
        found
    )


@pytest.mark.parametrize("rel", DATA_FILES)
def test_a_missing_file_is_refused_by_name(data_copy: Path, rel: str):
    (data_copy / rel).unlink()
    found = problems_of(data_copy)
    assert any(p.startswith(f"{rel}: file is missing") for p in found), found


def test_a_service_file_missing_from_the_folder_is_named(data_copy: Path):
    (data_copy / "services" / "09_sen_management.yaml").unlink()
    found = problems_of(data_copy)
    assert "services/09_sen_management.yaml: file is missing (listed in manifest.yaml)" in found, (
        found
    )


def test_a_service_file_the_manifest_does_not_list_is_named(data_copy: Path):
    extra = data_copy / "services" / "10_extra_copy.yaml"
    extra.write_text((data_copy / "services" / "01_hospital_education.yaml").read_text())
    found = problems_of(data_copy)
    assert any(
        p.startswith("services/10_extra_copy.yaml: not listed in manifest.yaml") for p in found
    )


def test_the_manifest_sets_the_order_of_the_services(data_copy: Path):
    manifest = data_copy / MANIFEST_FILE
    text = manifest.read_text()
    first, second = "  - 01_hospital_education.yaml\n", "  - 02_looked_after_children.yaml\n"
    manifest.write_text(text.replace(first + second, second + first))
    ids = [s.id for s in load_dataset(data_copy).services]
    assert ids[:2] == ["looked_after_children", "hospital_education"]


@pytest.mark.parametrize(
    ("services", "words"),
    [
        ("services:\n  - ../sources.yaml\n", "expected a file name"),
        ("services:\n  - 01_hospital_education.yaml\n  - 01_hospital_education.yaml\n", "twice"),
        ("services: []\n", "lists no service file"),
        ("services: 01_hospital_education.yaml\n", "expected a list"),
    ],
)
def test_a_bad_manifest_is_refused_naming_its_field(data_copy: Path, services: str, words: str):
    (data_copy / MANIFEST_FILE).write_text(services + "sen_dataset: true\n")
    found = problems_of(data_copy)
    assert any(p.startswith(f"{MANIFEST_FILE} › ") and words in p for p in found), found


def test_a_folder_without_the_sen_dataset_says_so_in_its_manifest(data_copy: Path):
    manifest = data_copy / MANIFEST_FILE
    manifest.write_text(manifest.read_text().replace("sen_dataset: true", "sen_dataset: false"))
    found = problems_of(data_copy)
    assert any(p.startswith("sen_needs.yaml: present, but manifest.yaml says") for p in found)
    (data_copy / "sen_needs.yaml").unlink()
    (data_copy / "need_support_map.yaml").unlink()
    assert load_dataset(data_copy).sen is None


def test_validate_refuses_each_broken_file_and_names_it(data_copy: Path):
    """The CLI, as a user runs it: one line per problem, exit 1, never 'OK'."""
    (data_copy / "sen_needs.yaml").write_text("")
    (data_copy / "services" / "02_looked_after_children.yaml").write_text("   \n")
    (data_copy / "assumptions.yaml").write_text("- not\n- a mapping\n")
    (data_copy / "services" / "09_sen_management.yaml").unlink()
    done = validate(data_copy)
    assert done.returncode == 1
    assert "OK" not in done.stdout
    lines = (done.stdout + done.stderr).splitlines()
    for expected in (
        "sen_needs.yaml: file is empty",
        "services/02_looked_after_children.yaml: file is empty",
        "assumptions.yaml › (file): the top level must be a mapping",
        "services/09_sen_management.yaml: file is missing",
    ):
        assert any(line.startswith(expected) for line in lines), (expected, lines)
    assert "Traceback" not in done.stderr


def test_validate_accepts_the_real_data():
    done = validate(ROOT / "data")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK")
