"""The fitted weights of the structure evidence, loaded from a data file shipped in the package.

``model.json`` holds one weight per feature name (``features.NAMES``), a bias, the hash of the
gold corpus it was fitted on and the command that made it (``python train/fit.py``). A plain
install parses with it; no training step and no fitting library are needed at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Model:
    weights: dict[str, float]
    bias: float = 0.0
    meta: dict = field(default_factory=dict)

    def score(self, x: dict[str, float]) -> float:
        w = self.weights
        return self.bias + sum(w.get(k, 0.0) * v for k, v in x.items() if v)

    def to_json(self) -> str:
        return json.dumps({"bias": self.bias, "weights": self.weights, **self.meta}, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Model:
        data = json.loads(text)
        weights = {k: float(v) for k, v in data.pop("weights").items()}
        return cls(weights, float(data.pop("bias")), data)


@cache
def shipped() -> Model:
    """The model fitted on all the given gold, as shipped in the package."""
    return Model.from_json(resources.files(__package__).joinpath("model.json").read_text(encoding="utf-8"))
