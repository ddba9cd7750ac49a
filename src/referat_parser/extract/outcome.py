"""Decision outcome: the first explicit verdict in the decision text wins.

Not a priority table: "Godkendt. … drøftet" is approved because "Godkendt" comes
first. Talk is no verdict, though: "discussed" is the outcome only when no formal
verdict follows it ("Der var debat … Beretningen blev godkendt" is approved). A
verdict word after a negation ("ikke godkendt") is a rejection; after a modal ("kan
drøftes", "skal godkendes") it is an intention and no verdict; in a relative clause of
state ("medlemmer, der er bevilget tjenestefrihed") it describes a noun; in a sentence
about another item ("Punkt 28 … udsat.") it says nothing about this one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from referat_parser import patterns as P
from referat_parser.vocabulary import OUTCOME_PHRASES

OUTCOMES = tuple(OUTCOME_PHRASES)  # the outcomes a verdict names (patterns.outcome_of looks one up)
# How far after talk ("drøftet") a formal verdict is looked for: the paragraph or so that
# closes the discussion, not a later point of the minutes (and the scan stays short).
TALK_REACH = 600


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence: the stretches between SENTENCE_SPLIT separators, in order
    (a sentence keeps its full stop: the separator's match starts at it)."""
    start = 0
    for m in P.SENTENCE_SPLIT.finditer(text):
        cut = m.start()
        yield start, cut if text[cut] == "\n" else cut + 1
        start = m.end()
    yield start, len(text)


def _verdicts(text: str, begin: int, end: int) -> Iterator[tuple[str, int]]:
    """Each verdict in ``text[begin:end]`` that counts, in order: (outcome, position in ``text``).

    One pass of OUTCOME over the text (not one per sentence): most sentences hold no verdict
    word. A match counts only inside one sentence, judged by that sentence alone. Lazily: the
    scan stops where the caller stops asking, and sentences are found only as far as the
    matches reach.
    """
    spans: list[tuple[int, int]] = []
    starts: list[int] = []
    sentences = _sentences(text)
    about_other: dict[int, bool] = {}
    window = text[begin:end]
    low = window.lower()  # one pass, then a case-sensitive scan (positions agree when lengths do)
    matches = P.OUTCOME_LOWER.finditer(low) if len(low) == len(window) else P.OUTCOME.finditer(window)
    for found in matches:
        at, stop = begin + found.start(), begin + found.end()
        while not starts or starts[-1] <= at:  # up to the first sentence after the match
            span = next(sentences, None)
            if span is None:
                break
            spans.append(span)
            starts.append(span[0])
        k = bisect_right(starts, at) - 1
        a, b = spans[k]
        if stop > b or at < a:
            continue  # the phrase runs across a sentence break
        if k not in about_other:
            about_other[k] = bool(P.OTHER_ITEM_SENTENCE.match(text[a:b]))
        if about_other[k]:
            continue
        kind = P.outcome_of(found.group())
        if kind is None:  # a case-blind match whose case folds to no phrase ("ſ" for "s")
            continue
        before = text[a:at]
        if P.MODAL_BEFORE.search(before) or ("," in before and P.RELATIVE_BEFORE.search(before)):
            continue  # an intention ("kan drøftes"), or a relative clause about a noun ("…, der er bevilget")
        if kind != "rejected" and P.NEGATED_BEFORE.search(before):
            if kind in ("approved", "recommended"):
                yield "rejected", at  # "blev ikke godkendt"
            continue  # "blev ikke drøftet" is no verdict of its own
        yield kind, at


def classify_outcome(text: str) -> str:
    """approved | noted | discussed | postponed | rejected | recommended | other."""
    first = next(_verdicts(text, 0, len(text)), None)
    if first is None:
        return "other"
    kind, at = first
    if kind != "discussed":
        return kind
    # Talk: a formal verdict that closes the discussion wins; the scan reaches no further.
    later = _verdicts(text, at + 1, at + TALK_REACH)
    return next((k for k, _ in later if k != "discussed"), "discussed")
