"""`referat export`: SQLite with FTS5, CSV and Parquet from JSON, JSONL and raw minutes files."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from referat_parser import parse_file
from referat_parser.cli import app
from referat_parser.export.sqlite import FTS_TOKENIZE, SqliteSink
from tests.conftest import DEV, SEEDS

runner = CliRunner()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """Every fixture parsed: one JSON file each in a folder, as `referat batch -o` writes them."""
    folder = tmp_path_factory.mktemp("json")
    docs = []
    for f in SEEDS + DEV:
        text = parse_file(f).model_dump_json()
        (folder / f"{f.stem}.json").write_text(text, encoding="utf-8")
        docs.append(json.loads(text))
    return folder, docs


def _db(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def _count(db: sqlite3.Connection, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_counts_match_the_json(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    folder, docs = outputs
    dbfile = tmp_path / "m.db"
    r = runner.invoke(app, ["export", str(folder), "--sqlite", str(dbfile)])
    assert r.exit_code == 0, r.output
    n = len(docs)
    assert f"{n} sources, {n} distinct documents: {n} new, 0 replaced" in r.stderr
    db = _db(dbfile)
    assert _count(db, "meetings") == len(docs)
    assert _count(db, "items") == sum(len(d["items"]) for d in docs)
    assert _count(db, "participants") == sum(len(d["participants"]) for d in docs)
    assert _count(db, "clauses") == sum(len((i["recommendation"] or {}).get("clauses") or [])
                                        for d in docs for i in d["items"])
    assert _count(db, "diagnostics") == sum(len(d["diagnostics"]) for d in docs)
    outcomes = Counter(i["decision"]["outcome"] for d in docs for i in d["items"] if i["decision"])
    got = dict(db.execute("SELECT decision_outcome, count(*) FROM items WHERE decision_outcome IS NOT NULL "
                          "GROUP BY decision_outcome"))
    assert got == dict(outcomes)
    # Foreign keys hold and the schema is what the README documents.
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    fts_sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'items_fts'").fetchone()[0]
    assert "fts5" in fts_sql.lower() and FTS_TOKENIZE in fts_sql
    assert 'content="items"' in fts_sql  # how datasette finds the index of a table (its search box)
    indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"meetings_body", "meetings_date", "items_decision_outcome"} <= indexes


def _unique_decision_word(docs: list[dict]) -> tuple[str, str]:
    """A word (with æ, ø or å if possible) found in exactly one item of all the texts FTS indexes."""
    seen: Counter[str] = Counter()
    owner: dict[str, str] = {}
    for d in docs:
        for i in d["items"]:
            texts = [i["title"], (i["recommendation"] or {}).get("text"), i["case_description"],
                     (i["decision"] or {}).get("text")]
            words = {w.strip(".,:;()\"'").casefold() for t in texts if t for w in t.split()}
            for w in words:
                seen[w] += 1
                owner[w] = i["title"]
    dec_words = sorted({w.strip(".,:;()\"'").casefold() for d in docs for i in d["items"] if i["decision"]
                        for w in i["decision"]["text"].split()})
    candidates = [w for w in dec_words if seen[w] == 1 and w.isalpha() and len(w) > 6]
    danish = [w for w in candidates if set(w) & set("æøå")]
    word = (danish or candidates)[0]
    return word, owner[word]


def test_fts_finds_exactly_the_item(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    folder, docs = outputs
    dbfile = tmp_path / "m.db"
    assert runner.invoke(app, ["export", str(folder), "--sqlite", str(dbfile), "-q"]).exit_code == 0
    word, title = _unique_decision_word(docs)
    assert set(word) & set("æøå"), "the corpus has a Danish word for this test"
    db = _db(dbfile)
    hits = db.execute("SELECT i.title FROM items_fts JOIN items i ON i.id = items_fts.rowid "
                      "WHERE items_fts MATCH ?", [f'"{word}"']).fetchall()
    assert hits == [(title,)]
    # Diacritics are kept: the word with æ/ø/å replaced by a/o/a is another word.
    plain = word.translate(str.maketrans("æøå", "aoa"))
    assert db.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH ?", [f'"{plain}"']).fetchone()[0] == 0


def test_re_export_changes_no_counts(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    folder, _ = outputs
    dbfile = tmp_path / "m.db"
    tables = ("meetings", "items", "participants", "clauses", "attachments", "diagnostics")
    assert runner.invoke(app, ["export", str(folder), "--sqlite", str(dbfile), "-q"]).exit_code == 0
    db = _db(dbfile)
    before = {t: _count(db, t) for t in tables}
    db.close()
    r = runner.invoke(app, ["export", str(folder), "--sqlite", str(dbfile)])
    assert r.exit_code == 0
    n = before["meetings"]
    assert f"{n} sources, {n} distinct documents: 0 new, {n} replaced" in r.stderr
    db = _db(dbfile)
    assert {t: _count(db, t) for t in tables} == before
    db.execute("INSERT INTO items_fts(items_fts) VALUES('integrity-check')")  # raises if the index is stale


def test_mixed_sources_and_a_broken_one(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    _, docs = outputs
    jsonl = tmp_path / "two.jsonl"
    jsonl.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs[:2]) + "\n", encoding="utf-8")
    raw = tmp_path / "raw.txt"
    shutil.copy(DEV[5], raw)
    one = tmp_path / "one.json"
    one.write_text(json.dumps(docs[3]), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    dbfile = tmp_path / "m.db"
    r = runner.invoke(app, ["export", str(jsonl), str(raw), str(one), str(broken), "--sqlite", str(dbfile), "-j", "1"])
    assert r.exit_code == 3
    assert "broken.json" in r.stderr and "5 sources, 4 distinct documents: 4 new, 0 replaced" in r.stderr
    db = _db(dbfile)
    paths = [row[0] for row in db.execute("SELECT source_path FROM meetings ORDER BY id")]
    assert paths == [docs[0]["source"]["path"], docs[1]["source"]["path"], str(raw), docs[3]["source"]["path"]]
    assert runner.invoke(app, ["export", str(broken), "--sqlite", str(dbfile), "-q"]).exit_code == 1
    assert runner.invoke(app, ["export", str(broken)]).exit_code == 2  # no target given


def test_csv_round_trips_danish_letters(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    folder, docs = outputs
    out = tmp_path / "csv"
    assert runner.invoke(app, ["export", str(folder), "--csv", str(out), "-q"]).exit_code == 0
    assert (out / "items.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with (out / "items.csv").open(encoding="utf-8-sig", newline="") as fh:
        items = list(csv.DictReader(fh))
    assert len(items) == sum(len(d["items"]) for d in docs)
    titles = {i["title"] for d in docs for i in d["items"]}
    assert {row["title"] for row in items} == titles
    assert any(set(t) & set("æøåÆØÅ") for t in titles)
    with (out / "meetings.csv").open(encoding="utf-8-sig", newline="") as fh:
        meetings = list(csv.DictReader(fh))
    with (out / "participants.csv").open(encoding="utf-8-sig", newline="") as fh:
        people = list(csv.DictReader(fh))
    assert len(meetings) == len(docs) and len(people) == sum(len(d["participants"]) for d in docs)
    assert {p["meeting_id"] for p in people} <= {m["id"] for m in meetings}
    assert not list(out.glob(".*.tmp"))
    assert (out / "items.csv").stat().st_mode & 0o044, "readable like any other output, not mkstemp's 0600"
    nobom = tmp_path / "nobom"
    assert runner.invoke(app, ["export", str(folder), "--csv", str(nobom), "--no-bom", "-q"]).exit_code == 0
    assert not (nobom / "items.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_folders_take_json_and_parse_minutes_files_only_with_parse(outputs: tuple[Path, list[dict]],
                                                                  tmp_path: Path) -> None:
    _, docs = outputs
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.json").write_text(json.dumps(docs[0], ensure_ascii=False), encoding="utf-8")
    shutil.copy(DEV[2], folder / "raw.txt")  # a minutes file beside the JSON
    (folder / "report.json").write_text('{"files": 1, "failed": []}', encoding="utf-8")  # not a document
    dbfile = tmp_path / "m.db"
    r = runner.invoke(app, ["export", str(folder), "--sqlite", str(dbfile)])
    assert r.exit_code == 0, r.stderr
    assert "1 sources, 1 distinct documents" in r.stderr
    r = runner.invoke(app, ["export", str(folder), "--sqlite", str(dbfile), "--parse", "-j", "1"])
    assert r.exit_code == 0, r.stderr
    db = _db(dbfile)
    assert sorted(row[0] for row in db.execute("SELECT source_path FROM meetings")) == sorted(
        [docs[0]["source"]["path"], str(folder / "raw.txt")])
    # A non-document JSON named explicitly is a failure, not passed over.
    assert runner.invoke(app, ["export", str(folder / "report.json"), "--sqlite", str(dbfile), "-q"]).exit_code == 1


def test_pages_and_csv_join_keys(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    _, docs = outputs
    doc = json.loads(json.dumps(docs[0]))
    doc["source"].update(media_type="application/pdf", pages=7)
    src = tmp_path / "paged.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    dbfile, out = tmp_path / "m.db", tmp_path / "csv"
    r = runner.invoke(app, ["export", str(src), "--sqlite", str(dbfile), "--csv", str(out), "-q"])
    assert r.exit_code == 0, r.stderr
    assert _db(dbfile).execute("SELECT source_pages, source_sha256 FROM meetings").fetchall() == [
        (7, doc["source"]["sha256"])]
    for name in ("items", "participants"):
        with (out / f"{name}.csv").open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert rows and {(r["source_sha256"], r["source_path"]) for r in rows} == {
            (doc["source"]["sha256"], doc["source"]["path"])}


# --- one rule for duplicates, the same rows and names in every target (issue 14, item 3) ----------


def _csv_rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def test_duplicate_sources_are_one_document_in_every_target(outputs: tuple[Path, list[dict]],
                                                            tmp_path: Path) -> None:
    """The same sha256 is the same document: three copies of every JSON export as one each."""
    pq = pytest.importorskip("pyarrow.parquet")
    folder, docs = outputs
    for n in range(3):
        shutil.copytree(folder, tmp_path / "copies" / f"c{n}")
    dbfile, out, pqdir = tmp_path / "m.db", tmp_path / "csv", tmp_path / "pq"
    args = ["export", str(tmp_path / "copies"), "--sqlite", str(dbfile), "--csv", str(out), "--parquet", str(pqdir)]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.stderr
    n = len(docs)
    assert f"{3 * n} sources, {n} distinct documents: {n} new, 0 replaced ({2 * n} duplicate sources" in r.stderr
    assert f"{dbfile} (SQLite): {n} documents in all" in r.stderr
    assert f"{out} (CSV): files rewritten with the {n} documents of this export" in r.stderr
    n_items = sum(len(d["items"]) for d in docs)
    assert _count(_db(dbfile), "meetings") == n and _count(_db(dbfile), "items") == n_items
    assert len(_csv_rows(out / "meetings.csv")) == n and len(_csv_rows(out / "items.csv")) == n_items
    assert pq.read_table(pqdir / "meetings.parquet").num_rows == n
    assert pq.read_table(pqdir / "items.parquet").num_rows == n_items
    # Again: the database replaces what it holds; the files are rewritten with this export.
    r = runner.invoke(app, args)
    assert f"{3 * n} sources, {n} distinct documents: 0 new, {n} replaced" in r.stderr
    assert _count(_db(dbfile), "meetings") == n and len(_csv_rows(out / "meetings.csv")) == n


def test_csv_and_parquet_hold_the_rows_sqlite_holds(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    folder, _ = outputs
    dbfile, out, pqdir = tmp_path / "m.db", tmp_path / "csv", tmp_path / "pq"
    r = runner.invoke(app, ["export", str(folder), "--sqlite", str(dbfile), "--csv", str(out), "--parquet", str(pqdir),
                            "--no-escape-formulas", "-q"])
    assert r.exit_code == 0, r.stderr
    db = _db(dbfile)
    db.row_factory = sqlite3.Row
    for table in ("meetings", "items", "participants"):
        stored = [dict(row) for row in db.execute(f"SELECT * FROM {table} ORDER BY id")]
        columns = [c for c in stored[0] if c != "id"]
        lists = {c for c in columns if c in ("minute_takers", "recommendation_clauses", "attachments")}
        from_parquet = pq.read_table(pqdir / f"{table}.parquet").to_pylist()
        from_csv = _csv_rows(out / f"{table}.csv")
        assert len(stored) == len(from_parquet) == len(from_csv)
        assert set(columns) <= set(from_parquet[0]) and set(columns) <= set(from_csv[0])
        for key in ("id", "meeting_id"):  # the file targets share their per-export numbering
            if key in from_csv[0]:
                assert [r[key] for r in from_csv] == [str(r[key]) for r in from_parquet]
        for s, p, c in zip(stored, from_parquet, from_csv, strict=True):
            for col in columns:
                if col == "meeting_id":  # per-export numbering in the files; the sha256 joins them
                    continue
                want = json.loads(s[col]) if col in lists else s[col]
                got_p = bool(p[col]) if col == "complete" else _as_json(p[col])
                assert (bool(want) if col == "complete" else want) == got_p, (table, col)
                got_c = c[col].split("\n") if col in lists and c[col] else ([] if col in lists else c[col])
                assert got_c == (want if col in lists else "" if want is None else str(want)), (table, col)


# Columns -> JSON paths, written out by hand from the output contract (not from the code under test).
ITEM_FIELDS = {
    "number": ("number",), "title": ("title",), "duration_minutes": ("duration_minutes",),
    "recommendation_text": ("recommendation", "text"), "recommendation_clauses": ("recommendation", "clauses"),
    "case_description": ("case_description",), "decision_text": ("decision", "text"),
    "decision_outcome": ("decision", "outcome"), "decision_heading": ("decision", "heading"),
    "decision_body": ("decision", "body"), "decision_date": ("decision", "date"), "attachments": ("attachments",),
    "complete": ("complete",), "span_start_line": ("span", "start_line"), "span_end_line": ("span", "end_line"),
}
MEETING_FIELDS = {
    "source_path": ("source", "path"), "source_sha256": ("source", "sha256"),
    "source_media_type": ("source", "media_type"), "source_pages": ("source", "pages"), "kind": ("kind",),
    "source_tables": ("source", "tables"), "source_chrome_removed": ("source", "chrome_removed"),
    "start_time": ("meeting", "start_time"), "end_time": ("meeting", "end_time"),
    "title": ("meeting", "title"), "body": ("meeting", "body"), "date": ("meeting", "date"),
    "chair": ("meeting", "chair"), "minute_takers": ("meeting", "minute_takers"),
    "span_start_line": ("meeting", "span", "start_line"),
}


def _at(obj: dict | None, path: tuple[str, ...]) -> object:
    for key in path:
        obj = (obj or {}).get(key)
    return obj


def _as_json(value: object) -> object:
    """A Parquet value as the JSON holds it: a date as ISO, a clock time as HH:MM."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value.isoformat() if isinstance(value, dt.date) else value


