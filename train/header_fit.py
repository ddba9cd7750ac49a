"""Training rows and fits of the header's weighed fields (``extract/readings.py``): the place, then the
body, the date, the document's kind, the start time and the minute takers. Every reading the proposers
offer for a gold document is a row, labelled by whether the scorer counts it as the gold value; the
weights come from a conditional choice per document among its readings and "none" (the ``[train]``
extra). Run by ``python train/fit.py``; ``benchmarks/cv.py`` fits them per fold."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from referat_parser.extract import body, decisions_labelled, meeting_date, meeting_kind, meeting_time, place, takers
from referat_parser.extract.attendance import participants
from referat_parser.extract.header import Header, extract_header
from referat_parser.pipeline import tokens_of
from referat_parser.sections import detect
from referat_parser.structure.model import Model
from train import scoring
from train.corpus import Doc, text_of

NO_CHOICE = Model({})  # weighs every reading 0: none is chosen
# The date as the proposers' order gives it (a field's first, then a header line's …; the post-date
# policy still applies): how the structure's training reads the date, whatever the date's weights.
FIRST_OFFERED = Model({"offered_first": 1.0})
# Regularisation per field, chosen by benchmarks/cv.py among 0.3, 1 and 3 (so the cv figure is a little
# optimistic): place 0.915 / 0.935 / 0.925, body 0.928 / 0.942 / 0.971, kind 0.978 / 0.978 / 0.971.
C = {"place": 1.0, "body": 3.0, "date": 1.0, "kind": 1.0, "time": 1.0, "takers": 1.0}


@dataclass(frozen=True)
class Field:
    names: tuple[str, ...]
    readings: Callable[[Header], list] | None  # None: the kind and the minute takers (they need the layout)
    gold_key: str
    same: Callable[[str | None, Any], bool]  # a reading's value against the gold's (a string, or a list of names)
    model_file: str


FIELDS = {
    "place": Field(place.NAMES, lambda h: h.places, "location", scoring.same_place, place.MODEL_FILE),
    "body": Field(body.NAMES, lambda h: h.bodies, "body", scoring.same_body, body.MODEL_FILE),
    "date": Field(meeting_date.NAMES, lambda h: h.dates, "date", lambda a, b: a == b, meeting_date.MODEL_FILE),
    "kind": Field(meeting_kind.NAMES, None, "kind", lambda a, b: a == b, meeting_kind.MODEL_FILE),
    "time": Field(meeting_time.NAMES, lambda h: h.times, "start_time", lambda a, b: a == b, meeting_time.MODEL_FILE),
    "takers": Field(takers.NAMES, None, "minute_takers", scoring.same_names, takers.MODEL_FILE),
}


@dataclass
class ReadingRow:
    doc: str
    publisher: str
    value: str
    x: list[float]
    right: bool


def header_of(doc: Doc, structure: Model | None, place_model: Model | None) -> Header:
    """``doc``'s header read with these structure and place weights (body and date weigh nothing yet)."""
    return extract_header(detect(tokens_of(text_of(doc)), structure), has_decisions=False,
                          place_model=place_model or NO_CHOICE, body_model=NO_CHOICE, date_model=NO_CHOICE,
                          time_model=NO_CHOICE)


def rows_of(doc: Doc, header: Header, name: str) -> list[ReadingRow]:
    f = FIELDS[name]
    assert f.readings is not None
    return _rows(doc, f, f.readings(header))


def _rows(doc: Doc, f: Field, found: list) -> list[ReadingRow]:
    gold = (doc.gold.get("meeting") or {}).get(f.gold_key)
    return [ReadingRow(doc.name, doc.publisher, r.value, [r.x.get(k, 0.0) for k in f.names], f.same(r.value, gold))
            for r in found]


