"""The data version: Dataset.digest, and a saved scenario checked against changed data."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

from redesign import load_dataset
from redesign.buyback.model import BuybackModel
from redesign.store import ScenarioStore, check_data_version, scenario_for_current_data
from tests.support.paths import DATA


def test_digest_follows_content_not_file_times(tmp_path: Path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    first = load_dataset(copy).digest
    assert len(first) == 64 and int(first, 16) >= 0
    assert load_dataset(DATA).digest == first, "a copy elsewhere is the same version"
    os.utime(copy / "assumptions.yaml", (0, 0))
    assert load_dataset(copy).digest == first
    path = copy / "assumptions.yaml"
    path.write_text(path.read_text() + "\n# an edit\n")
    assert load_dataset(copy).digest != first


def test_digest_covers_the_service_files_and_their_names(tmp_path: Path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    first = load_dataset(copy).digest
    service = sorted((copy / "services").glob("*.yaml"))[0]
    service.rename(service.with_name("zz_" + service.name))
    manifest = copy / "manifest.yaml"
    manifest.write_text(manifest.read_text().replace(service.name, "zz_" + service.name))
    assert load_dataset(copy).digest != first


def test_unchanged_data_gives_the_same_results(store: ScenarioStore, model: BuybackModel):
    saved = store.save("Same", model.uniform(0.7))
    check = store.data_check(saved)
    assert not check.data_changed
    assert check.now == check.saved and not check.outputs_changed
    assert check.adjustments == ()


def test_changed_data_says_so_and_gives_both_results(tmp_path: Path, store: ScenarioStore):
    saved = store.save("Before the change", store.model.uniform(0.7))
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    path = copy / "assumptions.yaml"
    text = path.read_text()
    # A higher default charge raises every scenario's traded income.
    old = "  - id: traded_charge_pct\n    label: Traded charge as a share of direct staff cost\n"
    old += "    unit: pct\n    default: 115\n"
    assert old in text
    path.write_text(text.replace(old, old.replace("default: 115", "default: 125")))
    changed = load_dataset(copy)
    new_model = BuybackModel(changed)
    assert new_model.assumptions["traded_charge_pct"].default == 125
    check = check_data_version(saved, new_model, changed.digest)
    assert check.data_changed
    assert check.saved == saved.headline
    assert check.now.traded_income_m > check.saved.traded_income_m
    assert check.outputs_changed


def test_a_scenario_is_fitted_to_data_that_lost_and_gained_groups(store: ScenarioStore, model):
    saved = store.save("Old groups", model.uniform(0.5))
    kept, *_ = model.group_ids
    odd = replace(
        saved,
        levels={kept: 0.5, "removed_group": 0.9},
        assumptions={"gone_assumption": 1.0, "traded_charge_pct": 1e9},
    )
    scenario, changes = scenario_for_current_data(odd, model)
    assert set(scenario.levels) == set(model.group_ids)
    assert scenario.levels[kept] == 0.5
    assert any("'removed_group' is no longer in the data" in c for c in changes)
    assert any("is new in the data" in c for c in changes)
    assert any("'gone_assumption'" in c for c in changes)
    spec = model.assumptions["traded_charge_pct"]
    assert scenario.assumptions.get("traded_charge_pct", spec.default) == spec.max
    check = check_data_version(odd, model, store.data_digest)
    assert check.adjustments == tuple(changes)
