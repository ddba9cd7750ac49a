"""Issue 23: a contract that refuses what it should, one output rule, conventions a newcomer expects.

Each section names the issue's item it holds: the schema refuses incomplete and malformed
documents (and ``validate``, ``export`` and ``show`` refuse the same), every output option
follows one rule (``-``, a folder, missing parents), CSV is verbatim unless asked to escape
formulas (and then across every separator), the help reads like other tools', URLs are inputs,
``batch --fail-fast``/``-v``, Parquet dates, the datasette metadata.
"""

from __future__ import annotations

import csv
import functools
import http.server
import json
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from referat_parser import models
from referat_parser import records as R
from referat_parser.cli import app
from tests.conftest import FIXTURES, ROOT

runner = CliRunner()
SEED = FIXTURES / "godstrup-fsg-2025-04-25.txt"
SEED_JSON = FIXTURES / "godstrup-fsg-2025-04-25.json"
COMMANDS = ("parse", "batch", "export", "show", "validate", "schema")


def _seed_doc() -> dict:
    return json.loads(SEED_JSON.read_text(encoding="utf-8"))


def _write(path: Path, doc: object) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


# --- 1. the schema validates what it says --------------------------------------------------------


@pytest.mark.parametrize("doc", [{}, {"schema_version": "1"}], ids=["empty", "version-only"])
def test_validate_refuses_an_incomplete_document_naming_every_missing_key(tmp_path: Path, doc: dict) -> None:
    r = runner.invoke(app, ["validate", str(_write(tmp_path / "x.json", doc))])
    assert r.exit_code == 1
    missing = {"source", "kind", "meeting", "participants", "agenda", "items", "diagnostics"}
    for key in missing:
        assert re.search(rf"^invalid  .*x\.json.*: {key}: Field required$", r.stdout, re.M), (key, r.stdout)


def test_validate_lists_every_problem_of_a_document_not_only_the_first(tmp_path: Path) -> None:
    doc = _seed_doc()
    doc["meeting"]["date"] = "2025-02-30"  # the pattern's shape, not a real date
    doc["meeting"]["start_time"] = "25:00"
    doc["items"][1]["decision"]["outcome"] = "maybe"
    doc["diagnostics"] = [{"level": "warning", "code": "made-up", "message": "m", "line": None}]
    doc["source"]["sha256"] = "not hex"
    doc["extra"] = 1
    r = runner.invoke(app, ["validate", str(_write(tmp_path / "bad.json", doc))])
    assert r.exit_code == 1
    for where in ("meeting.date", "meeting.start_time", "items.1.decision.outcome", "diagnostics.0.code",
                  "source.sha256", "extra"):
        assert f": {where}: " in r.stdout, (where, r.stdout)


def test_the_tools_own_output_and_json_of_before_the_additions_are_valid(tmp_path: Path) -> None:
    r = runner.invoke(app, ["validate", str(SEED_JSON)])
    assert r.exit_code == 0 and r.stdout.startswith("ok ")
    old = _seed_doc()  # JSON written before the fields beyond the contract were added
    for key in ("pages", "tables", "chrome_removed", "parser_version"):
        del old["source"][key]
    for p in old["participants"]:
        del p["party"], p["line"]
    for it in old["items"]:
        del it["complete"]
    assert runner.invoke(app, ["validate", str(_write(tmp_path / "old.json", old))]).exit_code == 0


def test_export_refuses_per_document_what_validate_refuses(tmp_path: Path) -> None:
    good = _seed_doc()
    bad = _seed_doc()
    bad["source"]["sha256"] = "f" * 64
    del bad["meeting"]["title"]
    bad["meeting"]["end_time"] = "9.30"
    jsonl = tmp_path / "all.jsonl"
    jsonl.write_text("\n".join(json.dumps(d) for d in (good, bad)) + "\n", encoding="utf-8")
    v = runner.invoke(app, ["validate", str(jsonl)])
    assert v.exit_code == 1 and "all.jsonl:2: meeting.title: Field required" in v.stdout
    r = runner.invoke(app, ["export", str(jsonl), "--sqlite", str(tmp_path / "x.db"), "-q"])
    assert r.exit_code == 3
    failed = [line for line in r.stderr.splitlines() if line.startswith("referat: failed:")]
    assert len(failed) == 1 and "all.jsonl:2" in failed[0]
    assert "meeting.title: Field required" in failed[0] and "meeting.end_time" in failed[0]  # every problem
    db = sqlite3.connect(tmp_path / "x.db")
    assert db.execute("SELECT source_sha256 FROM meetings").fetchall() == [(good["source"]["sha256"],)]
    empty = runner.invoke(app, ["export", str(_write(tmp_path / "e.json", {})), "--csv", str(tmp_path / "c")])
    assert empty.exit_code == 1 and not (tmp_path / "c" / "meetings.csv").exists()


