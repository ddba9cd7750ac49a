"""Participants: lines under Deltagere / Afbud / Til stede … -> Participant records.

Two shapes occur: one person per line ("Name, title, organisation" or "Title,
Name, Organisation, role" or "Direktør Søren Liner, Herning kommune") and a list
of names on one line ("A, B og C"). A line is a list when every part of it reads
as a (possibly titled) name. Party letters "(A)", initials "(LI)", roles
"(referent)" and organisations in brackets become fields. Lines that read as
sentences end a list.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

from referat_parser import patterns as P
from referat_parser.vocabulary import (
    ABSENCE_LABEL_STEMS,
    ABSENCE_SUFFIXES,
    CHAIR_NOTES,
    FIRST_NAMES,
    LIST_AND,
    MINUTE_TAKER_NOTES,
    NAME_PARTICLES,
    NOBODY,
    SENTENCE_WORDS,
    UNTICKED_NOTE,
)

NOBODY_FOLDED = frozenset(w.casefold() for w in NOBODY)  # "Ingen", "Ingen afbud", "-"
SENTENCE_WORDS_FOLDED = frozenset(SENTENCE_WORDS)
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 4  # a person named in a run-on list: "Ib Bo" to "Jacob Duevang Krogh Rasmussen"
SENTENCE_WORD_SET = frozenset((*SENTENCE_WORDS, *LIST_AND, "i", "ved", "fra"))  # never inside a name
FIRST_NAMES_FOLDED = frozenset(n.casefold() for n in FIRST_NAMES)


@dataclass(slots=True)
class Person:
    name: str
    title: str | None = None
    organisation: str | None = None
    party: str | None = None
    note: str | None = None
    minute_taker: bool = False


def _clean(s: str) -> str:
    return " ".join(s.split()).strip(" \t.,;:")


# The predicates below are pure functions of one word or segment, and the same words (names,
# titles, organisations) recur on every participant line and in every document: cache them.
@lru_cache(maxsize=8192)
def _is_title_token(tok: str) -> bool:
    return bool(P.TITLE_WORD.fullmatch(tok.strip(",.:")))


@lru_cache(maxsize=8192)
def _is_name_token(tok: str) -> bool:
    if tok.casefold() in NAME_PARTICLES:
        return True
    return P.name_token(tok) and not _is_title_token(tok) and not _is_org_token(tok)


def is_name_token(tok: str) -> bool:
    """A word that can be part of a person's name: capitalised, an initial, a particle ("von")."""
    return _is_name_token(tok)


@lru_cache(maxsize=8192)
def _is_org_token(tok: str) -> bool:
    """A word ending in an organisation word ("Regionsrådet", "Kommune"): dear to match, so cached."""
    return bool(P.ORG_TOKEN.match(tok))


@lru_cache(maxsize=8192)
def _has_title(s: str) -> bool:
    """A title word anywhere in ``s`` ("Sygeplejefaglig direktør …")."""
    return bool(P.TITLE_WORD.search(s))


@lru_cache(maxsize=8192)
def _has_org(s: str) -> bool:
    """An organisation word anywhere in ``s`` ("Region Midtjylland", "Herning Kommune")."""
    return bool(P.ORG_WORD.search(s))


@lru_cache(maxsize=8192)
def _prefix_like(tok: str) -> bool:
    """Part of a title before a name: a title word, an acronym, an organisation, a lower-case word."""
    return bool(
        _is_title_token(tok) or P.ACRONYM.match(tok) or _is_org_token(tok)
        or (tok[:1].islower())
    )


@lru_cache(maxsize=8192)  # a list line is read as a list, then as a record: same segments
def split_title_name(seg: str) -> tuple[str | None, str | None, str]:
    """("Praksis koordinator", "Jørgen Buch", "") from "Praksis koordinator Jørgen Buch".

    Returns (title prefix, name, rest). The prefix is the leading run of title words,
    acronyms, organisation words and lower-case words ("Medlem af PLO Midtjylland");
    the name is the run of capitalised tokens after it. A single capitalised word right
    before a title word is an adjective of the title ("Sygeplejefaglig direktør").
    """
    toks = [t.strip(",:") for t in seg.split()]
    toks = [t for t in toks if t]
    i, n = 0, len(toks)
    while True:
        while i < n and _prefix_like(toks[i].strip(".")) and not (
            toks[i].casefold() in NAME_PARTICLES and i > 0 and _is_name_token(toks[i - 1])
        ):
            i += 1
        j = i
        while j < n and _is_name_token(toks[j]) and not (
            toks[j].casefold() in NAME_PARTICLES and j == i
        ):
            j += 1
        if j - i == 1 and j < n and _is_title_token(toks[j].strip(".")):
            i = j + 1  # "Sygeplejefaglig direktør": keep reading the title
            continue
        break
    name_toks = toks[i:j]
    while name_toks and name_toks[-1].casefold() in NAME_PARTICLES:
        name_toks.pop()
        j -= 1
    if len(name_toks) > 6:
        name_toks, j = name_toks[:6], i + 6
    title = " ".join(toks[:i]) or None
    name = " ".join(name_toks) or None
    return title, name, " ".join(toks[j:])


