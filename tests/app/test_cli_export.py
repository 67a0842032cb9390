"""``python -m redesign export`` run as a subprocess, as an officer's script would: the same files as
the pages' buttons (content-identical: the packs carry their date, never the moment they are made),
the service sheet, and one line on stderr with the exit code of the other commands on failure."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from redesign import load_dataset
from redesign.buyback import scenario_io as sio
from redesign.buyback.model import BuybackModel
from redesign.exports.pack.request import scenario_reference
from redesign.store import DB_URL_ENV, open_store
from tests.app.test_pages_apptest import APP, TIMEOUT
from tests.support.packs import flat, pdf_pages
from tests.support.paths import DATA, ROOT

TODAY = date.today().isoformat()


def export(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != DB_URL_ENV}
    return subprocess.run(
        [sys.executable, "-m", "redesign", "export", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env={**environ, **(env or {})},
    )


def fails(code: int, *args: str) -> str:
    result = export(*args)
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    return lines[0]


def parts(data: bytes, prefix: str = "") -> dict[str, bytes]:
    """A PowerPoint's or a workbook's parts (XML), for comparing content, not zip timestamps. A
    chart's embedded workbook is opened too; its creation time (set by python-pptx when the chart
    is made) is the one difference allowed."""
    out: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in sorted(z.namelist()):
            if name.endswith(".xlsx"):
                out |= parts(z.read(name), f"{prefix}{name}/")
            elif not (prefix and name == "docProps/core.xml"):
                out[prefix + name] = z.read(name)
    return out


def pdf_content(data: bytes) -> tuple[list[str], dict[str, str]]:
    reader = PdfReader(io.BytesIO(data))
    meta = {k: str(v) for k, v in (reader.metadata or {}).items() if "Date" not in k}
    return [p.extract_text() for p in reader.pages], meta


@pytest.fixture(scope="module")
def model():
    return BuybackModel(load_dataset(DATA))


@pytest.fixture(scope="module")
def compared(model, tmp_path_factory):
    """Two scenarios in the page's comparison list, and the same saved as scenario files."""
    folder = tmp_path_factory.mktemp("compare")
    named = [
        (
            "Keep every post",
            sio.make_scenario(model, dict.fromkeys(model.group_ids, 1.0), name="Keep every post"),
        ),
        (
            "Half back",
            sio.make_scenario(model, dict.fromkeys(model.group_ids, 0.5), name="Half back"),
        ),
    ]
    files = []
    for name, scenario in named:
        path = folder / f"{name}.yaml"
        path.write_text(sio.to_yaml(model, scenario), encoding="utf-8")
        files.append(str(path))
    return named, files


@pytest.fixture(scope="module")
def page_request(compared):
    """What the buy-back page's buttons make the pack from, for a scenario in its link."""
    from pages.buyback_parts import state as bs
    from pages.buyback_parts.comparison import Compared
    from redesign.exports.pack.request import NamedScenario
    from ui.briefing import live_scenario

    at = AppTest.from_file(APP, default_timeout=TIMEOUT * 2)
    at.run()
    at.switch_page("pages/buyback.py")
    at.query_params.update(
        {
            "bb_autism_teaching": "60",
            "bb_autism_hlta": "0",
            "bb_behaviour_and_other": "40",
            "name": "Option B",
        }
    )
    at.session_state[bs.COMPARE] = [Compared(name, s) for name, s in compared[0]]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    listed = [NamedScenario(c.name, c.scenario) for c in at.session_state[bs.COMPARE]]
    return live_scenario(at.session_state[bs.LIVE], "", listed)()


SCENARIO_ARGS = (
    "--group",
    "autism_teaching=60%",
    "--group",
    "autism_hlta=0",
    "--group",
    "behaviour_and_other=0.4",
    "--name",
    "Option B",
)


