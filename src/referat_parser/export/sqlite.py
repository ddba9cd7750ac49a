"""Rows -> a SQLite database with foreign keys, indexes and an FTS5 index over the items.

The schema is spelled out below (it is documented in the README and other systems rely on
it). Plain :mod:`sqlite3` with explicit ``BEGIN``/``COMMIT``: a helper library that commits
on its own would split a document's transaction.

* **Ours only.** A database this module creates is marked (``PRAGMA application_id`` and the
  schema version in ``user_version``). A file that is not SQLite, or a SQLite database of
  another program, is refused before anything is written to it: :class:`TargetError`. A
  database written before the mark (schema 1: the same tables, older column names) is
  recognised by its tables and columns and upgraded in place, in one transaction.
* **One transaction per document**: an interrupted export keeps every document already
  committed. A document already in the database (the same sha256; the same path when it has
  none) is replaced; its children go with it by ON DELETE CASCADE, and the FTS index follows
  by triggers. The database accumulates across exports.
* **WAL only while writing.** A commit in WAL mode needs no fsync (10x faster with one
  transaction per document), but a database left in WAL mode cannot be read from a read-only
  copy. :meth:`SqliteSink.close` checkpoints and switches back to a rollback journal; if
  another export still has the file open, that one switches back when it closes.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from pathlib import Path
from typing import Any

from referat_parser.export.rows import LIST_COLUMNS, DocumentRows

# "RFRT": what `PRAGMA application_id` says in every database this module created.
APPLICATION_ID = 0x52465254
# user_version: the layout below. 2: columns named as the JSON fields (1 was never marked);
# 3: source_tables, source_chrome_removed and the recommendation's and decision's spans added.
SCHEMA_VERSION = 3

# unicode61 with diacritics kept: æ, ø and å stay letters of their own ("sø" is not "so").
FTS_TOKENIZE = "unicode61 remove_diacritics 0"
# How long a closing export keeps trying to switch the file back to a rollback journal.
LEAVE_WAL_SECONDS = 2.0
ENTER_WAL_SECONDS = 30.0  # as long as a write waits for another export's lock (the connection's timeout)
FTS_COLUMNS = ("title", "recommendation_text", "case_description", "decision_text")

SCHEMA = """
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    source_path TEXT, source_sha256 TEXT UNIQUE, source_media_type TEXT, source_encoding TEXT,
    source_chars INTEGER, source_lines INTEGER, source_pages INTEGER, source_tables INTEGER,
    source_chrome_removed INTEGER, source_parser_version TEXT,
    kind TEXT, title TEXT, body TEXT, number TEXT, date TEXT, start_time TEXT, end_time TEXT,
    location TEXT, chair TEXT, minute_takers TEXT, span_start_line INTEGER, span_end_line INTEGER,
    exported_at TEXT
);
CREATE TABLE participants (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER, name TEXT, title TEXT, organisation TEXT, party TEXT, note TEXT, status TEXT,
    line INTEGER
);
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER, number TEXT, title TEXT, duration_minutes INTEGER, recommendation_text TEXT,
    recommendation_clauses TEXT, recommendation_span_start_line INTEGER, recommendation_span_end_line INTEGER,
    case_description TEXT, decision_text TEXT, decision_outcome TEXT,
    decision_heading TEXT, decision_body TEXT, decision_date TEXT, decision_span_start_line INTEGER,
    decision_span_end_line INTEGER, attachments TEXT, complete INTEGER,
    span_start_line INTEGER, span_end_line INTEGER
);
CREATE TABLE clauses (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    position INTEGER, text TEXT
);
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    position INTEGER, name TEXT
);
CREATE TABLE diagnostics (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    level TEXT, code TEXT, message TEXT, line INTEGER
);
CREATE INDEX meetings_body ON meetings(body);
CREATE INDEX meetings_date ON meetings(date);
CREATE INDEX meetings_source_path ON meetings(source_path);
CREATE INDEX participants_meeting ON participants(meeting_id);
CREATE INDEX participants_name ON participants(name);
CREATE INDEX items_meeting ON items(meeting_id);
CREATE INDEX items_decision_outcome ON items(decision_outcome);
CREATE INDEX clauses_item ON clauses(item_id);
CREATE INDEX attachments_item ON attachments(item_id);
CREATE INDEX diagnostics_meeting ON diagnostics(meeting_id);
CREATE INDEX diagnostics_code ON diagnostics(code);
CREATE VIRTUAL TABLE items_fts USING fts5(
    {cols}, content="items", content_rowid="id", tokenize='{tokenize}'
);
CREATE TRIGGER items_ai AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, {cols}) VALUES (new.id, {new});
END;
CREATE TRIGGER items_ad AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, {cols}) VALUES ('delete', old.id, {old});
END;
CREATE TRIGGER items_au AFTER UPDATE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, {cols}) VALUES ('delete', old.id, {old});
    INSERT INTO items_fts (rowid, {cols}) VALUES (new.id, {new});
