"""The tool's own output read back: one JSON document (``parse``) or JSONL (``batch --jsonl``).

``referat show`` and ``referat validate`` take these as well as minutes files, ``export -``
reads them from stdin, and ``parse``/``batch`` refuse them with a clear line instead of
reading JSON as if it were minutes. JSON and JSONL are told apart by the first line: a line
that is a whole JSON object starts JSONL (a compact single document is a one-line JSONL);
otherwise the whole input is one (pretty-printed) document. JSONL is streamed line by line,
so a large archive in one file is never held in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from pydantic import ValidationError

from referat_parser.models import Minutes

_BLANK = b"\xef\xbb\xbf \t\r\n"
Raw = tuple[str, dict[str, Any] | None, str | None]  # (label, document, error)


def is_document(doc: object) -> bool:
    """Whether parsed JSON claims to be one of this tool's documents (it has our keys)."""
    return isinstance(doc, dict) and doc.get("schema_version") is not None and isinstance(doc.get("items"), list)


def looks_like_output(data: bytes) -> bool:
    """True when ``data`` starts as this tool's JSON does (``{"schema_version": …``)."""
    head = data[:256].lstrip(_BLANK)
    return head.startswith(b"{") and head[1:].lstrip(_BLANK).startswith(b'"schema_version"')


def _object(line: bytes) -> dict[str, Any] | None:
    import json  # here: ``referat parse`` imports this module only for looks_like_output()

    try:
        doc = json.loads(line)
    except ValueError:
        return None
    return doc if isinstance(doc, dict) else None


def iter_raw(fh: IO[bytes], label: str) -> Iterator[Raw]:
    """Each document of a JSON or JSONL stream as a dict, labelled ``label`` (JSONL: ``label:N``)."""
    first = fh.readline()
    while first and not first.strip(_BLANK):
        first = fh.readline()
    if not first:  # nothing but blanks
        return
    doc = _object(first)
    if doc is None:  # not a one-line object: the whole stream is one document
        import json

        try:
            whole = json.loads(first + fh.read())
        except ValueError as e:
            yield label, None, f"not readable JSON: {e}"
            return
        if isinstance(whole, dict):
            yield label, whole, None
        else:
            yield label, None, "not a JSON object"
        return
    yield f"{label}:1", doc, None
    for n, raw in enumerate(fh, start=2):
        if not raw.strip(_BLANK):
            continue
        doc = _object(raw)
        yield (f"{label}:{n}", doc, None) if doc is not None else (f"{label}:{n}", None, "not a JSON object")


def problems(e: ValidationError) -> list[str]:
    """Every problem of a document that failed the models, as ``field.path: reason``."""
    out = []
    for err in e.errors(include_url=False):
        loc = ".".join(str(x) for x in err.get("loc", ())) or "(document)"
        out.append(f"{loc}: {err.get('msg')}")
    return out


def check(doc: dict[str, Any]) -> tuple[Minutes | None, list[str]]:
    """``doc`` against the output contract: the typed document, or every problem it has.

    The one check of ``validate``, ``export`` and ``show``: what one refuses, all refuse.
    """
    try:
        return Minutes.model_validate(doc), []
    except ValidationError as e:
        return None, problems(e)


def iter_checked(fh: IO[bytes], label: str) -> Iterator[tuple[str, Minutes | None, list[str]]]:
    """Each document of a JSON or JSONL stream checked against the models, with all its problems."""
    for where, doc, error in iter_raw(fh, label):
        if doc is None:
            yield where, None, [error or "not a JSON object"]
            continue
        yield (where, *check(doc))


def iter_minutes(fh: IO[bytes], label: str) -> Iterator[tuple[str, Minutes | None, str | None]]:
    """Each document of a JSON or JSONL stream checked against the models.

    The error is every problem (``field.path: reason``) joined by ``; ``, or why the JSON is unreadable.
    """
    for where, minutes, errors in iter_checked(fh, label):
        yield where, minutes, ("; ".join(errors) if errors else None)
