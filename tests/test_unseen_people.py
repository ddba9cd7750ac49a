"""People on pages of publishers nobody had seen: attendance lists and minute takers.

One test per phenomenon of the audit of unseen minutes (phenomena 1, 11, 12, 13, 16, 18, 20, 23,
27 and 32 of ``research/unseen-phenomena.md``) and per shape of the dev3 corpus, each named for
it. Every text is invented in the shape of the real one; the expected values are what a
careful reader states under the gold conventions (``corpus/FORMAT.md``): participants are the
names in the header's lists minus the absent, plus substitutes who came.
"""

from __future__ import annotations

from referat_parser.pipeline import parse_data


def _people(text: str) -> tuple[list[str], list[str]]:
    d = parse_data(text)
    present = [p["name"] for p in d["participants"] if p["status"] != "absent"]
    absent = [p["name"] for p in d["participants"] if p["status"] == "absent"]
    return present, absent


def _takers(text: str) -> list[str]:
    return parse_data(text)["meeting"]["minute_takers"]


# --- phenomenon 1: attendance and absence lists under labels the reader did not know ----------

def test_p01_body_noun_as_the_list_label_and_a_substitute_in_afbud() -> None:
    present, absent = _people("Referat af udvalgsmøde den 3. maj 2021\n\n"
                              "Udvalget: Mette Skov, Lars Bæk, Hanne Lind og Per Friis\n"
                              "Afbud: Lars Bæk, suppleant Ida Holm deltog\n\n1. Godkendelse af dagsorden\nGodkendt\n")
    assert sorted(present) == ["Hanne Lind", "Ida Holm", "Mette Skov", "Per Friis"]
    assert absent == ["Lars Bæk"]


def test_p01_udeblevet_is_an_absence_label() -> None:
    present, absent = _people("Referat af bestyrelsesmøde den 3. maj 2021\nTil stede: Ole Bak (OB), Eva Sand (ES)\n"
                              "Udeblevet: Kim Juhl (KJ)\n1 Godkendelse af dagsorden\nGodkendt\n")
    assert present == ["Ole Bak", "Eva Sand"]
    assert absent == ["Kim Juhl"]


def test_p01_summoned_minus_afbud_are_present() -> None:
    present, absent = _people("Beslutningsreferat fra forældrerådsmøde mandag d. 3. maj 2021\n\n"
                              "Indkaldte: Sara (Emils mor), Tom (Lauras far), Bo (Ellas far)\n\nAfbud: Bo\n\n"
                              "1. Torvedag\nVi deltager.\n")
    assert sorted(present) == ["Sara", "Tom"]
    assert absent == ["Bo"]


def test_p01_prose_absentees_did_not_take_part_in_the_meeting() -> None:
    _, absent = _people("Referat\n\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt\n"
                        "Søren Dam, Eva Lund og Ib Krog deltog ikke på mødet.\n")
    assert absent == ["Søren Dam", "Eva Lund", "Ib Krog"]


def test_every_phrase_of_absence_in_prose_holds_a_word_the_text_is_first_searched_for() -> None:
    """attendance.participants runs the three prose patterns only over a text that holds one of
    ABSENCE_PROSE_WORDS: right only while every phrase they know holds one."""
    from referat_parser.vocabulary import (
        ABSENCE_PROSE_LEADS,
        ABSENCE_PROSE_TAILS,
        ABSENCE_PROSE_WORDS,
        ABSENCE_SENTENCE_ENDS,
    )

    for phrase in (*ABSENCE_PROSE_LEADS, *ABSENCE_PROSE_TAILS, *ABSENCE_SENTENCE_ENDS):
        assert any(w in phrase for w in ABSENCE_PROSE_WORDS), phrase
    _, absent = _people("Referat\n\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt\n"
                        "Der var AFBUD FRA Søren Dam og Eva Lund.\n")  # in capitals: the search is case-blind
    assert absent == ["Søren Dam", "Eva Lund"]


