"""Robustness: parse_text never raises, always validates, and only reports what it read."""

from __future__ import annotations

import json

import regex
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from referat_parser import parse_text
from referat_parser import vocabulary as V
from referat_parser.models import Minutes, json_schema
from referat_parser.normalize import normalize
from tests.test_adversarial import LINE_BREAKS, UNICODE_SPACES

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
# Every space separator (Zs), the other whitespace and the invisible characters documents carry.
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ws(s: str) -> str:
    return regex.sub(r"\s+", " ", s).strip()


_SCHEMA = Draft202012Validator(json_schema())


def _check(text: str) -> Minutes:
    m = parse_text(text)
    dumped = m.model_dump_json()
    again = Minutes.model_validate_json(dumped)
    assert again == m
    errors = [e.message for e in _SCHEMA.iter_errors(json.loads(dumped))]
    assert errors == []  # contract 4: every output validates against the published schema
    lines = m.source.lines
    for item in m.items:
        assert 1 <= item.span.start_line <= item.span.end_line <= max(lines, 1)
        for s in item.sections:
            assert 1 <= s.span.start_line <= s.span.end_line <= max(lines, 1)
    clean = _ws(" ".join(line.text for line in normalize(text)))
    # A table's pipes are rules, not text: a title or decision read from cells ("1. | A | B") keeps
    # the cells' words without them, so values are also compared with the text unpiped.
    unpiped = _ws(clean.replace("|", " "))
    for item in m.items:
        assert _ws(item.title) in clean or _ws(item.title.replace("|", " ")) in unpiped
        if item.decision:
            assert _ws(item.decision.text) in clean or all(
                _ws(part) in clean or _ws(part.replace("|", " ")) in unpiped
                for part in item.decision.text.split("\n"))
    for p in m.participants:
        assert p.name in clean
        for value in (p.title, p.organisation):
            assert value is None or _ws(value) in clean
    mt = m.meeting
    for value in (mt.title, mt.body, mt.location, mt.chair, *mt.minute_takers):
        assert value is None or _grounded(value, clean), value
    for item in m.items:
        if item.recommendation:
            assert _ws(item.recommendation.text) in clean or _grounded(item.recommendation.text, clean)
            # A clause joins its lines and drops table rules ("at | Udvalget |"): compare without pipes.
            for clause in item.recommendation.clauses:
                assert _grounded(clause, clean) or _ws(clause) in unpiped, clause
        if item.case_description:
            assert _grounded(item.case_description, clean)
    return m


def _grounded(value: str, clean: str) -> bool:
    """Every line of an extracted value occurs in the clean text (values may join lines)."""
    return all(_ws(part) in clean for part in value.split("\n") if part.strip())


_NAME = st.sampled_from(["Jens Hansen", "Anne Marie Sørensen", "Peter Ølgaard", "Lise Lotte Bak"])
_ROLE = st.sampled_from(["", ", Direktør", ", formand, Herning Kommune", " (A)", " – Region Midtjylland"])
_SENTENCE = st.lists(st.sampled_from([*_WORDS[:20], "Udvalget", "orientering", "sagen", "budget", "2025"]),
                     min_size=1, max_size=10).map(lambda ws: " ".join(ws) + ".")


@st.composite
def structured_minutes(draw: st.DrawFn) -> str:
    """A header, participant lists and numbered items with labelled sections, then noise."""
    lines = [draw(st.sampled_from(["Referat", "Dagsorden", "Referat fra mødet i Udvalget", ""]))]
    for label in draw(st.lists(st.sampled_from(_FIELDS), max_size=5)):
        lines.append(f"{label}: {draw(st.one_of(_NAME, _SENTENCE, st.just('25. april 2025 kl. 13.00')))}")
    for i in range(1, draw(st.integers(0, 6)) + 1):
        lines += ["", f"{i}. {draw(_SENTENCE).rstrip('.')}{draw(st.sampled_from(['', ' – 40 min.']))}"]
        for label in draw(st.lists(st.sampled_from(_LABELS), max_size=4)):
            lines.append(label)
            for _ in range(draw(st.integers(0, 3))):
                lead = draw(st.sampled_from(["", "at ", "- at ", "• "]))
                body = draw(st.one_of(_SENTENCE, st.builds(lambda n, r: n + r, _NAME, _ROLE)))
                lines.append(lead + body)
    lines += draw(st.lists(_line(), max_size=3))
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


@settings(SETTINGS, max_examples=200)
@given(structured_minutes())
def test_structured_minutes(text: str) -> None:
    m = _check(text)
    event(f"items: {min(len(m.items), 3)}{'+' if len(m.items) >= 3 else ''}")
    event(f"recommendation clauses: {any(i.recommendation and i.recommendation.clauses for i in m.items)}")
    event(f"decisions: {any(i.decision for i in m.items)}; participants: {bool(m.participants)}")


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
        "æøå" * 100000, UNICODE_SPACES, UNICODE_SPACES.join(["1.", "Punkt", "Beslutning", "Godkendt."]),
        "".join(LINE_BREAKS).join(["1. Punkt", "Beslutning", "Godkendt.", "2. Punkt"]),
        "1. Punkt\x00\nBeslutning\x00 Godkendt.",
        "\ud800\udfff1. Punkt\nBeslutning\n\udc00Godkendt.",
        "\n".join(f"{i}. Punkt {i}\nBeslutning\nGodkendt." for i in range(1, 3000)),
    ]
    for text in cases:
        _check(text)
