"""Layouts of publishers the first rules never saw, one small case per phenomenon.

Each text is written for the test in the shape the dev2 corpus shows (church councils,
clubs, associations, municipal portals, Markdown); the expected values are read off the
text by eye.
"""

from __future__ import annotations

from referat_parser import parse_bytes, parse_text
from referat_parser.models import Minutes


def _items(m: Minutes) -> list[tuple[str | None, str, str | None, str | None]]:
    return [(it.number, it.title, it.decision.text if it.decision else None,
             it.decision.outcome if it.decision else None) for it in m.items]


def test_number_alone_on_its_line_title_on_the_next() -> None:
    m = parse_text("Referat fra møde i Ældrerådet den 18. december 2014\n\n"
                   "1.\nGodkendelse af dagsordenen\n\nGodkendt.\n\n"
                   "2.\nMødedatoer 2015\n\nMøderne afholdes 3. torsdag i hver måned.\n")
    assert _items(m) == [("1", "Godkendelse af dagsordenen", "Godkendt.", "approved"),
                         ("2", "Mødedatoer 2015", "Møderne afholdes 3. torsdag i hver måned.", "other")]


def test_number_with_dot_and_bracket() -> None:
    m = parse_text("Dagsorden til møde i KBG\n\n1.) Valg af dirigent\n\n2.) Godkendelse af dagsorden\n")
    assert [(it.number, it.title) for it in m.items] == [("1", "Valg af dirigent"), ("2", "Godkendelse af dagsorden")]


def test_unlabelled_text_under_a_heading_is_the_minutes() -> None:
    m = parse_text("Bestyrelsesmøde d. 26. september 2013\n\nTil stede: Allan, John og Lise\n\n"
                   "1. Valg af ordstyrer\n     Anna\n\n 2. Godkendelse af dagsorden\n     Godkendt\n")
    assert m.kind == "referat"  # an attendance list: only minutes know who came
    assert _items(m) == [("1", "Valg af ordstyrer", "Anna", "other"),
                         ("2", "Godkendelse af dagsorden", "Godkendt", "approved")]


def test_minutes_on_the_heading_line_split_from_the_title() -> None:
    m = parse_text("Referat 2. juni 2021\n\nDeltagere: Claus Weber, Heidi Munk\n\n"
                   "1) Godkendelse af dagsorden - Godkendt\n\n"
                   "2) City kirke samarbejdet - drøftet\n\n"
                   "3) Økonomi.  Budget 2022 vedtages på næste møde.\n\n"
                   "4) Salg af haver: Ingen salg\n\n"
                   "5) Ny lokalplan Vi diskuterede det videre forløb.\n\n"
                   "6) Godkendelse af referat_Godkendt\n")
    assert _items(m) == [
        ("1", "Godkendelse af dagsorden", "Godkendt", "approved"),
        ("2", "City kirke samarbejdet", "drøftet", "discussed"),
        ("3", "Økonomi.", "Budget 2022 vedtages på næste møde.", "approved"),
        ("4", "Salg af haver", "Ingen salg", "other"),
        ("5", "Ny lokalplan", "Vi diskuterede det videre forløb.", "discussed"),
        ("6", "Godkendelse af referat", "Godkendt", "approved"),
    ]


def test_an_agenda_keeps_its_titles_whole() -> None:
    m = parse_text("Dagsorden for generalforsamling\n\n1) Valg af dirigent\n"
                   "2) Aflæggelse af beretning – grupperådsformand\n3) Valg af gruppeleder. Søren genopstiller.\n")
    assert m.kind == "dagsorden"
    assert [it.title for it in m.items] == ["Valg af dirigent", "Aflæggelse af beretning – grupperådsformand",
                                            "Valg af gruppeleder. Søren genopstiller."]
    assert all(it.decision is None for it in m.items)


def test_paragraph_length_heading_is_split_not_rejected() -> None:
    long = "Regnskabet blev gennemgået af kassereren, og der var spørgsmål til posterne. " * 3
    m = parse_text(f"Referat af bestyrelsesmøde\n\n1. Valg af referent\nLars\n\n2. Regnskab: {long}\n")
    assert [it.title for it in m.items] == ["Valg af referent", "Regnskab"]
    assert m.items[1].decision is not None and m.items[1].decision.text.startswith("Regnskabet blev")