END;
""".format(cols=", ".join(FTS_COLUMNS), tokenize=FTS_TOKENIZE,
           new=", ".join(f"new.{c}" for c in FTS_COLUMNS), old=", ".join(f"old.{c}" for c in FTS_COLUMNS))


def _statements(script: str) -> list[str]:
    """The statements of ``script``, one by one (sqlite3 knows where a trigger's body ends)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf)
            buf = ""
    return out


# The layout written before databases were marked (schema 1): its columns -> today's names.
RENAMED = {
    "meetings": {"sha256": "source_sha256", "media_type": "source_media_type", "pages": "source_pages",
                 "parser_version": "source_parser_version", "start_line": "span_start_line",
                 "end_line": "span_end_line"},
    "items": {"recommendation": "recommendation_text", "case_text": "case_description", "outcome": "decision_outcome",
              "start_line": "span_start_line", "end_line": "span_end_line"},
}
ADDED = {  # columns added since schema 1 (those of schema 3 are also what 2 -> 3 adds)
    "meetings": {"source_encoding": "TEXT", "source_chars": "INTEGER", "source_lines": "INTEGER",
                 "source_pages": "INTEGER", "source_tables": "INTEGER", "source_chrome_removed": "INTEGER"},
    "items": {"recommendation_clauses": "TEXT", "attachments": "TEXT", "recommendation_span_start_line": "INTEGER",
              "recommendation_span_end_line": "INTEGER", "decision_span_start_line": "INTEGER",
              "decision_span_end_line": "INTEGER"},
}
TABLES = ("meetings", "participants", "items", "clauses", "attachments", "diagnostics", "items_fts")


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def _is_unmarked_referat(conn: sqlite3.Connection, tables: list[str]) -> bool:
    """Whether an unmarked database has the tables and columns of schema 1, which this module wrote."""
    return (set(TABLES) <= set(tables) and {"sha256", "exported_at", "minute_takers"} <= _columns(conn, "meetings")
            and {"case_text", "outcome", "recommendation"} <= _columns(conn, "items"))


def _upgrade(conn: sqlite3.Connection) -> None:
    """Schema 1 -> 2 inside the caller's transaction: rename columns, add the new ones, rebuild FTS."""
    for trigger in ("items_ai", "items_ad", "items_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.execute("DROP TABLE items_fts")  # its columns had the old names; rebuilt below
    conn.execute("DROP INDEX IF EXISTS items_outcome")
    for table, renames in RENAMED.items():
        for old, new in renames.items():
            if old in _columns(conn, table):
                conn.execute(f"ALTER TABLE {table} RENAME COLUMN {old} TO {new}")
    _add_columns(conn)
    conn.execute("""UPDATE items SET
        recommendation_clauses = (SELECT json_group_array(text) FROM
                                  (SELECT text FROM clauses WHERE item_id = items.id ORDER BY position)),
        attachments = (SELECT json_group_array(name) FROM
                       (SELECT name FROM attachments WHERE item_id = items.id ORDER BY position))""")
    for statement in _statements(SCHEMA):
        if statement.lstrip().startswith(("CREATE VIRTUAL TABLE", "CREATE TRIGGER", "CREATE INDEX items_decision")):
            conn.execute(statement)
    conn.execute("INSERT INTO items_fts (items_fts) VALUES ('rebuild')")


def _add_columns(conn: sqlite3.Connection) -> None:
    """The columns added since the database was made (schema 2 -> 3 needs nothing else)."""
    for table, added in ADDED.items():
        for column, kind in added.items():
            if column not in _columns(conn, table):
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


class TargetError(Exception):
    """The --sqlite file cannot be used; ``str(err)`` is one line for the user."""


def _json_lists(row: dict[str, Any]) -> dict[str, Any]:
    """Lists as JSON arrays (``json_each`` reads them), with Danish letters as they are."""
    return {k: json.dumps(v, ensure_ascii=False) if k in LIST_COLUMNS else v for k, v in row.items()}


class SqliteSink:
    """Writes documents into one SQLite file, creating the schema on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.upgraded = False  # True if the file had the layout of before the mark and was upgraded
        if path.is_symlink() and not path.exists():  # as every other output refuses one (io_utils.prepare)
            raise TargetError(f"cannot write to {path}: it is a symbolic link to nothing; "
                              "remove it or point it at a file")
        if path.exists() and not path.is_file():
            raise TargetError(f"{path} is not a regular file")
        if path.parent.exists() and not path.parent.is_dir():
            raise TargetError(f"cannot write to {path}: {path.parent} is not a folder")
        path.parent.mkdir(parents=True, exist_ok=True)  # as --csv and batch -o do
        # isolation_level=None: transactions are begun explicitly below, so that checking the
        # file and creating the schema happen in one write transaction (two exports may race).
        self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        try:
            self._claim()
        except BaseException:
            self.conn.close()
            raise
        self.conn.execute("PRAGMA foreign_keys = ON")
        # Cascaded deletes must fire the FTS triggers of the rows they remove.
        self.conn.execute("PRAGMA recursive_triggers = ON")
        self._enter_wal()
        # In WAL mode a commit needs no fsync. A committed document survives the export being
        # killed; only a power cut can lose the last few commits, and it never corrupts the file.
        self.conn.execute("PRAGMA synchronous = NORMAL")

    def _enter_wal(self) -> None:
        """Switch the file to WAL mode. The switch needs the file to itself for a moment, and SQLite
        answers "database is locked" at once, without waiting, while another export holds it (two
        exports starting together on a new file: 6 runs in 600). So it is retried, out of step with
        the other export, until ENTER_WAL_SECONDS have passed; then the error stands."""
        jitter = random.Random()  # seeded by the OS
        deadline = time.monotonic() + ENTER_WAL_SECONDS
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError:
                if time.monotonic() >= deadline:
                    self.conn.close()
                    raise
                time.sleep(jitter.uniform(0.01, 0.08))

    def _claim(self) -> None:
        """Check that the file is a referat database (or empty) and create the schema if new."""
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            raise  # locked, read-only, …: "cannot write to FILE: reason"
        except sqlite3.DatabaseError as e:
            raise TargetError(f"{self.path} is not a SQLite database ({e}); nothing was written to it") from None
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            if app_id == APPLICATION_ID and version == SCHEMA_VERSION:
                conn.execute("COMMIT")
                return
            if app_id == APPLICATION_ID and version == 2:
                _add_columns(conn)
                self.upgraded = True
            elif app_id == APPLICATION_ID:
                raise TargetError(f"{self.path} is a referat database of schema {version}, this version writes "
                                  f"schema {SCHEMA_VERSION}: export into a new file")
            elif tables and _is_unmarked_referat(conn, tables):
                _upgrade(conn)
                self.upgraded = True
            elif tables:
                raise TargetError(f"{self.path} is not a referat database (it has tables of its own): give a new "
                                  "file; nothing was written to it")
            else:
                for statement in _statements(SCHEMA):  # not executescript(): it would COMMIT first
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def write(self, rows: DocumentRows) -> bool:
        """Store one document in one transaction; True if it replaced a stored one."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            m = rows.meeting
            if m["source_sha256"]:
                gone = conn.execute("DELETE FROM meetings WHERE source_sha256 = ?", [m["source_sha256"]]).rowcount
            elif m["source_path"]:
                gone = conn.execute("DELETE FROM meetings WHERE source_sha256 IS NULL AND source_path = ?",
                                    [m["source_path"]]).rowcount
            else:
                gone = 0
            meeting_id = self._insert("meetings", _json_lists(m))
            for p in rows.participants:
                self._insert("participants", {**p, "meeting_id": meeting_id})
            for d in rows.diagnostics:
                self._insert("diagnostics", {**d, "meeting_id": meeting_id})
            for it in rows.items:
                item_id = self._insert("items", {**_json_lists(it.item), "meeting_id": meeting_id})
                for c in it.clauses:
                    self._insert("clauses", {**c, "item_id": item_id})
                for a in it.attachments:
                    self._insert("attachments", {**a, "item_id": item_id})
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return gone > 0

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        cur = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
        return int(cur.lastrowid or 0)

    def count(self) -> int:
        """Documents in the database now (from every export, not only this one)."""
        return int(self.conn.execute("SELECT count(*) FROM meetings").fetchone()[0])

    def close(self) -> None:
        """Checkpoint, leave WAL mode (a read-only copy must be readable) and close.

        Leaving WAL mode needs the file to ourselves. Two exports that finish together each
        see the other still open, so a single try can leave both in WAL mode: each try is
        made on a fresh connection, and between tries none is held, so one of the two finds
        itself alone. An export still writing holds the file for longer than the tries last;
        that one switches back when it closes."""
        self.conn.close()
        jitter = random.Random()  # seeded by the OS: two exports retry out of step
        deadline = time.monotonic() + LEAVE_WAL_SECONDS
        while not _leave_wal(self.path) and time.monotonic() < deadline:
            time.sleep(jitter.uniform(0.01, 0.08))


def _leave_wal(path: Path) -> bool:
    """One try at checkpointing and switching ``path`` to a rollback journal; True if it is."""
    try:
        # mode=rw: a file removed meanwhile is not created again, empty.
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True, timeout=0.05, isolation_level=None)
    except sqlite3.Error:
        return True  # gone or unreadable now: nothing left to switch
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return str(conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]).lower() == "delete"
    except sqlite3.OperationalError:
        return False  # another connection has it open
    finally:
        conn.close()
