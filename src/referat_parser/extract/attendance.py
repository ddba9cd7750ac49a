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
from referat_parser.extract.dates import find_date
from referat_parser.extract.outcome import classify_outcome
from referat_parser.extract.people import (
    NOBODY_FOLDED,
    Person,
    is_name_token,
    looks_like_sentence,
    parse_line,
    parse_list,
    parse_record,
    same_person,
    split_title_name,
)
from referat_parser.sections import Layout
from referat_parser.tokenize import BLANK, FIELD, HEADING, MARKER, TABLE, TEXT, Token
from referat_parser.vocabulary import (
    ABSENCE_LABEL_STEMS,
    ABSENCE_SUFFIXES,
    ATTENDANCE_LABEL_STEMS,
    ATTENDANCE_TICKS,
    ATTENDED_NOTES,
    BODY_NOUNS,
    DEFINITE_SUFFIXES,
    EXCEPT_WORDS,
    GROUP_FROM,
    NAME_HEADERS,
    NAME_PARTICLES,
    NOT_ATTENDANCE_LABELS,
    PARTICIPANT_LABELS,
    PRESENT_HEADERS,
    ROLE_GROUPS,
    SENTENCE_WORDS,
    UNTICKED_NOTE,
    WEEKDAYS,
)

ABSENCE_TAIL_CHARS = 30  # an absence suffix ends the line: "… (med afbud)", "… - ikke til stede"
NAME_HEADERS_FOLDED = frozenset(w.casefold() for w in NAME_HEADERS)
PRESENT_HEADERS_FOLDED = frozenset(w.casefold() for w in PRESENT_HEADERS)
TICKS_FOLDED = frozenset(w.casefold() for w in ATTENDANCE_TICKS)
ATTENDED = frozenset(ATTENDED_NOTES)
SENTENCE_WORDS_FOLDED = frozenset(SENTENCE_WORDS)
ATTENDED_FOLDED = tuple(w.casefold() for w in ATTENDED_NOTES)
NOT_ATTENDANCE_FOLDED = frozenset(w.casefold() for w in NOT_ATTENDANCE_LABELS)
# Known list labels, for a label written without its colon ("Tilstede var A, B og C").
# Absence without a colon is prose ("Afbud fra A"): the prose readers below take it.
LABELS_LONGEST_FIRST = sorted({w.casefold() for w in PARTICIPANT_LABELS["present"]}, key=len, reverse=True)
# "udvalget", "bestyrelsen", "rådet": a body noun in its definite form (see header._definite).
BODY_DEFINITE = tuple(n + suffix for n in BODY_NOUNS for suffix in ("en", "et", *DEFINITE_SUFFIXES))
RECORD_LOOKAHEAD = 40  # lines read ahead to tell a list of records from a list of names
MAX_LABEL_WORDS = 6  # "Fraværende stiftsrådsmedlemmer og øvrige": longer is a sentence
MIN_UNLABELLED = 3  # two names alone on a line may be a signature or a pair of authors
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 4  # a person named in a run-on list: "Ib Bo" to "Jacob Duevang Krogh Rasmussen"

def _list_after(toks: list[Token], k: int, first: str | None) -> list[tuple[Person, int, str | None]]:
    """People listed from token k on (its inline value first), with line and group."""
    out: list[tuple[Person, int, str | None]] = []
    group: str | None = toks[k].body if 0 <= k < len(toks) and toks[k].kind == FIELD else None
    inline = bool(first)  # the list starts on its label's line
    if first:
        first = P.SENTENCE_END.split(first)[0]  # flattened text: the list ends with its sentence
        people = parse_line(first)
        if "," not in first and ";" not in first and not looks_like_sentence(first):
            # "Ole Dam (formand) (A) Pia Lund (V) deltog fra sag 3 Bo Holm (C)": no separators
            runs = _name_runs(first)
            people = runs if len(runs) > len(people) else people
        elif not people:  # "Michael Burgess Mødet blev gennemført …": the name that opens the sentence
            runs = _name_runs(first)[:1]
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
            if columns is None and (columns := _attendance_columns(cells)):
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
        if m and inline and not _known_group(m.group("group").strip()):
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
                people = [_absent(p) for p in people]
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


