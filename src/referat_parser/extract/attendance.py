"""Attendance: who was listed as present, absent or a guest, read from the layout.

Lists start at a participant label ("Deltagere:", "Afbud:") and run while their lines read as
people (see ``people`` for one line). Lists of names are found by content too: a header line
or block under any label ("Udvalget:", "Til mødet er indbudt:") whose parts all read as person
names is an attendance list. Absence is read from labels, suffixes ("– afbud") and prose
("A og B deltog ikke på mødet"); a list ends where its names end.
"""

from __future__ import annotations

from referat_parser import patterns as P
from referat_parser import records as R
from referat_parser.extract.people import (
    NOBODY_FOLDED,
    Person,
    looks_like_sentence,
    parse_line,
    same_person,
    split_title_name,
)
from referat_parser.sections import Layout
from referat_parser.tokenize import BLANK, FIELD, HEADING, TABLE, TEXT, Token
from referat_parser.vocabulary import (
    ABSENCE_SUFFIXES,
    ATTENDANCE_TICKS,
    GROUP_FROM,
    NAME_HEADERS,
    PRESENT_HEADERS,
    ROLE_GROUPS,
    UNTICKED_NOTE,
)

ABSENCE_TAIL_CHARS = 30  # an absence suffix ends the line: "… (med afbud)", "… - ikke til stede"
NAME_HEADERS_FOLDED = frozenset(w.casefold() for w in NAME_HEADERS)
PRESENT_HEADERS_FOLDED = frozenset(w.casefold() for w in PRESENT_HEADERS)
TICKS_FOLDED = frozenset(w.casefold() for w in ATTENDANCE_TICKS)

def _list_after(toks: list[Token], k: int, first: str | None) -> list[tuple[Person, int, str | None]]:
    """People listed from token k on (its inline value first), with line and group."""
    out: list[tuple[Person, int, str | None]] = []
    group: str | None = toks[k].body if 0 <= k < len(toks) and toks[k].kind == FIELD else None
    if first:
        first = P.SENTENCE_END.split(first)[0]  # flattened text: the list ends with its sentence
        out.extend((p, toks[k].no, group) for p in parse_line(first))
    j = k + 1
    bulleted: bool | None = None  # the form of the list's first line: a list keeps its form
    columns: tuple[int, int] | None = None  # an attendee table: (name column, presence column)
    while j < len(toks):
        t = toks[j]
        if t.kind == BLANK:
            j += 1
            continue
        if t.kind not in (TEXT, TABLE, HEADING):
            break
        if t.kind == HEADING and (t.prefix or _lowercase_count(t.title or "") >= 2):
            break  # "Ad pkt. 1 – Godkendelse af dagsorden": an item, where the names end
        if bulleted is None:
            bulleted = t.line.bullet
        elif bulleted and not t.line.bullet:
            break  # "- A", "- B", then "Møde indhold": the bullets were the list
        if t.kind == TABLE or (columns is not None and "|" in t.line.content):  # "4BC | Name | X" too
            cells = [c.strip() for c in t.line.content.strip("|").split("|")]
            if columns is None and (columns := _attendance_columns(cells)):
                j += 1
                continue
            if columns is not None:
                out.extend(_attendance_row(cells, columns, t.no))
                j += 1
                continue
        text = t.value.replace(" | ", ", ") if t.kind == TABLE and t.value else t.line.content
        first, _, after = text.partition(" ")
        if after[:2].isdigit() and first.isalpha() and first[:1].isupper():
            break  # "Sager 129 - 138" after the list: a word and a number, where names end
        if text.endswith(":") and not any(text.startswith(f) for f in GROUP_FROM) and (
            text[:-1].strip() not in ROLE_GROUPS and (not out or looks_like_sentence(text[:-1]) or
                                                      len(text[:-1].split()) > 2)
        ):
            break  # "Faciliteret af Jesper Buchhardt:": the next label, not a group of this list
        m = P.GROUP_LEAD.match(text)
        if m and len(m.group("group").split()) <= 5 and not looks_like_sentence(m.group("group")):
            # "Fra kommunerne:", "Forældrevalgte: A, B", "Fra forvaltningen: Ingen"
            group = m.group("group").strip()
            rest = m.group("rest").strip()
            people = parse_line(rest) if rest else []
            if rest and not people and rest.casefold() not in NOBODY_FOLDED:
                break
        else:
            tail = text[-ABSENCE_TAIL_CHARS:].lower()  # the words first: the search is dear, few lines hold one
            absent = P.ABSENCE_SUFFIX.search(text) if any(map(tail.__contains__, ABSENCE_SUFFIXES)) else None
            if absent:  # "Jens Hansen (A) - afbud": this person is absent, whatever the list says
                text = text[: absent.start()]
            people = parse_line(text)
            if not people:
                break
            if absent:
                people = [_absent(p) for p in people]
        out.extend((p, t.no, group) for p in people)
        j += 1
    return out


def _lowercase_count(s: str) -> int:
    return sum(1 for w in s.split() if w[:1].islower())


def _absent(p: Person) -> Person:
    return Person(p.name, p.title, p.organisation, p.party, UNTICKED_NOTE, p.minute_taker)


