"""Rows -> meetings.csv, items.csv and participants.csv, with the SQLite tables' columns.

UTF-8 with a byte-order mark by default, so Excel shows æ, ø and å; ``bom=False`` for tools
that do not want one. Each file is written beside its target under a temporary name and
renamed when the export ends: a crash leaves the previous CSVs (or none), never half of one.
Ids are numbered per export, in document order, so the files join on meeting_id; items and
participants also carry the meeting's sha256 and source_path, which stay valid across exports.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from referat_parser.export.rows import ITEM_COLUMNS, MEETING_COLUMNS, PARTICIPANT_COLUMNS, DocumentRows
from referat_parser.io_utils import AtomicFile

TABLES = {
    "meetings": ("id", *MEETING_COLUMNS),
    "items": ("id", "meeting_id", "meeting_sha256", "source_path", *ITEM_COLUMNS, "clauses", "attachments"),
    "participants": ("id", "meeting_id", "meeting_sha256", "source_path", *PARTICIPANT_COLUMNS),
}


class CsvSink:
    def __init__(self, folder: Path, bom: bool = True) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.files: dict[str, tuple[AtomicFile, Any]] = {}
        for name, columns in TABLES.items():
            out = AtomicFile(folder / f"{name}.csv", encoding="utf-8-sig" if bom else "utf-8", newline="")
            writer = csv.DictWriter(out.fh, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            self.files[name] = (out, writer)
        self.ids = {"meetings": 0, "items": 0, "participants": 0}

    def _next(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def write(self, rows: DocumentRows) -> None:
        meeting_id = self._next("meetings")
        # The ids are per export; sha256 / source_path join across exports and with SQLite.
        keys = {"meeting_id": meeting_id, "meeting_sha256": rows.meeting["sha256"],
                "source_path": rows.meeting["source_path"]}
        self.files["meetings"][1].writerow({"id": meeting_id, **rows.meeting})
        for p in rows.participants:
            self.files["participants"][1].writerow({"id": self._next("participants"), **keys, **p})
        for it in rows.items:
            self.files["items"][1].writerow({
                "id": self._next("items"), **keys, **it.item,
                "clauses": "\n".join(c["text"] for c in it.clauses),
                "attachments": "\n".join(a["name"] for a in it.attachments),
            })

    def close(self) -> None:
        """Make the complete files the outputs."""
        for out, _ in self.files.values():
            out.commit()
        self.files.clear()
