"""The document's kind, minutes ("referat") or an agenda ("dagsorden"), weighed by fitted evidence.

Part of stage 4 (extract), asked by ``build`` once the header is read: the kind decides whether an
unlabelled item's text is its minutes, so it is read from the whole document, not from its first
words. Both kinds are readings; each is described by the same evidence of the document (``EVIDENCE``),
under its own name per kind (``referat_labels``, ``dagsorden_labels``), so that the fit can learn
what speaks for one kind and against the other:

* the rule cascade's own choice (``cascade``): a filled decision label or a kind word on the first
  title lines, else verdicts in the items' text, else an agenda marker, else a named minute taker;
* the kind words of the header's title lines: on the first lines, anywhere in the header, on the last
  title line that has one (nearest the items: "Indkaldelse …" at the top of a page, "Referat for …"
  above the minutes);
* an agenda marker ("Dagsorden:") in the header;
* what the items hold: filled decision labels, unlabelled text that reads as minutes (verdicts,
  the past tense), no text at all;
* a named minute taker or an attendance list that names someone.

The weights are fitted to the gold (``train/fit.py``, data in ``kind_model.json``) with no bar and no
bias per kind: a reading is chosen only on evidence for it (positive score), else the kind is left
empty, as the rules left it. The gold has eight documents that are not minutes, too few to set a prior
that would call a document with no evidence minutes (cross-validation: that prior read an invitation
as minutes, and its text as decisions).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from referat_parser import patterns as P
from referat_parser.extract import readings
from referat_parser.extract.header import KIND_LINES, Header, kind_in
from referat_parser.extract.outcome import classify_outcome
from referat_parser.extract.readings import Reading
from referat_parser.sections import Layout
from referat_parser.structure.model import Model
from referat_parser.tokenize import BLANK, HEADING, LABEL, MARKER, TEXT, Token

KINDS = ("referat", "dagsorden")
EVIDENCE = (
    "cascade",        # the rule cascade chose it
    "word_first",     # its kind word on the first title lines (the first kind word there)
    "word_any",       # its kind word on a title line anywhere in the header
    "word_last",      # its kind word on the last header line that has one
    "marker",         # an agenda marker ("Dagsorden:") stands in the header
    "labels",         # most decision labels hold text
    "minutes",        # the share of unlabelled item texts that read as minutes (verdicts, past tense),
                      # where no decision label decides
    "empty_items",    # the share of items with no text at all
    "named",          # a minute taker, or an attendance list naming someone
)
NAMES = tuple(f"{k}_{e}" for k in KINDS for e in EVIDENCE)
MODEL_FILE = "kind_model.json"
# The rule cascade as weights: the structure's training reads the kind with these (so that it never
# depends on the kind's fitted weights), as it reads the date with the proposers' order.
CASCADE = Model({f"{k}_cascade": 1.0 for k in KINDS})


def _kinds_by_line(lines: list[Token]) -> dict[int, set[str]]:
    """The kinds whose words each line holds, by line index (lines without one left out): one search
    a kind over the joined lines (a kind word has no space, so no match runs across a break)."""
    text = "\n".join(t.text for t in lines)
    starts = list(accumulate((len(t.text) + 1 for t in lines), initial=0))
    out: dict[int, set[str]] = {}
    for k, rx in P.KIND_WORD.items():
        for m in rx.finditer(text):
            out.setdefault(bisect_right(starts, m.start()) - 1, set()).add(k)
    return out


def _unlabelled_minutes(layout: Layout) -> tuple[int, int, int]:
    """Of the items' unlabelled texts: how many there are, how many carry a verdict, how many tell in
    the past tense what happened ("Ole blev valgt", "Kasper fortalte …")."""
    texts = [b.text for it in layout.items for b in it.blocks if b.kind is None and b.text]
    verdicts = sum(1 for text in texts if classify_outcome(text) != "other")
    told = sum(1 for text in texts if P.PAST_TENSE.search(text))
    return len(texts), verdicts, told


def found(layout: Layout, header: Header, labels: bool) -> tuple[list[Reading], str | None]:
    """The two readings of the kind, each with the document's evidence under its own names, and the
    rule cascade's kind. ``labels``: most decision labels hold text (then the labels decide, and the
    unlabelled texts are not read)."""
    texts = verdicts = told = 0
    if not labels:
        texts, verdicts, told = _unlabelled_minutes(layout)
    from_verdicts = "referat" if texts and (verdicts * 3 >= texts or told * 2 > texts) else None
    cascade = header.kind or from_verdicts or header.kind_hint or ("referat" if header.minute_takers else None)
    titled = [t for t in header.lines if t.kind in (TEXT, LABEL, HEADING)]
    first = kind_in(titled[:KIND_LINES])
    worded = _kinds_by_line(titled)
    anywhere = set().union(*worded.values())
    last = worded[max(worded)] if worded else set()
    marker = any(t.kind == MARKER for t in header.lines)
    items = layout.items
    empty = sum(1 for it in items if not it.inline_decision and all(t.kind == BLANK for t in it.tokens))
    evidence = {"marker": float(marker), "labels": float(labels),
                "minutes": max(verdicts, told) / texts if texts else 0.0,
                "empty_items": empty / len(items) if items else 0.0,
                "named": float(bool(header.minute_takers) or header.attendance)}
    out = []
    for k in KINDS:
        x = {**evidence, "cascade": float(cascade == k), "word_first": float(first == k),
             "word_any": float(k in anywhere), "word_last": float(k in last)}
        out.append(Reading(k, -1, {f"{k}_{e}": v for e, v in x.items() if v}))
    return out, cascade


def shipped() -> Model:
    return readings.shipped(MODEL_FILE)


def choose(found: list[Reading], model: Model | None = None) -> str | None:
    """The kind the evidence supports best, if its score is positive; else None."""
    best = readings.choose(found, model or shipped())
    return best.value if best is not None else None
