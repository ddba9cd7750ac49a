"""Lint of the pattern registry: no nested quantifiers over overlapping classes, no stray regexes.

A repeated group whose body holds an unbounded repeat, where the body can match a run of
characters that the inner repeat also matches (``(\\w+\\s?)*``, ``(a+)+``, ``(\\s*x?)*``), can
split that run between the loops in exponentially many ways: catastrophic backtracking.
Each registry pattern is parsed with Python's own regex parser (the ``regex``-only
``\\p{…}`` classes are mapped to plain letter classes first) and its tree is walked:
for every repeat with max >= 2, if its body contains an unbounded, non-possessive repeat
of one character class C, and some character of C can also satisfy every mandatory element
of the body, the pattern is flagged. Characters are sampled from an alphabet covering the
classes the vocabulary uses.
"""

from __future__ import annotations

import ast
import re
import re._constants as C
import re._parser as sp
import string
from pathlib import Path

import pytest

from referat_parser import patterns as P

SRC = Path(P.__file__).parent
SAMPLE = string.ascii_letters + string.digits + string.punctuation + "æøåÆØÅéü –—\t\n\u00a0"
_LETTER = "a-zA-ZæøåÆØÅéü"
_FORMAT = "\u00ad\u200b-\u200f\u2060-\u2064\ufeff"
_PROPS = {"L": (_LETTER, f"[{_LETTER}]"), "Lu": ("A-ZÆØÅ", "[A-ZÆØÅ]"), "Ll": ("a-zæøåéü", "[a-zæøåéü]"),
          "Cf": (_FORMAT, f"[{_FORMAT}]")}
REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)
ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


def to_python_syntax(source: str) -> str:
    """Map ``\\p{L}``, ``\\p{Lu}``, ``\\p{Ll}``, ``\\p{Cf}`` to plain classes, inside or outside ``[…]``."""
    out, i, in_class = [], 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            m = re.match(r"\\p\{(\w+)\}", source[i:])
            if m:
                inner, outer = _PROPS[m.group(1)]
                out.append(inner if in_class else outer)
                i += m.end()
                continue
            out.append(source[i : i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
            out.append(ch)
            if source[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if source[i + 1 : i + 2] == "]":  # a literal ] first in a class
                out.append("]")
                i += 1
        elif ch == "]" and in_class:
            in_class = False
            out.append(ch)
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _chars(node: tuple, flags: int) -> set[str] | None:
    """Sample characters one single-character node matches; None if it is not one."""
    op = node[0]
    if op not in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY, C.CATEGORY):
        return None
    sub = sp.SubPattern(sp.State(), [node])
    sub.state.flags = flags
    import re._compiler as sc

    rx = sc.compile(sub, flags)
    return {c for c in SAMPLE if rx.fullmatch(c)}


def _flat(seq: list[tuple]) -> list[tuple]:
    r"""A sequence with its plain groups opened: ``(?:\w+(x))`` is ``\w+``, ``x``."""
    out: list[tuple] = []
    for node in seq:
        if node[0] == C.SUBPATTERN:
            out.extend(_flat(list(node[1][-1])))
        else:
            out.append(node)
    return out


def _any_chars(seq: list[tuple], flags: int) -> set[str]:
    """Every sample character some part of ``seq`` can match (all of them when unsure)."""
    out: set[str] = set()
    for node in _flat(seq):
        op, av = node
        if op in ZERO_WIDTH:
            continue
        if op in REPEATS or op == C.POSSESSIVE_REPEAT:
            out |= _any_chars(list(av[2]), flags)
        elif op == C.BRANCH:
            for alt in av[1]:
                out |= _any_chars(list(alt), flags)
        else:
            chars = _chars(node, flags)
            if chars is None:
                return set(SAMPLE)
            out |= chars
    return out


def _danger(body: list[tuple], flags: int) -> bool:
    """Can the body match a run that an unbounded inner repeat can also take?"""
    inner: list[set[str]] = []
    mandatory: list[set[str]] = []
    for node in _flat(body):
        op, av = node
        if op in ZERO_WIDTH:
            continue
        if op in REPEATS or op == C.POSSESSIVE_REPEAT:
            lo, hi, sub = av
            sub = _flat(list(sub))
            single = _chars(sub[0], flags) if len(sub) == 1 else None
            if single is None:
                if lo >= 1:  # a compound mandatory part: whatever any of it can match
                    mandatory.append(_any_chars(sub, flags))
                continue
            if hi == C.MAXREPEAT and op != C.POSSESSIVE_REPEAT:
                inner.append(single)
            if lo >= 1:
                mandatory.append(single)
            continue
        if op == C.BRANCH:
            mandatory.append(_any_chars([node], flags))
            continue
        single = _chars(node, flags)
        mandatory.append(single if single is not None else set(SAMPLE))
    for s in inner:
        common = set(s)
        for m in mandatory:
            common &= m
        if common:
            return True
    return False


def nested_quantifiers(source: str, flags: int = 0) -> list[str]:
    """The repeated groups of ``source`` that risk catastrophic backtracking."""
    found: list[str] = []
    flags &= re.IGNORECASE | re.MULTILINE | re.DOTALL

    def walk(seq: list[tuple]) -> None:
        for op, av in seq:
            if op in REPEATS and av[1] >= 2:
                if _danger(list(av[2]), flags):
                    found.append(str(av[2])[:60])
                walk(list(av[2]))
            elif op == C.POSSESSIVE_REPEAT:
                walk(list(av[2]))
            elif op == C.SUBPATTERN:
                walk(list(av[-1]))
            elif op == C.BRANCH:
                for alt in av[1]:
                    walk(list(alt))
            elif op in (C.ASSERT, C.ASSERT_NOT):
                walk(list(av[1]))
            elif op == C.ATOMIC_GROUP:
                walk(list(av))

    walk(list(sp.parse(to_python_syntax(source), flags)))
    return found


@pytest.mark.parametrize(
    ("pattern", "risky"),
    [
        (r"(\w+\s?)*", True), (r"(a+)+", True), (r"(?:\d+,?)+", True), (r"(\s*x?)*", True),
        (r"(?:[\p{L}-]+\s?)+$", True), (r"(?:\w+(x))+", True), (r"(?:\d+(?:,|;)?)+", True),
        (r"(?:ab)+", False), (r"\w+\s+\w+", False), (r"(?:\d{1,2}\.)?", False),
        (r"(?:[ -][A-Z]\w*\.?){0,4}", False), (r"(?:\w++\s?)*", False), (r"(?:,\s*\d+)+", False),
    ],
)
def test_the_lint_itself(pattern: str, risky: bool) -> None:
    assert bool(nested_quantifiers(pattern)) is risky


@pytest.mark.parametrize("name", sorted(P.REGISTRY))
def test_registry_pattern_has_no_nested_quantifiers(name: str) -> None:
    rx = P.REGISTRY[name]
    assert nested_quantifiers(rx.source, rx.flags) == []


_REGEX_FUNCS = {"compile", "match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "escape"}


def test_no_regex_call_outside_the_registry() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "patterns.py":  # the registry
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if any(n in ("re", "regex") for n in names):
                    offenders.append(f"{path.name}:{node.lineno} imports re/regex")
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in ("re", "regex")
                    and node.func.attr in _REGEX_FUNCS):
                offenders.append(f"{path.name}:{node.lineno} calls {node.func.value.id}.{node.func.attr}")
    assert offenders == []
