"""The documents to export, streamed one at a time from the SRC arguments.

A SRC is a JSON file written by ``referat parse``/``batch``, a JSONL file (one document per
line), a folder (walked recursively: ``*.json`` and ``*.jsonl`` are read, minutes files are
parsed), or a minutes file (txt, pdf, docx, html …), parsed on the fly by the batch workers.
Every document comes out as ``(label, document or None, error or None)``: a broken source is
reported and the export goes on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from referat_parser.batch import EXTENSIONS, Options, Task, run

Doc = tuple[str, dict[str, Any] | None, str | None]
JSON_SUFFIXES = (".json", ".jsonl")


def _is_minutes(doc: object) -> bool:
    return isinstance(doc, dict) and doc.get("schema_version") is not None and isinstance(doc.get("items"), list)


def _read_json(path: Path) -> Doc:
    try:
        doc = json.loads(path.read_bytes())
    except (OSError, ValueError) as e:
        return str(path), None, f"not readable JSON: {e}"
    if not _is_minutes(doc):
        return str(path), None, "not a referat-parser document (no schema_version/items)"
    return str(path), doc, None


def _read_jsonl(path: Path) -> Iterator[Doc]:
    try:
        fh = path.open("rb")
    except OSError as e:
        yield str(path), None, f"cannot read: {e.strerror or e}"
        return
    with fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            label = f"{path}:{n}"
            try:
                doc = json.loads(raw)
            except ValueError as e:
                yield label, None, f"not readable JSON: {e}"
                continue
            if _is_minutes(doc):
                yield label, doc, None
            else:
                yield label, None, "not a referat-parser document (no schema_version/items)"


def _files(src: str) -> Iterator[Path]:
    p = Path(src)
    if not p.is_dir():
        yield p
        return
    for dirpath, dirnames, filenames in os.walk(p):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            suffix = Path(name).suffix.lower()
            if not name.startswith(".") and (suffix in JSON_SUFFIXES or suffix in EXTENSIONS):
                yield Path(dirpath, name)


def iter_documents(srcs: list[str], jobs: int = 1) -> Iterator[Doc]:
    """Every document of ``srcs`` in order; minutes files are parsed by ``jobs`` workers."""
    raw: list[Task] = []

    def flush() -> Iterator[Doc]:
        for r in run(raw, Options(), jobs):
            if r.json is None:
                yield r.task.path, None, r.error or "failed"
            else:
                yield r.task.path, json.loads(r.json), None
        raw.clear()

    for src in srcs:
        if not Path(src).exists():
            yield src, None, "no such file or folder"
            continue
        for path in _files(src):
            suffix = path.suffix.lower()
            if suffix == ".json":
                yield from flush()
                yield _read_json(path)
            elif suffix == ".jsonl":
                yield from flush()
                yield from _read_jsonl(path)
            else:
                raw.append(Task(str(path), ""))
                if len(raw) >= 256:  # bounded: parse in chunks, keep the order
                    yield from flush()
    yield from flush()
