"""Decision outcome: the first explicit verdict in the decision text wins.

Not a priority table: "Godkendt. … drøftet" is approved because "Godkendt" comes
first. A verdict word after a negation ("ikke godkendt") is a rejection; after a
modal ("kan drøftes", "skal godkendes") it is an intention and no verdict; in a
sentence about another item ("Punkt 28 … udsat.") it says nothing about this one.
"""

from __future__ import annotations

from referat_parser import patterns as P

OUTCOMES = ("rejected", "recommended", "approved", "noted", "discussed", "postponed")


def classify_outcome(text: str) -> str:
    """approved | noted | discussed | postponed | rejected | recommended | other."""
    for sentence in P.SENTENCE_SPLIT.split(text):
        if not sentence or P.OTHER_ITEM_SENTENCE.match(sentence):
            continue
        for m in P.OUTCOME.finditer(sentence):
            kind = next(k for k in OUTCOMES if m.group(k))
            before = sentence[: m.start()]
            if P.MODAL_BEFORE.search(before):
                continue
            if kind != "rejected" and P.NEGATED_BEFORE.search(before):
                if kind in ("approved", "recommended"):
                    return "rejected"  # "blev ikke godkendt"
                continue  # "blev ikke drøftet" is no verdict of its own
            return kind
    return "other"