def test_p01_invited_label_reading_as_a_sentence_one_name_per_line() -> None:
    # dev3: "Til mødet er indbudt:" with a blank line between the names, after a list of absentees
    present, absent = _people("Referat d. 10.09.2009\n\nUNGDOMSSKOLEBESTYRELSEN\n\n"
                              "Deltagere: Ungdomsskolebestyrelsen\n\n"
                              "Fraværende: Ane Bro, Kaj Lund\n\nTil mødet er indbudt:\n\nJens Holm\n\nMia H. Dahl\n\n"
                              "Karl Top\n\nMed venlig hilsen\n\nPunkt 1. Budget\n\nGodkendt.\n")
    assert present == ["Jens Holm", "Mia H. Dahl", "Karl Top"]  # not the body named as "Deltagere"
    assert absent == ["Ane Bro", "Kaj Lund"]


def test_p01_qualified_absence_label_one_name_per_line() -> None:
    present, absent = _people("Beslutningsprotokol\nfra 1. møde i Stiftsrådet\n"
                              "torsdag, den 8. februar 2018 kl. 16.00\n\n"
                              "Fraværende stiftsrådsmedlemmer og øvrige:\nErik Sønder\n"
                              "Jacob Duevang Krogh Rasmussen\n\n"
                              "Deltagere fra administrationen:\nKontorchef Jette Madsen\n\n"
                              "1. Godkendelse af dagsorden\nDagsordenen blev godkendt.\n")
    assert present == ["Jette Madsen"]
    assert absent == ["Erik Sønder", "Jacob Duevang Krogh Rasmussen"]


def test_p01_attendance_label_without_its_colon() -> None:
    present, _ = _people("# Referat for generalforsamling d. 2021.09.02 kl 19:00\n\n"
                         "Tilstede var Henning, Per, Jørgen og Verner\n\n## 1) Valg af ordstyrer.\nVerner valgt.\n")
    assert present == ["Henning", "Per", "Jørgen", "Verner"]


def test_p01_label_that_does_not_list_attendance_is_left_alone() -> None:
    present, absent = _people("Referat fra bestyrelsesmøde den 3. maj 2021\n\nKopi til: Lars Bæk, Hanne Lind\n"
                              "Emner: Budget, Regnskab, Legeplads\n\n1. Budget\nGodkendt.\n")
    assert present == [] and absent == []


# --- phenomenon 11: a list on its label line runs on ---------------------------------------------

def test_p11_list_stops_at_the_next_label_and_at_a_kind_word() -> None:
    d = parse_data("Referat fra bestyrelsesmøde 3. maj 2021\n\nTil stede: Ib, Ulla, Anne\nAfbud: Lis, Bo\n"
                   "Tovholder: Anne\n\n \n\nDagsorden og referat\n\n1. Regnskab\nGodkendt.\n")
    people = {p["name"]: p["status"] for p in d["participants"]}
    assert people == {"Ib": "present", "Ulla": "present", "Anne": "present", "Lis": "absent", "Bo": "absent"}
    assert d["meeting"]["location"] is None  # "Tovholder: Anne" is no place


def test_p11_list_stops_at_a_verdict() -> None:
    _, absent = _people("Referat\n\n1. Regnskab\n\nBeslutning\nFraværende: Ole Hansen\n\nGodkendt.\n")
    assert absent == ["Ole Hansen"]


# --- phenomenon 12: an empty "Fraværende:" at the head of a decision -----------------------------

def test_p12_empty_absence_field_takes_no_verdict_as_a_person() -> None:
    d = parse_data("Referat\n\n1. Regnskab\n\nBeslutning i Teknikudvalget den 4. maj 2020:\nFraværende: \n"
                   "Godkendt.\n")
    assert d["participants"] == []
    assert d["items"][0]["decision"]["text"] == "Godkendt."  # the empty field is metadata too


# --- phenomenon 13: one person per line, "Name, organisation", "(referent)" -----------------------