def test_show_refuses_what_validate_refuses(tmp_path: Path) -> None:
    doc = _seed_doc()
    doc["items"][1]["decision"]["outcome"] = "maybe"
    r = runner.invoke(app, ["show", str(_write(tmp_path / "bad.json", doc))])
    assert r.exit_code == 1 and "items.1.decision.outcome" in r.stderr


def test_the_published_schema_is_closed_and_typed() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    defs = schema["$defs"]
    assert set(schema["required"]) == {"schema_version", "source", "kind", "meeting", "participants", "agenda",
                                       "items", "diagnostics"}
    assert schema["additionalProperties"] is False and all(d.get("additionalProperties") is False
                                                           for d in defs.values() if d.get("type") == "object")
    assert {"path", "sha256", "media_type", "encoding", "chars", "lines"} <= set(defs["Source"]["required"])
    date = next(a for a in defs["Meeting"]["properties"]["date"]["anyOf"] if a.get("type") == "string")
    assert date["format"] == "date" and date["pattern"]
    start = next(a for a in defs["Meeting"]["properties"]["start_time"]["anyOf"] if a.get("type") == "string")
    assert re.fullmatch(start["pattern"], "08:30") and not re.fullmatch(start["pattern"], "24:00")
    assert set(defs["Diagnostic"]["properties"]["code"]["enum"]) == set(models.DiagnosticCode.__args__)
    assert defs["Decision"]["properties"]["outcome"]["enum"] and defs["Participant"]["properties"]["status"]["enum"]
    check = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert not list(check.iter_errors(_seed_doc()))
    assert {e.validator for e in check.iter_errors({})} == {"required"}
    late = _seed_doc()
    late["meeting"]["date"] = "2025-13-01"
    assert list(check.iter_errors(late))


def test_every_diagnostic_code_the_code_emits_is_in_the_contract() -> None:
    src = ROOT / "src" / "referat_parser"
    text = "\n".join(p.read_text(encoding="utf-8") for p in src.rglob("*.py"))
    used = set(re.findall(r"""code=["']([a-z]+(?:-[a-z]+)+)["']""", text))
    used |= set(re.findall(r"""\(\(?["']([a-z]+(?:-[a-z]+)+)["'], f?["']""", text))  # readers' (code, message) notes
    assert {"numbering-gap", "nul-bytes-dropped", "html-flattened"} <= used  # the scan finds both kinds
    assert used <= set(models.DiagnosticCode.__args__), used - set(models.DiagnosticCode.__args__)


def test_records_validate_refuses_an_unknown_diagnostic_code() -> None:
    doc = R.minutes(source=R.source(), meeting=R.meeting(), diagnostics=[R.diagnostic("made-up", "m")])
    with pytest.raises(Exception, match="code"):
        R.validate(doc)


# --- 2. one output rule ---------------------------------------------------------------------------


def _run(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "referat_parser", *args], capture_output=True, cwd=cwd,
                          input=stdin, timeout=120)


