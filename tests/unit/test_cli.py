"""The command line, run as a subprocess, as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.support.paths import ROOT


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "redesign", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_validate_ok_prints_one_line():
    result = run("validate", "data")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("OK:")
    assert "9 services" in lines[0]


def test_validate_bad_folder_lists_each_problem(data_copy):
    hes = data_copy / "services" / "01_hospital_education.yaml"
    hes.write_text(
        hes.read_text().replace("proposed_fte: {value: 9.5,", "proposed_fte: {value: -1,")
    )
    lac = data_copy / "services" / "02_looked_after_children.yaml"
    lac.write_text(lac.read_text().replace("core: {value: 0.13", "lotto: {value: 0.13"))
    result = run("validate", str(data_copy))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert (
        "01_hospital_education.yaml › hospital_education › staffing.proposed_fte.value" in lines[0]
    )
    assert "lotto" in lines[1]
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_missing_folder(tmp_path):
    result = run("validate", str(tmp_path / "missing"))
    assert result.returncode == 1
    assert "not found" in result.stdout


def test_summary_json_shape():
    result = run("summary", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"services", "totals", "discrepancies"} <= set(data)
    first = data["services"][0]
    for key in (
        "name",
        "category",
        "current_budget_m",
        "proposed_cost_m",
        "saving_m",
        "savings_by_stream_m",
        "current_fte",
        "proposed_fte",
        "reduction_fte",
        "current_headcount",
    ):
        assert key in first
    assert set(first["savings_by_stream_m"]) == {"dsg", "esg", "core", "trading", "other"}
    assert data["totals"]["current_budget_m"] == 18.35
    assert data["totals"]["proposed_cost_m"] == 15.42
    assert data["totals"]["saving_m"] == 3.04
    assert data["totals"]["current_fte"] == 224.99
    assert data["totals"]["proposed_fte"] == 77.47
    sen = next(s for s in data["services"] if s["id"] == "sen_support")
    assert sen["proposed_fte"] is None
    assert sen["savings_by_stream_m"]["dsg"] is None
    celc = next(s for s in data["services"] if s["id"] == "extended_learning_centre")
    assert celc["saving_m"] is None
    for d in data["discrepancies"]:
        assert {"service", "check", "published", "computed"} <= set(d)


def test_summary_text():
    result = run("summary")
    assert result.returncode == 0
    assert "£18.35m" in result.stdout
    assert "do not reconcile" in result.stdout


def test_data_folder_from_environment(data_copy):
    hes = data_copy / "services" / "01_hospital_education.yaml"
    hes.write_text(hes.read_text().replace('Current budget £0.82M Proposed costs £0.68M"}', 'x"}'))
    hes.write_text(
        hes.read_text().replace(
            "current_budget_m: {value: 0.82,", "current_budget_m: {value: 1.82,"
        )
    )
    result = run("summary", "--json", env={"REDESIGN_DATA_DIR": str(data_copy)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["totals"]["current_budget_m"] == 19.35


def test_summary_invalid_data_exits_1(data_copy):
    (data_copy / "sources.yaml").write_text("documents: [unclosed\n")
    result = run("summary", "--data", str(data_copy))
    assert result.returncode == 1
    assert "sources.yaml" in result.stderr


def test_scenario_cli_text():
    result = run("scenario", "--buyback", "0.6")
    assert result.returncode == 0, result.stderr
    assert "Autism teaching posts" in result.stdout
    assert "Saving" in result.stdout


def test_unknown_command_exits_2():
    assert run("frobnicate").returncode == 2
