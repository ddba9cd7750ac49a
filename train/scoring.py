"""The gold scorer: the project's judge (``shared/tools/score_gold.py``) when it lies beside the
repository, else the test suite's copy of its rules (``tests/gold.py``)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

from train.corpus import ROOT

JUDGE = Path(os.environ.get("REFERAT_SCORER", ROOT.parent / "shared" / "tools" / "score_gold.py"))


def _load():
    if JUDGE.exists():
        spec = importlib.util.spec_from_file_location("score_gold", JUDGE)
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod, "score_gold.py"
    sys.path.insert(0, str(ROOT))
    from tests import gold

    return gold, "tests/gold.py"


_S, SCORER = _load()


def tally():
    return _S.Tally()


def score(t, gold: dict, out: dict) -> None:
    """Add one document's facts (``out`` = the output contract's plain data) to tally ``t``."""
    if hasattr(_S, "score_doc"):
        _S.score_doc(t, gold, _S.predicted_facts(out))
    else:
        _S.score(t, gold, out)


def counts(t) -> tuple[int, int, int]:
    tp = sum(v[0] for v in t.c.values())
    fp = sum(v[1] for v in t.c.values())
    fn = sum(v[2] for v in t.c.values())
    return tp, fp, fn


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def same_place(a: str | None, b: str | None) -> bool:
    """Does the scorer count place ``a`` as place ``b``?"""
    return bool(a and b) and _S.similar(a, b, 0.8)


def same_names(a: str | None, b: list[str] | None) -> bool:
    """Does the scorer count the names of ``a`` (a minute-taker reading, " | "-joined) as the list ``b``?"""
    names = a.split(" | ") if a else []
    return bool(names) and len(names) == len(b or []) and all(any(_S.similar(n, g) for g in b or []) for n in names)


def same_body(a: str | None, b: str | None) -> bool:
    """Does the scorer count body ``a`` as body ``b``? (A printed term, "(2018-2021)", is no part of it.)"""
    if not (a and b):
        return False
    no_term = getattr(_S, "_no_term", lambda s: s)
    return _S.similar(no_term(a), no_term(b))