@pytest.mark.parametrize("args", [
    ["parse", str(SEED), "-o", "-"],
    ["schema", "-o", "-"],
    ["show", str(SEED), "--html", "-"],
    ["batch", str(SEED), "--jsonl", "-", "--report", "-", "-q"],
    ["batch", str(SEED), "-o", "out", "--report", "-", "-q"],
], ids=["parse", "schema", "show-html", "report-and-jsonl", "report"])
def test_dash_is_stdout_for_every_output_option(tmp_path: Path, args: list[str]) -> None:
    r = _run(tmp_path, *args)
    if "--jsonl" in args:  # both to stdout: a usage error, nothing written
        assert r.returncode == 2 and r.stdout == b""
        return
    assert r.returncode == 0, r.stderr
    assert not (tmp_path / "-").exists()
    head = r.stdout.lstrip()[:40]
    assert head.startswith((b"{", b"<!DOCTYPE html>")), head
    if "--report" in args:
        assert json.loads(r.stdout)["parsed"] == 1


def test_a_folder_or_trailing_slash_means_into_that_folder(tmp_path: Path) -> None:
    assert _run(tmp_path, "parse", str(SEED), "-o", "newdir/").returncode == 0
    assert (tmp_path / "newdir").is_dir()
    assert json.loads((tmp_path / "newdir" / f"{SEED.name}.json").read_text())["items"]
    (tmp_path / "there").mkdir()
    assert _run(tmp_path, "schema", "-o", "there").returncode == 0
    assert (tmp_path / "there" / "referat.schema.json").is_file()
    assert _run(tmp_path, "show", str(SEED), "--html", "pages/").returncode == 0
    assert (tmp_path / "pages" / f"{SEED.name}.html").is_file()
    assert _run(tmp_path, "batch", str(SEED), "--jsonl", "lines/", "--report", "reports/", "-q").returncode == 0
    assert (tmp_path / "lines" / "batch.jsonl").is_file() and (tmp_path / "reports" / "report.json").is_file()
    assert _run(tmp_path, "export", str(SEED_JSON), "--sqlite", "db/", "-q").returncode == 0
    assert (tmp_path / "db" / "referater.db").is_file()


def test_every_output_makes_its_missing_parent_folders(tmp_path: Path) -> None:
    for args, made in ((["parse", str(SEED), "-o", "a/b/m.json"], "a/b/m.json"),
                       (["schema", "-o", "c/d/s.json"], "c/d/s.json"),
                       (["show", str(SEED), "--html", "e/f/v.html"], "e/f/v.html"),
                       (["batch", str(SEED), "--jsonl", "g/h/all.jsonl", "--report", "i/j/r.json", "-q"],
                        "i/j/r.json")):
        r = _run(tmp_path, *args)
        assert r.returncode == 0, (args, r.stderr)
        assert (tmp_path / made).is_file(), made


@pytest.mark.parametrize(("args", "message"), [
    (["batch", str(SEED), "-o", "-"], "-o is a folder"),
    (["export", str(SEED_JSON), "--sqlite", "-"], "--sqlite cannot be standard output"),
    (["export", str(SEED_JSON), "--csv", "-"], "--csv cannot be standard output"),
])
def test_outputs_that_cannot_be_stdout_say_so(tmp_path: Path, args: list[str], message: str) -> None:
    r = _run(tmp_path, *args)
    assert r.returncode == 2 and message in r.stderr.decode() and not (tmp_path / "-").exists()


