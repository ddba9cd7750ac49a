"""Stage 1: normalize — clean lines, input line numbers kept."""

from __future__ import annotations

from referat_parser.normalize import normalize


def texts(s: str) -> list[str]:
    return [line.text for line in normalize(s) if line.text]


def test_crlf_nbsp_soft_hyphen_zero_width() -> None:
    lines = normalize("Møde\u00a0i\u00a0Udvalget\r\nSags\u00adfrem\u200bstilling\r\n")
    assert [ln.text for ln in lines if ln.text] == ["Møde i Udvalget", "Sagsfremstilling"]
    assert [ln.no for ln in lines if ln.text] == [1, 2]


def test_html_paragraphs_and_tabs_split_but_keep_the_line_number() -> None:
    raw = "Deltagere:\t<p>Direktør, Tue Von Pålman, Thisted Kommune</p> <p>Chef Charlotte Saaby</p>\t\t"
    lines = [ln for ln in normalize(raw) if ln.text]
    assert [ln.text for ln in lines] == [
        "Deltagere:", "Direktør, Tue Von Pålman, Thisted Kommune", "Chef Charlotte Saaby"]
    assert {ln.no for ln in lines} == {1}


def test_header_fields_on_one_tab_separated_line() -> None:
    raw = "Mødedato: 25. november 2020\tTidspunkt: Kl.13.00 – 15.00\tSted: Digitalt møde\tReferent: A/ B"
    assert texts(raw) == ["Mødedato: 25. november 2020", "Tidspunkt: Kl.13.00 – 15.00",
                          "Sted: Digitalt møde", "Referent: A/ B"]


def test_markdown_bold_glue_splits_a_whole_item_line() -> None:
    raw = "Det indstilles:**1. At Klynge styregruppe Vest drøfter SDCN's henvendelse.****Referat:**"
    assert texts(raw) == ["Det indstilles:", "1. At Klynge styregruppe Vest drøfter SDCN's henvendelse.",
                          "Referat:"]


def test_bullets_become_flag_and_canonical_prefix() -> None:
    lines = [ln for ln in normalize("- 1. At X.**\n• punkt\n➢ Der er\no tredje\n-12 grader") if ln.text]
    assert [(ln.text, ln.bullet) for ln in lines] == [
        ("- 1. At X.", True), ("- punkt", True), ("- Der er", True), ("- tredje", True),
        ("-12 grader", False)]


def test_page_marks_spaced_letters_and_residue() -> None:
    raw = "R e f e r a t\nTil toppen\nfold dette punkt ind Beslutning\nTekst Side! 1 af! 6\nVi bruger cookies her."
    assert texts(raw) == ["Referat", "Beslutning", "Tekst"]


def test_glued_label_and_glued_heading_are_split() -> None:
    assert texts("1. Meddelelse fra formandenReferat") == ["1. Meddelelse fra formanden", "Referat"]
    assert texts("10. Eventuelt1. Orientering og rundvisning") == [
        "10. Eventuelt", "1. Orientering og rundvisning"]


def test_flattened_pdf_line_is_cut_at_labels_and_numbering() -> None:
    raw = ("1 ! Referat MØDE Seniorråd Til stede: Finn Hansen, Jørgen Simonsen. Gæster: ingen "
           "TEMA: FORMALIA 1. Godkendelse af dagsorden. Godkendt. 2. Godkendelse af referat "
           "Godkendt. 3. Dagsordener for de politiske udvalg den 8. Juni og mere tekst for at blive lang")
    out = texts(raw)
    assert "Til stede: Finn Hansen, Jørgen Simonsen." in out
    assert "1. Godkendelse af dagsorden. Godkendt." in out
    assert "2. Godkendelse af referat Godkendt." in out
    assert out[0].startswith("Referat MØDE")


def test_idempotent() -> None:
    raw = "Deltagere:\t<p>A B</p>\n\n\n- x **y**\nR e f e r a t"
    once = "\n".join(ln.text for ln in normalize(raw))
    twice = "\n".join(ln.text for ln in normalize(once))
    assert once == twice


def test_web_residue_glued_to_a_heading_is_cut_off() -> None:
    """Research phenomenon 6a: "1. Godkendelse af dagsordenKlik her for at folde ud og læse mere om …"."""
    lines = [x.text for x in normalize("1. Godkendelse af dagsordenKlik her for at folde ud og læse mere om "
                                       "Godkendelse af dagsorden\nBeslutning\nGodkendt\n") if x.text]
    assert lines == ["1. Godkendelse af dagsorden", "Beslutning", "Godkendt"]
    # not glued (a space before it), or inside a sentence: the text stays
    kept = "Se referatet. Klik her for at læse det hele."
    assert [x.text for x in normalize(kept) if x.text] == [kept]
