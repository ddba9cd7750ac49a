"""`referat export`: SQLite with FTS5, CSV and Parquet from JSON, JSONL and raw minutes files."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from referat_parser import parse_file
from referat_parser.cli import app
from referat_parser.export.sqlite import FTS_TOKENIZE
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
