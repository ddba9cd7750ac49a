"""The documents to export, streamed one at a time from the SRC arguments.

A SRC is a JSON file written by ``referat parse``/``batch``, a JSONL file (one document per
line), a folder, or a minutes file (txt, pdf, docx, html …), parsed on the fly by the batch
workers. A folder is walked recursively for ``*.json`` and ``*.jsonl``; JSON there that is not
a referat-parser document (a ``--report`` file, say) is passed over, and minutes files in it are
parsed only with ``parse_folders`` (``--parse``), so a folder holding both a minutes file and
its JSON is not exported twice. Every document comes out as ``(label, document or None, error
or None)``: a broken source is reported and the export goes on.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from referat_parser.batch.work import EXTENSIONS, Options, Task, run
from referat_parser.readback import iter_raw

Doc = tuple[str, dict[str, Any] | None, str | None]
JSON_SUFFIXES = (".json", ".jsonl")


def _is_minutes(doc: object) -> bool:
    return isinstance(doc, dict) and doc.get("schema_version") is not None and isinstance(doc.get("items"), list)


def _read_json(path: Path, *, found: bool = False) -> Doc | None:
    """One JSON document; ``None`` for other JSON ``found`` by walking a folder."""
    try:
        doc = json.loads(path.read_bytes())
    except (OSError, ValueError) as e:
        return str(path), None, f"not readable JSON: {e}"
    if not _is_minutes(doc):
        return None if found else (str(path), None, "not a referat-parser document (no schema_version/items)")
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
                yield r.task.path, json.loads(r.json), None
        raw.clear()

    for src in srcs:
        if src == "-":  # JSON or JSONL on stdin (referat parse … | referat export - …)
            yield from flush()
            for label, doc, error in iter_raw(sys.stdin.buffer, "<stdin>"):
                yield (label, doc, None) if doc is not None and _is_minutes(doc) else (
                    label, None, error or "not a referat-parser document (no schema_version/items)")
            continue
        if not Path(src).exists():
            yield src, None, "no such file or folder"
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
