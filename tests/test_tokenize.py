"""Stage 2: tokenize — typed lines."""

from __future__ import annotations

import pytest

from referat_parser.normalize import Line
from referat_parser.tokenize import FIELD, HEADING, LABEL, MARKER, TEXT, classify


def tok(s: str, bullet: bool = False):
    return classify(Line(1, ("- " + s) if bullet else s, s, bullet))


@pytest.mark.parametrize(
    ("line", "number", "title"),
    [
        ("1. Mødedeltagere", "1", "Mødedeltagere"),
        ("1.Meddelelse fra formanden", "1", "Meddelelse fra formanden"),
        ("38Godkendelse af dagsorden", "38", "Godkendelse af dagsorden"),
        ("Pkt. 15 Beslutninger om dagsordenen", "15", "Beslutninger om dagsordenen"),
        ("Pkt. 15", "15", ""),
        ("Punkt 1 Velkomst", "1", "Velkomst"),
        ("Ad 1. Vedtagelse af dagsorden", "1", "Vedtagelse af dagsorden"),
        ("Nr.1 - Træffetid", "1", "Træffetid"),
        ("1)Godkendelse af dagsorden:", "1", "Godkendelse af dagsorden:"),
        ("9) –", "9", "–"),
        ("1 Godkendelse", "1", "Godkendelse"),
        ("åbent 3 Budget", "3", "Budget"),
        ("131. Godkendelse af dagsorden", "131", "Godkendelse af dagsorden"),
        ("Punkt 4: Budget 2021", "4", "Budget 2021"),
        ("Ad. 2 Regnskab", "2", "Regnskab"),
    ],
)
def test_heading_shapes(line: str, number: str, title: str) -> None:
    t = tok(line)
    assert (t.kind, t.number, t.title) == (HEADING, number, title)


@pytest.mark.parametrize("line", ["1. januar 2020 blev", "85.02.02-G01-5-17", "2020 var et år", "1"])
def test_not_headings(line: str) -> None:
    assert tok(line).kind != HEADING


def test_section_labels_with_and_without_inline_text() -> None:
    assert (tok("Det indstilles,").kind, tok("Det indstilles,").section) == (LABEL, "recommendation")
    t = tok("Beslutning: Godkendt")
    assert (t.kind, t.section, t.rest) == (LABEL, "decision", "Godkendt")
    assert tok("INDSTILLING").section == "recommendation"
    assert tok("Resumé").section == "summary"
    assert tok("Beslutning om mødeplan for 2016").kind == TEXT  # a sentence, not a label


@pytest.mark.parametrize(
    ("line", "body", "date"),
    [
        ("Beslutning i Økonomiudvalget den 04-06-2020", "Økonomiudvalget", "04-06-2020"),
        ("Beslutning i Folkeoplysningsudvalget (18-21) den 27-02-2018", "Folkeoplysningsudvalget (18-21)",
         "27-02-2018"),
        ("Sundheds- og Omsorgsudvalget, 03-03-2016, pkt. 16", "Sundheds- og Omsorgsudvalget", "03-03-2016"),
        ("Teknik- og Miljøudvalgets beslutning den 11. juni 2018", "Teknik- og Miljøudvalget", "11. juni 2018"),
        ("Behandling i Byrådet onsdag den 15. januar 2020, pkt. 1", "Byrådet", "15. januar 2020"),
    ],
)
def test_decision_headings_carry_body_and_date(line: str, body: str, date: str) -> None:
    t = tok(line)
    assert (t.kind, t.section, t.body, t.date) == (LABEL, "decision", body, date)


def test_fields_and_markers() -> None:
    t = tok("Mødedato: 25. april, 2025 kl. 08:30")
    assert (t.kind, t.key, t.value) == (FIELD, "field:date", "25. april, 2025 kl. 08:30")
    assert tok("Afbud:").key == "people:absent"
    assert tok("Fraværende: Peter Muhl (A).").key == "people:absent"
    assert tok("Ordstyrer Lisbeth Kjær Lagoni").key == "field:chair"
    assert tok("Referent Jan Hølmkjær").key == "field:minute_takers"
    assert tok("STARTTIDSPUNKT").key == "field:date"
    assert tok("PUNKTER").kind == MARKER
    assert tok("Pkt. tekst").kind == MARKER