def kind_rows_of(doc: Doc, structure: Model | None) -> list[ReadingRow]:
    """The kind's readings of ``doc``, read as ``build`` reads them (the header knows whether the
    decisions are labelled; the place, body and date weigh nothing: the kind does not ask them)."""
    layout = detect(tokens_of(text_of(doc)), structure)
    labels = decisions_labelled(layout)
    header = extract_header(layout, labels, place_model=NO_CHOICE, body_model=NO_CHOICE, date_model=NO_CHOICE,
                            time_model=NO_CHOICE)
    return _rows(doc, FIELDS["kind"], meeting_kind.found(layout, header, labels)[0])


def taker_rows_of(doc: Doc, structure: Model | None) -> list[ReadingRow]:
    """The minute takers' readings of ``doc``, read as ``build`` reads them (the kind by the rules)."""
    layout = detect(tokens_of(text_of(doc)), structure)
    labels = decisions_labelled(layout)
    header = extract_header(layout, labels, place_model=NO_CHOICE, body_model=NO_CHOICE, date_model=NO_CHOICE,
                            time_model=NO_CHOICE)
    _, noted = participants(layout, meeting_kind.found(layout, header, labels)[1], header.date)
    found = takers.found([*header.taker_sources, ("list_note", noted), *takers.chosen(layout)])
    return _rows(doc, FIELDS["takers"], found)


def fit(rows: list[ReadingRow], names: tuple[str, ...], c: float = 1.0, bar: bool = True) -> Model:
    """A conditional choice among each document's readings and "none": the right reading (else none,
    since a wrong value costs a false positive too) set against every other one, as feature differences
    to a logistic regression without intercept; the weight of ``none`` is the bar a reading must pass.
    ``bar=False``: no fitted bar, "none" scores 0: a reading with no evidence for it is never chosen
    (where the gold is too thin to set a prior: the kind's)."""
    from sklearn.linear_model import LogisticRegression

    by_doc: dict[str, list[ReadingRow]] = {}
    for r in rows:
        by_doc.setdefault(r.doc, []).append(r)
    none = [0.0] * len(names) + [1.0 if bar else 0.0]
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
        return Model({}, -1.0)
    lr = LogisticRegression(C=c, fit_intercept=False, max_iter=5000, solver="lbfgs")
    lr.fit(X, y)
    *w, w_none = (float(v) for v in lr.coef_[0])
    # "none" scores w_none; a reading must beat it: the bias is its negative.
    return Model({k: round(v, 6) for k, v in zip(names, w, strict=True)}, round(-w_none, 6))


def fit_header(docs: list[Doc], structure: Model | None) -> dict[str, tuple[Model, int]]:
    """Per field, its weights and the number of readings they were fitted on: the place, then the body
    (whose readings know the place chosen), the date and the kind (whose readings know neither)."""
    headers = [header_of(d, structure, None) for d in docs]
    place_rows = [r for d, h in zip(docs, headers, strict=True) for r in rows_of(d, h, "place")]
    date_rows = [r for d, h in zip(docs, headers, strict=True) for r in rows_of(d, h, "date")]
    time_rows = [r for d, h in zip(docs, headers, strict=True) for r in rows_of(d, h, "time")]
    place_model = fit(place_rows, place.NAMES, C["place"])
    body_rows = [r for d in docs for r in rows_of(d, header_of(d, structure, place_model), "body")]
    kind_rows = [r for d in docs for r in kind_rows_of(d, structure)]
    taker_rows = [r for d in docs for r in taker_rows_of(d, structure)]
    return {"place": (place_model, len(place_rows)), "body": (fit(body_rows, body.NAMES, C["body"]), len(body_rows)),
            "date": (fit(date_rows, meeting_date.NAMES, C["date"]), len(date_rows)),
            "kind": (fit(kind_rows, meeting_kind.NAMES, C["kind"], bar=False), len(kind_rows)),
            "time": (fit(time_rows, meeting_time.NAMES, C["time"]), len(time_rows)),
            "takers": (fit(taker_rows, takers.NAMES, C["takers"]), len(taker_rows))}
