"""The meeting's date: every date the header's proposers offer, weighed by fitted shape features.

Part of stage 4 (extract), asked by the header, which runs the proposers: the date, time and subject
fields ("Dato:", "Tidspunkt: onsdag den 26. november 2019 kl. 19", "Emne: Referat … den 16. november
2021"); the first date of each header line; the decision headings ("Beslutning i X den …"); the
"Dato:" at a decision's head when the minutes have no header. Each reading is an ISO date, described
by the marks of the evidence that offered it and by the shape of the line it stands in (``NAMES``),
never by its words: a date alone on its line is a post or print date's shape ("• den 4. maj 2021"),
one beside a meeting word the meeting's ("Bestyrelsesmøde den 2. maj, 2021"). The weights are fitted
to the gold (``train/fit.py``, data in ``date_model.json``). The best reading wins if its score is
positive; else there is no date.
"""

from __future__ import annotations

from collections.abc import Callable

from referat_parser.extract import readings
from referat_parser.extract.readings import RankedReadings, Reading
from referat_parser.structure.model import Model

NAMES = (
    # the evidence that offered it
    "labelled",          # a date field ("Dato:", "Mødedato:")
    "time_field",        # a time field that dates too ("Tidspunkt: onsdag den 26. november 2019 kl. 19")
    "subject",           # a subject field ("Emne: Referat … den 16. november 2021")
    "decision_head",     # "Dato:" at a decision's head, in minutes with no header
    "header_line",       # the first date of a header line
    "decision_heading",  # "Beslutning i X den …" under the items
    # the line it stands in
    "first",             # the first dated header line
    "position",          # which header line (0 first … 1 the eighth)
    "alone",             # nothing else on its line but weekday words, "den", a bullet: a post or print date's shape
    "meeting_line",      # its line names the meeting (a kind word, a meeting word: "Bestyrelsesmøde den …")
    # the document
    "year_share",        # how often the text below the header names its year, against the most named reading's
    "sources",           # how many kinds of evidence offered it (log)
    "offered_first",     # the proposers' first: they run from the most explicit evidence (a field) to the least
)
EVIDENCE = NAMES[:6]
POLICY = "a post or print date alone on its line gives way to the meeting's"
MODEL_FILE = "date_model.json"
HEADER_LINES = 8  # the header lines whose dates are read ("position" runs over them)


class DateReadings(RankedReadings):
    """Readings of the date: each knows how many kinds of evidence offered it and whether it was the
    first offered; ``year_share`` counts the years of the text below the header only when the
    readings hold two years or more (most headers hold one)."""

    def __init__(self, below: Callable[[], str]) -> None:
        super().__init__(self._year_share, EVIDENCE)
        self._below = below
        self._years: set[str] = set()
        self._counts: dict[str, int] = {}

    def offer(self, value: str, line: int, **marks: float) -> None:
        self._years.add(value[:4])
        super().offer(value, line, **marks)

    def _year_share(self, value: str, line: int) -> dict[str, float]:
        if len(self._years) < 2:
            return {"year_share": 1.0}
        if not self._counts:
            text = self._below()
            self._counts.update((y, text.count(y)) for y in self._years)
        most = max(self._counts.values())
        return {"year_share": self._counts[value[:4]] / most if most else 1.0}


def collector(below: Callable[[], str]) -> DateReadings:
    """A collector of date readings; ``below`` gives the text below the header (asked only if needed)."""
    return DateReadings(below)


def shipped() -> Model:
    return readings.shipped(MODEL_FILE)


def choose(found: list[Reading], model: Model | None = None) -> tuple[str | None, str | None]:
    """The meeting's date and the policy that chose it (None: the weights did): the best-supported
    reading if the evidence is for it, else none; then the post-date policy (``_after_a_post_date``)."""
    best = readings.choose(found, model or shipped())
    if best is None:
        return None, None
    after = _after_a_post_date(best, found)
    return (after.value, POLICY) if after is not None else (best.value, None)


def _after_a_post_date(best: Reading, found: list[Reading]) -> Reading | None:
    """A policy, not a weight (as the structure's flattened table is): a header date alone on its line
    ("• den 4. maj 2021", "Fredag, 14 juni 2019") that no field or heading offered is a post or print
    date when a later header date stands beside a meeting word ("Bestyrelsesmøde den 2. maj, 2021") or
    its year is the one the minutes name more often: that one is the meeting's. No gold document has
    such a header to fit a weight on (each offers one date, or the first is right); research
    phenomenon 14 is this shape, seven facts lost on unseen minutes."""
    x = best.x
    if not (x.get("alone") and x.get("header_line")) or any(x.get(k) for k in EVIDENCE if k != "header_line"):
        return None
    later = sorted((r for r in found if r.x.get("header_line") and r.line > best.line), key=lambda r: r.line)
    return next((r for r in later if r.x.get("meeting_line") or r.x["year_share"] > x["year_share"]), None)
