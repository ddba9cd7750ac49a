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
from dataclasses import dataclass

from referat_parser import patterns as P
from referat_parser import vocabulary as V
from referat_parser.vocabulary import FLAT_MARKERS

PAGE_WORDS = tuple(w.lower() for w in V.PAGE_WORDS)  # cheap test before P.PAGE_MARK
PAGE_OF = tuple(w.lower() for w in V.PAGE_OF)
PAGE_STEMS = tuple({w[1:] for w in PAGE_WORDS})  # each page word without its first letter, any case


@dataclass(frozen=True, slots=True)
class Line:
    """One clean line. ``text`` has a canonical "- " prefix when ``bullet`` is set."""

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


def _split_raw(raw: str) -> list[str]:
    """Split one input line into the logical pieces it glues together."""
    s = raw if raw.isprintable() else raw.translate(_BREAKS)
    if "\t" in s or "   " in s:  # tab fields, then column gaps (see P.COLUMN_GAP)
        if "\t" in s:
            s = P.TAB_FIELD.sub("\n", s)
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


def normalize(text: str) -> list[Line]:
    """Clean ``text`` into lines; idempotent on its own output joined by newlines."""
    out: list[Line] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = P.SURROGATE.sub("\ufffd", text)
    for no, raw in enumerate(text.split("\n"), start=1):
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
                if not part:
                    continue
                out.append(Line(no, f"- {part}" if bullet else part, part, bullet, lead))
                emitted = True
        if not emitted and (not out or not out[-1].blank):
            out.append(Line(no, "", ""))
    return out
