"""The test folders mean what their names say: AppTest only in tests/app, a real browser only in
tests/browser, nothing at the top of tests/ but shared fixtures, and no product test leans on bench/
(import-linter holds the last one for imports; this also catches a ``-m bench`` subprocess)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import ROOT

TESTS = ROOT / "tests"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def offenders(folder: Path, prefix: str) -> list[str]:
    return [
        str(path.relative_to(ROOT))
        for path in python_files(folder)
        if any(name == prefix or name.startswith(prefix + ".") for name in imported_modules(path))
    ]


def test_the_folders_are_there() -> None:
    for name in ("unit", "app", "browser", "support"):
        assert (TESTS / name / "__init__.py").is_file(), name


def test_no_test_file_sits_at_the_top_of_tests() -> None:
    assert sorted(p.name for p in TESTS.glob("test_*.py")) == []


def test_apptest_only_in_tests_app() -> None:
    # tests/support/tables.py reads tables through AppTest for the app tests: support may.
    for folder in ("unit", "browser"):
        assert offenders(TESTS / folder, "streamlit.testing") == [], folder


def test_every_app_test_uses_apptest() -> None:
    lonely = [
        str(path.relative_to(ROOT))
        for path in python_files(TESTS / "app")
        if path.name.startswith("test_")
        and "streamlit.testing.v1" not in imported_modules(path)
        and "tests.support.tables" not in imported_modules(path)
    ]
    assert lonely == []


def test_a_real_browser_only_in_tests_browser() -> None:
    for folder in ("unit", "app", "support"):
        assert offenders(TESTS / folder, "playwright") == [], folder


def test_no_product_test_uses_bench() -> None:
    assert offenders(TESTS, "bench") == []
    runs_bench = [
        str(path.relative_to(ROOT))
        for path in python_files(TESTS)
        if path != Path(__file__).resolve() and bench_module_named(path)
    ]
    assert runs_bench == []


def bench_module_named(path: Path) -> bool:
    """A string constant naming a bench module (``python -m bench.x`` in a subprocess)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return any(
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and (node.value == "bench" or node.value.startswith("bench."))
        for node in ast.walk(tree)
    )