def test_p13_one_person_per_line_with_organisation_and_minute_taker() -> None:
    text = ("Referat fra møde i Kulturrådet\nTorsdag d. 3.5.21.\nTil stede:\nJonas Berg, Sportsforeningerne\n"
            "Maja Holm, Vestby Frivilligcenter\nEva Friis, ansat i Center for Kultur (referent)\nAfbud:\n"
            "Per Lund, LO Fyn\nPkt. 1\nValg af formand\nJonas blev valgt.\n")
    d = parse_data(text)
    present, absent = _people(text)
    assert present == ["Jonas Berg", "Maja Holm", "Eva Friis"]
    assert absent == ["Per Lund"]
    assert d["meeting"]["minute_takers"] == ["Eva Friis"]
    assert d["meeting"]["location"] is None  # the first attendee is no place
    assert next(p for p in d["participants"] if p["name"] == "Maja Holm")["organisation"] == "Vestby Frivilligcenter"


# --- phenomenon 16: attendance as item 1, names on the heading line -----------------------------

def test_p16_absentees_on_the_heading_of_item_1() -> None:
    _, absent = _people("Referat menighedsrådsmøde nr. 3 den 3.5.2021\n\n"
                        "1. Fraværende: Anne Holm, Per Lund og Ida Krag\n\n"
                        "2. Bemærkninger til dagsordenen:\n\n3. Indkøb af ny plæneklipper\n\nBeslutning:\nGodkendt.\n")
    assert absent == ["Anne Holm", "Per Lund", "Ida Krag"]


# --- phenomenon 18: a flattened member list, names run together ----------------------------------

def test_p18_names_separated_only_by_party_codes_and_notes() -> None:
    present, _ = _people("Referat\n\nMedlemmer: Ole Dam (formand) (A) Pia Lund (V) deltog fra sag 3 Bo Holm (C) "
                         "Eva Sand (O)\n\n1. Godkendelse af dagsorden\nGodkendt\n")
    assert present == ["Ole Dam", "Pia Lund", "Bo Holm", "Eva Sand"]


def test_p18_names_separated_by_their_attendance_verdicts() -> None:
    # dev3: a two-column table (name, "deltog"/"var fraværende") flattened to one line, no colon
    present, absent = _people("Kommunalbestyrelsen\n\nProtokol\n\n21-01-2016 kl. 17:00 Mødesalen\n\n"
                              "Medlemmer Sofia Osma deltog Søren P. Rasmus deltog Dorthe la Cour deltog "
                              "Jan Kasper var fraværende\n\n1. Lokalplan 264\nGodkendt.\n")
    assert present == ["Sofia Osma", "Søren P. Rasmus", "Dorthe la Cour"]
    assert absent == ["Jan Kasper"]


def test_p18_a_name_that_opens_a_sentence_on_the_same_line() -> None:
    _, absent = _people("Referat 07.01.2019\n\nTilstede var: Vivi Nobel (VN), Jørgen Vind (JV)\n"
                        "Afbud: Michael Burg Mødet blev gennemført i henhold til dagsordenen\n\n"
                        "1. Velkomst\nGodkendt.\n")
    assert absent == ["Michael Burg"]


# --- phenomenon 20: two columns of names glued by single spaces -----------------------------------

def test_p20_two_column_names_glued_split_at_their_first_names() -> None:
    text = ("Referat\n\nMedlemmer:\n\nPia Lund Bo Holm\nAnne Marie Kjær Jens Dam\nEva Sand\n\n"
            "Godkendelse af dagsorden:\nGodkendt\n\nFraværende:\nBo Holm\n\n1 Budget\nDrøftet\n")
    present, absent = _people(text)
    assert sorted(present) == ["Anne Marie Kjær", "Eva Sand", "Jens Dam", "Pia Lund"]
    assert absent == ["Bo Holm"]
    assert parse_data(text)["meeting"]["body"] is None  # a line of names is the list's, never the body


