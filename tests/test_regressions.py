"""Inputs that once broke or slowed the parser, kept so they never do again.

The rule: every crash, hang or super-linear slowdown found (by the property tests, the
atheris fuzzer in ``tests/fuzz/``, or by hand) gets a case here with what it was, and the
test asserts a valid result within a time budget. Budgets are generous (a loaded 2-core CI
machine); the times noted are from a developer machine.
"""

from __future__ import annotations

import time

import pytest

from referat_parser import parse_text
from referat_parser.models import Minutes


def _parse_within(text: str, budget: float) -> Minutes:
    t = time.perf_counter()
    m = parse_text(text)
    elapsed = time.perf_counter() - t
    assert elapsed < budget, f"took {elapsed:.1f} s (budget {budget} s)"
    Minutes.model_validate_json(m.model_dump_json())
    return m


def test_many_decision_labels_in_one_item_are_linear() -> None:
    # Was quadratic: every "Beslutning" inside a decision block re-listed the whole block to
    # ask whether it had text. 50,000 items ("N. Punkt N / Beslutning / Godkendt.") took
    # 361 s. Item numbers have no upper limit: all 50,000 are items. Now a few seconds.
    text = "\n".join(f"{i}. Punkt {i}\nBeslutning\nGodkendt." for i in range(1, 50_001))
    m = _parse_within(text, 30)
    assert len(m.items) == 50_000 and m.items[-1].number == "50000"
    assert m.items[0].decision and m.items[0].decision.outcome == "approved"


def test_a_huge_first_line_is_not_read_as_a_title_many_times() -> None:
    # Was 14.6 s for 10 MB on one line: the body-from-title guesses ran a dozen passes (with
    # whitespace collapsing by regex) over the whole line. Now ~2.4 s.
    m = _parse_within("Referat fra mødet " * (10_000_000 // 18), 30)
    assert m.items == [] and m.meeting.body is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(" " * 300 + "Beslutning", id="spaces-before-label"),
        pytest.param("Titel" + " " * 250 + "– 40 min.", id="spaces-before-duration"),
        pytest.param("\t" * 300 + "Deltagere: A", id="tabs-before-field"),
        pytest.param("Mødet " + " " * 240 + "den 3. maj 2020", id="spaces-before-date"),
    ],
)
def test_runs_of_whitespace_are_cheap(text: str) -> None:
    # DATE_PREAMBLE, DURATION and TAB_FIELD retried every split of a whitespace run (cubic
    # in its length); found by tests/test_pattern_budget.py. Possessive runs fixed them.
    _parse_within(text * 20, 5)


def test_a_body_is_never_glued_from_words_around_a_kind_word() -> None:
    # Found by the grounding property (hypothesis): "Godkendt Referat ved" gave the body
    # "Godkendt ved", which the text never says: the kind word was cut out of the middle.
    m = _parse_within("Godkendt Referat ved", 5)
    body = m.meeting.body
    assert body is None or body in "Godkendt Referat ved"


@pytest.mark.parametrize("brk", ["\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"],
                         ids=lambda c: f"U+{ord(c):04X}")
def test_unicode_line_breaks_break_lines(brk: str) -> None:
    # Found by tests/test_adversarial.py: NEL and the Unicode line/paragraph separators were
    # read as spaces ("1. Punkt Beslutning", one item of two) and the separators \x1c-\x1e were
    # deleted, gluing words ("PunktBeslutningGodkendt."). Now they break the line like \f and \v.
    m = _parse_within(brk.join(["1. Punkt", "Beslutning", "Godkendt.", "2. Andet", "Beslutning", "Afvist."]), 5)
    assert [(i.number, i.title, i.decision.outcome if i.decision else None) for i in m.items] == [
        ("1", "Punkt", "approved"), ("2", "Andet", "rejected")]


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u180e", "\u202a", "\u2066", "\x9b"],
                         ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_format_characters_are_dropped(mark: str) -> None:
    # Found by tests/test_adversarial.py: bidi marks (LRM/RLM, embeddings, isolates), U+180E and
    # C1 controls stayed in the text, so "1.\u180ePunkt" was no heading and titles carried them.
    m = _parse_within(f"1.{mark}Punkt{mark}\nBeslutning\nGodkendt{mark}.", 5)
    assert [(i.number, i.title) for i in m.items] == [("1", "Punkt")]
    assert m.items[0].decision and m.items[0].decision.text == "Godkendt."


def test_a_party_note_ends_the_name() -> None:
    # Found by the grounding property (structured minutes): "Jens Hansen (A) Herning Kommune"
    # gave the name "Jens Hansen Herning" and the organisation "Kommune": the note was cut out
    # of the middle and the words around it glued into a name the text never has.
    m = _parse_within("Deltagere: Jens Hansen (A) Herning Kommune", 5)
    assert [(p.name, p.party, p.organisation) for p in m.participants] == [("Jens Hansen", "A", "Herning Kommune")]


def test_a_lone_at_after_a_clause_stays_in_it() -> None:
    # Found by test_structured_minutes: dropping every lone "at" glued "Godkendt." to "." (not in the source).
    from referat_parser import parse_text

    m = parse_text("Referat\n\n1. Godkendt\nDet indstilles\nGodkendt.\nat **.")
    assert m.items[0].recommendation is not None and m.items[0].recommendation.clauses == ["Godkendt. at ."]
