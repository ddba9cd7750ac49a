"""Phenomenon 6 (page chrome): breadcrumbs, page marks, UI identifiers and buttons are never a
body, place or title, whatever line of the header they stand on."""

from __future__ import annotations

import pytest

from referat_parser import parse_text
from referat_parser.extract.header import _chrome


@pytest.mark.parametrize("line", [
    "Referater / Referat 28.2.2024", "Referater /", "Forside > Politik > Referater",
    "Page 4 - Akkorden febr. 19", "P. 4", "Side 3", "Aula_close Layer 1", "Del indlæg",
])
def test_chrome_shapes(line: str) -> None:
    assert _chrome(line)


@pytest.mark.parametrize("line", [
    "Bestyrelsesmøde", "Referat 28.2.2024", "Kultur- og Fritidsudvalget", "Rådhuset, mødelokale 2",
    "Side om side med naboerne", "Ældrerådet 3/5 2021",
])
def test_not_chrome(line: str) -> None:
    assert not _chrome(line)


def test_a_breadcrumb_and_a_page_mark_are_no_body() -> None:
    text = ("Referater / Referat 3.5.2021\n\nP. 4\n\nBestyrelsesmøde\n\nTid: Mandag den 3. maj 2021 kl. 18.30\n\n"
            "1. Godkendelse af dagsorden\nGodkendt\n\n2. Eventuelt\nIntet\n")
    meeting = parse_text(text).meeting
    assert meeting.body == "Bestyrelsen"
    assert meeting.title is not None and "/" not in meeting.title


# --- phenomena 10/14/19: the place beside the meeting's date, not only the first date's ---------

def test_the_place_under_the_meetings_date_line_not_the_title_dates() -> None:
    text = ("Referat af møde i Lokaludvalget d. 26-11-07\n\nDAGSORDEN\n\nReferat af møde i Lokaludvalget\n"
            "mandag den 26. november 2007 kl. 19.00 – 22.00.\nTorvegade 5, 2. sal.\n"
            "Tilstede: Anne Holm, Bo Dam\n\n1. Godkendelse af dagsorden\nGodkendt.\n")
    assert parse_text(text).meeting.location == "Torvegade 5, 2. sal"


@pytest.mark.parametrize(("line", "place"), [
    ("Den 27.10.05 kl. 19.00 Sejlklubbens Klubhus", "Sejlklubbens Klubhus"),
    ("Referat fra Menighedsrådsmøde den 19. november 2014 Sognehuset.", "Sognehuset"),
])
def test_a_place_name_closing_the_date_line(line: str, place: str) -> None:
    text = f"Referat bestyrelsesmøde\n{line}\nFremmødte: Ole, Lars\n1. Økonomi\nGodkendt\n2. Eventuelt\nIntet\n"
    assert parse_text(text).meeting.location == place


def test_a_bare_time_after_the_date_is_no_place() -> None:
    text = "Regionsrådet 24-11-2020 13:00\n\n1. Godkendelse af dagsorden\nGodkendt.\n"
    assert parse_text(text).meeting.location is None


def test_a_named_minute_taker_makes_minutes_when_nothing_else_tells() -> None:
    text = ("Bestyrelsesmøde\n\nTid: Mandag, den 14. januar 2019, kl. 18.30\n\nReferent: Jørn\n\n"
            "1. Godkendelse af dagsorden\n   Godkendt\n\n2. Orientering fra formanden\n   Vi er 50 medlemmer.\n")
    m = parse_text(text)
    assert m.kind == "referat"
    assert m.items[0].decision is not None and m.items[0].decision.text == "Godkendt"


def test_p06b_site_title_and_link_bar_around_the_minutes() -> None:
    """Research phenomenon 6b: a page titled with the site's name and a date, menus and a link bar
    ("Tilbage til indhold | Retur til menu") around "Referat fra Beboerrådets møde …". The body is
    the one whose meeting the minutes are of; the link bar is no item's minutes."""
    m = parse_text("Foreningen Lyst - 03.05.2019\n\nGå til indhold\n\nMenu:\n\nForeningen > Referater\n\n"
                   "Udskriv siden\n\nReferat fra Beboerrådets møde 3. maj 2019\n\n1. Godkendelse af dagsorden.\n"
                   "Godkendt\n\n2. Eventuelt.\n\nTilbage til indhold | Retur til menu\n")
    assert (m.meeting.body, m.meeting.location) == ("Beboerrådet", None)
    assert [(i.title, i.decision) for i in m.items][1] == ("Eventuelt.", None)


@pytest.mark.parametrize("line", ["Tilbage til indhold | Retur til menu", "Til toppen|Udskriv", "Retur til forsiden"])
def test_a_bar_of_links_is_residue(line: str) -> None:
    from referat_parser.normalize import normalize

    assert [x.text for x in normalize(f"Referat\n{line}\nGodkendt") if x.text] == ["Referat", "Godkendt"]


def test_a_table_row_is_not_a_bar_of_links() -> None:
    from referat_parser.normalize import normalize

    assert "Menu | Pris" in [x.text for x in normalize("Menu | Pris\nKaffe | 10 kr.")]
