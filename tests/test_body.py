"""The body that met as a fitted choice among readings (extract/body.py; issue 21 item 1)."""

from __future__ import annotations

from referat_parser.extract.body import NAMES, clean, related, shipped
from referat_parser.extract.header import _named_bodies, extract_header
from referat_parser.extract.readings import Reading, Readings, choose
from referat_parser.pipeline import parse_data, tokens_of
from referat_parser.sections import detect
from referat_parser.structure.model import Model

ITEMS = "\n\n1. Godkendelse af dagsorden\nGodkendt.\n\n2. Eventuelt\nIntet.\n"


def _body(text: str) -> str | None:
    return parse_data(text)["meeting"]["body"]


def test_a_labelled_body_stands() -> None:
    assert _body("Referat 3. maj 2022\nUdvalg: Kultur- og Fritidsudvalget" + ITEMS) == "Kultur- og Fritidsudvalget"


def test_the_body_the_text_names_most_when_the_header_names_none() -> None:
    """"Referat 22.11.07" names no body; the minutes speak of "landsbyrådet" three times."""
    text = ("Referat 22.11.07\n\n1. Vedtægter\nLandsbyrådet gennemgik vedtægterne.\n\n2. Valg\n"
            "Landsbyrådets formand blev genvalgt. Landsbyrådet takkede.\n")
    assert _body(text) == "Landsbyrådet"


def test_a_compound_meeting_word_in_the_items_gives_the_body() -> None:
    """FORMAT.md: "menighedsrådsmøde" -> Menighedsrådet, even where only the items say it."""
    text = ("Referat 2. juni 2021\n\n1) Økonomi. Budgettet vedtages på et menighedsrådsmøde i juni.\n"
            "2) Kursus. Punktet tages op på næste menighedsrådsmøde.\n")
    assert _body(text) == "Menighedsrådet"


def test_an_annual_meeting_is_its_own_body() -> None:
    text = ("Spejdergruppen Vest\nSå er det tid til det årlige Gruppemøde, vores svar på en generalforsamling."
            + ITEMS)
    assert _body(text) == "Gruppemødet"


def test_an_ordinary_meeting_of_a_body_is_that_bodys() -> None:
    assert _body("Referat af ordinært menighedsrådsmøde 4. maj 2021" + ITEMS) == "Menighedsrådet"


def test_the_texts_full_name_for_the_titles_noun() -> None:
    """"Rådsmøde" in the title, "Menighedsrådet godkendte" in the items: the body is Menighedsrådet."""
    assert _body("Rådsmøde 03.05.2021\n\n1 Regnskab\nMenighedsrådet godkendte regnskabet.\n") == "Menighedsrådet"


def test_a_body_named_by_one_word_after_a_kind_word_and_its_region() -> None:
    """Research phenomenon 17: "B E S L U T N I N G E R REGION NORD TEKNIKUDVALGET Tirsdag den …"."""
    text = "B E S L U T N I N G E R REGION NORD TEKNIKUDVALGET Tirsdag den 5. marts 2019" + ITEMS
    header = extract_header(detect(tokens_of(text)), has_decisions=False)
    words = {r.value: r.x for r in header.bodies}
    assert words["TEKNIKUDVALGET"]["named_word"] == 1.0  # as printed: a name is never invented
    assert _body(text) == "TEKNIKUDVALGET"
    assert _body("Vestby Kommune. Teknikudvalget" + ITEMS) == "Teknikudvalget"
    assert _body("Referat\nUdvalg: Sundheds- og Omsorgsudvalget" + ITEMS) == "Sundheds- og Omsorgsudvalget"


def test_a_body_name_may_open_with_an_article() -> None:
    assert _body("Det lokale råd - Dagsordener og referater\nMødedato: 3. maj 2021" + ITEMS) == "Det lokale råd"


def test_an_ordinal_meeting_belongs_to_the_body_before_it() -> None:
    assert _body("Udvalgets 3. møde i 2016, onsdag den 11. maj kl. 10" + ITEMS) == "Udvalget"


def test_a_genitive_meeting_names_the_body_in_its_definite_form() -> None:
    assert _body("Dagsorden/referat - Forældrebestyrelses møde i Vestby Børnehus" + ITEMS) == "Forældrebestyrelsen"


def test_clean_drops_what_was_read_with_the_name() -> None:
    assert clean("Stiftsrådet i Aarhus Stift torsdag,") == "Stiftsrådet i Aarhus Stift"
    assert clean("Ordinær Generalforsamling") == "Generalforsamling"
    assert clean("OS2 Heat Control møde") == "OS2 Heat Control"
    assert clean("Ekstraordinær generalforsamling") == "Ekstraordinær generalforsamling"


def test_named_bodies_count_definite_genitive_and_meeting_forms_once_a_word() -> None:
    assert _named_bodies("rådet mødtes. Rådets formand og samrådet") == [("Rådet", 2), ("samrådet", 1)]
    assert _named_bodies("Punktet tages op på næste menighedsrådsmøde og på menighedsrådsmødet.") == \
        [("Menighedsrådet", 2)]
    assert _named_bodies("ingen her") == []


