"""Readings of one field, weighed: the shared part of the fitted choices (place, body, date, time, kind).

Part of stage 4 (extract). Proposers offer readings of a field (a value, the header line it came
from, the marks of the evidence that offered it); the same value offered twice is one reading with
the evidence of both. Each field's module adds shape features and names them; the weights are
fitted to the gold (``train/header_fit.py``, run by ``train/fit.py``) and ship as JSON beside the
code. The best reading wins if its score is positive, else the field is left empty.
"""

from __future__ import annotations

import math
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


class RankedReadings(Readings):
    """Readings that know how many kinds of evidence (the marks named in ``evidence``) offered each
    ("sources", log) and which was offered first ("offered_first"): proposers that run from the most
    explicit evidence to the least (the date's, the start time's)."""

    def __init__(self, shape: Callable[[str, int], dict[str, float]], evidence: tuple[str, ...]) -> None:
        super().__init__(shape)
        self._evidence = evidence

    def all(self) -> list[Reading]:
        out = super().all()
        for n, r in enumerate(out):  # in the order first offered
            r.x["sources"] = math.log1p(sum(1 for k in self._evidence if r.x.get(k)))
            r.x["offered_first"] = float(n == 0)
        return out


@cache
def shipped(name: str) -> Model:
    """The weights of ``name`` (a JSON file in this package) fitted on all the given gold."""
    return Model.from_json(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


def explain(field: str, found: list[Reading], model: Model, value: str | None, policy: str | None = None) -> str | None:
    """Why ``value`` was chosen among ``found``, for a diagnostic: the runner-up, the margin and the
    features that favoured the choice most, or the policy that chose. None when there was no choice
    (fewer than two readings) or nothing was chosen."""
    chosen = next((r for r in found if r.value == value), None) if value is not None else None
    if chosen is None or len(found) < 2:
        return None
    ranked = sorted(found, key=lambda r: -model.score(r.x))
    if policy:
        return f"{field} {chosen.value!r} by policy: {policy}; the weights preferred {ranked[0].value!r}"
    runner = next(r for r in ranked if r is not chosen)
    margin = model.score(chosen.x) - model.score(runner.x)
    diff = {k: model.weights.get(k, 0.0) * (chosen.x.get(k, 0.0) - runner.x.get(k, 0.0)) for k in chosen.x | runner.x}
    why = [k for k, v in sorted(diff.items(), key=lambda kv: -kv[1])[:3] if v > 0]
    return (f"{field} {chosen.value!r} over {runner.value!r}, margin {margin:.2f}"
            + (f"; decided most by {', '.join(why)}" if why else ""))


def choose(readings: list[Reading], model: Model) -> Reading | None:
    """The best-supported reading, if the evidence is for it (a positive score), earliest on a tie."""
    best = max(readings, key=lambda r: (model.score(r.x), -r.line), default=None)
    return best if best is not None and model.score(best.x) > 0 else None