def test_p20_a_run_of_glued_names_after_a_label_ends_before_a_page_mark() -> None:
    # dev3 (docslib): "Derudover deltog:" and seven names run together, a page mark glued after them
    present, _ = _people("Kommunalbestyrelsen\n\nProtokol\n\n21-01-2016 kl. 17:00 Mødesalen\n\n"
                         "Derudover deltog: Søren Hansen Ulla Agerskov Bjarne Holm Markussen Jacob Holm Hansen "
                         "Side 1 af 66\n\n1. Lokalplan 264\nGodkendt.\n")
    assert present == ["Søren Hansen", "Ulla Agerskov", "Bjarne Holm Markussen", "Jacob Holm Hansen"]


# --- issue 21 item 2: absence and substitutes in every form; a list with no label -----------------

def test_an_absence_suffix_after_a_dash_inside_a_list_of_names() -> None:
    present, absent = _people("Referat af bestyrelsesmøde 3. maj 2021\n\n"
                              "Bestyrelsen: Ole Dam, Pia Lund (med afbud), Bo Holm – afbud, Eva Sand\n\n"
                              "1. Budget\nGodkendt.\n")
    assert present == ["Ole Dam", "Eva Sand"]
    assert absent == ["Pia Lund", "Bo Holm"]


def test_a_substitute_who_attended_for_another_with_a_title_before_the_name() -> None:
    present, absent = _people("Referat 3. maj 2021\n\nTil stede: Ole Dam, Pia Lund\n"
                              "Suppleant Bo Holm deltog for Eva Sand\n\n1. Budget\nGodkendt.\n")
    assert sorted(present) == ["Bo Holm", "Ole Dam", "Pia Lund"]  # the name, not "Suppleant Bo Holm"
    assert absent == ["Eva Sand"]
    # "Referat for X og Y" names no substitute
    present, absent = _people("Referat 3. maj 2021\n\nTil stede: Ole Dam, Pia Lund\nReferat for Eva Sand og Bo Holm\n\n"
                              "1. Budget\nGodkendt.\n")
    assert (present, absent) == (["Ole Dam", "Pia Lund"], [])


def test_attendees_one_per_line_with_no_label_most_of_them_by_a_first_name() -> None:
    present, _ = _people("Referat af bestyrelsesmøde 3. maj 2021\n\nOle Dam, formand\nPia Lund, kasserer\n"
                         "Bo Holm, Lokalrådet\n\n1. Budget\nGodkendt.\n")
    assert present == ["Ole Dam", "Pia Lund", "Bo Holm"]
    # two lines are no list; nor are lines of capitalised words that open with no first name
    assert _people("Referat 3. maj 2021\n\nOle Dam, formand\nPia Lund, kasserer\n\n1. Budget\nGodkendt.\n") == ([], [])
    assert _people("Referat 3. maj 2021\n\nKultur Fritid, lokale 2\nByens Hus, sal A\nGamle Skole, kælder\n\n"
                   "1. Budget\nGodkendt.\n") == ([], [])


def test_an_absence_sentence_after_the_list_on_its_label_line() -> None:
    present, absent = _people("Referat af bestyrelsesmøde 12. marts 2019\n"
                              "Mødedeltagere: Ole Dam, Pia Lund og Bo Holm. Afbud fra Eva Sand og Ib Krog.\n\n"
                              "1. Budget\nGodkendt.\n")
    assert present == ["Ole Dam", "Pia Lund", "Bo Holm"]  # not "Afbud"
    assert absent == ["Eva Sand", "Ib Krog"]


def test_a_two_word_attendance_label_with_its_group_after_it() -> None:
    present, _ = _people("Referat af bestyrelsesmøde 12. marts 2019\nTil stede fra bestyrelsen: Ole Dam, Pia Lund\n"
                         "Til stede fra administrationen: Bo Holm\n\n1. Budget\nGodkendt.\n")
    assert present == ["Ole Dam", "Pia Lund", "Bo Holm"]


def test_an_attendee_table_with_no_label_above_it() -> None:
    present, absent = _people("Referat af bestyrelsesmøde 12. marts 2019\n| Navn | Rolle | Til stede |\n|---|---|---|\n"
                              "| Ole Dam | Formand | Ja |\n| Pia Lund | Kasserer | Nej |\n| Bo Holm | Medlem | Ja |\n\n"
                              "1. Budget\nGodkendt.\n")
    assert (present, absent) == (["Ole Dam", "Bo Holm"], ["Pia Lund"])


