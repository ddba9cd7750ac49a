"""One parsed document -> the rows of the export tables. Pure: dicts in, dicts out.

The same rows feed SQLite and CSV, so both have the same columns. Row ids are not set
here: the writer assigns them (SQLite's rowid, or a counter for CSV).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

MEETING_COLUMNS = (
    "source_path", "sha256", "media_type", "pages", "parser_version", "kind", "title", "body", "number", "date",
    "start_time", "end_time", "location", "chair", "minute_takers", "start_line", "end_line",
)
PARTICIPANT_COLUMNS = ("position", "name", "title", "organisation", "party", "note", "status", "line")
ITEM_COLUMNS = (
    "position", "number", "title", "duration_minutes", "recommendation", "case_text", "decision_text",
    "outcome", "decision_heading", "decision_body", "decision_date", "start_line", "end_line", "complete",
)
DIAGNOSTIC_COLUMNS = ("level", "code", "message", "line")


@dataclass
class ItemRows:
    item: dict[str, Any]
    clauses: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DocumentRows:
    meeting: dict[str, Any]
    participants: list[dict[str, Any]]
    items: list[ItemRows]
    diagnostics: list[dict[str, Any]]


def _span(obj: dict[str, Any] | None) -> tuple[int | None, int | None]:
    span = (obj or {}).get("span") or {}
    return span.get("start_line"), span.get("end_line")


def document_rows(doc: dict[str, Any]) -> DocumentRows:
    """The rows of one Minutes document (as parsed JSON)."""
    source = doc.get("source") or {}
    mt = doc.get("meeting") or {}
    start, end = _span(mt)
    meeting = {
        "source_path": source.get("path"), "sha256": source.get("sha256"), "media_type": source.get("media_type"),
        "pages": source.get("pages"), "parser_version": source.get("parser_version"), "kind": doc.get("kind"),
        **{k: mt.get(k) for k in ("title", "body", "number", "date", "start_time", "end_time", "location", "chair")},
        "minute_takers": json.dumps(mt.get("minute_takers") or [], ensure_ascii=False),
        "start_line": start, "end_line": end,
    }
    participants = [
        {"position": n, **{k: p.get(k) for k in PARTICIPANT_COLUMNS[1:]}}
        for n, p in enumerate(doc.get("participants") or [], start=1)
    ]
    items = []
    for n, it in enumerate(doc.get("items") or [], start=1):
        rec = it.get("recommendation") or {}
        dec = it.get("decision") or {}
        start, end = _span(it)
        row = {
            "position": n, "number": it.get("number"), "title": it.get("title"),
            "duration_minutes": it.get("duration_minutes"), "recommendation": rec.get("text"),
            "case_text": it.get("case_description"), "decision_text": dec.get("text"),
            "outcome": dec.get("outcome"), "decision_heading": dec.get("heading"),
            "decision_body": dec.get("body"), "decision_date": dec.get("date"),
            "start_line": start, "end_line": end, "complete": int(bool(it.get("complete", True))),
        }
        items.append(ItemRows(
            item=row,
            clauses=[{"position": k, "text": c} for k, c in enumerate(rec.get("clauses") or [], start=1)],
            attachments=[{"position": k, "name": a} for k, a in enumerate(it.get("attachments") or [], start=1)],
        ))
    diagnostics = [{k: d.get(k) for k in DIAGNOSTIC_COLUMNS} for d in doc.get("diagnostics") or []]
    return DocumentRows(meeting, participants, items, diagnostics)
