"""Robustness: parse_text never raises, always validates, and only reports what it read."""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referat_parser import parse_text
from referat_parser import vocabulary as V
from referat_parser.models import Minutes
from referat_parser.normalize import normalize

_LABELS = [w for ws in V.SECTION_HEADINGS.values() for w in ws]
_FIELDS = [w for ws in list(V.HEADER_LABELS.values()) + list(V.PARTICIPANT_LABELS.values()) for w in ws]
_WORDS = ["Godkendt", "drøftet", "Jens Hansen", "Direktør", "Herning Kommune", "at", "|", "kl. 13.00",
          "25. april 2025", "– 40 min.", "(A)", "Bilag 1", "**", "<p>", "</p>", "\t", "•", "-", "Pkt.",
          "Ad", "1.", "2)", "Referat", "Dagsorden", "og", "ikke", "Afbud", ":", ",", "."]


def _line() -> st.SearchStrategy[str]:
    number = st.integers(min_value=0, max_value=140).map(str)
    word = st.sampled_from(_WORDS + _LABELS + _FIELDS)
    junk = st.text(max_size=12)
    piece = st.one_of(word, number, junk)
    return st.lists(piece, max_size=8).map(" ".join)


DOCS = st.lists(_line(), max_size=40).map("\n".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ws(s: str) -> str:
    return regex.sub(r"\s+", " ", s).strip()


def _check(text: str) -> Minutes:
    m = parse_text(text)
    again = Minutes.model_validate_json(m.model_dump_json())
    assert again == m
    lines = m.source.lines
    for item in m.items:
        assert 1 <= item.span.start_line <= item.span.end_line <= max(lines, 1)
        for s in item.sections:
            assert 1 <= s.span.start_line <= s.span.end_line <= max(lines, 1)
    clean = _ws(" ".join(line.text for line in normalize(text)))
    for item in m.items:
        assert _ws(item.title) in clean
        if item.decision:
            assert _ws(item.decision.text) in clean or all(
                _ws(part) in clean for part in item.decision.text.split("\n"))
    for p in m.participants:
        assert p.name in clean
    return m


@SETTINGS
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    _check(text)


@SETTINGS
@given(DOCS)
def test_minutes_like_text(text: str) -> None:
    _check(text)


def test_adversarial_inputs_are_fast_and_valid() -> None:
    cases = [
        "", "\n" * 1000, "1.\n" * 20000, "at | " * 5000, "\x00\x01\x02 binary-ish \ud800",
        "æøå" * 100000, "".join(chr(c) for c in (0x2000, 0x2001, 0x2002, 0x200A, 0x202F, 0x205F, 0x3000)),
        "\n".join(f"{i}. Punkt {i}\nBeslutning\nGodkendt." for i in range(1, 3000)),
    ]
    for text in cases:
        _check(text)
