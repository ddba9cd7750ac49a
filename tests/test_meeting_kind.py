"""The document's kind, weighed by fitted evidence (``extract/meeting_kind.py``).

Each text is invented in the shape of a given document; the expected kind is what a careful reader
states under the gold conventions (``corpus/FORMAT.md``: "referat" minutes, "dagsorden" an agenda
only, null when nothing tells).
"""

from __future__ import annotations

from referat_parser.extract import meeting_kind
from referat_parser.extract.header import Header
from referat_parser.extract.readings import Reading
from referat_parser.pipeline import parse_data
from referat_parser.structure.model import Model


def _kind(text: str) -> str | None:
    return parse_data(text)["kind"]


def test_an_invitation_page_that_later_holds_the_minutes_is_minutes() -> None:
    # dev3 alslug-02: "Indkaldelse …" at the top, the agenda, then "Referat for …" and the minutes
    d = parse_data("Indkaldelse til ordinær generalforsamling i Foreningen\n\n"
                   "Generalforsamlingen afholdes torsdag d. 2. september 2021 kl 19:00.\n\n"
                   "Dagsorden:\n\n1) Valg af ordstyrer.\n2) Formandens beretning.\n3) Eventuelt.\n\n"
                   "Referat for generalforsamling d. 2. september 2021\n\n"
                   "Tilstede var Henning, Per, Jørgen og Verner\n\n"
                   "1) Valg af ordstyrer.\nVerner valgt til ordstyrer.\n\n"
                   "2) Formandens beretning.\nBeretningen blev godkendt med applaus.\n\n"
                   "3) Eventuelt.\nDer blev drøftet ansøgninger til fonde.\n\n"
                   "Formand/referent: Henning Wanger\n")
    assert d["kind"] == "referat"
    assert [i["decision"]["outcome"] for i in d["items"]] == ["other", "approved", "discussed"]
    assert any(x["message"].startswith("kind 'referat'") for x in d["diagnostics"])


def test_an_invitation_with_its_agenda_deep_in_the_text_is_an_agenda() -> None:
    # dev2 medlemsservice F10 / dev3 charlottenlundgruppe: a letter inviting to a meeting, "Dagsorden"
    # after several lines of prose, empty agenda points
    assert _kind("Gruppemøde 2023\n\nKære spejdere, søskende og forældre\n\n"
                 "Så er det blevet tid til det årlige gruppemøde.\n\n"
                 "Vi mødes i spejderhytten onsdag den 22. marts fra 18.00-20.00.\n\n"
                 "Spejderne laver aktiviteter udendørs mens mødet er i gang.\n\n"
                 "Vi byder på kage og kaffe.\n\n"
                 "Dagsorden:\n\n1. Valg af ordstyrer\n2. Valg af referent\n3. Beretning\n4. Eventuelt\n\n"
                 "Mvh Grupperådet\n") == "dagsorden"


def test_labelled_decisions_make_minutes_whatever_the_title_says() -> None:
    assert _kind("Dagsorden\n\n1. Budget\nBeslutning\nGodkendt.\n\n2. Eventuelt\nBeslutning\nIntet.\n") == "referat"


def test_no_evidence_for_either_kind_leaves_it_empty() -> None:
    """No fitted bias: a document that says nothing of its kind is not called minutes (its text would
    then be read as decisions)."""
    assert _kind("Bestyrelsen\n\n1. Budget\nBudgettet for 2022 ligger i mappen.\n\n"
                 "2. Hjemmeside\nSiden skal have nye billeder.\n") is None


def test_each_kind_is_weighed_on_its_own_names_of_the_same_evidence() -> None:
    from referat_parser.pipeline import tokens_of
    from referat_parser.sections import detect

    layout = detect(tokens_of("Referat\n\n1. Budget\nGodkendt.\n"))
    found, cascade = meeting_kind.found(layout, Header(), labels=False)
    assert cascade == "referat" and [r.value for r in found] == ["referat", "dagsorden"]
    for r in found:
        assert r.x and all(k.startswith(r.value + "_") for k in r.x)
        assert set(r.x) <= set(meeting_kind.NAMES)
    assert found[0].x["referat_minutes"] == 1.0 and found[1].x["dagsorden_minutes"] == 1.0


def test_the_cascade_weights_reproduce_the_rules_choice() -> None:
    """``CASCADE`` is how the structure's training reads the kind: the rules' choice, or none."""
    readings = [Reading("referat", -1, {"referat_cascade": 1.0, "referat_minutes": 0.5}),
                Reading("dagsorden", -1, {"dagsorden_marker": 1.0})]
    assert meeting_kind.choose(readings, meeting_kind.CASCADE) == "referat"
    assert meeting_kind.choose([Reading("dagsorden", -1, {"dagsorden_marker": 1.0})], meeting_kind.CASCADE) is None


def test_the_shipped_kind_weights_have_no_bias() -> None:
    model: Model = meeting_kind.shipped()
    assert model.bias == 0.0
    assert set(model.weights) <= set(meeting_kind.NAMES)
    assert model.meta["features"] == list(meeting_kind.NAMES)
