"""Rows -> a SQLite database with foreign keys, indexes and an FTS5 index over the items.

The schema is spelled out below (it is documented in the README and other systems rely on
it); inserting, full-text setup and transactions go through sqlite-utils. One transaction
per document: an interrupted export keeps every document already committed. Re-exporting a
document (same sha256, or the same source path when there is no sha256) replaces its rows;
their children go with them by ON DELETE CASCADE, and the FTS index follows by triggers.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from referat_parser.export.rows import DocumentRows

# unicode61 with diacritics kept: æ, ø and å stay letters of their own ("sø" is not "so").
FTS_TOKENIZE = "unicode61 remove_diacritics 0"
FTS_COLUMNS = ("title", "recommendation", "case_text", "decision_text")

SCHEMA = """
CREATE TABLE IF NOT EXISTS meetings (
    id INTEGER PRIMARY KEY,
    source_path TEXT, sha256 TEXT UNIQUE, media_type TEXT, pages INTEGER, parser_version TEXT, kind TEXT,
    title TEXT, body TEXT, number TEXT, date TEXT, start_time TEXT, end_time TEXT, location TEXT,
    chair TEXT, minute_takers TEXT, start_line INTEGER, end_line INTEGER, exported_at TEXT
);
CREATE TABLE IF NOT EXISTS participants (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER, name TEXT, title TEXT, organisation TEXT, party TEXT, note TEXT, status TEXT,
    line INTEGER
);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER, number TEXT, title TEXT, duration_minutes INTEGER, recommendation TEXT,
    case_text TEXT, decision_text TEXT, outcome TEXT, decision_heading TEXT, decision_body TEXT,
    decision_date TEXT, start_line INTEGER, end_line INTEGER, complete INTEGER
);
CREATE TABLE IF NOT EXISTS clauses (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    position INTEGER, text TEXT
);
CREATE TABLE IF NOT EXISTS attachments (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    position INTEGER, name TEXT
);
CREATE TABLE IF NOT EXISTS diagnostics (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    level TEXT, code TEXT, message TEXT, line INTEGER
);
CREATE INDEX IF NOT EXISTS meetings_body ON meetings(body);
CREATE INDEX IF NOT EXISTS meetings_date ON meetings(date);
CREATE INDEX IF NOT EXISTS meetings_source_path ON meetings(source_path);
CREATE INDEX IF NOT EXISTS participants_meeting ON participants(meeting_id);
CREATE INDEX IF NOT EXISTS participants_name ON participants(name);
CREATE INDEX IF NOT EXISTS items_meeting ON items(meeting_id);
CREATE INDEX IF NOT EXISTS items_outcome ON items(outcome);
CREATE INDEX IF NOT EXISTS clauses_item ON clauses(item_id);
CREATE INDEX IF NOT EXISTS attachments_item ON attachments(item_id);
CREATE INDEX IF NOT EXISTS diagnostics_meeting ON diagnostics(meeting_id);
CREATE INDEX IF NOT EXISTS diagnostics_code ON diagnostics(code);
"""


class SqliteSink:
    """Writes documents into one SQLite file, creating the schema on first use."""

    def __init__(self, path: Path) -> None:
        import sqlite_utils  # heavy: only when exporting

        self.db = sqlite_utils.Database(path)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        # In WAL mode a commit then needs no fsync (10x faster: one transaction per document).
        # A committed document survives the export being killed; only a power cut can lose the
        # last few commits, and it never corrupts the database.
        self.db.execute("PRAGMA synchronous = NORMAL")
        # Cascaded deletes must fire the FTS triggers of the rows they remove.
        self.db.execute("PRAGMA recursive_triggers = ON")
        self.db.executescript(SCHEMA)
        if "pages" not in self.db["meetings"].columns_dict:  # a database from before pages was exported
            self.db.execute("ALTER TABLE meetings ADD COLUMN pages INTEGER")
        if "items_fts" not in self.db.table_names():
            self.db["items"].enable_fts(FTS_COLUMNS, create_triggers=True, tokenize=FTS_TOKENIZE)

    def write(self, rows: DocumentRows) -> None:
        """Replace this document's rows, in one transaction."""
        db = self.db
        with db.conn:
            m = rows.meeting
            if m["sha256"]:
                db.execute("DELETE FROM meetings WHERE sha256 = ?", [m["sha256"]])
            elif m["source_path"]:
                db.execute("DELETE FROM meetings WHERE sha256 IS NULL AND source_path = ?", [m["source_path"]])
            meeting_id = self._insert("meetings", {**m, "exported_at": datetime.now(UTC).isoformat(timespec="seconds")})
            db["participants"].insert_all({**p, "meeting_id": meeting_id} for p in rows.participants)
            db["diagnostics"].insert_all({**d, "meeting_id": meeting_id} for d in rows.diagnostics)
            for it in rows.items:
                item_id = self._insert("items", {**it.item, "meeting_id": meeting_id})
                db["clauses"].insert_all({**c, "item_id": item_id} for c in it.clauses)
                db["attachments"].insert_all({**a, "item_id": item_id} for a in it.attachments)

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        return int(self.db[table].insert(row).last_rowid or 0)

    def close(self) -> None:
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()