def test_ad_lines_under_a_table_of_contents_carry_the_minutes() -> None:
    m = parse_text("Referat af bestyrelsesmøde d. 26. april\n\nDagsorden:\n1) Vagtværn\n2) Evt.\n\n"
                   "Ad. 1\nTilbuddet var for dyrt.\n\nAd. 2\nIntet.\n")
    assert _items(m) == [("1", "Vagtværn", "Tilbuddet var for dyrt.", "other"), ("2", "Evt.", "Intet.", "other")]


def test_a_numbered_list_that_runs_on_below_its_marker_is_the_items() -> None:
    m = parse_text("Indkaldelse\n\nDagsorden\n1) Valg af dirigent\n2) Valg af referent\n"
                   "- Godkendelse af beretning\n3) Regnskab\n4) Eventuelt\n")
    assert [it.number for it in m.items] == ["1", "2", "3", "4"]


def test_range_heading_and_numbering_restarting_after_closed_session() -> None:
    m = parse_text("Dagsorden for møde i Menighedsrådet\n\n1. Valg af formand\n\n3. - 8. Valg af poster\n\n"
                   "Valgene foretages blandt medlemmerne.\n\n9. Eventuelt\n\nLUKKET MØDE\n1. Personalesag\n")
    assert [(it.number, it.title) for it in m.items] == [
        ("1", "Valg af formand"), ("3", "Valg af poster"), ("9", "Eventuelt"), ("1", "Personalesag")]
    assert m.meeting.body == "Menighedsrådet"


def test_unnumbered_items_as_titled_paragraphs() -> None:
    m = parse_text("Referat fra generalforsamling den 31. marts 2022\n\n"
                   "Dirigent: Ole blev valgt\n\nBestyrelsens beretning: Ole aflagde beretningen.\n\n"
                   "Lars gennemgik budgettet.\n\nValg af revisorer – Klaus og Poul blev genvalgt.\n\n"
                   "For referatet – Joan Hauberg\n")
    assert [(it.number, it.title) for it in m.items] == [
        (None, "Dirigent"), (None, "Bestyrelsens beretning"), (None, "Valg af revisorer")]
    assert m.items[1].decision is not None and "Lars gennemgik budgettet." in m.items[1].decision.text
    assert m.meeting.minute_takers == ["Joan Hauberg"]


def test_duration_in_brackets_with_a_type_code() -> None:
    m = parse_text("Dagsorden\n\n1. Velkomst v/Nicklas (5 min.)\n2. Budget 2020 v/Jørgen (B 10 min.)\n"
                   "3. Orientering fra præsterne (O 15 min)\n")
    assert [(it.title, it.duration_minutes) for it in m.items] == [
        ("Velkomst v/Nicklas", 5), ("Budget 2020 v/Jørgen", 10), ("Orientering fra præsterne", 15)]


def test_a_dotted_date_is_not_a_clock_time() -> None:
    m = parse_text("Referat\n\nTid: 03.06.2026 kl. 10.00 - 12.30\n\n1. Godkendelse\nGodkendt\n")
    assert (m.meeting.date, m.meeting.start_time, m.meeting.end_time) == ("2026-06-03", "10:00", "12:30")


def test_absence_as_a_suffix_on_the_persons_line() -> None:
    m = parse_text("Referat\n\nDeltagere:\nJens Hansen (A)\nOle Madsen (V) - afbud\n\n"
                   "Fraværende:\nInge Lodberg (med afbud)\n\n1. Godkendelse\nGodkendt\n")
    status = {p.name: p.status for p in m.participants}
    assert status == {"Jens Hansen": "present", "Ole Madsen": "absent", "Inge Lodberg": "absent"}


def test_fields_glued_on_one_short_line() -> None:
    m = parse_text("Referat af bestyrelsesmøde onsdag d. 7. november 2012 kl. 19.30 i A-huset. "
                   "Tilstede: Lars, Nina, Henrik Afbud: Referent: Lars\n1. Godkendelse af dagsorden Godkendt\n")
    assert m.meeting.location == "A-huset"
    assert [p.name for p in m.participants if p.status == "present"] == ["Lars", "Nina", "Henrik"]
    assert m.meeting.minute_takers == ["Lars"]


def test_a_bulleted_list_ends_at_its_first_unbulleted_line() -> None:
    m = parse_text("Referat\n\nAfbud:\n- Anna-Lis Berg\n- Rasmus Frey\nFaciliteret af Jesper Buchhardt:\n"
                   "- Jesper Buchhardt\n\nMøde Indhold\n\n1. Godkendelse\nGodkendt\n")
    assert [(p.name, p.status) for p in m.participants] == [("Anna-Lis Berg", "absent"), ("Rasmus Frey", "absent")]


