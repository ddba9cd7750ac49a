"""The given gold corpora as (document, publisher, gold) records, and their hash.

Documents are the fixture copies of the gold corpora (``fixtures/``, ``fixtures/dev*``); a
document's publisher comes from its folder's INDEX.tsv (a ``publisher`` column, else the host
of its ``source`` URL) or, failing both, from its file name without the trailing number, so
that leave-one-publisher-out keeps every publisher's documents together.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
INPUTS = (".txt", ".md")


@dataclass(frozen=True)
class Doc:
    path: Path
    publisher: str
    gold: dict

    @property
    def name(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}"


def _gold_path(p: Path) -> Path:
    return p.with_name(p.name + ".gold.json") if p.suffix == ".md" else p.with_suffix(".gold.json")


def _index(folder: Path) -> dict[str, str]:
    index = folder / "INDEX.tsv"
    if not index.exists():
        return {}
    out = {}
    with index.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            pub = (row.get("publisher") or "").strip()
            if not pub and row.get("source"):
                pub = urlparse(row["source"].strip()).netloc.removeprefix("www.")
            if pub:
                out[row["file"].strip()] = pub
    return out


def documents(root: Path = FIXTURES) -> list[Doc]:
    """Every input with a gold file beside it, in a fixed order."""
    docs = []
    for folder in [root, *sorted(p for p in root.iterdir() if p.is_dir())]:
        index = _index(folder)
        for p in sorted(folder.iterdir()):
            if p.suffix not in INPUTS or p.name == "README.md" or not _gold_path(p).exists():
                continue
            pub = index.get(p.name) or re.sub(r"[-_](?:[A-Z]?\d+|undated)(?:[-_]\d+)*$", "", p.stem)
            docs.append(Doc(p, pub, json.loads(_gold_path(p).read_text(encoding="utf-8"))))
    return docs


def corpus_hash(docs: list[Doc]) -> str:
    """sha256 over every document's bytes and gold, in order: which gold a model was fitted on."""
    h = hashlib.sha256()
    for d in docs:
        h.update(d.name.encode())
        h.update(d.path.read_bytes())
        h.update(_gold_path(d.path).read_bytes())
    return h.hexdigest()


def text_of(doc: Doc) -> str:
    """The document's text as the parser reads it."""
    from referat_parser.readers import read_bytes

    return read_bytes(doc.path.read_bytes(), path=str(doc.path)).text
