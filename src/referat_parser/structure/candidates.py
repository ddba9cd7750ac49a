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
    rules: bool = False  # what the rule cascade alone would have chosen

    @property
    def name(self) -> str:
        return self.sources[0]

    def key(self) -> tuple:
        return (tuple(self.starts), self.agenda_span, self.titled, self.lettered, self.keyed)


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
        prose = (len(below) > max(len(text), 40) or below[-1:] in ".!?") and not below.isupper()
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
    if not (prune and _strong(out.values(), content)):
        add("lenient-chain", rules.choose_items(toks, [], 0, lenient=True))
        unnumbered = add("labelled-titles", rules.unnumbered_items(toks))
        titled = add("titled-paragraphs", rules.titled_paragraphs(toks), titled=True)
        headed = add("headed-paragraphs", rules.headed_paragraphs(toks))
        if chosen is None and not agenda:
            chosen = unnumbered or titled or headed
        add("loose-headings", loose_headings(toks))
    add("lettered", lettered_headings(toks), lettered=True)
    if chosen is not None:
        chosen.rules = True
    return list(out.values())

