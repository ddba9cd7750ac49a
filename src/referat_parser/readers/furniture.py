"""Page furniture: the page marks and running headers and footers at the edges of a paged text's pages.

Part of stage 0 (readers). The PDF reader strips them from each page before it joins the pages; the
text reader blanks them in text that keeps its page breaks (form feeds, as ``pdftotext`` writes them,
or lines that are nothing but a page mark), so that its line numbers stay the input's. A line is
furniture when it is a page mark ("Side 3 af 12", "3/12", a bare number) at a page's top or bottom,
or when it repeats (digits aside) at the same edge of most pages of a document of 3+ pages.
"""

from __future__ import annotations

from collections import Counter

from referat_parser import vocabulary as V

_EDGE = 3  # how many lines at a page's top and bottom may be furniture
# Page marks with every digit run as "#" and spaces removed: "Side 3 af 12", "3/12", "- 3 -", "3".
# (String tests, not regexes: patterns.py is the project's one pattern registry, for the text stages.)
_PAGE_MARKS = frozenset(
    f"{word}{tail}"
    for word in ("", *(w.casefold() for w in V.PAGE_WORDS + V.PAGE_WORD_ABBREVIATIONS))
    for tail in ("#", "#/#", *(f"#{w.replace(' ', '')}#" for w in V.PAGE_OF + V.PAGE_OF_LONG))
) | {"-#-", "–#–", "-#", "#-"}

_ASCII_DIGITS = str.maketrans(dict.fromkeys("0123456789", "#"))


def key(line: str) -> str:
    """A header/footer identity: case and digits (page numbers, dates) do not count: a run of them is "#"."""
    s = " ".join(line.split()).casefold()
    # str methods, not a loop over characters: every page's edge lines are keyed
    s = s.translate(_ASCII_DIGITS)
    if not s.isascii() and any(map(str.isdigit, s)):  # other digits ("²", "٣"): rare, so the slow way
        s = "".join("#" if ch.isdigit() else ch for ch in s)
    while "##" in s:
        s = s.replace("##", "#")
    return s


MARK_CHARS = 24  # a page mark's longest line ("Side 12 af 140")


def is_page_mark(line: str) -> bool:
    return len(line) <= MARK_CHARS and key(line).replace(" ", "") in _PAGE_MARKS


def _running(windows: list[list[str]], n: int) -> set[str]:
    """Keys of the lines that run along the edge: in the windows (one per page, the lines at one edge) of most
    pages, or of most odd or most even pages of a longer document (headers that alternate left and right)."""
    if n < 3:  # a repeat on 1-2 pages is as likely content ("Beslutning" atop page 2) as a header
        return set()
    every: Counter[str] = Counter()
    parity: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
    for k, window in enumerate(windows):
        keys = {key(s) for s in window}
        every.update(keys)
        parity[k % 2].update(keys)
    # on most pages: the first page often has its own header, hence not all; and on 3 pages at least
    running = {key for key, c in every.items() if c >= max(3, (n * 3 + 4) // 5)}
    if n >= 6:
        for k, counts in enumerate(parity):
            m = (n + 1 - k) // 2  # pages of this parity
            running |= {key for key, c in counts.items() if c >= max(3, (m * 3 + 4) // 5)}
    return running


_ROUNDS = 3  # a page's edge is looked at _EDGE lines at a time, this many times while it is all furniture


def strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """The pages without their page marks and running headers/footers (``bounds``)."""
    return [lines[lo:hi] for (lo, hi), lines in zip(bounds(pages), pages, strict=True)]


def bounds(pages: list[list[str]]) -> list[tuple[int, int]]:
    """Per page, the (first, end) index of the lines between its furniture: page marks and running
    headers/footers at its edges. A page whose first (last) _EDGE lines all go is looked at again below
    (above) them: a header of several lines, or a footer the page draws before its text (so that pdfium
    gives it first), and then the header."""
    n = len(pages)
    lo = [0] * n
    hi = [len(lines) for lines in pages]
    deeper_top = deeper_bottom = set(range(n))  # pages whose edge may hold more furniture
    for _ in range(_ROUNDS):
        top = _running([pages[i][lo[i]:lo[i] + _EDGE] if i in deeper_top else [] for i in range(n)], n)
        bottom = _running([pages[i][max(lo[i], hi[i] - _EDGE):hi[i]] if i in deeper_bottom else []
                           for i in range(n)], n)
        next_top: set[int] = set()
        next_bottom: set[int] = set()
        for i in deeper_top:
            lines, start = pages[i], lo[i]
            while lo[i] < hi[i] and lo[i] < start + _EDGE and (is_page_mark(lines[lo[i]]) or
                                                                key(lines[lo[i]]) in top):
                lo[i] += 1
            if lo[i] == start + _EDGE:
                next_top.add(i)
        for i in deeper_bottom:
            lines, end = pages[i], hi[i]
            while hi[i] > lo[i] and hi[i] > end - _EDGE and (is_page_mark(lines[hi[i] - 1]) or
                                                              key(lines[hi[i] - 1]) in bottom):
                hi[i] -= 1
            if hi[i] == end - _EDGE:
                next_bottom.add(i)
        if not next_top and not next_bottom:
            break
        deeper_top, deeper_bottom = next_top, next_bottom
    return list(zip(lo, hi, strict=True))
