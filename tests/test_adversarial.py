"""Adversarial inputs with fixed wall-clock budgets: never crash, never hang, never lie.

Each case parses one hostile input, checks that the result is a valid model (pydantic round
trip and the published JSON Schema) with its spans inside the input and its titles and
decisions grounded in the normalised text, and that the parse finished inside a budget
measured in the test itself. Budgets are about three times the time measured on a developer
machine (in the comments: seconds, with a fuzzer busy on the second core), floored at 2 s
and capped at 60 s; the test allows ``SLACK`` times the budget, so that a 2-core CI machine
busy with other work passes (a test must not fail because the machine is busy), while a
super-linear regression, which costs orders of magnitude on these sizes, does not.
"""

from __future__ import annotations

import json
import time
import unicodedata
from collections.abc import Callable
from functools import cache

import pytest
from jsonschema import Draft202012Validator

from referat_parser import parse_text
from referat_parser.models import Minutes, json_schema
from referat_parser.normalize import normalize

# Every space separator (Zs) plus the other blanks and invisible characters documents carry.
UNICODE_SPACES = "".join(chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs") + (
    "\t\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u180e")
# Every character str.splitlines() breaks on, plus the CRLF pair.
LINE_BREAKS = ("\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")

GROUNDED = 50
_ITEMS = ["1. Punkt", "Beslutning", "Godkendt.", "2. Andet punkt", "Beslutning", "Afvist."]


@cache
def _schema() -> Draft202012Validator:
    return Draft202012Validator(json_schema())


SLACK = 3  # times a budget a busy machine may take


def _ws(s: str) -> str:
    return " ".join(s.split())


def _valid_within(text: str, budget: float) -> Minutes:
    """Parse ``text`` within ``budget`` seconds and check the result against the contract."""
    t = time.perf_counter()
    m = parse_text(text)
    elapsed = time.perf_counter() - t
    assert elapsed < budget * SLACK, f"took {elapsed:.2f} s (budget {budget} s, {SLACK}x allowed)"
    dumped = m.model_dump_json()
    assert Minutes.model_validate_json(dumped) == m
    assert [e.message for e in _schema().iter_errors(json.loads(dumped))] == []
    top = max(m.source.lines, 1)
    for item in m.items:
        assert 1 <= item.span.start_line <= item.span.end_line <= top
        for s in item.sections:
            assert 1 <= s.span.start_line <= s.span.end_line <= top
    if m.items:  # grounding, on the first items (each check scans the whole text)
        clean = _ws(" ".join(line.text for line in normalize(text)))
        for item in m.items[:GROUNDED]:
            assert _ws(item.title) in clean
            if item.decision:
                assert all(_ws(p) in clean for p in item.decision.text.split("\n"))
    return m


def _items(m: Minutes) -> list[tuple[str | None, str, str | None]]:
    return [(i.number, i.title, i.decision.outcome if i.decision else None) for i in m.items]


CASES: dict[str, tuple[Callable[[], str], float]] = {
    # name: (input, budget in seconds); measured time in the comment
    "10mb-one-line": (lambda: ("Referat fra mødet i Udvalget, Godkendt at | 1. Beslutning " * 180_000)[:10_000_000],
                      20),  # 2.9 s
    "100k-lines-of-1.": (lambda: "1.\n" * 100_000, 12),  # 1.7–3.4 s
    "50k-items": (lambda: "\n".join(f"{i}. Punkt {i}\nBeslutning\nGodkendt." for i in range(1, 50_001)),
                  15),  # 3.1–4.7 s
    "at-pipe-1mb-one-line": (lambda: "at | " * 200_000, 2),  # 0.2 s
    "at-pipe-100k-lines-in-a-recommendation": (
        lambda: "1. Punkt\nIndstilling\n" + "at |\n" * 100_000 + "Beslutning\nGodkendt.", 6),  # 1.9 s, linear
    "danish-letters-1mb-no-newline": (lambda: ("æøåÆØÅ" * 170_000)[:1_000_000], 2),  # 0.3 s
    "danish-words-1mb-no-newline": (lambda: ("Rådmand Søren Ærø blev godkendt " * 32_000)[:1_000_000], 3),  # 0.8 s
    "nul-bytes": (lambda: "1. Punkt\x00\nBeslutning\x00\nGodkendt.\x00\n" * 10_000 + "\x00" * 100_000, 6),  # 1.7 s
    "lone-surrogates": (lambda: "\ud800\udc00\udfff1. Punkt\ud800\nBeslutning\n\udc00Godkendt.\n" * 2_000, 3),  # 0.2 s
    "all-unicode-spaces-bulk": (lambda: UNICODE_SPACES * 10_000, 2),  # 0.01 s
    "all-line-breaks-bulk": (lambda: "".join(LINE_BREAKS) * 50_000, 2),  # 0.2 s
}


@pytest.mark.parametrize("name", list(CASES))
def test_adversarial_input_is_valid_and_fast(name: str) -> None:
    make, budget = CASES[name]
    m = _valid_within(make(), budget)
    if name == "50k-items":  # item numbers have no upper limit
        assert len(m.items) == 50_000 and m.items[0].decision and m.items[0].decision.outcome == "approved"
    if name == "nul-bytes":
        assert _items(m)[0] == ("1", "Punkt", "approved")


@pytest.mark.parametrize("space", list(UNICODE_SPACES), ids=lambda c: f"U+{ord(c):04X}")
def test_every_unicode_space(space: str) -> None:
    text = f"1.{space}Punkt{space}ét\nBeslutning\nGodkendt{space}uden{space}bemærkninger."
    m = _valid_within(text, 2)
    assert len(m.items) == 1 and m.items[0].number == "1"
    d = m.items[0].decision
    assert d is not None
    if unicodedata.category(space) == "Zs" or space == "\t":  # a visible space stays a space
        assert m.items[0].title == "Punkt ét" and d.text == "Godkendt uden bemærkninger."
        assert d.outcome == "approved"
    else:  # an invisible character is dropped: the text reads as it is displayed
        assert m.items[0].title == "Punktét" and d.text == "Godkendtudenbemærkninger."


def test_all_unicode_spaces_at_once() -> None:
    m = _valid_within(UNICODE_SPACES.join(["1.", "Punkt\nBeslutning\nGodkendt."]), 2)
    assert _items(m) == [("1", "Punkt", "approved")]


@pytest.mark.parametrize("brk", LINE_BREAKS, ids=lambda c: f"U+{ord(c[-1]):04X}" + ("-CRLF" if len(c) > 1 else ""))
def test_every_unicode_line_break(brk: str) -> None:
    m = _valid_within(brk.join(_ITEMS), 2)
    assert _items(m) == [("1", "Punkt", "approved"), ("2", "Andet punkt", "rejected")]