def participants(layout: Layout, kind: str | None, date: str | None = None) -> tuple[list[R.Data], list[str]]:
    """The people listed (present, absent, guests) and the minute takers their notes name.

    ``date`` is the meeting's: a list under another meeting's treatment quoted in an item
    ("Teknik og Miljø, 12. marts 2021, pkt. 33:" / "Ikke til stede: X") is that meeting's.
    """
    toks = layout.tokens
    found: list[tuple[Person, int, str, str | None]] = []  # person, line, status, group
    for k, t in enumerate(toks):
        if t.kind == FIELD and (t.key or "").startswith("people:") and not _quoted_meeting(toks, k, date):
            status = (t.key or "").split(":")[1]
            value, but = _except(t.value or "")
            for p, no, group in _list_after(toks, k, value):
                found.append((p, no, status, group))
            if but and status == "present":  # "Hele bestyrelsen undtagen Kim Juhl"
                found.extend((p, t.no, "absent", None) for p in parse_line(but))
    # Lists with no participant label, only their groups: "Forældrevalgte: A, B", "Fra ledelsen: C".
    listed = {no for _, no, _, _ in found}
    for t in layout.header:
        m = P.GROUP_LEAD.match(t.text) if t.kind == TEXT and t.no not in listed and ":" in t.text else None
        if m and _known_group(m.group("group").strip()):
            people = parse_line(m.group("rest")) if m.group("rest").strip() else []
            found.extend((p, t.no, "present", m.group("group").strip()) for p in people)
    found.extend(_lists_by_content(layout, {no for _, no, _, _ in found}))
    # An item titled like a list label ("1. Mødedeltagere", "1. Fraværende") holds the list,
    # below its heading or on it ("1. Fraværende: Anne Holm, Per Lund og Ida Krag").
    for it in layout.items:
        status = _status_of_label(it.title)
        on_heading = it.inline_decision or (it.heading_minutes[1] if it.heading_minutes else None)
        m = None if status else P.FIELD.match(it.title)  # an agenda keeps "Fraværende: A, B" whole
        if m and P.field_key(m.group("key")).startswith("people:"):
            status, on_heading = P.field_key(m.group("key")).split(":")[1], m.group("value")
        if status and on_heading:
            found.extend((p, it.heading.no, status, None) for p in parse_line(on_heading))
        if not status or not it.tokens:
            continue
        for b in it.blocks:
            for k0, t0 in enumerate(b.tokens):
                if t0.kind in (TEXT, TABLE):
                    for p, no, group in _list_after(b.tokens, k0 - 1, None):
                        found.append((p, no, status, group))
                    break
    for t in layout.header:  # "I stedet for Jan Kaspersen deltog Morten Grøn."
        if t.kind == TEXT and (m := P.SUBSTITUTE_PROSE.search(t.text)):
            found.append((Person(m.group("absent") or m.group("absent2")), t.no, "absent", None))
            found.append((Person(m.group("name") or m.group("name2")), t.no, "present", None))
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
        if _names_a_body(p.name) or p.name.split()[0].casefold() in WEEKDAYS:
            continue  # "Deltagere: Ungdomsskolebestyrelsen", "Afbud: Torsdag den 3-maj": not a person
        if p.note and P.ABSENCE_NOTE.match(p.note):
            status = "absent"  # "Name (med afbud)", an unticked box, "Name - afbud"
        elif p.note and p.note.casefold().startswith(ATTENDED_FOLDED):
            status = "present"  # "Afbud: A, suppleant B deltog": the substitute came
        if p.minute_taker:
            minute_takers.append(p.name)
        existing = next((x for x in people if same_person(x["name"], p.name)), None)
        if existing is not None:
            if status == "absent" and existing["status"] != "absent" and existing["note"] not in ATTENDED:
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


def _lists_by_content(layout: Layout, listed: set[int]) -> list[tuple[Person, int, str, str | None]]:
    """Attendance lists under labels the tokenizer does not know, found by what they hold.

    A header line "Label: A, B og C", or "Label:" with one person per line below it, is an
    attendance list whatever the label ("Udvalget:", "Til mødet er indbudt:", "Ved
    generalforsamlingen deltog:") when what follows reads as two or more person names. Names of
    one word ("Sara, Tom, Bo") count only under a label that speaks of attendance: a list of
    single capitalised words is as likely a list of topics.
    """
    out: list[tuple[Person, int, str, str | None]] = []
    toks = layout.tokens
    header = {id(t) for t in layout.header}
    for k, t in enumerate(toks):
        if id(t) not in header or t.kind not in (TEXT, MARKER) or t.no in listed:
            continue
        lead = _label_lead(t.text)
        if lead is None:
            people = _unlabelled_list(t.text)
            out.extend((p, t.no, "present", None) for p in people)
            listed.update(t.no for _ in people[:1])
            continue
        label, rest = lead
        status = _label_status(label)
        if status is None:
            continue
        found = _list_after(toks, k, rest or None)
        runs = _name_runs(rest) if rest else []
        if len(runs) > sum(1 for _, no, _ in found if no == t.no):  # a run-on list: "A deltog B deltog …"
            found = [(p, t.no, None) for p in runs] + [x for x in found if x[1] != t.no]
        found = [x for x in found if len(x[0].name.split()) <= MAX_NAME_WORDS + 1]
        names = [p.name for p, _, _ in found]
        spoken = _speaks_of_attendance(label)
        if not names or (len(names) < 2 and not spoken):
            continue
        if not spoken and any(len(n.split()) < 2 for n in names):
            continue
        for p, no, group in found:
            listed.add(no)
            out.append((p, no, status, group))
    return out


