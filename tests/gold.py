"""Scoring against gold annotations (format: shared/corpus/FORMAT.md), for the tests.

Same rules as the project's scorer: each gold fact is one decision; strings match
after whitespace/case/punctuation normalisation, fuzzily (ratio >= 0.85) for titles,
bodies and recommendations. One difference, on purpose: a predicted item matched to a
gold item the excerpt cuts off counts as found, not also as an invented item.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict


def norm(s: object) -> str:
    if s is None:
        return ""
    t = unicodedata.normalize("NFC", str(s)).replace("\u00ad", "")
    t = t.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    return re.sub(r"\s+", " ", t).strip().casefold().rstrip(" .:;,")


def similar(a: object, b: object, threshold: float = 0.85) -> bool:
    x, y = norm(a), norm(b)
    if not x or not y:
        return x == y
    return x == y or difflib.SequenceMatcher(None, x, y).ratio() >= threshold


class Tally:
    def __init__(self) -> None:
        self.c: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])

    def scalar(self, field: str, gold: object, pred: object, match) -> None:
        g, p = gold not in (None, "", []), pred not in (None, "", [])
        if g and p and match(gold, pred):
            self.c[field][0] += 1
            return
        if g:
            self.c[field][2] += 1
        if p:
            self.c[field][1] += 1

    def names(self, field: str, gold: list[str], pred: list[str]) -> None:
        g = {norm(x) for x in gold if norm(x)}
        p = {norm(x) for x in pred if norm(x)}
        self.c[field][0] += len(g & p)
        self.c[field][1] += len(p - g)
        self.c[field][2] += len(g - p)

    def f1(self, field: str | None = None) -> float:
        rows = [self.c[field]] if field else list(self.c.values())
        tp, fp, fn = (sum(r[i] for r in rows) for i in range(3))
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


def score(t: Tally, gold: dict, out: dict) -> None:
    gm, m = gold["meeting"], out["meeting"]
    people = out["participants"]
    eq = lambda a, b: norm(a) == norm(b)  # noqa: E731
    t.scalar("meeting.kind", gm.get("kind"), out.get("kind"), eq)
    t.scalar("meeting.body", gm.get("body"), m.get("body"), similar)
    t.scalar("meeting.date", gm.get("date"), m.get("date"), eq)
    t.scalar("meeting.start_time", gm.get("start_time"), m.get("start_time"), eq)
    t.scalar("meeting.end_time", gm.get("end_time"), m.get("end_time"), eq)
    t.scalar("meeting.location", gm.get("location"), m.get("location"),
             lambda a, b: similar(a, b, 0.8))
    t.names("participants.present", gm.get("participants") or [],
            [p["name"] for p in people if p["status"] == "present"])
    t.names("participants.absent", gm.get("absent") or [],
            [p["name"] for p in people if p["status"] == "absent"])
    t.names("meeting.minute_takers", gm.get("minute_takers") or [], m.get("minute_takers") or [])
    used: set[int] = set()
    for g in gold["items"]:
        cands = [p for p in out["items"] if norm(p["number"]) == norm(g["number"]) and id(p) not in used]
        match = next((p for p in cands if similar(g["title"], p["title"])), None)
        t.c["items.found"][0 if match else 2] += 1
        if match is not None:
            used.add(id(match))
        if not g.get("complete", True):
            continue
        rec = (match or {}).get("recommendation") or {}
        dec = (match or {}).get("decision") or {}
        t.scalar("items.duration", g.get("duration_minutes"), (match or {}).get("duration_minutes"),
                 lambda a, b: int(a) == int(b))
        t.scalar("items.recommendation", " ".join(g.get("recommendation_clauses") or []),
                 " ".join(rec.get("clauses") or []), similar)
        t.scalar("items.decision_text", g.get("decision_start"), dec.get("text"),
                 lambda a, b: similar(a, norm(b)[: len(norm(a))], 0.9))
        t.scalar("items.decision_outcome", g.get("decision_outcome"), dec.get("outcome"), eq)
    t.c["items.found"][1] += sum(1 for p in out["items"] if id(p) not in used)