def test_markdown_is_read_with_its_line_numbers() -> None:
    md = ("---\ntitle: 'Bestyrelsesmøde'\nlayout: post\n---\n\n# Referat : Bestyrelsesmøde 03.06.2026\n\n"
          "#### Deltagere:\n\n| Firma | Navn | Tilstede |\n|---|---|---|\n| Aarhus Kommune | Jakob Kaiser | X |\n"
          "| 4BC | Rasmus Frey | - |\n\n#### Afbud:\n- [ ] Martin Hansen\n\n#### Gæster:\n- [x] Mikkel Andersen\n\n"
          "### Dagsorden\n1. Formalia\n   1. Verifikation af deltagere\n2. Eventuelt\n\n"
          "## Møde referat\n\n### AD 1: Formalia\n- **Referat** [godkendt](https://x.dk)\n\n"
          "### AD 2: Eventuelt\nIntet.\n")
    m = parse_bytes(md.encode(), path="m.md")
    assert m.source.media_type == "text/markdown"
    status = {p.name: p.status for p in m.participants}
    assert status == {"Mikkel Andersen": "guest", "Martin Hansen": "absent",
                      "Jakob Kaiser": "present", "Rasmus Frey": "absent"}
    assert _items(m) == [("1", "Formalia", "- Referat godkendt", "approved"), ("2", "Eventuelt", "Intet.", "other")]
    assert m.items[0].span.start_line == md.split("\n").index("### AD 1: Formalia") + 1


def test_markdown_reader_keeps_every_line_in_place() -> None:
    from referat_parser.readers.markdown import markdown_to_text

    md = "# Titel\n\nTekst med **fed** og [link](http://x)\nnæste linje\n\n- [x] Ja\n\n{{ site.time }}\n"
    out = markdown_to_text(md).split("\n")
    assert len(out) == len(md.split("\n"))
    assert out[0] == "Titel" and out[2] == "Tekst med fed og link" and out[3] == "næste linje"
    assert out[5] == "- Ja" and out[7] == ""


def test_agenda_template_with_empty_decision_labels_is_an_agenda() -> None:
    m = parse_text("Dagsorden til møde i KBG den 30. marts 2021\n\nTilstede:\nAfbud:\n\n"
                   "1.) Valg af dirigent\n\nBeslutning:\n\n2.) Godkendelse af dagsorden\n\nBeslutning:\n\n"
                   "3.) Eventuelt\n\nBeslutning:\n")
    assert m.kind == "dagsorden"


def test_an_item_numbered_zero_starts_the_chain() -> None:
    m = parse_text("Referat\n\n0. Godkendelse af dagsorden\nGodkendt\n\n1. Regnskab\nGodkendt\n\n2. Eventuelt\nIntet\n")
    assert [it.number for it in m.items] == ["0", "1", "2"]


def test_leader_dots_and_page_numbers_leave_titles() -> None:
    m = parse_text("Indholdsfortegnelse\n129. Spørgetid ........................ 3\n"
                   "130. Lokalplan 145 ..................... iv\n\n"
                   "129. Spørgetid\nBeslutning\nTaget til efterretning.\n\n"
                   "130. Lokalplan 145\nBeslutning\nGodkendt.\n")
    assert [(it.number, it.title) for it in m.items] == [("129", "Spørgetid"), ("130", "Lokalplan 145")]
    assert [e.title for e in m.agenda] == ["Spørgetid", "Lokalplan 145"]


def test_decision_heading_naming_the_body_without_i() -> None:
    m = parse_text("Referat\n\n1. Regnskab\n\nBeslutning Økonomiudvalget den 4. juni 2020\nGodkendt.\n")
    d = m.items[0].decision
    assert d is not None and (d.text, d.body, d.date, d.outcome) == ("Godkendt.", "Økonomiudvalget", "2020-06-04",
                                                                     "approved")


def test_fields_at_the_head_of_a_decision_are_metadata() -> None:
    m = parse_text("Referat\n\n1. Regnskab\n\nBeslutning\nDato: 12-03-2020\nSted: Rådhuset\n"
                   "Fraværende: Ole Hansen\nGodkendt.\n")
    assert m.items[0].decision is not None and m.items[0].decision.text == "Godkendt."


def test_absentees_named_in_a_sentence_that_ends_the_list() -> None:
    m = parse_text("Referat\n\nDeltagere: Anna Berg, Ole Hansen, Pia Lund og Jens Holm\n\n"
                   "Anna Berg, Pia Lund og Jens Holm deltog ikke.\n\n"
                   "1. Godkendelse\nOle Hansen deltog ikke i behandlingen af punktet. Godkendt\n")
    assert {p.name: p.status for p in m.participants} == {
        "Anna Berg": "absent", "Ole Hansen": "present", "Pia Lund": "absent", "Jens Holm": "absent"}


