"""The cache of compiled re patterns: what it rebuilds is what re.compile makes, and it never fails a run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from referat_parser import patterns as P
from referat_parser import re_cache

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "godstrup-fsg-2025-04-25.txt"


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A fresh, empty cache in a temporary folder (and the real one left alone)."""
    path = tmp_path / "__pycache__" / "re-patterns.test.marshal"
    monkeypatch.setattr(re_cache, "PATH", path)
    monkeypatch.setattr(re_cache, "_entries", None)
    monkeypatch.setattr(re_cache, "_used", set())
    monkeypatch.setattr(re_cache, "_dirty", False)
    monkeypatch.delenv("REFERAT_NO_PATTERN_CACHE", raising=False)
    return path


def _forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process: nothing loaded yet."""
    monkeypatch.setattr(re_cache, "_entries", None)
    monkeypatch.setattr(re_cache, "_used", set())
    monkeypatch.setattr(re_cache, "_dirty", False)


def test_every_registry_pattern_from_the_cache_is_the_one_re_compile_makes(cache: Path) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()[:150]
    compared = 0
    for rx in P.REGISTRY.values():
        source = P.to_re(rx.source, rx.flags)
        if source is None:
            continue
        flags = int(rx.flags & P._RE_FLAGS)
        mine, theirs = re_cache._build(source, re_cache._generate(source, flags)), re.compile(source, flags)
        assert (mine.pattern, mine.flags, mine.groups, mine.groupindex) == (
            theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex), rx.name
        for line in lines:
            a, b = mine.search(line), theirs.search(line)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (rx.name, line)
        compared += 1
    assert compared == len(P.REGISTRY)


def test_a_second_run_compiles_nothing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = re_cache.compile(r"(?P<n>\d{1,3})\s*min", re.IGNORECASE)
    re_cache.save()
    assert cache.exists()
    _forget(monkeypatch)

    def no_compiling(*args: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(re_cache, "_generate", no_compiling)
    again = re_cache.compile(r"(?P<n>\d{1,3})\s*min", re.IGNORECASE)
    assert again.match("10 MIN").group("n") == first.match("10 MIN").group("n") == "10"
    assert not re_cache._dirty  # nothing new to write


def test_a_foreign_or_broken_file_is_ignored_and_replaced(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.parent.mkdir()
    cache.write_bytes(b"not marshal at all")
    assert re_cache.compile("a+b").match("aab")
    re_cache.save()
    _forget(monkeypatch)
    assert len(re_cache._load()) == 1
    monkeypatch.setattr(re_cache, "_interpreter", lambda: ("another", "python"))
    assert re_cache._load() == {}  # written by another interpreter: not used


def test_errors_are_re_errors_and_an_unwritable_cache_is_no_error(cache: Path) -> None:
    with pytest.raises(re.error):
        re_cache.compile("(?<=a+)b")  # as re.compile: a variable-width lookbehind
    cache.parent.write_text("a file where the folder should be")
    re_cache.compile("x|y")
    re_cache.save()  # cannot write: silently goes without
    assert not cache.exists()


def test_the_cache_can_be_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFERAT_NO_PATTERN_CACHE", "1")
    assert re_cache.compile("abc").match("abc")
    assert re_cache._entries is None and not re_cache._dirty
