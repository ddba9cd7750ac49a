"""Meeting place: every reading of where the meeting was, weighed by fitted shape features.

Part of stage 4 (extract), asked by the header. Instead of taking the first place-like text a
cascade of patterns finds, every proposer offers its reading: a "Sted:" field's value; what
follows the date or time on a line ("kl. 17:00 Kommunalbestyrelsens mødesal", "kl 10, 5250
Odense"); a line opening with "i"/"på" under a date; a short line beside a date line; prose
("Vi mødes i spejderhytten:", "Mødet afholdes på Rådhuset"). Each reading is described by its
shape only (labelled, after the time, after a preposition, how many words, capitalised,
digits, a meeting word inside, a person's title …: ``NAMES``), never by the words
of a place, and the weights of those shapes are fitted to the gold (``train/fit.py``, data in
``place_model.json``). The best reading wins if its score is positive; else there is none.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from referat_parser import patterns as P
from referat_parser.extract import readings
from referat_parser.extract.dates import find_date
from referat_parser.extract.readings import Reading, Readings
from referat_parser.structure.model import Model
from referat_parser.tokenize import BLANK, TEXT, Token
from referat_parser.vocabulary import (
    BODY_DEFINITE_FORMS,
    CLOCK_WORDS,
    ITEM_REFERENCES,
    PLACE_LABEL_WORDS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    PREPOSITION_IDIOMS,
)

NAMES = (
    "labelled",      # the value of a place field ("Sted:", "Mødested:")
    "field_rest",    # what a date or time field holds after its date and time ("Tid og sted: 11.11 kl 10, X")
    "after_when",    # after the date or time on its line
    "comma_after_when",  # … parted from it by a comma
    "preposition",   # introduced by "i" or "på"
    "verb",          # after a meeting verb ("afholdes", "mødes")
    "own_line",      # a whole line of its own
    "beside_when",   # a line of its own next to a date line
    "beside_time",   # … next to a line with a time and no date ("Kl. 13.00 – 15.00" under the date)
    "early",         # in the first three header lines
    "position",      # the line's place in the header (0 first … 1 the eighth)
    "words",         # how many words (log)
    "long",          # more than six words
    "digits",        # a digit (an address, a room number)
    "capitalised",   # the share of its words that are capitalised
    "lower_first",   # it begins in lower case
    "person",        # a person's title, an absence, brackets: a person, not a place
    "meeting_word",  # it holds a meeting, kind or meeting-verb word ("Generalforsamling", "referat", "afholdes")
    "body_form",     # it ends in a body noun's definite form ("… udvalget")
    "colon_after",   # a colon follows it on its line ("i spejderhytten: Onsdag …")
    "sentence",      # four or more lower-case words: prose, not a name
    "place_noun",    # a word ends in a noun for a place to meet ("Klubhuset", "Byrådssalen", "spejderhytten")
)
MODEL_FILE = "place_model.json"
MAX_LINES = 8  # the header lines a place is looked for in
PROSE_LINES = 10
MAX_WORDS = 12  # longer is a sentence, not a place
ADDRESS_WORDS = 8  # an address line a place runs on to: "Allé 12, 5000 Odense C"
_PREPOSITIONS = tuple(p + " " for p in PLACE_PREPOSITIONS)
_REFERENCES = frozenset(ITEM_REFERENCES)
_LABEL_WORDS = frozenset(w.casefold() for w in PLACE_LABEL_WORDS)
# "i"/"på" only introduce the place; "hos Karen" is where the meeting is (FORMAT.md: "Hos René").
_DROPPED_PREPOSITIONS = tuple(p + " " for p in PLACE_PREPOSITIONS if p != "hos")
_CLOCKS = frozenset(CLOCK_WORDS)


def not_a_place(s: str) -> bool:
    """Lines beside a date that are people, not places: "Formand Erik Nielsen (A)", "Afbud fra …",
    another label's value ("Tovholder: Anne"), a web address."""
    web = " " not in s.strip() and "." in s.strip(" .")  # "vestby.dk": a web address
    return web or bool(P.ABSENCE_LEAD.search(s) or P.TITLE_WORD.search(s) or P.PAREN.search(s) or P.GROUP_LEAD.match(s))