def test_dates_with_dashes_around_the_month_word() -> None:
    m = parse_text("Referat af bestyrelsesmøde 15-maj-2002\n\n1. Godkendelse\nGodkendt\n")
    assert m.meeting.date == "2002-05-15"


def test_new_outcome_phrases() -> None:
    from referat_parser.extract.outcome import classify_outcome

    assert classify_outcome("Til orientering.") == "noted"
    assert classify_outcome("Udvalget tilslutter sig indstillingen.") == "approved"
    assert classify_outcome("Udskudt til næste møde.") == "postponed"
    assert classify_outcome("Underskrevet.") == "other"
    assert classify_outcome("Indstillingen følges.") == "approved"
    assert classify_outcome("Ansøgningen blev ikke imødekommet.") == "rejected"
    assert classify_outcome("Forslaget blev nedstemt.") == "rejected"


def test_bulleted_numbered_headings_form_the_chain() -> None:
    m = parse_text("Referat fra bestyrelsesmøde\n\n• 1 Godkendelse af dagsorden\nGodkendt\n\n"
                   "• 2 Regnskab\nRegnskabet blev godkendt.\n\n• 3 Eventuelt\nIntet\n")
    assert _items(m) == [("1", "Godkendelse af dagsorden", "Godkendt", "approved"),
                         ("2", "Regnskab", "Regnskabet blev godkendt.", "approved"),
                         ("3", "Eventuelt", "Intet", "other")]


def test_site_chrome_names_no_body_and_no_date() -> None:
    m = parse_text("MENU\nPubliceret 3. marts 2020\nByrådet - Dagsordener og referater\n\n"
                   "Referat af mødet den 2. marts 2020\n\n1. Godkendelse\nGodkendt\n")
    assert (m.meeting.body, m.meeting.date) == ("Byrådet", "2020-03-02")


def test_title_above_a_bare_case_number() -> None:
    m = parse_text("Kommunalbestyrelsen\n\nFraværende\n\nBritt Jensen (A), sag 129-138\n\nSager 129 - 138\n\n"
                   "Spørgetid\nSag nr. 129\n\nBeslutning\n\nTaget til efterretning.\n\n"
                   "Lokalplan 145 - endelig vedtagelse\nSag nr. 130\n\nBeslutning\n\nGodkendt.\n")
    assert _items(m) == [("129", "Spørgetid", "Taget til efterretning.", "noted"),
                         ("130", "Lokalplan 145 - endelig vedtagelse", "Godkendt.", "approved")]
    assert [(p.name, p.status) for p in m.participants] == [("Britt Jensen", "absent")]  # "Sager 129" is no name


def test_discussion_nouns_and_waiting_words() -> None:
    from referat_parser.extract.outcome import classify_outcome

    assert classify_outcome("Der var diskussioner om følgende elementer.") == "discussed"
    assert classify_outcome("Ingen meddelelser – afventer aftenens møde.") == "other"


def test_standing_titles_end_where_the_minutes_start() -> None:
    m = parse_text("Referat af bestyrelsesmøde\n\nTilstede: Lars, Nina\n\n1. Valg af referent Lars\n"
                   "2. Godkendelse af referat fra sidste møde Godkendt\n3. Eventuelt intet\n")
    assert _items(m) == [("1", "Valg af referent", "Lars", "other"),
                         ("2", "Godkendelse af referat fra sidste møde", "Godkendt", "approved"),
                         ("3", "Eventuelt", "intet", "other")]


def test_minutes_after_a_titles_colon_with_more_below() -> None:
    m = parse_text("Referat fra menighedsrådsmøde\n\nDeltagere: Helga Blomgreen, Hanne Hovmøller\n\n"
                   "6) Siden sidst: A) Tællinger skal ske i 3 kategorier.\nB) Helga gav en redegørelse.\n"
                   "C) Provstiudvalget anbefaler skovsalg.\n7) Tema 1: Reference arkitektur\nOplægget blev drøftet.\n")
    assert _items(m) == [
        ("6", "Siden sidst", "A) Tællinger skal ske i 3 kategorier.\nB) Helga gav en redegørelse.\n"
                             "C) Provstiudvalget anbefaler skovsalg.", "other"),  # another body's advice
        ("7", "Tema 1: Reference arkitektur", "Oplægget blev drøftet.", "discussed")]


