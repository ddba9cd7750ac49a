"""Stage 3, the section detector: tokens -> header zone, agenda, items and their sections.

Where the items start is not decided here, nor line by line: ``structure`` proposes every
reading the document supports (numbered chains with or without a table of contents, lettered
headings, titles over labels, titled or headed paragraphs) and picks the one the whole
document supports best, by weights fitted to the gold. This module builds the layout of that
reading: the header zone before the first item, each item's title, duration and body, and
inside each item the sections that labels (Det indstilles / Sagsfremstilling / Beslutning i X
den … / Referat / Bilag …) cut. Every block keeps its lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from referat_parser import patterns as P
from referat_parser import records as R
from referat_parser.normalize import Line
from referat_parser.structure.candidates import Candidate, lettered_title
from referat_parser.structure.decode import LOW_MARGIN, choose
from referat_parser.structure.features import describe
from referat_parser.structure.model import Model
from referat_parser.structure.rules import (
    MAX_TITLE,
    AgendaLine,
    inline_verdict,
    next_content,
    no_leader_dots,
    norm_title,
    same_title,
    split_heading_minutes,
    title_below,
)
from referat_parser.tokenize import BLANK, FIELD, HEADING, LABEL, MARKER, TABLE, TEXT, Token, classify
from referat_parser.vocabulary import DURATION_UNITS, OUTCOME_PHRASES, TITLE_OPEN_ENDS

# One-word verdicts that may close a heading line in lower case ("Dagsorden og referat godkendt.").
TRAILING_VERDICTS = frozenset(w for k in ("approved", "noted", "discussed", "postponed", "rejected")
                              for w in OUTCOME_PHRASES[k] if " " not in w)
# The most words in a title split from its minutes at a capitalised run (see _name_split).
SPLIT_TITLE_WORDS = 8
SENTENCE_ENDS = frozenset(".!?:")  # how minutes on a heading line end ("… beretningen:" goes on below)
OPEN_ENDS = frozenset(TITLE_OPEN_ENDS)
TITLE_TAIL_WORDS = 6  # the most words of a title's tail broken onto the next line ("opgaver.")

__all__ = ["AgendaLine", "Block", "ItemBlock", "Layout", "detect", "layout_of", "split_duration",
           "split_heading_minutes"]


@dataclass(slots=True)
class Block:
    """A run of tokens under one heading (a section, or the unlabelled preamble)."""

    kind: str | None  # None for the preamble before the first label
    heading: str | None
    tokens: list[Token] = field(default_factory=list)
    label: Token | None = None
    _text: tuple[int, str] | None = field(default=None, repr=False, compare=False)

    def has_content(self) -> bool:
        """Any non-blank token (stops at the first: O(1) where ``lines`` is O(n))."""
        return any(t.kind != BLANK for t in self.tokens)

    @property
    def lines(self) -> list[str]:
        return [t.text for t in self.tokens if t.kind != BLANK]

    @property
    def text(self) -> str:
        # Read several times per block by the extractor, once the block is complete: kept, and
        # made again only if tokens were added since (the detector grows blocks token by token).
        if self._text is None or self._text[0] != len(self.tokens):
            self._text = (len(self.tokens), "\n".join(self.lines))
        return self._text[1]

    @property
    def start(self) -> int:
        return (self.label or self.tokens[0]).no if (self.label or self.tokens) else 0

    @property
    def end(self) -> int:
        content = [t for t in self.tokens if t.kind != BLANK]
        return content[-1].no if content else self.start


@dataclass(slots=True)
class ItemBlock:
    number: str | None
    title: str
    heading: Token
    duration: int | None = None
    tokens: list[Token] = field(default_factory=list)  # body tokens, after the heading
    blocks: list[Block] = field(default_factory=list)
    inline_decision: str | None = None
    # An item with no text below its heading: the heading line split into (title, minutes),
    # for the extractor to use when the document is minutes (an agenda's titles stay whole).
    heading_minutes: tuple[str, str] | None = None
    from_agenda_only: bool = False
    complete: bool = True

    @property
    def start(self) -> int:
        return self.heading.no

    @property
    def end(self) -> int:
        content = [t for t in self.tokens if t.kind != BLANK]
        return max([self.heading.no] + [t.no for t in content])


@dataclass(slots=True)
class Layout:
    tokens: list[Token]
    header: list[Token]
    agenda: list[AgendaLine]
    items: list[ItemBlock]
    trailer: list[Token]
    diagnostics: list[R.Data]  # records.diagnostic


def _title_above(toks: list[Token], k: int) -> int:
    """The title line of "Spørgetid" / "Sag nr. 129": a bare prefixed number under its title.

    When the number line has no title and the line below it is no title either, the short
    line right above it is the title, and the item starts there.
    """
    t = toks[k]
    if t.kind != HEADING or t.title or not t.prefix or title_below(toks, k):
        return k
    j = k - 1
    if j >= 0 and toks[j].kind == TEXT and not toks[j].line.bullet and len(toks[j].text) <= MAX_TITLE:
        text = toks[j].text
        if text[:1].isupper() and text[-1:] not in ".:;,":
            return j
    return k


def _heading_title(item: ItemBlock, toks: list[Token], k: int, end: int,
                   agenda_title: str | None) -> int:
    """Clean the item title (duration, inline decision, repeated heading); return next index."""
    title = item.title or agenda_title or ""
    if not title:
        nxt = next_content(toks, k + 1)
        if nxt < end and toks[nxt].kind in (TEXT, HEADING):
            title, k = toks[nxt].text, nxt
    if agenda_title and norm_title(title) != norm_title(agenda_title) and norm_title(title).startswith(
        norm_title(agenda_title) + " "
    ):
        # "Ad 1. Bemærkninger til dagsordenen Lars Nørby Johansen bød …": body glued to title
        item.inline_decision = title[len(agenda_title) :].strip()
        title = agenda_title
    title, minutes = split_duration(title)
    item.duration = minutes if minutes is not None else item.duration  # a glued heading's stays
    if item.inline_decision is None:
        m = inline_verdict(title)
        if m:
            title, item.inline_decision = m.group("title"), m.group("decision")
            title = P.TRAILING_DECISION_LABEL.sub("", title) or title  # "Budget. Beslutning: Godkendt."
        elif len(title) > MAX_TITLE and (split := split_heading_minutes(title)):
            title, item.inline_decision = split
    title = no_leader_dots(P.TRAILING_MARKER.sub("", P.TRAILING_COLON.sub("", title)).strip())
    tail = _title_tail(title, toks, k, end) if item.inline_decision is None else None
    if tail is not None:  # "… fordeling af" / "opgaver.": the title's last words, broken onto the next line
        title, k = f"{title} {toks[tail].text.strip()}", tail
    item.title = title or item.title
    # Lines right after the heading that belong to it.
    j = k + 1
    while True:
        nxt = next_content(toks, j)
        if nxt >= end:
            break
        t = toks[nxt]
        if t.kind == HEADING and t.number == item.number and (
            not t.title or same_title(t.title, item.title)
        ):
            j = nxt + 1
            if not t.title:
                after = next_content(toks, j)
                if after < end and same_title(toks[after].text, item.title):
                    j = after + 1
            continue
        if t.kind == TEXT and norm_title(t.text) == norm_title(item.title):
            j = nxt + 1
            continue
        if t.kind == TEXT and (P.HEADING_MARKER.match(t.text) or P.OPEN_CLOSED.fullmatch(t.text)):
            j = nxt + 1
            continue
        dm = P.DURATION_LINE.match(t.text) if t.kind in (TEXT, HEADING, FIELD) else None
        if dm and item.duration is None:
            item.duration = _minutes(dm)
            j = nxt + 1
            continue
        break
    return j


def _title_tail(title: str, toks: list[Token], k: int, end: int) -> int | None:
    """The index of the line that ends ``title``, if the title stops at a word no title ends with (a
    preposition, a conjunction: "… herunder fordeling af") and the next line, over a blank line or not
    (double-spaced text, research phenomenon 25), is a short text opening in lower case ("opgaver.")."""
    words = title.split()
    if not words or words[-1].casefold() not in OPEN_ENDS:
        return None
    nxt = next_content(toks, k + 1)
    if nxt >= end or toks[nxt].kind != TEXT:
        return None
    text = toks[nxt].text.strip()
    return nxt if text[:1].islower() and len(text.split()) <= TITLE_TAIL_WORDS else None


def _minutes(m: P.Match[str]) -> int:
    return int(m.group("n")) * DURATION_UNITS.get(m.group("unit").casefold(), 1)


def split_duration(title: str) -> tuple[str, int | None]:
    """("Steno", 30) from "Steno – 30 min"; the title unchanged and None without a duration."""
    m = P.DURATION.search(title) if P.ANY_DIGIT.search(title) else None
    if m and m.start() > 0:
        return title[: m.start()].strip(), _minutes(m)
    return title, None


def _blocks(tokens: list[Token]) -> list[Block]:
    """Cut an item body into its preamble and labelled sections."""
    blocks: list[Block] = [Block(None, None)]
    for t in tokens:
        cur = blocks[-1]
        if t.kind == MARKER:
            continue  # "DAGSORDEN" left between items of flattened text
        if t.kind == LABEL:
            if t.section == "decision" and cur.kind == "decision" and cur.has_content():
                cur.tokens.append(t)  # a second "Beslutning:" inside a decision text
                continue
            blocks.append(Block(t.section, t.label, label=t))
            if t.rest:
                blocks[-1].tokens.append(_rest_token(t))
            continue
        cur.tokens.append(t)
    return [b for b in blocks if b.label is not None or b.has_content()]


def _rest_token(t: Token) -> Token:
    """The text after a label on the same line ("Beslutning: Godkendt") as a token of its own."""
    rest = t.rest or ""
    return classify(Line(t.no, rest, rest, False))


def _trailer_start(toks: list[Token], start: int, end: int) -> int:
    """Where the document's trailer (appendix, minute taker's signature) begins."""
    in_attachments = False
    seen_text = False  # "Næste møde: …" ends the minutes only after the last item has said something
    for k in range(start, end):
        t = toks[k]
        if seen_text and t.kind in (TEXT, FIELD) and len(t.text) < 80 and P.NEXT_MEETING.match(t.text):
            return k  # "Næste møde: 11/2 2024 kl. 19" after the last item: the trailer
        seen_text = seen_text or t.kind == TEXT
        if t.kind == LABEL:
            in_attachments = t.section == "attachments"
        if t.kind == TEXT and not in_attachments and P.APPENDIX.match(t.text):
            return k
        if t.kind == FIELD and t.key == "field:minute_takers":
            return k
        if t.kind == TEXT and len(t.text) < 60 and P.TIME_PROSE["end"].match(t.text.partition(" ")[2]):
            return k  # "Mødet sluttede 21.00" / "Mødet hævet kl. 21": the minutes have ended
    return end


def _truncated(item: ItemBlock) -> bool:
    content = [t for t in item.tokens if t.kind != BLANK] or [item.heading]
    last = content[-1]
    if last.kind in (LABEL, FIELD, MARKER):
        return False
    text = last.text.rstrip()
    return bool(text) and text[-1].isalnum() and len(text) > 25 and last.kind in (TEXT, TABLE, HEADING)


def detect(toks: list[Token], model: Model | None = None) -> Layout:
    """Find the header zone, the printed agenda, the items and their sections.

    ``model`` replaces the shipped weights (cross-validation fits one per held-out publisher).
    """
    choice = choose(toks, model)
    layout = layout_of(toks, choice.chosen)
    if choice.policy and choice.chosen is not None and choice.runner_up is not None:
        layout.diagnostics.insert(0, R.diagnostic(
            level="info", code="structure-chosen", line=toks[choice.chosen.starts[0]].no,
            message=(f"items read as {describe(choice.chosen, toks)} by policy: {choice.policy}; "
                     f"the weights preferred {describe(choice.runner_up, toks)}")))
    elif choice.chosen is not None and choice.runner_up is not None:
        close = choice.margin < LOW_MARGIN
        why = f"; decided most by {', '.join(choice.reasons)}" if choice.reasons else ""
        layout.diagnostics.insert(0, R.diagnostic(
            level="warning" if close else "info", code="structure-uncertain" if close else "structure-chosen",
            line=toks[choice.chosen.starts[0]].no if choice.chosen.starts else None,
            message=(f"items read as {describe(choice.chosen, toks)}; runner-up "
                     f"{describe(choice.runner_up, toks)}, margin {choice.margin:.2f}{why}")))
    return layout


def layout_of(toks: list[Token], cand: Candidate | None) -> Layout:
    """The layout of one reading of the document (``None``: no items at all)."""
    diags: list[R.Data] = []
    agenda = cand.agenda if cand else []
    a_start, a_end = cand.agenda_span if cand else (-1, -1)
    starts = list(cand.starts) if cand else []
    titled = bool(cand and cand.titled)
    lettered = bool(cand and cand.lettered)
    keyed = bool(cand and cand.keyed)
    glued = cand.glued if cand else {}
    table = cand.table if cand else {}
    first = starts[0] if starts else len(toks)
    header = [t for k, t in enumerate(toks[:first]) if not (a_start <= k <= a_end)]
    agenda_titles = {e.number: e.title for e in agenda}
    items: list[ItemBlock] = []
    trailer: list[Token] = []
    starts = [_title_above(toks, k) for k in starts]
    for n, k in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(toks)
        if n + 1 == len(starts):
            cut = _trailer_start(toks, k + 1, end)
            trailer = toks[cut:end]
            end = cut
        h = toks[k]
        if lettered:  # "A: Valg af ordstyrer": the letter is no item number
            item = ItemBlock(None, lettered_title(h), h)
        elif glued and k in glued:  # "Punkt 110 minVelkomst": 1, 10 min, Velkomst
            number, minutes, title = glued[k]
            item = ItemBlock(number, title, h, duration=minutes)
        elif table and k in table:  # a flattened table's row: its cells by column
            cells = table[k]
            item = ItemBlock(None, cells.get("title", ""), h, inline_decision=cells.get("decision") or None)
            dm = P.DURATION_LINE.match(cells.get("duration", ""))
            item.duration = _minutes(dm) if dm else None
            item.tokens = toks[k + 1 : end]  # its other cells: the span, not sections
            items.append(item)
            continue
        else:
            item = ItemBlock(h.number, h.title or (h.text if h.kind in (TEXT, LABEL) else ""), h)
        if h.kind == TEXT and k + 1 < len(toks) and toks[k + 1].kind == HEADING and not toks[k + 1].title:
            item.number = toks[k + 1].number  # "Spørgetid" / "Sag nr. 129" (see _title_above)
        if titled and (split := split_heading_minutes(h.text)):
            item.number = None
            item.title, item.inline_decision = split  # a titled paragraph: "Dirigent: Ole …"
        if keyed:  # "Ad 1: Budgettet blev godkendt.": the title is the agenda's, the line the minutes
            item.title, item.inline_decision = agenda_titles.get(h.number or "", ""), h.title or None
            body_from = k + 1
        else:
            body_from = _heading_title(item, toks, k, end, agenda_titles.get(h.number or ""))
        item.tokens = toks[body_from:end]
        item.blocks = _blocks(item.tokens)
        if item.inline_decision is None and not item.blocks:
            item.heading_minutes = split_heading_minutes(item.title) or _trailing_verdict(item.title)
        elif item.inline_decision is None and ": " in item.title and (m := P.COLON_MINUTES.match(item.title)):
            item.heading_minutes = (m.group("title").strip(), m.group("rest").strip())
        items.append(item)
    _inline_minutes_policy(items)
    _colon_minutes_policy(items)
    # Entries of the agenda that never appear in the body (a cut-off excerpt): keep them.
    if agenda:
        found = {it.number for it in items}
        merged: list[ItemBlock] = []
        pending = [e for e in agenda if e.number not in found]
        for it in items:
            while pending and int(pending[0].number) < int(it.number or 0):
                merged.append(_agenda_item(pending.pop(0)))
            merged.append(it)
        merged.extend(_agenda_item(e) for e in pending)
        if any(it.from_agenda_only for it in merged):
            missing = [it.number for it in merged if it.from_agenda_only]
            diags.append(R.diagnostic(
                level="info", code="item-only-in-agenda",
                message=f"items {', '.join(m or '?' for m in missing)} appear only in the table of contents",
                line=agenda[0].token.no))
        items = merged
    body_items = [it for it in items if not it.from_agenda_only]
    if body_items and _truncated(body_items[-1]):
        body_items[-1].complete = False
        diags.append(R.diagnostic(code="truncated", line=body_items[-1].end,
                                message="the text ends mid-sentence inside the last item; it may be cut off"))
    if not items:
        diags.append(R.diagnostic(code="no-items", message="no numbered agenda items were found"))
    return Layout(toks, header, agenda, items, trailer, diags)


def _trailing_verdict(title: str) -> tuple[str, str] | None:
    """("Dagsorden og referat", "godkendt.") from "Dagsorden og referat godkendt.": a heading
    with no text of its own that ends in a verdict word (the minutes written on the title line)."""
    words = title.split()
    if len(words) < 3:
        return None
    last = words[-1].rstrip(".!")
    if last.casefold() not in TRAILING_VERDICTS or not last.islower():
        return None
    return " ".join(words[:-1]), words[-1]


def _name_split(title: str) -> tuple[str, str] | None:
    """("Valg af stemmetællere", "Mogens Hauge Hansen og …") from a heading line whose minutes
    follow the title with no separator: the first capitalised run (two capitalised words, or one
    in capitals) after a lower-case word, with a title of two to eight words before it."""
    words = title.split()
    for i in range(2, min(len(words) - 2, SPLIT_TITLE_WORDS + 1)):
        prev, word, nxt = words[i - 1], words[i], words[i + 1]
        if not (prev[:1].islower() and word[:1].isupper()):
            continue
        if (word.isupper() and len(word) > 1) or nxt[:1].isupper():
            return " ".join(words[:i]), " ".join(words[i:])
    return None


def _inline_minutes_policy(items: list[ItemBlock]) -> None:
    """Do this document's headings carry their minutes on the heading line? Decided once for the
    document, not line by line: when most of its headings split into a title and minutes with no
    separator between them, every such heading is split, also where text follows below."""
    open_items = [it for it in items if it.inline_decision is None]
    if len(items) < 2 or len(open_items) < 2:
        return
    splits = [(it, _name_split(it.title)) for it in open_items]
    if sum(1 for _, sp in splits if sp) * 3 < len(items) * 2:
        return
    for it, sp in splits:
        if sp:
            it.heading_minutes = sp


def _colon_minutes_policy(items: list[ItemBlock]) -> None:
    """The same for "Title: minutes" headings: where at least half of the headings shaped so were read
    as a title and minutes at their colon, the others of that shape are too when what follows the colon
    ends as a sentence does ("1) Valg af dirigent: Formanden blev valgt …", "2) Beretning: Formanden
    fremlagde beretningen:" with more below; research phenomenon 8). A subtitle ends without a stop
    ("7) Tema 1: Reference arkitektur" over its minutes) and stays in the title.

    In such a document a line split at a full stop before its colon has no title: "1. Ole Dam valgtes
    som dirigent. Referent: Kim Holt." is a sentence, then a label; a title here ends at its colon,
    never with a full stop (research phenomenon 8). The whole line is the minutes."""
    shaped = [(it, m) for it in items if it.inline_decision is None and (m := P.COLON_SHAPE.match(it.title))]
    split = sum(1 for it, m in shaped if it.heading_minutes and it.heading_minutes[0] == m.group("title").strip())
    if len(shaped) < 2 or split * 2 < len(shaped):
        return
    for it, m in shaped:
        title = m.group("title").strip()
        if it.heading_minutes is None and it.heading.text.rstrip()[-1:] in SENTENCE_ENDS:
            it.heading_minutes = (title, m.group("rest").strip())
        elif it.heading_minutes and it.heading_minutes[0].endswith(".") and len(it.heading_minutes[0]) < len(title):
            it.heading_minutes = ("", it.title)  # a sentence before the colon: no title


def _agenda_item(e: AgendaLine) -> ItemBlock:
    title, duration = split_duration(e.title)
    return ItemBlock(e.number, title, e.token, duration=duration, from_agenda_only=True, complete=False)
