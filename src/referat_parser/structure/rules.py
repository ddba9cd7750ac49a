"""Item-start proposers: the section detector's rules, each now one way to read the document.

Every function here proposes where items start (token indices) or where a printed table of
contents sits; none of them decides. ``candidates`` runs them all and ``decode`` picks the
reading the whole document supports best, by the weights fitted to the gold.

* a run of consecutive numbered lines whose entries reappear later as headings (or that follows
  a "Dagsorden:" marker) is a printed table of contents; body headings then match its entries;
* without one, items form a chain: each heading carries the next number, so a "1. møde: 29.
  januar" list inside item 6, or "1. At …" clauses, cannot start items;
* headings without numbers: a title before an opening label, "Title: text" paragraphs, short
  heading lines over their own paragraphs.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from referat_parser import patterns as P
from referat_parser.tokenize import BLANK, FIELD, HEADING, LABEL, MARKER, TEXT, Token
from referat_parser.vocabulary import AGENDA_GROUPS, QUOTE_PAIRS, SENTENCE_OPENERS, STANDARD_TITLES

# What P.HEADING_MINUTES splits at, as plain substrings ("_", " | ", ": ", " - ", ". ", "! ", "? ").
_SPLIT_SEPARATORS = ("_", "|", ":", " -", " –", ". ", "! ", "? ")
_OPENERS = frozenset(SENTENCE_OPENERS)
_STANDARD_STARTS = tuple(t.casefold() for t in STANDARD_TITLES)
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
_CHAIN_KINDS = frozenset((HEADING, LABEL, FIELD))  # what choose_items reads: headings, and labels ending lists
# Tokens (blank lines included) that may separate two points of one numbered list.
INNER_LIST_GAP = 8


@dataclass(slots=True)
class AgendaLine:
    number: str
    title: str
    token: Token


def norm_title(s: str) -> str:
    """A title as compared: whitespace collapsed, edge punctuation and case folded."""
    return " ".join(s.split()).strip(" .:;,–-").casefold()


def same_title(a: str, b: str) -> bool:
    a, b = norm_title(a), norm_title(b)
    if not a or not b:
        return False
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def _heading_like(t: Token) -> bool:
    """Could this numbered line be an item heading (judged on its own)?"""
    title = t.title or ""
    if len(title) > MAX_TITLE:
        m = inline_verdict(title)  # "2. Godkendelse af referat Godkendt med …"
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


def title_below(toks: list[Token], k: int) -> bool:
    """A number alone on its line ("1." / "Ad. 1") whose title stands on the next line."""
    nxt = next_content(toks, k + 1)
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
    k = next_content(toks, j + 1)
    return k < len(toks) and toks[k].kind == HEADING and toks[k].number == str(expected)


def items_begun(toks: list[Token]) -> int:
    """Where the items have surely begun: the first section label under a numbered heading (the
    token index; the end of the tokens if there is none). A numbered run below it is a list inside
    an item ("Indstilling" / "1. Forslaget godkendes." / "2. …", then "Ad. 1" votes), never the
    table of contents, which stands before the items (research phenomenon 4b)."""
    heading = False
    for k, t in enumerate(toks):
        if t.kind == HEADING and t.number and t.title:
            heading = True
        elif heading and t.kind == LABEL:
            return k
    return len(toks)


def find_agenda(toks: list[Token]) -> tuple[list[AgendaLine], int, int]:
    """The printed table of contents: entries and the token range it occupies."""
    i, n = 0, items_begun(toks)  # a table of contents starts before the items have begun
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
            if (after := _after_sub_lines(toks, j, expected)) is not None:
                j = after  # "A: Forslag om ny legeplads", "På valg: Ole Bak" under an entry
                continue
            break
        if len(run) >= 2:
            entries = [AgendaLine(toks[k].number or "", no_leader_dots(toks[k].title or ""), toks[k]) for k in run]
            if sum("..." in (toks[k].title or "") for k in run) * 2 >= len(run):  # a dotted contents list:
                entries = [AgendaLine(e.number, P.TRAILING_ROMAN.sub("", e.title), e.token) for e in entries]
            marker = any(toks[k].kind == MARKER for k in range(max(0, i - 3), i))
            later = [t for t in toks[run[-1] + 1 :] if t.kind == HEADING]
            reappears = any(
                t.number == e.number and (not t.title or same_title(t.title, e.title))
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


MAX_SUB_LINES = 3  # short lines under an agenda entry before the next entry
MAX_SUB_LINE_CHARS = 60


def _after_sub_lines(toks: list[Token], j: int, expected: int) -> int | None:
    """Where the entry numbered ``expected`` stands, if only a few short sub-lines come before it
    ("A: Forslag om ny legeplads*", "På valg: Formand Ole Bak"); else None. Section labels and
    sentences are an item's text, not an agenda's sub-lines."""
    seen = 0
    while j < len(toks) and seen <= MAX_SUB_LINES:
        t = toks[j]
        if t.kind == BLANK:
            j += 1
            continue
        if t.kind == HEADING and t.title and int(t.number or 0) == expected:
            return j if seen else None
        if t.kind == LABEL or len(t.text) > MAX_SUB_LINE_CHARS or t.text.rstrip().endswith("."):
            return None
        seen += 1
        j += 1
    return None


def next_content(toks: list[Token], k: int) -> int:
    while k < len(toks) and toks[k].kind == BLANK:
        k += 1
    return k


def choose_items(toks: list[Token], agenda: list[AgendaLine], start: int, lenient: bool = False) -> list[int]:
    """Indices of the tokens that start agenda items.

    ``lenient``: any numbered line may be a heading, whatever its title looks like (lower case,
    paragraph-long), but for an "At …" clause: the chain alone decides, and the features judge
    the titles.
    """
    chosen: list[int] = []
    by_number = {e.number: idx for idx, e in enumerate(agenda)}
    last_agenda = -1
    last_number: int | None = None
    # A numbered list inside an item ("1. …", "2. …") must not pass for the next items.
    inner_next, inner_at = 0, -1
    # Only headings and labels matter; the list of them costs a fifth of the loop it spares.
    for k in [k for k in range(start, len(toks)) if toks[k].kind in _CHAIN_KINDS]:
        t = toks[k]
        if t.kind != HEADING:
            inner_next = 0  # a section label ends any list
            continue
        idx = by_number.get(t.number or "")
        num = int(t.number or 0)
        glued = idx is not None and norm_title(t.title or "").startswith(norm_title(agenda[idx].title) + " ")
        in_list = last_number is not None and num == inner_next and k - inner_at <= INNER_LIST_GAP
        repeated = num == last_number and (
            not t.title or same_title(t.title, toks[chosen[-1]].title or "")) if chosen else False
        if last_number and num == 1 and not repeated and not _after_closed_session(toks, k):
            inner_next, inner_at = 2, k  # a list starts inside the current item
            continue
        if last_number and num == 1 and not repeated:
            last_number = 0  # "LUKKET MØDE" / "1. Personalesag": the numbering starts over
        if in_list:
            inner_next, inner_at = num + 1, k
            if not (idx is not None and idx > last_agenda and same_title(t.title or "", agenda[idx].title)):
                continue
        if not t.title and idx is not None and idx == last_agenda + 1:
            # "Ad. 1" alone, its minutes below: the title is the agenda entry's
            chosen.append(k)
            last_agenda, last_number = idx, num
            inner_next = 0
            continue
        # lenient: any numbered line but an "At …" clause, which never heads an item
        loose = lenient and not P.AT_CLAUSE.match(t.title or "")
        if not (loose or _heading_like(t) or glued or (not t.title and title_below(toks, k))):
            continue
        if last_number is not None and num == last_number:
            continue  # the same heading printed twice ("• Pkt. 15 Title" then "Pkt. 15")
        if idx is not None and idx > last_agenda:
            title = t.title or ""
            if not title:
                nxt = next_content(toks, k + 1)
                title = toks[nxt].text if nxt < len(toks) else ""
            if same_title(title, agenda[idx].title):
                chosen.append(k)
                last_agenda, last_number = idx, num
                inner_next = 0
                continue
        if agenda and last_number is None:
            continue  # with a table of contents, the body starts at one of its entries
        if last_number is None or num == last_number + 1 or (
            (not agenda or last_agenda == len(agenda) - 1)  # past the table of contents' last entry too
            and 1 < num - last_number <= 3 and not t.line.bullet and len(t.title or "") < 100
        ):
            if idx is not None and agenda and idx <= last_agenda:
                continue
            chosen.append(k)
            last_number = int(t.upto) if t.upto else num
            inner_next = 0
    return chosen


def _after_closed_session(toks: list[Token], k: int) -> bool:
    j = k - 1
    while j >= 0 and toks[j].kind == BLANK:
        j -= 1
    return j >= 0 and bool(P.CLOSED_SESSION.match(toks[j].text))


def inline_verdict(title: str) -> P.Match[str] | None:
    """INLINE_VERDICT, tried only when a capital follows the title's first letters (a verdict
    starts with one): most titles have none, and the test is one C-level comparison."""
    tail = title[3:]
    return P.INLINE_VERDICT.match(title) if tail != tail.lower() else None


def no_leader_dots(title: str) -> str:
    """"Spørgetid" from a table of contents' "Spørgetid ......... 3" (or "… 3 Sager til orientering", or
    "Spørgetid...xi Til behandling …": what follows the page number is a group heading)."""
    if title.rstrip(" :").rpartition(" ")[2].casefold() in GROUP_LAST_WORDS:
        title = P.TRAILING_GROUP.sub("", title)
    if "..." not in title and ". . ." not in title:
        return title
    return P.LEADER_DOTS.sub("", P.LEADER_DOTS_INNER.sub("", title))


def split_heading_minutes(title: str) -> tuple[str, str] | None:
    """("Økonomi", "Budget 2022 vedtages …") from "Økonomi.  Budget 2022 vedtages …"; else None.

    The earliest split point after at least three characters (see ``P.HEADING_MINUTES``);
    None when the title part would be longer than a title is.
    """
    for m in P.HEADING_MINUTES.finditer(title):
        head, rest = title[: m.start()].strip(), title[m.end() :].strip()
        if len(head) < 3 or _open_quote(head):
            continue  # "Drøftelse af »Plan – idéer til arbejdet«": a dash inside a quoted name
        if len(head) > MAX_SPLIT_TITLE or not rest:
            return None
        head = P.TRAILING_DECISION_LABEL.sub("", head) or head  # "Budget. Beslutning: Godkendt."
        return head, rest
    m = P.STANDARD_TITLE.match(title)
    return (m.group("title"), m.group("rest")) if m else None


def _open_quote(head: str) -> bool:
    """Does ``head`` open a quotation it does not close ("»Plan", "“Plan")?"""
    return any(head.count(a) > head.count(b) for a, b in QUOTE_PAIRS) or head.count('"') % 2 == 1


def unnumbered_items(toks: list[Token]) -> list[int]:
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


def titled_paragraphs(toks: list[Token]) -> list[int]:
    """Items without numbers or labels: paragraphs that open with a short title and a separator.

    "Dirigent: Ole blev valgt" / "Valg af revisorer – Klaus og Poul …": at least three
    paragraphs (text after a blank line) whose first line splits into a title of at most
    six words and the minutes. Paragraphs between them continue the item before.
    """
    starts: list[int] = []
    for k, t in enumerate(toks):
        # A known label may open one too when a sentence follows ("Dirigent: Ole blev valgt").
        prose_field = t.kind == FIELD and bool(t.value) and bool(P.SENTENCE_WORDS.search(t.value or ""))
        if (t.kind != TEXT and not prose_field) or t.line.bullet or not _paragraph_start(toks, k, starts):
            continue
        # A title of six words and its separator lie in the line's first eight words: the split
        # looks no further (the minutes after them are the item's, whatever their length).
        prefix = " ".join(t.text.split(" ", 8)[:8]) if t.text[:1].isupper() else ""
        split = split_heading_minutes(prefix) if prefix and _may_split(prefix) else None
        if split and len(split[0].split()) <= TITLED_PARAGRAPH_WORDS:
            starts.append(k)
    return starts if len(starts) >= 3 else []


def _may_split(prefix: str) -> bool:
    """What ``split_heading_minutes`` needs at least (one C-level test each): a separator, a
    sentence opener after the first word, or a standard title first. Most lines have none."""
    if any(sep in prefix for sep in _SPLIT_SEPARATORS):
        return True
    words = prefix.split()
    return bool(_OPENERS.intersection(words[1:])) or prefix.casefold().startswith(_STANDARD_STARTS)


def _paragraph_start(toks: list[Token], k: int, starts: list[int]) -> bool:
    """Does line k open a paragraph? After a blank line, or after a line whose sentence does not
    run on (it ends in no lower-case letter, comma or hyphen): blank lines help but are not needed."""
    if k == 0 or toks[k - 1].kind == BLANK or (bool(starts) and starts[-1] == k - 1):
        return True
    last = toks[k - 1].text[-1:]
    return not (last.islower() or last in ",;-–")


def headed_paragraphs(toks: list[Token]) -> list[int]:
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