def test_a_page_heading_numbered_one_is_no_item() -> None:
    m = parse_text("Referat af bestyrelsesmøde\n\n1 DAGSORDEN\n\n1. Valg af referent\n\nPreben blev valgt.\n\n"
                   "2. Webhotel\n\nDet blev aftalt.\n")
    assert [(it.number, it.title) for it in m.items] == [("1", "Valg af referent"), ("2", "Webhotel")]


def test_flattened_table_row_glues_number_duration_and_title() -> None:
    m = parse_text("Dagsorden\n\n1 5 minGodkendelse af dagsorden\n2 10 minRegnskab 2019\n3 2 min.Eventuelt\n")
    assert [(it.number, it.title, it.duration_minutes) for it in m.items] == [
        ("1", "Godkendelse af dagsorden", 5), ("2", "Regnskab 2019", 10), ("3", "Eventuelt", 2)]


def test_numbered_table_rows_are_items_and_people_rows_are_not() -> None:
    m = parse_text("Dagsorden\n\nDeltagere:\n| 1 | Jens Peter Hansen | Formand |\n| 2 | Ole Madsen | Kasserer |\n\n"
                   "| Nr. | Punkt | Tid |\n|---|---|---|\n| 1 | Godkendelse af dagsorden | 5 min. |\n"
                   "| 2 | Regnskab | 2 min. |\n| 3 | Eventuelt | |\n")
    assert [(it.number, it.title, it.duration_minutes) for it in m.items] == [
        ("1", "Godkendelse af dagsorden", 5), ("2", "Regnskab", 2), ("3", "Eventuelt", None)]


def test_durations_on_their_own_line_or_approximate() -> None:
    m = parse_text("Dagsorden\n\n1. Velkomst (ca. 10 min.)\n\n2. Regnskab\n15 min.\n\n3. Budget\nTid: 20 min\n\n"
                   "4. Eventuelt\n(5 minutter)\n")
    assert [(it.title, it.duration_minutes) for it in m.items] == [
        ("Velkomst", 10), ("Regnskab", 15), ("Budget", 20), ("Eventuelt", 5)]


def test_other_meetings_lend_no_time_and_prose_gives_place_and_minute_taker() -> None:
    m = parse_text("Referat\n\nByrådsmøderne begynder kl. 16.00\nNæste møde: 12. maj 2020 kl. 17\n\n"
                   "Mødet afholdes på Rådhuset, lokale 2.\n\n1. Godkendelse\nGodkendt\n\n"
                   "Referatet er skrevet af Lise Hansen.\n")
    assert (m.meeting.date, m.meeting.start_time) == (None, None)
    assert m.meeting.location == "Rådhuset"
    assert m.meeting.minute_takers == ["Lise Hansen"]


def test_labels_first_and_values_after_in_a_flattened_header() -> None:
    m = parse_text("Referat\n\nDato:\nTid:\nSted:\n12. marts 2020\nkl. 17.00\nRådhuset\n\n1. Godkendelse\nGodkendt\n")
    assert (m.meeting.date, m.meeting.start_time, m.meeting.location) == ("2020-03-12", "17:00", "Rådhuset")


def test_unnumbered_unlabelled_headings_over_their_paragraphs() -> None:
    m = parse_text("Referat fra bestyrelsesmøde 3. marts 2020\n\nTil stede: Ole, Pia\n\n"
                   "Godkendelse af dagsorden\nDagsordenen blev godkendt.\n\n"
                   "Økonomi\nKassereren gennemgik regnskabet, som blev godkendt.\n\n"
                   "Eventuelt\nDer var intet under eventuelt.\n")
    assert _items(m) == [(None, "Godkendelse af dagsorden", "Dagsordenen blev godkendt.", "approved"),
                         (None, "Økonomi", "Kassereren gennemgik regnskabet, som blev godkendt.", "approved"),
                         (None, "Eventuelt", "Der var intet under eventuelt.", "other")]


def test_a_body_from_the_meeting_word_gives_way_to_its_full_name() -> None:
    m = parse_text("Hvidovre Lokalråd\n\nReferat af lokalrådsmøde tirsdag den 4. februar 2020 kl. 19.00\n\n"
                   "1. Godkendelse af dagsorden\nGodkendt.\n")
    assert m.meeting.body == "Hvidovre Lokalråd"
    m = parse_text("ELEVRÅDSMØDE\nOnsdag d. 12/10-2022, kl. 12.15 - 13.00 i lokale 204\n\n"
                   "Ordstyrer: Sara    Referent: Amalie\n\nPunkt 1: Kantinen\nVi har talt med kantinen.\n")
    assert (m.meeting.body, m.meeting.chair, m.meeting.minute_takers) == ("Elevrådet", "Sara", ["Amalie"])


