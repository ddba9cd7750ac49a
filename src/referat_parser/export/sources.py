"""The documents to export, streamed one at a time from the SRC arguments.

A SRC is a JSON file written by ``referat parse``/``batch``, a JSONL file (one document per
line), a folder, or a minutes file (txt, pdf, docx, html …), parsed on the fly by the batch
workers. A folder is walked recursively for ``*.json`` and ``*.jsonl``; JSON there that is not
a referat-parser document (a ``--report`` file, say) is passed over, and minutes files in it are
parsed only with ``parse_folders`` (``--parse``), so a folder holding both a minutes file and
its JSON is not exported twice. Every document comes out as ``(label, document or None, error
or None)``: a broken source is reported and the export goes on.

Each document is checked against the output models (:class:`~referat_parser.models.Minutes`),
as ``referat validate`` checks it: valid JSON with a field of the wrong type, or nested past the
JSON parser's depth limit, is a failure of that source alone, named with the field and reason.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from referat_parser.batch.work import EXTENSIONS, Options, Task, run
from referat_parser.models import Minutes
from referat_parser.readback import MAX_DOCUMENT_BYTES, TOO_BIG, bounded_lines, is_document, iter_raw, problems

Doc = tuple[str, Minutes | None, str | None]
JSON_SUFFIXES = (".json", ".jsonl")
NOT_A_DOCUMENT = "not a referat-parser document (no schema_version/items)"


def _looks_like_minutes(raw: bytes) -> bool:
    """Whether JSON that failed validation at least claims to be a document (it has our keys)."""
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError):
        return False
    return is_document(doc)


def _problem(e: ValidationError) -> str:
    """Why a source is refused: unreadable JSON, or every problem ``referat validate`` names."""
    err = e.errors(include_url=False)[0]
    if err["type"] == "json_invalid":
        return f"not readable JSON: {err['msg'].removeprefix('Invalid JSON: ')}"
    return f"not a valid referat-parser document: {'; '.join(problems(e))}"


def _document(label: str, raw: bytes, *, found: bool = False) -> Doc | None:
    """One document checked against the models; ``None`` for other JSON ``found`` in a folder."""
    try:
        return label, Minutes.model_validate_json(raw), None
    except ValidationError as e:
        if e.errors(include_url=False)[0]["type"] != "json_invalid" and not _looks_like_minutes(raw):
            return None if found else (label, None, NOT_A_DOCUMENT)
        return label, None, _problem(e)


def _read_json(path: Path, *, found: bool = False) -> Doc | None:
    """One JSON document; ``None`` for other JSON ``found`` by walking a folder."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as e:
        return str(path), None, f"cannot read: {e.strerror or e}"
    if len(raw) > MAX_DOCUMENT_BYTES:
        return str(path), None, TOO_BIG
    return _document(str(path), raw, found=found)


def _read_jsonl(path: Path) -> Iterator[Doc]:
    try:
        fh = path.open("rb")
    except OSError as e:
        yield str(path), None, f"cannot read: {e.strerror or e}"
        return
    with fh:
        for n, raw in enumerate(bounded_lines(fh), start=1):
            if raw is None:
                yield f"{path}:{n}", None, TOO_BIG
                continue
            if not raw.strip():
                continue
            yield _document(f"{path}:{n}", raw) or (f"{path}:{n}", None, NOT_A_DOCUMENT)


def _unusable(src: str) -> str | None:
    """Why a named source cannot be read at all, or None: it is a folder or a regular file."""
    try:
        st = os.stat(src)
    except (FileNotFoundError, NotADirectoryError):
        return "no such file or folder"
    except OSError as e:  # a name over the system's limit, a folder that may not be searched
        return f"cannot read: {e.strerror or e}"
    except ValueError:  # an embedded NUL
        return "not a usable file name"
    if not (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)):
        return "not a regular file (a FIFO, socket or device is never read)"
    return None


def _files(src: str, parse_folders: bool) -> Iterator[tuple[Path, bool]]:
    """``(path, found by walking a folder)`` for one SRC."""
    p = Path(src)
    if not p.is_dir():
        yield p, False
        return
    for dirpath, dirnames, filenames in os.walk(p):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            suffix = Path(name).suffix.lower()
            if not name.startswith(".") and (suffix in JSON_SUFFIXES or (parse_folders and suffix in EXTENSIONS)):
                yield Path(dirpath, name), True


def iter_documents(srcs: list[str], jobs: int = 1, *, parse_folders: bool = False) -> Iterator[Doc]:
    """Every document of ``srcs`` in order; minutes files are parsed by ``jobs`` workers.

    Minutes files inside folders are parsed only with ``parse_folders``; named ones always.
    """
    raw: list[Task] = []

    def flush() -> Iterator[Doc]:
        for r in run(raw, Options(), jobs):
            if r.json is None:
                yield r.task.path, None, r.error or "failed"
            else:
                yield _document(r.task.path, r.json.encode()) or (r.task.path, None, NOT_A_DOCUMENT)
        raw.clear()

    for src in srcs:
        if src == "-":  # JSON or JSONL on stdin (referat parse … | referat export - …)
            yield from flush()
            for label, doc, error in iter_raw(sys.stdin.buffer, "<stdin>"):
                if doc is None:
                    yield label, None, error or NOT_A_DOCUMENT
                else:  # checked against the models like every other source
                    yield _document(label, json.dumps(doc).encode()) or (label, None, NOT_A_DOCUMENT)
            continue
        why = _unusable(src)
        if why is not None:  # this source fails alone; the export goes on (and blames no target)
            yield src, None, why
            continue
        for path, found in _files(src, parse_folders):
            suffix = path.suffix.lower()
            if suffix == ".json":
                yield from flush()
                doc = _read_json(path, found=found)
                if doc is not None:
                    yield doc
            elif suffix == ".jsonl":
                yield from flush()
                yield from _read_jsonl(path)
            else:
                raw.append(Task(str(path), ""))
                if len(raw) >= 256:  # bounded: parse in chunks, keep the order
                    yield from flush()
    yield from flush()
