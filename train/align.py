"""The aligner: each gold fact -> the line(s) of the document it came from.

    python train/align.py [-v]

Labels for lines, derived from the gold (``corpus/FORMAT.md``): where each item's title
stands (``item``), where its decision text starts (``decision``), and where each person,
body and place is named (``participant``, ``absent``, ``minute_taker``, ``body``,
``location``). Matching is on normalised text (case, whitespace, dashes; a heading's number
and bullet ignored), exact containment first, then fuzzy (ratio >= 0.85) for titles. Prints
the share of gold facts it aligns, per family; ``labels`` gives the line labels for fitting
line-level evidence (the header roles of the people and place fields).
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from train.corpus import Doc, documents, text_of

_LEAD = re.compile(r"^\s*(?:[-•*#>]+\s*)*(?:(?:ad|pkt|punkt|sag(?:\s+nr)?)\.?\s*)?(?:\d+[a-z]?|[a-z])?\s*[.):]?\s*",
                   re.IGNORECASE)


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFC", s or "").replace("\u00ad", "")
    s = s.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    return re.sub(r"\s+", " ", s).strip().casefold().rstrip(" .:;,")


@dataclass(frozen=True)
class Label:
    family: str  # item | decision | participant | absent | minute_taker | body | location
    line: int  # 1-based line of the document's text
    value: str


def _title_line(lines: list[str], title: str, after: int) -> int | None:
    want = norm(title)
    if not want:
        return None
    for k in range(after, len(lines)):
        body = norm(_LEAD.sub("", lines[k], count=1))
        if body and (body.startswith(want) or (want.startswith(body) and len(body) > 0.6 * len(want))):
            return k
    for k in range(after, len(lines)):
        body = norm(_LEAD.sub("", lines[k], count=1))
        if body and difflib.SequenceMatcher(None, want, body[: len(want) + 10]).ratio() >= 0.85:
            return k
    return None


def _containing(lines: list[str], value: str, after: int = 0) -> int | None:
    want = norm(value)
    if not want:
        return None
    for k in range(after, len(lines)):
        if want in norm(lines[k]):
            return k
    return None


def labels(doc: Doc, text: str | None = None) -> tuple[list[Label], Counter, Counter]:
    """The line labels of one document, and per family the facts seen and aligned."""
    lines = (text if text is not None else text_of(doc)).splitlines()
    out: list[Label] = []
    seen: Counter = Counter()
    found: Counter = Counter()

    def put(family: str, k: int | None, value: str) -> None:
        seen[family] += 1
        if k is not None:
            found[family] += 1
            out.append(Label(family, k + 1, value))

    g = doc.gold
    m = g.get("meeting", {})
    for fam in ("body", "location"):
        if m.get(fam):
            put(fam, _containing(lines, m[fam]), m[fam])
    for fam, key in (("participant", "participants"), ("absent", "absent"), ("minute_taker", "minute_takers")):
        for name in m.get(key) or []:
            put(fam, _containing(lines, name), name)
    at = 0
    for it in g.get("items", []):
        if it.get("title"):
            k = _title_line(lines, it["title"], at)
            put("item", k, it["title"])
            at = k + 1 if k is not None else at
        start = (it.get("decision_start") or "")[:40]
        if start:
            put("decision", _containing(lines, start, max(0, at - 1)) or _containing(lines, start), start)
    return out, seen, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="the facts not aligned")
    a = ap.parse_args(argv)
    seen: Counter = Counter()
    found: Counter = Counter()
    for d in documents():
        _labs, s, f = labels(d)
        seen += s
        found += f
        if a.verbose and s != f:
            print(f"{d.name}: " + ", ".join(f"{k} {f[k]}/{s[k]}" for k in s if f[k] != s[k]))
    for fam in sorted(seen):
        print(f"{fam:<14}{found[fam]:>6}/{seen[fam]:<6}{found[fam] / seen[fam]:>7.3f}")
    total_seen, total_found = sum(seen.values()), sum(found.values())
    print(f"aligned {total_found}/{total_seen} gold facts ({total_found / total_seen:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
