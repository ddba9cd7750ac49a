"""Minute takers: whoever a Referent label, an election or the item that chose them names.

The gold names the minute taker wherever the minutes say who wrote them, so the label is
looked for anywhere, not only in the header: a field ("Referent: Kim Holt"), a label inside a
line ("… valgtes som dirigent. Referent: Kim Holt.", "Formand/referent: Henning Wangerin" in
a signature block), "Referat ved sekretær Jørgen Rubæk." at the end, an election ("Kim blev
valgt som referent") and an item "Valg af referent" with the name alone below it. Each kind of
evidence that names someone offers a reading, in the order the rules trusted them (a "(referent)"
note in the attendance list before the election: see ``extract.build``), and fitted weights choose
among them (``NAMES``; ``takers_model.json`` by ``python train/fit.py``): the gold holds few
documents where two kinds disagree, so the weights mostly keep that order. Every name is cut from
the text.
"""

from __future__ import annotations

import math

from referat_parser import patterns as P
from referat_parser.extract import readings
from referat_parser.extract.people import split_names, split_title_name
from referat_parser.extract.readings import RankedReadings, Reading
from referat_parser.sections import Layout
from referat_parser.structure.model import Model
from referat_parser.tokenize import BLANK, FIELD, HEADING, LABEL, MARKER, TEXT, Token
from referat_parser.vocabulary import (
    HEADER_LABELS,
    TAKER_CLOSING_WORDS,
    TAKER_ELECTED_VERBS,
    TAKER_ITEM_TITLES,
    TAKER_REPORT_LABELS,
)

NAMES = (
    # the evidence that named them, in the order the rules trusted it
    "field",          # a Referent field ("Referent: Kim Holt")
    "label_in_line",  # a label inside a line ("… dirigent. Referent: Kim Holt.", "Formand/referent: X")
    "closing",        # the closing lines ("ref. Eva Sand", "Eva Sand" over "Referent")
    "report_label",   # "Referat: Eva Sand" with a full name alone after it
    "prose",          # "Referatet er skrevet af Lise"
    "list_note",      # a "(referent)" note or role in the attendance list
    "election",       # "Kim blev valgt som referent"
    "taker_item",     # the item "Valg af referent" with the name alone below it
    # their shape
    "names",          # how many names (log)
    "full_names",     # the share of them with two words or more
    # the document
    "sources",        # how many kinds of evidence named them (log)
    "offered_first",  # the first kind of evidence, in the order above, that names someone
)
EVIDENCE = NAMES[:8]
MODEL_FILE = "takers_model.json"
SEP = " | "  # between the names of one reading: a name never holds it (a label's value ends at "|")
TAKER_ITEMS_FOLDED = frozenset(t.casefold() for t in TAKER_ITEM_TITLES)
LINE_KINDS = (TEXT, HEADING, LABEL, MARKER, FIELD)
TAKER_CLOSING_FOLDED = frozenset(TAKER_CLOSING_WORDS)
_SHORTEST = min(TAKER_CLOSING_FOLDED, key=len)
CLOSING_STEM = next(_SHORTEST[:k] for k in range(len(_SHORTEST), -1, -1)  # "ref": in every closing word
                    if all(w.startswith(_SHORTEST[:k]) for w in TAKER_CLOSING_FOLDED))
REPORT_LABELS_FOLDED = frozenset(w.casefold() for w in TAKER_REPORT_LABELS)
# Where a minute-taker label can start ("Referent", "Ref.", "Referat ved", "Skrevet af"), and
# the "For " that may open it ("For referatet").
LABEL_STEMS = tuple(sorted({w.casefold().removeprefix("for ")[:3] for w in HEADER_LABELS["minute_takers"]}))
FOR_PREFIX = "for "
TAKER_LABELS_FOLDED = tuple(w.casefold() for w in HEADER_LABELS["minute_takers"])
ELECTION_REACH = 120  # an election is one short sentence: its names lie this close to "referent"
ELECTED_STEMS = tuple(sorted({v[:5] for v in TAKER_ELECTED_VERBS}))  # "valgt", "udpeg"
CLOSING_LINES = 6  # where minutes sign off
# The labels that need no colon (TAKER_LABEL_IN: several words that speak of the minutes, "Referat
# ved") all hold this: a line with neither it nor a colon holds no label.
BARE_LABEL_WORD = "eferat"


