"""Command-line conventions: -h/-V, completion, one error style, ``-`` for stdin, the tool's own
JSON and JSONL taken back by ``show``/``validate``/``export`` and refused by ``parse``, and what
``show`` prints (markup in titles, word-boundary cuts, ``--full``, contents-only items)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from referat_parser import parse_text
from referat_parser.cli import app
from referat_parser.render import render, shorten
from tests.conftest import FIXTURES, ROOT

runner = CliRunner()
SEED = FIXTURES / "klynge-vest-2020-11-25.txt"
SEED_JSON = FIXTURES / "klynge-vest-2020-11-25.json"


def _referat(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "referat_parser", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, **kw)


# --- help, version, completion ------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_short_and_long_on_every_command(flag: str) -> None:
    for cmd in ([], ["parse"], ["batch"], ["export"], ["show"], ["validate"], ["schema"]):
        r = runner.invoke(app, [*cmd, flag])
        assert r.exit_code == 0, (cmd, r.output)
        assert "Usage:" in r.stdout


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_short_and_long(flag: str) -> None:
    r = runner.invoke(app, [flag])
    assert r.exit_code == 0 and r.stdout.startswith("referat-parser ")


def test_shell_completion_is_on() -> None:
    r = runner.invoke(app, ["--help"])
    assert "--install-completion" in r.stdout and "--show-completion" in r.stdout


# --- one error style ----------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    (["parse"], "referat: error: missing argument 'FILE' (see 'referat parse --help')"),
    (["parse", str(SEED), "--bogus"], "referat: error: no such option: --bogus (see 'referat parse --help')"),
    (["frobnicate"], "referat: error: no such command 'frobnicate' (see 'referat --help')"),
    (["batch", str(SEED)], "referat: error: give exactly one of -o DIR or --jsonl FILE "
                           "(see 'referat batch --help')"),
    (["batch", "--jsonl", "-"], "referat: error: give input PATHs, or --files-from FILE (see 'referat batch --help')"),
    (["export", str(SEED_JSON)], "referat: error: give --sqlite FILE, --csv DIR and/or --parquet DIR "
                                 "(see 'referat export --help')"),
    (["parse", str(SEED), "--max-size", "-1"], "referat: error: --max-size must be a positive number of MB, "
                                               "not -1.0 (see 'referat parse --help')"),
    (["parse", str(SEED), "--max-size", "nan"], "referat: error: --max-size must be a positive number of MB, "
                                                "not nan (see 'referat parse --help')"),
])
def test_usage_errors_are_one_line_with_a_hint_and_exit_2(args: list[str], message: str) -> None:
    r = _referat(*args)
    assert r.returncode == 2
    assert r.stderr == message + "\n"  # no rich box, no "Usage:" block
    assert r.stdout == ""


def test_no_arguments_prints_the_help_and_exits_2() -> None:
    r = _referat()
    assert r.returncode == 2 and "Usage:" in r.stdout and "referat: error" not in r.stderr


# --- the tool's own JSON and JSONL --------------------------------------------------------------


def test_parse_refuses_its_own_json_in_one_line() -> None:
    r = _referat("parse", str(SEED_JSON))
    assert r.returncode == 1
    assert r.stderr == (f"referat: error: {SEED_JSON} is already parsed referat-parser output (JSON); "
                        "see it with 'referat show', check it with 'referat validate'\n")
    r = _referat("parse", "-", input=SEED_JSON.read_text(encoding="utf-8"))
    assert r.returncode == 1 and r.stderr.startswith("referat: error: <stdin> is already parsed")


def test_show_reads_json_like_the_minutes_it_came_from() -> None:
    from_text = runner.invoke(app, ["show", str(SEED)])
    from_json = runner.invoke(app, ["show", str(SEED_JSON)])
    assert from_text.exit_code == from_json.exit_code == 0
    assert from_json.stdout == from_text.stdout
    assert "Behandling af fremsendte businesscases" in from_json.stdout
    assert '"path"' not in from_json.stdout  # not read as if it were minutes


def test_show_reads_jsonl_one_overview_per_line(tmp_path: Path) -> None:
    jsonl = tmp_path / "all.jsonl"
    dev = FIXTURES / "dev"
    n = len(list(dev.glob("*.txt")))
    assert runner.invoke(app, ["batch", str(dev), "--jsonl", str(jsonl), "-q", "-j", "1"]).exit_code == 0
    r = runner.invoke(app, ["show", str(jsonl)])
    assert r.exit_code == 0
    assert r.stdout.count("Meeting") == n
    r = runner.invoke(app, ["show", "-"], input=jsonl.read_text(encoding="utf-8"))
    assert r.exit_code == 0 and r.stdout.count("Meeting") == n


def test_show_names_a_broken_jsonl_line(tmp_path: Path) -> None:
    lines = [json.loads(SEED_JSON.read_text(encoding="utf-8"))] * 2
    lines[1] = {**lines[1], "items": "many"}
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(json.dumps(d) + "\n" for d in lines), encoding="utf-8")
    r = _referat("show", str(bad))
    assert r.returncode == 1
    assert r.stderr == (f"referat: error: {bad}:2 is not valid referat-parser output: "
                        "items: Input should be a valid list\n")


def test_validate_jsonl_stdin_and_json(tmp_path: Path) -> None:
    doc = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    good = tmp_path / "good.jsonl"
    good.write_text((json.dumps(doc) + "\n") * 3, encoding="utf-8")
    broken = dict(doc, kind="protokol")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(doc) + "\n" + json.dumps(broken) + "\nnot json\n", encoding="utf-8")
    r = runner.invoke(app, ["validate", str(good), str(SEED_JSON)])
    assert r.exit_code == 0
    assert r.stdout.splitlines() == [f"ok       {good} (3 documents)", f"ok       {SEED_JSON}"]
    r = runner.invoke(app, ["validate", str(bad)])
    assert r.exit_code == 1
    out = r.stdout.splitlines()
    assert out[0].startswith(f"invalid  {bad}:2: kind: ") and out[1].startswith(f"invalid  {bad}:3: not a JSON")
    r = runner.invoke(app, ["validate", "-"], input=SEED_JSON.read_text(encoding="utf-8"))
    assert r.exit_code == 0 and r.stdout == "ok       <stdin>\n"
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    r = runner.invoke(app, ["validate", str(empty), str(tmp_path / "missing.json")])
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [f"invalid  {empty}: no JSON document in it",
                                     f"invalid  {tmp_path / 'missing.json'}: cannot read: No such file or directory"]


def test_export_reads_json_and_jsonl_from_stdin(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    r = _referat("export", "-", "--sqlite", str(db), "-q", input=SEED_JSON.read_text(encoding="utf-8"))
    assert r.returncode == 0, r.stderr
    jsonl = _referat("batch", str(FIXTURES / "dev"), "--jsonl", "-", "-q").stdout
    r = _referat("export", "-", "--sqlite", str(db), "-q", input=jsonl)
    assert r.returncode == 0, r.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] == 23


# --- what show prints ---------------------------------------------------------------------------


def _shown(text: str, *, full: bool = False, width: int = 100) -> str:
    console = Console(width=width, record=True, color_system=None)
    with console.capture() as cap:
        render(parse_text(text), console, full=full)
    return cap.get()


def test_show_prints_rich_markup_in_titles_as_written() -> None:
    out = _shown("Referat\n1. Budget [/bold] og [red]regnskab\nBeslutning\nGodkendt [b].\n")
    assert "1. Budget [/bold] og [red]regnskab" in out and "Godkendt [b]." in out
    r = _referat("show", "-", input="Referat\n1. Budget [/bold]\nBeslutning\nGodkendt.\n")
    assert r.returncode == 0 and "[/bold]" in r.stdout and r.stderr == ""


def test_shorten_cuts_at_a_word() -> None:
    text = "Udvalget godkendte indstillingen med de bemærkninger der fremkom på mødet " * 10
    cut = shorten(text)
    assert len(cut) <= 402 and cut.endswith(" …")
    assert text.startswith(cut[:-2]) and text[len(cut) - 2] == " "  # the next character starts a new word
    assert shorten("kort tekst") == "kort tekst"
    assert shorten("x" * 1000).startswith("x" * 300)  # one endless word: cut anyway


def test_show_shortens_long_decisions_and_full_shows_them() -> None:
    long = " ".join(f"ord{n}" for n in range(200))
    text = f"Referat\n1. Budget\nSagsfremstilling\nEn sag om budgettet.\nBeslutning\nGodkendt. {long}\n"
    short, full = _shown(text), _shown(text, full=True, width=2000)
    assert "ord199" not in short and "referat show --full" in short
    assert "ord199" in full and "En sag om budgettet." in full and "--full" not in full
    r = runner.invoke(app, ["show", "-", "--full"], input=text)
    assert r.exit_code == 0 and "ord199" in r.stdout


def test_items_seen_only_in_the_contents_are_not_shown_as_cut_off() -> None:
    minutes = (FIXTURES / "dev" / "regionsyddanmark-2012-08-21.txt").read_text(encoding="utf-8")
    m = parse_text(minutes)
    only = [i for i in m.items if not i.sections]
    assert only, "the fixture lists items in its contents that its body does not reach"
    out = _shown(minutes, width=200)
    assert out.count("(only in the table of contents)") == len(only)
    truncated = [i for i in m.items if not i.complete and i.sections]
    assert out.count("(cut off: the text ends inside this item)") == len(truncated)
