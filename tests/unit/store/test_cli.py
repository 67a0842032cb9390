"""``python -m redesign scenarios ...`` run as a subprocess, as an officer's script would: exit
codes, exactly one JSON document with --json, and one line on stderr for every failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from redesign.buyback.model import BuybackModel
from redesign.buyback.scenario_io import from_yaml
from redesign.store import DB_URL_ENV, open_database
from tests.support.paths import ROOT

LIST_KEYS = {
    "id",
    "name",
    "note",
    "saved_at",
    "retained_fte",
    "redundant_fte",
    "traded_income_m",
    "saving_m",
}


def cli(*args: str, db: str | None = None, env: dict[str, str] | None = None):
    extra = ["--db", db] if db else []
    environ = {k: v for k, v in os.environ.items() if k != DB_URL_ENV}
    return subprocess.run(
        [sys.executable, "-m", "redesign", "scenarios", *args, *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**environ, **(env or {})},
    )


def ok_json(*args: str, db: str) -> Any:
    result = cli(*args, "--json", db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)  # the whole of stdout is one JSON document


def fails(code: int, *args: str, db: str | None = None, env: dict[str, str] | None = None) -> str:
    result = cli(*args, db=db, env=env)
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    return lines[0]


def test_the_library_from_the_command_line(db_url: str, model: BuybackModel):
    saved = ok_json(
        "save",
        "--name",
        "Keep autism teaching",
        "--note",
        "for cabinet",
        "--author",
        "SEN team",
        "--buyback",
        "80%",
        "--group",
        f"{model.group_ids[0]}=1.2",
        "--assume",
        "redundancy_cost_per_fte=25000",
        db=db_url,
    )
    sid = saved["id"]
    assert saved["name"] == "Keep autism teaching" and saved["author"] == "SEN team"
    assert saved["levels"][model.group_ids[0]] == 1.2
    assert saved["levels"][model.group_ids[1]] == 0.8
    assert saved["assumptions"] == {"redundancy_cost_per_fte": 25000.0}
    assert saved["link"] == f"?scenario={sid}"
    assert saved["data_changed"] is False and saved["problem"] is None

    listed = ok_json("list", db=db_url)
    assert [item["id"] for item in listed] == [sid]
    assert set(listed[0]) >= LIST_KEYS
    assert listed[0]["saved_at"].endswith("+00:00")

    shown = ok_json("show", sid, db=db_url)
    assert shown["now"]["saving_m"] == saved["saving_m"]
    assert ok_json("rename", sid, "Renamed", db=db_url)["name"] == "Renamed"
    assert ok_json("note", sid, "a new note", db=db_url)["note"] == "a new note"
    copy = ok_json("duplicate", sid, db=db_url)
    assert copy["name"] == "Renamed (copy)" and copy["id"] != sid
    assert ok_json("duplicate", sid, "--name", "Named copy", db=db_url)["name"] == "Named copy"

    assert ok_json("delete", sid, db=db_url)["deleted_at"] is not None
    assert sid not in {item["id"] for item in ok_json("list", db=db_url)}
    assert sid in {item["id"] for item in ok_json("list", "--all", db=db_url)}
    assert [item["id"] for item in ok_json("list", "--deleted", db=db_url)] == [sid]
    assert ok_json("undelete", sid, db=db_url)["deleted_at"] is None
    assert [item["id"] for item in ok_json("list", "--limit", "1", "--offset", "1", db=db_url)] == [
        copy["id"]
    ]

    exported = cli("export", sid, db=db_url)
    assert exported.returncode == 0, exported.stderr
    scenario = from_yaml(model, exported.stdout.encode())
    assert scenario.name == "Renamed"
    assert scenario.levels == saved["levels"]
    assert ok_json("export", sid, db=db_url)["yaml"] == exported.stdout

    ok_json("delete", copy["id"], db=db_url)
    assert ok_json("purge", "--older-than-days", "0", db=db_url) == {"purged": 1}


def test_text_output_and_the_environment_variable(tmp_path: Path):
    env = {DB_URL_ENV: f"sqlite:///{tmp_path / 'from-env.db'}"}
    saved = cli("save", "--name", "From the environment", env=env)
    assert saved.returncode == 0, saved.stderr
    assert saved.stdout.startswith("Saved 'From the environment' (")
    assert (tmp_path / "from-env.db").is_file()
    listed = cli("list", env=env)
    assert listed.returncode == 0
    assert "From the environment" in listed.stdout
    assert listed.stdout.strip().endswith("1 of 1 scenario(s).")
    # --db and --json may also come before the command.
    before = subprocess.run(
        [sys.executable, "-m", "redesign", "scenarios", "--db", env[DB_URL_ENV], "--json", "list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert before.returncode == 0 and len(json.loads(before.stdout)) == 1


def test_refusals_are_one_line_with_their_exit_code(db_url: str):
    assert "no saved scenario with id 'unknownid123'" in fails(3, "show", "unknownid123", db=db_url)
    assert fails(2, "save", "--name", "", db=db_url).startswith("error: name: ")
    assert "note: 1,001 characters" in fails(
        2, "save", "--name", "a", "--note", "n" * 1001, db=db_url
    )
    assert "unknown group 'nope'" in fails(2, "save", "--name", "a", "--group", "nope=1", db=db_url)


def test_usage_errors_are_one_line_too(tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert "--buyback" in fails(2, "save", "--name", "a", "--buyback", "7", db=db)
    assert "required: --name" in fails(2, "save", db=db)
    assert "invalid choice" in fails(2, "frobnicate", db=db)
    assert "required: COMMAND" in fails(2)
    assert "--limit" in fails(2, "list", "--limit", "0", db=db)
    assert not (tmp_path / "x.db").exists(), "refused before the database is opened"


def test_a_newer_database_is_refused_in_one_line(db_url: str):
    open_database(db_url).close()
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    engine.dispose()
    line = fails(1, "list", db=db_url)
    assert "newer than this version of Redesign Explorer knows" in line


def test_postgresql_down_is_one_line():
    line = fails(1, "list", db="postgresql://postgres@127.0.0.1:1/test")
    assert "is not reachable" in line


def test_a_damaged_file_is_set_aside_with_a_notice(tmp_path: Path):
    path = tmp_path / "redesign.db"
    path.write_bytes(b"this is not a database " * 500)
    result = cli("list", "--json", db=f"sqlite:///{path}")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    (line,) = result.stderr.splitlines()
    assert line.startswith("notice: The scenario database") and ".corrupt-" in line
    assert len(list(tmp_path.glob("redesign.db.corrupt-*"))) == 1


def test_a_data_folder_that_does_not_validate_is_one_line(tmp_path: Path, data_copy: Path):
    (data_copy / "sources.yaml").write_text("documents: [unclosed\n")
    line = fails(1, "list", "--data", str(data_copy), db=f"sqlite:///{tmp_path / 'x.db'}")
    assert "sources.yaml" in line and "python -m redesign validate" in line


def test_a_scenario_that_no_longer_fits_is_shown_not_exported(db_url: str):
    saved = ok_json("save", "--name", "Will not fit", db=db_url)
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE scenarios SET levels = :lv WHERE id = :id"),
            {"lv": json.dumps({"removed_group": 0.5}), "id": saved["id"]},
        )
    engine.dispose()
    shown = ok_json("show", saved["id"], db=db_url)
    assert "removed_group" in shown["problem"] and shown["adjustments"]
    assert "does not fit the current data" in fails(2, "export", saved["id"], db=db_url)
