"""Property-based hostile data files: whatever is in a data file, loading raises a DataError naming
the file, or succeeds only when what it read is exactly what was written; it never raises anything
else and never executes anything."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redesign import DataError, Dataset, load_dataset
from tests.support.paths import DATA
from tests.support.strategies import yaml_scalars, yaml_trees

HES = "services/01_hospital_education.yaml"

scalars = yaml_scalars(30)
trees = yaml_trees(30)


def _load_with(tmp: Path, rel: str, content: bytes) -> Dataset | None:
    """The dataset, or None after checking the DataError names a file for every problem."""
    root = tmp / "data"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(DATA, root)
    (root / rel).write_bytes(content)
    try:
        return load_dataset(root)
    except DataError as exc:
        assert exc.problems, "a DataError must list its problems"
        for problem in exc.problems:
            assert problem.file, f"problem without a file: {problem}"
            assert problem.message
        return None


def _refused(tmp: Path, rel: str, content: bytes) -> None:
    assert _load_with(tmp, rel, content) is None, f"{rel} was accepted: {content[:80]!r}"


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    tree=trees,
    target=st.sampled_from(
        [
            HES,
            "assumptions.yaml",
            "sen_support_detail.yaml",
            "proposal_categories.yaml",
            "sources.yaml",
        ]
    ),
)
def test_any_yaml_tree_is_refused(tmp_path, tree, target):
    """A random tree in place of a whole file is never a valid file of that kind."""
    _refused(tmp_path, target, yaml.safe_dump(tree).encode("utf-8"))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=400))
def test_any_bytes_are_refused(tmp_path, content):
    _refused(tmp_path, HES, content)


FIELDS = [
    "current_fte",
    "current_headcount",
    "proposed_fte",
    "reduction_fte",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(FIELDS), value=scalars | st.lists(scalars, max_size=3))
def test_any_value_in_a_figure_is_handled(tmp_path, field, value):
    raw = yaml.safe_load((DATA / HES).read_text(encoding="utf-8"))
    raw["staffing"][field] = {"value": value, "quote": "Headcount 25 – 12.6 FTE"}
    loaded = _load_with(tmp_path, HES, yaml.safe_dump(raw, allow_unicode=True).encode("utf-8"))
    if loaded is not None:
        # Accepted only as a figure the report could print: a non-negative number, or none.
        read = loaded.service("hospital_education").staffing.value(field)
        assert value is None or (type(value) in (int, float) and value >= 0), value
        assert read == value


DANGEROUS = [
    b"!!python/object/apply:os.system ['touch /tmp/redesign-pwned']\n",
    b"a: !!python/object/new:subprocess.Popen [['touch', '/tmp/redesign-pwned']]\n",
    b"a: !!python/name:os.system\n",
    b"a: &x [1]\nb: *x\n",
    b"a: [" * 20_000,
    b"\xef\xbb\xbf\xff\xfe",
]


def test_dangerous_documents_execute_nothing(tmp_path):
    marker = Path("/tmp/redesign-pwned")
    marker.unlink(missing_ok=True)
    for content in DANGEROUS:
        _refused(tmp_path, HES, content)
    assert not marker.exists()
