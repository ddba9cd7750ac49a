"""The document-level passes give exactly what the per-line work gives.

normalize flags, for the whole text at once, the lines that need its per-line cleaner and
keeps every other line as it stands; tokenize classifies only the lines that can be more than
text. Both are shortcuts: these tests hold them to the slow, obvious definition, on the
fixtures, on perturbed fixtures and on generated text dense with every trigger.
"""

from __future__ import annotations

from dataclasses import astuple
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referat_parser import normalize as N
from referat_parser import patterns as P
from referat_parser.extract.outcome import classify_outcome
from referat_parser.tokenize import Token, classify, tokenize

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.suffix in (".txt", ".md"))


def every_line_cleaned(text: str) -> list[N.Line]:
    """The definition: every input line through the per-line cleaner."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = P.SURROGATE.sub("\ufffd", text)
    out: list[N.Line] = []
    for no, raw in enumerate(text.split("\n"), start=1):
        N._clean_line(no, raw, out)
    return [N.Line(x.no, x.text, x.content, x.bullet, x.lead if x.lead is not None else None) for x in out]


def leads_filled(lines: list[N.Line]) -> list[tuple]:
    # The cleaner leaves ``lead`` None where residue was cut off; the fast path knows every lead.
    # Both mean the same to tokenize (None: work it out), so compare the lead tokenize would use.
    return [(x.no, x.text, x.content, x.bullet, x.lead if x.lead is not None else P.lead_of(x.content))
            for x in lines]


def perturbed(text: str) -> list[str]:
    lines = text.split("\n")
    return [
        text.replace("\n", "\r\n"),
        "\n".join(" ".join(lines[i:i + 3]) for i in range(0, len(lines), 3)),
        "\n".join(("• " + x) if i % 3 == 0 and x else x for i, x in enumerate(lines)),
        "\n".join(f"<p>{x}</p>" if i % 4 == 0 else (f"**{x}**" if i % 4 == 1 else x) for i, x in enumerate(lines)),
        "\n".join(x + (f"\nSide {i // 20} af 9\n\fR e f e r a t" if i % 20 == 0 else "") for i, x in enumerate(lines)),
        text.replace(": ", ":\t").replace("  ", "   "),
        text.replace(" ", "\u00a0", 200).replace("-", "\u00ad", 50),
    ]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_normalize_fast_path_equals_the_per_line_cleaner_on_fixtures(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    for variant in [text, *perturbed(text)]:
        assert leads_filled(N.normalize(variant)) == leads_filled(every_line_cleaned(variant))


# Text dense with what the cleaner reacts to: bullets, markup, gaps, glued labels and numbers,
# page marks, spaced letters, residue words, odd spaces and invisible characters.
PIECES = st.sampled_from([
    "Beslutning", "Referat", "Sagsfremstilling", "formandenReferat", "Eventuelt1. Orientering", "1. ", "2. ",
    "3. Valg", "Side 3 af 12", "side", "R e f e r a t", "a b c d", "- ", "• ", "o ", "* ", "➢ ", "<p>", "</p>",
    "&amp;", "**", "__", "---", "|", "\t", "  ", "   ", " ", "\u00a0", "\u00ad", "\u200b", "\f", "#", "## ",
    "Til toppen", "Del", "Mødedato: 1. maj", "Afbud: A, B", "Dagsorden", "DAGSORDEN", "Punkt 4. ", "!",
    "Jens Hansen", "godkendt.", ":", ". ", "x" * 120, "æøå", "Ⅻ", "²", "İ", "\n", "\n", "\n",
])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60).map("".join))
def test_normalize_fast_path_equals_the_per_line_cleaner_on_generated_text(text: str) -> None:
    assert leads_filled(N.normalize(text)) == leads_filled(every_line_cleaned(text))


def fields(tokens: list[Token]) -> list[tuple]:
    return [(t.kind, t.no, t.text, *astuple(t)[2:]) for t in tokens]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_tokenize_candidates_equal_classifying_every_line(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    for variant in [text, *perturbed(text)]:
        lines = N.normalize(variant)
        assert fields(tokenize(lines)) == fields([classify(line) for line in lines])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60).map("".join))
def test_tokenize_candidates_equal_classifying_every_line_on_generated_text(text: str) -> None:
    lines = N.normalize(text)
    assert fields(tokenize(lines)) == fields([classify(line) for line in lines])


def test_a_page_word_without_a_number_leaves_the_line_on_the_fast_path() -> None:
    # "deltagere" holds "age": only "Side"/"Page" followed by a number can be a page mark.
    text = "Mødedeltagere:\nSide 3 af 12\nPå side 4 står det."
    raws = text.split("\n")
    slow, _ = N._flag_lines(text, raws, P.leads_of(raws))
    assert slow == {1, 2}


OUTCOME_WORDS = st.sampled_from(["Godkendt", "GODKENDT", "godkendt", "ikke", "Taget til efterretning",
                                 "drøftet", "Udsat", "kan godkendes", "Punkt 28 blev udsat", "Anbefales",
                                 "İ", "ẞ", "Ǆ", ". ", ", ", " ", "x", "og", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(OUTCOME_WORDS, max_size=30).map("".join))
def test_the_lower_cased_outcome_scan_agrees_with_the_case_blind_one(text: str) -> None:
    low = text.lower()
    fast = [(m.start(), m.end(), P.outcome_of(m.group())) for m in P.OUTCOME_LOWER.finditer(low)] \
        if len(low) == len(text) else None
    slow = [(m.start(), m.end(), P.outcome_of(m.group())) for m in P.OUTCOME.finditer(text)]
    if fast is not None:
        assert fast == slow
    assert classify_outcome(text) in ("approved", "noted", "discussed", "postponed", "rejected", "recommended",
                                      "other")


CASED = st.lists(st.sampled_from(["beslutning", "BESLUTNING", "bEsLuTnInG", "beslutnİng", "Beslutninger", "æ", "ø",
                                  "udvalgİ", "udvalgi", "KOMMUNE",
                                  "K", "\u212a", "İ", "ß", " ", "x", "\ud800", "\n"]), max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(CASED, st.sampled_from(["beslutning", "kommune", "møde", "udvalgi"]))
def test_lines_naming_a_word_in_any_case_equal_lowering_each_line(text: str, word: str) -> None:
    from referat_parser.tokenize import _lines_naming

    contents = text.split("\n")
    assert _lines_naming(word, contents) == {i for i, c in enumerate(contents) if word in c.lower()}
