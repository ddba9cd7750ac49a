"""Named, general evidence about a candidate structure, measured against the whole document.

Every feature describes a shape, not a word, nor which proposer found the candidate (that
would learn the rule cascade's habits, not the document): how much of the document the items cover, how
regular their headings are, whether the numbering runs on, whether labels stand beneath the
headings, how long the titles are, whether a table of contents agrees. Blank lines never
count, so the same minutes with other whitespace give the same evidence. The values are
plain floats in a dict keyed by ``NAMES``; ``model`` holds their weights.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from referat_parser.structure.candidates import Candidate, lettered_title, lettered_title_letter, signature
from referat_parser.structure.rules import items_begun, norm_title, same_title
from referat_parser.tokenize import BLANK, FIELD, HEADING, LABEL, TEXT, Token

NAMES = (
    "log_items", "one_item", "two_items", "numbered", "consecutive", "starts_at_one", "signature", "punctuation",
    "labels_beneath", "decision_beneath", "title_words", "long_titles", "sentence_titles",
    "lower_titles", "coverage", "first_position", "largest_item", "empty_items", "toc",
    "toc_agree", "agenda_only", "keyed", "bullets", "fields_inside", "nested_restarts", "starts_inside",
)


def _title(c: Candidate, t: Token, k: int = -1) -> str:
    if c.lettered:
        return lettered_title(t)
    if k in c.glued:
        return c.glued[k][2]
    if k in c.table:
        return c.table[k].get("title", "")
    return t.title or t.text


def _signature(t: Token) -> tuple:
    """How a heading is printed: its kind, then ``candidates.signature``."""
    return (t.kind, *signature(t))


def _headings(c: Candidate, heads: list[Token], titles: list[str], f: dict[str, float]) -> None:
    """What the headings alone say: numbering, regularity, title shapes."""
    n = len(heads)
    f["one_item"] = float(n == 1)
    f["two_items"] = float(n == 2)
    if c.lettered:  # A, B, C … count as 1, 2, 3 …
        numbers: list[int | None] = [ord(lettered_title_letter(t)) - 64 for t in heads]
    elif c.glued:  # "Punkt 110 minVelkomst": the number its split gives
        numbers = [int(c.glued[k][0]) if k in c.glued else None for k in c.starts]
    else:
        numbers = [int(t.number) if t.kind == HEADING and (t.number or "").isdigit() else None for t in heads]
    f["numbered"] = sum(x is not None for x in numbers) / n
    pairs = list(itertools.pairwise(numbers))
    if pairs:
        f["consecutive"] = sum(1 for a, b in pairs if a is not None and b is not None and b == a + 1) / len(pairs)
    f["starts_at_one"] = float(numbers[0] in (0, 1) or c.lettered)
    sigs = [_signature(t) for t in heads]
    forms = [sig[:-1] for sig in sigs]  # kind, prefix, bullet
    marks = [sig[-1] for sig in sigs]  # the character after the number
    f["signature"] = max(forms.count(s) for s in set(forms)) / n
    f["punctuation"] = max(marks.count(s) for s in set(marks)) / n
    words = [len(s.split()) for s in titles]
    f["title_words"] = min(3.0, sum(words) / n / 10)
    f["long_titles"] = sum(len(s) > 100 for s in titles) / n
    f["sentence_titles"] = sum(s.rstrip().endswith(".") and w > 6 for s, w in zip(titles, words, strict=True)) / n
    f["lower_titles"] = sum(1 for s in titles if s[:1].isalpha() and not s[:1].isupper()) / n
    f["bullets"] = sum(t.line.bullet for t in heads) / n


def extract(c: Candidate, toks: list[Token], ev: Evidence) -> dict[str, float]:
    """The features of one candidate, measured with the document's ``evidence``."""
    content_index = ev.content
    n = len(c.starts)
    total = max(1, content_index[-1])
    f: dict[str, float] = dict.fromkeys(NAMES, 0.0)
    if not n:  # a table of contents whose entries never reappear as headings: items from it alone
        f["agenda_only"] = f["toc"] = 1.0
        f["log_items"] = math.log1p(len(c.agenda))
        _headings(c, [e.token for e in c.agenda], [e.title for e in c.agenda], f)
        return f
    heads = [toks[k] for k in c.starts]
    titles = [_title(c, t, k) for k, t in zip(c.starts, heads, strict=True)]
    found = {t.number for t in heads}
    f["log_items"] = math.log1p(n + sum(1 for e in c.agenda if e.number not in found))
    _headings(c, heads, titles, f)
    bounds = [*c.starts, len(toks)]
    labels = decisions = empty = fields = restarts = 0
    largest = 0
    lab, dec, fld, one = ev.labels, ev.decisions, ev.fields, ev.ones
    for a, b in itertools.pairwise(bounds):
        size = content_index[b] - content_index[a + 1] + (c.keyed and bool(toks[a].title))  # minutes inline
        largest = max(largest, size)
        empty += size == 0
        labels += lab[b] > lab[a + 1]
        decisions += dec[b] > dec[a + 1]
        fields += fld[b] > fld[a + 1]
        restarts += one[b] > one[a + 1]
    covered = total - content_index[c.starts[0]]
    f["labels_beneath"] = labels / n
    f["decision_beneath"] = decisions / n
    f["fields_inside"] = fields / n
    f["nested_restarts"] = restarts / n
    f["empty_items"] = empty / n
    f["coverage"] = covered / total
    f["first_position"] = content_index[c.starts[0]] / total
    f["largest_item"] = largest / max(1, covered)
    f["keyed"] = float(c.keyed)
    # the first item starts below a section label under a numbered heading: a list inside an item
    f["starts_inside"] = float(c.starts[0] > ev.begun)
    if c.agenda:
        f["toc"] = 1.0
        entries = {e.number: e.title for e in c.agenda}
        f["toc_agree"] = sum(1 for t, s in zip(heads, titles, strict=True)
                             if t.number in entries and (not t.title or same_title(s, entries[t.number]))) / n
    return f


@dataclass(frozen=True, slots=True)
class Evidence:
    """Prefix counts over the tokens, made once per document: ``x[k]`` = how many of the tokens
    before index k are non-blank / labels / decision labels / fields / headings numbered 1.
    The size of a stretch is then a subtraction, however many candidates ask."""

    content: list[int]
    labels: list[int]
    decisions: list[int]
    fields: list[int]
    ones: list[int]
    begun: int  # rules.items_begun: where the items have surely begun


def evidence(toks: list[Token]) -> Evidence:
    """The document's prefix counts (blank lines never count: whitespace is no evidence)."""
    content, labels, decisions, fields, ones = [0], [0], [0], [0], [0]
    c = lab = dec = fld = one = 0
    for t in toks:
        kind = t.kind
        if kind != BLANK:
            c += 1
            if kind == LABEL:
                lab += 1
                dec += t.section == "decision"
            elif kind == FIELD:
                fld += 1
            elif kind == HEADING and t.number == "1":
                one += 1
        content.append(c)
        labels.append(lab)
        decisions.append(dec)
        fields.append(fld)
        ones.append(one)
    return Evidence(content, labels, decisions, fields, ones, items_begun(toks))


def describe(c: Candidate, toks: list[Token]) -> str:
    """A short human reading of a candidate for diagnostics: its proposer and first headings."""
    shown = ", ".join(repr(norm_title(_title(c, toks[k], k))[:30]) for k in c.starts[:3]
                      if toks[k].kind in (HEADING, TEXT, LABEL, FIELD))
    return f"{c.name} ({len(c.starts)} items: {shown}{', …' if len(c.starts) > 3 else ''})"
