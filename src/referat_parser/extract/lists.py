"""One attendance list, read from its label on: the people it lists, line by line.

A list runs while its lines read as people (``people.parse_line``) and ends where names end: at
the next label that is not a group of the list, a heading, a verdict or a kind word read as a
one-word name, a word and a number ("Sager 129 - 138"), text glued to the last name. An
attendee table (name and presence columns) is read row by row; a list of "Name, organisation"
lines is told from a list of names over the whole list.
"""

from __future__ import annotations

from referat_parser import patterns as P
from referat_parser.extract.outcome import classify_outcome
from referat_parser.extract.people import (
    NOBODY_FOLDED,
    Person,
    as_absent,
    looks_like_sentence,
    name_runs,
    parse_line,
    parse_record,
    split_title_name,
)
from referat_parser.tokenize import BLANK, FIELD, HEADING, TABLE, TEXT, Token
from referat_parser.vocabulary import (
    ABSENCE_SUFFIXES,
    ATTENDANCE_TICKS,
    GROUP_FROM,
    NAME_HEADERS,
    PRESENT_HEADERS,
    ROLE_GROUPS,
)

ABSENCE_TAIL_CHARS = 30  # an absence suffix ends the line: "… (med afbud)", "… - ikke til stede"
NAME_HEADERS_FOLDED = frozenset(w.casefold() for w in NAME_HEADERS)
PRESENT_HEADERS_FOLDED = frozenset(w.casefold() for w in PRESENT_HEADERS)
TICKS_FOLDED = frozenset(w.casefold() for w in ATTENDANCE_TICKS)
RECORD_LOOKAHEAD = 40  # lines read ahead to tell a list of records from a list of names


def list_after(toks: list[Token], k: int, first: str | None) -> list[tuple[Person, int, str | None]]:
    """People listed from token k on (its inline value first), with line and group."""
    out: list[tuple[Person, int, str | None]] = []
    group: str | None = toks[k].body if 0 <= k < len(toks) and toks[k].kind == FIELD else None
    inline = bool(first)  # the list starts on its label's line
    if first:
        first = P.SENTENCE_END.split(first)[0]  # flattened text: the list ends with its sentence
        people = parse_line(first)
        if "," not in first and ";" not in first and not looks_like_sentence(first):
            # "Ole Dam (formand) (A) Pia Lund (V) deltog fra sag 3 Bo Holm (C)": no separators
            runs = name_runs(first)
            people = runs if len(runs) > len(people) else people
        elif not people:  # "Michael Burgess Mødet blev gennemført …": the name that opens the sentence
            runs = name_runs(first)[:1]
            people = runs if runs and first.startswith(runs[0].name) else []
        out.extend((p, toks[k].no, group) for p in people)
    j = k + 1
    bulleted: bool | None = None  # the form of the list's first line: a list keeps its form
    columns: tuple[int, int] | None = None  # an attendee table: (name column, presence column)
    records: bool | None = None  # one person per line, "Name, organisation" (see _one_per_line)
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
            if columns is None and (columns := attendance_columns(cells)):
                j += 1
                continue
            if columns is not None:
                out.extend(_attendance_row(cells, columns, t.no))
                j += 1
                continue
        line = t.value.replace(" | ", ", ") if t.kind == TABLE and t.value else t.line.content
        text = _unglued(line)
        glued = text != line  # the list's last name, with the text after the list glued to it
        first, _, after = text.partition(" ")
        if after[:2].isdigit() and first.isalpha() and first[:1].isupper():
            break  # "Sager 129 - 138" after the list: a word and a number, where names end
        if text.endswith(":") and not any(text.startswith(f) for f in GROUP_FROM) and (
            text[:-1].strip() not in ROLE_GROUPS and (not out or looks_like_sentence(text[:-1]) or
                                                      len(text[:-1].split()) > 2)
        ):
            break  # "Faciliteret af Jesper Buchhardt:": the next label, not a group of this list
        m = P.GROUP_LEAD.match(text)
        if m and inline and not known_group(m.group("group").strip()):
            break  # "Afbud: Lis, Bo" then "Tovholder: Anne": the next label, not a group of this list
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
            if records is None:
                records = not inline and _one_per_line(toks, j)
            one = parse_record(text) if records and "," in text else None
            people = [one] if one else parse_line(text)
            if not people or _not_a_name(text, people):
                break
            if absent:
                people = [as_absent(p) for p in people]
        out.extend((p, t.no, group) for p in people)
        if glued:
            break
        j += 1
    return out


def _unglued(text: str) -> str:
    """The line up to where extraction glued the next text to a name: "John LademannMed venlig
    hilsen" -> "John Lademann". A capital after a small letter inside a word, followed by a
    lower-case word, starts that text ("McDonald" alone stays whole)."""
    words = text.split(" ")
    for n, word in enumerate(words[:-1]):
        cut = next((i for i in range(1, len(word)) if word[i].isupper() and word[i - 1].islower()), None)
        if cut is not None and words[n + 1][:1].islower():
            return " ".join([*words[:n], word[:cut]])
    return text


def _one_per_line(toks: list[Token], j: int) -> bool:
    """Does the list from token j on give one person per line, "Name, organisation or role"?

    Decided over the whole list, not per line: "Maja Holm, Vestby Frivilligcenter" alone reads
    as two names, but beside "Jonas Berg, Sportsforeningerne" and "Eva Friis, ansat i Center for
    Kultur" it is a name and an organisation. It is when every line with a comma starts with a
    name of two or more words and most of them go on with something that is not such a name.
    """
    lines: list[str] = []
    while j < len(toks) and toks[j].kind == TEXT and len(lines) < RECORD_LOOKAHEAD:
        lines.append(toks[j].line.content)
        j += 1
    with_comma = [line for line in lines if "," in line]
    if not with_comma:
        return False
    others = 0
    for line in with_comma:
        head, _, rest = P.PAREN.sub(" ", line).partition(",")
        _, name, after = split_title_name(head.strip())
        if not name or len(name.split()) < 2 or after or " og " in rest:
            return False
        rest_title, rest_name, rest_after = split_title_name(rest.split(",")[0].strip())
        if rest_title or rest_after or not rest_name or len(rest_name.split()) < 2:
            others += 1
    return others * 2 > len(with_comma)


def _not_a_name(text: str, people: list[Person]) -> bool:
    """A line that ends a list although it parses as a name: a verdict ("Godkendt."), a kind
    word ("Dagsorden og referat")."""
    if len(people) != 1 or " " in people[0].name:
        return False
    return classify_outcome(text) != "other" or any(rx.search(text) for rx in P.KIND_WORD.values())


def _lowercase_count(s: str) -> int:
    return sum(1 for w in s.split() if w[:1].islower())


def attendance_columns(cells: list[str]) -> tuple[int, int] | None:
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
    return [(p if ticked else as_absent(p), no, None)]


def known_group(group: str) -> bool:
    """A group of attendees by role ("Forældrevalgte") or by origin ("Fra ledelsen")."""
    return group in ROLE_GROUPS or any(group.startswith(f) for f in GROUP_FROM)
