"""Every pattern is fast on its own; the timeout every call carries is only the last resort.

Each registry pattern is run against adversarial strings of ``patterns.SHORT`` characters
(the length of a long line), made of its own literal words, digits, letters, spaces and
punctuation repeated (the inputs that make backtracking patterns explode), and every call
must finish well inside a budget. And every call, on a short string or a long one, must
carry the timeout.
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
def test_no_pattern_is_slow_on_adversarial_lines(name: str) -> None:
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


@pytest.mark.parametrize("length", [30, P.SHORT + 40])
def test_every_call_carries_the_timeout(monkeypatch: pytest.MonkeyPatch, length: int) -> None:
    monkeypatch.setattr(P, "TIMEOUT", 0.05)
    evil = P.Rx("evil", r"(?:a|aa)+$")  # catastrophic on purpose; not in the registry
    t = time.perf_counter()
    with pytest.raises(TimeoutError):
        evil.match("a" * length + "b")
    assert time.perf_counter() - t < 2
    assert "evil" not in P.REGISTRY