def test_group_headings_in_a_table_of_contents() -> None:
    m = parse_text("Referat\n\nIndholdsfortegnelse\nSager til beslutning\n12. Godkendelse af dagsorden\n"
                   "13. Høring om budget 2020\nSager til orientering\n14. Meddelelser fra formanden\n\n"
                   "12. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n")
    assert [(a.number, a.title) for a in m.agenda] == [
        ("12", "Godkendelse af dagsorden"), ("13", "Høring om budget 2020"), ("14", "Meddelelser fra formanden")]


def test_a_flattened_one_line_table_of_contents_with_groups_and_pages() -> None:
    m = parse_text("Referat\n\nIndholdsfortegnelse Sager til beslutning 12. Godkendelse af dagsorden ...... 3 "
                   "13. Høring om budget 2020 ..... 4 Sager til orientering 14. Meddelelser fra formanden ..... iv "
                   "Lukkede punkter 15. Personalesag ..... 6\n\n"
                   "12. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n")
    assert [(a.number, a.title) for a in m.agenda] == [
        ("12", "Godkendelse af dagsorden"), ("13", "Høring om budget 2020"),
        ("14", "Meddelelser fra formanden"), ("15", "Personalesag")]


def test_a_recommendation_label_ending_in_at_before_numbered_points() -> None:
    m = parse_text("Referat\n\n13. Høring\n\nIndstilling\nForvaltningen indstiller, at\n1. Rådet afgiver høringssvar\n"
                   "2. formanden færdiggør svaret\n\nBeslutning\nGodkendt.\n")
    assert m.items[0].recommendation is not None
    assert m.items[0].recommendation.clauses == ["Rådet afgiver høringssvar", "formanden færdiggør svaret"]


def test_attendance_in_a_sentence_with_the_absentee_after_it() -> None:
    m = parse_text("Referat af bestyrelsesmøde\n\nTil stede var: Hanne Bak, Jørgen Lund og Peter Skov. "
                   "Mette Dahl havde meldt afbud.\n\n1) Godkendelse af referat\nReferatet blev godkendt.\n")
    assert [(p.name, p.status) for p in m.participants] == [
        ("Hanne Bak", "present"), ("Jørgen Lund", "present"), ("Peter Skov", "present"), ("Mette Dahl", "absent")]


def test_ad_pkt_headings_with_minutes_and_an_approximate_end() -> None:
    m = parse_text("Grundejerforeningen Bøgelunden\n\nBestyrelsesmøde 5/3-2019 kl. 19.30-ca. 21.30 hos Karin\n\n"
                   "Tilstede: Karin Holm, Mogens Friis. Fraværende: Per Krogh.\n\n"
                   "Ad pkt. 1 – Godkendelse af dagsorden: Godkendt.\n\nAd pkt. 2 – Vejen: Mogens indhenter tilbud.\n\n"
                   "Ad pkt. 3 – Eventuelt: Intet.\n")
    assert (m.meeting.date, m.meeting.start_time, m.meeting.end_time, m.meeting.location) == (
        "2019-03-05", "19:30", "21:30", "hos Karin")
    assert [(p.name, p.status) for p in m.participants] == [
        ("Karin Holm", "present"), ("Mogens Friis", "present"), ("Per Krogh", "absent")]
    assert _items(m) == [("1", "Godkendelse af dagsorden", "Godkendt.", "approved"),
                         ("2", "Vejen", "Mogens indhenter tilbud.", "other"), ("3", "Eventuelt", "Intet.", "other")]


def test_markdown_saved_as_text_is_read_as_markdown(tmp_path) -> None:
    from referat_parser import parse_file
    from tests.conftest import FIXTURES

    md = FIXTURES / "dev2" / "ai-heatcontrol-F14.md"
    txt = tmp_path / "referat.txt"
    txt.write_bytes(md.read_bytes())
    as_txt, as_md = parse_file(txt), parse_file(md)
    assert as_txt.source.media_type == "text/markdown"
    assert as_txt.model_dump(exclude={"source"}) == as_md.model_dump(exclude={"source"})
    # A Word export with bold residue and one table rule is still plain text (two signs, not three).
    seed = parse_file(FIXTURES / "klynge-vest-2020-11-25.txt")
    assert seed.source.media_type == "text/plain"


