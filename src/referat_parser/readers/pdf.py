"""PDF reader (stage 0): PDF bytes -> text lines, via pypdfium2's text layer.

Each page's text comes out in content order; then the page furniture is removed
before the pages are joined with a form feed: page marks ("Side 3 af 12", "3/12",
a bare number) at a page's top or bottom, and running headers/footers, i.e. edge
lines that repeat (digits aside) on most pages of a document of 3+ pages. Words
hyphenated across a line end (or a page break) are re-joined ("beslut-" +
"ning"), but "Social-" + "og sundhed" and "Gødstrup-" + "Klyngen" keep their
dash. No text layer, a password, a damaged file or too many pages raise
:class:`InputError`.
"""

from __future__ import annotations

from collections import Counter

from referat_parser import vocabulary as V
from referat_parser.errors import InputError

DEFAULT_MAX_PAGES = 2000
MEDIA_TYPE = "application/pdf"

_EDGE = 3  # how many lines at a page's top and bottom may be furniture
# Page marks with every digit run as "#" and spaces removed: "Side 3 af 12", "3/12", "- 3 -", "3".
# (String tests, not regexes: patterns.py is the project's one pattern registry, for the text stages.)
_PAGE_MARKS = frozenset(
    f"{word}{tail}"
    for word in ("", *(w.casefold() for w in V.PAGE_WORDS + V.PAGE_WORD_ABBREVIATIONS))
    for tail in ("#", "#/#", *(f"#{w.replace(' ', '')}#" for w in V.PAGE_OF + V.PAGE_OF_LONG))
) | {"-#-", "–#–", "-#", "#-"}
_HYPHENS = ("-", "\u00ad")
_KEEP_DASH_BEFORE = frozenset(V.HYPHEN_KEEP_BEFORE)
PAGE_BREAK = "\f"


def _key(line: str) -> str:
    """A header/footer identity: case and digits (page numbers, dates) do not count."""
    out: list[str] = []
    for ch in " ".join(line.split()).casefold():
        if not ch.isdigit():
            out.append(ch)
        elif not out or out[-1] != "#":
            out.append("#")
    return "".join(out)


def _is_page_mark(line: str) -> bool:
    return len(line) <= 24 and _key(line).replace(" ", "") in _PAGE_MARKS


def _hyphen_fragment(line: str) -> bool:
    """Does the line end in a letter run broken by a hyphen ("beslut-", not "2-" or "punkt 4 -")?"""
    if not line.endswith(_HYPHENS):
        return False
    word = line[:-1].rsplit(None, 1)[-1] if line[:-1].strip() else ""
    return word.isalpha()


def _first_word(line: str) -> str:
    """The letters the line starts with ("" if it starts with anything else)."""
    n = 0
    while n < len(line) and line[n].isalpha():
        n += 1
    return line[:n]


def strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop page marks and running headers/footers from the edges of each page."""
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for lines in pages:
        top.update({_key(s) for s in lines[:_EDGE]})
        bottom.update({_key(s) for s in lines[-_EDGE:]})
    n = len(pages)
    # A repeat on 1-2 pages is as likely content ("Beslutning" atop page 2) as a header: need 3+ pages,
    # and the line on most of them (the first page often has its own header, hence not all).
    need = max(3, (n * 3 + 4) // 5)
    running_top = {k for k, c in top.items() if n >= 3 and c >= need}
    running_bottom = {k for k, c in bottom.items() if n >= 3 and c >= need}
    out = []
    for lines in pages:
        lo, hi = 0, len(lines)
        while lo < hi and lo < _EDGE and (_is_page_mark(lines[lo]) or _key(lines[lo]) in running_top):
            lo += 1
        while hi > lo and hi > len(lines) - _EDGE and (
                _is_page_mark(lines[hi - 1]) or _key(lines[hi - 1]) in running_bottom):
            hi -= 1
        out.append(lines[lo:hi])
    return out


def join_hyphenated(lines: list[str]) -> list[str]:
    """Re-join words split by a hyphen at a line end, also across a page break (a PAGE_BREAK line)."""
    out: list[str] = []
    for line in lines:
        nxt = line.lstrip()
        word = _first_word(nxt)
        at = len(out) - 1
        if at > 0 and out[at] == PAGE_BREAK:  # the word's first half ends the previous page
            at -= 1
        if word and at >= 0 and _hyphen_fragment(out[at]):
            prev = out[at][:-1]
            if word[0].isupper():  # "Gødstrup-" + "Klyngen": a compound, the dash stays
                out[at] = f"{prev}-{nxt}"
            elif word in _KEEP_DASH_BEFORE:  # "Social-" + "og sundhedsudvalget": a real dash
                out[at] = f"{prev}- {nxt}"
            else:
                out[at] = prev + nxt
            continue
        out.append(line)
    return out


def _page_lines(text: str) -> list[str]:
    # pdfium marks a line-end hyphen with U+FFFE (or U+0002) and glues the next text on, even when
    # that is a footer ("implement\ufffeSide 1 af 8"): restore hyphen and break, and re-join ourselves.
    text = text.replace("\ufffe", "-\n").replace("\x02", "-\n").replace("\x00", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [s.rstrip() for s in text.split("\n") if s.strip()]


def _reason(err: Exception) -> str:
    """pdfium's cause, one line: "Failed to load document (PDFium: Data format error)." -> "data format error"."""
    text = (str(err).splitlines() or [""])[0]
    reason = text.split("(PDFium:", 1)[-1].strip(" .)").lower()
    return reason or "cannot be opened"


def read_pdf(data: bytes, *, max_pages: int = DEFAULT_MAX_PAGES) -> tuple[str, int]:
    """(text, page count) of a PDF, or InputError."""
    # pdfium happily reconstructs a cut-off file and returns its first pages as if complete;
    # a PDF must end with %%EOF (within the last KB, as readers allow for trailing junk).
    if b"%%EOF" not in data[-1024:]:
        raise InputError("damaged PDF: truncated (no end-of-file marker)")
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise InputError("encrypted PDF: it needs a password; save an unprotected copy") from None
        raise InputError(f"damaged PDF: {_reason(e)}") from None
    try:
        n = len(doc)
        if n > max_pages:
            raise InputError(f"PDF has {n} pages, over the {max_pages} page limit")
        if n == 0:
            raise InputError("damaged PDF: no pages")
        pages = []
        for i in range(n):
            page = doc[i]
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(_page_lines(textpage.get_text_range()))
                finally:
                    textpage.close()
            finally:
                page.close()
    except pdfium.PdfiumError as e:
        raise InputError(f"damaged PDF: {_reason(e)}") from None
    finally:
        doc.close()
    if not any(pages):
        raise InputError("no text layer (scanned PDF?); run OCR first")
    lines: list[str] = []
    for page in strip_furniture(pages):
        lines.extend([*([PAGE_BREAK] if lines else []), *page])
    return "\n".join(join_hyphenated(lines)) + "\n", n