def labelled(layout: Layout) -> list[tuple[str, list[str]]]:
    """What each kind of label names ("Referent: …", "Referat ved …"), in the order the rules trusted
    them: (the evidence's name in ``NAMES``, the names; [] where that kind names nobody)."""
    toks = layout.tokens
    return [("field", _from_fields(toks)), ("label_in_line", _from_labels_in_lines(toks)),
            ("closing", _from_closing(toks)),
            ("report_label", _from_report_label([*layout.header, *_last_lines(toks)]))]


def chosen(layout: Layout) -> list[tuple[str, list[str]]]:
    """The minute takers chosen at the meeting: an election ("Kim blev valgt som referent") and the
    item "Valg af referent" with the name below it. The rules trusted them last: a label or a
    "(referent)" note in the attendance list gives the full name, the election often the first name."""
    return [("election", _from_elections(layout.tokens)), ("taker_item", _from_taker_item(layout))]


def found(sources: list[tuple[str, list[str]]]) -> list[Reading]:
    """The readings of the minute takers: each kind of evidence that names someone offers its names
    (as one value, ``SEP``-joined), in the order given (the rules' order: ``offered_first``)."""
    readings_ = RankedReadings(_shape, EVIDENCE)
    for source, names in sources:
        if names:
            readings_.offer(SEP.join(names), -1, **{source: 1.0})
    return readings_.all()


def _shape(value: str, line: int) -> dict[str, float]:
    names = value.split(SEP)
    return {"names": math.log1p(len(names)), "full_names": sum(len(n.split()) >= 2 for n in names) / len(names)}


def shipped() -> Model:
    return readings.shipped(MODEL_FILE)


def choose(found_: list[Reading], model: Model | None = None) -> list[str]:
    """The minute takers the weights choose among the readings ([] if none is supported)."""
    best = readings.choose(found_, model or shipped())
    return best.value.split(SEP) if best else []


def names_in(value: str) -> list[str]:
    """The names at the head of a label's value: up to a sentence's end, a cell border ("|") or
    the next label ("Referent: Jørn | Dagsorden:" -> Jørn)."""
    value = P.SENTENCE_END.split(value)[0].split(" | ")[0]
    words: list[str] = []
    for word in value.split():
        if word.endswith(":") and words:
            break  # "Jørn Dagsorden:": the next label
        words.append(word)
    return split_names(" ".join(words))


def _value_of(toks: list[Token], k: int) -> str:
    """A field's inline value, else the next non-blank line when it is short (a name)."""
    if toks[k].value:
        return toks[k].value
    j = k + 1
    while j < len(toks) and toks[j].kind == BLANK:
        j += 1
    return toks[j].text if j < len(toks) and toks[j].kind in (TEXT, HEADING) else ""


def _from_fields(toks: list[Token]) -> list[str]:
    for k, t in enumerate(toks):
        if t.kind == FIELD and t.key == "field:minute_takers" and (names := names_in(_value_of(toks, k))):
            return names
    return []


def _from_labels_in_lines(toks: list[Token]) -> list[str]:
    # The pattern is tried only where a label can start: at "ref…" or "skrevet" (a search
    # over every line costs more than the rest of the header), and the substring tests come
    # cheapest first: a line's test was a fifth of the header's time.
    for t in toks:
        if t.kind not in LINE_KINDS:  # first: a blank line has nothing to search
            continue
        text = t.line.text
        if ":" in text:  # one character is found several times faster than two
            if not ("ef" in text or "EF" in text or "krev" in text or "KREV" in text):
                continue
        elif not (BARE_LABEL_WORD in text or BARE_LABEL_WORD.upper() in text):
            continue  # no colon: only a label of several words that says "referat" can stand here
        low = text.casefold()
        for stem in LABEL_STEMS:
            i = low.find(stem)
            while i >= 0:
                for start in (i, i - len(FOR_PREFIX)) if low.endswith(FOR_PREFIX, 0, i) else (i,):
                    if not low.startswith(TAKER_LABELS_FOLDED, start):
                        continue  # "referat", "efterfølgende": no label here
                    m = P.TAKER_LABEL_IN.match(text, start)
                    if m and (names := names_in(m.group("value"))):
                        return names
                i = low.find(stem, i + 1)
    return []


