"""Training examples: every candidate structure of every gold document, with its features and
the score its layout earns against the gold (all facts but the place and the body, which are
chosen after the structure by their own fitted weights; by the scorer that judges the parser).
The date and the kind are scored, read with fixed weighings (``FIRST_OFFERED``, the rule cascade's
``CASCADE``), so that this fit never depends on their fitted weights."""

from __future__ import annotations

from dataclasses import dataclass

from referat_parser import records as R
from referat_parser.extract import build
from referat_parser.extract.meeting_kind import CASCADE
from referat_parser.pipeline import tokens_of
from referat_parser.sections import layout_of
from referat_parser.structure.candidates import Candidate, generate
from referat_parser.structure.features import NAMES, evidence, extract
from train import scoring
from train.corpus import Doc, text_of
from train.header_fit import FIRST_OFFERED, NO_CHOICE


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


HEADER_FACTS = ("meeting.location", "meeting.body")


def rows_of(doc: Doc) -> list[Row]:
    toks = tokens_of(text_of(doc))
    index = evidence(toks)
    out = []
    cands: list[Candidate | None] = list(generate(toks, index.content, prune=False)) or [None]
    for c in cands:
        # The place and body are fitted after this one, on its choice: read none, score all facts but them.
        data = build(layout_of(toks, c), R.source(), NO_CHOICE, NO_CHOICE, FIRST_OFFERED, CASCADE, FIRST_OFFERED,
                     FIRST_OFFERED)
        t = scoring.tally()
        scoring.score(t, doc.gold, data)
        for fact in HEADER_FACTS:
            t.c.pop(fact, None)
        x = extract(c, toks, index) if c else dict.fromkeys(NAMES, 0.0)
        out.append(Row(doc.name, doc.publisher, c.name if c else "none", bool(c and c.rules), [x[k] for k in NAMES],
                       *scoring.counts(t)))
    return out
