"""The body that met: every reading the header's proposers offer, weighed by fitted shape features.

Part of stage 4 (extract), asked by the header, which runs the proposers (a "Udvalg:" field; a
subject or kind field's meeting word; "mødet i X den …", "Beboerrådets møde"; the title and the first lines;
decision headings "Beslutning i X"; prose "Mødet i X begyndte …"; a general assembly's word; a
meeting word anywhere at the head, "menighedsrådsmøde" -> Menighedsrådet; an annual or ordinary
meeting's own word, "det årlige Gruppemøde" -> Gruppemødet; the body noun the text names most,
"landsbyrådet"). Each reading is described by the marks of the evidence that offered it and by
its shape (``NAMES``), never by its words; the weights are fitted to the gold (``train/fit.py``,
data in ``body_model.json``). The best reading wins if its score is positive; else none.
"""

from __future__ import annotations

import math

from referat_parser import patterns as P
from referat_parser.extract import readings
from referat_parser.extract.dates import find_date
from referat_parser.extract.readings import Reading, Readings
from referat_parser.structure.model import Model
from referat_parser.vocabulary import (
    BODY_DEFINITE_FORMS,
    DEFINITE_SUFFIXES,
    ORDINARY_ADJECTIVES,
    ORGANISATION_NOUNS,
    WEEKDAYS,
)

NAMES = (
    # the evidence that offered it
    "labelled",        # a body field ("Udvalg:", "Forum:")
    "field_meeting",   # the meeting named in a subject or kind field ("Emne: 6. møde i X", "Møde: Bestyrelsesmøde")
    "meeting_phrase",  # "… mødet i X den <date>" or "Xs møde" in the header's lines
    "title",           # read from the title line
    "spelled_out",     # a header line that spells out the title's derived body ("Hvidovre Lokalråd")
    "first_line",      # read from one of the first lines
    "decision_heading",  # "Beslutning i X den …" under the items
    "prose",           # "Mødet i X begyndte kl. …"
    "assembly",        # a general assembly's word in the title lines ("Generalforsamling")
    "meeting_word",    # a compound meeting word at the head whose stem is a body ("menighedsrådsmøde")
    "own_meeting",     # an annual or ordinary meeting's own word ("ordinært afdelingsmøde")
    "mentioned",       # the body noun the text names most often ("landsbyrådet", "rådet")
    "specified",       # the text's full name for another reading's noun ("Rådsmøde" … "Menighedsrådet godkendte")
    "named_word",      # a word of the title lines that is a body noun's definite form ("… SUNDHEDSUDVALGET")
    # its shape
    "words",           # how many words (log)
    "capitalised",     # the share of its words that are capitalised
    "lower_first",     # it begins in lower case
    "definite",        # it ends in a body noun's definite form ("… udvalget", "Bestyrelsen")
    "body_noun",       # a body noun in it ("råd", "bestyrelse", "udvalg" …)
    "digits",          # a digit in it
    "sentence",        # three or more lower-case words: prose, not a name
    "is_place",        # it is the place chosen
    "mentions",        # how often the text names it (log)
    "early",           # from the first three header lines
    "organisation",    # an organisation's word in it ("forening", "kommune"): who holds the meeting, not who met
    # its relation to the other readings
    "sources",         # how many kinds of evidence offered it (log)
    "specific",        # another reading's noun is part of it ("Forældrebestyrelse" beside "Bestyrelsen")
    "generic",         # it is part of another reading
)
_SOURCES = NAMES[:NAMES.index("words")]
MODEL_FILE = "body_model.json"
MENTION_CHARS = 2_000  # mentions are counted in the text's head: the header and the first items
_WEEKDAYS = frozenset(WEEKDAYS)
_ORDINARY = frozenset(ORDINARY_ADJECTIVES)
_MEETING_WORDS = frozenset(("møde", "mødet", "møder"))


