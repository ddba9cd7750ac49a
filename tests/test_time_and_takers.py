"""The start time and the minute takers as fitted choices among readings (issue 21 item 1).

For the time, every proposer (the subject, date and time fields, a decision's head, the header lines,
prose) offers its start with the end it came with; for the minute takers, every kind of evidence that
names someone (a label, the closing lines, a list note, an election …). The shipped weights choose.
The texts are invented and the expected values read off them by eye.
"""

from __future__ import annotations

from referat_parser.extract import meeting_time, takers
from referat_parser.extract.header import extract_header
from referat_parser.pipeline import parse_data, tokens_of
from referat_parser.sections import detect
from referat_parser.structure.model import Model

ITEMS = "\n\n1. Godkendelse af dagsorden\nGodkendt.\n"
TWO = "Referat af bestyrelsesmøde 12. marts 2019 kl. 14 ...\nTid: 14.30-16.00" + ITEMS


def _times(text: str, model: Model | None = None) -> tuple[str | None, str | None, dict[str, dict[str, float]]]:
    h = extract_header(detect(tokens_of(text)), has_decisions=True, time_model=model)
    return h.start_time, h.end_time, {r.value: r.x for r in h.times}


def test_every_proposer_offers_its_start_with_its_marks_in_the_order_they_are_trusted() -> None:
    start, end, found = _times(TWO)
    assert list(found) == ["14:30", "14:00"]  # the time field first, then the header line
    assert found["14:30"]["time_field"] == 1.0 and found["14:30"]["with_end"] == 1.0
    assert found["14:00"]["header_line"] == 1.0 and found["14:00"]["dated"] == 1.0
    assert (found["14:30"]["offered_first"], found["14:00"]["offered_first"]) == (1.0, 0.0)
    assert (start, end) == ("14:30", "16:00")


def test_the_chosen_reading_brings_its_own_end() -> None:
    later = Model({"header_line": 1.0})  # weights that prefer the header line's reading
    assert _times(TWO, later)[:2] == ("14:00", "16:00")  # it has no end of its own: the first end offered
    text = "Referat af bestyrelsesmøde 12. marts 2019 kl. 14.00-15.00\nTid: 14.30-16.00" + ITEMS
    assert _times(text, Model({"time_field": 1.0}))[:2] == ("14:30", "16:00")
    assert _times(text, Model({"header_line": 1.0}))[:2] == ("14:00", "15:00")


def test_no_reading_above_the_bar_is_no_start_time() -> None:
    assert _times(TWO, Model({"offered_first": 1.0}, -5.0))[0] is None


def test_the_shipped_time_weights_name_only_shape_features_and_keep_the_proposers_order() -> None:
    model = meeting_time.shipped()
    assert set(model.weights) == set(meeting_time.NAMES) and model.meta["command"] == "python train/fit.py"
    assert model.weights["offered_first"] > 0


def test_the_decode_says_why_where_there_was_a_choice() -> None:
    why = [d["message"] for d in parse_data(TWO)["diagnostics"] if d["code"] == "header-chosen"]
    assert any(m.startswith("start time '14:30' over '14:00'") for m in why)


# --- the minute takers, chosen the same way (extract/takers.py) ------------------------------------

def test_each_kind_of_evidence_that_names_a_minute_taker_offers_a_reading_in_the_rules_order() -> None:
    found = takers.found([("field", ["Eva Sand"]), ("label_in_line", []), ("list_note", ["Eva Sand"]),
                          ("election", ["Eva"])])
    assert [(r.value, r.x["offered_first"]) for r in found] == [("Eva Sand", 1.0), ("Eva", 0.0)]
    assert found[0].x["field"] == found[0].x["list_note"] == 1.0 and found[0].x["full_names"] == 1.0
    assert takers.choose(found, Model({"offered_first": 1.0})) == ["Eva Sand"]
    assert takers.choose(found, Model({"election": 1.0})) == ["Eva"]
    assert takers.choose(found, Model({}, -1.0)) == []


def test_the_shipped_taker_weights_keep_a_label_over_an_election() -> None:
    model = takers.shipped()
    assert set(model.weights) == set(takers.NAMES) and model.meta["command"] == "python train/fit.py"
    text = ("Referat af bestyrelsesmøde 12. marts 2019\nReferent: Kim Holt\n\n1. Valg af referent\n"
            "Kim blev valgt som referent.\n")
    assert parse_data(text)["meeting"]["minute_takers"] == ["Kim Holt"]
    assert any(m.startswith("minute takers 'Kim Holt' over 'Kim'")
               for m in (d["message"] for d in parse_data(text)["diagnostics"]))
