"""The data folder's manifest (data/manifest.yaml): the one place that declares which service files
the folder holds, in the report's order, and whether it holds the SEN dataset.

A failed copy or a full disk leaves a file missing or empty; an editor's slip leaves one too many.
Checked against the manifest, each of these is a problem naming the file, never a silent change of
the totals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redesign.core.errors import DataProblem
from redesign.data import fields as f

MANIFEST_FILE = "manifest.yaml"
SERVICES_DIR = "services"
MAX_SERVICE_FILES = 5_000
# A service file's name: plain, inside services/ (no folders, no "..").
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.ya?ml$")


@dataclass(frozen=True)
class Manifest:
    service_files: tuple[str, ...]  # names inside services/, in the report's order
    sen_dataset: bool  # sen_needs.yaml and need_support_map.yaml are part of the folder


def parse_manifest(raw: Any, ctx: f.Context) -> Manifest | None:
    data = f.mapping(ctx, raw, "(file)")
    if not data:
        return None
    f.unknown_keys(ctx, data, {"services", "sen_dataset"})
    names: list[str] = []
    seen: set[str] = set()
    listed = f.sequence(ctx, data.get("services"), "services")
    if not listed and "services" in data:
        ctx.problem("services", "lists no service file")
    if len(listed) > MAX_SERVICE_FILES:
        ctx.problem("services", f"lists more than {MAX_SERVICE_FILES:,} service files")
        return None
    for i, name in enumerate(listed):
        where = f"services[{i + 1}]"
        if not isinstance(name, str) or not _FILE_NAME.match(name):
            ctx.problem(where, f"expected a file name such as 01_service.yaml, got {name!r}")
            continue
        if name in seen:
            ctx.problem(where, f"{name} is listed twice")
            continue
        seen.add(name)
        names.append(name)
    sen = data.get("sen_dataset", True)
    if not isinstance(sen, bool):
        ctx.problem("sen_dataset", f"expected true or false, got {sen!r}")
        sen = True
    return Manifest(tuple(names), sen)


def service_paths(root: Path, manifest: Manifest, problems: list[DataProblem]) -> list[Path]:
    """The listed service files in order; a listed file that is missing, or a file in services/
    that the manifest does not list, is a problem naming it."""
    folder = root / SERVICES_DIR
    if not folder.is_dir():
        problems.append(DataProblem(f"{SERVICES_DIR}/", "", "", "folder not found"))
        return []
    present = {p.name for p in folder.iterdir() if p.suffix in (".yaml", ".yml")}
    for name in sorted(present - set(manifest.service_files)):
        problems.append(
            DataProblem(
                f"{SERVICES_DIR}/{name}",
                "",
                "",
                f"not listed in {MANIFEST_FILE} (services): list it there, or remove the file",
            )
        )
    paths = []
    for name in manifest.service_files:
        if name in present:
            paths.append(folder / name)
        else:
            problems.append(
                DataProblem(
                    f"{SERVICES_DIR}/{name}",
                    "",
                    "",
                    f"file is missing (listed in {MANIFEST_FILE})",
                )
            )
    return paths
