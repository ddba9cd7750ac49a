"""Hostile inputs, round 3 (issue 24): linear line patterns, no silently empty parse, text decoding.

The bounded-resource probes of this round are in ``tests/hostile.py`` (run by
``tests/test_hostile.py``); these tests check what a probe cannot: that a pattern's time
grows linearly with its line, that a timeout is an error and never an empty success, and
what text comes out of odd encodings.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from referat_parser import patterns as P
from referat_parser.errors import InputError

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "godstrup-fsg-2025-04-25.txt"


def _fastest(call, s: str) -> float:
    best = 60.0
    for _ in range(3):  # the fastest of three: a busy machine slows one call, not all three
        t = time.perf_counter()
        call(s)
        best = min(best, time.perf_counter() - t)
    return best


def _sub(rx: P.Rx):
    return lambda s: rx.sub("", s)


@pytest.mark.parametrize("armed", [False, True], ids=["regex-twin", "under-deadline"])
@pytest.mark.parametrize(("name", "call", "unit"), [
    ("table_rule-dashes", P.TABLE_RULE.match, "-"),
    ("table_rule-spaced-dashes", P.TABLE_RULE.match, "- "),
    ("empty_table-pipes", P.EMPTY_TABLE.match, "|"),
    ("empty_table-dashes", P.EMPTY_TABLE.match, "-"),
    ("tab_field-tabs", _sub(P.TAB_FIELD), "\t"),
    ("tab_field-tab-space", _sub(P.TAB_FIELD), "\t "),
])
def test_line_patterns_are_linear(name: str, call, unit: str, armed: bool) -> None:
    """10x the line costs about 10x the time (quadratic would be 100x, cubic 1,000x): 6,000 and 60,000 units."""
    import contextlib

    with contextlib.ExitStack() as stack:
        if armed:
            stack.enter_context(P.deadline("a" * 1_000_000))
        call(unit)  # compiled before the clock runs
        short, long = (unit * n + "x" for n in (6_000, 60_000))
        t_short, t_long = _fastest(call, short), _fastest(call, long)
    # The floor keeps a busy machine's noise from deciding; the old patterns took seconds here.
    assert t_long < max(30 * t_short, 0.25), f"{name}: {t_short:.4f} s -> {t_long:.4f} s"


def test_seed_plus_a_long_rule_keeps_all_its_items() -> None:
    from referat_parser.pipeline import read_data

    seed = SEED.read_bytes()
    want = len(read_data(seed)["items"])
    assert want >= 10
    # a run that fails to be a rule at its end: the old patterns retried every split of it
    for line in (b"-" * 3_001 + b"x", b"|" * 3_001 + b"x", b"\t " * 3_001 + b"x", b"- " * 3_001 + b"x"):
        got = read_data(seed + b"\n" + line + b"\n")
        assert len(got["items"]) == want
        assert "regex-timeout" not in [d["code"] for d in got["diagnostics"]]


def test_a_parse_past_its_deadline_is_an_error_not_an_empty_success(monkeypatch: pytest.MonkeyPatch) -> None:
    from referat_parser.pipeline import read_data

    monkeypatch.setattr(P, "DEADLINE_BASE", 0.05)
    monkeypatch.setattr(P, "TIMEOUT", 60.0)
    monkeypatch.setattr(P, "ITEM_HEADING", P.Rx("evil", r"(?:\d|\d\d)+$"))
    with pytest.raises(InputError, match=r"the parse time limit"):
        read_data(("Dagsorden\n" + "1" * 40 + "x\n").encode())


def test_the_deadline_is_seconds_for_the_largest_text() -> None:
    assert P.deadline_seconds(5_000_000) <= 30
    assert P.deadline_seconds(50 * 1024 * 1024) <= 30
    assert P.deadline_seconds(100) >= 2


def test_markdown_past_its_timer_is_read_as_plain_text_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    from referat_parser import readers
    from referat_parser.pipeline import read_data

    monkeypatch.setattr(readers, "MARKDOWN_SECONDS", 0.2)
    monkeypatch.setattr(readers, "MARKDOWN_PER_CHAR", 0.0)
    import referat_parser.readers.markdown as md

    def slow(text: str) -> str:
        time.sleep(5)
        return text

    monkeypatch.setattr(md, "markdown_to_text", slow)
    t = time.monotonic()
    doc = read_data(b"# Referat\n\n1. Godkendelse\n\nBeslutning\n\nGodkendt.\n", path="m.md")
    assert time.monotonic() - t < 4
    first = doc["diagnostics"][0]
    assert (first["level"], first["code"]) == ("warning", "markdown-timeout")
    assert doc["source"]["media_type"] == "text/markdown"


@pytest.mark.parametrize(("text", "lines"), [("a\nb\n", 2), ("a\r\nb\r\n", 2), ("a\rb\r", 2), ("a\fb\u2028c", 2)])
def test_line_breaks_counts_each_break_once(text: str, lines: int) -> None:
    from referat_parser.readers.budget import line_breaks

    assert line_breaks(text) == lines


# ---- item 13: silently wrong text ----------------------------------------------------------------

MINUTES = ("Referat\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n"
           "2. Økonomi og Ældrerådet\nBeslutning\nTaget til efterretning.\n")


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"], ids=["utf-16-le-bom", "utf-16-be-bom"])
def test_a_utf16_bom_over_utf8_text_reads_right(bom: bytes) -> None:
    from referat_parser.pipeline import read_data

    doc = read_data(bom + MINUTES.encode("utf-8"))
    assert doc["source"]["encoding"] == "utf-8"
    assert [i["title"] for i in doc["items"]] == ["Godkendelse af dagsorden", "Økonomi og Ældrerådet"]
    assert "byte-order-mark-ignored" in [d["code"] for d in doc["diagnostics"]]


def test_real_utf16_with_a_bom_still_reads_as_utf16() -> None:
    from referat_parser.pipeline import read_data

    doc = read_data(MINUTES.encode("utf-16"))
    assert doc["source"]["encoding"] == "utf-16"
    assert doc["items"][1]["title"] == "Økonomi og Ældrerådet"


def test_nul_as_the_line_separator_keeps_the_lines_apart() -> None:
    from referat_parser.pipeline import read_data

    doc = read_data(MINUTES.replace("\n", "\x00").encode("utf-8"))
    assert [i["title"] for i in doc["items"]] == ["Godkendelse af dagsorden", "Økonomi og Ældrerådet"]
    assert doc["source"]["lines"] == MINUTES.count("\n")


def test_terminal_escape_codes_leave_nothing_behind() -> None:
    from referat_parser.pipeline import read_data

    coloured = MINUTES.replace("Godkendelse af dagsorden", "\x1b[1;32mGodkendelse af dagsorden\x1b[0m")
    coloured = "\x1b]0;terminal title\x07" + coloured.replace("Økonomi", "\x1b[4mØkonomi\x1b[24m")
    doc = read_data(coloured.encode("utf-8"))
    assert [i["title"] for i in doc["items"]] == ["Godkendelse af dagsorden", "Økonomi og Ældrerådet"]
    assert "[0m" not in str(doc) and "terminal title" not in str(doc)
