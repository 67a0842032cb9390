"""Reading YAML safely: size-limited, UTF-8 only, no aliases, no Python tags (``yaml.safe_load`` rules)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import yaml

from redesign.core.errors import DataError

# Data files are a few KB; anything near this is a mistake or an attack.
MAX_DATA_FILE_BYTES = 1_000_000


class _NoAliasSafeLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors/aliases: they are never needed here and enable alias bombs."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None,
                None,
                "YAML anchors and aliases (&name, *name) are not allowed",
                cast(yaml.error.Mark, event.start_mark),
            )
        if getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None,
                None,
                "YAML anchors and aliases (&name, *name) are not allowed",
                cast(yaml.error.Mark, event.start_mark),
            )
        return super().compose_node(parent, index)


def parse_yaml_bytes(raw: bytes, file_label: str, max_bytes: int = MAX_DATA_FILE_BYTES) -> Any:
    """Parse YAML from bytes, or raise DataError naming ``file_label`` and what is wrong."""
    if len(raw) > max_bytes:
        raise DataError.single(
            file_label, "", "", f"file is {len(raw):,} bytes; the limit is {max_bytes:,} bytes"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError.single(
            file_label, "", "", f"not UTF-8 text (bad byte at position {exc.start})"
        ) from None
    if not text.strip():
        # What a failed copy or a full disk leaves behind: never read as "no figures".
        raise DataError.single(file_label, "", "", "file is empty")
    try:
        # Construction uses SafeConstructor only: Python-object tags are rejected.
        parsed = yaml.load(text, Loader=_NoAliasSafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        problem = exc.problem or exc.context or "invalid YAML"
        raise DataError.single(file_label, "", where, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise DataError.single(file_label, "", "", f"invalid YAML: {exc}") from None
    except RecursionError:
        raise DataError.single(file_label, "", "", "nesting is too deep") from None
    except (ValueError, TypeError, OverflowError, AttributeError, KeyError, IndexError) as exc:
        # The safe constructor can still fail on a value: an impossible date, a 5,000-digit
        # number, "!!float x", "!!timestamp x" (AttributeError inside PyYAML). Report it like any
        # other bad YAML, never as a traceback.
        raise DataError.single(
            file_label, "", "", f"invalid YAML value: {str(exc)[:200]}"
        ) from None
    if parsed is None:
        raise DataError.single(file_label, "", "", "file holds no data (only comments)")
    return parsed


def read_yaml_file(
    path: Path, label: str | None = None, max_bytes: int = MAX_DATA_FILE_BYTES
) -> Any:
    """Read and parse one YAML file; errors name it by ``label`` (default: its file name)."""
    label = label or path.name
    if not path.is_file():
        raise DataError.single(label, "", "", "file is missing")
    size = path.stat().st_size
    if size > max_bytes:
        raise DataError.single(label, "", "", f"file is {size:,} bytes; the limit is {max_bytes:,}")
    return parse_yaml_bytes(path.read_bytes(), label, max_bytes)


def type_name(value: Any) -> str:
    """What a YAML value is, in a user's words: "a list", "text", "a number"."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def read_yaml_mapping(
    path: Path, label: str | None = None, max_bytes: int = MAX_DATA_FILE_BYTES
) -> dict[str, Any]:
    """Read one data file whose top level must be a mapping (``key: value`` lines)."""
    label = label or path.name
    raw = read_yaml_file(path, label, max_bytes)
    if not isinstance(raw, dict):
        raise DataError.single(
            label,
            "",
            "(file)",
            f"the top level must be a mapping of key: value lines, got {type_name(raw)}",
        )
    return raw
