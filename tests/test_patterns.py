"""The one pattern registry: every regex is compiled in patterns.py, every call bounded in time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from referat_parser import patterns as P
from referat_parser import vocabulary as V

SRC = Path(P.__file__).parent


def test_no_pattern_is_compiled_outside_the_registry() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "patterns.py":  # the registry
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ("import re\n", "regex.compile(", "re.compile(", "import regex\n"):
            if needle in text and not (needle == "import regex\n" and "regex.Match" in text
                                       and "regex.compile(" not in text):
                offenders.append(f"{path.name}: {needle.strip()}")
    assert not offenders


def test_registry_entries_are_timeout_wrapped() -> None:
    assert len(P.REGISTRY) > 50
    for name, rx in P.REGISTRY.items():
        assert isinstance(rx, P.Rx) and rx.name == name
        assert isinstance(rx.pattern, re.Pattern if rx.engine == "re" else regex.Pattern)
        assert isinstance(rx.twin, regex.Pattern)  # what calls without a deadline use, with the timeout


def test_timeout_surfaces_as_diagnostic(monkeypatch) -> None:
    from referat_parser import parse_text

    def boom(*args, **kwargs):
        raise TimeoutError("regex timed out")

    monkeypatch.setattr(P.Rx, "match", boom)
    m = parse_text("1. Punkt\nBeslutning\nGodkendt.\n")
    assert [d.code for d in m.diagnostics] == ["regex-timeout"]
    assert m.items == []


_PHRASES = st.lists(st.text(alphabet="abc .", min_size=1, max_size=5).map(str.strip).filter(bool), min_size=1,
                    max_size=8)


@settings(max_examples=300, deadline=None)
@given(words=_PHRASES, text=st.text(alphabet="abc .\n", max_size=40))
def test_a_prefix_tree_matches_as_the_alternation_does(words: list[str], text: str) -> None:
    """alt_tree is alt written as a tree: the same matches, spans and all, wherever a word boundary
    after the phrase makes a longer phrase lose to a shorter one (the order must hold there)."""
    flat = re.compile(rf"(?<![a-c]){P.alt(words)}(?![a-c])")
    tree = re.compile(rf"(?<![a-c]){P.alt_tree(words)}(?![a-c])")
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_the_lower_cased_outcome_scan_finds_what_the_case_blind_one_finds() -> None:
    from referat_parser.vocabulary import OUTCOME_PHRASES

    text = " . ".join(w for ws in OUTCOME_PHRASES.values() for w in ws)
    with P.deadline(text):
        low = [(m.span(), P.outcome_of(m.group())) for m in P.OUTCOME_LOWER.finditer(text.lower())]
        blind = [(m.span(), P.outcome_of(m.group())) for m in P.OUTCOME.finditer(text)]
    assert low == blind and len(low) >= len(OUTCOME_PHRASES)


def test_no_two_outcomes_share_a_phrase_up_to_a_word_break() -> None:
    """OUTCOME is one alternation, longest phrase first: it finds the phrase the outcome-by-outcome
    order found only while no outcome's phrase is another outcome's phrase cut at a word break."""
    from referat_parser.vocabulary import OUTCOME_PHRASES

    phrases = [(k, " ".join(w.casefold().split())) for k, ws in OUTCOME_PHRASES.items() for w in ws]
    clashes = [(a, b) for ka, a in phrases for kb, b in phrases
               if ka != kb and b.startswith(a) and not b[len(a):][:1].isalpha()]
    assert not clashes
    assert all(P.outcome_of(w.upper()) == k for k, ws in OUTCOME_PHRASES.items() for w in ws)


# The sentence break as first written: a lookbehind at every position (slow, plainly right).
_SENTENCE_BREAK = regex.compile(r"(?<=[^\d\s][.!?])\s+(?=[\p{Lu}\d•-])|\n+")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Godkendt", "a", "7", ".", "!", "?", " ", "  ", "\n", "\n\n", "Å", "•", "-",
                                 "e.g", ". \n", ".\nB"]), max_size=25).map("".join))
def test_the_sentence_break_starts_at_the_stop_and_ends_where_the_old_one_did(text: str) -> None:
    """SENTENCE_SPLIT's match starts at the full stop, one before the lookbehind form's (which
    began after it); a line break's match is the same. Same breaks, same ends."""
    with P.deadline(text):
        new = [(m.start() + (text[m.start()] != "\n"), m.end()) for m in P.SENTENCE_SPLIT.finditer(text)]
    assert new == [(m.start(), m.end()) for m in _SENTENCE_BREAK.finditer(text)]


_OLD_AT_TABLE = regex.compile(r"^(?:at\s*)?\|\s*(?P<text>.*?)\s*\|?\s*$", regex.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["at", "At ", "|", " ", "  ", "Godkendt", "x", "\t", "||", "a b"]), max_size=12)
       .map("".join))
def test_a_table_clause_reads_the_cell_the_lazy_pattern_read(line: str) -> None:
    """AT_TABLE takes the rest greedily and clauses.table_cell strips it: the same text as the lazy
    pattern that tried the closing bar at every character."""
    from referat_parser.extract.clauses import table_cell

    old = _OLD_AT_TABLE.match(line)
    with P.deadline(line):
        new = P.AT_TABLE.match(line)
    assert (new is None) == (old is None)
    if old is not None and new is not None:
        assert table_cell(new.group("text")) == old.group("text")


# --- name_token: a function where a regex was (a cold start's largest pattern to compile) ---------

_NAME_TOKEN_REGEX = re.compile(P.to_re(
    rf"^(?:{P.UP}\p{{Ll}}+(?:-{P.UP}?\p{{Ll}}+)*\.?|{P.UP}\.(?:{P.UP}\.)*|{P.UP}|{P.alt(V.NAME_PARTICLES)}"
    rf"|{P.UP}\p{{Ll}}*\.)$", 0) or "")


@pytest.mark.parametrize(("tok", "shaped"), [
    ("Holm", True), ("Anne-Marie", True), ("Wedell-neergaard", True), ("P.", True), ("A.B.", True),
    ("Chr.", True), ("Ø", True), ("von", True), ("Æblerød.", True),
    ("holm", False), ("HOLM", False), ("Anne-", False), ("A-B", False), ("A.b.", False), ("Von", True),
    ("", False), ("12", False), ("Holm,", False),
])
def test_name_token_shapes(tok: str, shaped: bool) -> None:
    assert P.name_token(tok) is shaped
    assert bool(_NAME_TOKEN_REGEX.match(tok)) is shaped


@given(st.text(alphabet=st.sampled_from("AaBbÆæØøÅåÉéİıǅ.-- 'vonadelu"), max_size=8)
       | st.text(st.characters(max_codepoint=0xFFFF, exclude_characters="\n"), max_size=6))
@settings(max_examples=3000, deadline=None)
def test_name_token_is_the_regex_it_replaced(tok: str) -> None:
    assert P.name_token(tok) == bool(_NAME_TOKEN_REGEX.match(tok))