def _attendance_columns(cells: list[str]) -> tuple[int, int] | None:
    """(name column, presence column) of an attendee table's header row, else None."""
    folded = [" ".join(c.split()).casefold() for c in cells]
    name = next((n for n, c in enumerate(folded) if c in NAME_HEADERS_FOLDED), None)
    here = next((n for n, c in enumerate(folded) if c in PRESENT_HEADERS_FOLDED), None)
    return (name, here) if name is not None and here is not None else None


def _attendance_row(cells: list[str], columns: tuple[int, int], no: int) -> list[tuple[Person, int, str | None]]:
    """The person of one attendee-table row, present when the presence cell is ticked."""
    name_col, here_col = columns
    if max(columns) >= len(cells):
        return []
    people = parse_line(cells[name_col])
    if not people:
        return []
    ticked = cells[here_col].strip().casefold() in TICKS_FOLDED
    p = people[-1]  # "Projektleder, Jesper Buchhardt": the name comes last
    return [(p if ticked else _absent(p), no, None)]


def participants(layout: Layout, kind: str | None) -> tuple[list[R.Data], list[str]]:
    toks = layout.tokens
    found: list[tuple[Person, int, str, str | None]] = []  # person, line, status, group
    for k, t in enumerate(toks):
        if t.kind == FIELD and (t.key or "").startswith("people:"):
            status = (t.key or "").split(":")[1]
            for p, no, group in _list_after(toks, k, t.value):
                found.append((p, no, status, group))
    # Lists with no participant label, only their groups: "Forældrevalgte: A, B", "Fra ledelsen: C".
    listed = {no for _, no, _, _ in found}
    for t in layout.header:
        m = P.GROUP_LEAD.match(t.text) if t.kind == TEXT and t.no not in listed and ":" in t.text else None
        if m and _known_group(m.group("group").strip()):
            people = parse_line(m.group("rest")) if m.group("rest").strip() else []
            found.extend((p, t.no, "present", m.group("group").strip()) for p in people)
    # An item titled like a list label ("1. Mødedeltagere", "1. Fraværende") holds the list.
    for it in layout.items:
        status = _status_of_label(it.title)
        if not status or not it.tokens:
            continue
        for b in it.blocks:
            for k0, t0 in enumerate(b.tokens):
                if t0.kind in (TEXT, TABLE):
                    for p, no, group in _list_after(b.tokens, k0 - 1, None):
                        found.append((p, no, status, group))
                    break
    has_absent_list = any(s == "absent" for _, _, s, _ in found)
    if not has_absent_list:
        for t in toks:
            if t.kind not in (TEXT, HEADING, FIELD):  # "Til stede: A og B. C havde meldt afbud."
                continue
            for name, no in _absent_in_prose(t):
                found.append((Person(name), no, "absent", None))
    people: list[R.Data] = []
    minute_takers: list[str] = []
    for p, no, status, group in found:
        if p.note and P.ABSENCE_NOTE.match(p.note):
            status = "absent"  # "Name (med afbud)", an unticked box, "Name - afbud"
        if p.minute_taker:
            minute_takers.append(p.name)
        existing = next((x for x in people if same_person(x["name"], p.name)), None)
        if existing is not None:
            if status == "absent" and existing["status"] != "absent":
                # listed as a member, then as absent: absent wins, under the absentee list's spelling
                existing["status"] = "absent"
                existing["name"] = p.name
            continue
        org = p.organisation
        if org is None and group:
            g = next((group[len(f):] for f in GROUP_FROM if group.startswith(f)), group)
            org = g if g[:1].isupper() and g not in ROLE_GROUPS else None
            note = None if org else group
        else:
            note = None
        people.append(R.participant(
            name=p.name, title=p.title, organisation=org, party=p.party,
            note=p.note or note, status=status, line=no,
        ))
    return people, minute_takers


def _known_group(group: str) -> bool:
    """A group of attendees by role ("Forældrevalgte") or by origin ("Fra ledelsen")."""
    return group in ROLE_GROUPS or any(group.startswith(f) for f in GROUP_FROM)


def _status_of_label(title: str) -> str | None:
    m = P.FIELD_ALONE.match(title.strip())
    if not m:
        return None
    key = P.field_key(m.group("key"))
    return key.split(":")[1] if key.startswith("people:") else None


def _absent_in_prose(t: Token) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for m in P.ABSENCE_LEAD.finditer(t.text):
        for part in P.LIST_SPLIT.split(m.group("names")):
            bare = P.PAREN.sub(" ", part).strip()
            _, name, rest = split_title_name(bare)
            if name and not rest and len(name.split()) >= 2:
                out.append((name, t.no))
    for m in P.ABSENCE_TAIL.finditer(t.text):
        out.append((m.group("name"), t.no))
    for m in P.ABSENCE_SENTENCE.finditer(t.text) if "ikke" in t.text else ():
        parts = [P.PAREN.sub(" ", part).strip() for part in P.LIST_SPLIT.split(m.group("names"))]
        names = [name for _, name, rest in map(split_title_name, parts) if name and not rest]
        if names and len(names) == len(parts):  # every part a name: "A, B og C deltog ikke"
            out.extend((name, t.no) for name in names)
    return out
