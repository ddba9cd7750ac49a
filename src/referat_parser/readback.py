"""The tool's own output read back: one JSON document (``parse``) or JSONL (``batch --jsonl``).

``referat show`` and ``referat validate`` take these as well as minutes files, ``export -``
reads them from stdin, and ``parse``/``batch`` refuse them with a clear line instead of
reading JSON as if it were minutes. JSON and JSONL are told apart by the first line: a line
that is a whole JSON object starts JSONL (a compact single document is a one-line JSONL);
otherwise the whole input is one (pretty-printed) document. JSONL is streamed line by line,
so a large archive in one file is never held in memory; one document (a file, or a JSONL
line) over ``MAX_DOCUMENT_BYTES`` is refused without being held either.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from pydantic import ValidationError

from referat_parser.models import Minutes

_BLANK = b"\xef\xbb\xbf \t\r\n"
# One limit for every command that reads the tool's JSON back (show, validate, export): a
# document over it is refused alone, before it is parsed (a 50 MB document takes ~450 MB to
# check; 10^6 items in 88 MB ran out of memory). The largest document the parser writes for an
# input within its own limits is ~35 MB. A JSONL file may be any size: the limit is per line.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
TOO_BIG = f"over the {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB limit for one JSON document; refused"
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


def bounded_lines(fh: IO[bytes], limit: int | None = None) -> Iterator[bytes | None]:
    """The lines of ``fh``, each read at most ``limit`` bytes at a time: a longer line is read
    past in chunks, never held, and comes out as None."""
    limit = MAX_DOCUMENT_BYTES if limit is None else limit
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                more = fh.readline(1 << 20)
                if not more or more.endswith(b"\n"):
                    break
            yield None
        else:
            yield line


def iter_raw(fh: IO[bytes], label: str) -> Iterator[Raw]:
    """Each document of a JSON or JSONL stream as a dict, labelled ``label`` (JSONL: ``label:N``).

    A document over MAX_DOCUMENT_BYTES is an error of its own (JSONL: that line alone).
    """
    lines = bounded_lines(fh)
    first: bytes | None = b""
    for first in lines:
        if first is None or first.strip(_BLANK):
            break
    if first is None:  # one line over the limit: a compact document too large
        yield label, None, TOO_BIG
        return
    if not first:  # nothing but blanks
        return
    doc = _object(first)
    if doc is None:  # not a one-line object: the whole stream is one document
        import json

        rest = fh.read(MAX_DOCUMENT_BYTES + 1 - len(first))
        if len(first) + len(rest) > MAX_DOCUMENT_BYTES:
            yield label, None, TOO_BIG
            return
        try:
            whole = json.loads(first + rest)
        except ValueError as e:
            yield label, None, f"not readable JSON: {e}"
            return
        if isinstance(whole, dict):
            yield label, whole, None
        else:
            yield label, None, "not a JSON object"
        return
    yield f"{label}:1", doc, None
    for n, raw in enumerate(lines, start=2):
        if raw is None:
            yield f"{label}:{n}", None, TOO_BIG
            continue
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
