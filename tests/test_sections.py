"""Stage 3: the section detector, on the traps a naive parser falls into."""

from __future__ import annotations

from referat_parser import parse_text

KLYNGE = """REFERAT.

Emne:\t6. møde i Klyngestyregruppe Vest
Velkomst ved Lisbeth Lagoni – 5 min.

Ordstyrer Lisbeth Lagoni

1. Behandling af businesscases – 40 min.

Tekst om sagen.

Det indstilles:

- 1. At Klyngestyregruppen drøfter udkastet.**

Referat:

Drøftet.

4. Status på COVID-situationen

Orientering – 15 min.

Det indstilles:

- 1. At gruppen drøfter COVID.**

Referat:

Det besluttes at fortsætte.

6. Møder i 2021 - 5 min

- 1. møde: 29. januar kl. 10.00-12.00
- 2. møde: 28. maj kl. 09.30-11.30

Referat:

Datoerne godkendes.

1. møde 11. marts kl. 15.00 – 17.00
2. møde 10. juni 14.00 – 15.00

7. Steno – 30 min

Det indstilles:**1. At Klynge styregruppe Vest drøfter henvendelsen.****Referat:**

Opmærksom på standardbehandling.

8. Evt.

Henrik: Kvitterer for samarbejdet.

Bilag 1 Morsø Kommune

Kræftpatienter med patientansvarlig læge
"""


def test_items_numbered_lists_and_appendix() -> None:
    m = parse_text(KLYNGE)
    assert [(i.number, i.title, i.duration_minutes) for i in m.items] == [
        ("1", "Behandling af businesscases", 40),
        ("4", "Status på COVID-situationen", 15),
        ("6", "Møder i 2021", 5),
        ("7", "Steno", 30),
        ("8", "Evt.", None),
    ]
    evt = m.items[-1]
    assert evt.decision is not None and evt.decision.text == "Henrik: Kvitterer for samarbejdet."
    assert "Morsø" not in evt.decision.text  # the trailing appendix is no part of item 8
    assert m.meeting.chair == "Lisbeth Lagoni"
    assert any(d.code == "numbering-gap" for d in m.diagnostics)


def test_whole_item_on_one_line() -> None:
    steno = parse_text(KLYNGE).items[3]
    assert steno.recommendation is not None
    assert steno.recommendation.clauses == ["Klynge styregruppe Vest drøfter henvendelsen."]
    assert steno.decision is not None and steno.decision.text == "Opmærksom på standardbehandling."
    assert [s.kind for s in steno.sections] == ["recommendation", "decision"]


def test_table_of_contents_is_agenda_not_items() -> None:
    text = """Møde i X
Pkt. tekst
- 1. Mødedeltagere
- 2. Godkendelse af dagsorden
1. Mødedeltagere
Sagsfremstilling
Ingen.
2. Godkendelse af dagsorden
Det indstilles,
at | gruppen godkender dagsordenen |
Beslutning
Godkendt.
Beslutning:
- Dagsordenen blev ændret.
"""
    m = parse_text(text)
    assert [(a.number, a.title) for a in m.agenda] == [("1", "Mødedeltagere"), ("2", "Godkendelse af dagsorden")]
    assert [(i.number, i.span.start_line) for i in m.items] == [("1", 5), ("2", 8)]
    item = m.items[1]
    assert item.recommendation is not None and item.recommendation.clauses == ["gruppen godkender dagsordenen"]
    assert item.decision is not None
    assert item.decision.text == "Godkendt.\nBeslutning:\n- Dagsordenen blev ændret."  # second label inside
    assert item.decision.outcome == "approved"


def test_agenda_entries_missing_from_a_cut_off_body_are_kept_as_incomplete_items() -> None:
    text = "Dagsorden\n1. Valg af formand\n2. Byggeri\n3. Eventuelt\n\n1. Valg af formand\nBeslutning\nA blev valgt.\n"
    m = parse_text(text)
    assert [(i.number, i.complete) for i in m.items] == [("1", True), ("2", False), ("3", False)]
    assert any(d.code == "item-only-in-agenda" for d in m.diagnostics)


