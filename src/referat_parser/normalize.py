"""Stage 1: text -> clean lines, each keeping the number of the input line it came from.

Removes what later stages must not see: CRLF, tabs, NBSP and other Unicode
spaces, soft hyphens and zero-width characters, HTML remnants (``<p>…</p>``),
markdown residue (``**``, table rules), page marks ("Side 3 af 12"), spaced-out
letters ("R e f e r a t"), web residue ("Til toppen", cookie banners, "fold dette
punkt ind"). Bullets (``-``, ``•``, ``➢``, ``o``) become a flag plus a canonical
"- " prefix. One input line may become several clean lines (``<p>`` blocks, text
glued by ``**``, a heading glued to the next one); all keep its line number, so
spans always point at the input. Blank lines are kept: paragraphs matter.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from referat_parser import patterns as P
from referat_parser import vocabulary as V
from referat_parser.vocabulary import FLAT_MARKERS

PAGE_WORDS = tuple(w.lower() for w in V.PAGE_WORDS)  # cheap test before P.PAGE_MARK
PAGE_OF = tuple(w.lower() for w in V.PAGE_OF)
PAGE_STEMS = tuple({w[1:] for w in PAGE_WORDS})  # each page word without its first letter, any case
_HEADINGS = frozenset(P._ALL_HEADINGS)  # a label alone on its line is not glued to anything
_LABEL_WORD_MAX = max(map(len, P.FLAT_LABEL_LAST_WORDS))
_SPACE_OR_HASH = frozenset(" #")  # a line starting with these may lose them (indent, Markdown heading)


@dataclass(slots=True)
class Line:
    """One clean line. ``text`` has a canonical "- " prefix when ``bullet`` is set.

    Treated as immutable; not frozen only because a frozen dataclass is twice as dear to build,
    and there is one per input line.
    """

    no: int  # 1-based line number in the input text
    text: str  # cleaned text ("" for a blank line)
    content: str  # text without the bullet prefix
    bullet: bool = False
    lead: str | None = None  # P.lead_of(content) when normalize knows it, so tokenize need not redo it

    @property
    def blank(self) -> bool:
        return not self.content


def _despace(m: object) -> str:
    return m.group(0).replace(" ", "")  # type: ignore[attr-defined]


def _maybe_spaced(s: str) -> bool:
    """Cheap test before SPACED_WORD: "R e f e r a t" has a run of one-letter words.

    SPACED_WORD needs four letters parted by single spaces, so three spaces two apart: one of
    the two every-other-character slices holds "   ". Two slices and two C-level searches
    settle most lines before the word loop below.
    """
    if "   " not in s[1::2] and "   " not in s[::2]:
        return False
    run = 0
    for w in s.split(" "):
        run = run + 1 if len(w) == 1 and w.isalpha() else 0
        if run >= 2:
            return True
    return False


def _clean_piece(raw: str) -> str:
    # Each pass runs only when its trigger character is present: most lines need none.
    s = raw if raw.isprintable() else P.INVISIBLE.sub("", raw)
    if "<" in s:
        s = P.HTML_TAG.sub(" ", s)
    if "&" in s:
        s = html.unescape(s)
    s = " ".join(s.split())  # every Unicode space (NBSP, U+2000…) becomes one plain space
    if not s:
        return s
    if s[0] == "#":
        s = P.MARKDOWN_HEADING.sub("", s)
    if ("|" in s or "---" in s) and (P.TABLE_RULE.match(s) or P.EMPTY_TABLE.match(s)):
        return ""
    changed = False  # spaces need collapsing again only after a pass removed something
    if any(w in s for w in PAGE_STEMS):  # "Side"/"side", "Page"/"page" without lower-casing every line
        low = s.lower()
        if any(w in low for w in PAGE_WORDS) and any(w in low for w in PAGE_OF):
            s, changed = P.PAGE_MARK.sub(" ", s), True
    if _maybe_spaced(s):
        s, changed = P.SPACED_WORD.sub(_despace, s), True
    return " ".join(s.split()) if changed else s


# Breaks inside one input line: page (form feed), Word's line break (\v), the separators
# (\x1c-\x1e), NEL and the Unicode line and paragraph separators. They keep the line number.
_BREAKS = str.maketrans(dict.fromkeys("\f\v\x1c\x1d\x1e\x85\u2028\u2029", "\n"))


def _tabs_to_breaks(m: P.Match[str]) -> str:
    return P.TAB_RUN.sub("\n", m.group())


def _split_raw(raw: str) -> list[str]:
    """Split one input line into the logical pieces it glues together."""
    s = raw if raw.isprintable() else raw.translate(_BREAKS)
    if "\t" in s or "   " in s:  # tab fields, then column gaps (see P.COLUMN_GAP)
        if "\t" in s:
            s = P.TAB_FIELD.sub(_tabs_to_breaks, s)
        s = P.COLUMN_GAP.sub(" | ", s).replace("\t", " ")
    if "<" in s:
        s = P.HTML_BREAK.sub("\n", s)
    if "*" in s or "__" in s:
        s = P.MARKDOWN_BOLD.sub("\n", s)
    if "➢" in s or "•" in s:
        s = P.MID_BULLET.sub("\n- ", s)
    return s.split("\n")


def _residue(s: str) -> tuple[str, str | None]:
    """Drop web residue; return what is left of the line ("" if nothing) and its lead word."""
    lead = P.lead_of(s)
    if lead not in P.RESIDUE_LEAD_WORDS:  # most lines: one set lookup
        return s, lead
    if P.RESIDUE_LINE.match(s) or P.RESIDUE_PREFIX.match(s):
        return "", None
    m = P.RESIDUE_LEAD.match(s)
    if m:
        return s[m.end() :], None
    return s, lead


def _digit_dot(s: str) -> bool:
    """Cheap test before GLUED_NUMBER: digits and a full stop right after a lower-case letter.

    "Eventuelt1. Orientering" (or "…møde.2. Punkt"); a date ("25. april") has a space before
    its digits, so most lines never reach the pattern.
    """
    i = s.find(".")
    while i > 0:
        j = i
        while j > 0 and s[j - 1].isdigit():
            j -= 1
        if 0 < j < i:  # digits s[j:i] before the full stop: what stands before them?
            before = s[j - 2] if j > 1 and s[j - 1] in ".)" else s[j - 1]
            if before.islower():
                return True
        i = s.find(".", i + 1)
    return False


def _unglue(s: str) -> list[str]:
    """Split "formandenReferat" and "Eventuelt1. Orientering" into two lines."""
    parts = [p for p in P.GLUED_NUMBER.split(s) if p] if _digit_dot(s) else [s]
    out: list[str] = []
    for p in parts:  # a glued label can only end a part: test that cheaply first
        out.extend((q for q in P.GLUED_LABEL.split(p) if q) if p.endswith(P.GLUED_LABEL_ENDS) else (p,))
    return out


def _unflatten(s: str) -> list[str]:
    """Cut a flattened PDF line ("… Til stede: A, B. Afbud: C 1. Godkendelse …") into lines.

    Cuts before header/participant labels and before a run of consecutively numbered
    headings (1., 2., 3. …); other numbers in the prose stay where they are.
    """
    s = P.PAGE_START.sub("", s)
    if "!" in s:
        s = P.BANG.sub("", s)
    if ":" in s:  # every flat label is followed by a colon
        s = P.FLAT_LABEL.sub("\n", s)
    if any(m in s for m in FLAT_MARKERS):
        s = P.FLAT_MARKER.sub("\n", s)
    cands = [(int(m.group("n")), m.start()) for m in P.FLAT_NUMBER.finditer(s)][:200] if "." in s else []
    cuts: list[int] = []
    for i, (n0, _) in enumerate(cands):  # the longest run of consecutive numbers wins
        chain, expect = [], n0
        for n, pos in cands[i:]:
            if n == expect:
                chain.append(pos)
                expect += 1
        if len(chain) > len(cuts):
            cuts = chain
    if len(cuts) >= 2 or (cuts and cuts[0] == 0):
        pieces, last = [], 0
        for c in cuts:
            pieces.append(s[last:c])
            last = c
        pieces.append(s[last:])
        s = "\n".join(pieces)
    return [p.strip() for p in s.split("\n") if p.strip()]


def _labels_glued(s: str) -> bool:
    """A short line holding two or more field labels ("… i A-huset. Tilstede: A, B Afbud: C")."""
    return s.count(": ") >= 2 and len(P.FLAT_LABEL.split(s)) >= 2


def _numbers_run_on(s: str) -> bool:
    """A shorter line holding three numbered headings ("12. A … 13. B … 14. C"): a flattened list."""
    if s.count(". ") < 3:
        return False
    count, i = 0, s.find(". ")
    while i > 0:
        if s[i - 1].isdigit():
            count += 1
            if count >= 3:
                return True
        i = s.find(". ", i + 1)
    return False


def _clean_line(no: int, raw: str, out: list[Line]) -> None:
    """The per-line cleaner, for the lines the document-level pass flagged: append their clean lines."""
    pieces = _split_raw(raw) if raw else [""]
    emitted = False
    for piece in pieces:
        s = _clean_piece(piece)
        if not s:
            continue
        parts = _unflatten(s) if len(s) > P.FLAT_MIN or _labels_glued(s) or _numbers_run_on(s) else [s]
        for part in (q for p in parts for q in _unglue(p)):
            bullet = False
            m = P.BULLET.match(part) if part[0] in P.BULLET_STARTS else None
            if m and m.end() < len(part):
                part = part[m.end() :].strip()
                bullet = True
            part, lead = _residue(part)
            glued = part and any(map(part.__contains__, P.GLUED_RESIDUE_NEEDLES))  # the search is dear
            if glued and (m := P.GLUED_RESIDUE.search(part)):
                part = part[: m.start()]  # "dagsordenKlik her for at folde ud …": the button's text goes
            if not part:
                continue
            out.append(Line(no, f"- {part}" if bullet else part, part, bullet, lead))
            emitted = True
    if not emitted and (not out or not out[-1].blank):
        out.append(Line(no, "", ""))


def lines_holding(text: str, needle: str, starts: list[int], found: set[int]) -> None:
    """Add the index of every line of ``text`` that holds ``needle`` (one C search per line found)."""
    i = text.find(needle)
    last = len(starts) - 1
    while i >= 0:
        k = bisect_right(starts, i) - 1
        found.add(k)
        i = text.find(needle, starts[k + 1]) if k < last else -1


def _page_lines(text: str, starts: list[int], found: set[int]) -> None:
    """Lines where a page word is followed by a number, as in a page mark ("Side 3 af 12")."""
    for rx in P.PAGE_STEM_NUMBER:
        for m in rx.finditer(text):
            found.add(bisect_right(starts, m.start()) - 1)


def _glued_numbers(text: str, starts: list[int], found: set[int]) -> None:
    """Lines where digits and a full stop follow a letter ("Eventuelt1."): a superset of ``_digit_dot``."""
    i = text.find(".")
    while i > 0:
        j = i
        while j > 0 and text[j - 1].isdigit():
            j -= 1
        if 0 < j < i and (text[j - 1].isalpha() or (j > 1 and text[j - 1] in ".)" and text[j - 2].isalpha())):
            found.add(bisect_right(starts, i) - 1)
        i = text.find(".", i + 1)


def _spaced_lines(text: str, starts: list[int], raws: list[str], found: set[int]) -> None:
    """Lines that may hold spaced-out letters: "   " in one of a line's every-other-character slices."""
    last = len(starts) - 1
    for offset in (0, 1):
        every_other = text[offset::2]
        i = every_other.find("   ")
        while i >= 0:
            k = bisect_right(starts, 2 * i + offset) - 1
            if _maybe_spaced(raws[k]):
                found.add(k)
            # on from the next line: a line of spaces is looked at once, not once a space
            i = every_other.find("   ", (starts[k + 1] - offset + 1) // 2) if k < last else -1


def _may_unflatten(s: str) -> bool:
    """Whether ``_unflatten`` could change a clean line: the cheap facts each of its passes needs."""
    if s[0].isdigit() or " !" in s or any(m in s for m in FLAT_MARKERS):
        return True
    i = s.find(":")
    while i > 0:  # a flat label right before a colon: the word there, looked at within its length
        k = i
        while k > 0 and s[k - 1] == " ":
            k -= 1
        j = s.rfind(" ", max(0, k - _LABEL_WORD_MAX - 1), k)
        if (j >= 0 or k <= _LABEL_WORD_MAX) and s[j + 1 : k] in P.FLAT_LABEL_LAST_WORDS:
            return True
        i = s.find(":", i + 1)
    hits, i = 0, s.find(". ")
    while i > 0:  # two numbered headings ("3. Valg"): a run of numbers to cut at
        if s[i - 1].isdigit() and s[i + 2 : i + 3].isupper():
            hits += 1
            if hits >= 2:
                return True
        i = s.find(". ", i + 1)
    return False


def _flag_lines(text: str, raws: list[str], leads: list[str]) -> tuple[set[int], set[int]]:
    """Sort the lines by the work they need.

    Returns ``slow``, the lines for the whole per-line cleaner (markup, gaps, odd characters,
    page marks, glued or flattened headings, residue), and ``bullets``, lines clean but for a
    leading bullet. Each test is a superset of a trigger of the cleaner: a line flagged
    needlessly costs time, never a different result. Every other line is clean as it stands.
    What can stand anywhere in a line is searched for in the whole text; what a line's ends
    and shape tell is read in one pass over the lines.
    """
    starts = list(accumulate((len(r) + 1 for r in raws), initial=0))
    slow: set[int] = set()
    for needle in (*P.CLEAN_TRIGGERS, *P.GLUED_RESIDUE_NEEDLES):
        if needle in text:
            lines_holding(text, needle, starts, slow)
    _page_lines(text, starts, slow)  # page marks ("Side 3 af 12"): a page word, then a number
    if "." in text:
        _glued_numbers(text, starts, slow)
    _spaced_lines(text, starts, raws, slow)
    if not "".join(raws).isprintable():  # invisible characters, odd spaces, breaks inside a line
        slow.update(i for i, r in enumerate(raws) if not r.isprintable())
    ends, residue, flat_min = P.GLUED_LABEL_ENDS, P.RESIDUE_LEAD_WORDS, P.FLAT_MIN
    bullets: set[int] = set()
    for i, r in enumerate(raws):
        if not r or i in slow:
            continue
        if (r[-1] == " " or r[0] in _SPACE_OR_HASH  # trailing spaces, indents, Markdown headings
                or leads[i] in residue  # web residue ("Til toppen", "Del på …")
                or (r.endswith(ends) and r not in _HEADINGS)  # a label glued on ("formandenReferat")
                or ((len(r) > flat_min or r.count(": ") >= 2 or r.count(". ") >= 3) and _may_unflatten(r))):
            slow.add(i)  # flattened lines (see _clean_line) that it would cut: the last test
        elif r[0] in P.BULLET_STARTS:
            bullets.add(i)
    return slow, bullets


def normalize(text: str, numbers: list[int] | None = None) -> list[Line]:
    """Clean ``text`` into lines; idempotent on its own output joined by newlines.

    Document-level: passes over the whole text flag the lines that need cleaning (markup, gaps,
    bullets, glued or flattened headings, residue …), and every line's lead word is found in one
    mapped match; only flagged lines go through the per-line cleaner, the rest are kept as they
    are (see ``_flag_lines``). ``numbers`` gives the input line number of each line of
    ``text`` when an earlier stage joined lines (``unwrap``); by default line k is line k.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = P.SURROGATE.sub("\ufffd", text)
    raws = text.split("\n")
    leads = P.leads_of(raws)
    slow, bullets = _flag_lines(text, raws, leads)
    out: list[Line] = []
    nos = range(1, len(raws) + 1) if numbers is None else numbers  # indexed: a call a line cost 5 %
    for i, raw in enumerate(raws):
        if i in slow:
            _clean_line(nos[i], raw, out)
        elif i in bullets:  # clean but for its bullet: what _clean_line does with such a line
            # P.BULLET on a line whose only whitespace is single spaces: a mark and maybe a
            # space, or a dash and a space.
            end = (2 if raw[1:2] == " " else 1) if raw[0] in P.BULLET_MARKS else (2 if raw[1:2] == " " else 0)
            bullet = 0 < end < len(raw)
            part, lead = _residue(raw[end:].strip() if bullet else raw)
            if part:
                out.append(Line(nos[i], f"- {part}" if bullet else part, part, bullet, lead))
            elif not out or not out[-1].blank:
                out.append(Line(nos[i], "", ""))
        elif raw:
            out.append(Line(nos[i], raw, raw, False, leads[i]))
        elif not out or not out[-1].blank:
            out.append(Line(nos[i], "", ""))
    return out