def _when(text: str, date: tuple[str | None, int, int] | None = None) -> tuple[bool, int]:
    """Does the line hold a date, and where does its last date or time end (0: none)? ``date``:
    ``find_date(text)`` if the caller has it already."""
    if not any(c.isdigit() for c in text):
        return False, 0  # every date and time shape has a digit
    end = 0
    iso, _, d_end = date if date is not None else find_date(text)
    if iso:
        end = d_end
    for m in P.TIME_RANGE.finditer(text):
        if m.group("kl") or m.group("m") is not None:
            end = max(end, m.end())
    return bool(iso), end



def _dated(s: str) -> bool:
    if find_date(s)[0]:
        return True
    if any(len(w) == 4 and w.isdigit() and w[:2] in ("19", "20") for w in s.replace(",", " ").split()):
        return True
    return any(m.group("kl") or m.group("m") is not None for m in P.TIME_RANGE.finditer(s))


def _clean(value: str, keep_preposition: bool = False) -> str:
    """The place alone: no leading "i"/"på" or bare "kl", no time or date after it, no closing stop. A
    field's value keeps its preposition ("Sted: Hos René"): there it is part of the name."""
    v = value.strip().lstrip(",;–- ").strip()
    for _ in range(2):
        low = v.casefold()
        if low.startswith(_DROPPED_PREPOSITIONS) and not low.startswith(PREPOSITION_IDIOMS) and not keep_preposition:
            v = v.split(None, 1)[1] if " " in v else ""
        elif v.split(None, 1)[:1] and v.split(None, 1)[0].casefold() in _CLOCKS:
            v = v.split(None, 1)[1] if " " in v else ""  # "kl Kontrabassen": a clock without its hour
    words = v.split()
    if len(words) > 1 and words[0].casefold() in _LABEL_WORDS and words[1][:1].isupper():
        words = words[1:]  # "Sted Byrådssalen": a label without its colon
    cut = next((n for n, w in enumerate(words) if n and (w.casefold() in _CLOCKS or (w[:1].isdigit() and _dated(w)))),
               len(words))
    v = " ".join(words[:cut])
    if ":" in v:
        v = v.split(":", 1)[0]
    v = v.strip(" ,;–-")
    if v.endswith(".") and v[-2:-1].isalpha() and " " not in v[-4:]:
        v = v[:-1]  # "… i A-huset." ends a sentence; "Kirkevej 2, 1. sal." keeps it
    return v


def _shape(value: str, line: str | None) -> dict[str, float]:
    words = value.split()
    lower = sum(1 for w in words if w[:1].islower())
    x = {
        "words": math.log1p(len(words)),
        "long": float(len(words) > 6),
        "digits": float(any(c.isdigit() for c in value)),
        "capitalised": sum(1 for w in words if w[:1].isupper()) / len(words),
        "lower_first": float(value[:1].islower()),
        "person": float(not_a_place(value)),
        "meeting_word": float(any(rx.search(value) for rx in P.KIND_WORD.values())
                              or bool(P.COMPOUND_MEETING.search(value) or P.PLACE_VERB.search(value))),
        "body_form": float(value.strip(" .").casefold().endswith(BODY_DEFINITE_FORMS)),
        "sentence": float(lower >= 4),
        "place_noun": float(any(w.strip(".,:;()").casefold().endswith(PLACE_NOUNS) for w in words)),
    }
    if line is not None:
        at = line.find(value)
        x["colon_after"] = float(at >= 0 and line[at + len(value):].lstrip()[:1] == ":")
    return x