def test_minute_taker_in_a_signature_over_a_line_of_roles() -> None:
    assert _takers("Referat af bestyrelsesmøde 3. maj 2021\n\nDeltagere: Ole Dam, Pia Lund\n\n1. Budget\nGodkendt.\n\n"
                   "Med venlig hilsen\n\nPia Lund\nsekretær, referent\n") == ["Pia Lund"]
    # a line of roles without the minute taker's names nobody
    assert _takers("Referat af bestyrelsesmøde 3. maj 2021\n\nDeltagere: Ole Dam, Pia Lund\n\n1. Budget\nGodkendt.\n\n"
                   "Med venlig hilsen\n\nPia Lund\nsekretær, kasserer\n") == []


# --- phenomenon 23 and item 3: minute takers in every form ----------------------------------------

def test_p23_minute_taker_elected_in_an_item() -> None:
    assert _takers("2021/05/03 Bestyrelsesmøde\n\n1. Godkendelse af dagsorden.\n\nGodkendt.\n\n2. Valg af referent.\n\n"
                   "Kim blev valgt som referent for mødet.\n") == ["Kim"]


def test_p23_minute_taker_label_after_a_sentence_on_a_heading() -> None:
    assert _takers("Referat af møde i Landsbyrådet mandag den 3. maj 2021.\n\n"
                   "1. Ole Dam valgtes som dirigent. Referent: Kim Holt.\n\n"
                   "2. Godkendelse af sidste referat: Godkendt.\n\n3. Kassen: Beholdningen er gjort op.\n"
                   ) == ["Kim Holt"]


def test_p23_minute_taker_as_the_election_inverted() -> None:
    assert _takers("Referat\n\n1. Valg af dirigent og referent\nSom referent valgtes Bo Dahl.\n\n2. Eventuelt\nIntet.\n"
                   ) == ["Bo Dahl"]


def test_minute_taker_named_under_valg_af_referent() -> None:
    assert _takers("Bestyrelsesmøde d. 26. september 2013\n\nTil stede: Allan, John og Lise\n\n"
                   "1. Valg af ordstyrer\n     Anna\n\n 2. Valg af referent\n     Lise\n\n"
                   "3. Godkendelse af dagsorden\n     Godkendt\n") == ["Lise"]


def test_minute_taker_in_a_signature_block_with_a_compound_label() -> None:
    assert _takers("# Referat for generalforsamling 2021\n\n## 1) Valg af ordstyrer.\nVerner valgt.\n\n"
                   "## Underskrifter:\n\n### Dirigent: Verner Schrøder\n\n### Formand/referent: Henning Wanger\n"
                   ) == ["Henning Wanger"]


def test_minute_taker_referat_ved_with_a_title_at_the_end() -> None:
    assert _takers("Referat af generalforsamling torsdag den 4. september 2008.\n\nA: Valg af ordstyrer.\n"
                   "    Jørgen Rubk blev valgt.\n\nOrdet blev herefter givet frit.\n\n"
                   "Referat ved sekretær Jørgen Rubk.\n") == ["Jørgen Rubk"]


def test_every_label_that_needs_no_colon_holds_the_word_the_line_filter_looks_for() -> None:
    """takers._from_labels_in_lines passes over a line with no colon and no "referat": right only
    while every label that TAKER_LABEL_IN takes without a colon holds that word."""
    from referat_parser.extract.takers import BARE_LABEL_WORD, TAKER_LABELS_FOLDED

    bare = [w for w in TAKER_LABELS_FOLDED if " " in w and "ref" in w]
    assert bare and all(BARE_LABEL_WORD in w for w in bare)
    assert _takers("Referat fra bestyrelsesmøde 3. maj 2021\n\n1. Ordet\nSagt.\n\nREFERAT VED Jens Holm\n"
                   ) == ["Jens Holm"]


