"""Stage 3, the section detector: tokens -> header zone, agenda, items and their sections.

Which numbered lines start agenda items is decided from their neighbours, not
from the line alone:

* a run of consecutive numbered lines with nothing but blanks between them, whose
  entries reappear later as headings (or that follows a "Dagsorden:" marker), is the
  printed table of contents; body headings must then match its entries;
* without one, items form a chain: each heading carries the next number. So the
  "1. møde: 29. januar" list inside item 6, or "1. At …" clauses, cannot start items.

Inside each item, section labels (Det indstilles / Sagsfremstilling / Beslutning i X
den … / Referat / Bilag …) cut the body into sections. Every block keeps its lines.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from referat_parser import patterns as P
from referat_parser import records as R
from referat_parser.normalize import Line
from referat_parser.tokenize import BLANK, FIELD, HEADING, LABEL, MARKER, TABLE, TEXT, Token, classify
from referat_parser.vocabulary import AGENDA_GROUPS, DURATION_UNITS

GROUP_LAST_WORDS = frozenset(g.split()[-1].casefold() for g in AGENDA_GROUPS)  # cheap test before TRAILING_GROUP

# Titles as long as a paragraph are prose that happens to start with a number, unless the
# line splits into a title and the minutes printed after it.
MAX_TITLE = 180
# The longest title left when a heading line is split into title and minutes.
MAX_SPLIT_TITLE = 100
# The most words in the title of an unnumbered, unlabelled item ("Valg af revisorer: …").
TITLED_PARAGRAPH_WORDS = 6
# Labels that can open an item whose heading has no number.
OPENING_SECTIONS = ("summary", "case", "recommendation", "decision")
# Tokens (blank lines included) that may separate two points of one numbered list.
INNER_LIST_GAP = 8


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
class AgendaLine:
    number: str
    title: str
    token: Token


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


def _norm(s: str) -> str:
    return " ".join(s.split()).strip(" .:;,–-").casefold()


def _same_title(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return False
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def _heading_like(t: Token) -> bool:
    """Could this numbered line be an item heading (judged on its own)?"""
    title = t.title or ""
    if len(title) > MAX_TITLE:
        m = _inline_verdict(title)  # "2. Godkendelse af referat Godkendt med …"
        if m and len(m.group("title")) <= MAX_TITLE:
            title = m.group("title")
        else:  # "3. Regnskab: Regnskabet blev godkendt …" as one paragraph
            split = split_heading_minutes(title)
            if split is None:
                return False
            title = split[0]
    if not title:
        return bool(t.prefix)
    first = title[0]
    if first.isalpha() and not first.isupper():
        return False  # "Pkt. 16 flyttes til …" is a sentence about item 16
    return not P.AT_CLAUSE.match(title)


def _title_below(toks: list[Token], k: int) -> bool:
    """A number alone on its line ("1." / "Ad. 1") whose title stands on the next line."""
    nxt = _next_content(toks, k + 1)
    if nxt >= len(toks):
        return False
    t = toks[nxt]
    return (t.kind == TEXT and not t.line.bullet and len(t.text) <= MAX_TITLE
            and t.text[:1].isupper() and not P.AT_CLAUSE.match(t.text))


def _group_heading(toks: list[Token], j: int, expected: int) -> bool:
    """A short line between table-of-contents entries, the next entry right below it."""
    t = toks[j]
    if t.kind not in (TEXT, MARKER) or len(t.text.split()) > 6 or t.text[-1:] in ".,;!?":
        return False
    k = _next_content(toks, j + 1)
    return k < len(toks) and toks[k].kind == HEADING and toks[k].number == str(expected)


def _find_agenda(toks: list[Token]) -> tuple[list[AgendaLine], int, int]:
    """The printed table of contents: entries and the token range it occupies."""
    i, n = 0, len(toks)
    while i < n:
        if toks[i].kind != HEADING or not toks[i].title:
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < n:
            t = toks[j]
            if t.kind == BLANK or (t.kind == HEADING and t.line.bullet and not toks[i].line.bullet):
                j += 1  # blanks and sub-points ("- 1. …" under "1. …") between entries
                continue
            prev = toks[run[-1]]
            expected = int(prev.upto or prev.number or 0) + 1
            if t.kind == HEADING and t.title and int(t.number or 0) == expected:
                run.append(j)
                j += 1
                continue
            if _group_heading(toks, j, expected):
                j += 1  # "Sager til orientering" between two entries: a group, not an entry
                continue
            break
        if len(run) >= 2:
            entries = [AgendaLine(toks[k].number or "", _no_leader_dots(toks[k].title or ""), toks[k]) for k in run]
            marker = any(toks[k].kind == MARKER for k in range(max(0, i - 3), i))
            later = [t for t in toks[run[-1] + 1 :] if t.kind == HEADING]
            reappears = any(
                t.number == e.number and (not t.title or _same_title(t.title, e.title))
                for e in entries[:3]
                for t in later
            )
            # After a "Dagsorden:" marker a run is the table of contents, unless the numbering
            # runs on below it (1-3 here, 4) after a sub-list): then it is the items themselves.
            last = toks[run[-1]]
            runs_on = any(t.number == str(int(last.upto or last.number or 0) + 1) and not t.line.bullet
                          for t in later)
            if reappears or (marker and len(run) >= 2 and not runs_on):
                return entries, i, run[-1]
        i = run[-1] + 1
    return [], -1, -1


def _next_content(toks: list[Token], k: int) -> int:
    while k < len(toks) and toks[k].kind == BLANK:
        k += 1
    return k


def _choose_items(toks: list[Token], agenda: list[AgendaLine], start: int) -> list[int]:
    """Indices of the tokens that start agenda items."""
    chosen: list[int] = []
    by_number = {e.number: idx for idx, e in enumerate(agenda)}
    last_agenda = -1
    last_number: int | None = None
    # A numbered list inside an item ("1. …", "2. …") must not pass for the next items.
    inner_next, inner_at = 0, -1
    for k in range(start, len(toks)):
        t = toks[k]
        if t.kind != HEADING:
            if t.kind in (LABEL, FIELD):
                inner_next = 0  # a section label ends any list
            continue
        idx = by_number.get(t.number or "")
        num = int(t.number or 0)
        glued = idx is not None and _norm(t.title or "").startswith(_norm(agenda[idx].title) + " ")
        in_list = last_number is not None and num == inner_next and k - inner_at <= INNER_LIST_GAP
        repeated = num == last_number and (
            not t.title or _same_title(t.title, toks[chosen[-1]].title or "")) if chosen else False
        if last_number and num == 1 and not repeated and not _after_closed_session(toks, k):
            inner_next, inner_at = 2, k  # a list starts inside the current item
            continue
        if last_number and num == 1 and not repeated:
            last_number = 0  # "LUKKET MØDE" / "1. Personalesag": the numbering starts over
        if in_list:
            inner_next, inner_at = num + 1, k
            if not (idx is not None and idx > last_agenda and _same_title(t.title or "", agenda[idx].title)):
                continue
        if not t.title and idx is not None and idx == last_agenda + 1:
            # "Ad. 1" alone, its minutes below: the title is the agenda entry's
            chosen.append(k)
            last_agenda, last_number = idx, num
            inner_next = 0
            continue
        if not (_heading_like(t) or glued or (not t.title and _title_below(toks, k))):
            continue
        if last_number is not None and num == last_number:
            continue  # the same heading printed twice ("• Pkt. 15 Title" then "Pkt. 15")
        if idx is not None and idx > last_agenda:
            title = t.title or ""
            if not title:
                nxt = _next_content(toks, k + 1)
                title = toks[nxt].text if nxt < len(toks) else ""
            if _same_title(title, agenda[idx].title):
                chosen.append(k)
                last_agenda, last_number = idx, num
                inner_next = 0
                continue
        if agenda and last_number is None:
            continue  # with a table of contents, the body starts at one of its entries
        if last_number is None or num == last_number + 1 or (
            not agenda and 1 < num - last_number <= 3 and not t.line.bullet and len(t.title or "") < 100
        ):
            if idx is not None and agenda and idx <= last_agenda:
                continue
            chosen.append(k)
            last_number = int(t.upto) if t.upto else num
            inner_next = 0
    return chosen


def _title_above(toks: list[Token], k: int) -> int:
    """The title line of "Spørgetid" / "Sag nr. 129": a bare prefixed number under its title.

    When the number line has no title and the line below it is no title either, the short
    line right above it is the title, and the item starts there.
    """
    t = toks[k]
    if t.kind != HEADING or t.title or not t.prefix or _title_below(toks, k):
        return k
    j = k - 1
    if j >= 0 and toks[j].kind == TEXT and not toks[j].line.bullet and len(toks[j].text) <= MAX_TITLE:
        text = toks[j].text
        if text[:1].isupper() and text[-1:] not in ".:;,":
            return j
    return k


def _after_closed_session(toks: list[Token], k: int) -> bool:
    j = k - 1
    while j >= 0 and toks[j].kind == BLANK:
        j -= 1
    return j >= 0 and bool(P.CLOSED_SESSION.match(toks[j].text))


def _heading_title(item: ItemBlock, toks: list[Token], k: int, end: int,
                   agenda_title: str | None) -> int:
    """Clean the item title (duration, inline decision, repeated heading); return next index."""
    title = item.title or agenda_title or ""
    if not title:
        nxt = _next_content(toks, k + 1)
        if nxt < end and toks[nxt].kind in (TEXT, HEADING):
            title, k = toks[nxt].text, nxt
    if agenda_title and _norm(title) != _norm(agenda_title) and _norm(title).startswith(
        _norm(agenda_title) + " "
    ):
        # "Ad 1. Bemærkninger til dagsordenen Lars Nørby Johansen bød …": body glued to title
        item.inline_decision = title[len(agenda_title) :].strip()
        title = agenda_title
    title, item.duration = split_duration(title)
    if item.inline_decision is None:
        m = _inline_verdict(title)
        if m:
            title, item.inline_decision = m.group("title"), m.group("decision")
            title = P.TRAILING_DECISION_LABEL.sub("", title) or title  # "Budget. Beslutning: Godkendt."
        elif len(title) > MAX_TITLE and (split := split_heading_minutes(title)):
            title, item.inline_decision = split
    title = _no_leader_dots(P.TRAILING_MARKER.sub("", P.TRAILING_COLON.sub("", title)).strip())
    item.title = title or item.title
    # Lines right after the heading that belong to it.
    j = k + 1
    while True:
        nxt = _next_content(toks, j)
        if nxt >= end:
            break
        t = toks[nxt]
        if t.kind == HEADING and t.number == item.number and (
            not t.title or _same_title(t.title, item.title)
        ):
            j = nxt + 1
            if not t.title:
                after = _next_content(toks, j)
                if after < end and _same_title(toks[after].text, item.title):
                    j = after + 1
            continue
        if t.kind == TEXT and _norm(t.text) == _norm(item.title):
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


def _inline_verdict(title: str) -> P.Match[str] | None:
    """INLINE_VERDICT, tried only when a capital follows the title's first letters (a verdict
    starts with one): most titles have none, and the test is one C-level comparison."""
    tail = title[3:]
    return P.INLINE_VERDICT.match(title) if tail != tail.lower() else None


def _no_leader_dots(title: str) -> str:
    """"Spørgetid" from a table of contents' "Spørgetid ......... 3" (or "… 3 Sager til orientering")."""
    if title.rstrip(" :").rpartition(" ")[2].casefold() in GROUP_LAST_WORDS:
        title = P.TRAILING_GROUP.sub("", title)
    return P.LEADER_DOTS.sub("", title) if "..." in title or ". . ." in title else title