def clean(value: str) -> str:
    """The body's name alone: no "ordinær" before it, no meeting word after it, nothing after a weekday
    or a date that was read with it, no edge punctuation."""
    words = value.split()
    while len(words) > 1 and words[0].casefold() in _ORDINARY:
        words = words[1:]  # "Ordinær generalforsamling": the assembly's word without "ordinær" (FORMAT.md)
    cut = next((n for n, w in enumerate(words) if n and w.strip(".,:;").casefold() in _WEEKDAYS), len(words))
    if cut > 1 and words[cut - 1].strip(".,:;").casefold() in _MEETING_WORDS:
        cut -= 1  # "OS2 Heat Control møde": the body, not its meeting
    ordinal = next((n for n in range(1, cut - 1) if words[n].rstrip(".").isdigit() and words[n].endswith(".")
                    and words[n + 1].casefold() in _MEETING_WORDS), None)
    if ordinal:  # "Udvalgets 2. møde i 2015": the body is the one whose meeting it is
        cut = ordinal
        last = words[cut - 1]
        if last.endswith("s") and last[:-1].casefold().endswith(BODY_DEFINITE_FORMS):
            words = [*words[: cut - 1], last[:-1]]
    v = " ".join(words[:cut])
    if any(c.isdigit() for c in v):  # every date shape has a digit
        iso, start, _ = find_date(v)
        if iso and start:
            v = v[:start]
    return " ".join(v.split()).strip(" .,:;-–(")


def collector(text: str, place: str | None) -> Readings:
    """A collector of body readings for a document whose head (``MENTION_CHARS``) is ``text`` and whose
    place reads ``place``."""
    head = text.casefold()

    def features(value: str, line: int) -> dict[str, float]:
        words = value.split()
        folded = value.casefold()
        lower = sum(1 for w in words if w[:1].islower())
        return {
            "words": math.log1p(len(words)),
            "capitalised": sum(1 for w in words if w[:1].isupper()) / len(words),
            "lower_first": float(value[:1].islower()),
            "definite": float(folded.strip(" .").endswith(BODY_DEFINITE_FORMS)),
            "body_noun": float(bool(P.BODY_NOUN_IN.search(folded))),
            "digits": float(any(c.isdigit() for c in value)),
            "sentence": float(lower >= 3),
            "is_place": float(bool(place) and folded == (place or "").casefold()),
            "mentions": math.log1p(head.count(folded)),
            "early": float(0 <= line < 3),
            "organisation": float(any(word in folded for word in ORGANISATION_NOUNS)),
        }

    return Readings(features)


def stem(value: str) -> str:
    """The name folded, without its definite ending ("Menighedsrådet" -> "menighedsråd")."""
    folded = value.casefold()
    for suffix in ("en", "et", *DEFINITE_SUFFIXES):
        if folded.endswith(suffix) and len(folded) > len(suffix) + 3:
            return folded[: -len(suffix)]
    return folded


def _named(value: str) -> str:
    """The name without its words that hold a digit: a year or a term ("Generalforsamling 2026",
    "Bestyrelsen (2018-2021)") makes a name no more specific (the gold ignores a printed term)."""
    return " ".join(w for w in value.casefold().split() if not any(c.isdigit() for c in w))


def related(bodies: list[Reading]) -> list[Reading]:
    """The readings with what they are beside the others: how much evidence offered each, and which is
    a more specific name of another's noun."""
    nouns = [stem(r.value) for r in bodies]
    names = [_named(r.value) for r in bodies]
    out = []
    for k, r in enumerate(bodies):
        specific = any(j != k and len(n) >= 4 and n in names[k] and len(names[k]) > len(names[j])
                       for j, n in enumerate(nouns))
        generic = any(j != k and len(nouns[k]) >= 4 and nouns[k] in o and len(o) > len(names[k])
                      for j, o in enumerate(names))
        sources = sum(1 for name in _SOURCES if r.x.get(name))
        out.append(Reading(r.value, r.line, r.x | {"sources": math.log1p(sources), "specific": float(specific),
                                                   "generic": float(generic)}))
    return out


def shipped() -> Model:
    """The body weights fitted on all the given gold, as shipped in the package."""
    return readings.shipped(MODEL_FILE)


def choose(bodies: list[Reading], model: Model | None = None) -> str | None:
    best = readings.choose(bodies, model or shipped())
    return best.value if best else None