def test_minute_taker_label_value_ends_at_the_next_label() -> None:
    assert _takers("Referat fra menighedsrådsmøde 3. maj 2021\n\n    Referent:   Jørn    Dagsorden:\n\n"
                   "       1.   Godkendelse af dagsorden\n                  Godkendt\n") == ["Jørn"]


def test_minute_taker_name_with_a_lower_case_particle() -> None:
    assert _takers("Referat fra bestyrelsesmøde 3. maj 2021\n\nAfbud fra: Kristina Nielsen.\n\n"
                   "Referent: John eg Peders\n\nPkt.1: Valg af ordstyrer\nMalene blev valgt.\n") == ["John eg Peders"]


def test_minute_taker_note_in_the_list_beats_the_first_name_election() -> None:
    assert _takers("Referat bestyrelsesmøde 3. maj 2021\n\nDeltagere:\nAnna Berg (formand)\n"
                   "Preben Skov (referent)\n\n1. Valg af referent\nPreben blev valgt som referent.\n"
                   ) == ["Preben Skov"]


# --- phenomenon 27: a date in an absence list ---------------------------------------------------

def test_p27_a_weekday_in_a_flattened_absence_field_is_no_person() -> None:
    _, absent = _people("Vestby Kommune. Byrådet. Referat\n\n"
                        "Dato: Mødetid: Kl Mødested: Udsendt: Afbud: Torsdag den 3-maj-2001 Byrådssalen "
                        "Fraværende: Ingen.\n\n1. Godkendelse af dagsorden\nGodkendt\n")
    assert absent == []


# --- phenomenon 32: absentees of another meeting's treatment, quoted in an item -------------------

def test_p32_absentee_of_an_earlier_treatment_is_not_this_meetings() -> None:
    _, absent = _people("Referat\n\n  • 512. Lokalplan for Bakkevej\n\n    Resume\n\n    Planen skal i høring.\n\n"
                        "    Teknik og Miljø, 12. marts 2021, pkt. 33:\n\n    Ikke til stede: Ida Holm (A)\n\n"
                        "    Anbefales.\n\n    Beslutning\n\n    Godkendt.\n")
    assert absent == []


def test_every_name_found_by_content_occurs_in_the_text() -> None:
    text = ("Referat\n\nMedlemmer: Ole Dam (formand) (A) Pia Lund (V) deltog fra sag 3 Bo Holm (C)\n"
            "Udvalget: Mette Skov, Lars Bæk og Per Friis\n\nReferat ved sekretær Jørgen Rubk.\n\n"
            "1. Budget\nGodkendt.\n")
    d = parse_data(text)
    names = [p["name"] for p in d["participants"]] + d["meeting"]["minute_takers"]
    assert len(names) == 7
    assert all(name in text for name in names)


# --- lists with no label, substitutes in prose, closing lines ------------------------------------

def test_unlabelled_header_line_of_full_names_is_the_attendance() -> None:
    present, _ = _people("Referat bestyrelsesmøde 3. maj 2021\n\nOle Bak, Eva Sand, Kim Juhl og Per Lund\n\n"
                         "1. Budget\nGodkendt.\n")
    assert present == ["Ole Bak", "Eva Sand", "Kim Juhl", "Per Lund"]


def test_unlabelled_line_of_two_names_or_of_places_is_not_a_list() -> None:
    present, _ = _people("Referat bestyrelsesmøde 3. maj 2021\n\nOle Bak, Eva Sand\n"
                         "Vestby Kommune, Rådhuset, Mødelokale 2\n\n1. Budget\nGodkendt.\n")
    assert present == []


def test_substitute_named_in_the_header_prose_attends() -> None:
    d = parse_data("Referat fra møde i Lokalrådet 3. maj 2021\nDeltagere: Ole Bak, Eva Sand\n"
                   "I stedet for Kim Juhl deltog Per Lund.\n\n1. Budget\nGodkendt.\n")
    people = {p["name"]: p["status"] for p in d["participants"]}
    assert people == {"Ole Bak": "present", "Eva Sand": "present", "Kim Juhl": "absent", "Per Lund": "present"}
    assert d["meeting"]["location"] is None  # "I stedet for …" names no place


