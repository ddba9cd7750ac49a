"""The meeting's date among several in the header (extract/header.py ``_meeting_date``)."""

from __future__ import annotations

from referat_parser.pipeline import parse_data


def test_a_post_or_print_date_alone_above_the_meeting_date_is_not_the_meetings() -> None:
    """Research phenomenon 14: the first date stands alone on its line; the meeting's is attached to the
    meeting word, or its year is the one the minutes name."""
    post = "• den 4. maj 2021\n\nBestyrelsesmøde den 2. maj, 2021\n\nReferat\n\nPunkt 1. Kassen: Regnskabet er klar.\n"
    assert parse_data(post)["meeting"]["date"] == "2021-05-02"
    printed = ("Fredag, 14 juni 2019\n3. maj 2011 (ekstraordinær)\n\nREFERAT\n\n1. Godkendelse af dagsorden.\n"
               "Dagsorden godkendt.\n\n2. Orienteringsmødet d. 18. maj 2011.\nPlanlagt.\n")
    assert parse_data(printed)["meeting"]["date"] == "2011-05-03"
    # a date alone on its line with nothing to set against it stays the meeting's
    assert parse_data("Tirsdag den 3. maj 2022\n\n1. Budget\nGodkendt.\n")["meeting"]["date"] == "2022-05-03"


def test_minutes_without_a_header_take_date_and_place_from_the_head_of_a_decision() -> None:
    """Research phenomenon 29: "Beslutning fra X" / "Dato: …" / "Sted: …" under every item, no header."""
    block = "Beslutning fra Kulturrådet\n\nDato: 3. maj 2021\n\nSted: Mødesal 2, Rådhuset\n\nFraværende: Ole Bak\n\n"
    text = (f"1.      Godkendelse af dagsorden\n\nSagsfremstilling\n\n{block}Godkendt.\n\n"
            f"2.      Orientering\n\n{block}Taget til efterretning.\n")
    d = parse_data(text)
    assert (d["meeting"]["date"], d["meeting"]["location"]) == ("2021-05-03", "Mødesal 2, Rådhuset")
    assert [i["decision"]["text"] for i in d["items"]] == ["Godkendt.", "Taget til efterretning."]
    # a header that says when and where is not overridden by a decision's head
    d = parse_data("Referat\nDato: 4. maj 2021\nSted: Salen\n\n" + text)
    assert (d["meeting"]["date"], d["meeting"]["location"]) == ("2021-05-04", "Salen")


def test_p27_labels_first_and_their_values_after_on_one_flattened_line() -> None:
    """Research phenomenon 27: "Dato: Mødetid: Kl Mødested: Udsendt: Afbud: Torsdag den 3-maj-2001
    Byrådssalen": the labels' values follow the last of them; the date is the date label's, what
    follows it the place label's, and the absence label that carried them lists nobody."""
    d = parse_data("Vestby Kommune. Byrådet. Referat\n\n"
                   "Dato: Mødetid: Kl Mødested: Udsendt: Afbud: Torsdag den 3-maj-2001 Byrådssalen "
                   "Fraværende: Ingen.\n\n1. Godkendelse af dagsorden\nGodkendt\n")
    m = d["meeting"]
    assert (m["body"], m["date"], m["location"], m["start_time"]) == ("Byrådet", "2001-05-03", "Byrådssalen", None)
    assert d["participants"] == []
    # with its time: the place is what follows the date and the time
    d = parse_data("Referat\n\nDato: Tid: Sted: Referent: 3. maj 2001 kl. 17.00 Rådhuset, mødesal 1\n\n"
                   "1. Budget\nGodkendt\n")
    m = d["meeting"]
    assert (m["date"], m["start_time"], m["location"], m["minute_takers"]) == (
        "2001-05-03", "17:00", "Rådhuset, mødesal 1", [])
    # labels with values of their own are left as they are
    d = parse_data("Referat\n\nDato: 3. maj 2001 Sted: Rådhuset\n\n1. Budget\nGodkendt\n")
    assert (d["meeting"]["date"], d["meeting"]["location"]) == ("2001-05-03", "Rådhuset")


def test_the_date_is_weighed_among_readings_that_say_where_they_came_from() -> None:
    """Every date the proposers offer is a reading with named evidence; a field's date beats an older
    date on a header line (a reference to an earlier meeting, "Referat af mødet 10.2.2016")."""
    from referat_parser.extract import meeting_date
    from referat_parser.extract.header import extract_header
    from referat_parser.pipeline import tokens_of
    from referat_parser.sections import detect

    text = ("Opfølgning på mødet 10. februar 2016\n\nDato: 21. august 2019\n\n1. Godkendelse af dagsorden\n"
            "Godkendt\n")
    h = extract_header(detect(tokens_of(text)), has_decisions=True)
    assert h.date == "2019-08-21"
    by_value = {r.value: r.x for r in h.dates}
    assert set(by_value) == {"2016-02-10", "2019-08-21"}
    assert by_value["2019-08-21"]["labelled"] == 1 and by_value["2016-02-10"]["header_line"] == 1
    assert all(set(x) <= set(meeting_date.NAMES) for x in by_value.values())


def test_the_shipped_date_weights_name_only_shape_features() -> None:
    from referat_parser.extract import meeting_date

    model = meeting_date.shipped()
    assert set(model.weights) == set(meeting_date.NAMES) and model.meta["command"] == "python train/fit.py"
    assert model.weights["offered_first"] > 0 and model.weights["labelled"] > 0


def test_no_date_is_invented() -> None:
    assert parse_data("Referat\n\n1. Budget\nGodkendt.\n")["meeting"]["date"] is None