def candidates(lines: list[Token], header: list[Token], fields: Iterable[tuple[str, str]],
               line_dates: Sequence[tuple[str | None, int, int]] = ()) -> list[Reading]:
    """Every reading of the place: ``lines`` the header's content lines (chrome and other meetings out),
    ``header`` all its tokens (for adjacency), ``fields`` the (key, value) of its labelled fields;
    ``line_dates`` the ``find_date`` of the first lines, where the caller read them already."""

    def shape(value: str, n: int) -> dict[str, float]:
        x = _shape(value, lines[n].text if n >= 0 else None)
        if n >= 0:
            x |= {"early": float(n < 3), "position": min(n, MAX_LINES) / MAX_LINES}
        return x

    found = Readings(shape)
    seq = {t.no: k for k, t in enumerate(x for x in header if x.kind != BLANK)}  # content order, blanks out

    def offer(raw: str, n: int, **marks: float) -> None:
        if raw.strip().casefold().startswith(PREPOSITION_IDIOMS):
            return  # "i henhold til vedtægterne": no place follows
        if n >= 0 and n + 1 < len(lines):
            raw = _continued(raw, lines[n], lines[n + 1], seq)
        value = _clean(raw, keep_preposition=bool(marks.get("labelled")))
        if not value or not any(c.isalpha() for c in value) or len(value.split()) > MAX_WORDS or len(value) > 120:
            return
        if (value[0] in "([" and value[-1] in ")]") or P.lead_of(value) in _REFERENCES:
            return  # "(ekstraordinær)" is a remark, "pkt. 40" an item's reference: neither is a place
        found.offer(value, n, **marks)

    for key, value in fields:
        if key == "field:location":
            offer(value, -1, labelled=1, preposition=float(value.casefold().startswith(_PREPOSITIONS)))
        elif key in ("field:date", "field:time") and (end := _when(value)[1]):
            rest = value[end:]
            offer(rest, -1, field_rest=1, comma_after_when=float(rest.lstrip()[:1] == ","))
    order = {id(x): n for n, x in enumerate(x for x in header if x.kind != BLANK)}
    head = lines[: MAX_LINES + 1]
    dates, ends = zip(*(_when(t.text, line_dates[n] if n < len(line_dates) else None)
                        for n, t in enumerate(head)), strict=True) if head else ((), ())  # once a line
    for n, t in enumerate(head[:MAX_LINES]):
        text = t.text
        end = ends[n]
        if end and end < len(text):
            rest = text[end:]
            offer(rest, n, after_when=1, comma_after_when=float(rest.lstrip(" .")[:1] == ","),
                  preposition=float(rest.lstrip(" ,.").casefold().startswith(_PREPOSITIONS)))
        if (t.kind == TEXT and text.casefold().startswith(_PREPOSITIONS)  # "i Kirkecenter X", under or over
                and ((n and ends[n - 1]) or (n + 1 < len(head) and dates[n + 1]))):  # the date line
            offer(text, n, preposition=1, own_line=1, beside_when=1)
        if dates[n] or ends[n]:  # a date line, or a time line ("Kl. 13.00 – 15.00") below the date
            for j in (n + 1, n - 1):
                if 0 < j < len(head) and head[j].kind == TEXT and id(head[j]) in order \
                        and id(t) in order and abs(order[id(t)] - order[id(head[j])]) == 1 and not dates[j]:
                    offer(head[j].text, j, own_line=1, beside_when=float(dates[n]), beside_time=float(not dates[n]))
    for n, t in enumerate(lines[:PROSE_LINES]):
        m = P.PLACE_PROSE_ANY.search(t.text)
        if m:
            offer(t.text[m.start("prep"):m.end("place")], n, verb=1, preposition=1)
    return found.all()


def _continued(raw: str, t: Token, below: Token, seq: dict[int, int]) -> str:
    """``raw`` (read from ``t``) with the address it runs on to: where the reading closes its line, or
    a few words after a comma do ("Mødet holdes i Seniorhusets lokaler, Lange"), and the next content
    line, over blank lines (double-spaced text, research phenomenon 25), is a short address with a
    postcode and a town ("Allé 12, 5000 Odense C"), the place is all of it."""
    if below.kind != TEXT or seq.get(below.no, -1) - seq.get(t.no, -9) != 1 or not P.POSTCODE_TOWN.search(below.text):
        return raw
    at = t.text.find(raw.strip())
    if at < 0 or len(below.text.split()) > ADDRESS_WORDS:
        return raw
    rest = t.text[at + len(raw.strip()):].strip()
    if rest and not (rest.startswith(",") and len(rest.split()) <= 3 and rest[-1:].isalpha()):
        return raw
    return f"{t.text[at:].strip()} {below.text.strip()}"


def shipped() -> Model:
    """The place weights fitted on all the given gold, as shipped in the package."""
    return readings.shipped(MODEL_FILE)


def choose(places: list[Reading], model: Model | None = None) -> str | None:
    """The best-supported reading, if the evidence is for it (a positive score); else no place."""
    best = readings.choose(places, model or shipped())
    return best.value if best else None
