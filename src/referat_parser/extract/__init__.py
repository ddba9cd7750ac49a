"""Stage 4: the detected layout -> the output model (fields, people, clauses, outcomes).

Structure was found by the section detector; here values are read and
normalised: header fields, participants, recommendation clauses, decision texts
and their outcomes, attachments, spans and diagnostics.
"""

from __future__ import annotations

from itertools import pairwise

from referat_parser import patterns as P
from referat_parser import records as R
from referat_parser.extract import meeting_kind, readings, roles, takers
from referat_parser.extract.attendance import participants as _participants
from referat_parser.extract.clauses import clauses
from referat_parser.extract.dates import find_date
from referat_parser.extract.header import extract_header
from referat_parser.extract.outcome import classify_outcome
from referat_parser.sections import Block, ItemBlock, Layout, split_duration
from referat_parser.structure.model import Model
from referat_parser.tokenize import BLANK, FIELD, HEADING
from referat_parser.vocabulary import MEETING_LEADER_NOTES

HEADING_LIKE_WORDS = 3  # "Beslutningspunkter", "Økonomi og budget": a sub-heading's length
_KIND = {"recommendation": "recommendation", "case": "case", "summary": "summary",
         "decision": "decision", "attachments": "attachments", "other": "other"}


def _block_roles(item: ItemBlock, kind: str | None, labels_decide: bool = False) -> dict[int, str]:
    """What each block of an item is: its label's kind, or for the preamble, case/decision.

    ``labels_decide``: the document labels its decisions. An unlabelled item's text is still its
    minutes when it reads as minutes ("8. Evt." / "Regionen orienterer om …"), but not when it is one
    short line with no sentence in it ("Bemærkninger til dagsordenen:" / "Beslutningspunkter"): a
    sub-heading, where FORMAT.md's labels-decide convention gives no decision (research phenomenon 24).
    """
    roles: dict[int, str] = {}
    labelled = any(b.kind for b in item.blocks)
    for n, b in enumerate(item.blocks):
        if b.kind:
            roles[n] = _KIND.get(b.kind, "other")
        elif not labelled and kind == "referat" and not (labels_decide and _heading_like(b)):
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
    text = P.LEADING_TIME_SLOT.sub("", "\n".join(t for t in texts if t).strip())  # anchored: once
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
    while k < len(toks) - 1 and toks[k].kind == FIELD and (toks[k].value or (toks[k].key or "").startswith("people:")):
        k += 1  # an empty "Fraværende:" too: nobody was absent, the verdict is below it
    return "\n".join(t.text for t in toks[k:]) if k else b.text


def _heading_like(b: Block) -> bool:
    """One short line with no sentence in it: a sub-heading, not minutes."""
    lines = [line for line in b.lines if line.strip()]
    return len(lines) == 1 and len(lines[0].split()) <= HEADING_LIKE_WORDS and not any(c in lines[0] for c in ".!?")


def _item(item: ItemBlock, kind: str | None, labels_decide: bool = False) -> R.Data:
    title, inline = item.title, item.inline_decision
    if kind == "referat" and item.heading_minutes:  # "6) City kirke samarbejdet - drøftet"
        title, inline = item.heading_minutes
    roles = _block_roles(item, kind, labels_decide)
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


def decisions_labelled(layout: Layout) -> bool:
    """Does the document label its decisions? Decision labels make minutes, unless most of them are
    empty: a template agenda prints "Beslutning:" under every item for the minute taker to fill in."""
    labels = [any(b.has_content() for b in it.blocks if b.kind == "decision")
              for it in layout.items if any(b.kind == "decision" for b in it.blocks)]
    return sum(labels) * 2 > len(labels) or any(it.inline_decision for it in layout.items)


def build(layout: Layout, source: R.Data, place_model: Model | None = None,
          body_model: Model | None = None, date_model: Model | None = None,
          kind_model: Model | None = None, time_model: Model | None = None,
          taker_model: Model | None = None) -> R.Data:
    """Assemble the output, as plain data (see ``records``), from the detected layout; the models
    replace the shipped place, body, date, kind, start-time and minute-taker weights (cross-validation
    fits its own)."""
    has_labels = decisions_labelled(layout)
    header = extract_header(layout, has_labels, place_model, body_model, date_model, time_model)
    kinds, cascade = meeting_kind.found(layout, header, has_labels)
    kind_model = meeting_kind.shipped() if kind_model is None else kind_model
    kind = meeting_kind.choose(kinds, kind_model)
    why_kind = readings.explain("kind", kinds, kind_model, kind)
    items = [_item(it, kind, has_labels) for it in layout.items]
    participants, noted_takers = _participants(layout, kind, header.date)
    header = roles.assigned(header, participants, place_model, body_model)  # one line, one role
    taker_found = takers.found([*header.taker_sources, ("list_note", noted_takers), *takers.chosen(layout)])
    taker_model = takers.shipped() if taker_model is None else taker_model
    minute_takers = takers.choose(taker_found, taker_model)
    why_takers = readings.explain("minute takers", taker_found, taker_model, takers.SEP.join(minute_takers))
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
        diagnostics=[*_diagnostics(layout, items, kind),
                     *(R.diagnostic(level="info", code="header-chosen", message=why)
                       for why in [*header.why, *([why_kind] if why_kind and kind != cascade else []),
                                   *([why_takers] if why_takers else [])])],
    )


def _chairs(note: str) -> bool:
    """A note naming the person who led the meeting ("mødeleder"), not a committee chair."""
    return any(n.strip() in MEETING_LEADER_NOTES for n in note.casefold().split(","))