def split_heading_minutes(title: str) -> tuple[str, str] | None:
    """("Økonomi", "Budget 2022 vedtages …") from "Økonomi.  Budget 2022 vedtages …"; else None.

    The earliest split point after at least three characters (see ``P.HEADING_MINUTES``);
    None when the title part would be longer than a title is.
    """
    for m in P.HEADING_MINUTES.finditer(title):
        head, rest = title[: m.start()].strip(), title[m.end() :].strip()
        if len(head) < 3:
            continue
        if len(head) > MAX_SPLIT_TITLE or not rest:
            return None
        head = P.TRAILING_DECISION_LABEL.sub("", head) or head  # "Budget. Beslutning: Godkendt."
        return head, rest
    m = P.STANDARD_TITLE.match(title)
    return (m.group("title"), m.group("rest")) if m else None


def _minutes(m: P.Match[str]) -> int:
    return int(m.group("n")) * DURATION_UNITS.get(m.group("unit").casefold(), 1)


def split_duration(title: str) -> tuple[str, int | None]:
    """("Steno", 30) from "Steno – 30 min"; the title unchanged and None without a duration."""
    m = P.DURATION.search(title)
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


def _unnumbered_items(toks: list[Token]) -> list[int]:
    """Items whose headings lost their numbers: a short title line right before an opening label.

    A new item starts when the label sequence starts over: after a decision, or at a label of
    the kind that opened the current item ("Resume" … "Beslutning", then "Resume" again).
    """
    starts: list[int] = []
    opening: str | None = None
    decided = False
    for k, t in enumerate(toks):
        if t.kind != LABEL:
            continue
        restart = not starts or decided or t.section == opening
        if t.section == "decision":
            decided = True
        if not restart or t.section not in OPENING_SECTIONS:
            continue
        j = k - 1
        while j >= 0 and toks[j].kind == BLANK:
            j -= 1
        if j < 0 or (starts and j <= starts[-1]):
            continue
        p = toks[j]
        if p.kind == TEXT and not p.line.bullet and len(p.text) <= MAX_TITLE and p.text[-1] not in ".:;,":
            starts.append(j)
            opening, decided = t.section, False
    return starts


