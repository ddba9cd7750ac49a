"""Stage unwrap: hard-wrapped lines joined again, everything else left as it stands."""

from __future__ import annotations

import random
import textwrap

from referat_parser.unwrap import unwrap, wrap_width

PARAGRAPH = ("Udvalget drøftede sagen grundigt og besluttede at sende den videre til byrådet med en anbefaling "
             "om at godkende den samlede plan for området, herunder budgettet for de kommende år og den "
             "tilhørende tidsplan for inddragelse af borgerne i de berørte lokalområder.")


def _ragged(text: str, width: int, seed: int) -> list[str]:
    """Wrap as a proportional font does: each line's room in characters varies by a tenth around ``width``."""
    rng = random.Random(seed)
    lines: list[str] = []
    cur = ""
    room = width
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > room:
            lines.append(cur)
            cur, room = word, width + rng.randint(-width // 10, width // 10)
        else:
            cur = f"{cur} {word}" if cur else word
    return [*lines, cur]


def _prose(seed: int) -> list[str]:
    """Six paragraphs wrapped raggedly at 100: enough lines running on to show the width."""
    return [line for k in range(6) for line in _ragged(PARAGRAPH, 100, seed * 10 + k)]


def test_text_without_a_width_comes_back_unchanged() -> None:
    text = "1. Godkendelse af dagsorden\nGodkendt.\n\n2. Eventuelt\nIntet."
    result = unwrap(text)
    assert result.text == text and result.numbers is None


def test_a_fixed_width_export_is_joined_and_keeps_its_line_numbers() -> None:
    body = "\n\n".join(f"{n}. Punkt {n}\n" + textwrap.fill(PARAGRAPH, 60) for n in range(1, 5))
    result = unwrap(body)
    lines = result.text.splitlines()
    assert lines[:2] == ["1. Punkt 1", PARAGRAPH]
    assert result.numbers is not None and result.numbers[:3] == [1, 2, 7]  # the blank line after 5 wrapped ones


def test_a_proportional_wrap_is_found_from_the_lines_that_run_on() -> None:
    """A PDF's lines end anywhere within a tenth of the width, and headings and names keep most lines short:
    few lines end near one width, but nearly every line that runs on into a lower-case word does."""
    blocks = []
    for n in range(1, 7):
        blocks += [f"{n}. Punkt nummer {n}", "Beslutning:", "Godkendt.", *_ragged(PARAGRAPH, 100, n),
                   "Til stede:", "Anne Hansen", "Bo Jensen", "Carl Nielsen"]
    raws = "\n".join(blocks).splitlines()
    found = wrap_width(raws)
    assert found is not None
    width, tolerance = found
    assert 95 <= width <= 112 and tolerance > 2
    lines = unwrap("\n".join(blocks)).text.splitlines()
    assert lines[:5] == ["1. Punkt nummer 1", "Beslutning:", "Godkendt.", PARAGRAPH, "Til stede:"]
    assert lines.count(PARAGRAPH) == 6


def test_one_person_per_line_is_not_a_wrapped_paragraph() -> None:
    """"Sygeplejefaglig direktør, Name, …" under "Direktør, Name, …": each line a record, however full."""
    prose = _prose(1)
    people = ["Deltagere:", "Sygeplejefaglig direktør, Lisbeth Kjær Lagoni, Aalborg Universitetshospital, regional "
              "medformand", "Direktør, Tue Von Pålman, Thisted Kommune, kommunal medformand"]
    lines = unwrap("\n".join(people + prose + prose)).text.splitlines()
    assert lines[:3] == people


def test_a_table_row_neither_continues_nor_is_continued() -> None:
    prose = _prose(4)
    row = "Mødedato: 25. november 2020\tTidspunkt: Kl.13.00 – 15.00\tSted: Digitalt møde\tReferent: Nikolaj Kristensen"
    lines = unwrap("\n".join([*prose, row, "Velkomst ved formanden – 5 min.", *prose])).text.splitlines()
    assert PARAGRAPH in lines  # the text was read as wrapped
    assert row in lines and "Velkomst ved formanden – 5 min." in lines


def test_whether_a_word_fitted_is_judged_on_the_line_before_not_the_paragraph_joined_so_far() -> None:
    """A joined paragraph is longer than the width; the short line after its last line starts anew."""
    prose = _prose(7)
    head = "Mødedato: 25. november 2020 Tidspunkt: Kl.13.00 – 15.00 Sted: Digitalt møde Referent: Nikolaj"
    text = "\n".join([*prose, head, "Bilgram Kristensen/ Birthe Runoberg Nielsen",
                      "Velkomst ved Lisbeth Kjær Lagoni – 5 min.", *prose])
    lines = unwrap(text).text.splitlines()
    assert PARAGRAPH in lines and f"{head} Bilgram Kristensen/ Birthe Runoberg Nielsen" in lines
    assert "Velkomst ved Lisbeth Kjær Lagoni – 5 min." in lines