@pytest.mark.parametrize("args", [["show", str(SEED)], ["parse", str(SEED)], ["schema"]])
def test_a_reader_that_goes_away_ends_the_command_quietly(args: list[str]) -> None:
    cmd = [sys.executable, "-m", "referat_parser", *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()  # as `| head -c 10` does
    err = proc.stderr.read()
    assert proc.wait(timeout=60) in (0, 141) and err == b""


# --- 6 and issue 24 item 9. CSV: verbatim by default, formulas neutralised on request -----------


@pytest.fixture(scope="module")
def evil_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    doc = _seed_doc()
    titles = ["Budget;=1+2", "Drift,+45 12", "Pris|@SUM(A1)", "Fane\t-2+3", "=HYPERLINK(\"x\")", "- 1. At punkt"]
    doc["items"] = [{**doc["items"][1], "title": t} for t in titles]
    return _write(tmp_path_factory.mktemp("evil") / "evil.json", doc)


def test_csv_is_verbatim_by_default(evil_json: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["export", str(evil_json), "--csv", str(tmp_path), "-q"]).exit_code == 0
    with (tmp_path / "items.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["title"] == "Budget;=1+2" and rows[-1]["title"] == "- 1. At punkt"
    assert rows[0]["recommendation_text"] == _seed_doc()["items"][1]["recommendation"]["text"]


@pytest.mark.parametrize("flags", [["--escape-formulas"], ["--excel-da"], ["--escape-formulas", "--delimiter", "|"]])
def test_escaped_csv_has_no_formula_whatever_separator_a_reader_picks(evil_json: Path, tmp_path: Path,
                                                                       flags: list[str]) -> None:
    assert runner.invoke(app, ["export", str(evil_json), "--csv", str(tmp_path), *flags, "-q"]).exit_code == 0
    for name in ("items.csv", "meetings.csv", "participants.csv"):
        text = (tmp_path / name).read_text(encoding="utf-8-sig")
        for line in text.splitlines():
            for sep in (",", ";", "\t", "|"):  # a naive reader cutting at any separator, quotes or not
                for piece in line.split(sep):
                    piece = piece.strip(' "')
                    assert not piece.startswith(("=", "+", "-", "@")), (name, sep, line)
    with (tmp_path / "items.csv").open(encoding="utf-8-sig", newline="") as fh:
        delimiter = {"--excel-da": ";"}.get(flags[0], flags[-1] if "--delimiter" in flags else ",")
        rows = list(csv.DictReader(fh, delimiter=delimiter))
    assert rows[0]["title"] == "Budget;'=1+2" and rows[-1]["title"] == "'- 1. At punkt"


# --- 7. help and usage ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_help_reads_like_other_tools(command: str) -> None:
    r = runner.invoke(app, [command, "--help"], prog_name="referat")
    assert r.exit_code == 0
    out = r.stdout
    for raw in ("<bool>", "<str>", "<list", "<path>", "<int>", "<float>", "{file}", "{FILE}", "``", "\\[", "[bold"):
        assert raw not in out, (command, raw)
    assert re.search(rf"^Usage: referat {command} \[OPTIONS\]", out, re.M)
    assert re.search(rf"^  Example: referat {command} ", out, re.M), command
    assert not re.search(r"[╭│╰]", out)  # no boxes


def test_format_is_a_choice_of_every_format_and_a_bad_one_is_a_usage_error() -> None:
    for command in ("parse", "batch", "show"):
        out = runner.invoke(app, [command, "--help"]).stdout
        assert "<auto|text|pdf|docx|odt|html|md>" in out, command
    for args in (["parse", str(SEED)], ["show", str(SEED)], ["batch", str(SEED), "--jsonl", "-"]):
        r = runner.invoke(app, [*args, "--format", "foo"])
        assert r.exit_code == 2 and r.stderr.startswith("referat: error: ") and r.stderr.count("\n") == 1
    r = runner.invoke(app, ["parse", str(SEED), "--format", "md"])
    assert r.exit_code == 0


def test_metavars_name_what_is_given() -> None:
    out = runner.invoke(app, ["batch", "--help"], prog_name="referat").stdout
    for shown in ("Usage: referat batch [OPTIONS] [PATH...]", "-o, --output DIR", "--jsonl FILE", "-j, --jobs N",
                  "--report FILE", "--files-from FILE", "--max-size MB"):
        assert shown in out, shown
    assert "Usage: referat parse [OPTIONS] FILE" in runner.invoke(app, ["parse", "--help"], prog_name="referat").stdout


def test_typer_has_an_upper_bound() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"typer>=[\d.]+,<[\d.]+"', pyproject)


# --- 8. export's progress bar says export ---------------------------------------------------------


def test_export_progress_bar_is_labelled_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from referat_parser.batch import view
    from referat_parser.export import run as export_run

    labels: list[str] = []

    class Recording(view.Bar):
        def __init__(self, total: int | None, enabled: bool, label: str = "referat batch") -> None:
            labels.append(label)
            super().__init__(total, False)

    monkeypatch.setattr(view, "Bar", Recording)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    export_run.run_export([str(SEED_JSON)], csv_dir=tmp_path)
    assert labels == ["referat export"]


# --- 9. URLs as inputs ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A local web server over the fixtures, on 127.0.0.1 only (never the internet)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(FIXTURES)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_parse_a_url_as_a_file(server: str) -> None:
    url = f"{server}/{SEED.name}"
    r = runner.invoke(app, ["parse", url])
    assert r.exit_code == 0, r.stderr
    got, want = json.loads(r.stdout), json.loads(runner.invoke(app, ["parse", str(SEED)]).stdout)
    assert got["source"]["path"] == url and got["source"]["sha256"] == want["source"]["sha256"]
    assert got["items"] == want["items"] and got["meeting"] == want["meeting"]


def test_show_a_url_and_picture_it(server: str, tmp_path: Path) -> None:
    url = f"{server}/{SEED.name}"
    r = runner.invoke(app, ["show", url])
    assert r.exit_code == 0 and "Gødstrup" in r.stdout
    r = runner.invoke(app, ["show", url, "--html", str(tmp_path) + "/"])
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / f"{SEED.name}.html").read_text(encoding="utf-8").count('class="ln ') == 236


@pytest.mark.parametrize(("path", "extra", "message"), [
    ("/no-such.txt", [], "HTTP 404"),
    (f"/{SEED.name}", ["--max-size", "0.001"], "MB limit (--max-size)"),
])
def test_a_url_that_cannot_be_had_is_one_line(server: str, path: str, extra: list[str], message: str) -> None:
    r = runner.invoke(app, ["parse", server + path, *extra])
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.startswith("referat: error: ") and r.stderr.count("\n") == 1 and message in r.stderr


def test_a_url_nobody_answers_is_one_line() -> None:
    import socket

    with socket.socket() as s:  # a port that was free a moment ago: connection refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = runner.invoke(app, ["parse", f"http://127.0.0.1:{port}/m.txt"])
    assert r.exit_code == 1 and re.fullmatch(r"referat: error: cannot fetch http://\S+: .+\n", r.stderr)


# --- 10. batch --fail-fast and -v ------------------------------------------------------------------


def _archive(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    (folder / "b.txt").write_bytes(b"\x00\x01\x02" * 50)  # binary: fails
    for n in range(6):
        (folder / f"c{n}.txt").write_bytes(SEED.read_bytes().replace(b"25. april", f"{n + 1}. april".encode()))
    return folder


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    folder = _archive(tmp_path)
    r = runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out"), "-j", "1", "--fail-fast",
                            "--report", str(tmp_path / "r.json")])
    assert r.exit_code == 3, r.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["failed"] == 1 and report["parsed"] == 1 and report["not_done_after_failure"] == 6
    assert "stopped at the first failure" in r.stderr
    plain = runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out2"), "-j", "1", "-q"])
    assert plain.exit_code == 3 and len(list((tmp_path / "out2").glob("*.json"))) == 7  # without it: all go on