def test_minute_taker_in_the_closing_lines() -> None:
    assert _takers("Referat\n\n1. Budget\nGodkendt.\n\nref. Eva Sand\n") == ["Eva Sand"]
    assert _takers("Referat\n\n1. Budget\nGodkendt.\n\nEva Sand\nReferent\n") == ["Eva Sand"]


def test_minute_taker_as_a_role_after_the_name_in_every_list_form() -> None:
    for line in ("Deltagere:\nOle Bak, formand\nEva Sand, referent\nKim Juhl\n",
                 "Deltagere: Ole Bak, Eva Sand - referent, Kim Juhl\n",
                 "Deltagere: Ole Bak (formand), Eva Sand (sekretær/referent), Kim Juhl\n"):
        text = f"Referat bestyrelsesmøde 3. maj 2021\n{line}\n1. Budget\nGodkendt.\n"
        assert _takers(text) == ["Eva Sand"], line
        assert _people(text)[0] == ["Ole Bak", "Eva Sand", "Kim Juhl"], line  # "/" in a note splits nothing


def test_minute_taker_after_the_word_for_minutes_only_when_a_full_name_follows() -> None:
    assert _takers("Referat bestyrelsesmøde 3. maj 2021\nReferat: Eva Sand\n\n1. Budget\nGodkendt.\n") == ["Eva Sand"]
    assert _takers("Referat bestyrelsesmøde 3. maj 2021\n\n1. Budget\nGodkendt.\n\nReferat: Eva Sand, 4. maj 2021\n"
                   ) == ["Eva Sand"]
    assert _takers("Referat bestyrelsesmøde 3. maj 2021\n\n1. Budget\nReferat: Godkendt.\n"
                   "2. Eventuelt\nReferat: Ole Bak orienterede.\n") == []


def test_the_whole_body_except_a_name_makes_that_name_absent() -> None:
    present, absent = _people("Referat bestyrelsesmøde 3. maj 2021\nDeltagere: Hele bestyrelsen undtagen Kim Juhl\n\n"
                              "1. Budget\nGodkendt.\n")
    assert present == [] and absent == ["Kim Juhl"]


# --- header phenomena of the same audit: 11, 13 (place), 28, 31 ---------------------------------

def test_p28_year_printed_earlier_in_the_phrase() -> None:
    d = parse_data("Udvalgets 2. møde i 2015, tirsdag den 12. maj kl. 14,30-16,00\n\nvestby.dk\n\n"
                   "1. Godkendelse af dagsordenen. Godkendt.\n")
    assert d["meeting"]["date"] == "2015-05-12"
    assert d["meeting"]["location"] is None  # a web address beside the date is no place


def test_p31_bare_hours_in_a_time_field() -> None:
    d = parse_data("Dagsorden og referat\n\nDato: 3.5.2021\n\nTid: 17-19\n\nSted: Skolen\n\n1. Godkendelse\nGodkendt\n")
    assert (d["meeting"]["start_time"], d["meeting"]["end_time"]) == ("17:00", "19:00")


def test_p31_a_date_field_gives_no_bare_hours() -> None:
    d = parse_data("Referat\n\nDato: 3-5-2021\n\n1. Godkendelse\nGodkendt\n")
    assert (d["meeting"]["date"], d["meeting"]["start_time"]) == ("2021-05-03", None)


def test_list_ends_at_the_text_glued_to_its_last_name() -> None:
    present, _ = _people("Referat d. 15.09.08\n\nDeltagere:          Bestyrelsen\n\nTil mødet er indbudt:\n\n"
                         "Poul A. Lars\n\nMia H. Peders\n\nJohn LademMed venlig hilsen\n\nfor Bo Peters\n\n"
                         "Susanne\n\nPunkt 1. Budget\n\nGodkendt.\n")
    assert present == ["Poul A. Lars", "Mia H. Peders", "John Ladem"]


