"""Cached loading of the dataset: read once per change of the data folder, shared by every page.

``get_dataset()`` returns the validated Dataset. If the folder does not validate, the page shows the
problems as a readable list (file › record › field: message) and stops: never a traceback.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import streamlit as st

from redesign import DataError, Dataset, default_data_dir, load_dataset
from redesign.core.text import escape_markdown, plain_text

MAX_PROBLEMS_SHOWN = 50


def data_dir() -> Path:
    """The data folder in use: $REDESIGN_DATA_DIR if set, else data/ beside the package."""
    return default_data_dir()


_APP_ROOT = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=16)
def data_dir_label(root: Path) -> str:
    """The data folder as users may see it: relative to the app (``data``) or, for a folder set
    with $REDESIGN_DATA_DIR elsewhere, its name alone: the server's file paths are not shown."""
    try:
        return str(root.resolve().relative_to(_APP_ROOT))
    except (OSError, ValueError):
        return root.name or str(root)


def _fingerprint(root: Path) -> str:
    """A digest of the data files' names, sizes and modification times: cheap (no file is read;
    one directory walk and one ``stat`` a file), and it changes when a file is edited, so the
    cache never serves a stale dataset. A short string rather than the list itself, because it
    is the cache key of the dataset and of every page's parts (ui.cached), and Streamlit hashes
    a key on every call (bench/README.md gives what the longer key cost)."""
    found: list[tuple[str, int, int]] = []
    try:
        _walk(root, "", found)
    except OSError:
        return ""
    found.sort()
    return hashlib.blake2b(repr(found).encode(), digest_size=16).hexdigest()


# Deeper folders are not looked in (a guard against a symbolic link that loops).
MAX_FOLDER_DEPTH = 8


def _walk(
    folder: Path | str, prefix: str, found: list[tuple[str, int, int]], depth: int = 0
) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir():
                if depth < MAX_FOLDER_DEPTH:
                    _walk(entry.path, name + "/", found, depth + 1)
            elif entry.is_file() and entry.name.endswith((".yaml", ".yml")):
                info = entry.stat()
                found.append((name, info.st_size, info.st_mtime_ns))


# cache_resource, not cache_data: the Dataset is immutable (frozen dataclasses), so every session
# can share the one object. cache_data would unpickle a fresh copy on every rerun of every page,
# a cost that grows with the data (bench/README.md).
@st.cache_resource(show_spinner="Loading the data…", max_entries=4)
def _load(root: str, fingerprint: str) -> Dataset:
    del fingerprint  # part of the cache key only
    return load_dataset(Path(root))


# A version of the data: the folder and the digest of its files' names, sizes and modification
# times. It is the dataset's cache key, and the key of everything derived from the dataset alone
# (ui.cached).
DataVersion = tuple[str, str]


def data_version() -> DataVersion:
    """The version of the data folder in use (cheap: no file is read). Should the folder have
    changed since the page loaded it and no longer validate, the page shows the problems and
    stops, as ``get_dataset`` does, rather than failing later in ``dataset_of``."""
    root = data_dir()
    version = str(root), _fingerprint(root)
    try:
        _load(*version)  # from the cache, unless the files changed a moment ago
    except DataError as exc:
        show_data_error(exc, root)
        st.stop()
    return version


def dataset_of(version: DataVersion) -> Dataset:
    """The dataset of ``version``, from the cache (loaded if the cache no longer holds it)."""
    return _load(*version)


def get_dataset() -> Dataset:
    """The dataset, from the cache when the files have not changed; stops the page on a DataError."""
    root = data_dir()
    try:
        return _load(str(root), _fingerprint(root))
    except DataError as exc:
        show_data_error(exc, root)
        st.stop()
        raise  # unreachable: st.stop() ends the run


def show_data_error(exc: DataError, root: Path) -> None:
    problems = exc.problems
    shown = problems[:MAX_PROBLEMS_SHOWN]
    lines = "\n".join(f"- {escape_markdown(plain_text(str(p)))}" for p in shown)
    more = f"\n\n…and {len(problems) - len(shown)} more." if len(problems) > len(shown) else ""
    st.error(
        f"The data folder could not be used: {len(problems)} "
        f"{'problem' if len(problems) == 1 else 'problems'} found. "
        "Each names the file, the record and the field.\n\n"
        f"{lines}{more}",
        icon=":material/error:",
    )
    st.caption(f"Data folder: {escape_markdown(plain_text(data_dir_label(root)))}")


@st.cache_data(show_spinner="Building the workbook…", max_entries=4)
def _workbook(root: str, fingerprint: str, day: str) -> bytes:
    from datetime import date

    from redesign.exports.workbook import workbook_bytes

    return workbook_bytes(_load(root, fingerprint), date.fromisoformat(day))


def get_workbook() -> bytes:
    """The whole dataset as an Excel workbook (cached per data version and day)."""
    from datetime import date

    root = data_dir()
    return _workbook(str(root), _fingerprint(root), date.today().isoformat())
