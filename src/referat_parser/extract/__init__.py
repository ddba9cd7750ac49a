"""Stage 4: the detected layout -> the output model (fields, people, clauses, outcomes).

Structure was found by the section detector; here values are read and
normalised: header fields, participants, recommendation clauses, decision texts
and their outcomes, attachments, spans and diagnostics.
"""

from __future__ import annotations

from itertools import pairwise

from referat_parser import patterns as P
from referat_parser import records as R
from referat_parser.extract.clauses import clauses
from referat_parser.extract.dates import find_date
from referat_parser.extract.header import extract_header
from referat_parser.extract.outcome import classify_outcome
from referat_parser.extract.people import (
    NOBODY_FOLDED,
    Person,
    looks_like_sentence,
    parse_line,
    same_person,
    split_title_name,
)
from referat_parser.sections import Block, ItemBlock, Layout, split_duration
from referat_parser.tokenize import BLANK, FIELD, HEADING, TABLE, TEXT, Token
from referat_parser.vocabulary import (
    ABSENCE_SUFFIXES,
    ATTENDANCE_TICKS,
    GROUP_FROM,
    MEETING_LEADER_NOTES,
    NAME_HEADERS,
    PRESENT_HEADERS,
    ROLE_GROUPS,
    UNTICKED_NOTE,
)

ABSENCE_TAIL_CHARS = 30  # an absence suffix ends the line: "… (med afbud)", "… - ikke til stede"
NAME_HEADERS_FOLDED = frozenset(w.casefold() for w in NAME_HEADERS)
PRESENT_HEADERS_FOLDED = frozenset(w.casefold() for w in PRESENT_HEADERS)
TICKS_FOLDED = frozenset(w.casefold() for w in ATTENDANCE_TICKS)

_KIND = {"recommendation": "recommendation", "case": "case", "summary": "summary",
         "decision": "decision", "attachments": "attachments", "other": "other"}


def _block_roles(item: ItemBlock, kind: str | None) -> dict[int, str]:
    """What each block of an item is: its label's kind, or for the preamble, case/decision."""
    roles: dict[int, str] = {}
    labelled = any(b.kind for b in item.blocks)
    for n, b in enumerate(item.blocks):
        if b.kind:
            roles[n] = _KIND.get(b.kind, "other")
        elif not labelled and kind == "referat":
            roles[n] = "decision"
        elif not any(x.kind == "case" for x in item.blocks):
            roles[n] = "case"
        else:
            roles[n] = "other"
    return roles


def _decision(inline: str | None, blocks: list[tuple[Block, str]]) -> R.Data | None:
    texts: list[str] = []
    heading: Block | None = None
    if inline:
        texts.append(inline)
        texts.extend(b.text for b, role in blocks if role == "decision" and b.kind is None and b.text)
    else:
        run = False
        for b, role in blocks:
            if role == "decision" and (b.text or run):
                text = _without_head_fields(b) if not run and b.kind == "decision" else b.text
                if text:
                    texts.append(text)
                heading = heading or b
                run = True
            elif run and b.text:
                break
    text = "\n".join(t for t in texts if t).strip()
    if not text:
        return None
    label = heading.label if heading else None
    return R.decision(
        text=text,
        outcome=classify_outcome(text),
        heading=label.text if label else None,
        body=label.body if label else None,
        date=find_date(label.date)[0] if label and label.date else None,
    )


def _without_head_fields(b: Block) -> str:
    """A decision block's text without the fields at its head ("Dato: …", "Sted: …", "Fraværende: …").

    They say when, where and without whom the decision was taken: metadata, not the decision.
    """
    first = next((t for t in b.tokens if t.kind != BLANK), None)
    if first is None or first.kind != FIELD:
        return b.text
    toks = [t for t in b.tokens if t.kind != BLANK]
    k = 0
    while k < len(toks) - 1 and toks[k].kind == FIELD and toks[k].value:
        k += 1
    return "\n".join(t.text for t in toks[k:]) if k else b.text