def test_related_marks_the_more_specific_name_and_counts_the_evidence() -> None:
    readings = [Reading("Bestyrelsen", 0, {"title": 1.0, "first_line": 1.0}),
                Reading("Forældrebestyrelsen", 1, {"first_line": 1.0})]
    out = {r.value: r.x for r in related(readings)}
    assert out["Forældrebestyrelsen"]["specific"] == 1.0 and out["Bestyrelsen"]["generic"] == 1.0
    assert out["Bestyrelsen"]["sources"] > out["Forældrebestyrelsen"]["sources"]


def test_one_value_offered_twice_is_one_reading_with_both_marks_and_the_first_spelling() -> None:
    found = Readings(lambda value, line: {"words": float(len(value.split()))})
    found.offer("Faglig strategisk gruppe", -1, labelled=1)
    found.offer("Faglig Strategisk Gruppe", 0, title=1)
    [reading] = found.all()
    assert reading.value == "Faglig strategisk gruppe" and reading.line == 0
    assert reading.x == {"words": 3.0, "labelled": 1.0, "title": 1.0}
    assert choose([reading], Model({"labelled": 1.0}, -0.5)) == reading
    assert choose([reading], Model({"labelled": 1.0}, -2.0)) is None


def test_the_shipped_body_weights_name_only_shape_and_evidence_features() -> None:
    model = shipped()
    assert set(model.weights) == set(NAMES) and model.meta["command"] == "python train/fit.py"
    assert model.weights["labelled"] > 0


def test_a_meeting_word_in_capitals_gives_the_body_as_a_name_is_written() -> None:
    """dev3 team-u-frivillig, dev2 sejerstrande: "REFERAT FRA BESTYRELSESMØDE …" gave "BESTYRELSEet"
    (the definite ending chosen by a lower-case test, glued to capitals)."""
    assert _named_bodies("REFERAT FRA BESTYRELSESMØDE I TEAM U\nBestyrelsesmøde igen") == [("Bestyrelsen", 2)]
    d = parse_data("Referater / Referat 28.2.2024\n\nREFERAT FRA BESTYRELSESMØDE I TEAM U - FRIVILLIG\n"
                   "ONSDAG D. 28. FEBRUAR 2024\nBORGERNES HUS\n\n1. Budget\nGodkendt.\n")
    assert d["meeting"]["body"] == "Bestyrelsen"


def test_a_year_makes_a_body_name_no_more_specific() -> None:
    """dev2 medlemsservice F10: "Generalforsamling 2026" is not a more specific name than
    "Generalforsamling" (the gold ignores a printed term), so it earns no "specific" evidence; a
    name with more words is ("Forældrebestyrelsen" beside "Bestyrelsen")."""
    found = related([Reading("Generalforsamling 2026", 0, {}), Reading("Generalforsamling", 1, {})])
    assert [(r.x["specific"], r.x["generic"]) for r in found] == [(0.0, 0.0), (0.0, 0.0)]
    found = related([Reading("Forældrebestyrelsen", 0, {}), Reading("Bestyrelsen", 1, {})])
    assert [(r.x["specific"], r.x["generic"]) for r in found] == [(1.0, 0.0), (0.0, 1.0)]


def test_a_meeting_word_in_its_definite_form_gives_the_body() -> None:
    """"Referat fra menighedsrådsmødet …": the compound meeting word with "-et" names the body as well."""
    m = parse_data("Referat fra menighedsrådsmødet onsdag 3. maj 2021 kl. 19.00 i Sognehuset\n\n"
                   "1. Godkendelse af dagsorden\nGodkendt.\n")["meeting"]
    assert (m["body"], m["location"]) == ("Menighedsrådet", "Sognehuset")


def test_another_body_named_in_an_item_is_no_fuller_name_of_the_one_that_met() -> None:
    """"Socialudvalget" heads the minutes; "… sendes til Økonomiudvalget" in a recommendation shares the
    noun "udvalg" but is another body, not a fuller name of the first (as "Menighedsrådet" is of "Rådet")."""
    d = parse_data("Vestby Kommune\nSocialudvalget\nReferat\nDato: 12. marts 2019\n\n1. Budget 2020\nIndstilling\n"
                   "Forvaltningen indstiller, at\n1. budgettet godkendes\n2. budgettet sendes til Økonomiudvalget\n"
                   "Beslutning\nAnbefales.\n\nSocialudvalget 12. marts 2019\n")
    assert d["meeting"]["body"] == "Socialudvalget"


def test_a_board_meeting_of_a_named_organisation_is_the_boards() -> None:
    """Research phenomenon 10: "Bestyrelsesmøde i Boligforeningen Lyset" is the board's meeting; the
    organisation's name is no fuller name of "Bestyrelsen" (its stem is only in the meeting word)."""
    text = "Bestyrelsesmøde i Boligforeningen Lyset\nDato: 12. marts 2019\nSted: Fælleshuset, Lysvej 4" + ITEMS
    header = extract_header(detect(tokens_of(text)), has_decisions=True)
    assert not {r.value: r.x for r in header.bodies}.get("Boligforeningen Lyset", {}).get("spelled_out")
    assert _body(text) == "Bestyrelsen"