def _titled_paragraphs(toks: list[Token]) -> list[int]:
    """Items without numbers or labels: paragraphs that open with a short title and a separator.

    "Dirigent: Ole blev valgt" / "Valg af revisorer – Klaus og Poul …": at least three
    paragraphs (text after a blank line) whose first line splits into a title of at most
    six words and the minutes. Paragraphs between them continue the item before.
    """
    starts: list[int] = []
    for k, t in enumerate(toks):
        # A known label may open one too when a sentence follows ("Dirigent: Ole blev valgt").
        prose_field = t.kind == FIELD and bool(t.value) and bool(P.SENTENCE_WORDS.search(t.value or ""))
        if (t.kind != TEXT and not prose_field) or t.line.bullet or (k and toks[k - 1].kind != BLANK):
            continue
        split = split_heading_minutes(t.text)
        if split and len(split[0].split()) <= TITLED_PARAGRAPH_WORDS and split[0][:1].isupper():
            starts.append(k)
    return starts if len(starts) >= 3 else []


def _headed_paragraphs(toks: list[Token]) -> list[int]:
    """Items with neither numbers nor labels: short heading lines, each over its own paragraph.

    "Økonomi" / "Kassereren gennemgik regnskabet …": a line of at most six words that starts a
    paragraph and does not end a sentence, followed at once by a longer text line. Three such
    headings at least, or the document has none.
    """
    starts: list[int] = []
    for k, t in enumerate(toks[:-1]):
        topic = t.kind == LABEL and t.section == "other" and not t.rest  # "Økonomi" as a topic
        if (t.kind != TEXT and not topic) or t.line.bullet or (k and toks[k - 1].kind != BLANK):
            continue
        text, nxt = t.text, toks[k + 1]
        if (len(text.split()) <= TITLED_PARAGRAPH_WORDS and text[:1].isupper() and text[-1:] not in ".,;!?"
                and nxt.kind == TEXT and not nxt.line.bullet and len(nxt.text) > len(text)):
            starts.append(k)
    return starts if len(starts) >= 3 else []


