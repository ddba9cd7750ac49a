-- The SQLite layout referat export wrote before databases were marked (schema 1), as dumped
-- from a file it wrote (sqlite3 .schema, FTS5 shadow tables left out). Used by tests/test_export.py.
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    source_path TEXT, sha256 TEXT UNIQUE, media_type TEXT, pages INTEGER, parser_version TEXT, kind TEXT,
    title TEXT, body TEXT, number TEXT, date TEXT, start_time TEXT, end_time TEXT, location TEXT,
    chair TEXT, minute_takers TEXT, start_line INTEGER, end_line INTEGER, exported_at TEXT
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
    position INTEGER, number TEXT, title TEXT, duration_minutes INTEGER, recommendation TEXT,
    case_text TEXT, decision_text TEXT, outcome TEXT, decision_heading TEXT, decision_body TEXT,
    decision_date TEXT, start_line INTEGER, end_line INTEGER, complete INTEGER
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
CREATE INDEX items_outcome ON items(outcome);
CREATE INDEX clauses_item ON clauses(item_id);
CREATE INDEX attachments_item ON attachments(item_id);
CREATE INDEX diagnostics_meeting ON diagnostics(meeting_id);
CREATE INDEX diagnostics_code ON diagnostics(code);
CREATE VIRTUAL TABLE "items_fts" USING FTS5 (
    "title", "recommendation", "case_text", "decision_text",
    tokenize='unicode61 remove_diacritics 0',
    content="items"
);
CREATE TRIGGER "items_ai" AFTER INSERT ON "items" BEGIN
  INSERT INTO "items_fts" (rowid, "title", "recommendation", "case_text", "decision_text") VALUES (new.rowid, new."title", new."recommendation", new."case_text", new."decision_text");
END;
CREATE TRIGGER "items_ad" AFTER DELETE ON "items" BEGIN
  INSERT INTO "items_fts" ("items_fts", rowid, "title", "recommendation", "case_text", "decision_text") VALUES('delete', old.rowid, old."title", old."recommendation", old."case_text", old."decision_text");
END;
CREATE TRIGGER "items_au" AFTER UPDATE ON "items" BEGIN
  INSERT INTO "items_fts" ("items_fts", rowid, "title", "recommendation", "case_text", "decision_text") VALUES('delete', old.rowid, old."title", old."recommendation", old."case_text", old."decision_text");
  INSERT INTO "items_fts" (rowid, "title", "recommendation", "case_text", "decision_text") VALUES (new.rowid, new."title", new."recommendation", new."case_text", new."decision_text");
END;
