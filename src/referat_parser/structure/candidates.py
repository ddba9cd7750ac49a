"""Candidate structures: every reading of where the items start that some proposer supports.

A candidate is a list of item-start tokens, with the table of contents it pairs with (if
any) and how its headings are read (numbered, lettered, titled paragraphs). The proposers
are the rules in ``rules`` plus shape-only ones added here; identical readings from several
proposers merge (how many agree is no evidence: several proposers are variants of one chain).
Nothing here chooses: ``decode`` does, with the fitted weights.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate

from referat_parser import patterns as P
from referat_parser.structure import rules
from referat_parser.structure.rules import AgendaLine
from referat_parser.tokenize import BLANK, HEADING, LABEL, TEXT, Token
from referat_parser.vocabulary import DURATION_UNITS, TABLE_COLUMNS

# The most words in a heading line without number or label ("Kommende aktiviteter (status)").
LOOSE_HEADING_WORDS = 10
# The most words in such a heading that may end with a full stop ("Vedtægter.", "Valg.").
DOTTED_HEADING_WORDS = 3
# The fewest headings that make a reading of their own (two headings could be any two lines).
MIN_UNNUMBERED = 3
# The fewest lettered headings (A:, B:, C:) that make a reading.
MIN_LETTERED = 3
# The most heading signatures whose chains are proposed (the most frequent ones).
MAX_SIGNATURES = 4
# The fewest agenda entries taken up by keyed minutes ("Ad 1:", "Ad 2:").
MIN_KEYED = 2
# How many headings are searched for that agenda (keeps the search linear on huge documents).
KEYED_SCAN = 200


_AFTER_LETTER = frozenset(":.)")


@dataclass(slots=True)
class Candidate:
    """One reading of the document's item structure."""

    sources: list[str]  # the proposers that read it so (first = the one it is named by)
    starts: list[int]  # token indices of the item headings
    agenda: list[AgendaLine] = field(default_factory=list)
    agenda_span: tuple[int, int] = (-1, -1)  # token range of the printed table of contents
    titled: bool = False  # headings are "Title: minutes" paragraphs, split at the separator
    lettered: bool = False  # headings are "A: Title" (the gold and the output keep no number)
    keyed: bool = False  # headings are "Ad N: minutes" keyed back to the agenda's entry N
    # headings glued as "Punkt 110 minVelkomst": token index -> (number, minutes, title), split so
    # that the numbering runs on
    glued: dict[int, tuple[str, int, str]] = field(default_factory=dict)
    # an agenda table flattened to one cell per line: each row's first token -> its cells by role
    table: dict[int, dict[str, str]] = field(default_factory=dict)
    rules: bool = False  # what the rule cascade alone would have chosen

    @property
    def name(self) -> str:
        return self.sources[0]

    def key(self) -> tuple:
        return (tuple(self.starts), self.agenda_span, self.titled, self.lettered, self.keyed, bool(self.glued),
                bool(self.table))


def glued_headings(toks: list[Token]) -> dict[int, tuple[str, int, str]]:
    """Headings whose number, planned duration and title are glued ("Punkt 110 minVelkomst", "Punkt 35
    minEventuelt"): the digits are split where the numbering runs on from 1 (1|10, 2|30, 3|5); a
    space between them splits them as printed ("Punkt 2 15 min Regnskab")."""
    out: dict[int, tuple[str, int, str]] = {}
    expected = 1
    for k, t in enumerate(toks):
        if t.kind != HEADING:  # the tokenizer reads them as numbered headings ("110", "minVelkomst")
            continue
        m = P.GLUED_HEADING.match(t.line.content)
        if not m:
            continue
        digits = m.group("digits")
        if " " in digits:
            number, minutes = digits.split()
            splits = [(number, minutes)] if int(number) == expected else []
        else:
            splits = [(digits[:i], digits[i:]) for i in range(1, len(digits)) if int(digits[:i]) == expected]
        if not splits:
            continue
        number, minutes = splits[0]
        unit = DURATION_UNITS.get(m.group("unit").casefold(), DURATION_UNITS.get(m.group("unit").casefold() + ".", 1))
        out[k] = (number, int(minutes) * unit, m.group("title").strip())
        expected += 1
    return out if len(out) >= 2 else {}


_COLUMN_ROLE = {word: role for role, words in TABLE_COLUMNS.items() for word in words}
MIN_COLUMNS = 3  # a header row this long, with a title column and a duration or decision column
MIN_ROWS = 2
MAX_COLUMN_CHARS = 24


