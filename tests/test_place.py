"""The meeting place as a fitted choice among readings (extract/place.py, readings.py; issue 21 item 1)."""

from __future__ import annotations

import pytest

from referat_parser.extract.place import NAMES, candidates, choose, shipped
from referat_parser.extract.readings import Reading
from referat_parser.pipeline import parse_data, tokens_of
from referat_parser.structure.model import Model
from referat_parser.tokenize import BLANK

ITEMS = "\n\n1. Godkendelse af dagsorden\nGodkendt.\n\n2. Eventuelt\nIntet.\n"


def _place(header: str) -> str | None:
    return parse_data(header + ITEMS)["meeting"]["location"]


def test_the_name_after_the_time_on_the_date_line_with_a_lower_case_word() -> None:
    """"… kl. 17:00 Byrådets mødesal": a place after the time, no comma, not all capitalised."""
    assert _place("Referat\nByrådet\n14-03-2019 kl. 17:00 Byrådets mødesal") == "Byrådets mødesal"


def test_a_line_of_its_own_below_a_time_line_under_the_date() -> None:
    """Date, time and place stacked one per line: the place stands beside the time line, not the date's."""
    assert _place("Referat af møde i Handicaprådet\nMandag den 12. marts 2019\nKl. 13.00 – 15.00\n"
                  "Rådhuset, mødelokale 2") == "Rådhuset, mødelokale 2"


def test_a_line_opening_with_a_preposition_above_the_date_line() -> None:
    """"Der afholdes ordinært menighedsrådsmøde" / "i Kirkecenter Højvangen" / "Onsdag, den 26. juni …":
    the sentence was wrapped before its place, which stands over the date as well as under it."""
    lines = [t for t in tokens_of("Der afholdes ordinært menighedsrådsmøde\n\ni Kirkecenter Højvangen\n\n"
                                  "Onsdag, den 26. juni 2019 kl. 19:00 – 21:00") if t.kind != BLANK]
    found = {p.value: p.x for p in candidates(lines, lines, [])}
    assert found["Kirkecenter Højvangen"]["preposition"] == 1.0 and found["Kirkecenter Højvangen"]["own_line"] == 1.0
    assert _place("Der afholdes ordinært menighedsrådsmøde\n\ni Kirkecenter Højvangen\n\n"
                  "Onsdag, den 26. juni 2019 kl. 19:00 – 21:00") == "Kirkecenter Højvangen"


def test_a_line_beside_a_time_line_is_told_from_one_beside_a_date_line() -> None:
    lines = [t for t in tokens_of("Referat\nMandag den 12. marts 2019\nKl. 13.00 – 15.00\nRådhuset, mødelokale 2")
             if t.kind != BLANK]
    x = {p.value: p.x for p in candidates(lines, lines, [])}["Rådhuset, mødelokale 2"]
    assert (x["beside_time"], x.get("beside_when", 0.0)) == (1.0, 0.0)


def test_a_place_label_printed_without_its_colon_is_no_part_of_the_place() -> None:
    assert _place("Referat\nKommunalbestyrelsen\nDato 12-03-2019 Tidspunkt 17:00 - 19:30 Sted Byrådssalen") \
        == "Byrådssalen"
    assert _place("Referat\nKommunalbestyrelsen\n12-03-2019 kl. 17:00 Mødelokale 1") == "Mødelokale 1"


def test_a_noun_for_a_place_to_meet_is_a_shape_of_the_reading() -> None:
    """"Forsamlingshuset" alone under the date line: a place by its noun, where "Protokol" is none."""
    lines = [t for t in tokens_of("Lokalrådet for Vestby\nReferat af møde 12. marts 2019 kl. 19\nForsamlingshuset")
             if t.kind != BLANK]
    assert {p.value: p.x["place_noun"] for p in candidates(lines, lines, [])} == {"Forsamlingshuset": 1.0}
    assert _place("Lokalrådet for Vestby\nReferat af møde 12. marts 2019 kl. 19\nForsamlingshuset") \
        == "Forsamlingshuset"