def test_repeated_headings_and_roskilde_decision_label() -> None:
    text = """Referat
  • Pkt. 15 Beslutninger om dagsordenen
    Pkt. 15
    Beslutninger om dagsordenen
    Sundheds- og Omsorgsudvalget, 03-03-2016, pkt. 15
    Pkt. 16 flyttes til det sidste pkt. på dagsordenen.
    Herefter blev dagsordenen godkendt.
  • Pkt. 16 Temadrøftelse
    Pkt. 16
    Temadrøftelse
    Sundheds- og Omsorgsudvalget, 03-03-2016, pkt. 16
    Drøftet.
"""
    m = parse_text(text)
    assert [(i.number, i.title) for i in m.items] == [("15", "Beslutninger om dagsordenen"),
                                                      ("16", "Temadrøftelse")]
    assert m.items[0].decision is not None and m.items[0].decision.outcome == "approved"
    assert m.items[0].decision.body == "Sundheds- og Omsorgsudvalget"
    assert m.items[1].decision is not None and m.items[1].decision.outcome == "discussed"
    assert m.meeting.body == "Sundheds- og Omsorgsudvalget"


def test_inline_decisions_and_cut_off_text() -> None:
    m = parse_text("Referat af bestyrelsesmøde\n1. Godkendelse af dagsorden. Godkendt.\n2. Regnskab\n"
                   "Regnskabet blev gennemgået og det blev aftalt at vi skulle se på det igen i næst")
    assert m.items[0].title == "Godkendelse af dagsorden"
    assert m.items[0].decision is not None and m.items[0].decision.text == "Godkendt."
    assert m.items[1].complete is False
    assert any(d.code == "truncated" for d in m.diagnostics)


def test_no_items_is_a_diagnostic_not_an_error() -> None:
    m = parse_text("Bare noget tekst uden punkter.")
    assert m.items == []
    assert [d.code for d in m.diagnostics] == ["no-items"]


def test_numbered_list_inside_an_item_is_not_the_next_items() -> None:
    text = """Referat
1. Meddelelser
Formanden orienterede om:
1. Budget
2. Skolestruktur
3. Trafik
Beslutning
Taget til efterretning.
2. Eventuelt
Intet.
"""
    m = parse_text(text)
    assert [(i.number, i.title) for i in m.items] == [("1", "Meddelelser"), ("2", "Eventuelt")]
    assert m.items[0].decision is not None and m.items[0].decision.outcome == "noted"


def test_a_clause_list_before_a_short_decision_does_not_hide_item_2() -> None:
    text = ("Referat\n\n1. Godkendelse\n\nDet indstilles:\n\n1. At dagsordenen godkendes.\n\n"
            "Referat:\n\nGodkendt.\n\n2. Eventuelt\n\nIntet.\n")
    m = parse_text(text)
    assert [(i.number, i.title) for i in m.items] == [("1", "Godkendelse"), ("2", "Eventuelt")]


def test_items_without_numbers_are_found_by_their_labels() -> None:
    text = """Byrådet - Referat

Godkendelse af dagsorden

Resume
Dagsordenen fremlægges.

Beslutning
Godkendt.

Budget 2021

Resume
Budgettet forelægges.

Indstilling
Direktionen indstiller, at budgettet godkendes.

Beslutning
Anbefales over for Byrådet.
"""
    m = parse_text(text)
    assert [(i.number, i.title) for i in m.items] == [(None, "Godkendelse af dagsorden"), (None, "Budget 2021")]
    assert [i.decision.outcome for i in m.items if i.decision] == ["approved", "recommended"]
    assert m.items[1].recommendation is not None
    assert m.items[1].recommendation.clauses == ["budgettet godkendes."]