def _unlabelled_list(text: str) -> list[Person]:
    """A header line that is nothing but a list of MIN_UNLABELLED or more full names ("Ole Bak,
    Eva Sand, Kim Juhl og Per Lund"): the attendees, printed without a label."""
    if "," not in text or ":" in text:
        return []
    people = parse_list(text) or []
    if len(people) < MIN_UNLABELLED or any(
        len(p.name.split()) < 2 or p.title or p.organisation or p.note for p in people
    ):
        return []
    return people


def _label_lead(text: str) -> tuple[str, str] | None:
    """(label, value) of "Label: value", or of a known list label with no colon ("Tilstede var A, B")."""
    if ":" in text:
        m = P.GROUP_LEAD.match(text)
        if not m:
            return None
        label = m.group("group").strip()
        if len(label.split()) > MAX_LABEL_WORDS or (looks_like_sentence(label) and not _speaks_of_attendance(label)):
            return None
        return label, m.group("rest").strip()
    folded = text.casefold()
    for label in LABELS_LONGEST_FIRST:
        if folded.startswith(label) and folded[len(label):len(label) + 1] == " ":
            rest = text[len(label):].strip()
            return (text[: len(label)], rest) if rest[:1].isupper() else None
    return None


def _label_status(label: str) -> str | None:
    """"absent" for an absence label ("Fraværende stiftsrådsmedlemmer"), None for a label that
    never lists attendance ("Kopi til"), else "present"."""
    folded = " ".join(label.split()).casefold()
    if folded in NOT_ATTENDANCE_FOLDED:
        return None
    if any(stem in folded for stem in ABSENCE_LABEL_STEMS):
        return "absent"
    return "present"


def _speaks_of_attendance(label: str) -> bool:
    """A label about who came ("Indkaldte", "Deltog") or naming the body itself ("Udvalget")."""
    words = label.casefold().split()
    return any(w.startswith(ATTENDANCE_LABEL_STEMS) or w.rstrip("s").endswith(BODY_DEFINITE) for w in words)


def _except(value: str) -> tuple[str, str]:
    """("Hele bestyrelsen", "Kim Juhl") from "Hele bestyrelsen undtagen Kim Juhl"."""
    folded = value.casefold()
    for word in EXCEPT_WORDS:
        i = folded.find(f" {word} ")
        if i >= 0:
            return value[:i], value[i + len(word) + 2:]
    return value, ""


def _quoted_meeting(toks: list[Token], k: int, date: str | None) -> bool:
    """Is the list at k under the heading of another meeting's treatment, a dated text line
    ending in a colon ("Økonomiudvalget, 18. september 2019, pkt. 153:")?"""
    j = k - 1
    while j >= 0 and toks[j].kind == BLANK:
        j -= 1
    if j < 0 or toks[j].kind != TEXT or not toks[j].text.rstrip().endswith(":"):
        return False
    iso = find_date(toks[j].text)[0]
    return iso is not None and iso != date


def _names_a_body(name: str) -> bool:
    """One word in the definite form of a body noun ("Ungdomsskolebestyrelsen", "Udvalget")."""
    return " " not in name and name.casefold().endswith(BODY_DEFINITE)


def _name_runs(value: str) -> list[Person]:
    """People of a list run together without separators, split where the name shape breaks.

    "Ole Dam (formand) (A) Pia Lund (V) deltog fra sag 3 Bo Holm (C)": a run of capitalised
    words ends at a note in brackets or a lower-case word; the lower-case words after it say
    more about that person ("var fraværende": absent). A run longer than MAX_NAME_WORDS is two
    or more names that only a list of first names could split: it is left out.
    """
    people: list[Person] = []
    run: list[str] = []
    tail: list[str] = []
    ended = False
    depth = 0

    def close() -> None:
        if tail and tail[0].casefold() in SENTENCE_WORDS_FOLDED and len(run) > MIN_NAME_WORDS:
            del run[-1]  # "Michael Burgess Mødet blev gennemført": the last capital opens a sentence
            tail.clear()
        if MIN_NAME_WORDS <= len(run) <= MAX_NAME_WORDS and run[-1].casefold() not in NAME_PARTICLES:
            note = " ".join(tail) or None
            p = Person(" ".join(run), note=note)
            absent = note and any(stem in note.casefold() for stem in ABSENCE_LABEL_STEMS + ABSENCE_SUFFIXES)
            people.append(_absent(p) if absent else p)

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
