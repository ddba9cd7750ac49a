"""Attendance: who was listed as present, absent or a guest, read from the layout.

Lists start at a participant label ("Deltagere:", "Afbud:") and run while their lines read as
people (``lists`` reads one list, ``people`` one line). Lists are found by content too: a header line
or block under any label ("Udvalget:", "Til mødet er indbudt:") whose parts all read as person
names is an attendance list. Absence is read from labels, suffixes ("– afbud") and prose
("A og B deltog ikke på mødet"); a list ends where its names end.
"""

from __future__ import annotations

from referat_parser import patterns as P
from referat_parser import records as R
from referat_parser.extract.dates import find_date
from referat_parser.extract.lists import attendance_columns, known_group, list_after
from referat_parser.extract.people import (
    MAX_NAME_WORDS,
    Person,
    first_name,
    looks_like_sentence,
    name_runs,
    parse_line,
    parse_list,
    same_person,
    split_title_name,
)
from referat_parser.sections import Layout
from referat_parser.tokenize import BLANK, FIELD, HEADING, MARKER, TABLE, TEXT, Token
from referat_parser.vocabulary import (
    ABSENCE_LABEL_STEMS,
    ABSENCE_PROSE_WORDS,
    ATTENDANCE_LABEL_STEMS,
    ATTENDED_NOTES,
    BODY_DEFINITE_FORMS,
    EXCEPT_WORDS,
    GROUP_FROM,
    NOT_ATTENDANCE_LABELS,
    PARTICIPANT_LABELS,
    ROLE_GROUPS,
    SUBSTITUTE_LEADS,
    UNTICKED_NOTE,
    WEEKDAYS,
)

ATTENDED_FOLDED = tuple(w.casefold() for w in ATTENDED_NOTES)
_PHRASE_STEMS = tuple(stem for stem in ATTENDANCE_LABEL_STEMS if " " in stem)  # "til stede": two words
NOT_ATTENDANCE_FOLDED = frozenset(w.casefold() for w in NOT_ATTENDANCE_LABELS)
# Known list labels, for a label written without its colon ("Tilstede var A, B og C").
# Absence without a colon is prose ("Afbud fra A"): the prose readers below take it.
LABELS_LONGEST_FIRST = sorted({w.casefold() for w in PARTICIPANT_LABELS["present"]}, key=len, reverse=True)
# "udvalget", "bestyrelsen", "rådet": a body noun in its definite form (see header._definite).
MAX_LABEL_WORDS = 6  # "Fraværende stiftsrådsmedlemmer og øvrige": longer is a sentence
MIN_UNLABELLED = 3  # two names alone on a line may be a signature or a pair of authors
ONE_PERSON_CHARS = 80  # "Eva Friis, ansat i Center for Kultur (referent)": a longer line is more than a person


Found = list[tuple[Person, int, str, str | None]]  # person, line, status, group


def participants(layout: Layout, kind: str | None, date: str | None = None) -> tuple[list[R.Data], list[str]]:
    """The people listed (present, absent, guests) and the minute takers their notes name.

    ``date`` is the meeting's: a list under another meeting's treatment quoted in an item
    ("Teknik og Miljø, 12. marts 2021, pkt. 33:" / "Ikke til stede: X") is that meeting's.
    """
    found = _labelled_lists(layout, date)
    found.extend(_group_lists(layout, {no for _, no, _, _ in found}))
    found.extend(_lists_by_content(layout, {no for _, no, _, _ in found}))
    found.extend(_unlabelled_block(layout, {no for _, no, _, _ in found}))
    found.extend(_attendance_tables(layout, {no for _, no, _, _ in found}))
    found.extend(_item_lists(layout, {(no, status) for _, no, status, _ in found}))
    found.extend(_substitutes(layout))
    if not any(s == "absent" for _, _, s, _ in found):  # "Til stede: A og B. C havde meldt afbud."
        prose = [t for t in layout.tokens if t.kind in (TEXT, HEADING, FIELD)]
        low = "\n".join(t.text for t in prose).lower()  # one pass decides: the patterns take a ms
        if any(map(low.__contains__, ABSENCE_PROSE_WORDS)):
            for t in prose:
                found.extend((Person(name), no, "absent", None) for name, no in _absent_in_prose(t))
    return _merged(found)


