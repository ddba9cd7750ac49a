"""The command line, through typer's runner and as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from referat_parser.cli import app
from tests.conftest import FIXTURES, ROOT

runner = CliRunner()
SEED = FIXTURES / "klynge-vest-2020-11-25.txt"


def test_parse_prints_valid_json() -> None:
    r = runner.invoke(app, ["parse", str(SEED)])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["schema_version"] == "1"
    assert out["meeting"]["body"] == "Klyngestyregruppe Vest"
    assert [i["number"] for i in out["items"]] == [str(n) for n in range(1, 9)]
    assert out["source"]["encoding"] == "utf-8" and len(out["source"]["sha256"]) == 64


def test_parse_to_file_and_compact(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    r = runner.invoke(app, ["parse", str(SEED), "-o", str(target), "--compact"])
    assert r.exit_code == 0 and r.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.count("\n") == 1 and json.loads(text)["kind"] == "referat"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temp file left behind


def test_parse_stdin() -> None:
    r = runner.invoke(app, ["parse", "-"], input="Referat\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n")
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert out["source"]["path"] is None and out["items"][0]["decision"]["outcome"] == "approved"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "referat_parser", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


@pytest.mark.parametrize("kind", ["missing", "directory", "empty", "binary", "undecodable-pdf"])
def test_unusable_input_one_line_exit_1_no_output(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "out.json"
    src = tmp_path / "input.txt"
    if kind == "directory":
        src = tmp_path
    elif kind == "empty":
        src.write_bytes(b"")
    elif kind == "binary":
        src.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00" * 20)
    elif kind == "undecodable-pdf":
        src.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    r = _run("parse", str(src), "-o", str(target))
    assert r.returncode == 1
    assert r.stderr.startswith("referat: error: ")
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert not target.exists()


def test_usage_error_exit_2() -> None:
    assert _run("parse").returncode == 2


def test_schema_and_validate(tmp_path: Path) -> None:
    r = runner.invoke(app, ["schema"])
    assert r.exit_code == 0
    schema = json.loads(r.stdout)
    assert "items" in schema["properties"] and "Item" in schema["$defs"]
    good = tmp_path / "good.json"
    runner.invoke(app, ["parse", str(SEED), "-o", str(good)])
    broken = tmp_path / "broken.json"
    data = json.loads(good.read_text(encoding="utf-8"))
    data["items"][0]["decision"]["outcome"] = "maybe"
    broken.write_text(json.dumps(data), encoding="utf-8")
    r = runner.invoke(app, ["validate", str(good)])
    assert r.exit_code == 0 and r.stdout.startswith("ok")
    r = runner.invoke(app, ["validate", str(good), str(broken)])
    assert r.exit_code == 1
    assert "invalid  " in r.stdout and "outcome" in r.stdout


def test_validate_accepts_golden_files() -> None:
    goldens = [str(p) for p in FIXTURES.glob("*.json") if not p.name.endswith(".gold.json")]
    assert goldens
    r = runner.invoke(app, ["validate", *goldens])
    assert r.exit_code == 0, r.stdout


def test_show_renders_items() -> None:
    r = runner.invoke(app, ["show", str(SEED)])
    assert r.exit_code == 0
    assert "Klyngestyregruppe Vest" in r.stdout and "Behandling af fremsendte businesscases" in r.stdout


def test_version_and_readme_documents_every_command() -> None:
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and "referat-parser" in r.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for cmd in ("referat parse", "referat schema", "referat validate", "referat show"):
        assert cmd in readme, cmd


def test_limits_apply_to_stdin_and_pdf_pages(tmp_path: Path) -> None:
    big = "1. Punkt\nBeslutning\nGodkendt.\n" * 100  # ~3 KB
    r = runner.invoke(app, ["parse", "-", "--max-size", "0.001"], input=big)
    assert r.exit_code == 1 and "over the" in r.stderr
    from tests.test_formats import make_pdf, seed

    pdf = tmp_path / "m.pdf"
    pdf.write_bytes(make_pdf(seed()))
    r = runner.invoke(app, ["parse", str(pdf), "--max-pages", "2"])
    assert r.exit_code == 1 and "page limit" in r.stderr and "Traceback" not in r.stderr
    assert runner.invoke(app, ["batch", str(pdf), "--jsonl", "-", "-q", "--max-pages", "2"]).exit_code == 1
    assert runner.invoke(app, ["batch", str(pdf), "--jsonl", "-", "-q"]).exit_code == 0