def test_p01_absence_label_qualified_by_the_group_in_a_joint_meeting() -> None:
    _, absent = _people("Referat af fællesmøde den 3. maj 2021\n\n1. Budget\nGodkendt.\n\n"
                        "Fraværende i Skoleudvalget – den 3. maj 2021:\nOle Bak\n\n2. Eventuelt\nIntet.\n")
    assert absent == ["Ole Bak"]


def test_written_by_in_an_items_prose_names_no_minute_taker() -> None:
    assert _takers("Referat\n\n1. Nyt\nArtiklen er skrevet af Ole Bak.\n") == []
    assert _takers("Referat\n\n1. Nyt\nGodkendt.\n\nReferatet skrevet af Ole Bak\n") == ["Ole Bak"]


def test_p07_compound_meeting_word_before_the_body() -> None:
    d = parse_data("Medlemsmøde i Foreningen Lyst onsdag d. 3. maj 2021 kl. 19.00.\n\nDagsorden:\n\n"
                   "1. Valg af ordstyrer\n2. Eventuelt\n")
    assert d["meeting"]["body"] == "Foreningen Lyst"


def test_p17_parent_organisation_before_the_body() -> None:
    d = parse_data("Sankt Peders Sogn, Menighedsrådet\n\n"
                   "Dagsorden til møde den 3. maj 2021, kl. 19:00 i sognegården\n\n"
                   "1. Godkendelse af dagsorden\n2. Eventuelt\n")
    assert d["meeting"]["body"] == "Menighedsrådet"


def test_p10_stacked_header_lines_body_above_the_date_and_an_address_below() -> None:
    d = parse_data("Referat\nKultur- og Fritidsudvalget\n12-03-2019 kl. 15:00\n"
                   "Mødelokale 2, Torvet 4, 8600 Silkeborg\n\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt\n")
    assert d["meeting"]["body"] == "Kultur- og Fritidsudvalget"
    assert d["meeting"]["location"] == "Mødelokale 2, Torvet 4, 8600 Silkeborg"


def test_p19_address_after_the_time_on_the_title_line() -> None:
    d = parse_data('Bestyrelsesmøde 2. maj 2019 kl. 17.00, Havnevej 3 "Lokale 2"\n\n'
                   "1. Godkendelse af dagsorden\nGodkendt\n")
    assert d["meeting"]["location"] == 'Havnevej 3 "Lokale 2"'


def test_p19_a_place_in_prose_stops_before_the_time() -> None:
    d = parse_data("Dagsorden til lokalrådsmøde 03.05.2021\n\n"
                   "Både nyt og gammelt råd mødes hos Karen klokken 19.00.\n\n1. Velkomst\n2. Eventuelt\n")
    # "hos" stays: where the meeting is ("hos Karen", the research example's reader; "Hos René" in the gold)
    assert d["meeting"]["location"] == "hos Karen"


def test_general_assembly_body_is_the_assembly_word_as_printed() -> None:
    d = parse_data("Referat af Ordinær generalforsamling i Vestby Lug, torsdag den 4. september 2008.\n\n"
                   "1. Valg af ordstyrer\nJens blev valgt.\n")
    assert d["meeting"]["body"] == "generalforsamling"
    d = parse_data("Ekstraordinær generalforsamling 3. maj 2021\n\n1. Valg af dirigent\nJens blev valgt.\n")
    assert d["meeting"]["body"] == "Ekstraordinær generalforsamling"


def test_p07_body_from_a_meeting_word_in_a_field() -> None:
    d = parse_data("Møde: Bestyrelsesmøde\nTid: Mandag d. 7/12 2009 kl. 17:30 – 21.00\nSted: Roklubben\n\n"
                   "1. Regnskab\nGodkendt.\n")
    assert d["meeting"]["body"] == "Bestyrelsen"
    d = parse_data("Emne: Skolebestyrelsesmøde\nDato: 3. maj 2021\n\n1. Regnskab\nGodkendt.\n")
    assert d["meeting"]["body"] == "Skolebestyrelsen"
