"""Reading data/assumptions.yaml: the pydantic record against the hand-written reader it replaced.

Issue 13 asks for a library in place of hand-written field reading "if it keeps the messages as
clear and the load as fast". This times, in one process and alternating (A, B, A, B ...), the
current ``parse_assumptions`` (pydantic) and the hand-written one as it stood at commit
``168c74d`` (read from git history), on the real file and on one with a mistake in every entry.
Then the whole data folder: ``redesign`` as it stood at ``168c74d`` (exported with ``git
archive``) and as it is now, each in fresh interpreters taking turns, timing the import of the
loader (pydantic's import included) and ``load_dataset()``.

    python -m bench.record_read [--reps 2000] [--rounds 8]
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from redesign.data import fields as f
from redesign.data.assumptions import parse_assumptions
from redesign.data.dataset import default_data_dir
from redesign.data.yaml_io import read_yaml_mapping

BASELINE_COMMIT = "168c74d"
ROOT = Path(__file__).resolve().parent.parent


def hand_written_reader() -> Callable[[Any, f.Context], Any]:
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{BASELINE_COMMIT}:redesign/data/assumptions.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "assumptions_hand_written.py"
        path.write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location("assumptions_hand_written", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while building
        spec.loader.exec_module(module)
    reader: Callable[[Any, f.Context], Any] = module.parse_assumptions
    return reader


def broken(raw: dict[str, Any]) -> dict[str, Any]:
    """The same file with one mistake in every entry (a text default)."""
    entries = [{**entry, "default": "fifty"} for entry in raw["assumptions"]]
    return {**raw, "assumptions": entries}


def time_us(reader: Callable[[Any, f.Context], Any], raw: Any) -> float:
    ctx = f.Context("assumptions.yaml", "", "tool_editorial", "")
    start = time.perf_counter()
    reader(raw, ctx)
    return (time.perf_counter() - start) * 1e6


LOAD_PROBE = """
import json, sys, time
start = time.perf_counter()
from redesign.data.dataset import load_dataset
imported = time.perf_counter()
loads = []
for _ in range(10):
    t = time.perf_counter()
    load_dataset(sys.argv[1])
    loads.append(time.perf_counter() - t)
print(json.dumps({"import": imported - start, "loads": loads}))
"""


def whole_load(tree: Path, data_dir: Path) -> dict[str, Any]:
    """One fresh interpreter with ``tree`` first on its path: import time and ten loads, seconds."""
    out = subprocess.run(
        [sys.executable, "-c", LOAD_PROBE, str(data_dir)],
        check=True,
        capture_output=True,
        text=True,
        cwd=tree,
    ).stdout
    result: dict[str, Any] = json.loads(out)
    return result


def baseline_tree(target: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", BASELINE_COMMIT, "redesign"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args(argv)

    raw = read_yaml_mapping(default_data_dir() / "assumptions.yaml")
    cases = {"the real file": raw, "a mistake in every entry": broken(raw)}
    readers = {"hand-written (baseline)": hand_written_reader(), "pydantic": parse_assumptions}
    print(
        f"data/assumptions.yaml, {len(raw['assumptions'])} entries, {args.reps} rounds, µs p50 / p90"
    )
    for case, data in cases.items():
        samples: dict[str, list[float]] = {name: [] for name in readers}
        for _ in range(args.reps):
            for name, reader in readers.items():
                samples[name].append(time_us(reader, data))
        base = statistics.median(samples["hand-written (baseline)"])
        for name, values in samples.items():
            ordered = sorted(values)
            p50, p90 = statistics.median(ordered), ordered[int(0.9 * len(ordered))]
            print(f"  {case:26} {name:24} {p50:7.1f} / {p90:7.1f}   {p50 / base:4.2f}x")

    with tempfile.TemporaryDirectory() as tmp:
        trees = {"hand-written (baseline)": baseline_tree(Path(tmp)), "pydantic": ROOT}
        imports: dict[str, list[float]] = {name: [] for name in trees}
        loads: dict[str, list[float]] = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, tree in trees.items():
                probe = whole_load(tree, default_data_dir())
                imports[name].append(probe["import"] * 1e3)
                loads[name].extend(t * 1e3 for t in probe["loads"])
    print(f"the whole data folder, {args.rounds} fresh interpreters each, ms p50 (ratio):")
    base_import = statistics.median(imports["hand-written (baseline)"])
    base_load = statistics.median(loads["hand-written (baseline)"])
    for name in trees:
        imp, load = statistics.median(imports[name]), statistics.median(loads[name])
        print(
            f"  {name:24} import the loader {imp:6.1f} ({imp / base_import:4.2f}x)"
            f"   load_dataset() {load:6.1f} ({load / base_load:4.2f}x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