def _parens(seg: str) -> tuple[str, list[str]]:
    if "(" not in seg:  # most parts have no note: spare the two pattern calls
        return seg.strip(" ,"), []
    inner = [m.group("inner").strip() for m in P.PAREN.finditer(seg)]
    # A note ends a part: "Jens Hansen (A) Herning Kommune" is "Jens Hansen", "Herning Kommune".
    return P.PAREN.sub(", ", seg).strip(" ,"), [i for i in inner if i]


def _apply_notes(p: Person, notes: list[str]) -> None:
    extra: list[str] = []
    for note in notes:
        low = note.casefold().strip(" .")
        if P.PARTY.match(note):
            p.party = note
        elif low in MINUTE_TAKER_NOTES or any(w in MINUTE_TAKER_NOTES for w in low.replace("/", " ").split()):
            p.minute_taker = True
            extra.append(note)
        elif low in CHAIR_NOTES or P.INITIALS.match(note):
            extra.append(note)
        elif _has_org(note) or (note[:1].isupper() and len(note) > 3):
            p.organisation = p.organisation or note
            if p.organisation != note:
                extra.append(note)
        else:
            extra.append(note)
    if extra:
        p.note = ", ".join(([p.note] if p.note else []) + extra)


def _lowercase_words(s: str) -> int:
    return sum(
        1
        for w in s.split()
        if w[:1].islower() and w.casefold() not in NAME_PARTICLES and not _is_title_token(w)
        and not _is_org_token(w.strip(",."))
    )


def looks_like_sentence(s: str) -> bool:
    bare, _ = _parens(s)
    return _lowercase_words(bare) >= 2 and bool(P.SENTENCE_WORDS.search(bare))


def parse_record(line: str) -> Person | None:
    """One person written as comma-separated parts: name, title, organisation, role."""
    bare, notes = _parens(line)
    segs = [_clean(s) for s in bare.split(",")]
    segs = [s for s in segs if s]
    person: Person | None = None
    leftovers: list[str] = []
    titles: list[str] = []
    for seg in segs:
        if person is None:
            title, name, rest = split_title_name(seg)
            if name and (not rest or _has_org(rest) or not _lowercase_words(rest)):
                person = Person(name)
                if title:
                    titles.append(title)
                if rest:
                    leftovers.append(rest)
                continue
            titles.append(seg)
            continue
        leftovers.append(seg)
    if person is None:
        return None
    # Before the name: titles. After it: a title phrase, then the organisation, then notes.
    org: str | None = None
    notes_after: list[str] = []
    for seg in leftovers:
        if not titles and _has_title(seg):
            # "Sygeplejefaglig direktør Regionshospitalet Gødstrup": title, then organisation
            toks = seg.split()
            last = max(i for i, t in enumerate(toks) if _is_title_token(t.strip(",.")) or i == 0)
            titles.append(" ".join(toks[: last + 1]))
            tail = " ".join(toks[last + 1 :])
            if tail:
                if org is None:
                    org = tail
                else:
                    notes_after.append(tail)
            continue
        if _has_title(seg) and not _has_org(seg):
            (notes_after if titles else titles).append(seg)  # a role: "regional medformand"
        elif org is None and (_has_org(seg) or seg[:1].isupper()):
            org = seg
        else:
            notes_after.append(seg)
    if any(seg.casefold() in MINUTE_TAKER_NOTES for seg in [*titles, *notes_after]):
        person.minute_taker = True  # "Eva Sand, referent"
    person.title = titles[0] if titles else None
    if len(titles) > 1:
        notes_after[:0] = titles[1:]
    person.organisation = org
    if notes_after:
        person.note = ", ".join(notes_after)
    _apply_notes(person, notes)
    return person


def split_list(line: str) -> list[str]:
    """The parts of a list of names, split at its separators but never inside brackets:
    "Eva Sand (sekretær/referent), Kim Juhl" is two parts, not three."""
    if "(" not in line:
        return P.LIST_SPLIT.split(line)
    depth, inside = 0, []
    for ch in line:
        depth += (ch == "(") - (ch == ")")
        depth = max(depth, 0)
        inside.append(depth > 0)
    parts: list[str] = []
    start = 0
    for m in P.LIST_SPLIT.finditer(line):
        if m.end() > m.start() and inside[m.start()]:
            continue
        parts.append(line[start:m.start()])
        start = m.end()
    parts.append(line[start:])
    return parts


