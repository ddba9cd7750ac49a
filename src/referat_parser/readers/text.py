"""Plain-text reader: bytes -> str, with the encodings Danish archives really use.

Order: a byte-order mark (UTF-8/16/32), then strict UTF-8, then UTF-16 without a
BOM, then Windows-1252, then charset-normalizer restricted to Nordic-sensible
encodings. Never unrestricted detection: it takes Danish Windows-1252 for cp1250
and turns "Ældre" into "Ćldre".

Text with noise is still text: a few NUL bytes scattered through it are dropped,
and a UTF-8 file with some invalid byte sequences stays UTF-8, its bad lines
decoded as Windows-1252 one by one; both are reported as notes (diagnostics). NULs that stand
where the line breaks should be are read as breaks; a UTF-16 byte-order mark before a body
that is not UTF-16 (no NUL bytes) is ignored; terminal escape codes are dropped.
"""

from __future__ import annotations

import codecs
from itertools import pairwise
from typing import Any

from referat_parser import patterns as P
from referat_parser.errors import InputError
from referat_parser.readers import furniture
from referat_parser.readers.budget import Work
from referat_parser.readers.pages import PageStarts

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF16_32_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # also the starts of the UTF-32 BOMs
NORDIC = ("cp1252", "iso8859_15", "latin_1", "cp865", "cp850", "mac_roman")


_MAX_NUL_SHARE = 0.05  # text with noise has a few NULs; a binary file (or UTF-16) many more
_NUL_SEPARATOR_SHARE = 0.25  # NULs as line breaks: one a line, lines of 4 bytes or more
MIN_BREAKS = 2  # page breaks that make a text paged: three pages, as running headers need
MAX_PAGES = 2_000  # the PDF reader's default page limit


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def _repair_utf8(data: bytes) -> tuple[str, int] | None:
    """(text, lines repaired) if most non-ASCII lines are valid UTF-8: the others read as Windows-1252."""
    good = bad = 0
    lines = data.split(b"\n")
    out: list[str] = []
    for raw in lines:
        try:
            line = raw.decode("utf-8")
            good += not raw.isascii()
        except UnicodeDecodeError:
            line = raw.decode("cp1252", "replace")
            bad += 1
        out.append(line)
    if good <= bad:
        return None
    return "\n".join(out), bad


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NULs in every other byte (for Latin text)."""
    head = data[:4096]
    if len(head) < 4:
        return None
    half = len(head) / 2
    even, odd = head[0::2].count(0) / half, head[1::2].count(0) / half
    if odd > 0.4 and even < 0.02:
        return "utf-16-le"
    if even > 0.4 and odd < 0.02:
        return "utf-16-be"
    return None


def read_text(data: bytes, work: Work) -> Any:
    """A plain-text file as Decoded (notes for NULs dropped and lines repaired), or InputError."""
    from referat_parser.readers import Decoded

    notes: list[tuple[str, str]] = []
    nuls = data.count(0)
    newlines = data.count(b"\n")
    if nuls > newlines and not data.startswith(_UTF16_32_BOMS) and _utf16_without_bom(data) is None \
            and nuls <= len(data) * _NUL_SEPARATOR_SHARE:
        # NULs where the line breaks should be (a list written with "find -print0", a NUL-
        # terminated export): they are the breaks, not noise to drop, which would glue the lines.
        cleaned = data.replace(b"\x00", b"\n")
        if not _looks_binary(cleaned):
            data = cleaned
            notes.append(("nul-line-breaks", f"{nuls:,} NUL bytes separate the lines; read as line breaks"))
            nuls = 0
    if nuls and not data.startswith(_UTF16_32_BOMS) and _utf16_without_bom(data) is None \
            and nuls <= len(data) * _MAX_NUL_SHARE:
        cleaned = data.replace(b"\x00", b"")
        if cleaned.strip() and not _looks_binary(cleaned):
            data = cleaned
            notes.append(("nul-bytes-dropped", f"{nuls:,} NUL bytes scattered through the text were dropped"))
    text, encoding = decode_text(data, notes)
    if "\x1b" in text:  # a terminal's colour and cursor codes (a captured log): not text
        stripped = P.ANSI_ESCAPE.sub("", text)
        if len(stripped) != len(text):
            notes.append(("terminal-codes-dropped", "terminal escape codes (colours, cursor moves) were dropped"))
            text = stripped
    work.check_time()
    text, removed, starts = blank_furniture(text)
    return Decoded(text=text, media_type="text/plain", encoding=encoding, notes=tuple(notes),
                   pages=len(starts) or None, chrome_removed=removed or None, page_starts=starts)


def blank_furniture(text: str) -> tuple[str, int, PageStarts]:
    """``text`` with its page furniture blanked, how many lines were, and where its pages begin, for a text
    that keeps its page breaks: lines opening with a form feed (``pdftotext``), else lines that are a page
    mark with its word ("Side 2 af 3"). Blanked, not dropped: the line numbers stay the input's. A text
    with fewer than MIN_BREAKS breaks comes back as it was."""
    if "\f" in text:
        lines = text.split("\n")
        breaks = [i for i, line in enumerate(lines) if i and line.startswith("\f")]  # a page opens there
    else:
        lines = text.split("\n")
        breaks = [i + 1 for i, line in enumerate(lines[:-1])
                  if len(line) <= furniture.MARK_CHARS and _worded_mark(line)]
    while breaks and not any(line.strip(" \t\f") for line in lines[breaks[-1]:]):
        breaks.pop()  # "Side 4 af 4" closing the text opens no page
    if not MIN_BREAKS <= len(breaks) < MAX_PAGES:
        return text, 0, ()  # 2,000 pages and more: a stream of form feeds, not a document's pages
    cuts = [0, *breaks, len(lines)]
    spans = [[i for i in range(a, b) if lines[i].strip(" \t\f")] for a, b in pairwise(cuts)]  # non-blank lines
    pages = [[lines[i].lstrip("\f") for i in span] for span in spans]
    removed = 0
    for span, (lo, hi) in zip(spans, furniture.bounds(pages), strict=True):
        for i in (*span[:lo], *span[hi:]):
            lines[i] = "\f" if lines[i].startswith("\f") else ""  # a form feed stays: normalize breaks there
            removed += 1
    starts = tuple((a + 1, False, n) for n, a in enumerate(cuts[:-1], 1))
    return "\n".join(lines), removed, starts


def _worded_mark(line: str) -> bool:
    """A page mark with its word ("Side 2 af 3"): "10/565" is as likely a case number, "2" an item's."""
    s = line.strip()
    return s[-1:].isdigit() and not s[:1].isdigit() and furniture.is_page_mark(s)  # "Side 2 af 3": ends in a digit


