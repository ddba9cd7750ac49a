"""``referat export --sqlite FILE --datasette``: a datasette ``metadata.json`` beside the database.

datasette (``pip install datasette``; not a dependency of referat-parser) serves the SQLite file
in a web browser. With this file (``datasette referater.db --metadata metadata.json``) the pages
carry a title, what each table holds and what its columns mean, and the search box on ``items``
takes SQLite's full-text query syntax as written (``searchmode: raw``): ``sundhedsaftale*``
finds every word starting so, ``"godkendt som indstillet"`` a phrase. datasette's default
escapes every term, and a prefix search would then need ``_searchmode=raw`` in the URL.
The descriptions come from the output models (``models.py``), so they say what the JSON says.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from referat_parser.export.rows import ITEM_COLUMNS, MEETING_COLUMNS, PARTICIPANT_COLUMNS
from referat_parser.export.sqlite import FTS_COLUMNS
from referat_parser.io_utils import write_atomic
from referat_parser.models import Decision, Item, Meeting, Participant, Recommendation, Source

NAME = "metadata.json"

TABLES = {
    "meetings": "One row per document: the meeting it records and where the text came from.",
    "items": "One row per agenda item, in the document's order (position), with its recommendation, case "
             "text and decision. Full-text search over title, recommendation, case and decision texts.",
    "participants": "Everyone listed as present, absent or guest (status), in the document's order.",
    "clauses": "The recommendation's clauses, one row each (item_id, position).",
    "attachments": "The attachments (Bilag) listed under an item, one row each.",
    "diagnostics": "What the parser noticed but could not resolve, per document.",
}


def _described(columns: tuple[str, ...], fields: dict[str, Any]) -> dict[str, str]:
    """Column -> the description of the model field it holds (its name with ``_`` for ``.``)."""
    out = {}
    for column in columns:
        field = fields.get(column)
        if field is not None and field.description:
            out[column] = field.description
    return out


def _field_map() -> dict[str, dict[str, Any]]:
    source = {f"source_{k}": v for k, v in Source.model_fields.items()}
    items = {**Item.model_fields, **{f"recommendation_{k}": v for k, v in Recommendation.model_fields.items()},
             **{f"decision_{k}": v for k, v in Decision.model_fields.items()}}
    return {"meetings": {**Meeting.model_fields, **source}, "items": items, "participants": Participant.model_fields}


def metadata(db: Path) -> dict[str, Any]:
    """The datasette metadata for the database ``db``."""
    fields = _field_map()
    spans = {"span_start_line": "First line of the input text (1-based).",
             "span_end_line": "Last line of the input text (inclusive)."}
    columns = {
        "meetings": {**_described(MEETING_COLUMNS, fields["meetings"]), **spans},
        "items": {**_described(ITEM_COLUMNS, fields["items"]), **spans,
                  "recommendation_span_start_line": "First line of the recommendation's section(s).",
                  "decision_span_start_line": "First line of the decision's section(s).",
                  "meeting_id": "The meeting (meetings.id) the item belongs to."},
        "participants": _described(PARTICIPANT_COLUMNS, fields["participants"]),
    }
    tables: dict[str, Any] = {name: {"description": text} for name, text in TABLES.items()}
    for name, described in columns.items():
        tables[name]["columns"] = described
    tables["items"].update({"fts_table": "items_fts", "fts_pk": "id", "searchmode": "raw",
                            "sort": "meeting_id", "label_column": "title"})
    tables["meetings"].update({"sort_desc": "date", "label_column": "title"})
    tables["items_fts"] = {"hidden": True}
    return {
        "title": "Referater",
        "description": "Danish meeting minutes (referater) read by referat-parser: meetings, agenda items with "
                       "recommendations and decisions, participants. Search items with SQLite full-text syntax: "
                       f"a word, word* for a prefix, \"a phrase\" ({', '.join(FTS_COLUMNS)}).",
        "databases": {db.stem: {"tables": tables}},
    }


def write_metadata(db: Path) -> Path:
    """Write ``metadata.json`` beside ``db`` (atomically) and return its path."""
    path = db.parent / NAME
    write_atomic(path, json.dumps(metadata(db), ensure_ascii=False, indent=2) + "\n")
    return path
