"""Hostile inputs, round 3 (issue 24): linear line patterns, no silently empty parse, text decoding.

The bounded-resource probes of this round are in ``tests/hostile.py`` (run by
``tests/test_hostile.py``); these tests check what a probe cannot: that a pattern's time
grows linearly with its line, that a timeout is an error and never an empty success, and
what text comes out of odd encodings.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from referat_parser import patterns as P
from referat_parser.errors import InputError

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "godstrup-fsg-2025-04-25.txt"


def _fastest(call, s: str) -> float:
    best = 60.0
    for _ in range(3):  # the fastest of three: a busy machine slows one call, not all three
        t = time.perf_counter()
        call(s)
        best = min(best, time.perf_counter() - t)
    return best


def _sub(rx: P.Rx):
    return lambda s: rx.sub("", s)


@pytest.mark.parametrize("armed", [False, True], ids=["regex-twin", "under-deadline"])
@pytest.mark.parametrize(("name", "call", "unit"), [
    ("table_rule-dashes", P.TABLE_RULE.match, "-"),
    ("table_rule-spaced-dashes", P.TABLE_RULE.match, "- "),
    ("empty_table-pipes", P.EMPTY_TABLE.match, "|"),
    ("empty_table-dashes", P.EMPTY_TABLE.match, "-"),
    ("tab_field-tabs", _sub(P.TAB_FIELD), "\t"),
    ("tab_field-tab-space", _sub(P.TAB_FIELD), "\t "),
])
def test_line_patterns_are_linear(name: str, call, unit: str, armed: bool) -> None:
    """10x the line costs about 10x the time (quadratic would be 100x, cubic 1,000x): 6,000 and 60,000 units."""
    import contextlib

    with contextlib.ExitStack() as stack:
        if armed:
            stack.enter_context(P.deadline("a" * 1_000_000))
        call(unit)  # compiled before the clock runs
        short, long = (unit * n + "x" for n in (6_000, 60_000))
        t_short, t_long = _fastest(call, short), _fastest(call, long)
    # The floor keeps a busy machine's noise from deciding; the old patterns took seconds here.
    assert t_long < max(30 * t_short, 0.25), f"{name}: {t_short:.4f} s -> {t_long:.4f} s"


def test_seed_plus_a_long_rule_keeps_all_its_items() -> None:
    from referat_parser.pipeline import read_data

    seed = SEED.read_bytes()
    want = len(read_data(seed)["items"])
    assert want >= 10
    # a run that fails to be a rule at its end: the old patterns retried every split of it
    for line in (b"-" * 3_001 + b"x", b"|" * 3_001 + b"x", b"\t " * 3_001 + b"x", b"- " * 3_001 + b"x"):
        got = read_data(seed + b"\n" + line + b"\n")
        assert len(got["items"]) == want
        assert "regex-timeout" not in [d["code"] for d in got["diagnostics"]]


def test_a_parse_past_its_deadline_is_an_error_not_an_empty_success(monkeypatch: pytest.MonkeyPatch) -> None:
    from referat_parser.pipeline import read_data

    monkeypatch.setattr(P, "DEADLINE_BASE", 0.05)
    monkeypatch.setattr(P, "TIMEOUT", 60.0)
    monkeypatch.setattr(P, "ITEM_HEADING", P.Rx("evil", r"(?:\d|\d\d)+$"))
    with pytest.raises(InputError, match=r"the parse time limit"):
        read_data(("Dagsorden\n" + "1" * 40 + "x\n").encode())


def test_the_deadline_is_seconds_for_the_largest_text() -> None:
    assert P.deadline_seconds(5_000_000) <= 30
    assert P.deadline_seconds(50 * 1024 * 1024) <= 30
    assert P.deadline_seconds(100) >= 2


def test_markdown_past_its_timer_is_read_as_plain_text_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    from referat_parser import readers
    from referat_parser.pipeline import read_data

    monkeypatch.setattr(readers, "MARKDOWN_SECONDS", 0.2)
    monkeypatch.setattr(readers, "MARKDOWN_PER_CHAR", 0.0)
    import referat_parser.readers.markdown as md

    def slow(text: str) -> str:
        time.sleep(5)
        return text

    monkeypatch.setattr(md, "markdown_to_text", slow)
    t = time.monotonic()
    doc = read_data(b"# Referat\n\n1. Godkendelse\n\nBeslutning\n\nGodkendt.\n", path="m.md")
    assert time.monotonic() - t < 4
    first = doc["diagnostics"][0]
    assert (first["level"], first["code"]) == ("warning", "markdown-timeout")
    assert doc["source"]["media_type"] == "text/markdown"


@pytest.mark.parametrize(("text", "lines"), [("a\nb\n", 2), ("a\r\nb\r\n", 2), ("a\rb\r", 2), ("a\fb\u2028c", 2)])
def test_line_breaks_counts_each_break_once(text: str, lines: int) -> None:
    from referat_parser.readers.budget import line_breaks

    assert line_breaks(text) == lines


# ---- item 13: silently wrong text ----------------------------------------------------------------

MINUTES = ("Referat\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n"
           "2. Økonomi og Ældrerådet\nBeslutning\nTaget til efterretning.\n")


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"], ids=["utf-16-le-bom", "utf-16-be-bom"])
def test_a_utf16_bom_over_utf8_text_reads_right(bom: bytes) -> None:
    from referat_parser.pipeline import read_data

    doc = read_data(bom + MINUTES.encode("utf-8"))
    assert doc["source"]["encoding"] == "utf-8"
    assert [i["title"] for i in doc["items"]] == ["Godkendelse af dagsorden", "Økonomi og Ældrerådet"]
    assert "byte-order-mark-ignored" in [d["code"] for d in doc["diagnostics"]]


def test_real_utf16_with_a_bom_still_reads_as_utf16() -> None:
    from referat_parser.pipeline import read_data

    doc = read_data(MINUTES.encode("utf-16"))
    assert doc["source"]["encoding"] == "utf-16"
    assert doc["items"][1]["title"] == "Økonomi og Ældrerådet"


def test_nul_as_the_line_separator_keeps_the_lines_apart() -> None:
    from referat_parser.pipeline import read_data

    doc = read_data(MINUTES.replace("\n", "\x00").encode("utf-8"))
    assert [i["title"] for i in doc["items"]] == ["Godkendelse af dagsorden", "Økonomi og Ældrerådet"]
    assert doc["source"]["lines"] == MINUTES.count("\n")


def test_terminal_escape_codes_leave_nothing_behind() -> None:
    from referat_parser.pipeline import read_data

    coloured = MINUTES.replace("Godkendelse af dagsorden", "\x1b[1;32mGodkendelse af dagsorden\x1b[0m")
    coloured = "\x1b]0;terminal title\x07" + coloured.replace("Økonomi", "\x1b[4mØkonomi\x1b[24m")
    doc = read_data(coloured.encode("utf-8"))
    assert [i["title"] for i in doc["items"]] == ["Godkendelse af dagsorden", "Økonomi og Ældrerådet"]
    assert "[0m" not in str(doc) and "terminal title" not in str(doc)


# ---- items 3, 4, 7: show --html and the tool's JSON read back ------------------------------------


def _cli(args: list[str], tmp_path: Path):
    from tests.test_hostile import run_cli

    return run_cli(args, tmp_path, timeout=60)  # the child is killed past it (the old code took minutes)


def _json_of(text: str, path: Path) -> dict:
    from referat_parser import records
    from referat_parser.pipeline import read_data

    path.write_text(text, encoding="utf-8")
    return records.validate(read_data(path.read_bytes(), path=str(path)))


def test_show_html_of_many_clauses_on_long_lines_is_not_quadratic(tmp_path: Path) -> None:
    import json
    import random

    rng = random.Random(1)
    words = ["budget", "drift", "kommune", "region", "udvalg", "borger", "plan", "sag", "forslag", "penge"]
    clauses = [f"- at {' '.join(rng.choice(words) for _ in range(1500))}" for _ in range(200)]
    text = "\n".join(["Referat af møde i Ældrerådet", "1. Godkendelse af dagsorden", "Indstilling",
                      "Direktionen indstiller, at", *clauses, "Beslutning", "Godkendt."]) + "\n"
    doc = _json_of(text, tmp_path / "m.txt")
    assert len(doc["items"][0]["recommendation"]["clauses"]) == 200
    (tmp_path / "m.json").write_text(json.dumps(doc), encoding="utf-8")
    proc, _, cpu, rss_kb = _cli(["show", str(tmp_path / "m.json"), "--html", str(tmp_path / "v.html")], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert cpu < 10 and rss_kb < 500 * 1024, (cpu, rss_kb)  # was 27 s


def test_show_html_of_a_crafted_json_is_bounded(tmp_path: Path) -> None:
    """20,000 items that each claim all 20,000 lines, and one with 10,000 attachment sections and 3,000 names."""
    import json

    lines = [f"linje {k} om budget" for k in range(20_000)]
    doc = _json_of("\n".join(["Referat", "1. Godkendelse", "Beslutning", "Godkendt.", *lines]) + "\n",
                   tmp_path / "m.txt")
    n = doc["source"]["lines"]
    item = {**doc["items"][0], "span": {"start_line": 1, "end_line": n}, "sections": [], "attachments": [],
            "recommendation": None, "decision": None, "case_description": None}
    big = {**item, "attachments": [f"bilag nummer {k}" for k in range(3_000)],
           "sections": [{"kind": "attachments", "heading": "Bilag", "text": "x",
                         "span": {"start_line": k, "end_line": k}} for k in range(1, n + 1, 2)]}
    doc["items"] = [item] * 20_000 + [big]
    data = json.dumps(doc)
    assert len(data) < 20 * 1024 * 1024  # each item is small: the size is in what they claim
    (tmp_path / "m.json").write_text(data, encoding="utf-8")
    proc, _, cpu, rss_kb = _cli(["show", str(tmp_path / "m.json"), "--html", str(tmp_path / "v.html")], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert cpu < 10 and rss_kb < 500 * 1024, (cpu, rss_kb)
    page = (tmp_path / "v.html").read_text(encoding="utf-8")
    assert 'id="src"' in page  # the source was shown (its SHA-256 matches)
    assert len(page) < 40 * 1024 * 1024


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ", "/proc/self/status"])
def test_show_html_never_embeds_a_file_the_json_merely_names(target: str, tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from referat_parser.cli import app

    if not Path(target).exists():
        pytest.skip(f"no {target} here")
    doc = _json_of(MINUTES, tmp_path / "m.txt")
    doc["source"]["path"] = target
    (tmp_path / "m.json").write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "v.html"
    r = CliRunner().invoke(app, ["show", str(tmp_path / "m.json"), "--html", str(out)])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert 'id="src"' not in page and "root:" not in page and "VmPeak" not in page
    assert "PATH=" not in page and "HOME=" not in page
    # named by the user, a file is shown (with a warning that it is not the one parsed)
    r = CliRunner().invoke(app, ["show", str(tmp_path / "m.json"), "--html", str(out), "--source",
                                 str(tmp_path / "m.txt")])
    assert r.exit_code == 0 and 'id="src"' in out.read_text(encoding="utf-8")


def test_show_html_without_a_recorded_sha256_reads_no_source(tmp_path: Path) -> None:
    import json

    from referat_parser.html_view import load

    doc = _json_of(MINUTES, tmp_path / "m.txt")
    doc["source"]["sha256"] = None
    (tmp_path / "m.json").write_text(json.dumps(doc), encoding="utf-8")
    loaded = load(str(tmp_path / "m.json"))
    assert loaded.text is None and "--source" in loaded.notes[0]
    assert load(str(tmp_path / "m.json"), source=tmp_path / "m.txt").text == MINUTES


def _padded_json(tmp_path: Path, mb: int = 51) -> Path:
    """The tool's JSON, made over the document limit by trailing whitespace (cheap to write)."""
    import json

    doc = _json_of(MINUTES, tmp_path / "m.txt")
    path = tmp_path / "big.json"
    with path.open("wb") as fh:
        fh.write(json.dumps(doc, indent=2).encode())
        fh.write(b" " * (mb * 1024 * 1024))
    return path


