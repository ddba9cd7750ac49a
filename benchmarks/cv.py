"""Leave-one-publisher-out cross-validation: the honest figure for a publisher not yet seen.

    python benchmarks/cv.py [-v]

For each publisher of the given gold (fixtures/, fixtures/dev*), fit the structure, place and body
models on the other publishers' documents (``train/fit.py``'s fits), parse that publisher's documents
with it, and score them with the scorer that judges the parser (``shared/tools/score_gold.py``
beside the repository, else tests/gold.py). Prints P/R/F1 per field family, the publishers
scoring lowest, and as the last line ``cv micro-F1 0.xxx (P … R …)``. Also prints, for
comparison, the oracle: the best structure candidate of every document, scored on all facts but the
place and the body (what the structure candidates allow at most).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from train import header_fit, scoring
from train.corpus import documents
from train.examples import rows_of
from train.fit import fit

from referat_parser.pipeline import read_data


def _table(t, title: str) -> None:
    print(f"{title:<30}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>7}{'R':>7}{'F1':>7}")
    for fam in sorted(t.c):
        tp, fp, fn = t.c[fam]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        print(f"{fam:<30}{tp:>6}{fp:>6}{fn:>6}{p:>7.3f}{r:>7.3f}{scoring.f1(tp, fp, fn):>7.3f}")


def _line(label: str, tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return f"{label} {scoring.f1(tp, fp, fn):.3f} (P {p:.3f} R {r:.3f})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="a line per document")
    a = ap.parse_args(argv)
    docs = documents()
    rows = {d.name: rows_of(d) for d in docs}
    publishers = sorted({d.publisher for d in docs})
    total = scoring.tally()
    per_pub: dict[str, tuple[int, int, int]] = {}
    for pub in publishers:
        train = [r for d in docs if d.publisher != pub for r in rows[d.name]]
        model = fit(train)
        fitted = header_fit.fit_header([d for d in docs if d.publisher != pub], model)
        header_models = {k: m for k, (m, _) in fitted.items()}
        t_pub = scoring.tally()
        for d in (d for d in docs if d.publisher == pub):
            out = read_data(d.path.read_bytes(), path=str(d.path), model=model, place_model=header_models["place"],
                            body_model=header_models["body"], date_model=header_models["date"],
                            kind_model=header_models["kind"], time_model=header_models["time"],
                            taker_model=header_models["takers"])
            t_doc = scoring.tally()
            scoring.score(t_doc, d.gold, out)
            scoring.score(t_pub, d.gold, out)
            scoring.score(total, d.gold, out)
            if a.verbose:
                print(_line(f"  {d.name:<48}", *scoring.counts(t_doc)))
        per_pub[pub] = scoring.counts(t_pub)
    oracle = [0, 0, 0]
    for doc_rows in rows.values():
        best = max(doc_rows, key=lambda r: r.f1)
        for k, v in enumerate((best.tp, best.fp, best.fn)):
            oracle[k] += v
    _table(total, f"cv over {len(publishers)} publishers")
    print("lowest publishers:")
    for pub, c in sorted(per_pub.items(), key=lambda kv: scoring.f1(*kv[1]))[:8]:
        print(_line(f"  {pub[:48]:<48}", *c))
    print(_line(f"documents {len(docs)}, scorer {scoring.SCORER}; oracle (best structure each, all facts but "
                "place and body)", *oracle))
    print(_line("cv micro-F1", *scoring.counts(total)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