def flattened_table(toks: list[Token]) -> tuple[dict[int, dict[str, str]], tuple[int, int]]:
    """An agenda table flattened to one cell per line: a header row of column headings ("Emne",
    "Formål", "Varighed", "Beslutning") as a run of short lines, then rows of as many lines, each with
    its duration in the duration column where the table has one (the cycle the header row gives,
    anchored by the "N min." cells). Each row's first token -> its cells by role, and the token span of
    the header row; ({}, (-1, -1)) if there is no such table."""
    lines = [k for k, t in enumerate(toks) if t.kind != BLANK]
    # A column heading is one short word or two: most lines are ruled out by their length alone.
    texts = [toks[k].line.text for k in lines]
    column = [_COLUMN_ROLE.get(s.strip(" :").casefold()) if len(s) <= MAX_COLUMN_CHARS else None for s in texts]
    for n in range(len(lines)):
        if column[n] is None:
            continue
        roles: list[str] = []
        while n + len(roles) < len(lines):
            role = column[n + len(roles)]
            if role is None:
                break
            while role in roles:  # "Formål", "Proces": two columns of one role, both kept
                role += "+"
            roles.append(role)
        if len(roles) < MIN_COLUMNS or "title" not in roles or not ({"duration", "decision"} & set(roles)):
            continue
        rows: dict[int, dict[str, str]] = {}
        at = n + len(roles)
        while at + len(roles) <= len(lines):
            cells = [toks[i] for i in lines[at : at + len(roles)]]
            row = {role: c.text.strip() for role, c in zip(roles, cells, strict=True)}
            if "duration" in row:
                if not P.DURATION_LINE.match(row["duration"]):
                    break  # the cycle, anchored by the "N min." cells, no longer holds
            elif any(c.kind in (HEADING, LABEL) for c in cells):
                break  # a numbered heading or a section label: the table has ended
            rows[lines[at]] = row
            at += len(roles)
        if len(rows) >= MIN_ROWS:
            return rows, (lines[n], lines[n + len(roles) - 1])
    return {}, (-1, -1)


def lettered_headings(toks: list[Token]) -> list[int]:
    """Headings lettered A, B, C … in order ("A: Valg af ordstyrer.", " D:Indkomne forslag.")."""
    starts: list[int] = []
    expected = "A"
    for k, t in enumerate(toks):
        c = t.line.content
        # the letter expected next, then a colon, full stop or bracket: one comparison per line
        if c[:1] != expected or t.line.bullet or (c[1:2] not in _AFTER_LETTER and c[2:3] not in _AFTER_LETTER):
            continue
        m = P.LETTERED_HEADING.match(c)
        if m and m.group("letter") == expected and m.group("title")[:1].isupper():
            starts.append(k)
            expected = chr(ord(expected) + 1)
    return starts if len(starts) >= MIN_LETTERED else []


def lettered_title_letter(t: Token) -> str:
    m = P.LETTERED_HEADING.match(t.line.content)
    return m.group("letter") if m else "@"


def lettered_title(t: Token) -> str:
    m = P.LETTERED_HEADING.match(t.line.content)
    return m.group("title").strip() if m else t.text


def loose_headings(toks: list[Token]) -> list[int]:
    """Headings with no number and no label, judged without blank lines: a short line that
    starts with a capital and ends no sentence, right above text that reads as prose (a line
    longer than it, or a finished sentence) and not as more title (a line in capitals)."""
    starts: list[int] = []
    last = -2  # position among the non-blank lines of the last heading taken
    content = [k for k, t in enumerate(toks) if t.kind != BLANK]
    for p, (a, b) in enumerate(itertools.pairwise(content)):
        t, nxt = toks[a], toks[b]
        if t.kind != TEXT or t.line.bullet or nxt.kind not in (TEXT, LABEL) or nxt.line.bullet:
            continue
        text, below = t.text, nxt.text
        words = len(text.split())
        # a full stop may close a heading of one to three words ("Vedtægter."): no sentence is so short
        ends = text[-1:] not in ".,;:!?" or (text[-1:] == "." and words <= DOTTED_HEADING_WORDS)
        # the line below is prose, not more title: nor a heading of one to three words with its full stop
        short_dotted = below[-1:] == "." and len(below.split()) <= DOTTED_HEADING_WORDS and len(below) <= 40
        prose = (len(below) > max(len(text), 40) or below[-1:] in ".!?") and not below.isupper() and not short_dotted
        if (words <= LOOSE_HEADING_WORDS and text[:1].isupper() and ends and ":" not in text  # no "Role : Name"
                and prose and p - last >= 2):
            starts.append(a)
            last = p
    return starts if len(starts) >= MIN_UNNUMBERED else []


def signature(t: Token) -> tuple:
    """How a heading is printed: prefix word, bullet, the character after its number."""
    after = ""
    if t.number:
        content = t.line.content
        i = content.find(t.number)
        after = content[i + len(t.number): i + len(t.number) + 1] if i >= 0 else ""
    return ((t.prefix or "").casefold(), t.line.bullet, after)


def heading_signatures(toks: list[Token]) -> dict[int, tuple]:
    """The signature of every heading, by token index: one pass, used by every proposer."""
    return {k: signature(t) for k, t in enumerate(toks) if t.kind == HEADING}


def _masked(toks: list[Token], sigs: dict[int, tuple], keep: tuple) -> list[Token]:
    """The tokens with every heading of another signature read as plain text."""
    out = list(toks)
    for k, sig in sigs.items():
        if sig != keep:
            out[k] = Token(TEXT, toks[k].line)
    return out