def _labelled_lists(layout: Layout, date: str | None) -> Found:
    """The lists under the participant labels the tokenizer knows, anywhere in the document."""
    toks = layout.tokens
    found: Found = []
    for k, t in enumerate(toks):
        if t.kind == FIELD and (t.key or "").startswith("people:") and not _quoted_meeting(toks, k, date):
            status = (t.key or "").split(":")[1]
            value, but = _except(t.value or "")
            found.extend((p, no, status, group) for p, no, group in list_after(toks, k, value))
            if but and status == "present":  # "Hele bestyrelsen undtagen Kim Juhl"
                found.extend((p, t.no, "absent", None) for p in parse_line(but))
    return found


def _group_lists(layout: Layout, listed: set[int]) -> Found:
    """Lists with no participant label, only their groups: "Forældrevalgte: A, B", "Fra ledelsen: C"."""
    found: Found = []
    for t in layout.header:
        m = P.GROUP_LEAD.match(t.text) if t.kind == TEXT and t.no not in listed and ":" in t.text else None
        if m and known_group(m.group("group").strip()):
            people = parse_line(m.group("rest")) if m.group("rest").strip() else []
            found.extend((p, t.no, "present", m.group("group").strip()) for p in people)
    return found


def _item_lists(layout: Layout, read: set[tuple[int, str]]) -> Found:
    """An item titled like a list label ("1. Mødedeltagere", "1. Fraværende") holds the list,
    below its heading or on it ("1. Fraværende: Anne Holm, Per Lund og Ida Krag").

    ``read``: (line, status) of the people found so far. A list under its own label inside the
    item ("1. Mødedeltagere" / "Mødedeltagere:" / names) was read with that label: not again.
    """
    found: Found = []
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
                    if (t0.no, status) in read:
                        break
                    found.extend((p, no, status, group) for p, no, group in list_after(b.tokens, k0 - 1, None))
                    break
    return found


def _substitutes(layout: Layout) -> Found:
    """"I stedet for Jan Kaspersen deltog Morten Grøn.", "Suppleant Bo Holm deltog for Eva Sand": the one
    absent, the other present (a title before a name is the person's title)."""
    found: Found = []
    for t in layout.header:
        low = t.text.casefold() if t.kind == TEXT else ""
        if any(lead in low for lead in SUBSTITUTE_LEADS) and (m := P.SUBSTITUTE_PROSE.search(t.text)):
            for role, status in (("absent", "absent"), ("name", "present")):
                title, name, _ = split_title_name(m.group(role) or m.group(role + "2"))  # "Suppleant Bo Holm"
                if name:
                    found.append((Person(name, title=title), t.no, status, None))
    return found


def _merged(found: Found) -> tuple[list[R.Data], list[str]]:
    """One record per person, in order of first mention: absent wins over a membership list."""
    people: list[R.Data] = []
    minute_takers: list[str] = []
    for p, no, status, group in found:
        if _names_a_body(p.name) or p.name.split()[0].casefold() in WEEKDAYS:
            continue  # "Deltagere: Ungdomsskolebestyrelsen", "Afbud: Torsdag den 3-maj": not a person
        if p.note and P.ABSENCE_NOTE.match(p.note):
            status = "absent"  # "Name (med afbud)", an unticked box, "Name - afbud"
        elif _attended(p.note):
            status = "present"  # "Afbud: A, suppleant B deltog": the substitute came
        if p.minute_taker:
            minute_takers.append(p.name)
        existing = next((x for x in people if same_person(x["name"], p.name)), None)
        if existing is not None:
            if status == "absent" and existing["status"] != "absent" and not _attended(existing["note"]):
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


def _attended(note: str | None) -> bool:
    """A note saying the person came after all: "deltog", "mødte som stedfortræder"."""
    return note is not None and note.casefold().startswith(ATTENDED_FOLDED)


def _lists_by_content(layout: Layout, listed: set[int]) -> Found:
    """Attendance lists under labels the tokenizer does not know, found by what they hold.

    A header line "Label: A, B og C", or "Label:" with one person per line below it, is an
    attendance list whatever the label ("Udvalget:", "Til mødet er indbudt:", "Ved
    generalforsamlingen deltog:") when what follows reads as two or more person names. Names of
    one word ("Sara, Tom, Bo") count only under a label that speaks of attendance: a list of
    single capitalised words is as likely a list of topics.
    """
    out: Found = []
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
        found = list_after(toks, k, rest or None)
        runs = name_runs(rest) if rest else []
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