def test_wide_gaps_are_column_edges() -> None:
    m = parse_text("Referat\n\nDeltagere:\nJens Hansen\t\tOle Madsen\nPia Lund      Karen Holm\n\n"
                   "1.\tGodkendelse af dagsorden      Godkendt\n2.\tUnderskrift af protokol\t\tUnderskrevet\n")
    assert [p.name for p in m.participants] == ["Jens Hansen", "Ole Madsen", "Pia Lund", "Karen Holm"]
    assert _items(m) == [("1", "Godkendelse af dagsorden", "Godkendt", "approved"),
                         ("2", "Underskrift af protokol", "Underskrevet", "other")]


def test_closing_line_ends_the_last_item_and_colon_minutes_open_with_a_pronoun() -> None:
    m = parse_text("Til stede: Erik, Randi\n\n7) Nyt fra forbundet: Intet nyt\n\n8) Evt.: Vi overvejer et kursus.\n\n"
                   "Mødet sluttede 21.00\nFor referat Søren\n")
    assert _items(m)[-1] == ("8", "Evt.", "Vi overvejer et kursus.", "other")
    assert (m.meeting.end_time, m.meeting.minute_takers) == ("21:00", ["Søren"])


def test_an_acronym_body_is_spelled_out_by_a_later_line() -> None:
    m = parse_text("Dagsorden til møde i KBG den 30. marts\n\n"
                   "Dagsorden for møde i Kommunalpolitisk Baggrundsgruppe d. 30. marts 2021, Kl. 19.00 på Zoom\n\n"
                   "1.) Valg af dirigent\n")
    assert m.meeting.body == "Kommunalpolitisk Baggrundsgruppe"


def test_minutes_told_in_the_past_tense_without_the_word_referat() -> None:
    m = parse_text("Beboermøde i afdeling 7\nTorsdag den 8. juni 2023 kl. 19.00\n\n"
                   "Pkt 1 Valg af dirigent\nOle Nielsen blev valgt.\n\n"
                   "Pkt 2 Beretning\nFormanden fremlagde beretningen.\n\n"
                   "Pkt 3 Forslag om hundeluftning\nForslaget blev nedstemt med 9 stemmer mod 5.\n")
    assert m.kind == "referat"
    assert _items(m)[2] == ("3", "Forslag om hundeluftning", "Forslaget blev nedstemt med 9 stemmer mod 5.",
                            "rejected")
    assert m.meeting.body != "Beboeret"  # a meeting of residents names no body "Beboer-et"


def test_a_numeric_date_with_a_space_before_the_year() -> None:
    m = parse_text("Referat - Bestyrelsesmøde\nDato: 14/1 2024\n\n1. Økonomi\nGodkendt.\n")
    assert m.meeting.date == "2024-01-14"


def test_participant_labels_for_one_group() -> None:
    m = parse_text("Referat\n\nDeltagere fra bestyrelsen: Ole Hansen, Pia Lund\nAfbud fra kommunerne: Jens Berg\n\n"
                   "1. Godkendelse\nGodkendt\n")
    assert [(p.name, p.status, p.note) for p in m.participants] == [
        ("Ole Hansen", "present", "bestyrelsen"), ("Pia Lund", "present", "bestyrelsen"),
        ("Jens Berg", "absent", "kommunerne")]


def test_a_decision_label_inside_the_heading_line() -> None:
    m = parse_text("Referat\n\n3. Budget. Beslutning: Godkendt.\n4. Godkendelse af referat Udskudt.\n")
    assert _items(m) == [("3", "Budget", "Godkendt.", "approved"),
                         ("4", "Godkendelse af referat", "Udskudt.", "postponed")]  # "referat" is a word here


def test_next_meeting_line_closes_the_minutes() -> None:
    m = parse_text("Referat\n\n1. Økonomi\nGodkendt.\n2. Evt.\nIntet.\n\nNæste møde: 11/2 2024 kl. 19\n")
    assert _items(m)[-1] == ("2", "Evt.", "Intet.", "other")
    m = parse_text("Referat\n\n1. Økonomi\nGodkendt.\n2. Næste møde\nNæste møde: 11/2 2024 kl. 19\n")
    assert _items(m)[-1] == ("2", "Næste møde", "Næste møde: 11/2 2024 kl. 19", "other")  # the item's own text


def test_a_role_without_a_name_does_not_end_a_list_of_names() -> None:
    m = parse_text("Menighedsrådsmøde\nDato: 12.9.2022  Tid: 19.00  Sted: Præstegården\n\n"
                   "Tilstede: Anne, Bent, Carl, Dorthe og præsten\nFraværende: Erik (afbud)\n\n"
                   "Pkt. 1: Godkendelse af dagsorden – godkendt\n")
    assert [(p.name, p.status) for p in m.participants] == [
        ("Anne", "present"), ("Bent", "present"), ("Carl", "present"), ("Dorthe", "present"), ("Erik", "absent")]
    assert (m.meeting.date, m.meeting.start_time, m.meeting.location) == ("2022-09-12", "19:00", "Præstegården")


