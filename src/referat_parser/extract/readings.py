"""Readings of one header field, weighed: the shared part of the fitted header choices (place, body).

Part of stage 4 (extract). Proposers offer readings of a field (a value, the header line it came
from, the marks of the evidence that offered it); the same value offered twice is one reading with
the evidence of both. Each field's module adds shape features and names them; the weights are
fitted to the gold (``train/header_fit.py``, run by ``train/fit.py``) and ship as JSON beside the
code. The best reading wins if its score is positive, else the field is left empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from referat_parser.structure.model import Model


@dataclass(slots=True)  # treated as immutable; not frozen, which is twice as dear to build
class Reading:
    value: str
    line: int  # index among the header lines it was read from (-1: a field's value, or the whole text)
    x: dict[str, float]


class Readings:
    """Collects readings; ``shape`` gives the features of a value (and of the line it stands in), once
    per distinct value, when the readings are asked for."""

    def __init__(self, shape: Callable[[str, int], dict[str, float]]) -> None:
        self._shape = shape
        self._found: dict[str, tuple[str, int, dict[str, float]]] = {}

    def offer(self, value: str, line: int, **marks: float) -> None:
        key = value.casefold()
        if key in self._found:  # one reading seen by several proposers: the evidence adds up
            old_value, old_line, old_marks = self._found[key]  # as first offered: fields come first
            merged = old_marks | {k: max(float(v), old_marks.get(k, 0.0)) for k, v in marks.items()}
            self._found[key] = (old_value, old_line if old_line >= 0 else line, merged)
        else:
            self._found[key] = (value, line, {k: float(v) for k, v in marks.items()})

    def __len__(self) -> int:
        return len(self._found)

    def all(self) -> list[Reading]:
        return [Reading(value, line, self._shape(value, line) | marks) for value, line, marks in self._found.values()]


@cache
def shipped(name: str) -> Model:
    """The weights of ``name`` (a JSON file in this package) fitted on all the given gold."""
    return Model.from_json(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


def choose(readings: list[Reading], model: Model) -> Reading | None:
    """The best-supported reading, if the evidence is for it (a positive score), earliest on a tie."""
    best = max(readings, key=lambda r: (model.score(r.x), -r.line), default=None)
    return best if best is not None and model.score(best.x) > 0 else None
