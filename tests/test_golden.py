"""Golden files: fixtures/NAME.txt parses to exactly fixtures/NAME.json.

The expected JSON of the two seeds was read line by line against the source text
before it was frozen. After a deliberate change in output, regenerate with
``python tests/regen_golden.py`` and review the diff by eye before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referat_parser import parse_text
from referat_parser import records as R
from referat_parser.models import Minutes, Source
from tests.conftest import SEEDS


def golden_output(path: Path) -> dict:
    src = Source(**R.source(path=path.name))
    return parse_text(path.read_text(encoding="utf-8"), source=src).model_dump(mode="json")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_golden(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert golden_output(path) == expected


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_golden_file_validates(path: Path) -> None:
    Minutes.model_validate_json(path.with_suffix(".json").read_text(encoding="utf-8"))
