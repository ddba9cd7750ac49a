"""The time budget behind ``patterns.SHORT``: short strings are matched without a timeout.

That is only safe if no registry pattern can take long on a string of at most SHORT
characters. Each pattern is run against adversarial strings of exactly that length, made of
its own literal words, digits, letters, spaces and punctuation repeated (the inputs that
make backtracking patterns explode), and every call must finish well inside a budget.
Strings longer than SHORT must get the timeout.
"""

from __future__ import annotations

import time
from itertools import pairwise

import pytest
import regex

from referat_parser import patterns as P

BUDGET = 0.05  # seconds for one call on SHORT characters; real calls take microseconds

_PIECES = ["a", "A", "æ", " ", "1", "12", ".", ",", ":", "-", "–", "(", ")", "|", "at ", "a ", "1. ",
           "kl. 1", "den 1", " og ", "Aa ", "aA", "\t", "!"]


def _words(source: str) -> list[str]:
    """Literal words in a pattern's source, e.g. the vocabulary of an alternation."""
    return sorted(set(regex.findall(r"[^\W\d_]{2,}", regex.sub(r"\\[pPN]\{\w+\}", " ", source))))[:40]


def _adversarial(rx: P.Rx) -> list[str]:
    pieces = _PIECES + _words(rx.source)
    out = []
    for p in pieces:
        out.append((p * (P.SHORT // len(p) + 1))[: P.SHORT])
        out.append(((p + " ") * P.SHORT)[: P.SHORT - 1] + "!")
    for a, b in pairwise(pieces):
        out.append(((a + b) * P.SHORT)[: P.SHORT])
    return out


@pytest.mark.parametrize("name", sorted(P.REGISTRY))
def test_no_pattern_is_slow_on_short_strings(name: str) -> None:
    rx = P.REGISTRY[name]
    slowest, worst = 0.0, ""
    for s in _adversarial(rx):
        assert len(s) <= P.SHORT
        for call in (rx.match, rx.search, rx.split):
            t = time.perf_counter()
            call(s)
            dt = time.perf_counter() - t
            if dt > slowest:
                slowest, worst = dt, s
    assert slowest < BUDGET, f"{name} took {slowest:.3f} s on {worst[:40]!r}…"


def test_long_strings_carry_the_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(P, "TIMEOUT", 0.05)
    evil = P.Rx("evil", r"(?:a|aa)+$")  # catastrophic on purpose; not in the registry
    t = time.perf_counter()
    with pytest.raises(TimeoutError):
        evil.match("a" * (P.SHORT + 40) + "b")
    assert time.perf_counter() - t < 2
    assert "evil" not in P.REGISTRY
