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
