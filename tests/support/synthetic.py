"""Synthetic datasets in exactly the schema of data/, at a multiple of the real counts.

``make_dataset(target, factor)`` copies data/ to ``target`` and adds, for factor k:

* services: (k - 1) copies of every service file (new id, name and file name; same figures);
* at-risk groups: (k - 1) named copies of every group in sen_support_detail.yaml (the derived
  remainder is copied as a named group with the remainder's FTE), the pool
  (``market_testing_reduction_fte`` of the SEN Support service) and that service's FTE and
  headcount multiplied by k, so the derived remainder is unchanged and the model stays valid;
* assumptions: cost_per_fte, fixed_cost and min_viable_fte for every new group (the originals'
  values);
* posts: (k - 1) copies of every establishment change in sen_support_detail.yaml.

Copies drop long verbatim text (report words, reasons) to stay under the 1 MB file limit; every
field the validator requires is kept. The result passes ``python -m redesign validate``.
Command line: ``python -m tests.support.synthetic DIR --factor 10``.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.support.paths import DATA

SYNTHETIC_NOTE = "Synthetic copy for benchmarks; not from the sources."


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: Any) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(text, encoding="utf-8")


def _scale_figure(figure: Any, factor: float, whole: bool = False) -> None:
    if isinstance(figure, dict) and isinstance(figure.get("value"), (int, float)):
        value = figure["value"] * factor
        figure["value"] = round(value) if whole else round(value, 2)


def counts(data_dir: Path) -> dict[str, int]:
    """Services, at-risk groups, assumptions and establishment changes ('posts') in a folder."""
    detail = _load(data_dir / "sen_support_detail.yaml")
    return {
        "services": len(list((data_dir / "services").glob("*.yaml"))),
        "at_risk_groups": len(detail["at_risk_pool"]["groups"]),
        "assumptions": len(_load(data_dir / "assumptions.yaml")["assumptions"]),
        "posts": len(detail.get("establishment") or []),
    }


def make_dataset(target: Path, factor: int, source: Path = DATA) -> Path:
    """Write a dataset ``factor`` times the size of ``source`` into ``target`` (created)."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    if factor == 1:
        return target
    copies = range(1, factor)

    # Services.
    services_dir = target / "services"
    manifest_path = target / "manifest.yaml"
    manifest = _load(manifest_path)
    originals = [services_dir / name for name in manifest["services"]]
    for path in originals:
        raw = _load(path)
        for j in copies:
            svc = copy.deepcopy(raw)
            svc["id"] = f"{raw['id']}_x{j}"
            svc["name"] = f"{raw['name']} (synthetic {j})"
            svc.pop("text", None)  # narrative is optional; keeps 900 files small
            _dump(services_dir / f"{path.stem}_x{j:03d}.yaml", svc)
    # Each copy beside its original, as the files sort.
    manifest["services"] = sorted(p.name for p in services_dir.glob("*.yaml"))
    _dump(manifest_path, manifest)

    # At-risk groups, their assumptions, and the establishment changes ("posts").
    detail_path = target / "sen_support_detail.yaml"
    detail = _load(detail_path)
    pool = detail["at_risk_pool"]
    groups = pool["groups"]
    service_id = detail["service"]
    sen_path = next(p for p in originals if _load(p).get("id") == service_id)
    sen_service = _load(sen_path)
    staffing = sen_service["staffing"]
    pool_fte = staffing["market_testing_reduction_fte"]["value"]
    named = sum(g["fte"]["value"] for g in groups if not g.get("derived") and g.get("fte"))
    remainder = round(pool_fte - named, 2)

    assumptions_path = target / "assumptions.yaml"
    assumptions = _load(assumptions_path)
    by_id = {a["id"]: a for a in assumptions["assumptions"]}

    new_groups: list[dict[str, Any]] = []
    new_assumptions: list[dict[str, Any]] = []
    for j in copies:
        for g in groups:
            gid = f"{g['id']}_x{j}"
            fte = g["fte"]["value"] if not g.get("derived") else remainder
            quote = g["posts"].get("quote") or g["label"]
            new_groups.append(
                {
                    "id": gid,
                    "label": f"{g['label']} (synthetic {j})",
                    "team": g["team"],
                    "post_type": g["post_type"],
                    "posts": {"value": g["posts"].get("value"), "quote": quote},
                    "fte": {"value": fte, "quote": quote},
                }
            )
            for kind in ("cost_per_fte", "fixed_cost", "min_viable_fte"):
                spec = dict(by_id[f"{kind}.{g['id']}"])
                spec["id"] = f"{kind}.{gid}"
                spec["label"] = f"{spec['label']} (synthetic {j})"
                spec["reason"] = SYNTHETIC_NOTE
                new_assumptions.append(spec)
    groups.extend(new_groups)
    assumptions["assumptions"].extend(new_assumptions)

    establishment = detail.get("establishment") or []
    new_changes = []
    for j in copies:
        for change in establishment:
            c = copy.deepcopy(change)
            c["id"] = f"{change['id']}_x{j}"
            c["label"] = f"{change['label']} (synthetic {j})"
            new_changes.append(c)
    establishment.extend(new_changes)

    # The pool grows with the groups (the derived remainder stays as it was); the service's FTE
    # and headcount grow with it so its staffing still reads sensibly.
    _scale_figure(staffing["market_testing_reduction_fte"], factor)
    _scale_figure(staffing["current_fte"], factor)
    _scale_figure(staffing.get("current_headcount"), factor, whole=True)
    _scale_figure(staffing.get("posts_affected"), factor, whole=True)

    _dump(detail_path, detail)
    _dump(assumptions_path, assumptions)
    _dump(sen_path, sen_service)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.synthetic", description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--factor", type=int, default=10)
    args = parser.parse_args(argv)
    make_dataset(args.target, args.factor)
    print(f"{args.target}: {counts(args.target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