def decode_text(data: bytes, notes: list[tuple[str, str]] | None = None) -> tuple[str, str]:
    """(text, encoding name) or InputError; a UTF-8 text with some bad lines is repaired (noted in ``notes``)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            if bom in _UTF16_32_BOMS and not data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) \
                    and b"\x00" not in data[len(bom):len(bom) + 4096] and len(data) > len(bom) + 8:
                # A UTF-16 mark before a body with no NUL byte: UTF-16 of Latin text has one in
                # every other byte, so this is an 8-bit body behind a stray mark (a tool that
                # prepended it); decoded as UTF-16 it becomes CJK mojibake.
                text, enc8 = decode_text(data[len(bom):], notes)
                if notes is not None:
                    notes.append(("byte-order-mark-ignored", f"a UTF-16 byte-order mark stood before {enc8} text; "
                                  "it was ignored"))
                return text, enc8
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise InputError(f"undecodable text: it starts with a {enc} byte-order mark but is not {enc}") from None
    enc16 = _utf16_without_bom(data)
    if enc16:
        try:
            text = data.decode(enc16)
            if not _looks_binary(text[:4096].encode("utf-8", "replace")):
                return text, enc16
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise InputError("binary file, not text (NUL or control bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    repaired = _repair_utf8(data)
    if repaired is not None:
        if notes is not None:
            n = repaired[1]
            notes.append(("encoding-repaired", f"{n:,} line{'s were' if n != 1 else ' was'} not valid UTF-8 and "
                          f"{'were' if n != 1 else 'was'} read as Windows-1252, the rest as UTF-8"))
        return repaired[0], "utf-8"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # slow import: only for the rare leftovers

    best = from_bytes(data, cp_isolation=list(NORDIC)).best()
    if best is None:
        raise InputError("undecodable text: not UTF-8, UTF-16 or a Nordic 8-bit encoding")
    return str(best), best.encoding
