"""Training rows and fit of the place weights (``extract/place.py``): every reading of the place the
header's proposers offer for a gold document, labelled by whether the scorer counts it as the gold
place; a logistic regression on their shape features (the ``[train]`` extra). Documents with no
place in their gold give only negatives: they teach the weights when to say "no place"."""

from __future__ import annotations

from dataclasses import dataclass

from referat_parser.extract.header import extract_header
from referat_parser.extract.place import NAMES
from referat_parser.pipeline import tokens_of
from referat_parser.sections import detect
from referat_parser.structure.model import Model
from train import scoring
from train.corpus import Doc, text_of

NO_PLACE = Model({})  # weighs every reading 0: no place chosen
C = 1.0  # regularisation (leave-one-publisher-out: 0.3-3 choose alike)


@dataclass
class PlaceRow:
    doc: str
    publisher: str
    value: str
    x: list[float]
    right: bool


def rows_of(doc: Doc, structure: Model | None = None) -> list[PlaceRow]:
    """The readings of ``doc``'s place, its header read with the ``structure`` weights (the shipped ones if
    None); no place weights yet: the readings and their features are wanted, not the choice."""
    header = extract_header(detect(tokens_of(text_of(doc)), structure), has_decisions=False, place_model=NO_PLACE)
    gold = (doc.gold.get("meeting") or {}).get("location")
    return [PlaceRow(doc.name, doc.publisher, p.value, [p.x.get(k, 0.0) for k in NAMES],
                     scoring.same_place(p.value, gold)) for p in header.places]


def fit(rows: list[PlaceRow], c: float = C) -> Model:
    """A conditional choice among each document's readings and "none": the right reading (else none,
    since a wrong place costs a false positive too) set against every other one, as feature differences
    to a logistic regression without intercept; the weight of ``none`` is the bar a reading must pass."""
    from sklearn.linear_model import LogisticRegression

    by_doc: dict[str, list[PlaceRow]] = {}
    for r in rows:
        by_doc.setdefault(r.doc, []).append(r)
    none = [0.0] * len(NAMES) + [1.0]
    X: list[list[float]] = []
    y: list[int] = []
    for doc_rows in by_doc.values():
        options = [[*r.x, 0.0] for r in doc_rows] + [none]
        right = [k for k, r in enumerate(doc_rows) if r.right]
        win = right[0] if right else len(doc_rows)
        for k, lose in enumerate(options):
            if k == win or (k < len(doc_rows) and doc_rows[k].right):
                continue
            d = [a - b for a, b in zip(options[win], lose, strict=True)]
            X.append(d), y.append(1)
            X.append([-v for v in d]), y.append(0)
    if not X:
        return Model({"labelled": 1.0}, -0.5)
    lr = LogisticRegression(C=c, fit_intercept=False, max_iter=5000, solver="lbfgs")
    lr.fit(X, y)
    *w, w_none = (float(v) for v in lr.coef_[0])
    # "none" scores w_none; a reading must beat it: the bias is its negative.
    return Model({k: round(v, 6) for k, v in zip(NAMES, w, strict=True)}, round(-w_none, 6))
