"""Reading the source documents' text files (sources/), as data/sources.yaml names them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from redesign.core.errors import DataError, DataProblem
from redesign.data.source_text import SourceText

SOURCES_FILE = "sources.yaml"
MAX_SOURCES_YAML_BYTES = 1_000_000
# Far above the size of an extracted report: a text file near this is something else.
MAX_SOURCE_TEXT_BYTES = 2_000_000
SOURCE_SUFFIX = ".txt"


# --- reading the texts -----------------------------------------------------------------------


def _problem(record: str, message: str) -> DataProblem:
    return DataProblem(SOURCES_FILE, record, "file", message)


def _read_sources_yaml(root: Path) -> Any:
    path = root / SOURCES_FILE
    if not path.is_file():
        raise DataError.single(SOURCES_FILE, "", "", "file is missing")
    if path.stat().st_size > MAX_SOURCES_YAML_BYTES:
        raise DataError.single(SOURCES_FILE, "", "", "file is too large")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError, ValueError) as exc:
        raise DataError.single(SOURCES_FILE, "", "", f"cannot be read: {str(exc)[:200]}") from None


def source_files(root: Path) -> dict[str, Path]:
    """Each document's text file as sources.yaml declares it (``file``, relative to ``root``, the
    data folder); documents with no ``file`` (or ``file: null``) have no text. The file must be a
    ``.txt`` inside the folder that holds the data folder (so "../sources/x.txt" is allowed, an
    absolute path or one climbing further is not)."""
    raw = _read_sources_yaml(root)
    documents = raw.get("documents") if isinstance(raw, dict) else None
    if not isinstance(documents, dict):
        raise DataError.single(SOURCES_FILE, "", "documents", "missing or not a mapping")
    allowed = root.resolve().parent
    files: dict[str, Path] = {}
    problems: list[DataProblem] = []
    for doc_id, entry in documents.items():
        name = entry.get("file") if isinstance(entry, dict) else None
        if name is None:
            continue
        if not isinstance(name, str) or not name.strip():
            problems.append(_problem(str(doc_id), "must be a relative path to a .txt file"))
            continue
        relative = Path(name)
        path = (root / relative).resolve()
        if relative.is_absolute() or not path.is_relative_to(allowed):
            problems.append(
                _problem(str(doc_id), f"{name!r} must be a path relative to the data folder")
            )
        elif path.suffix != SOURCE_SUFFIX:
            problems.append(_problem(str(doc_id), f"{name!r} is not a {SOURCE_SUFFIX} file"))
        else:
            files[str(doc_id)] = path
    if problems:
        raise DataError(problems)
    return files


def load_source_texts(root: Path) -> dict[str, SourceText]:
    """Every declared document's text (document id -> SourceText); raises DataError naming each
    file that is missing, too large or not UTF-8."""
    texts: dict[str, SourceText] = {}
    problems: list[DataProblem] = []
    for doc_id, path in source_files(root).items():
        shown = path.name
        if not path.is_file():
            problems.append(_problem(doc_id, f"{shown} not found"))
            continue
        if path.stat().st_size > MAX_SOURCE_TEXT_BYTES:
            problems.append(
                _problem(doc_id, f"{shown} is larger than {MAX_SOURCE_TEXT_BYTES:,} bytes")
            )
            continue
        try:
            texts[doc_id] = SourceText.of(doc_id, path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(_problem(doc_id, f"{shown} is not UTF-8 (byte {exc.start})"))
    if problems:
        raise DataError(problems)
    return texts
