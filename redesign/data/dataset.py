"""Load a data folder into one validated, immutable Dataset (or a DataError listing every problem)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redesign.core.errors import DataError, DataProblem
from redesign.data import fields as f
from redesign.data.assumptions import Assumption, parse_assumptions
from redesign.data.categories import ProposalCategory, parse_categories
from redesign.data.manifest import (
    MANIFEST_FILE,
    SERVICES_DIR,
    Manifest,
    parse_manifest,
    service_paths,
)
from redesign.data.need_map import NEED_MAP_FILE, NeedMap, parse_need_map
from redesign.data.need_map import cross_check as need_map_cross_check
from redesign.data.sen.parse import parse_sen_needs
from redesign.data.sen.records import SEN_FILE, SenNeeds
from redesign.data.sen_support import SenSupportDetail, parse_sen_support
from redesign.data.services import Service, parse_service
from redesign.data.yaml_io import read_yaml_mapping

DATA_DIR_ENV = "REDESIGN_DATA_DIR"


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    short: str
    date: str
    # How the pages name the period of the document's figures ("2016 proposals"); optional.
    period: str = ""

    @property
    def period_label(self) -> str:
        """The period, or the date when the data gives no period."""
        return self.period or self.date


@dataclass(frozen=True)
class Dataset:
    data_dir: Path
    documents: dict[str, Document]
    categories: tuple[ProposalCategory, ...]
    services: tuple[Service, ...]
    sen_support: SenSupportDetail
    assumptions: tuple[Assumption, ...]
    # The SEN needs and provision dataset (sen_needs.yaml) and the tool's editorial map from its
    # categories of need to the services (need_support_map.yaml); None in a folder without them.
    sen: SenNeeds | None = None
    need_map: NeedMap | None = None
    # A content hash of the data files (see content_digest): the version of the data a saved
    # scenario was computed on.
    digest: str = ""

    def service(self, service_id: str) -> Service:
        for service in self.services:
            if service.id == service_id:
                return service
        raise KeyError(service_id)

    def category_label(self, category_id: str) -> str:
        for category in self.categories:
            if category.id == category_id:
                return category.label
        return category_id

    def proposals_period(self) -> str:
        """The period of the report's figures as the pages name it ("2016 proposals")."""
        doc = self.documents.get(REPORT_DOCUMENT)
        return doc.period_label if doc else ""

    def document_title(self, document_id: str) -> str:
        doc = self.documents.get(document_id)
        return doc.short if doc else document_id


# The cabinet report appendix: the source of every service's figures.
REPORT_DOCUMENT = "cabinet_appendix"


# Resolved once: resolving makes a system call for each part of the path, and pages ask for
# the folder on every rerun.
_PACKAGE_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def default_data_dir() -> Path:
    """$REDESIGN_DATA_DIR if set, else the ``data/`` folder beside this package."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    return _PACKAGE_DATA_DIR


def _read(path: Path, problems: list[DataProblem], label: str | None = None) -> Any:
    """A data file's top-level mapping, or None with its problem recorded (missing, empty, not a
    mapping, bad YAML): every file the manifest promises must be there and hold data."""
    try:
        return read_yaml_mapping(path, label)
    except DataError as exc:
        problems.extend(exc.problems)
        return None


def _document_of(raw: Any, default: str) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("document"), str):
        return raw["document"]
    return default


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Read and validate every file in ``data_dir``; raise DataError with all problems found."""
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    problems: list[DataProblem] = []
    if not root.is_dir():
        raise DataError.single(str(root), "", "", "data folder not found")

    documents = _load_documents(root, problems)
    manifest = _load_manifest(root, problems)

    raw_categories = _read(root / "proposal_categories.yaml", problems)
    cat_ctx = f.Context(
        "proposal_categories.yaml", "", _document_of(raw_categories, ""), "", problems
    )
    categories = parse_categories(raw_categories, cat_ctx) if raw_categories is not None else ()

    services = _load_services(root, manifest, problems) if manifest is not None else ()

    raw_detail = _read(root / "sen_support_detail.yaml", problems)
    detail = None
    if raw_detail is not None:
        detail_ctx = f.Context(
            "sen_support_detail.yaml", "", _document_of(raw_detail, ""), "", problems
        )
        detail = parse_sen_support(raw_detail, detail_ctx)

    raw_assumptions = _read(root / "assumptions.yaml", problems)
    assumptions: tuple[Assumption, ...] = ()
    if raw_assumptions is not None:
        a_ctx = f.Context("assumptions.yaml", "", "tool_editorial", "", problems)
        assumptions = parse_assumptions(raw_assumptions, a_ctx)

    sen, raw_sen, need_map = (
        _load_sen(root, services, detail, problems)
        if manifest is None or manifest.sen_dataset
        else _no_sen(root, problems)
    )

    for raw, name in (
        (raw_categories, "proposal_categories.yaml"),
        (raw_detail, "sen_support_detail.yaml"),
        (raw_sen, SEN_FILE),
    ):
        doc = _document_of(raw, "")
        # Without a readable sources.yaml its own problem says enough.
        if raw is not None and documents and doc not in documents:
            problems.append(DataProblem(name, "", "document", f"unknown document {doc!r}"))

    if services:  # with no readable service, each file's own problem says enough
        _cross_check(categories, services, detail, assumptions, problems)
    if problems or detail is None:
        if not problems:
            problems.append(DataProblem("sen_support_detail.yaml", "", "", "could not be read"))
        raise DataError(problems)
    return Dataset(
        root,
        documents,
        categories,
        services,
        detail,
        assumptions,
        sen,
        need_map,
        digest=content_digest(root),
    )


