"""One parsed document -> the rows of the export tables. Pure: a validated model in, dicts out.

Every target (SQLite, CSV, Parquet) is written from these rows, so every target has the same
columns, and each column is named after the JSON field it holds: the field's path with ``_`` for
``.``, relative to the object a row stands for. A meetings row is the document's ``meeting`` plus
``kind`` and ``source`` (``source.sha256`` -> ``source_sha256``, ``meeting.span.start_line`` ->
``span_start_line``); an items row is one of ``items`` (``decision.outcome`` ->
``decision_outcome``, ``recommendation.text`` -> ``recommendation_text``); a participants row is
one of ``participants``. The recommendation's and the decision's lines
(``recommendation_span_start_line`` …, ``decision_span_start_line`` …) are the spans of the
item's sections of that kind, first to last, so that a row points at the text it quotes.
Lists stay lists here; each writer stores them its own way (a JSON array in SQLite, one value
per line in a CSV cell, a list column in Parquet).

Row ids are not set here: SQLite assigns its rowids, and :class:`FileIds` numbers the rows of the
file targets (CSV and Parquet) per export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from referat_parser.models import Item, Minutes, Span

MEETING_COLUMNS = (
    "source_path", "source_sha256", "source_media_type", "source_encoding", "source_chars", "source_lines",
    "source_pages", "source_tables", "source_chrome_removed", "source_parser_version", "kind", "title", "body",
    "number", "date", "start_time", "end_time", "location", "chair", "minute_takers", "span_start_line",
    "span_end_line", "exported_at",
)
PARTICIPANT_COLUMNS = ("position", "name", "title", "organisation", "party", "note", "status", "line")
ITEM_COLUMNS = (
    "position", "number", "title", "duration_minutes", "recommendation_text", "recommendation_clauses",
    "recommendation_span_start_line", "recommendation_span_end_line",
    "case_description", "decision_text", "decision_outcome", "decision_heading", "decision_body", "decision_date",
    "decision_span_start_line", "decision_span_end_line",
    "attachments", "complete", "span_start_line", "span_end_line",
)
DIAGNOSTIC_COLUMNS = ("level", "code", "message", "line")
LIST_COLUMNS = frozenset({"minute_takers", "recommendation_clauses", "attachments"})
# Items and participants in the file targets also carry their document's keys: the ids there are
# numbered per export, while sha256 and path stay valid across exports and join with SQLite.
DOCUMENT_KEYS = ("source_sha256", "source_path")

INT64 = (-(2**63), 2**63 - 1)  # what SQLite and Parquet can store; JSON integers have no bound


class RowError(ValueError):
    """The document is valid JSON of the right shape but cannot be stored (e.g. an integer too large)."""


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


def document_key(doc: Minutes) -> tuple[str, str | None]:
    """What makes two sources the same document: the same sha256 of the input bytes.

    Without a sha256 (a document parsed from stdin and edited, say) the path stands in; with
    neither, the document is one of its own (``None``).
    """
    if doc.source.sha256:
        return "sha256", doc.source.sha256
    return "path", doc.source.path


def _span(span: Span | None, prefix: str = "") -> dict[str, int | None]:
    return {f"{prefix}span_start_line": span.start_line if span else None,
            f"{prefix}span_end_line": span.end_line if span else None}


def _kind_span(item: Item, kind: str) -> Span | None:
    """The lines of the item's sections of ``kind``: from the first one's start to the last one's end."""
    spans = [s.span for s in item.sections if s.kind == kind]
    return Span(start_line=spans[0].start_line, end_line=spans[-1].end_line) if spans else None


def document_rows(doc: Minutes, exported_at: str) -> DocumentRows:
    """The rows of one document; :class:`RowError` if a value cannot be stored."""
    src, mt = doc.source, doc.meeting
    meeting = {
        "source_path": src.path, "source_sha256": src.sha256, "source_media_type": src.media_type,
        "source_encoding": src.encoding, "source_chars": src.chars, "source_lines": src.lines,
        "source_pages": src.pages, "source_tables": src.tables, "source_chrome_removed": src.chrome_removed,
        "source_parser_version": src.parser_version, "kind": doc.kind,
        "title": mt.title, "body": mt.body, "number": mt.number, "date": mt.date, "start_time": mt.start_time,
        "end_time": mt.end_time, "location": mt.location, "chair": mt.chair,
        "minute_takers": list(mt.minute_takers), **_span(mt.span), "exported_at": exported_at,
    }
    participants = [{"position": n, **p.model_dump(include=set(PARTICIPANT_COLUMNS))}
                    for n, p in enumerate(doc.participants, start=1)]
    items = []
    for n, it in enumerate(doc.items, start=1):
        rec, dec = it.recommendation, it.decision
        row = {
            "position": n, "number": it.number, "title": it.title, "duration_minutes": it.duration_minutes,
            "recommendation_text": rec.text if rec else None,
            "recommendation_clauses": list(rec.clauses) if rec else [],
            **_span(_kind_span(it, "recommendation") if rec else None, "recommendation_"),
            "case_description": it.case_description,
            "decision_text": dec.text if dec else None, "decision_outcome": dec.outcome if dec else None,
            "decision_heading": dec.heading if dec else None, "decision_body": dec.body if dec else None,
            "decision_date": dec.date if dec else None,
            **_span(_kind_span(it, "decision") if dec else None, "decision_"),
            "attachments": list(it.attachments), "complete": it.complete, **_span(it.span),
        }
        items.append(ItemRows(
            item=row,
            clauses=[{"position": k, "text": c} for k, c in enumerate(rec.clauses if rec else [], start=1)],
            attachments=[{"position": k, "name": a} for k, a in enumerate(it.attachments, start=1)],
        ))
    diagnostics = [d.model_dump(include=set(DIAGNOSTIC_COLUMNS)) for d in doc.diagnostics]
    rows = DocumentRows(meeting, participants, items, diagnostics)
    _check_integers(rows)
    return rows


def _check_integers(rows: DocumentRows) -> None:
    every = [rows.meeting, *rows.participants, *rows.diagnostics, *(it.item for it in rows.items)]
    for row in every:
        for column, value in row.items():
            if isinstance(value, int) and not isinstance(value, bool) and not INT64[0] <= value <= INT64[1]:
                raise RowError(f"{column} {str(value)[:20]}… is too large to store")


@dataclass
class FileIds:
    """Row ids for the file targets, numbered per export in document order (CSV and Parquet share them)."""

    meetings: int = 0
    items: int = 0
    participants: int = 0

    def tables(self, rows: DocumentRows) -> dict[str, list[dict[str, Any]]]:
        """The meetings, participants and items rows of one document, with ids and document keys."""
        self.meetings += 1
        keys = {"meeting_id": self.meetings, **{k: rows.meeting[k] for k in DOCUMENT_KEYS}}
        people = []
        for p in rows.participants:
            self.participants += 1
            people.append({"id": self.participants, **keys, **p})
        items = []
        for it in rows.items:
            self.items += 1
            items.append({"id": self.items, **keys, **it.item})
        return {"meetings": [{"id": self.meetings, **rows.meeting}], "participants": people, "items": items}


FILE_TABLES = {
    "meetings": ("id", *MEETING_COLUMNS),
    "participants": ("id", "meeting_id", *DOCUMENT_KEYS, *PARTICIPANT_COLUMNS),
    "items": ("id", "meeting_id", *DOCUMENT_KEYS, *ITEM_COLUMNS),
}
