"""The two pattern engines: stdlib ``re`` where a source translates, the ``regex`` module otherwise.

Calls under a deadline on BMP text run on ``re``; every other call on the pattern's ``regex``
twin (see ``patterns.py``). These tests hold the two to the same results: the translated
classes character by character, every call the parser makes on the fixtures, adversarial
lines; and they check that ``re`` is stopped by the deadline's timer, that ``regex`` takes over
where ``re`` must not run, and that parsing a text file imports neither ``regex`` nor
``markdown_it``.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import regex

from referat_parser import patterns as P
from referat_parser import unicode_classes as U

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "godstrup-fsg-2025-04-25.txt"
CORPUS = sorted(ROOT.glob("fixtures/*.txt")) + sorted(ROOT.glob("fixtures/dev/*.txt")) + sorted(
    ROOT.glob("fixtures/dev2/*.txt"))
# BMP characters on which Python's Unicode database (14.0 in 3.11) and the regex module's newer
# one agree: where a character was added, moved (U+0295 went from Ll to Lo) or given a case
# partner since, the engines may differ, and only there.
_CATEGORIES = {k: regex.compile(rf"\p{{{k}}}") for k in ("Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Cf", "Mn")}
_CASED = regex.compile(r"\p{Changes_When_Casemapped}")


def _stable(c: str) -> bool:
    return (unicodedata.category(c) != "Cn"
            and all(bool(p.match(c)) == (unicodedata.category(c) == k) for k, p in _CATEGORIES.items())
            and bool(_CASED.match(c)) == (c.upper() != c or c.lower() != c or c.title() != c))


BMP = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and _stable(chr(c))]
# U+0345 COMBINING GREEK YPOGEGRAMMENI folds to a letter (iota): with case ignored, regex counts it
# as \p{L} but not as \p{Lu}, re the other way round. A polytonic Greek accent: accepted.
YPOGEGRAMMENI = "\u0345"


def test_flags_have_the_regex_modules_values() -> None:
    assert (P.IGNORE, P.MULTILINE, P.REVERSE, P.VERSION1, P.VERSION0) == (
        regex.IGNORECASE, regex.MULTILINE, regex.REVERSE, regex.VERSION1, regex.VERSION0)


def test_unicode_classes_are_those_of_this_python() -> None:
    if unicodedata.unidata_version != U.UNICODE_VERSION:
        pytest.skip(f"classes generated for Unicode {U.UNICODE_VERSION}, this Python has "
                    f"{unicodedata.unidata_version}: regenerate (python -m referat_parser.unicode_classes)")
    assert U.compute() == {k: getattr(U, k) for k in ("UNICODE_VERSION", "WORD_NOT_LETTER", "UPPER", "LOWER",
                                                      "TITLE", "FORMAT")}
    # the premise of the letter class: re's \w is str.isalnum() or "_"
    import re

    word = re.compile(r"\w")
    assert all(bool(word.match(c)) == (c.isalnum() or c == "_") for c in BMP)


@pytest.mark.parametrize("flags", [0, P.IGNORE], ids=["case", "ignorecase"])
@pytest.mark.parametrize("source", [r"\p{L}", r"\p{Lu}", r"\p{Ll}", r"\p{Cf}", r"[\p{L} .\-]", r"[\p{Lu}\d]",
                                    r"[\p{Ll}]", r"[^\p{Lu}]", r"[^\p{Ll}.]", r"(?<!\p{L})x", r"(?-i:\p{Lu})",
                                    r"(?i:\p{Lu})", r"(?-i:x(?i:\p{Ll})\p{Lu})"])
def test_translated_classes_match_what_regex_matches_on_every_bmp_character(source: str, flags: int) -> None:
    import re

    translated = P.to_re(source, flags)
    assert translated is not None and translated != source
    mine = re.compile(translated, flags)
    theirs = regex.compile(source, flags | regex.VERSION0)
    probe = (lambda p, c: p.search(c + "x")) if source.endswith("x") else (lambda p, c: p.fullmatch(c))
    differ = [c for c in BMP if bool(probe(mine, c)) != bool(probe(theirs, c))]
    allowed = {YPOGEGRAMMENI} if flags or "(?i" in source else set()
    assert set(differ) <= allowed, [f"U+{ord(c):04X}" for c in differ[:20]]


def test_what_re_cannot_say_stays_on_regex() -> None:
    assert P.to_re(r"[^\p{L}x]") is None  # re cannot negate a union with the negated letter class
    assert P.to_re(r"\p{Greek}") is None
    assert P.to_re(r"\s+x", P.REVERSE) is None  # a backward search not anchored at the end
    assert P.to_re(r"a|b$", P.REVERSE) == r"a|b$"  # anchored: a forward search finds the same
    assert P.to_re(r"(?<=x)", P.VERSION1 | P.IGNORE) is None  # VERSION1 folds case fully
    assert P.Rx("t", r"(?<=ab?)c").engine == "regex"  # a variable-width lookbehind
    assert P.Rx("t", r"(?<=\p{L})c").engine == "re"


def _norm(result: Any) -> Any:
    """A call's result, comparable across engines."""
    if result is None or isinstance(result, str):
        return result
    if hasattr(result, "span"):
        return result.span(), result.groups(), result.groupdict()
    return [_norm(r) for r in result]


