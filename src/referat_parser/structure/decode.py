"""The choice: the candidate structure the whole document supports best, and why.

Each candidate's features are scored with the fitted weights; the highest score wins. The
runner-up and the margin travel with the choice, with the features that made the difference,
so a diagnostic can say which structure was chosen and how close the alternative was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from referat_parser.structure.candidates import Candidate, generate
from referat_parser.structure.features import evidence, extract
from referat_parser.structure.model import Model, shipped
from referat_parser.tokenize import Token

# Below this score margin the choice is called uncertain (a warning a user can filter on).
LOW_MARGIN = 0.5


@dataclass(slots=True)
class Choice:
    chosen: Candidate | None
    score: float = 0.0
    runner_up: Candidate | None = None
    runner_score: float = 0.0
    reasons: list[str] = field(default_factory=list)  # features that favoured the winner most
    policy: str | None = None  # a document-level policy that chose, over the weights

    @property
    def margin(self) -> float:
        return self.score - self.runner_score if self.runner_up is not None else float("inf")


def scored(toks: list[Token], model: Model | None = None) -> list[tuple[float, Candidate, dict[str, float]]]:
    """Every candidate with its score and features, best first (ties: the earlier proposer)."""
    model = model or shipped()
    index = evidence(toks)
    rows = []
    for c in generate(toks, index.content):
        x = extract(c, toks, index)
        rows.append((model.score(x), c, x))
    rows.sort(key=lambda r: -r[0])  # stable: proposer order breaks ties
    return rows


def choose(toks: list[Token], model: Model | None = None) -> Choice:
    rows = scored(toks, model)
    if not rows:
        return Choice(None)
    # A document-level policy, not a weight: an agenda table flattened to one cell per line (its header
    # row of column headings, its rows in that cycle) is the structure. No gold document has one to
    # fit a weight on; the cycle itself is the evidence (research phenomenon 5).
    table = next((r for r in rows if r[1].table), None)
    if table is not None and table is not rows[0]:
        return Choice(table[1], table[0], rows[0][1], rows[0][0], policy="a table flattened to one cell per line")
    best, c, x = rows[0]
    choice = Choice(c, best)
    if len(rows) > 1:
        s2, c2, x2 = rows[1]
        choice.runner_up, choice.runner_score = c2, s2
        m = model or shipped()
        diff = {k: m.weights.get(k, 0.0) * (x.get(k, 0.0) - x2.get(k, 0.0)) for k in set(x) | set(x2)}
        choice.reasons = [k for k, v in sorted(diff.items(), key=lambda kv: -kv[1])[:3] if v > 0]
    return choice