def signature_chains(toks: list[Token], sigs: dict[int, tuple]) -> list[list[int]]:
    """One chain per heading signature ("N." / "Punkt N" / "• N." / "Ad N:"): a list inside an
    item printed another way ("Punkt 4 Regnskab godkendt." under "3. Nyt fra …") cannot break
    or join the run of headings printed alike."""
    counts: dict[tuple, int] = {}
    for sig in sigs.values():
        counts[sig] = counts.get(sig, 0) + 1
    if len(counts) < 2:
        return []  # one signature: the plain chain already is it
    kept = sorted((sig for sig, n in counts.items() if n >= 2), key=lambda sig: -counts[sig])[:MAX_SIGNATURES]
    return [rules.choose_items(_masked(toks, sigs, sig), [], 0) for sig in kept]


def keyed_minutes(toks: list[Token],
                  sigs: dict[int, tuple]) -> tuple[list[rules.AgendaLine], tuple[int, int], list[int]]:
    """An agenda printed first, then minutes keyed back to it by number ("Ad 1: Budgettet blev
    godkendt."): the first run of consecutive headings, and a later run of another signature
    that takes up the same numbers in order. Empty when there is no such pair."""
    heads = [k for k in sigs if (toks[k].number or "").isdigit()]
    for n, k in enumerate(heads[:KEYED_SCAN]):  # an agenda stands among the first headings
        run = [k]
        sig = sigs[k]
        for j in heads[n + 1: n + 1 + KEYED_SCAN]:
            if sigs[j] != sig:
                continue
            if int(toks[j].number or 0) != int(toks[run[-1]].number or 0) + 1:
                break
            run.append(j)
        if len(run) < MIN_KEYED:
            continue
        numbers = [toks[j].number for j in run]
        keyed: list[int] = []
        for j in heads:
            if j > run[-1] and sigs[j] != sig and len(keyed) < len(numbers) and toks[j].number == numbers[len(keyed)]:
                keyed.append(j)
        if len(keyed) >= MIN_KEYED:
            entries = [rules.AgendaLine(toks[j].number or "", toks[j].title or "", toks[j]) for j in run]
            return entries, (run[0], run[-1]), keyed
        return [], (-1, -1), []
    return [], (-1, -1), []


def _strong(cands: Iterable[Candidate], content: list[int]) -> bool:
    """A numbered reading of three items or more that starts in the document's first half."""
    return any(len(c.starts) >= MIN_UNNUMBERED and 2 * content[c.starts[0]] <= content[-1] for c in cands)


def generate(toks: list[Token], content: list[int] | None = None, prune: bool = True) -> list[Candidate]:
    """Every distinct reading the proposers support, the rule cascade's own choice marked.

    ``content[k]``: how many non-blank tokens come before index k (``features.evidence``).
    ``prune``: skip the readings without numbers where a numbered one is strong (the parser
    does; fitting sees every reading, so the weights learn from them all).
    """
    if content is None:
        content = list(accumulate((t.kind != BLANK for t in toks), initial=0))
    out: dict[tuple, Candidate] = {}

    def add(source: str, starts: list[int], **kw: object) -> Candidate | None:
        if not starts and not kw.get("agenda"):
            return None
        c = Candidate([source], list(starts), **kw)  # type: ignore[arg-type]
        seen = out.get(c.key())
        if seen is not None:
            seen.sources.append(source)
            return seen
        out[c.key()] = c
        return c

    agenda, a_start, a_end = rules.find_agenda(toks)
    chosen: Candidate | None = None
    if agenda:
        chosen = add("toc-chain", rules.choose_items(toks, agenda, a_end + 1),
                     agenda=agenda, agenda_span=(a_start, a_end))
    chain = add("chain", rules.choose_items(toks, [], 0))
    if not agenda:
        chosen = chain
    sigs = heading_signatures(toks)
    for starts in signature_chains(toks, sigs):
        add("signature-chain", starts)
    entries, span, keyed = keyed_minutes(toks, sigs)
    if keyed:
        add("keyed-minutes", keyed, agenda=entries, agenda_span=span, keyed=True)
    # The lenient chain and the readings without numbers are proposed only where no numbered
    # reading is strong (three items or more, from the first half of the document on): in the
    # gold, none of them ever beats such a reading, and they are the dearest to propose.
    strong = prune and _strong(out.values(), content)
    if not strong:
        add("lenient-chain", rules.choose_items(toks, [], 0, lenient=True))
        unnumbered = add("labelled-titles", rules.unnumbered_items(toks))
        titled = add("titled-paragraphs", rules.titled_paragraphs(toks), titled=True)
        headed = add("headed-paragraphs", rules.headed_paragraphs(toks))
        if chosen is None and not agenda:
            chosen = unnumbered or titled or headed
        add("loose-headings", loose_headings(toks))
    add("lettered", lettered_headings(toks), lettered=True)
    if glued := glued_headings(toks):
        add("glued-headings", sorted(glued), glued=glued)
    table, heads = flattened_table(toks) if not strong else ({}, (-1, -1))
    if table:  # its header row of column headings is neither header nor item
        add("flattened-table", sorted(table), table=table, agenda_span=heads)
    if chosen is not None:
        chosen.rules = True
    return list(out.values())