def test_what_a_time_and_place_field_holds_after_its_date_and_time() -> None:
    assert _place("Referat af bestyrelsesmøde\nTid og sted: 02.05.2022 kl 19, 7100 Vejle") == "7100 Vejle"


def test_a_meeting_verb_with_a_place_in_lower_case_before_a_colon() -> None:
    """"Vi mødes i klubhuset: Tirsdag den …": the place is the words between the preposition and the colon."""
    assert _place("Forældremøde\nVi mødes i klubhuset: Tirsdag den 3. maj fra 17.00-19.00") == "klubhuset"


def test_a_meeting_verb_some_words_before_the_place_and_a_time_after_it() -> None:
    assert _place("Bestyrelsesmøde\nVi mødes onsdag den 4.5 2022 i Kastanjehuset 17.00-20.00") == "Kastanjehuset"


def test_an_idiom_after_a_meeting_verb_is_no_place() -> None:
    text = "Generalforsamling 2021\nGeneralforsamlingen afholdes i henhold til vedtægterne digitalt den 27. maj 2021"
    assert _place(text) is None


def test_a_fields_value_keeps_its_preposition() -> None:
    """"Sted: Hos Karen": the preposition is part of a field's value; after a time it is not."""
    assert _place("Bestyrelsesmøde 12. april 2023\nSted: Hos Karen") == "Hos Karen"
    assert _place("Bestyrelsesmøde 12. april 2023 kl. 19 i Mødelokale 3") == "Mødelokale 3"


def test_one_reading_seen_by_two_proposers_adds_its_evidence() -> None:
    lines = [t for t in tokens_of("Referat\n12. april 2023 kl. 19 i Salen\ni Salen") if t.kind != BLANK]
    places = candidates(lines, lines, [])
    assert [p.value for p in places] == ["Salen"]
    assert places[0].x["after_when"] == 1.0 and places[0].x["own_line"] == 1.0 and places[0].line == 1


def test_no_reading_above_the_bar_is_no_place() -> None:
    reading = Reading("Salen", 0, {"own_line": 1.0})
    assert choose([reading], Model({"own_line": 1.0}, -2.0)) is None
    assert choose([reading], Model({"own_line": 1.0}, 0.5)) == "Salen"
    assert choose([], Model({}, 1.0)) is None


def test_the_shipped_place_weights_name_only_shape_features() -> None:
    model = shipped()
    assert set(model.weights) == set(NAMES) and model.meta["command"] == "python train/fit.py"
    assert model.weights["labelled"] > 0 and model.weights["person"] < 0


def test_the_shipped_header_models_are_what_the_training_command_makes() -> None:
    """The header's models (place, body, date, kind, start time, minute takers): the files are what
    ``python train/fit.py`` fits on the given gold."""
    pytest.importorskip("sklearn")
    from train import header_fit, scoring
    from train.corpus import corpus_hash, documents
    from train.fit import all_rows, fit

    from referat_parser.extract import body, meeting_date, meeting_kind, meeting_time, takers

    docs = documents()
    shipped_models = {"place": shipped(), "body": body.shipped(), "date": meeting_date.shipped(),
                      "kind": meeting_kind.shipped(), "time": meeting_time.shipped(), "takers": takers.shipped()}
    for model in shipped_models.values():
        assert model.meta["corpus_sha256"] == corpus_hash(docs), "gold changed: run python train/fit.py"
        if model.meta.get("scorer") != scoring.SCORER:
            pytest.skip(f"the model was fitted with {model.meta.get('scorer')}; only {scoring.SCORER} is here")
    fitted = header_fit.fit_header(docs, fit(all_rows(docs)))
    assert set(fitted) == set(shipped_models)
    for name, (again, _) in fitted.items():
        model = shipped_models[name]
        assert again.weights == pytest.approx(model.weights, abs=1e-4), f"{name}: run python train/fit.py"
        assert again.bias == pytest.approx(model.bias, abs=1e-4)