def test_validate_export_and_show_refuse_a_document_over_the_limit(tmp_path: Path) -> None:
    big = _padded_json(tmp_path)
    proc, _, _, rss_kb = _cli(["validate", str(big)], tmp_path)
    assert proc.returncode == 1 and "50 MB limit for one JSON document" in proc.stdout, proc.stdout + proc.stderr
    assert rss_kb < 500 * 1024
    proc, _, _, rss_kb = _cli(["export", str(big), "--sqlite", str(tmp_path / "x.db")], tmp_path)
    assert "50 MB limit for one JSON document" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    assert rss_kb < 500 * 1024
    proc, _, _, rss_kb = _cli(["show", str(big)], tmp_path)
    assert proc.returncode == 1 and "50 MB limit" in proc.stderr, proc.stderr


def test_a_jsonl_line_over_the_limit_fails_alone(tmp_path: Path) -> None:
    import json

    doc = _json_of(MINUTES, tmp_path / "m.txt")
    line = json.dumps(doc).encode()
    jsonl = tmp_path / "all.jsonl"
    with jsonl.open("wb") as fh:
        fh.write(line + b"\n")
        fh.write(b'{"schema_version": "1", "items": [], "pad": "' + b"x" * (51 * 1024 * 1024) + b'"}\n')
        fh.write(line + b"\n")
    proc, _, _, rss_kb = _cli(["validate", str(jsonl)], tmp_path)
    assert proc.returncode == 1
    assert f"{jsonl}:2: over the 50 MB limit" in proc.stdout and ":1" not in proc.stdout and ":3" not in proc.stdout
    assert rss_kb < 300 * 1024


