"""The output as plain data: the extract stage's builders, one per output model.

The hot path builds the result as plain dicts, not model instances: building ~150 pydantic
objects one by one cost more than the rest of the extract stage's bookkeeping. Each builder
returns a dict holding every field of its model (``models.py``), in the model's field order
and with its defaults, so that the dict is exactly what ``Model.model_dump()`` would give.
``tests/test_records.py`` holds every builder to that.

The models stay the contract. Every result is validated once, at the end, by
:func:`validate` (strict: nothing is coerced, so what was validated is what is written), or
turned into the typed :class:`~referat_parser.models.Minutes` by :func:`to_model`.
:func:`dumps` writes the validated data with orjson: the same bytes as ``model_dump_json``.
"""

from __future__ import annotations

from typing import Any

import orjson

from referat_parser.models import SCHEMA_VERSION, Minutes

Data = dict[str, Any]


def span(start: int, end: int) -> Data:
    return {"start_line": start, "end_line": max(start, end)}


def source(path: str | None = None, sha256: str | None = None, media_type: str = "text/plain",
           encoding: str | None = None, chars: int = 0, lines: int = 0, pages: int | None = None,
           tables: int | None = None, chrome_removed: int | None = None,
           parser_version: str | None = None) -> Data:
    return {"path": path, "sha256": sha256, "media_type": media_type, "encoding": encoding, "chars": chars,
            "lines": lines, "pages": pages, "tables": tables, "chrome_removed": chrome_removed,
            "parser_version": parser_version}


def meeting(title: str | None = None, body: str | None = None, number: str | None = None,
            date: str | None = None, start_time: str | None = None, end_time: str | None = None,
            location: str | None = None, chair: str | None = None, minute_takers: list[str] | None = None,
            span: Data | None = None) -> Data:
    return {"title": title, "body": body, "number": number, "date": date, "start_time": start_time,
            "end_time": end_time, "location": location, "chair": chair,
            "minute_takers": [] if minute_takers is None else minute_takers, "span": span}


def participant(name: str, title: str | None = None, organisation: str | None = None, party: str | None = None,
                note: str | None = None, status: str = "present", line: int | None = None) -> Data:
    return {"name": name, "title": title, "organisation": organisation, "party": party, "note": note,
            "status": status, "line": line}


def agenda_entry(number: str, title: str, duration_minutes: int | None = None, line: int | None = None) -> Data:
    return {"number": number, "title": title, "duration_minutes": duration_minutes, "line": line}


def recommendation(text: str, clauses: list[str]) -> Data:
    return {"text": text, "clauses": clauses}


def decision(text: str, outcome: str, heading: str | None = None, body: str | None = None,
             date: str | None = None) -> Data:
    return {"text": text, "outcome": outcome, "heading": heading, "body": body, "date": date}


def section(kind: str, heading: str | None, text: str, span: Data) -> Data:
    return {"kind": kind, "heading": heading, "text": text, "span": span}


def item(number: str | None, title: str, span: Data, duration_minutes: int | None = None,
         recommendation: Data | None = None, case_description: str | None = None, decision: Data | None = None,
         attachments: list[str] | None = None, sections: list[Data] | None = None, complete: bool = True) -> Data:
    return {"number": number, "title": title, "duration_minutes": duration_minutes,
            "recommendation": recommendation, "case_description": case_description, "decision": decision,
            "attachments": [] if attachments is None else attachments,
            "sections": [] if sections is None else sections, "complete": complete, "span": span}


def diagnostic(code: str, message: str, level: str = "warning", line: int | None = None) -> Data:
    return {"level": level, "code": code, "message": message, "line": line}


def minutes(source: Data, meeting: Data, kind: str | None = None, participants: list[Data] | None = None,
            agenda: list[Data] | None = None, items: list[Data] | None = None,
            diagnostics: list[Data] | None = None) -> Data:
    return {"schema_version": SCHEMA_VERSION, "source": source, "kind": kind, "meeting": meeting,
            "participants": participants or [], "agenda": agenda or [], "items": items or [],
            "diagnostics": diagnostics or []}


_VALIDATOR = Minutes.__pydantic_validator__


def validate(data: Data) -> Data:
    """Check ``data`` against the models, strictly; returns it unchanged, or raises ValidationError."""
    _VALIDATOR.validate_python(data, strict=True)
    return data


def to_model(data: Data) -> Minutes:
    """The typed result: ``data`` validated (strictly) into :class:`Minutes`."""
    return _VALIDATOR.validate_python(data, strict=True)


def dumps(data: Data, indent: int | None = 2) -> bytes:
    """JSON of validated ``data``: the bytes ``Minutes.model_dump_json(indent=…)`` writes (indent 2 or none)."""
    if indent not in (None, 2):
        raise ValueError("indent must be 2 or None")
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0)