def detect(toks: list[Token]) -> Layout:
    """Find the header zone, the printed agenda, the items and their sections."""
    diags: list[R.Data] = []
    agenda, a_start, a_end = _find_agenda(toks)
    starts = _choose_items(toks, agenda, a_end + 1 if agenda else 0)
    titled = False
    if not starts and not agenda:
        starts = _unnumbered_items(toks)
        if not starts:
            starts = _titled_paragraphs(toks)
            titled = bool(starts)
        if not starts:
            starts = _headed_paragraphs(toks)
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
        item = ItemBlock(h.number, h.title or (h.text if h.kind in (TEXT, LABEL) else ""), h)
        if h.kind == TEXT and k + 1 < len(toks) and toks[k + 1].kind == HEADING and not toks[k + 1].title:
            item.number = toks[k + 1].number  # "Spørgetid" / "Sag nr. 129" (see _title_above)
        if titled and (split := split_heading_minutes(h.text)):
            item.number = None
            item.title, item.inline_decision = split  # a titled paragraph: "Dirigent: Ole …"
        body_from = _heading_title(item, toks, k, end, agenda_titles.get(h.number or ""))
        item.tokens = toks[body_from:end]
        item.blocks = _blocks(item.tokens)
        if item.inline_decision is None and not item.blocks:
            item.heading_minutes = split_heading_minutes(item.title)
        elif item.inline_decision is None and ": " in item.title and (m := P.COLON_MINUTES.match(item.title)):
            item.heading_minutes = (m.group("title").strip(), m.group("rest").strip())
        items.append(item)
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


def _agenda_item(e: AgendaLine) -> ItemBlock:
    title, duration = split_duration(e.title)
    return ItemBlock(e.number, title, e.token, duration=duration, from_agenda_only=True, complete=False)