def _item(item: ItemBlock, kind: str | None) -> R.Data:
    title, inline = item.title, item.inline_decision
    if kind == "referat" and item.heading_minutes:  # "6) City kirke samarbejdet - drøftet"
        title, inline = item.heading_minutes
    roles = _block_roles(item, kind)
    blocks = [(b, roles[n]) for n, b in enumerate(item.blocks)]
    rec_block = next((b for b, r in blocks if r == "recommendation" and b.text), None)
    recommendation = None
    if rec_block is not None:
        recommendation = R.recommendation(text=rec_block.text, clauses=clauses(rec_block.lines))
    case = next((b.text for b, r in blocks if r == "case" and b.text), None)
    attachments: list[str] = []
    for b, r in blocks:
        if r == "attachments":
            attachments.extend(line.removeprefix("- ") for line in b.lines)
        else:
            # a file name has no space: test that before the pattern
            attachments.extend(line for line in b.lines if " " not in line and P.FILENAME.match(line))
    sections = [
        R.section(kind=r, heading=b.heading, text=b.text, span=R.span(b.start, b.end))
        for b, r in blocks
    ]
    return R.item(
        number=item.number,
        title=title,
        duration_minutes=item.duration,
        recommendation=recommendation,
        case_description=case,
        decision=_decision(inline, blocks),
        attachments=attachments,
        sections=sections,
        complete=item.complete,
        span=R.span(item.start, item.end),
    )


# --- participants ------------------------------------------------------------------------------

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


def _participants(layout: Layout, kind: str | None) -> tuple[list[R.Data], list[str]]:
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


# --- diagnostics -------------------------------------------------------------------------------

def _diagnostics(layout: Layout, items: list[R.Data], kind: str | None) -> list[R.Data]:
    diags = list(layout.diagnostics)
    numbers = [int(it["number"]) for it in items if it["number"] and it["number"].isdigit()]
    for a, b in pairwise(numbers):
        if b != a + 1:
            line = next((it["span"]["start_line"] for it in items if it["number"] == str(b)), None)
            diags.append(R.diagnostic(code="numbering-gap", line=line, message=f"item {b} follows item {a}"))
    if kind == "referat":
        for it in items:
            if it["decision"] is None and it["complete"] and it["sections"]:
                diags.append(R.diagnostic(level="info", code="item-without-decision",
                                          line=it["span"]["start_line"],
                                          message=f"item {it['number']} has no decision text"))
    item_starts = {it["span"]["start_line"] for it in items}
    for t in layout.tokens:
        if t.kind == HEADING and t.no not in item_starts and not t.line.bullet and t.prefix:
            diags.append(R.diagnostic(level="info", code="unrecognised-heading", line=t.no,
                                      message=f"numbered line not taken as an item: {t.text[:60]!r}"))
    return diags


def build(layout: Layout, source: R.Data) -> R.Data:
    """Assemble the output, as plain data (see ``records``), from the detected layout."""
    # Decision labels make minutes, unless most of them are empty: a template agenda prints
    # "Beslutning:" under every item for the minute taker to fill in.
    labels = [any(b.has_content() for b in it.blocks if b.kind == "decision")
              for it in layout.items if any(b.kind == "decision" for b in it.blocks)]
    has_labels = sum(labels) * 2 > len(labels) or any(it.inline_decision for it in layout.items)
    header = extract_header(layout, has_labels)
    kind = header.kind or _kind_from_verdicts(layout) or header.kind_hint
    items = [_item(it, kind) for it in layout.items]
    participants, noted_takers = _participants(layout, kind)
    minute_takers = header.minute_takers or noted_takers
    chair = header.chair or next((p["name"] for p in participants if p["note"] and _chairs(p["note"])), None)
    meeting = R.meeting(
        title=header.title, body=header.body, number=header.number, date=header.date,
        start_time=header.start_time, end_time=header.end_time, location=header.location,
        chair=chair, minute_takers=minute_takers,
        span=R.span(header.start_line, header.end_line) if header.start_line else None,
    )
    agenda = [R.agenda_entry(number=e.number, title=title, duration_minutes=minutes, line=e.token.no)
              for e in layout.agenda for title, minutes in [split_duration(e.title)]]
    return R.minutes(
        source=source, kind=kind, meeting=meeting,
        participants=participants, agenda=agenda, items=items,
        diagnostics=_diagnostics(layout, items, kind),
    )


def _kind_from_verdicts(layout: Layout) -> str | None:
    """Minutes that never say "Referat": unlabelled item texts that carry verdicts, or that
    mostly tell in the past tense what happened ("Ole blev valgt", "Kasper fortalte …")."""
    bodies = [b.text for it in layout.items for b in it.blocks if b.kind is None and b.text]
    verdicts = sum(1 for text in bodies if classify_outcome(text) != "other")
    told = sum(1 for text in bodies if P.PAST_TENSE.search(text))
    return "referat" if bodies and (verdicts * 3 >= len(bodies) or told * 2 > len(bodies)) else None


def _chairs(note: str) -> bool:
    """A note naming the person who led the meeting ("mødeleder"), not a committee chair."""
    return any(n.strip() in MEETING_LEADER_NOTES for n in note.casefold().split(","))
