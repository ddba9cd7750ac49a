"""Stage 4: values — dates, times, outcomes, clauses, participants, header."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from referat_parser import parse_text
from referat_parser import vocabulary as V
from referat_parser.extract.clauses import clauses
from referat_parser.extract.dates import find_date, find_times
from referat_parser.extract.outcome import classify_outcome
from referat_parser.extract.people import parse_line


@pytest.mark.parametrize(
    ("text", "date", "times"),
    [
        ("25. april 2025", "2025-04-25", (None, None)),
        ("25. april, 2025 kl. 08:30", "2025-04-25", ("08:30", None)),
        ("onsdag den 15. januar 2020 kl. 13:00", "2020-01-15", ("13:00", None)),
        ("04-06-2020 09:00:00", "2020-06-04", ("09:00", None)),
        ("25-10-2016 kl. 15:00 - 16:10", "2016-10-25", ("15:00", "16:10")),
        ("Torsdag, Marts 3, 2016 - 08:00", "2016-03-03", ("08:00", None)),
        ("Mandag den 03.april 2017 Kl. 10.00 i lokale M1", "2017-04-03", ("10:00", None)),
        ("Mandag den 10. februar 2014, kl. 15", "2014-02-10", ("15:00", None)),
        ("Referat Klyngerådsmøde 2020-02-27", "2020-02-27", (None, None)),
    ],
)
def test_dates_and_times(text: str, date: str, times: tuple) -> None:
    assert find_date(text)[0] == date
    assert find_times(text, need_clock=False) == times


def test_times_without_date() -> None:
    assert find_times("Kl.13.00 – 15.00", need_clock=False) == ("13:00", "15:00")
    assert find_times("kl. 12,30-14,00") == ("12:30", "14:00")
    assert find_times("9.00-10.00", need_clock=False) == ("09:00", "10:00")
    assert find_date("d. 26.feb", default_year=2025)[0] == "2025-02-26"
    assert find_date("d. 31. februar 2020")[0] is None


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Godkendt. Dagsordenen blev ændret, således at punkt 3 blev flyttet.", "approved"),
        ("Godkendt som indstillet.", "approved"),
        ("Dagsorden godkendt og referat godkendt.", "approved"),
        ("Annemette fortalte om en ny ordning. Det blev vedtaget.", "approved"),
        ("Til næste møde præsenteres en oversigt.\nDatoerne for møder i Klyngestyregruppe Vest godkendes.",
         "approved"),
        ("Punkt 28. Beslutning om at indgå aftale med Lejerbo 13/39690 udsat.\nDagsordenen blev herefter godkendt.",
         "approved"),
        ("Orienteringen blev taget til efterretning.", "noted"),
        ("Det er vigtigt at have data.\nTaget til efterretning.", "noted"),
        ("Orienteredes.", "noted"),
        ("Ældrerådet har noteret sig, at administrationen har fremsendt forslag.", "noted"),
        ("Punktet blev drøftet.", "discussed"),
        ("Faglig strategisk gruppe drøftede dels status på sundhedsreformen.", "discussed"),
        ("Drøftelse af lærerdeltagelse ved hytteture og lejrskole.", "discussed"),
        ("Udskudt til næste Ældrerådsmøde.", "postponed"),
        ("Udsat.", "postponed"),
        ("Ikke godkendt.", "rejected"),
        ("Forslaget blev forkastet.", "rejected"),
        ("Anbefales over for Byrådet.", "recommended"),
        ("Indstilles godkendt.", "recommended"),
        ("Ingen bemærkninger.", "other"),
        ("Punktet blev ikke drøftet. Det tages op igen.", "other"),
        ("Sagen blev taget til orientering.", "noted"),
        ("Det aftales at Driftsforum inviterer SDCN, hvor det bl.a. kan drøftes, om der er projekter.", "other"),
        ("Bestyrelse besluttede at bruge rådgiver til begge projekter.", "other"),
        ("Centerleder Kirsten Becker viste rundt og orienterede efterfølgende om samarbejdet.", "other"),
    ],
)
def test_outcome_first_explicit_verdict(text: str, outcome: str) -> None:
    assert classify_outcome(text) == outcome


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["at | Faglig Strategisk gruppe godkender dagsordenen |"], ["Faglig Strategisk gruppe godkender dagsordenen"]),
        (["at | Faglig Strategisk gruppe: |", "- tager orientering til efterretning", "- drøfter løsninger."],
         ["tager orientering til efterretning", "drøfter løsninger."]),
        (["- 1. At Klyngestyregruppen drøfter udkastet."], ["Klyngestyregruppen drøfter udkastet."]),
        (["Koncerndirektør Kenn Thomsen indstiller at:", "1. Dagsorden til mødet godkendes."],
         ["Dagsorden til mødet godkendes."]),
        (["Forvaltningen indstiller, at rehabiliteringsindsatsen drøftes."], ["rehabiliteringsindsatsen drøftes."]),
        (["Direktøren indstiller til udvalget;", "1. At der udstedes byggetilladelse", "2. At praksis fortsætter"],
         ["der udstedes byggetilladelse", "praksis fortsætter"]),
        (["Sundhedsforvaltningen indstiller,", "at udvalget indstiller, at planen godkendes med følgende mål:"],
         ["udvalget indstiller, at planen godkendes med følgende mål:"]),
        (["Til orientering."], ["Til orientering."]),
        (["at dagsorden godkendes", "med de nævnte ændringer"], ["dagsorden godkendes med de nævnte ændringer"]),
        # A point's marker alone on its line ("2.", "at |", "2. |"): its text on the next line is
        # a clause of its own, not the continuation of the clause above.
        (["1. Budgettet godkendes.", "2.", "Regnskabet tages til efterretning."],
         ["Budgettet godkendes.", "Regnskabet tages til efterretning."]),
        (["at udvalget godkender", "at |", "budgettet vedtages"], ["udvalget godkender", "budgettet vedtages"]),
        (["Godkendt.", "2. |", "Godkendt"], ["Godkendt.", "Godkendt"]),
    ],
)
def test_recommendation_clauses(lines: list[str], expected: list[str]) -> None:
    assert clauses(lines) == expected


def _people(line: str) -> list[tuple]:
    return [(p.name, p.title, p.organisation, p.party, p.note) for p in parse_line(line)]


def test_participants_name_title_organisation() -> None:
    assert _people("Yelva Jensen,direktør, Holstebro kommune.") == [
        ("Yelva Jensen", "direktør", "Holstebro kommune", None, None)]
    assert _people("Rikke Degn, Sygeplejefaglig direktør Regionshospitalet Gødstrup") == [
        ("Rikke Degn", "Sygeplejefaglig direktør", "Regionshospitalet Gødstrup", None, None)]
    assert _people("Samantha Drejer Thomsen, psykiatristaben (sekretariat)") == [
        ("Samantha Drejer Thomsen", None, "psykiatristaben", None, "sekretariat")]


def test_participants_title_name_organisation_role() -> None:
    assert _people("Sygeplejefaglig direktør, Lisbeth Kjær Lagoni, Aalborg Universitetshospital, "
                   "regional medformand") == [
        ("Lisbeth Kjær Lagoni", "Sygeplejefaglig direktør", "Aalborg Universitetshospital", None,
         "regional medformand")]
    assert _people("Chef Charlotte Saaby, Morsø Kommune") == [
        ("Charlotte Saaby", "Chef", "Morsø Kommune", None, None)]
    assert _people("Medlem af PLO Midtjylland Ida Veng-Christensen")[0][:2] == (
        "Ida Veng-Christensen", "Medlem af PLO Midtjylland")


def test_participant_lists_parties_and_sentences() -> None:
    assert [p[0] for p in _people("Sten Brincker, Richard Barth, Vagn E Larsen og Kirja Kongsbak.")] == [
        "Sten Brincker", "Richard Barth", "Vagn E Larsen", "Kirja Kongsbak"]
    assert _people("Bo Libergren (V)") == [("Bo Libergren", None, None, "V", None)]
    assert _people("Kirja Kongsbak blev budt velkommen som nyt medlem af Ældrerådet.") == []
    assert [p[0] for p in _people("Evan Lynnerup (V) - Marianne Kiærulff (V) mødte som stedfortræder.")] == [
        "Evan Lynnerup"]


def test_flattened_table_rows_of_people() -> None:
    assert [(p[0], p[3]) for p in _people("Bo Hilsted (A) Jesper Tvilde (C)")] == [
        ("Bo Hilsted", "A"), ("Jesper Tvilde", "C")]
    m = parse_text("Referat\nDeltagere:\n| Jens Hansen | Direktør | Herning Kommune |\n"
                   "| Mette Berg | Konsulent | Region Midtjylland |\n\n1. Punkt\nBeslutning\nGodkendt.\n")
    assert [(p.name, p.title, p.organisation) for p in m.participants] == [
        ("Jens Hansen", "Direktør", "Herning Kommune"), ("Mette Berg", "Konsulent", "Region Midtjylland")]


def test_header_fields_one_tab_line_and_absentees() -> None:
    text = ("REFERAT.\n\nEmne:\t6. møde i Klyngestyregruppe Vest\n"
            "Deltagere:\t<p>Direktør, Tue Von Pålman, Thisted Kommune</p>\n"
            "Afbud:\t<p>Chef, Jan Bendix Jensen, Thisted Kommune</p>\n"
            "Mødedato: 25. november 2020\tTidspunkt: Kl.13.00 – 15.00\tSted: Digitalt møde\t"
            "Referent: Nikolaj Bilgram Kristensen/ Birthe Runoberg Nielsen\n\n1. Punkt\n\nTekst.\n")
    m = parse_text(text)
    mt = m.meeting
    assert (mt.body, mt.number, mt.date, mt.start_time, mt.end_time, mt.location) == (
        "Klyngestyregruppe Vest", "6", "2020-11-25", "13:00", "15:00", "Digitalt møde")
    assert mt.minute_takers == ["Nikolaj Bilgram Kristensen", "Birthe Runoberg Nielsen"]
    assert [(p.name, p.status) for p in m.participants] == [
        ("Tue Von Pålman", "present"), ("Jan Bendix Jensen", "absent")]
    assert m.kind == "referat"


def test_absent_wins_and_prose_absence() -> None:
    text = ("Referat\nMedlemmer\nBente Gertz (A), Claus Sersar Thomsen\n\nAfbud\nClaus S. Thomsen\n\n"
            "1. Valg\nBeslutning\nGodkendt.\n")
    m = parse_text(text)
    assert [(p.name, p.status) for p in m.participants] == [
        ("Bente Gertz", "present"), ("Claus S. Thomsen", "absent")]
    m2 = parse_text("Referat\n1. Godkendelse af dagsorden\nBeslutning\n"
                    "Borgmesteren orienterede om, at Carl Christian Ebbesen (O) havde meldt afbud.\n")
    assert [(p.name, p.status) for p in m2.participants] == [("Carl Christian Ebbesen", "absent")]


def test_body_from_title_forms() -> None:
    assert parse_text("Referat af Ældrerådsmøde den 3.april 2017\n1. Punkt\nTekst.\n").meeting.body == "Ældrerådet"
    assert parse_text("Byrådet - Referat\n\nDato: 29. januar 2020\n1. Punkt\nTekst.\n").meeting.body == "Byrådet"
    m = parse_text("Referat til mødet i Udvalget for Teknik og Miljø den 22. juni 2020 kl. 17:30 i Arden Rådhus\n"
                   "131. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n")
    assert (m.meeting.body, m.meeting.location, m.meeting.start_time) == (
        "Udvalget for Teknik og Miljø", "Arden Rådhus", "17:30")


def test_kind_from_empty_decision_fields_and_from_verdicts() -> None:
    agenda = parse_text("Dagsorden\n1. Budget\nSagsfremstilling\nBudgettet forelægges.\nBeslutning\n\n"
                        "2. Eventuelt\nBeslutning\n")
    assert agenda.kind == "dagsorden"
    assert all(i.decision is None for i in agenda.items)
    minutes = parse_text("Bestyrelsesmøde 13. marts 2002\n1) Dagsorden\nDagsordenen blev godkendt.\n"
                         "2) Regnskab\nRegnskabet blev gennemgået.\n3) Eventuelt\nIntet.\n")
    assert minutes.kind == "referat"
    assert minutes.items[0].decision is not None and minutes.items[0].decision.outcome == "approved"


def _verdicts_by_sentence(text: str, end: int) -> list[tuple[str, int]]:
    """The definition, sentence by sentence, over text[:end]: every verdict that counts."""
    from referat_parser import patterns as P
    from referat_parser.extract.outcome import OUTCOMES

    out = []
    start = 0
    # a separator's match starts at the full stop, which belongs to the sentence before it
    bounds = [(m.start() + (text[m.start()] != "\n"), m.end()) for m in P.SENTENCE_SPLIT.finditer(text)]
    bounds.append((len(text), len(text)))
    for cut, nxt in bounds:
        sentence = text[start:min(cut, end)]
        if sentence and not P.OTHER_ITEM_SENTENCE.match(text[start:cut]):
            for m in P.OUTCOME.finditer(sentence):
                kind = P.outcome_of(m.group())
                assert kind in OUTCOMES
                before = sentence[: m.start()]
                if P.MODAL_BEFORE.search(before) or P.RELATIVE_BEFORE.search(before):
                    continue
                if kind != "rejected" and P.NEGATED_BEFORE.search(before):
                    if kind in ("approved", "recommended"):
                        out.append(("rejected", start + m.start()))
                    continue
                out.append((kind, start + m.start()))
        start = nxt
    return out


def _outcome_by_sentence(text: str) -> str:
    """The oracle for the one-pass classify_outcome: the first verdict, but talk ("drøftet")
    yields to a formal verdict within TALK_REACH characters after it."""
    from referat_parser.extract.outcome import TALK_REACH

    verdicts = _verdicts_by_sentence(text, len(text))
    if not verdicts:
        return "other"
    kind, at = verdicts[0]
    if kind != "discussed":
        return kind
    later = [k for k, pos in _verdicts_by_sentence(text, at + TALK_REACH) if pos > at and k != "discussed"]
    return later[0] if later else "discussed"


_OUTCOME_WORDS = [w for ws in V.OUTCOME_PHRASES.values() for w in ws] + [
    *V.NEGATIONS, *V.MODALS, *V.OTHER_ITEM_REFERENCES, "Punkt", "3", ".", "\n", "blev", "Udvalget", "!", "•", "-",
    *V.RELATIVE_PRONOUNS, *V.RELATIVE_STATE_VERBS, ","]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_OUTCOME_WORDS), min_size=1, max_size=14).map(" ".join))
def test_one_pass_outcome_equals_the_sentence_definition(text: str) -> None:
    assert classify_outcome(text) == _outcome_by_sentence(text)


def test_people_parse_the_same_with_empty_caches() -> None:
    """The name/title caches only save work: a second parse with them emptied is identical."""
    from referat_parser.extract.people import clear_caches

    text = (Path(__file__).parent.parent / "fixtures" / "godstrup-fsg-2025-04-25.txt").read_text(encoding="utf-8")
    warm = parse_text(text).model_dump()
    clear_caches()
    cold = parse_text(text).model_dump()
    assert cold == warm and len(cold["participants"]) == 19