def test_verbose_says_each_file_as_it_is_done(tmp_path: Path) -> None:
    folder = _archive(tmp_path)
    out = str(tmp_path / "out")
    r = runner.invoke(app, ["batch", str(folder), "-o", out, "-v"])
    lines = [line for line in r.stderr.splitlines() if line.startswith("referat: ")]
    assert len(lines) == 8 and sum("parsed: " in line for line in lines) == 7
    assert any(line.startswith("referat: failed: ") and "b.txt" in line for line in lines)
    again = runner.invoke(app, ["batch", str(folder), "-o", out, "-v", "-q"])
    assert again.exit_code == 2  # -v and -q contradict
    again = runner.invoke(app, ["batch", str(folder), "-o", out, "-v"])
    assert sum("skipped: " in line for line in again.stderr.splitlines()) == 7


# --- 11. export: typed Parquet, spans of recommendation and decision, source.tables --------------


def test_parquet_dates_and_times_are_typed(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    assert runner.invoke(app, ["export", str(SEED_JSON), "--parquet", str(tmp_path), "-q"]).exit_code == 0
    meetings = pq.read_table(tmp_path / "meetings.parquet")
    assert meetings.schema.field("date").type == pa.date32()
    assert pa.types.is_time(meetings.schema.field("start_time").type)  # seconds are stored as ms
    assert str(meetings.column("date")[0]) == "2025-04-25" and str(meetings.column("start_time")[0]) == "08:30:00"
    items = pq.read_table(tmp_path / "items.parquet")
    assert items.schema.field("decision_date").type == pa.date32()
    assert items.schema.field("decision_span_start_line").type == pa.int64()


def test_export_keeps_tables_chrome_and_the_spans_of_recommendation_and_decision(tmp_path: Path) -> None:
    doc = _seed_doc()
    doc["source"]["tables"], doc["source"]["chrome_removed"] = 2, 7
    db = tmp_path / "x.db"
    assert runner.invoke(app, ["export", str(_write(tmp_path / "d.json", doc)), "--sqlite", str(db),
                               "-q"]).exit_code == 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT source_tables, source_chrome_removed FROM meetings").fetchone() == (2, 7)
    item = doc["items"][1]
    rec = next(s["span"] for s in item["sections"] if s["kind"] == "recommendation")
    dec = [s["span"] for s in item["sections"] if s["kind"] == "decision"]
    row = conn.execute("SELECT recommendation_span_start_line, recommendation_span_end_line, "
                       "decision_span_start_line, decision_span_end_line FROM items WHERE position = 2").fetchone()
    assert row == (rec["start_line"], rec["end_line"], dec[0]["start_line"], dec[-1]["end_line"])


def test_a_schema_2_database_gains_the_new_columns_in_place(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert runner.invoke(app, ["export", str(SEED_JSON), "--sqlite", str(db), "-q"]).exit_code == 0
    conn = sqlite3.connect(db)
    for table, column in (("meetings", "source_tables"), ("meetings", "source_chrome_removed"),
                          ("items", "recommendation_span_start_line"), ("items", "recommendation_span_end_line"),
                          ("items", "decision_span_start_line"), ("items", "decision_span_end_line")):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    r = runner.invoke(app, ["export", str(SEED_JSON), "--sqlite", str(db)])
    assert r.exit_code == 0 and "upgraded" in r.stderr and "1 replaced" in r.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    assert conn.execute("SELECT count(*) FROM items WHERE decision_span_start_line IS NOT NULL").fetchone()[0] > 0


# --- 12. datasette metadata -------------------------------------------------------------------------


def test_export_writes_datasette_metadata_on_request(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    r = runner.invoke(app, ["export", str(SEED_JSON), "--sqlite", str(db), "--datasette"])
    assert r.exit_code == 0 and "--metadata" in r.stderr
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    items = meta["databases"]["r"]["tables"]["items"]
    assert meta["title"] and items["description"] and items["fts_table"] == "items_fts"
    assert items["searchmode"] == "raw" and items["columns"]["decision_outcome"]
    assert runner.invoke(app, ["export", str(SEED_JSON), "--csv", str(tmp_path), "--datasette"]).exit_code == 2
    plain = tmp_path / "plain"
    assert runner.invoke(app, ["export", str(SEED_JSON), "--sqlite", str(plain / "r.db"), "-q"]).exit_code == 0
    assert not (plain / "metadata.json").exists()  # only on request


def test_datasette_prefix_search_works_without_raw_mode(tmp_path: Path) -> None:
    pytest.importorskip("datasette")
    import asyncio

    from datasette.app import Datasette

    db = tmp_path / "referater.db"
    json_dir = tmp_path / "json"
    assert runner.invoke(app, ["batch", str(FIXTURES), "-o", str(json_dir), "-q"]).exit_code == 0
    assert runner.invoke(app, ["export", str(json_dir), "--sqlite", str(db), "--datasette", "-q"]).exit_code == 0
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))

    async def titles(query: str) -> list[str]:
        ds = Datasette([str(db)], metadata=meta)
        r = await ds.client.get(f"/referater/items.json?_search={query}&_shape=array&_col=title")
        assert r.status_code == 200
        return [row["title"] for row in r.json()]

    found = asyncio.run(titles("sundhedsaftale*"))
    assert any("sundhedsaftalerne" in t for t in found) and len(found) >= 3
