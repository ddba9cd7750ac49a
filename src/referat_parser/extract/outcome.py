"""Decision outcome: the first explicit verdict in the decision text wins.

Not a priority table: "Godkendt. … drøftet" is approved because "Godkendt" comes
first. Talk is no verdict, though: "discussed" is the outcome only when no formal
verdict follows it ("Der var debat … Beretningen blev godkendt" is approved). A
verdict word after a negation ("ikke godkendt") is a rejection; after a modal ("kan
drøftes", "skal godkendes") it is an intention and no verdict; in a sentence about
another item ("Punkt 28 … udsat.") it says nothing about this one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from referat_parser import patterns as P

OUTCOMES = ("rejected", "recommended", "approved", "noted", "discussed", "postponed")


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence: the stretches between SENTENCE_SPLIT separators, in order."""
    start = 0
    for m in P.SENTENCE_SPLIT.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def classify_outcome(text: str) -> str:
    """approved | noted | discussed | postponed | rejected | recommended | other."""
    # One pass of OUTCOME over the whole text (not one per sentence): most sentences hold no
    # verdict word. A match counts only inside one sentence, judged by that sentence alone.
    # Lazily: the first verdict usually comes early, and the scan stops there; sentences are
    # found only as far as the matches reach.
    spans: list[tuple[int, int]] = []
    starts: list[int] = []
    sentences = _sentences(text)
    about_other: dict[int, bool] = {}
    low = text.lower()  # one pass, then a case-sensitive scan (positions agree when lengths do)
    matches = P.OUTCOME_LOWER.finditer(low) if len(low) == len(text) else P.OUTCOME.finditer(text)
    talk = False  # a "discussed" seen: the answer unless a formal verdict follows
    for m in matches:
        while not starts or starts[-1] <= m.start():  # up to the first sentence after the match
            span = next(sentences, None)
            if span is None:
                break
            spans.append(span)
            starts.append(span[0])
        k = bisect_right(starts, m.start()) - 1
        a, b = spans[k]
        if m.end() > b:
            continue  # the phrase runs across a sentence break
        if k not in about_other:
            about_other[k] = bool(P.OTHER_ITEM_SENTENCE.match(text[a:b]))
        if about_other[k]:
            continue
        kind = next(name for name in OUTCOMES if m.group(name))
        before = text[a : m.start()]
        if P.MODAL_BEFORE.search(before):
            continue
        if kind != "rejected" and P.NEGATED_BEFORE.search(before):
            if kind in ("approved", "recommended"):
                return "rejected"  # "blev ikke godkendt"
            continue  # "blev ikke drøftet" is no verdict of its own
        if kind == "discussed":
            talk = True
            continue
        return kind
    return "discussed" if talk else "other"
