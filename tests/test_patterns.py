"""The one pattern registry: every regex is compiled in patterns.py, every call bounded in time."""

from __future__ import annotations

import re
from pathlib import Path

import regex

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