def test_a_body_named_with_for_and_no_person_line_as_body() -> None:
    m = parse_text("Referat af møde i Lokalrådet for Vestby\n\nDato: 21. april 2021\n\nDeltagere:\n"
                   "Karen Jensen, formand\nPer Olsen\n\n1. Velkomst\nKaren bød velkommen.\n")
    assert m.meeting.body == "Lokalrådet for Vestby"


def test_attendees_listed_only_under_their_groups() -> None:
    m = parse_text("Skolebestyrelsen\nMødedato: 10-02-2022\n\nForældrevalgte: Anne Lund, Trine Holm\n"
                   "Fra ledelsen: skoleleder Helle Nørgaard\nAfbud: Trine Holm\n\n1. Godkendelse af dagsorden\n"
                   "Beslutning: Godkendt.\n")
    assert {p.name: p.status for p in m.participants} == {
        "Anne Lund": "present", "Helle Nørgaard": "present", "Trine Holm": "absent"}


def test_p24_a_sub_heading_under_an_unlabelled_item_is_no_decision_where_labels_decide() -> None:
    """Research phenomenon 24: the document labels its decisions ("Beslutning:"); item 2 has no label and
    only a sub-heading under it ("Beslutningspunkter"): no decision (FORMAT.md, labels decide per
    document). An unlabelled item that holds minutes keeps them (the klynge seed's "8. Evt.")."""
    m = parse_text("Referat menighedsrådsmøde den 3.5.2021\n\n1. Godkendelse af dagsorden\nBeslutning:\nGodkendt.\n\n"
                   "2. Bemærkninger til dagsordenen:\n\nBeslutningspunkter\n\n3. Indkøb af ny plæneklipper\n"
                   "Beslutning:\nGodkendt.\n")
    assert _items(m) == [("1", "Godkendelse af dagsorden", "Godkendt.", "approved"),
                         ("2", "Bemærkninger til dagsordenen", None, None),
                         ("3", "Indkøb af ny plæneklipper", "Godkendt.", "approved")]
    m = parse_text("Referat\n\n1. Budget\nBeslutning:\nGodkendt.\n\n2. Eventuelt\n\n"
                   "Formanden orienterede om den nye hjemmeside.\n")
    assert _items(m)[1] == ("2", "Eventuelt", "Formanden orienterede om den nye hjemmeside.", "other")


def test_p25_double_spaced_title_broken_after_a_preposition_runs_on_over_the_blank_line() -> None:
    # research phenomenon 25: every line of the PDF text is followed by a blank line
    m = parse_text("Referat\n\n1. Godkendelse af dagsordenen. Godkendt.\n\n"
                   "2. Udvalgets arbejdsplan, herunder fordeling af\n\nopgaver.\n\nOle Bak påtager sig opgaven.\n")
    assert _items(m)[1] == ("2", "Udvalgets arbejdsplan, herunder fordeling af opgaver.",
                            "Ole Bak påtager sig opgaven.", "other")
    # a title that ends in a noun stands; a lower-case line below it is its minutes
    m = parse_text("Referat\n\n1. Kassen\n\nregnskabet blev godkendt.\n")
    assert _items(m) == [("1", "Kassen", "regnskabet blev godkendt.", "approved")]


def test_p25_place_cut_before_its_address_runs_on_to_the_postcode_line() -> None:
    m = parse_text("Udvalgets 2. møde i 2015 tirsdag den 12. maj kl. 14,30-16,00\n\n"
                   "Mødet holdes i Seniorhusets lokaler, Lange\n\nAllé 12, 5000 Odense C\n\n"
                   "1. Godkendelse af dagsordenen. Godkendt.\n")
    assert m.meeting.location == "Seniorhusets lokaler, Lange Allé 12, 5000 Odense C"
    # a next line without a postcode and a town is not the place's
    m = parse_text("Udvalgets 2. møde i 2015 tirsdag den 12. maj kl. 14,30-16,00\n\n"
                   "Mødet holdes i Seniorhusets lokaler\n\nAlle medlemmer var mødt\n\n"
                   "1. Godkendelse af dagsordenen. Godkendt.\n")
    assert m.meeting.location == "Seniorhusets lokaler"
