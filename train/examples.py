"""Training examples: every candidate structure of every gold document, with its features and
the score its layout earns against the gold (all facts but the place, which is chosen after the
structure by its own fitted weights; by the scorer that judges the parser)."""

from __future__ import annotations

from dataclasses import dataclass

from referat_parser import records as R
from referat_parser.extract import build
from referat_parser.pipeline import tokens_of
from referat_parser.sections import layout_of
from referat_parser.structure.candidates import Candidate, generate
from referat_parser.structure.features import NAMES, evidence, extract
from train import scoring
from train.corpus import Doc, text_of
from train.place import NO_PLACE


@dataclass
class Row:
    doc: str
    publisher: str
    candidate: str
    rules: bool  # what the rule cascade alone chose: the tie-breaker where the gold cannot tell
    x: list[float]
    tp: int
    fp: int
    fn: int

    @property
    def f1(self) -> float:
        return scoring.f1(self.tp, self.fp, self.fn)


PLACE_FACT = "meeting.location"


def rows_of(doc: Doc) -> list[Row]:
    toks = tokens_of(text_of(doc))
    index = evidence(toks)
    out = []
    cands: list[Candidate | None] = list(generate(toks, index.content, prune=False)) or [None]
    for c in cands:
        # The place model is fitted after this one, on its choice: read no place, score all facts but it.
        data = build(layout_of(toks, c), R.source(), NO_PLACE)
        t = scoring.tally()
        scoring.score(t, doc.gold, data)
        t.c.pop(PLACE_FACT, None)
        x = extract(c, toks, index) if c else dict.fromkeys(NAMES, 0.0)
        out.append(Row(doc.name, doc.publisher, c.name if c else "none", bool(c and c.rules), [x[k] for k in NAMES],
                       *scoring.counts(t)))
    return out
