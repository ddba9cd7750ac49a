"""Metamorphic tests: changes that do not change the minutes must not change the output.

Each real fixture is transformed the way exports and copy-paste transform documents (line
endings, blank lines, page breaks, trailing spaces, non-breaking spaces) and must give the
same meeting, participants, items, recommendations and decisions. Transforms that keep the
line count must also keep every span.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from referat_parser import parse_text
from referat_parser import vocabulary as V
from referat_parser.models import Minutes
from tests.conftest import DEV, SEEDS

DOCS = SEEDS + [p for p in DEV if p.stem in (
    "fredensborg-2018-02-27", "haervejsklyngen-2020-02-27", "kk-2018-06-11", "mariagerfjord-2020-06-22",
    "roskilde-2016-03-03", "bronderslev-2020-01-29", "docplayer-2015-06-04", "aeldreraadetdragoer-2017-04-03",
)]
_LABELS = tuple(w for ws in V.SECTION_HEADINGS.values() for w in ws)


def _ws(s: str | None) -> str | None:
    return " ".join(s.split()) if s is not None else None


def facts(m: Minutes) -> dict[str, object]:
    """What a user reads from the minutes, whitespace collapsed."""
    mt = m.meeting
    return {
        "kind": m.kind,
        "meeting": (_ws(mt.body), mt.date, mt.start_time, mt.end_time, _ws(mt.location), mt.minute_takers),
        "participants": [(p.name, p.status, _ws(p.title), _ws(p.organisation)) for p in m.participants],
        "items": [(
            i.number, _ws(i.title), i.duration_minutes,
            [_ws(c) for c in i.recommendation.clauses] if i.recommendation else None,
            _ws(i.decision.text) if i.decision else None,
            i.decision.outcome if i.decision else None,
        ) for i in m.items],
    }


def spans(m: Minutes) -> list[tuple[int, int]]:
    return [(i.span.start_line, i.span.end_line) for i in m.items]


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def trailing_spaces(text: str) -> str:
    return "\n".join(line + " \t " for line in text.split("\n"))


def nbsp(text: str) -> str:
    return text.replace(" ", "\u00a0")


_FIELD = re.compile(r"[A-ZÆØÅ][\w .]{0,30}:")


def tabs(text: str) -> str:
    """A tab for every third space, but not before "Label:": a tab there is a column break by design."""
    out = []
    for line in text.split("\n"):
        words = line.split(" ")
        s = words[0]
        for i, w in enumerate(words[1:]):
            tab = i % 3 == 2 and not _FIELD.match(" ".join(words[i + 1 : i + 6]))
            s += ("\t" if tab else " ") + w
        out.append(s)
    return "\n".join(out)


def blank_before_sections(text: str) -> str:
    out = []
    for line in text.split("\n"):
        if line.strip().startswith(_LABELS):
            out.append("")
        out.append(line)
    return "\n".join(out)


def form_feeds(text: str) -> str:
    """A page break (form feed) at every fourth blank line, as PDF text exports print them."""
    out, blanks = [], 0
    for line in text.split("\n"):
        if not line.strip():
            blanks += 1
            if blanks % 4 == 0:
                line = "\f"
        out.append(line)
    return "\n".join(out)


SAME_LINES: list[Callable[[str], str]] = [crlf, trailing_spaces, nbsp, form_feeds, tabs]
MOVES_LINES: list[Callable[[str], str]] = [blank_before_sections]


@pytest.fixture(scope="module")
def originals() -> dict[str, tuple[str, Minutes]]:
    out = {}
    for p in DOCS:
        text = p.read_text(encoding="utf-8")
        out[p.stem] = (text, parse_text(text))
    return out


@pytest.mark.parametrize("transform", SAME_LINES + MOVES_LINES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("doc", [p.stem for p in DOCS])
def test_transform_keeps_the_minutes(doc: str, transform: Callable[[str], str],
                                     originals: dict[str, tuple[str, Minutes]]) -> None:
    text, before = originals[doc]
    after = parse_text(transform(text))
    assert facts(after) == facts(before)
    if transform in SAME_LINES:
        assert spans(after) == spans(before)


def test_the_documents_exist() -> None:
    assert len(DOCS) == 10 and all(Path(p).exists() for p in DOCS)
