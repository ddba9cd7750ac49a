"""Fit the structure and the header's models: ``python train/fit.py`` (deterministic) writes
``src/referat_parser/structure/model.json`` and, beside the header code in ``extract/``,
``place_model.json``, ``body_model.json``, ``date_model.json``, ``kind_model.json``, ``time_model.json`` and
``takers_model.json`` from all the given gold (``train/header_fit.py``).

A pairwise ranker: for each document, each candidate that scores below the document's best
candidate gives the difference of their features, weighted by how much F1 it would lose; a
logistic regression without intercept on those differences (scikit-learn, the ``[train]``
extra) gives one weight per feature. The decoder then picks the candidate of highest w·x.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from referat_parser.structure.features import NAMES
from referat_parser.structure.model import Model
from train import header_fit, scoring
from train.corpus import ROOT, corpus_hash, documents
from train.examples import Row, rows_of

TIE_GAP = 0.02  # the weight of a tie broken by the rule cascade's choice (a gap in F1)
MODEL = ROOT / "src" / "referat_parser" / "structure" / "model.json"
COMMAND = "python train/fit.py"
C = 1.0  # regularisation (leave-one-publisher-out: 0.1-0.3 choose the same; 1.0 a little better)


def pairs(rows: list[Row]) -> tuple[list[list[float]], list[int], list[float]]:
    by_doc: dict[str, list[Row]] = {}
    for r in rows:
        by_doc.setdefault(r.doc, []).append(r)
    X, y, w = [], [], []
    for doc_rows in by_doc.values():
        best = max(r.f1 for r in doc_rows)
        winners = [r for r in doc_rows if r.f1 >= best - 1e-9]
        # Where the gold cannot tell two readings apart (an agenda-only document read from its
        # table of contents or as a chain), the rule cascade's reading wins, by a small margin:
        # it keeps what the gold does not score (the agenda, the spans).
        preferred = [r for r in winners if r.rules]
        if preferred and len(winners) > 1:
            winners = preferred
        for lose in doc_rows:
            if lose in winners:
                continue
            gap = max(best - lose.f1, TIE_GAP)
            for win in winners:
                d = [a - b for a, b in zip(win.x, lose.x, strict=True)]
                share = gap / len(winners)
                X.append(d), y.append(1), w.append(share)
                X.append([-v for v in d]), y.append(0), w.append(share)
    return X, y, w


def fit(rows: list[Row], c: float = C) -> Model:
    from sklearn.linear_model import LogisticRegression

    X, y, w = pairs(rows)
    if not X:
        return Model({"consecutive": 1.0})
    mean = sum(w) / len(w)
    w = [v / mean for v in w]  # the regularisation's strength must not depend on the F1 scale
    lr = LogisticRegression(C=c, fit_intercept=False, max_iter=5000, solver="lbfgs")
    lr.fit(X, y, sample_weight=w)
    return Model({k: round(float(v), 6) for k, v in zip(NAMES, lr.coef_[0], strict=True)})


def all_rows(docs) -> list[Row]:
    return [r for d in docs for r in rows_of(d)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--out", type=Path, default=MODEL)
    a = ap.parse_args(argv)
    docs = documents()
    rows = all_rows(docs)
    model = fit(rows)
    meta = {"command": COMMAND, "corpus_sha256": corpus_hash(docs), "documents": len(docs), "scorer": scoring.SCORER,
            "publishers": len({d.publisher for d in docs}), "features": list(NAMES), "regularisation_C": C}
    a.out.write_text(Model(model.weights, 0.0, meta).to_json(), encoding="utf-8")
    print(f"fitted on {len(docs)} documents, {len(rows)} candidates -> {a.out}")
    for name, (fitted, n) in header_fit.fit_header(docs, model).items():
        field = header_fit.FIELDS[name]
        out = a.out.parent.parent / "extract" / field.model_file
        head = {**meta, "features": list(field.names), "regularisation_C": header_fit.C[name], "readings": n}
        out.write_text(Model(fitted.weights, fitted.bias, head).to_json(), encoding="utf-8")
        print(f"fitted on {len(docs)} documents, {n} {name} readings -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