def _call(rx: P.Rx, method: str, args: tuple) -> Any:
    if method == "sub" and not isinstance(args[0], str):  # a function: replace by something visible
        args = (lambda m: f"<{m.group(0)}>", *args[1:])
    result = getattr(rx, method)(*args)
    return _norm(list(result) if method == "finditer" else result)


@pytest.fixture(scope="module")
def fixture_calls() -> dict[str, list[tuple[str, tuple]]]:
    """Every pattern call the parser makes on the fixtures, by pattern."""
    from referat_parser import parse_text

    calls: dict[str, list[tuple[str, tuple]]] = defaultdict(list)
    methods = {m: getattr(P.Rx, m) for m in ("match", "fullmatch", "search", "finditer", "sub", "split")}

    def recorder(method: str):
        def call(self: P.Rx, *args: Any) -> Any:
            calls[self.name].append((method, args))
            return methods[method](self, *args)
        return call

    mp = pytest.MonkeyPatch()
    for m in methods:
        mp.setattr(P.Rx, m, recorder(m))
    try:
        for path in CORPUS:
            parse_text(path.read_text(encoding="utf-8"))
    finally:
        mp.undo()
    return calls


def test_engines_agree_on_every_call_the_parser_makes_on_the_fixtures(fixture_calls) -> None:
    assert len(fixture_calls) > 80
    differ = []
    for name, calls in fixture_calls.items():
        rx = P.REGISTRY[name]
        with P.deadline("a" * 100_000):
            on_re = [_call(rx, m, a) for m, a in calls]
        on_regex = [_call(rx, m, a) for m, a in calls]  # no deadline: the regex twin, with its timeout
        differ += [(name, m, a) for (m, a), x, y in zip(calls, on_re, on_regex, strict=True) if x != y]
    assert differ == [], differ[:5]


def _adversarial(rx: P.Rx) -> list[str]:
    from tests.test_pattern_budget import _adversarial as lines

    return lines(rx)


@pytest.mark.parametrize("name", sorted(P.REGISTRY))
def test_engines_agree_on_adversarial_lines(name: str) -> None:
    rx = P.REGISTRY[name]
    lines = _adversarial(rx)
    calls = [(m, (s,)) for s in lines for m in ("match", "search", "split", "finditer")]
    calls += [("sub", ("<>", s)) for s in lines]
    with P.deadline("a" * 100_000):
        on_re = [_call(rx, m, a) for m, a in calls]
    assert on_re == [_call(rx, m, a) for m, a in calls]


def test_every_fixture_pattern_runs_on_re() -> None:
    """Today every registry pattern translates: a text file's parse never needs regex."""
    assert [n for n, rx in P.REGISTRY.items() if rx.engine != "re"] == []


def test_the_deadline_stops_a_runaway_re_match() -> None:
    evil = P.Rx("evil", r"(?:a|aa)+$")  # catastrophic on purpose; not in the registry
    assert evil.engine == "re"
    old = P.DEADLINE_BASE
    P.DEADLINE_BASE = 0.05
    try:
        t = time.perf_counter()
        with pytest.raises(TimeoutError), P.deadline("a" * 40 + "b") as armed:
            assert armed and P._bmp
            evil.match("a" * 40 + "b")  # 2^40 ways to backtrack: hours without the timer
        assert time.perf_counter() - t < 2
    finally:
        P.DEADLINE_BASE = old
    assert not P._armed and not P._bmp
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_regex_takes_over_beyond_the_bmp_and_outside_a_deadline() -> None:
    import re

    rx = P.REGISTRY["outcome"]

    def engine() -> str:
        m = rx.search("Godkendt")
        assert m is not None and m.group(0) == "Godkendt"
        return "re" if isinstance(m, re.Match) else "regex"

    with P.deadline("Godkendt 👍"):
        assert engine() == "regex"  # text beyond the BMP: the twin, whose classes cover every plane
    with P.deadline(100):
        assert engine() == "regex"  # only a length: the text is unknown
    assert engine() == "regex"  # no deadline: the twin, with its timeout
    with P.deadline("Godkendt"):
        assert engine() == "re"
        seen: list[str] = []
        th = threading.Thread(target=lambda: seen.append(engine()))
        th.start()
        th.join()
        assert seen == ["regex"]  # the timer's signal interrupts the main thread only: another one keeps the timeout


def test_text_beyond_the_bmp_parses_alike_on_either_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    from referat_parser import parse_text

    text = SEED.read_text(encoding="utf-8").replace("Beslutning\n", "Beslutning\n👍 ", 3)
    on_regex = parse_text(text)
    monkeypatch.setattr(P, "_in_bmp", lambda text: True)  # re, whose classes stop at the BMP
    assert parse_text(text) == on_regex
    assert "👍" in on_regex.model_dump_json()


def test_a_text_files_parse_imports_neither_regex_nor_markdown_it() -> None:
    code = (
        "import sys\n"
        "from referat_parser.pipeline import parse_bytes\n"
        f"m = parse_bytes(open({str(SEED)!r}, 'rb').read(), path='seed.txt')\n"
        "assert m.items, 'no items'\n"
        "print(sorted(n for n in ('regex', 'markdown_it') if n in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
