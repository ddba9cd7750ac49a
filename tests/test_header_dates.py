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
