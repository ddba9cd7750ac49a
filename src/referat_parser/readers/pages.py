"""Pages of a paged input: which page each line of the decoded text is on, and the spans' pages.

A reader that knows its pages (PDF always; Word where the file records its page breaks) says
where each page begins in its decoded text as :data:`PageStarts`: ``(line, mid, page)`` triples in
text order, meaning "from the start of ``line`` (1-based), or from somewhere inside it when
``mid`` is set, the text is on ``page``". A line that runs over a page break (a word hyphenated
across pages and re-joined, a Word paragraph that Word broke across pages) begins on one page and
ends on the next, so a span's ``page_start`` is the page of its first line's start and its
``page_end`` the page of its last line's end. Spans are annotated after the parse, so the text
stages never see pages and a text input's output is unchanged.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

PageStarts = tuple[tuple[int, bool, int], ...]


class PageIndex:
    """The page of any line's start or end, by binary search over the page starts."""

    def __init__(self, starts: PageStarts) -> None:
        ordered = sorted(starts)
        self._keys = [(line, mid) for line, mid, _ in ordered]
        self._pages = [page for _, _, page in ordered]

    def _at(self, key: tuple[int, bool]) -> int:
        k = bisect_right(self._keys, key) - 1
        return self._pages[max(k, 0)]  # before the first start (a leading blank line): the first page

    def first(self, line: int) -> int:
        """The page ``line`` begins on."""
        return self._at((line, False))

    def last(self, line: int) -> int:
        """The page ``line`` ends on."""
        return self._at((line, True))


def add_pages(data: dict[str, Any], starts: PageStarts) -> dict[str, Any]:
    """``data`` (the plain output) with ``page_start``/``page_end`` in every span: the meeting header's,
    each item's and each section's (a decision's pages are those of its section). Returns ``data``."""
    if not starts:
        return data
    index = PageIndex(starts)

    def mark(span: dict[str, Any] | None) -> None:
        if span is not None:
            span["page_start"] = index.first(span["start_line"])
            span["page_end"] = index.last(span["end_line"])

    mark(data["meeting"].get("span"))
    for item in data["items"]:
        mark(item["span"])
        for section in item["sections"]:
            mark(section["span"])
    return data
