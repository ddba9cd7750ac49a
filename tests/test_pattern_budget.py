"""Every pattern is fast on its own; the timeout every call carries is only the last resort.

Each registry pattern is run against adversarial strings of ``patterns.SHORT`` characters
(the length of a long line), made of its own literal words, digits, letters, spaces and
punctuation repeated (the inputs that make backtracking patterns explode), and every call
must finish well inside a budget, on either engine. And every call outside a deadline, on a
short string or a long one, must carry the timeout.
"""

from __future__ import annotations

import contextlib
import signal
import threading
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


@pytest.mark.parametrize("armed", [False, True], ids=["regex-twin", "under-deadline"])
@pytest.mark.parametrize("name", sorted(P.REGISTRY))
def test_no_pattern_is_slow_on_adversarial_lines(name: str, armed: bool) -> None:
    """Both engines: calls without a deadline run on the regex twin, under one on re (where it has the pattern)."""
    rx = P.REGISTRY[name]
    slowest, worst = 0.0, ""
    with contextlib.ExitStack() as stack:
        if armed:  # a long text of BMP letters: the timer is far off, and calls go to re
            assert stack.enter_context(P.deadline("a" * 200_000))
        for s in _adversarial(rx):
            assert len(s) <= P.SHORT
            for call in (rx.match, rx.search, rx.split):
                dt = 1.0
                for _ in range(3):  # the fastest of three: a busy machine slows one call, not all three
                    t = time.perf_counter()
                    call(s)
                    dt = min(dt, time.perf_counter() - t)
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


def _evil_deadline(monkeypatch: pytest.MonkeyPatch) -> P.Rx:
    monkeypatch.setattr(P, "DEADLINE_BASE", 0.05)
    monkeypatch.setattr(P, "TIMEOUT", 60.0)  # so only the deadline can stop the call below
    return P.Rx("evil", r"(?:a|aa)+$")


def test_a_deadline_stops_a_runaway_call_without_its_own_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    evil = _evil_deadline(monkeypatch)
    t = time.perf_counter()
    with pytest.raises(TimeoutError), P.deadline(0) as armed:
        assert armed
        evil.match("a" * 40 + "b")  # 2^40 ways to backtrack: hours without the timer
    assert time.perf_counter() - t < 2
    assert not P._armed
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_runaway_parse_becomes_a_diagnostic_and_leaves_no_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    from referat_parser import parse_text

    _evil_deadline(monkeypatch)
    # the tokenizer tries the item heading on every line that starts with a digit
    monkeypatch.setattr(P, "ITEM_HEADING", P.Rx("evil", r"(?:\d|\d\d)+$"))
    t = time.perf_counter()
    m = parse_text("Dagsorden\n" + "1" * 40 + "x\n")
    assert time.perf_counter() - t < 2
    assert [d.code for d in m.diagnostics] == ["regex-timeout"]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0) and not P._armed
    # and the next parse is a normal one
    monkeypatch.undo()
    assert parse_text("1. Punkt\nBeslutning\nGodkendt.\n").items[0].decision.outcome == "approved"


def test_no_deadline_off_the_main_thread_or_when_sigalrm_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    results: list[bool] = []

    def in_thread() -> None:
        with P.deadline(10) as armed:
            results.append(armed)

    th = threading.Thread(target=in_thread)
    th.start()
    th.join()

    def mine(signum: int, frame: object) -> None:  # the program's own SIGALRM handler
        results.append(True)

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        with P.deadline(10) as armed:
            results.append(armed)
        assert signal.getsignal(signal.SIGALRM) is mine  # left alone
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert results == [False, False]
    # unarmed, calls keep their own timeout
    monkeypatch.setattr(P, "TIMEOUT", 0.05)
    previous = signal.signal(signal.SIGALRM, mine)
    try:
        with pytest.raises(TimeoutError), P.deadline(0) as armed:
            assert armed is False
            P.Rx("evil", r"(?:a|aa)+$").match("a" * 40 + "b")
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_no_deadline_while_the_program_runs_its_own_real_time_timer() -> None:
    signal.setitimer(signal.ITIMER_REAL, 100)  # the program's own alarm, far off
    try:
        with P.deadline(10) as armed:
            assert armed is False
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 90  # left running
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
