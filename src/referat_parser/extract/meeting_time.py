"""The meeting's start time: every time the header's proposers offer, weighed by fitted shape features.

Part of stage 4 (extract), asked by the header, which runs the proposers in the order the rules
trusted them: the subject, date and time fields in the order they stand ("Emne: … kl. 20", "Dato:
12.03.2019 kl. 15", "Tid: 17-19"); the "Dato:"/"Tid:" at a decision's head in minutes with no header;
the header lines with a date or a range of times; prose ("Mødet begyndte kl. 19.05") where nothing
else gave a time. Each reading is a start time (HH:MM) with the end it was offered with, if any,
described by the marks of the evidence that offered it and by its shape (``NAMES``): offered with an
end, on a dated line, how far down the header. The weights are fitted to the gold (``train/fit.py``,
data in ``time_model.json``): the best reading wins if its score is positive, else there is no time.

The gold offers a choice of start times in three documents, and in each the first offered is right;
so the fit mostly learns the proposers' order (``offered_first``) and when a lone reading is too weak
to give (a bar). The end time is the chosen reading's own end; where it has none, the first end any
source offered (an end field, "Mødet sluttede 21.00" in the closing lines).
"""

from __future__ import annotations

from referat_parser.extract import readings
from referat_parser.extract.readings import RankedReadings, Reading
from referat_parser.structure.model import Model

NAMES = (
    # the evidence that offered it
    "subject",        # a subject field ("Emne: Referat … kl. 20")
    "date_field",     # a date field ("Dato: 12.03.2019 kl. 15")
    "time_field",     # a time field ("Tid: 17-19", "Mødetidspunkt: 14:00")
    "decision_head",  # "Tid:" at a decision's head, in minutes with no header
    "header_line",    # a header line with a date or a range of times
    "prose",          # "Mødet begyndte kl. 19.05"
    # its shape
    "with_end",       # offered with an end ("19.00-21.00")
    "dated",          # the line or field it stands in holds a date
    "position",       # which header line (0 first … 1 the eighth); 0 for a field
    # the document
    "sources",        # how many kinds of evidence offered it (log)
    "offered_first",  # the proposers' first: they run from the most explicit evidence to the least
)
EVIDENCE = NAMES[:6]
MODEL_FILE = "time_model.json"


class TimeReadings(RankedReadings):
    """Start-time readings, each with the first end time offered with it."""

    def __init__(self) -> None:
        super().__init__(lambda value, line: {}, EVIDENCE)
        self.ends: dict[str, str] = {}

    def offer_times(self, start: str | None, end: str | None, line: int = -1, **marks: float) -> None:
        if start:
            if end:
                self.ends.setdefault(start, end)
            self.offer(start, line, with_end=float(bool(end)), **marks)


def shipped() -> Model:
    return readings.shipped(MODEL_FILE)


def choose(found: list[Reading], model: Model | None = None) -> str | None:
    best = readings.choose(found, model or shipped())
    return best.value if best else None
