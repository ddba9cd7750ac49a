"""The plain-data output (records.py) is exactly the models' output, and is held to them."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from pydantic import ValidationError

from referat_parser import models
from referat_parser import records as R
from referat_parser.pipeline import parse_data, parse_text, read_data

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted(p for p in (ROOT / "fixtures").rglob("*")
                if p.is_file() and not p.name.endswith(".json"))

BUILDERS = {
    R.span: models.Span, R.source: models.Source, R.meeting: models.Meeting, R.participant: models.Participant,
    R.agenda_entry: models.AgendaEntry, R.recommendation: models.Recommendation, R.decision: models.Decision,
    R.section: models.Section, R.item: models.Item, R.diagnostic: models.Diagnostic, R.minutes: models.Minutes,
}

SAMPLE = {"start": 1, "end": 2, "name": "A", "number": "1", "title": "T", "text": "x", "clauses": [],
          "outcome": "approved", "kind": "case", "heading": None, "span": {"start_line": 1, "end_line": 1},
          "code": "truncated", "message": "m", "source": R.source(), "meeting": R.meeting()}


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_each_builder_gives_every_field_of_its_model_in_order(builder) -> None:
    required = {n: SAMPLE[n] for n, p in inspect.signature(builder).parameters.items()
                if p.default is inspect.Parameter.empty}
    data = builder(**required)
    model = BUILDERS[builder]
    # A span's pages are left out while unknown (models.Span): a text input's output has no page keys at all
    optional = {"page_start", "page_end"} if model is models.Span else set()
    assert list(data) == [f for f in model.model_fields if f not in optional]
    # and the defaults are the model's: the dict is what model_dump gives
    assert data == model.model_validate(data).model_dump()


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: str(p.relative_to(ROOT / "fixtures")))
def test_plain_data_writes_the_bytes_the_models_write(path: Path) -> None:
    data = R.validate(read_data(path.read_bytes(), path=path.name))
    typed = R.to_model(data)
    for indent in (2, None):
        assert R.dumps(data, indent=indent).decode() == typed.model_dump_json(indent=indent)
    assert typed.model_dump() == data


def test_span_pages_are_absent_while_unknown_and_written_when_known() -> None:
    assert models.Span(start_line=1, end_line=2).model_dump_json() == '{"start_line":1,"end_line":2}'
    paged = R.span(3, 4) | {"page_start": 1, "page_end": 2}
    assert models.Span.model_validate(paged).model_dump() == paged
    assert R.dumps(R.validate(parse_data("1. Godkendelse af dagsorden\n"))).count(b"page_") == 0
    with pytest.raises(ValidationError):
        models.Span.model_validate(R.span(1, 1) | {"page_start": 0})


def test_validation_is_strict_nothing_is_coerced() -> None:
    data = parse_data("1. Godkendelse af dagsorden\nBeslutning: Godkendt.\n")
    data["items"][0]["span"]["start_line"] = "1"  # lax validation would take the string
    with pytest.raises(ValidationError):
        R.validate(data)


def test_validation_refuses_a_field_the_contract_does_not_have() -> None:
    data = parse_data("1. Godkendelse af dagsorden\n")
    data["items"][0]["extra"] = 1
    with pytest.raises(ValidationError):
        R.validate(data)


def test_the_typed_api_is_the_plain_data_validated() -> None:
    text = (ROOT / "fixtures" / "godstrup-fsg-2025-04-25.txt").read_text(encoding="utf-8")
    assert parse_text(text).model_dump() == parse_data(text)


def test_dumps_takes_only_the_indents_the_models_write() -> None:
    with pytest.raises(ValueError):
        R.dumps(R.minutes(source=R.source(), meeting=R.meeting()), indent=4)
