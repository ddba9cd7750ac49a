"""Layout families beyond the corpus: headings, decision labels and lists seen across publishers.

tests/data/family-mix.txt is written for this test from the forms listed in the generalisation
issue; every expectation below was read off that text by hand.
"""

from __future__ import annotations

from pathlib import Path

from referat_parser import parse_file

DATA = Path(__file__).parent / "data"


def test_family_mix() -> None:
    m = parse_file(DATA / "family-mix.txt")
    mt = m.meeting
    assert (m.kind, mt.body, mt.date, mt.start_time, mt.end_time, mt.location) == (
        "referat", "Økonomiudvalget", "2020-01-15", "12:30", "14:00", "Rådhuset, mødelokale 1")
    assert mt.minute_takers == ["Hanne Jensen"]
    assert [(p.name, p.title, p.party, p.status) for p in m.participants] == [
        ("Jens Hansen", "formand", "A", "present"),
        ("Mette Frederiksen", None, "V", "present"),
        ("Lars Løkke", None, "V", "present"),
        ("Pia Kjærsgaard", None, "O", "absent"),
    ]
    assert [(i.number, i.title) for i in m.items] == [
        ("49", "Godkendelse af dagsorden"), ("50", "Budgetopfølgning"), ("51", "Salg af grund"),
        ("52", "Lokalplan 12"), ("53", "Eventuelt")]
    outcomes = [(i.decision.outcome if i.decision else None) for i in m.items]
    assert outcomes == ["approved", "recommended", "postponed", "rejected", "other"]
    first, second = m.items[0], m.items[1]
    assert first.decision is not None
    assert (first.decision.body, first.decision.date) == ("Økonomiudvalget", "2020-01-15")
    assert "Klik her" not in first.decision.text
    assert second.recommendation is not None
    assert second.recommendation.clauses == ["budgetopfølgningen tages til efterretning",
                                             "sagen oversendes til Byrådet"]
    assert second.decision is not None and second.decision.body == "Økonomiudvalget"
    assert m.items[3].decision is not None and m.items[3].decision.body == "Plan- og Miljøudvalget"
    assert m.items[2].decision is not None and m.items[2].decision.text == "Udsat"


def test_web_residue_never_becomes_items() -> None:
    from referat_parser import parse_text

    text = ("Vi bruger cookies til statistik.\nGå til indhold\nByrådet - Referat\n\n1. Fraværende\n"
            "Beslutning\nIngen.\nTil toppen\nUdskriv\n2. Eventuelt\nBeslutning\nIntet.\nTil toppen\n")
    m = parse_text(text)
    assert [(i.number, i.title) for i in m.items] == [("1", "Fraværende"), ("2", "Eventuelt")]
    assert m.items[0].decision is not None and m.items[0].decision.text == "Ingen."
    assert m.meeting.body == "Byrådet"
