"""The one pattern registry: every regex is compiled in patterns.py, every call bounded in time."""

from __future__ import annotations

import re
from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from referat_parser import patterns as P

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
        low = [(m.span(), m.lastgroup) for m in P.OUTCOME_LOWER.finditer(text.lower())]
        blind = [(m.span(), m.lastgroup) for m in P.OUTCOME.finditer(text)]
    assert low == blind and len(low) >= len(OUTCOME_PHRASES)