def _unlabelled_block(layout: Layout, listed: set[int]) -> Found:
    """Attendees printed one per line with no label: a run of MIN_UNLABELLED or more header lines,
    each one person and nothing else ("Ole Dam, formand" / "Pia Lund (kasserer)" / "Bo Holm"), most of
    whose names open with a common first name (the evidence that the lines are people, not places
    or topics, where no label says so)."""
    out: Found = []
    shaped: list[list[Token]] = [[]]  # runs of lines shaped like a person's, read closer below
    for t in layout.header:
        if t.kind != BLANK:
            if t.kind == TEXT and t.no not in listed and _person_shaped(t.text):
                shaped[-1].append(t)
            elif shaped[-1]:
                shaped.append([])
    for lines in shaped:
        if len(lines) < MIN_UNLABELLED:
            continue  # most headers: no run of three such lines, and nothing is parsed
        run: list[tuple[Person, int]] = []
        for t in [*lines, None]:
            person = _one_person(t.text) if t is not None else None
            if person is not None and t is not None:
                run.append((person, t.no))
                continue
            known = sum(1 for p, _ in run if first_name(p.name.split()[0]))
            if len(run) >= MIN_UNLABELLED and known * 3 >= len(run) * 2:
                out.extend((p, no, "present", None) for p, no in run)
            run = []
    return out


def _attendance_tables(layout: Layout, listed: set[int]) -> Found:
    """An attendee table in the header with no label above it: a header row with a name column and a
    presence column ("| Navn | Rolle | Til stede |"), a row per person, present where ticked ("Ja", "X")."""
    out: Found = []
    toks = layout.tokens
    for k, t in enumerate(toks[: len(layout.header)]):
        if t.no in listed or "|" not in t.line.content or not attendance_columns(
                [c.strip() for c in t.line.content.strip().strip("|").split("|")]):
            continue
        for p, no, group in list_after(toks, k - 1, None):
            listed.add(no)
            out.append((p, no, "absent" if p.note == UNTICKED_NOTE else "present", group))
    return out


def _person_shaped(text: str) -> bool:
    """Could the line be one person: short, no colon, opening with two capitalised words?"""
    words = text.split(None, 2)
    return (len(text) <= ONE_PERSON_CHARS and ":" not in text and len(words) >= 2
            and words[0][:1].isupper() and words[1][:1].isupper())


def _one_person(text: str) -> Person | None:
    """The person a line is, if it is one and nothing more: a full name, a title or role after it."""
    if looks_like_sentence(text):
        return None
    people = parse_line(text)
    if len(people) != 1 or not 2 <= len(people[0].name.split()) <= MAX_NAME_WORDS:
        return None
    return people[0] if text.find(people[0].name) <= len(people[0].title or "") + 1 else None  # the name leads


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
    return (any(w.startswith(ATTENDANCE_LABEL_STEMS) or w.rstrip("s").endswith(BODY_DEFINITE_FORMS) for w in words)
            or any(stem in " ".join(words) for stem in _PHRASE_STEMS))  # "Til stede fra administrationen"


def _except(value: str) -> tuple[str, str]:
    """("Hele bestyrelsen", "Kim Juhl") from "Hele bestyrelsen undtagen Kim Juhl"; ("A og B", "C og D")
    from "A og B. Afbud fra C og D.": a sentence after the list that opens with an absence label."""
    folded = value.casefold()
    for word in EXCEPT_WORDS:
        i = folded.find(f" {word} ")
        if i >= 0:
            return value[:i], value[i + len(word) + 2:]
    if any(stem in folded for stem in ABSENCE_LABEL_STEMS):
        for m in P.SENTENCE_BREAK.finditer(value):
            rest = value[m.end():]
            if rest.casefold().startswith(ABSENCE_LABEL_STEMS):
                words = rest.split()
                k = 1 + next((n for n, w in enumerate(words[1:]) if w[:1].isupper()), len(words) - 1)
                return value[:m.start()], " ".join(words[k:])  # the label's words ("Afbud fra") dropped
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
    return " " not in name and name.casefold().endswith(BODY_DEFINITE_FORMS)


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