def _load_sen(
    root: Path,
    services: tuple[Service, ...],
    detail: SenSupportDetail | None,
    problems: list[DataProblem],
) -> tuple[SenNeeds | None, Any, NeedMap | None]:
    """sen_needs.yaml and need_support_map.yaml, which the manifest says the folder holds."""
    sen_path, map_path = root / SEN_FILE, root / NEED_MAP_FILE
    sen = None
    raw_sen = _read(sen_path, problems)
    if raw_sen is not None:
        ctx = f.Context(SEN_FILE, "", _document_of(raw_sen, ""), "", problems)
        sen = parse_sen_needs(raw_sen, ctx)
    need_map = None
    raw_map = _read(map_path, problems)
    if raw_map is not None:
        ctx = f.Context(NEED_MAP_FILE, "", "tool_editorial", "", problems)
        need_map = parse_need_map(raw_map, ctx)
    if need_map is not None and services:
        category_ids = sen.categories.ids() if sen is not None else None
        problems.extend(
            need_map_cross_check(need_map, category_ids, (s.id for s in services), detail)
        )
    return sen, raw_sen, need_map


def _no_sen(root: Path, problems: list[DataProblem]) -> tuple[None, None, None]:
    """A folder without the SEN dataset (``sen_dataset: false``) must not hold half of it."""
    for name in (SEN_FILE, NEED_MAP_FILE):
        if (root / name).exists():
            problems.append(
                DataProblem(
                    name,
                    "",
                    "",
                    f"present, but {MANIFEST_FILE} says sen_dataset: false; "
                    "set it to true or remove the file",
                )
            )
    return None, None, None


def _load_manifest(root: Path, problems: list[DataProblem]) -> Manifest | None:
    raw = _read(root / MANIFEST_FILE, problems)
    if raw is None:
        return None
    return parse_manifest(raw, f.Context(MANIFEST_FILE, "", "", "", problems))


def _load_documents(root: Path, problems: list[DataProblem]) -> dict[str, Document]:
    raw = _read(root / "sources.yaml", problems)
    if raw is None:
        return {}
    ctx = f.Context("sources.yaml", "", "", "", problems)
    data = f.mapping(ctx, raw, "(file)")
    documents = {}
    for doc_id, entry in f.mapping(ctx, data.get("documents"), "documents").items():
        dctx = ctx.child(str(doc_id))
        entry = f.mapping(dctx, entry, "(document)")
        title = f.text(dctx, entry, "title")
        if title:
            documents[str(doc_id)] = Document(
                id=str(doc_id),
                title=title,
                short=f.text(dctx, entry, "short", required=False) or title,
                date=f.text(dctx, entry, "date", required=False) or "",
                period=f.text(dctx, entry, "period", required=False) or "",
            )
    return documents