def test_the_header_says_how_it_chose_where_it_had_a_choice() -> None:
    """A ``header-chosen`` diagnostic (info) names the runner-up and the features that decided, or the
    policy that chose; none where a field had one reading."""
    post = "• den 4. maj 2021\n\nBestyrelsesmøde den 2. maj, 2021\n\nReferat\n\nPunkt 1. Kassen: Regnskabet er klar.\n"
    why = [d for d in parse_data(post)["diagnostics"] if d["code"] == "header-chosen"]
    assert [(d["level"], d["message"]) for d in why if d["message"].startswith("date")] == [
        ("info", "date '2021-05-02' by policy: a post or print date alone on its line gives way to the "
                 "meeting's; the weights preferred '2021-05-04'")]
    page = ("Foreningen Lyst - 03.05.2019\n\nGå til indhold\n\nReferat fra Beboerrådets møde 3. maj 2019\n\n"
            "1. Godkendelse af dagsorden.\nGodkendt\n")
    body = [d["message"] for d in parse_data(page)["diagnostics"] if d["code"] == "header-chosen"]
    assert len(body) == 1 and body[0].startswith("body 'Beboerrådet' over 'Foreningen Lyst', margin ")
    assert "meeting_phrase" in body[0].split("decided most by ")[1]
    one = "Referat\nDato: 3. maj 2021\n\n1. Budget\nGodkendt.\n"
    assert not [d for d in parse_data(one)["diagnostics"] if d["code"] == "header-chosen"]


def test_a_range_of_clock_times_needs_no_kl_where_no_month_could_be_meant() -> None:
    """dev3 charlottenlundgruppe: "Onsdag den 22. marts fra 18.00-20.00" has no "kl."; minutes of 00 or
    over 12 are no month, so the range is a clock's. "1.10-3.12" may be two dates and is not read."""
    from referat_parser import patterns as P
    from referat_parser.extract.dates import find_times

    for text, want in [("fra 18.00-20.00", ("18:00", "20:00")), ("møde 19.30 - 21.30", ("19:30", "21:30")),
                       ("fra 1.10-3.12", (None, None)), ("18.10-20.11", (None, None)),
                       ("12.00-11.00", (None, None))]:
        with P.deadline(text):
            assert find_times(text) == want, text
    m = parse_data("Gruppemøde\n\nKære forældre\n\nVi mødes i hytten onsdag den 22. marts fra 18.00-20.00.\n\n"
                   "Dagsorden:\n\n1. Valg af ordstyrer\n2. Eventuelt\n")["meeting"]
    assert (m["start_time"], m["end_time"]) == ("18:00", "20:00")


def test_p14_a_truncated_snippet_above_the_full_line_gives_no_time() -> None:
    """Research phenomenon 14: a search result's snippet, cut off with "...", stands above the line it
    copies; the full line's "kl. 14,30-16,00" is the meeting's time, not the snippet's "kl. 14"."""
    snippet = "Udvalgets 2. møde i 2015, tirsdag den 12. maj kl. 14 ..."
    full = "Udvalgets 2. møde i 2015 tirsdag den 12. maj kl. 14,30-16,00"
    d = parse_data(f"{snippet}\n\nvestby.dk\n\n{full}\n\n1. Godkendelse af dagsordenen. Godkendt.\n")
    m = d["meeting"]
    assert (m["date"], m["start_time"], m["end_time"]) == ("2015-05-12", "14:30", "16:00")
    assert m["title"] == full
    # a line cut short that no later line prints in full is no snippet: its time stands
    alone = parse_data(f"{snippet}\n\n1. Godkendelse af dagsordenen. Godkendt.\n")["meeting"]
    assert (alone["start_time"], alone["title"]) == ("14:00", snippet)


def test_p14_a_print_stamp_above_the_meeting_line_is_not_the_meetings_date() -> None:
    """A print, post or update stamp ("Printet 14.06.2021") has the shape of a date alone on its line."""
    d = parse_data("Printet 14.06.2021\nSkolebestyrelsen\nReferat fra mødet den 3. maj 2021\n\n"
                   "1. Godkendelse af dagsorden\nGodkendt.\n")
    assert d["meeting"]["date"] == "2021-05-03"


def test_the_end_time_in_a_closing_line_with_the_bare_word_for_end() -> None:
    d = parse_data("Referat af møde 12. marts 2019\nMødet startede 19:05\n\n1. Godkendelse af dagsorden\nGodkendt.\n\n"
                   "2. Eventuelt\nIntet.\n\nMødet slut 21:40\n")
    assert (d["meeting"]["start_time"], d["meeting"]["end_time"]) == ("19:05", "21:40")


def test_start_and_end_labels_and_a_date_in_a_time_field() -> None:
    m = parse_data("Børne- og Skoleudvalget\nREFERAT\nDato: 12. marts 2019\nStart kl.: 15:00\nSlut kl.: 17:00\n\n"
                   "1. Godkendelse af dagsorden\nGodkendt.\n")["meeting"]
    assert (m["start_time"], m["end_time"]) == ("15:00", "17:00")
    # a time field that holds the date too: "03-11" is the date's, no range of hours
    m = parse_data("Handicaprådet\nReferat\nSTARTTIDSPUNKT\n03-11-2015 16:30:00\nSLUTTIDSPUNKT\n03-11-2015 19:00:00\n\n"
                   "1. Godkendelse af dagsorden\nGodkendt.\n")["meeting"]
    assert (m["date"], m["start_time"], m["end_time"]) == ("2015-11-03", "16:30", "19:00")
