"""``python -m redesign workshop ...`` as a subprocess: the issue's commands and JSON, exit codes,
and one line on stderr for every failure."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from typing import Any

import pytest

from redesign.store import DB_URL_ENV
from tests.support.paths import ROOT


def cli(*args: str, db: str):
    environ = {k: v for k, v in os.environ.items() if k != DB_URL_ENV}
    return subprocess.run(
        [sys.executable, "-m", "redesign", "workshop", *args, "--db", db],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=environ,
    )


def ok_json(*args: str, db: str) -> Any:
    result = cli(*args, "--json", db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def fails(code: int, *args: str, db: str) -> str:
    result = cli(*args, db=db)
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout == ""
    return lines[0]


def test_a_workshop_from_the_command_line(db_url: str):
    made = ok_json("create", "--title", "Heads' briefing", "--schools", "30", db=db_url)
    assert set(made) >= {"id", "join_code", "facilitator_key"}
    wid, key, code = made["id"], made["facilitator_key"], made["join_code"]
    room = ["--id", wid, "--key", key]

    oak = ok_json(
        "answer",
        "--code",
        code,
        "--school",
        "Oak Primary",
        "--phase",
        "primary",
        "--years",
        "3",
        "--days",
        "autism_teaching=100",
        "--days",
        "autism_hlta=20",
        "--not-sure",
        "behaviour_and_other",
        "--comment",
        "replaced when the answer changes",
        db=db_url,
    )
    token = oak["participant_token"]
    ok_json(
        "answer",
        "--code",
        code.lower(),
        "--school",
        "anonymous",
        "--days",
        "autism_teaching=60",
        "--days",
        "behaviour_and_other=64",
        db=db_url,
    )
    # The same school again is refused; with its token it changes its answer.
    message = fails(4, "answer", "--code", code, "--school", "oak primary", db=db_url)
    assert "Oak Primary has already answered" in message
    changed = ok_json(
        "answer",
        "--code",
        code,
        "--school",
        "Oak Primary",
        "--days",
        "autism_teaching=100",
        "--days",
        "autism_hlta=12",
        "--not-sure",
        "behaviour_and_other",
        "--comment",
        "=HYPERLINK(1)",
        "--token",
        token,
        db=db_url,
    )
    assert changed == {"participant_token": token, "changed": True}

    tally = ok_json("tally", *room, db=db_url)
    assert tally["answers"] == 2
    at = tally["per_offer"]["autism_teaching"]
    assert at["days"] == 160 and at["fte"] == pytest.approx(1.0)
    assert at["level"] == pytest.approx(1 / 9.2)
    assert tally["per_offer"]["autism_hlta"]["days"] == 12
    assert tally["retained_fte"] == pytest.approx((160 + 12 + 64) / 160)
    assert set(tally) >= {"redundant_fte", "traded_income_m", "saving_m", "scaled"}
    assert tally["scaled"]["per_offer"]["autism_teaching"]["days"] == pytest.approx(2_400)

    exported = cli("export", *room, db=db_url)
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.reader(io.StringIO(exported.stdout)))
    assert [r[0] for r in rows[1:]] == ["Oak Primary", "anonymous"]
    assert "=HYPERLINK" not in exported.stdout  # comments only on request
    comments = cli("export", *room, "--comments", db=db_url).stdout
    assert "'=HYPERLINK(1)" in comments  # never run as a formula
    assert "replaced" not in comments

    assert ok_json("close", *room, db=db_url)["state"] == "closed"
    late = fails(4, "answer", "--code", code, "--school", "Late School", db=db_url)
    assert "closed" in late
    saved = ok_json("apply", *room, db=db_url)
    assert (
        saved["name"] == "Heads' briefing" and saved["link"] == f"/buyback?scenario={saved['id']}"
    )
    assert ok_json("show", *room, db=db_url)["scenario_id"] == saved["id"]
    assert ok_json("delete", *room, db=db_url)["state"] == "deleted"
    fails(3, "answer", "--code", code, "--school", "X", db=db_url)
    assert ok_json("undelete", *room, db=db_url)["state"] == "closed"
    assert ok_json("erase", *room, db=db_url) == {"erased": wid}
    fails(3, "show", *room, db=db_url)


def test_failures_are_one_line(db_url: str):
    made = ok_json("create", "--title", "T", "--offer", "autism_teaching", db=db_url)
    wid, key, code = made["id"], made["facilitator_key"], made["join_code"]
    assert "not valid" in fails(3, "tally", "--id", wid, "--key", "x" * 32, db=db_url)
    assert "no workshop has that code" in fails(
        3, "answer", "--code", "ZZZZ-ZZZZ", "--school", "S", db=db_url
    )
    assert "more than a year has" in fails(
        2, "answer", "--code", code, "--school", "S", "--days", "autism_teaching=400", db=db_url
    )
    assert "does not ask about" in fails(
        2, "answer", "--code", code, "--school", "S", "--days", "autism_hlta=4", db=db_url
    )
    assert "GROUP_ID=DAYS" in fails(
        2, "answer", "--code", code, "--school", "S", "--days", "lots", db=db_url
    )
    assert "no offer 'dance'" in fails(2, "create", "--title", "T", "--offer", "dance", db=db_url)
    assert "the workshop a title" in fails(2, "create", "--title", " ", db=db_url)
    assert "database" in fails(1, "show", "--id", wid, "--key", key, db="mysql://x/y")