def _load_services(
    root: Path, manifest: Manifest, problems: list[DataProblem]
) -> tuple[Service, ...]:
    """The services in the manifest's order; each listed file must be there and hold one."""
    paths = service_paths(root, manifest, problems)
    services: list[Service] = []
    first_file: dict[str, str] = {}
    for path in paths:
        label = f"{SERVICES_DIR}/{path.name}"
        raw = _read(path, problems, label)
        if raw is None:
            continue
        ctx = f.Context(label, "", REPORT_DOCUMENT, "", problems)
        service = parse_service(raw, ctx)
        if service is None:
            continue
        if service.id in first_file:
            problems.append(
                DataProblem(
                    label, service.id, "id", f"duplicate service (also in {first_file[service.id]})"
                )
            )
            continue
        first_file[service.id] = label
        services.append(service)
    return tuple(services)


def required_assumption_ids(detail: SenSupportDetail) -> list[str]:
    """The assumptions the buy-back model needs for this dataset's at-risk groups."""
    ids = ["traded_charge_pct", "redundancy_cost_per_fte", "proposal_buyback_pct"]
    for group in detail.groups:
        ids += [f"cost_per_fte.{group.id}", f"fixed_cost.{group.id}", f"min_viable_fte.{group.id}"]
    return ids


def _cross_check(
    categories: tuple[ProposalCategory, ...],
    services: tuple[Service, ...],
    detail: SenSupportDetail | None,
    assumptions: tuple[Assumption, ...],
    problems: list[DataProblem],
) -> None:
    """Checks that span files: references resolve and the at-risk pool is consistent."""
    listed = {c.id: {n.name for n in c.listed} for c in categories}
    for service in services:
        for i, link in enumerate(service.categories):
            where = f"categories[{i}]"
            if categories and link.category not in listed:
                problems.append(
                    DataProblem(
                        service.file,
                        service.id,
                        f"{where}.category",
                        f"unknown category {link.category!r} "
                        f"(expected one of: {', '.join(listed)})",
                    )
                )
            elif link.listed_as and categories and link.listed_as not in listed[link.category]:
                problems.append(
                    DataProblem(
                        service.file,
                        service.id,
                        f"{where}.listed_as",
                        f"{link.listed_as!r} is not listed under {link.category!r} in "
                        "proposal_categories.yaml",
                    )
                )
    if detail is None:
        return
    file = "sen_support_detail.yaml"
    by_id = {s.id: s for s in services}
    sen_service = by_id.get(detail.service_id)
    if sen_service is None:
        problems.append(
            DataProblem(file, "", "service", f"no service with id {detail.service_id!r}")
        )
        return
    pool = sen_service.staffing.value("market_testing_reduction_fte")
    if pool is None:
        problems.append(
            DataProblem(
                sen_service.file,
                sen_service.id,
                "staffing.market_testing_reduction_fte",
                "missing: the buy-back model needs the FTE subject to market testing",
            )
        )
        return
    named = sum(g.fte.value or 0 for g in detail.groups if g.fte is not None)
    if named > pool + 1e-9:
        problems.append(
            DataProblem(
                file,
                "at_risk_pool",
                "groups",
                f"named groups total {named:.2f} FTE, more than the {pool:.2f} FTE at risk",
            )
        )
    have = {a.id for a in assumptions}
    for needed in required_assumption_ids(detail):
        if assumptions and needed not in have:
            problems.append(
                DataProblem(
                    "assumptions.yaml", needed, "id", "missing: the buy-back model needs it"
                )
            )


def content_digest(root: Path) -> str:
    """SHA-256 (hex) of the data files the loader reads: each file's path relative to ``root`` and
    its bytes, in path order. Unlike ui.data's fingerprint (names, sizes, times), it changes only
    when the content does, so a copied or re-checked-out folder keeps its version."""
    paths = [p for p in root.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()]
    services = root / SERVICES_DIR
    if services.is_dir():
        paths += [p for p in services.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()]
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.relative_to(root).as_posix()):
        name = path.relative_to(root).as_posix().encode()
        content = path.read_bytes()
        # Lengths first, so that no two different sets of files hash the same byte stream.
        digest.update(len(name).to_bytes(8, "big") + name + len(content).to_bytes(8, "big"))
        digest.update(content)
    return digest.hexdigest()