def _last_lines(toks: list[Token]) -> list[Token]:
    """The last CLOSING_LINES lines with text, in document order."""
    out: list[Token] = []
    for t in reversed(toks):
        if t.kind in LINE_KINDS:
            out.append(t)
            if len(out) == CLOSING_LINES:
                break
    return out[::-1]


def _from_closing(toks: list[Token]) -> list[str]:
    """The minute taker in the closing lines: "ref. Eva Sand", or "Eva Sand" over "Referent"."""
    last = _last_lines(toks)
    for n, t in enumerate(last):
        head, _, rest = t.text.strip().partition(" ")
        closing = head.casefold() in TAKER_CLOSING_FOLDED
        if closing and rest and (names := names_in(rest)):
            return names
        # a signature: the name above its role, alone ("Referent") or among others ("sekretær, referent")
        if n and ((closing and not rest) or (not closing and CLOSING_STEM in t.text.casefold()
                                            and _roles_with_taker(t.text))):
            _, name, after = split_title_name(last[n - 1].text.strip(" ,."))
            if name and not after:
                return [name]
    return []


def _roles_with_taker(text: str) -> bool:
    """A signature's line of roles, one of them the minute taker's: "sekretær, referent", "formand/ref."."""
    parts = [p.strip(" ()") for p in P.ROLE_SPLIT.split(text.strip())]
    return (len(parts) > 1 and any(p.casefold() in TAKER_CLOSING_FOLDED for p in parts)
            and all(p.rstrip(".").isalpha() and p[:1].islower() for p in parts))


def _from_report_label(lines: list[Token]) -> list[str]:
    """"Referat: Eva Sand" (", 4. maj 2021"): a full name alone after the word for minutes."""
    for t in lines:
        head, colon, value = t.text.partition(":")
        if not colon or " ".join(head.split()).casefold() not in REPORT_LABELS_FOLDED:
            continue
        _, name, rest = split_title_name(value.split(",")[0].strip(" ."))
        if name and not rest and len(name.split()) >= 2:
            return [name]
    return []


def _from_elections(toks: list[Token]) -> list[str]:
    for t in toks:
        text = t.line.text
        if not ("efer" in text or "EFER" in text) or t.kind not in LINE_KINDS:
            continue
        low = text.casefold()
        if "referent" not in low or not any(v in low for v in ELECTED_STEMS):
            continue
        i = low.find("referent")
        while i >= 0:  # the sentence around each "referent", not the whole (maybe flattened) line
            window = text[max(0, i - ELECTION_REACH) : i + ELECTION_REACH]
            for m in P.TAKER_ELECTED.finditer(window):
                if m.group("after"):
                    if names := names_in(m.group("after")):
                        return names
                elif names := _trailing_names(m.group("names")):
                    return names
            i = low.find("referent", i + 1)
    return []


def _trailing_names(s: str) -> list[str]:
    """The names that end a clause: "Formanden bød velkommen, og Kim Bo" -> ["Kim Bo"]."""
    out: list[str] = []
    for part in reversed(P.LIST_SPLIT.split(s)):
        _, name, rest = split_title_name(P.PAREN.sub(" ", part).strip(" ,."))
        if not name or rest:
            break
        out.append(name)
    return out[::-1]


def _from_taker_item(layout: Layout) -> list[str]:
    """"2. Valg af referent" with the name alone on the next line."""
    for it in layout.items:
        if it.title.strip().casefold() not in TAKER_ITEMS_FOLDED:
            continue
        first = next((t for t in it.tokens if t.kind != BLANK), None)
        if first is not None and first.kind == TEXT:
            _, name, rest = split_title_name(first.text.strip(" ."))
            if name and not rest:
                return [name]
    return []