def test_columns_are_named_and_filled_as_the_json_fields(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    folder, docs = outputs
    pqdir = tmp_path / "pq"
    assert runner.invoke(app, ["export", str(folder), "--parquet", str(pqdir), "-q"]).exit_code == 0
    items = pq.read_table(pqdir / "items.parquet").to_pylist()
    meetings = pq.read_table(pqdir / "meetings.parquet").to_pylist()
    assert "case_text" not in items[0] and "recommendation" not in items[0] and "outcome" not in items[0]
    by_sha = {d["source"]["sha256"]: d for d in docs}
    for row in meetings:
        doc = by_sha[row["source_sha256"]]
        for column, path in MEETING_FIELDS.items():
            assert _as_json(row[column]) == _at(doc, path), column
    for row in items:
        item = by_sha[row["source_sha256"]]["items"][row["position"] - 1]
        for column, path in ITEM_FIELDS.items():
            want = _at(item, path)
            want = [] if want is None and column == "recommendation_clauses" else want
            assert _as_json(row[column]) == want, column
        # the recommendation and the decision point at the lines of their sections
        for kind in ("recommendation", "decision"):
            spans = [s["span"] for s in item["sections"] if s["kind"] == kind]
            want_span = (spans[0]["start_line"], spans[-1]["end_line"]) if spans and item[kind] else (None, None)
            assert (row[f"{kind}_span_start_line"], row[f"{kind}_span_end_line"]) == want_span
    sql_items = [r[1] for r in _db(_export_sqlite(folder, tmp_path)).execute("PRAGMA table_info(items)")]
    assert {"case_description", "recommendation_text", "decision_outcome"} <= set(sql_items)
    assert "case_text" not in sql_items


def _export_sqlite(src: Path, tmp_path: Path) -> Path:
    dbfile = tmp_path / "export.db"
    r = runner.invoke(app, ["export", str(src), "--sqlite", str(dbfile), "-q"])
    assert r.exit_code == 0, r.stderr
    return dbfile


def test_sqlite_is_left_in_rollback_journal_mode_so_read_only_copies_work(outputs: tuple[Path, list[dict]],
                                                                         tmp_path: Path) -> None:
    folder, docs = outputs
    dbfile = _export_sqlite(folder, tmp_path)
    assert _db(dbfile).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not Path(f"{dbfile}-wal").exists() and not Path(f"{dbfile}-shm").exists()
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    copy = shelf / "referater.db"
    shutil.copy(dbfile, copy)
    copy.chmod(0o444)
    shelf.chmod(0o555)  # a read-only folder (root ignores it; mode=ro below holds for everyone)
    try:
        for query in ("mode=ro", "immutable=1"):
            ro = sqlite3.connect(f"file:{copy}?{query}", uri=True)
            assert ro.execute("SELECT count(*) FROM meetings").fetchone()[0] == len(docs)
            assert ro.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'godkendt'").fetchone()[0] > 0
            ro.close()
        assert sorted(p.name for p in shelf.iterdir()) == ["referater.db"]
    finally:
        shelf.chmod(0o755)


def test_our_databases_are_marked(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    from referat_parser.export.sqlite import APPLICATION_ID, SCHEMA_VERSION

    folder, _ = outputs
    db = _db(_export_sqlite(folder, tmp_path))
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID == int.from_bytes(b"RFRT")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


# --- Parquet (issue 14, item 4) --------------------------------------------------------------------


def test_parquet_tables_have_types(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    folder, docs = outputs
    pqdir = tmp_path / "pq"
    r = runner.invoke(app, ["export", str(folder), "--parquet", str(pqdir)])
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in pqdir.iterdir()) == ["items.parquet", "meetings.parquet", "participants.parquet"]
    items = pq.read_table(pqdir / "items.parquet")
    assert items.schema.field("attachments").type == pa.list_(pa.string())
    assert items.schema.field("complete").type == pa.bool_()
    assert items.schema.field("duration_minutes").type == pa.int64()
    people = pq.read_table(pqdir / "participants.parquet")
    assert people.num_rows == sum(len(d["participants"]) for d in docs)
    meetings = pq.read_table(pqdir / "meetings.parquet").to_pylist()
    klynge = next(m for m in meetings if m["source_path"].endswith("klynge-vest-2020-11-25.txt"))
    # "Referent: Nikolaj Bilgram Kristensen/ Birthe Runoberg Nielsen" in the source
    assert klynge["minute_takers"] == ["Nikolaj Bilgram Kristensen", "Birthe Runoberg Nielsen"]


def test_parquet_without_pyarrow_is_one_line_and_writes_nothing(outputs: tuple[Path, list[dict]], tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder, _ = outputs
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    dbfile = tmp_path / "m.db"
    r = runner.invoke(app, ["export", str(folder), "--parquet", str(tmp_path / "pq"), "--sqlite", str(dbfile)])
    assert r.exit_code == 1
    assert r.stderr == "referat: error: --parquet needs pyarrow (the extra parquet): pip install pyarrow\n"
    assert not (tmp_path / "pq").exists() and not dbfile.exists()


def test_pyarrow_is_imported_only_for_parquet(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    folder, _ = outputs
    code = ("import sys\nfrom referat_parser.cli import app\n"
            f"try:\n    app(['export', {str(folder)!r}, '--sqlite', {str(tmp_path / 'm.db')!r}, "
            f"'--csv', {str(tmp_path / 'csv')!r}, '-q'])\n"
            "except SystemExit as e:\n    assert e.code == 0, e.code\n"
            "assert 'pyarrow' not in sys.modules\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


# --- CSV for spreadsheets (issue 14, item 5; issue 16, item 5) -------------------------------------


def test_csv_delimiter_and_the_danish_excel_preset(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    folder, _ = outputs
    assert runner.invoke(app, ["export", str(folder), "--csv", str(tmp_path / "comma"), "-q"]).exit_code == 0
    want = _csv_rows(tmp_path / "comma" / "items.csv")
    args = ["export", str(folder), "--csv", str(tmp_path / "escaped"), "--escape-formulas", "-q"]
    assert runner.invoke(app, args).exit_code == 0
    escaped = _csv_rows(tmp_path / "escaped" / "items.csv")
    assert escaped != want  # --excel-da implies --escape-formulas
    r = runner.invoke(app, ["export", str(folder), "--csv", str(tmp_path / "da"), "--excel-da", "-q"])
    assert r.exit_code == 0, r.stderr
    raw = (tmp_path / "da" / "items.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid;meeting_id;source_sha256;source_path;position;")
    assert _csv_rows(tmp_path / "da" / "items.csv", ";") == escaped
    r = runner.invoke(app, ["export", str(folder), "--csv", str(tmp_path / "tab"), "--delimiter", "tab", "-q"])
    assert r.exit_code == 0, r.stderr
    assert _csv_rows(tmp_path / "tab" / "items.csv", "\t") == want
    for bad in (["--delimiter", ";;"], ["--delimiter", '"'], ["--excel-da", "--no-bom"],
                ["--excel-da", "--delimiter", ","]):
        r = runner.invoke(app, ["export", str(folder), "--csv", str(tmp_path / "x"), *bad])
        assert r.exit_code == 2 and r.stderr.startswith("referat: error: "), bad
    assert runner.invoke(app, ["export", str(folder), "--sqlite", str(tmp_path / "m.db"), "--excel-da"]).exit_code == 2


def test_csv_lists_are_one_value_per_line(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    folder, docs = outputs
    out = tmp_path / "csv"
    assert runner.invoke(app, ["export", str(folder), "--csv", str(out), "-q"]).exit_code == 0
    klynge = next(m for m in _csv_rows(out / "meetings.csv") if m["source_path"].endswith("klynge-vest-2020-11-25.txt"))
    assert klynge["minute_takers"] == "Nikolaj Bilgram Kristensen\nBirthe Runoberg Nielsen"
    items = _csv_rows(out / "items.csv")
    by_key = {(d["source"]["sha256"], n): i for d in docs for n, i in enumerate(d["items"], start=1)}
    with_clauses = [r for r in items if "\n" in r["recommendation_clauses"]]
    assert with_clauses, "the fixtures have items with several clauses"
    for row in items:
        item = by_key[(row["source_sha256"], int(row["position"]))]
        assert row["recommendation_clauses"] == "\n".join((item["recommendation"] or {}).get("clauses") or [])
        assert row["attachments"] == "\n".join(item["attachments"])


def test_csv_cell_rules() -> None:
    from referat_parser.export.csv_out import cell

    assert cell(["Anne Hansen", "Bo\nJensen"]) == "Anne Hansen\nBo Jensen"  # one value per line, always
    assert cell([]) == "" and cell(None) == "" and cell(True) == 1 and cell(False) == 0
    assert cell(-5) == -5 and cell(7) == 7  # numbers are not formulas
    assert cell("=1+1", escape_formulas=True) == "'=1+1" and cell("=1+1") == "=1+1"  # verbatim by default
    assert cell(" =1+1", escape_formulas=True) == " '=1+1"  # an importer may trim the space
    assert cell("a, -b;c|@d\n+e", escape_formulas=True) == "a, '-b;c|'@d\n'+e"  # after any separator
    assert cell("\t-x", escape_formulas=True) == "'\t'-x"
    assert cell("Punkt 3 = godkendt", escape_formulas=True) == "Punkt 3 = godkendt"


def _doc_with_titles(docs: list[dict], titles: list[str]) -> dict:
    doc = json.loads(json.dumps(docs[0]))
    template = doc["items"][0]
    doc["items"] = [{**template, "title": t} for t in titles]
    return doc


FORMULAS = ['=HYPERLINK("http://x","klik")', "+45 12 34 56 78", "-1+2", "@SUM(A1)", "\tfane", "\rvogn"]


def test_csv_formula_cells_are_neutralised(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    _, docs = outputs
    doc = _doc_with_titles(docs, [*FORMULAS, "Godkendelse af dagsorden", "Budget – 2025"])
    doc["meeting"]["minute_takers"] = ["=1+1", "Anne"]
    src = tmp_path / "evil.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out, dbfile = tmp_path / "csv", tmp_path / "m.db"
    r = runner.invoke(app, ["export", str(src), "--csv", str(out), "--sqlite", str(dbfile), "--escape-formulas",
                            "-q"])
    assert r.exit_code == 0, r.stderr
    titles = [row["title"] for row in _csv_rows(out / "items.csv")]
    assert titles == ["'" + t for t in FORMULAS] + ["Godkendelse af dagsorden", "Budget – 2025"]
    assert _csv_rows(out / "items.csv")[0]["span_start_line"] == str(doc["items"][0]["span"]["start_line"])
    assert _csv_rows(out / "meetings.csv")[0]["minute_takers"] == "'=1+1\nAnne"
    # The database keeps the text as it is; so does the CSV when asked.
    assert [t for (t,) in _db(dbfile).execute("SELECT title FROM items ORDER BY id")][:6] == FORMULAS
    r = runner.invoke(app, ["export", str(src), "--csv", str(out), "--no-escape-formulas", "-q"])
    assert r.exit_code == 0
    assert [row["title"] for row in _csv_rows(out / "items.csv")][:6] == FORMULAS


# --- one bad source fails alone; a bad target is refused (issue 16, item 5) ------------------------


def test_a_malformed_source_fails_alone(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    _, docs = outputs
    src = tmp_path / "src"
    src.mkdir()
    (src / "a-good.json").write_text(json.dumps(docs[0]), encoding="utf-8")
    wrong = json.loads(json.dumps(docs[1]))
    wrong["items"][0]["title"] = {"not": "a string"}
    (src / "b-wrong-type.json").write_text(json.dumps(wrong), encoding="utf-8")
    (src / "c-deep.json").write_text('{"schema_version": "1", "items": [], "meeting": ' + "[" * 100_000
                                     + "]" * 100_000 + "}", encoding="utf-8")
    huge = json.loads(json.dumps(docs[2]))
    huge["items"][0]["duration_minutes"] = 10**30
    (src / "d-huge-number.json").write_text(json.dumps(huge), encoding="utf-8")
    lines = [json.dumps(docs[3]), json.dumps({**docs[4], "participants": "everyone"}), json.dumps(docs[5])]
    (src / "e-lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "f-good.json").write_text(json.dumps(docs[6]), encoding="utf-8")
    dbfile, out, pqdir = tmp_path / "m.db", tmp_path / "csv", tmp_path / "pq"
    args = ["export", str(src), "--sqlite", str(dbfile), "--csv", str(out)]
    if _has_pyarrow():
        args += ["--parquet", str(pqdir)]
    r = runner.invoke(app, args)
    assert r.exit_code == 3, r.stderr
    failed = [line for line in r.stderr.splitlines() if line.startswith("referat: failed: ")]
    assert len(failed) == 4
    assert "b-wrong-type.json: not a valid referat-parser document: items.0.title: Input should be a valid string" \
        in failed[0]
    assert "c-deep.json: not readable JSON: recursion limit exceeded" in failed[1]
    assert "d-huge-number.json: cannot be exported: duration_minutes" in failed[2]
    assert "e-lines.jsonl:2: not a valid referat-parser document: participants" in failed[3]
    assert "8 sources, 4 distinct documents: 4 new, 0 replaced" in r.stderr
    want = sorted(d["source"]["sha256"] for d in (docs[0], docs[3], docs[5], docs[6]))
    assert sorted(s for (s,) in _db(dbfile).execute("SELECT source_sha256 FROM meetings")) == want
    assert sorted(m["source_sha256"] for m in _csv_rows(out / "meetings.csv")) == want
    items = _csv_rows(out / "items.csv")
    assert [int(i["id"]) for i in items] == list(range(1, len(items) + 1)), "no gaps left by the failed ones"
    if _has_pyarrow():
        import pyarrow.parquet as pq

        assert sorted(pq.read_table(pqdir / "meetings.parquet").column("source_sha256").to_pylist()) == want
    assert not [p for p in tmp_path.rglob(".*.tmp")]


def _has_pyarrow() -> bool:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def test_a_run_that_cannot_write_replaces_no_csv(outputs: tuple[Path, list[dict]], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up on the third document: one line, exit 1, the earlier CSV files stay."""
    from referat_parser.export import sqlite as sqlite_mod

    folder, _ = outputs
    out, dbfile = tmp_path / "csv", tmp_path / "m.db"
    out.mkdir()
    (out / "meetings.csv").write_text("earlier\n", encoding="utf-8")
    real = sqlite_mod.SqliteSink.write
    calls = []

    def full(self: object, rows: object) -> bool:
        calls.append(1)
        if len(calls) == 3:
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, rows)

    monkeypatch.setattr(sqlite_mod.SqliteSink, "write", full)
    r = runner.invoke(app, ["export", str(folder), "--sqlite", str(dbfile), "--csv", str(out)])
    assert r.exit_code == 1
    assert r.stderr == (f"referat: error: cannot write to {dbfile}: database or disk is full; the 2 documents "
                        f"before it stay in {dbfile}; no CSV or Parquet file was replaced\n")
    assert sorted(p.name for p in out.iterdir()) == ["meetings.csv"]
    assert (out / "meetings.csv").read_text(encoding="utf-8") == "earlier\n"
    assert _count(_db(dbfile), "meetings") == 2


def test_an_interrupted_export_replaces_no_csv(outputs: tuple[Path, list[dict]], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from referat_parser.export import run as run_mod

    folder, _ = outputs
    out = tmp_path / "csv"
    out.mkdir()
    (out / "items.csv").write_text("earlier\n", encoding="utf-8")
    real = run_mod.iter_documents

    def interrupted(*args: object, **kwargs: object):
        for n, doc in enumerate(real(*args, **kwargs)):
            if n == 2:
                raise KeyboardInterrupt
            yield doc

    monkeypatch.setattr(run_mod, "iter_documents", interrupted)
    r = runner.invoke(app, ["export", str(folder), "--csv", str(out)])
    assert r.exit_code == 130
    assert "(interrupted)" in r.stderr and "not written (interrupted)" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["items.csv"]
    assert (out / "items.csv").read_text(encoding="utf-8") == "earlier\n"


def test_a_run_that_exports_nothing_replaces_no_csv(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    out.mkdir()
    (out / "items.csv").write_text("earlier\n", encoding="utf-8")
    r = runner.invoke(app, ["export", str(tmp_path / "no-such-folder"), "--csv", str(out)])
    assert r.exit_code == 1
    assert "no such file or folder" in r.stderr and "not written (nothing exported)" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["items.csv"]
    assert (out / "items.csv").read_text(encoding="utf-8") == "earlier\n"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_database_that_is_not_ours_is_refused_untouched(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    folder, _ = outputs
    theirs = tmp_path / "theirs.db"
    db = sqlite3.connect(theirs)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    db.execute("INSERT INTO notes (text) VALUES ('mine')")
    db.commit()
    db.close()
    before = _sha(theirs)
    r = runner.invoke(app, ["export", str(folder), "--sqlite", str(theirs), "--csv", str(tmp_path / "csv")])
    assert r.exit_code == 1
    assert r.stderr == (f"referat: error: {theirs} is not a referat database (it has tables of its own): "
                        "give a new file; nothing was written to it\n")
    assert _sha(theirs) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv", "theirs.db"]
    assert list((tmp_path / "csv").iterdir()) == []
    assert _db(theirs).execute("PRAGMA journal_mode").fetchone()[0] == "delete"

    text = tmp_path / "notes.db"
    text.write_text("not a database at all, just notes\n" * 100, encoding="utf-8")
    before = _sha(text)
    r = runner.invoke(app, ["export", str(folder), "--sqlite", str(text)])
    assert r.exit_code == 1 and r.stderr.startswith(f"referat: error: {text} is not a SQLite database")
    assert r.stderr.count("\n") == 1 and _sha(text) == before


def _legacy_database(path: Path, doc: dict) -> None:
    """A database as referat export wrote it before the mark (schema 1), holding ``doc``."""
    db = sqlite3.connect(path)
    db.executescript((Path(__file__).parent / "data" / "export-schema-1.sql").read_text(encoding="utf-8"))
    mt, src = doc["meeting"], doc["source"]
    meeting_id = db.execute(
        "INSERT INTO meetings (source_path, sha256, media_type, kind, title, body, date, minute_takers, start_line,"
        " end_line, exported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [src["path"], src["sha256"], src["media_type"], doc["kind"], mt["title"], mt["body"], mt["date"],
         json.dumps(mt["minute_takers"]), mt["span"]["start_line"], mt["span"]["end_line"], "2025-01-01"]).lastrowid
    for n, it in enumerate(doc["items"], start=1):
        rec, dec = it["recommendation"] or {}, it["decision"] or {}
        item_id = db.execute(
            "INSERT INTO items (meeting_id, position, number, title, recommendation, case_text, decision_text,"
            " outcome, start_line, end_line, complete) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [meeting_id, n, it["number"], it["title"], rec.get("text"), it["case_description"], dec.get("text"),
             dec.get("outcome"), it["span"]["start_line"], it["span"]["end_line"], 1]).lastrowid
        for k, clause in enumerate(rec.get("clauses") or [], start=1):
            db.execute("INSERT INTO clauses (item_id, position, text) VALUES (?, ?, ?)", [item_id, k, clause])
    db.commit()
    db.execute("PRAGMA journal_mode = WAL")  # as that version left it
    db.close()


def test_a_database_from_before_the_mark_is_upgraded(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    _, docs = outputs
    old = next(d for d in docs if sum(len((i["recommendation"] or {}).get("clauses") or []) for i in d["items"]) > 2)
    others = [d for d in docs if d is not old]
    dbfile = tmp_path / "old.db"
    _legacy_database(dbfile, old)
    src = tmp_path / "src"
    src.mkdir()
    for n, d in enumerate(others):
        (src / f"{n:02d}.json").write_text(json.dumps(d), encoding="utf-8")
    r = runner.invoke(app, ["export", str(src), "--sqlite", str(dbfile)])
    assert r.exit_code == 0, r.stderr
    assert f"{len(others)} new, 0 replaced" in r.stderr
    assert "upgraded to the current layout" in r.stderr and f"{len(docs)} documents in all" in r.stderr
    db = _db(dbfile)
    assert db.execute("PRAGMA application_id").fetchone()[0] == int.from_bytes(b"RFRT")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    db.execute("INSERT INTO items_fts(items_fts) VALUES('integrity-check')")
    rows = db.execute("SELECT i.title, i.case_description, i.decision_outcome, i.recommendation_clauses "
                      "FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE m.source_sha256 = ? "
                      "ORDER BY i.position", [old["source"]["sha256"]]).fetchall()
    assert [(*r[:3], json.loads(r[3])) for r in rows] == [
        (i["title"], i["case_description"], (i["decision"] or {}).get("outcome"),
         (i["recommendation"] or {}).get("clauses") or []) for i in old["items"]]
    # The old document's words are found by the rebuilt index.
    word = next(w for w in old["items"][0]["title"].split() if len(w) > 5 and w.isalpha())
    hits = db.execute("SELECT count(*) FROM items_fts JOIN items i ON i.id = items_fts.rowid JOIN meetings m "
                      "ON m.id = i.meeting_id WHERE items_fts MATCH ? AND m.source_sha256 = ?",
                      [f'"{word}"', old["source"]["sha256"]]).fetchone()[0]
    assert hits >= 1
    db.close()
    # Exported again, the old document is replaced like any other.
    (src / "old.json").write_text(json.dumps(old), encoding="utf-8")
    r = runner.invoke(app, ["export", str(src), "--sqlite", str(dbfile)])
    assert f"0 new, {len(docs)} replaced" in r.stderr and "upgraded" not in r.stderr


def test_an_empty_file_becomes_a_referat_database(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    folder, docs = outputs
    empty = tmp_path / "empty.db"
    empty.touch()
    assert runner.invoke(app, ["export", str(folder), "--sqlite", str(empty), "-q"]).exit_code == 0
    assert _count(_db(empty), "meetings") == len(docs)


def test_targets_that_are_not_files_or_folders_are_refused(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    folder, _ = outputs
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    r = runner.invoke(app, ["export", str(folder), "--sqlite", str(fifo)])
    assert r.exit_code == 1 and r.stderr == f"referat: error: {fifo} is not a regular file\n"
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    plain = tmp_path / "plain"
    plain.write_text("x", encoding="utf-8")
    for option in ("--csv", "--parquet"):
        r = runner.invoke(app, ["export", str(folder), option, str(plain)])
        assert r.exit_code == 1 and r.stderr == f"referat: error: cannot write to {plain}: not a folder\n", option
    assert plain.read_text(encoding="utf-8") == "x"
    # A missing folder is created, as batch -o creates it.
    r = runner.invoke(app, ["export", str(folder), "--sqlite", str(tmp_path / "new" / "deeper" / "m.db"), "-q"])
    assert r.exit_code == 0, r.stderr


def test_two_exports_closing_together_leave_wal_mode(tmp_path: Path) -> None:
    """Each closing export sees the other still open; one of them must still switch back."""
    dbfile = tmp_path / "m.db"

    def export(both_open: threading.Barrier, closing: threading.Barrier, modes: list[str]) -> None:
        sink = SqliteSink(dbfile)
        both_open.wait()
        modes.append(sink.conn.execute("PRAGMA journal_mode").fetchone()[0])
        closing.wait()
        sink.close()

    for _ in range(5):  # a barrier times out, so that a sink that failed to open fails the test, not hangs it
        barriers, modes = (threading.Barrier(2, timeout=60), threading.Barrier(2, timeout=60)), []
        threads = [threading.Thread(target=export, args=(*barriers, modes)) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert modes == ["wal", "wal"]
        db = sqlite3.connect(dbfile)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        db.close()
    assert not dbfile.with_name("m.db-wal").exists()


class _LockedAtFirst:
    """A connection whose switch to WAL mode is refused, "database is locked", the first ``refusals``
    times: what SQLite answers at once, without waiting, while another export holds the file (two
    exports starting together on a new file hit it in 6 runs of 600)."""

    def __init__(self, conn: sqlite3.Connection, refusals: int) -> None:
        self._conn, self.refusals, self.tries = conn, refusals, 0

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql == "PRAGMA journal_mode = WAL":
            self.tries += 1
            if self.tries <= self.refusals:
                raise sqlite3.OperationalError("database is locked")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


def test_an_export_whose_switch_to_wal_mode_is_refused_at_first_retries_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from referat_parser.export import sqlite as sink_module

    made: list[_LockedAtFirst] = []
    connect = sqlite3.connect

    def locked_at_first(*args: object, **kwargs: object) -> _LockedAtFirst:
        made.append(_LockedAtFirst(connect(*args, **kwargs), refusals=2))
        return made[-1]

    monkeypatch.setattr(sink_module.sqlite3, "connect", locked_at_first)
    sink = SqliteSink(tmp_path / "m.db")
    assert made[0].tries == 3 and sink.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    sink.close()
    # a file that stays locked: the error stands once ENTER_WAL_SECONDS have passed, the connection closed
    monkeypatch.setattr(sink_module, "ENTER_WAL_SECONDS", 0.2)
    monkeypatch.setattr(sink_module.sqlite3, "connect", lambda *a, **k: _LockedAtFirst(connect(*a, **k), 10**6))
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        SqliteSink(tmp_path / "other.db")


def test_two_exports_into_one_database_at_once(outputs: tuple[Path, list[dict]], tmp_path: Path) -> None:
    folder, docs = outputs
    dbfile = tmp_path / "m.db"
    for n in range(4):
        shutil.copytree(folder, tmp_path / "src" / f"c{n}")
    cmd = [sys.executable, "-m", "referat_parser", "export", str(tmp_path / "src"), "--sqlite", str(dbfile), "-q"]
    procs = [subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    db = _db(dbfile)
    assert _count(db, "meetings") == len(docs)
    assert _count(db, "items") == sum(len(d["items"]) for d in docs)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete", "the last export out leaves WAL mode"
    db.execute("INSERT INTO items_fts(items_fts) VALUES('integrity-check')")
