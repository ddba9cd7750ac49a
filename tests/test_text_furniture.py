"""Page furniture in plain text that keeps its page breaks (readers/text.py ``blank_furniture``).

``pdftotext`` writes a form feed where a page ends, and many exports print "Side 2 af 3" there; the
running header ("Socialudvalget 12. marts 2019") then stands at the top of every page and ran into the
decision above it. The furniture is blanked, so line numbers stay the input's. Every expected value is
read off the invented text by eye.
"""

from __future__ import annotations

from referat_parser.pipeline import parse_data, read_data
from referat_parser.readers.text import blank_furniture

PAGES = [
    "Socialudvalget\nReferat\nDato: 12. marts 2019\n\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n",
    "Socialudvalget 12. marts 2019\n2. Budget 2020\nBeslutning\nAnbefales.\n",
    "Socialudvalget 12. marts 2019\n3. Eventuelt\nBeslutning\nIntet.\n",
    "Socialudvalget 12. marts 2019\n4. Lukket punkt\nBeslutning\nGodkendt.\n",
]


def _decisions(data: dict) -> list[str | None]:
    return [(it["decision"] or {}).get("text") for it in data["items"]]


def test_a_running_header_after_a_form_feed_is_no_part_of_the_decision_above_it() -> None:
    text = "\f".join(PAGES)
    data = read_data(text.encode(), path="referat.txt")
    assert _decisions(data) == ["Godkendt.", "Anbefales.", "Intet.", "Godkendt."]
    assert (data["source"]["pages"], data["source"]["chrome_removed"]) == (4, 3)
    third = data["items"][2]["span"]
    assert (third["start_line"], third["page_start"]) == (13, 3)  # the input's own line number
    assert text.split("\n")[12] == "3. Eventuelt"


def test_page_marks_with_their_word_end_the_pages_of_a_text_without_form_feeds() -> None:
    text = "".join(f"{page}Side {n} af 4\n" for n, page in enumerate(PAGES, 1))
    blanked, removed, starts = blank_furniture(text)
    assert removed == 7  # four marks, three running headers (a header on two pages of three may be content)
    assert [line for line in blanked.split("\n") if "Side" in line or "2019" in line] == ["Dato: 12. marts 2019"]
    assert len(blanked.split("\n")) == len(text.split("\n"))
    assert [page for _, _, page in starts] == [1, 2, 3, 4]
    assert _decisions(parse_data(blanked)) == ["Godkendt.", "Anbefales.", "Intet.", "Godkendt."]


def test_a_case_number_or_a_bare_number_on_its_line_is_no_page_break() -> None:
    text = "Referat\nSagsnr.:\n10/565\n\n1\nBudget\nGodkendt.\n\nSagsnr.:\n10/566\n\n2\nRegnskab\nGodkendt.\n"
    assert blank_furniture(text) == (text, 0, ())