@pytest.mark.parametrize("kind", ["pdf", "pptx", "xlsx"])
def test_the_command_line_makes_the_page_buttons_file(kind, page_request, compared, tmp_path):
    from redesign import load_dataset as load
    from ui.briefing import MAKERS

    page_file = MAKERS[kind](load(DATA), page_request)
    out = tmp_path / f"pack.{kind}"
    args = ["--format", kind, "--out", str(out), *SCENARIO_ARGS]
    for path in compared[1]:
        args += ["--compare-file", path]
    result = export(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote {out}")
    cli_file = out.read_bytes()
    if kind == "pdf":
        assert pdf_content(cli_file) == pdf_content(page_file)
    else:
        assert parts(cli_file) == parts(page_file)


def test_the_pack_names_the_scenario_and_its_reference(page_request, model, tmp_path):
    out = tmp_path / "pack.pdf"
    assert export("--format", "pdf", "--out", str(out), *SCENARIO_ARGS).returncode == 0
    pages = pdf_pages(out.read_bytes())
    ref = scenario_reference(model, page_request.scenario)
    assert "Option B" in flat(pages[0]) and all(ref in p for p in pages)
    assert flat(pages[1]).startswith("Buy-back scenario")


def test_the_service_sheet_from_the_command_line(tmp_path):
    out = tmp_path / "sheet.pdf"
    result = export(
        "--format", "pdf", "--out", str(out), "--service", "sen_support", "--date", "2026-11-23"
    )
    assert result.returncode == 0, result.stderr
    pages = pdf_pages(out.read_bytes())
    assert len(pages) == 1 and "SEN Support Services" in pages[0] and "23 November 2026" in pages[0]


def test_saved_library_scenarios_are_compared(tmp_path, model):
    url = f"sqlite:///{tmp_path / 'lib.db'}"
    store = open_store(load_dataset(DATA), url)
    try:
        saved = store.save(
            "Library option", sio.make_scenario(model, dict.fromkeys(model.group_ids, 0.8))
        )
    finally:
        store.database.close()
    out = tmp_path / "pack.pdf"
    result = export("--format", "pdf", "--out", str(out), "--compare-saved", saved.id, "--db", url)
    assert result.returncode == 0, result.stderr
    text = flat("\n".join(pdf_pages(out.read_bytes())))
    assert "Library option" in text and f"saved in the library as {saved.id}" in text
    assert "1 from the saved library" in text
    assert fails(
        3, "--format", "pdf", "--out", str(out), "--compare-saved", "nosuchid99", "--db", url
    )


def test_refusals_are_one_line_with_their_exit_code(tmp_path, data_copy):
    out = str(tmp_path / "x.pdf")
    assert "invalid choice" in fails(2, "--format", "docx", "--out", out)
    assert "buy-back must be between" in fails(2, "--format", "pdf", "--out", out, "--buyback", "2")
    assert "unknown group" in fails(2, "--format", "pdf", "--out", out, "--group", "nope=0.5")
    assert "unknown service" in fails(2, "--format", "pdf", "--out", out, "--service", "nope")
    assert "one PDF page" in fails(2, "--format", "pptx", "--out", out, "--service", "sen_support")
    assert "cannot read" in fails(
        1, "--format", "pdf", "--out", out, "--compare-file", "/no/such.yaml"
    )
    assert "no such folder" in fails(1, "--format", "pdf", "--out", "/no/such/dir/x.pdf")
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: nonsense\n", encoding="utf-8")
    assert "bad.yaml" in fails(2, "--format", "pdf", "--out", out, "--compare-file", str(bad))
    (data_copy / "sources.yaml").write_text("documents: [unclosed\n", encoding="utf-8")
    assert "does not validate" in fails(
        1, "--format", "pdf", "--out", out, "--data", str(data_copy)
    )
    assert not Path(out).exists()  # nothing half-written


def test_other_pages_packs(tmp_path):
    out = tmp_path / "sen.pptx"
    assert export("--format", "pptx", "--out", str(out), "--page", "sen_needs").returncode == 0
    with zipfile.ZipFile(out) as z:
        slides = b"".join(z.read(n) for n in z.namelist() if n.startswith("ppt/slides/slide"))
    assert b"SEN categories of need" in slides
    out = tmp_path / "service.pdf"
    assert (
        export(
            "--format",
            "pdf",
            "--out",
            str(out),
            "--page",
            "service",
            "--service",
            "school_improvement",
        ).returncode
        == 0
    )
    assert "School Improvement: before and after" in flat("\n".join(pdf_pages(out.read_bytes())))