def parse_list(line: str) -> list[Person] | None:
    """A line of several people ("A (V), B og C"), or None if it is not such a list."""
    parts = [_clean(p) for p in split_list(line)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    split = [_parens(part) for part in parts]
    if any(_has_org(bare) for bare, _ in split):  # "Name, title, Herning Kommune": a record, not a list
        return None
    people: list[Person] = []
    for bare, notes in split:
        title, name, rest = split_title_name(bare)
        if not name and people and title and not rest and _has_title(title):
            # "Jens Hansen (A), formand, Mette …": a role belongs to the name before it
            people[-1].title = people[-1].title or title
            continue
        if not name and people and bare.casefold() in MINUTE_TAKER_NOTES:
            people[-1].minute_taker = True  # "Eva Sand - referent", "Eva Sand, referent"
            people[-1].note = ", ".join(n for n in (people[-1].note, bare) if n)
            continue
        if not name and people and P.ABSENCE_NOTE.match(bare):
            people[-1].note = ", ".join(n for n in (people[-1].note, bare) if n)  # "Bo Holm – afbud, Eva Sand"
            continue
        if not name and people and " " not in bare and bare.isalpha() and bare.islower():
            continue  # "Anne, Bent og præsten": a role named without a name
        if not name:
            return None
        if rest and (not rest[:1].islower() or _lowercase_words(rest) > 3):
            return None
        p = Person(name, title=title)
        if rest:
            p.note = rest
        _apply_notes(p, notes)
        people.append(p)
    return people


def parse_line(line: str) -> list[Person]:
    """People on one line of a participant list ([] if the line holds none)."""
    s = _clean(line)
    if not s or s.casefold() in NOBODY_FOLDED:
        return []
    if looks_like_sentence(s) and not ("," in s and _has_title(s.split(",")[0])):
        return _leading_names(s)
    many = parse_list(s)
    if many:
        return unglued(many)
    one = parse_record(s)
    return unglued([one]) if one else []


def _leading_names(s: str) -> list[Person]:
    """"Evan Lynnerup (V) - Marianne Kiærulff (V) mødte som stedfortræder." -> Evan Lynnerup."""
    out: list[Person] = []
    for part in split_list(s):
        bare, notes = _parens(_clean(part))
        _, name, rest = split_title_name(bare)
        if not name or rest or len(name.split()) < 2:
            break
        p = Person(name)
        _apply_notes(p, notes)
        out.append(p)
    return out


def as_absent(p: Person) -> Person:
    """The same person, marked absent (the note an unticked attendance box gets)."""
    return Person(p.name, p.title, p.organisation, p.party, UNTICKED_NOTE, p.minute_taker)


def name_runs(value: str) -> list[Person]:
    """People of a list run together without separators, split where the name shape breaks.

    "Ole Dam (formand) (A) Pia Lund (V) deltog fra sag 3 Bo Holm (C)": a run of capitalised
    words ends at a note in brackets or a lower-case word; the lower-case words after it say
    more about that person ("var fraværende": absent). A run of two or more names glued together
    is split at its first names (``glued_names``); a run it cannot split into names of at most
    MAX_NAME_WORDS words is left out.
    """
    people: list[Person] = []
    run: list[str] = []
    tail: list[str] = []
    ended = False
    depth = 0
    if "af" in value:  # "… Jacob Holm Hansen Side 1 af 66": a page mark is never part of a name
        value = P.PAGE_MARK.sub(" ", value)

    def close() -> None:
        if tail and tail[0].casefold() in SENTENCE_WORDS_FOLDED and len(run) > MIN_NAME_WORDS:
            del run[-1]  # "Michael Burgess Mødet blev gennemført": the last capital opens a sentence
            tail.clear()
        # a name as printed, never one made by dropping what stood between its words ("Pkt. Godkendt")
        if " ".join(run) not in " ".join(value.split()):
            return
        names = glued_names(run)
        for k, words in enumerate(names):
            if not MIN_NAME_WORDS <= len(words) <= MAX_NAME_WORDS or words[-1].casefold() in NAME_PARTICLES:
                continue
            note = (" ".join(tail) or None) if k == len(names) - 1 else None  # the words after it: the last's
            p = Person(" ".join(words), note=note)
            absent = note and any(stem in note.casefold() for stem in ABSENCE_LABEL_STEMS + ABSENCE_SUFFIXES)
            people.append(as_absent(p) if absent else p)

    for tok in value.split():
        opens, closes = tok.count("("), tok.count(")")
        in_note = depth > 0 or opens > 0
        depth = max(0, depth + opens - closes)
        if in_note:
            ended = bool(run)
            continue
        word = tok.strip(",;:")
        if word.endswith(".") and len(word) > 2:
            word = word[:-1]  # "… Rasmussen." ends a sentence; "P." is an initial
        if word and is_name_token(word) and (run or word.casefold() not in NAME_PARTICLES):
            if ended:
                close()
                run, tail, ended = [], [], False
            run.append(word)
            ended = tok[-1] in ",;"
        elif run:
            ended = True
            tail.append(word)
    close()
    return people


def first_name(word: str) -> bool:
    """Is ``word`` a common first name (``vocabulary.FIRST_NAMES``; "Anne-Marie" by its first part)?"""
    return word.split("-")[0].casefold() in FIRST_NAMES_FOLDED


def glued_names(words: list[str]) -> list[list[str]]:
    """The names in a run of name words glued by single spaces: "Pia Lund Bo Holm" is Pia Lund and
    Bo Holm (a member list's two columns flattened). A new name begins at a first name after a word
    that is none ("Anne Marie Kjær | Jens Dam": "Marie" after "Anne" goes on); every name opens with a
    first name and has MIN_NAME_WORDS words or more. A run that does not read so stays whole: the
    lexicon of first names (``vocabulary.FIRST_NAMES``) only ever splits, it never drops a word."""
    if len(words) < 2 * MIN_NAME_WORDS or not first_name(words[0]):
        return [words]
    cuts = [0]
    for i in range(MIN_NAME_WORDS, len(words) - MIN_NAME_WORDS + 1):
        if (i - cuts[-1] >= MIN_NAME_WORDS and first_name(words[i]) and not first_name(words[i - 1])
                and words[i - 1].casefold() not in NAME_PARTICLES):
            cuts.append(i)
    return [words[a:b] for a, b in zip(cuts, [*cuts[1:], len(words)], strict=True)]


def unglued(people: list[Person]) -> list[Person]:
    """``people`` with every bare name of glued names split into its people (``glued_names``); a person
    with a title, an organisation or a party is one person, as printed."""
    out: list[Person] = []
    for p in people:
        words = p.name.split()
        names = glued_names(words) if len(words) >= 2 * MIN_NAME_WORDS and not (p.title or p.organisation
                                                                                 or p.party) else [words]
        if len(names) == 1:
            out.append(p)
            continue
        out.extend(Person(" ".join(w)) for w in names[:-1])
        last = names[-1]
        out.append(Person(" ".join(last), note=p.note, minute_taker=p.minute_taker))  # its notes stood after it
    return out


def split_names(value: str) -> list[str]:
    """Bare names from "A/ B", "A og B", "A, B"."""
    out = []
    for part in split_list(value):
        _, name, rest = split_title_name(_clean(P.PAREN.sub(" ", part)))
        if name:
            out.append(_with_inner_particle(name, rest))
    return out


def _with_inner_particle(name: str, rest: str) -> str:
    """"John eg Pedersen": a short lower-case word between name words, closing the value, is
    part of the name (a particle the vocabulary does not know), not the start of a sentence."""
    toks = rest.split()
    if (len(toks) >= 2 and toks[0].isalpha() and toks[0].islower() and len(toks[0]) <= 3
            and toks[0] not in SENTENCE_WORD_SET and all(_is_name_token(t) for t in toks[1:])
            and len(name.split()) + len(toks) <= 5):
        return f"{name} {rest}"
    return name


@lru_cache(maxsize=8192)
def same_person(a: str, b: str) -> bool:
    """"Claus S. Thomsen" is "Claus Sersar Thomsen"; "Anette" is "Annette"."""
    ta, tb = a.casefold().split(), b.casefold().split()
    if ta == tb:
        return True
    if not ta or not tb:
        return False
    if len(ta) >= 2 and len(tb) >= 2 and ta[-1] == tb[-1] and ta[0] == tb[0]:
        mid_a, mid_b = ta[1:-1], tb[1:-1]
        if not mid_a or not mid_b:
            return len(mid_a) == len(mid_b)
        return all(x[0] == y[0] for x, y in zip(mid_a, mid_b, strict=False)) and len(mid_a) == len(mid_b)
    if len(ta) < 2 or abs(len(a) - len(b)) > 3:
        return False
    sm = difflib.SequenceMatcher(None, a.casefold(), b.casefold())
    return sm.real_quick_ratio() >= 0.93 and sm.quick_ratio() >= 0.93 and sm.ratio() >= 0.93


def clear_caches() -> None:
    """Empty the caches above (the benchmark's "all people new" figure; tests of cold paths)."""
    for f in (_is_title_token, _is_name_token, _is_org_token, _has_title, _has_org, _prefix_like, split_title_name,
              same_person):
        f.cache_clear()