# ---- item 5: one bad input path fails alone; item 14: control characters in names --------------


def _runner():
    from typer.testing import CliRunner

    return CliRunner()


def test_batch_files_from_with_one_bad_path_still_parses_the_good_one(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from referat_parser.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(MINUTES, encoding="utf-8")
    long = "x" * 300 + ".txt"  # over the 255-byte name limit: stat() raises, not "no such file"
    (tmp_path / "list.txt").write_text(f"good.txt\n{long}\nmissing.txt\n", encoding="utf-8")
    r = _runner().invoke(app, ["batch", "--files-from", "list.txt", "-o", "out", "-j", "1", "-q"])
    assert (tmp_path / "out" / "good.txt.json").is_file(), r.stderr
    assert r.exit_code == 3, r.stderr  # some failed, some parsed
    assert f"referat: failed: {long}: cannot read: File name too long" in r.stderr
    assert "internal error" not in r.stderr
    r = _runner().invoke(app, ["batch", "good.txt", long, "--jsonl", "all.jsonl", "-j", "1", "-q"])
    assert r.exit_code == 3 and len((tmp_path / "all.jsonl").read_text().splitlines()) == 1, r.stderr


def test_export_with_one_bad_source_exports_the_good_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import sqlite3

    from referat_parser.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(MINUTES, encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.json")  # never opened: it would block
    long = "x" * 300 + ".json"
    r = _runner().invoke(app, ["export", "good.txt", long, "fifo.json", "--sqlite", "x.db", "-q"])
    assert "cannot write to" not in r.stderr and "internal error" not in r.stderr, r.stderr
    assert f"referat: failed: {long}: cannot read: File name too long" in r.stderr
    assert "fifo.json: not a regular file" in r.stderr
    with sqlite3.connect(tmp_path / "x.db") as db:
        assert db.execute("select count(*) from meetings").fetchone() == (1,)


def test_control_characters_in_file_names_are_escaped_in_every_message(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from referat_parser.cli import app

    monkeypatch.chdir(tmp_path)
    name = "bad\x1b[2Jname\nreferat: failed: forged.txt"
    (tmp_path / name).write_bytes(b"")  # empty: every command fails on it and names it
    shown = "bad\\x1b[2Jname\\x0areferat: failed: forged.txt"
    for args in (["parse", name + "-gone"], ["batch", name, "--jsonl", "o.jsonl", "-q", "-j", "1"],
                 ["export", name, "--sqlite", "x.db", "-q"], ["validate", name], ["show", name + "-gone"],
                 ["show", name + "-gone", "--html", "v.html"], ["parse", "no\x1b]0;title\x07such\u202efile"]):
        r = _runner().invoke(app, args)
        out = r.stdout + r.stderr
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out, (args, out)
        assert all(line.startswith(("referat: ", "invalid ", "ok ", "  ")) or not line
                   for line in out.split("\n")), (args, out)
        if args[1].startswith(name):
            assert shown in out, (args, out)


# ---- item 11 (and issue 23 item 8): interrupted exports and batches leave no litter -------------


def _dead_pid() -> int:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def test_a_later_run_removes_the_temp_files_a_killed_run_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from referat_parser.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.txt").write_text(MINUTES, encoding="utf-8")
    dead, alive = _dead_pid(), os.getpid()
    stale = tmp_path / f".all.jsonl.{dead}.k2j4h5g6.tmp"
    stale.write_bytes(b"x" * 1000)
    live = tmp_path / f".all.jsonl.{alive}.a1b2c3d4.tmp"  # another run, still writing
    live.write_bytes(b"y")
    other = tmp_path / ".notes.txt.123.tmp"  # not a temp file of this target
    other.write_bytes(b"z")
    r = _runner().invoke(app, ["batch", "m.txt", "--jsonl", "all.jsonl", "-q", "-j", "1"])
    assert r.exit_code == 0, r.stderr
    assert not stale.exists() and live.exists() and other.exists()
    assert len((tmp_path / "all.jsonl").read_text().splitlines()) == 1
    # the same for the files of an export
    (tmp_path / "csv").mkdir()
    stale_csv = tmp_path / "csv" / f".items.csv.{dead}.zz9yy8xx.tmp"
    stale_csv.write_bytes(b"x")
    r = _runner().invoke(app, ["export", "all.jsonl", "--csv", "csv", "-q"])
    assert r.exit_code == 0, r.stderr
    assert not stale_csv.exists()
    assert sorted(p.name for p in (tmp_path / "csv").iterdir() if p.name.startswith("."))  == []


def test_sigterm_stops_an_export_cleanly(tmp_path: Path) -> None:
    import json
    import os
    import signal
    import sqlite3
    import subprocess
    import sys

    doc = _json_of(MINUTES * 40, tmp_path / "m.txt")
    jsonl = tmp_path / "all.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for k in range(20_000):  # each its own document (its own SHA-256): an export of seconds
            doc["source"]["sha256"] = f"{k:064x}"
            fh.write(json.dumps(doc) + "\n")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "referat_parser", "export", str(jsonl), "--sqlite",
                             str(out / "x.db"), "--csv", str(out / "csv"), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _ in range(600):  # until the export is writing
        if (out / "x.db-wal").exists():
            break
        time.sleep(0.05)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    left = sorted(p.name for p in out.rglob("*") if p.is_file())
    assert left == ["x.db"], left  # no temp file, no -wal or -shm: out of WAL mode
    with sqlite3.connect(out / "x.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_sqlite_through_a_dangling_symlink_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from referat_parser.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.txt").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere" / "target.db", tmp_path / "x.db")
    r = _runner().invoke(app, ["export", "m.txt", "--sqlite", "x.db", "-q"])
    assert r.exit_code == 1 and "symbolic link to nothing" in r.stderr, r.stderr
    assert r.stderr.count("\n") == 1
    assert list((tmp_path / "elsewhere").iterdir()) == [] and os.path.islink(tmp_path / "x.db")


def test_parquet_export_of_many_small_documents_stays_small(tmp_path: Path) -> None:
    """10,000 small documents: a record batch held per document took ~430 MB; now ~120 MB (pyarrow itself ~80)."""
    import json

    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    doc = _json_of(MINUTES, tmp_path / "m.txt")
    jsonl = tmp_path / "all.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for k in range(10_000):
            doc["source"]["sha256"] = f"{k:064x}"
            fh.write(json.dumps(doc) + "\n")
    proc, _, _, rss_kb = _cli(["export", str(jsonl), "--parquet", str(tmp_path / "pq"), "-q"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert rss_kb < 250 * 1024, f"{rss_kb / 1024:.0f} MB"
    items = pq.ParquetFile(tmp_path / "pq" / "items.parquet").metadata
    assert items.num_rows == 20_000 and items.num_row_groups == 2  # still row groups of 10,000


# ---- item 8: one long line ------------------------------------------------------------------------


def test_header_patterns_read_a_bounded_prefix_of_one_long_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Some 30 header patterns ran over the whole of a 5 MB line (seconds); now over its first 10,000 characters."""
    from referat_parser import parse_text
    from referat_parser.extract import header

    longest = [0]

    class Spy:
        def __init__(self, rx: P.Rx) -> None:
            self.rx = rx

        def __getattr__(self, name: str):
            call = getattr(self.rx, name)
            if not callable(call):
                return call

            def spied(s, *args, **kwargs):
                if isinstance(s, str):
                    longest[0] = max(longest[0], len(s))
                return call(s, *args, **kwargs)

            return spied

    class Patterns:
        def __getattr__(self, name: str):
            value = getattr(P, name)
            if isinstance(value, P.Rx):
                return Spy(value)
            if isinstance(value, dict):
                return {k: Spy(v) if isinstance(v, P.Rx) else v for k, v in value.items()}
            return value

    monkeypatch.setattr(header, "P", Patterns())
    m = parse_text("Referat af mødet i Økonomiudvalget den 3. marts 2024 kl. 10.00 " + "ord " * 250_000 + "\n")
    assert m.meeting.date == "2024-03-03"
    assert longest[0] <= 2 * header.HEADER_LINE_CHARS + 8, longest[0]  # "joined" holds up to 8 capped lines
