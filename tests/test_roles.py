"""One line, one role: names glued in a list, and the header's readings that a list claims.

Unit tests of ``people.glued_names`` / ``people.unglued`` (the first-name split) and of
``roles.assigned`` (a place or body reading that is a participant's name on its line gives way).
Every expected value was read off the invented text by eye.
"""

from __future__ import annotations

import pytest

from referat_parser.extract import roles
from referat_parser.extract.header import Header
from referat_parser.extract.people import Person, glued_names, parse_line, unglued
from referat_parser.extract.readings import Reading
from referat_parser.pipeline import parse_data, tokens_of
from referat_parser.structure.model import Model
from referat_parser.tokenize import Token


@pytest.mark.parametrize(("run", "names"), [
    ("Pia Lund Bo Holm", ["Pia Lund", "Bo Holm"]),
    ("Anne Marie Kjær Jens Dam", ["Anne Marie Kjær", "Jens Dam"]),  # "Marie" after "Anne" goes on
    ("Anne-Marie Holm Per Lund", ["Anne-Marie Holm", "Per Lund"]),  # a hyphened first name by its first part
    ("Søren Hansen Ulla Agerskov Bjarne Holm Markussen", ["Søren Hansen", "Ulla Agerskov", "Bjarne Holm Markussen"]),
    # one person: no first name after a word that is none, or a part would be one word
    ("Jens Peter Lund Hansen", ["Jens Peter Lund Hansen"]),
    ("Karen Bo Holm", ["Karen Bo Holm"]),
    ("Pia Lund Bo", ["Pia Lund Bo"]),
    ("Dorthe la Cour Bo Holm", ["Dorthe la Cour", "Bo Holm"]),
    ("Tue von Ib Hansen", ["Tue von Ib Hansen"]),  # after a particle the name goes on
    ("Kultur Fritid Ole Dam", ["Kultur Fritid Ole Dam"]),  # a run that opens with no first name is no name list
])
def test_glued_names_split_at_a_first_name_after_a_word_that_is_none(run: str, names: list[str]) -> None:
    assert [" ".join(w) for w in glued_names(run.split())] == names


def test_the_split_never_loses_or_moves_a_word() -> None:
    for run in ("Pia Lund Bo Holm Eva Sand Ib Krog", "Ole Dam", "Anne Marie Kjær Jens Dam Lis Bo"):
        assert [w for part in glued_names(run.split()) for w in part] == run.split()


def test_a_titled_or_organised_person_is_one_person_as_printed() -> None:
    people = [Person("Pia Lund Bo Holm", title="Borgmester"), Person("Eva Sand Ib Krog", organisation="Skolen"),
              Person("Pia Lund Bo Holm", note="afbud")]
    out = unglued(people)
    assert [p.name for p in out] == ["Pia Lund Bo Holm", "Eva Sand Ib Krog", "Pia Lund", "Bo Holm"]
    assert out[-1].note == "afbud" and out[-2].note is None  # the note stood after the last name


def test_a_list_line_of_glued_names_reads_as_its_people() -> None:
    assert [p.name for p in parse_line("Pia Lund Bo Holm, Eva Sand")] == ["Pia Lund", "Bo Holm", "Eva Sand"]


def _header(lines: list[str], bodies: list[tuple[str, int]]) -> Header:
    toks: list[Token] = [t for t in tokens_of("\n".join(lines)) if t.text]
    x = {"early": 1.0}
    return Header(body=bodies[0][0], bodies=[Reading(v, n, dict(x)) for v, n in bodies], lines=toks)


def test_a_body_reading_that_is_a_participants_name_on_its_line_gives_way() -> None:
    h = _header(["Referat", "Anne Marie Kjær Jens Dam", "Bestyrelsen"],
                [("Anne Marie Kjær Jens Dam", 1), ("Bestyrelsen", 2)])
    model = Model({"early": 1.0})
    people = [{"name": "Anne Marie Kjær", "line": 2}, {"name": "Jens Dam", "line": 2}]
    out = roles.assigned(h, people, body_model=model, place_model=model)
    assert out.body == "Bestyrelsen"
    assert any("participant's name" in w for w in out.why)
    assert h.body == "Anne Marie Kjær Jens Dam"  # the header read is left as it was: a new one is returned


def test_a_name_on_another_line_or_a_label_beside_the_names_keeps_its_role() -> None:
    h = _header(["Udvalget: Mette Skov, Per Friis", "Bestyrelsen"], [("Udvalget", 0), ("Bestyrelsen", 1)])
    model = Model({"early": 1.0})
    people = [{"name": "Mette Skov", "line": 1}, {"name": "Bestyrelsen Holm", "line": 9}]
    assert roles.assigned(h, people, body_model=model, place_model=model) is h


def test_a_label_naming_the_body_over_its_members_stays_the_body() -> None:
    d = parse_data("Referat af udvalgsmøde den 3. maj 2021\n\nUdvalget: Mette Skov, Lars Bæk, Hanne Lind og Per Friis\n"
                   "Afbud: Lars Bæk\n\n1. Godkendelse af dagsorden\nGodkendt\n")
    assert d["meeting"]["body"] == "Udvalget"
