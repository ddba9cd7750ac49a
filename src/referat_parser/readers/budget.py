"""The work budget of one document: how much a reader may unpack, extract and walk.

A hostile file can be small and still ask for unbounded work: a flate stream that
inflates to a gigabyte, a ZIP that declares 2 KB and expands to 2 GB, 100,000 nested
elements, a list that starts at 10^9 in roman numerals. Every reader charges its work
to one :class:`Work` (created per document from a :class:`Budget`) *while* it does
it: decompressed bytes as they stream out of the inflater (sizes a header declares
are never trusted), extracted characters, pages, tree depth and element count, list
numbering values and levels, wall time, and at the end the whole text's characters and lines
(:meth:`Work.check_text`, the one door for plain text and Markdown too). Going over any limit raises
:class:`BudgetError`, an :class:`InputError` with one line naming the limit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from referat_parser.errors import InputError

MB = 1024 * 1024


# What the parse reads as a line break (normalize splits on the others inside a line): each
# counted, one C pass apiece, so 10 MB of form feeds is as many lines as 10 MB of newlines.
_BREAKS = ("\n", "\r", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def line_breaks(text: str) -> int:
    """How many line breaks ``text`` has ("\r\n" is one)."""
    return sum(text.count(c) for c in _BREAKS) - text.count("\r\n")


class BudgetError(InputError):
    """A document asked for more work than its budget allows."""


@dataclass(frozen=True, slots=True)
class Budget:
    """Per-document limits (the defaults are documented in README, beside --max-size)."""

    max_bytes: int = 50 * MB  # input size (--max-size)
    max_pages: int = 2000  # PDF pages (--max-pages)
    max_inflated: int = 128 * MB  # bytes decompressed from ZIP members and PDF flate streams
    max_chars: int = 5_000_000  # characters of extracted text
    max_depth: int = 256  # element nesting (HTML is flattened beyond it; XML parsers refuse it)
    max_nodes: int = 1_000_000  # elements in one document tree (XML: elements and attributes)
    max_html_elements: int = 250_000  # HTML elements (lexbor spends ~1 KB a node)
    max_list_value: int = 1_000_000  # a list number (start, override, counter)
    max_list_levels: int = 9  # list levels per list (Word and LibreOffice use 9 or 10)
    max_seconds: float = 30.0  # wall time of the reader
    max_lines: int = 100_000  # lines of text, any format (each costs the parse ~0.5 KB and ~10-40 µs)

    def start(self) -> Work:
        return Work(self)


@dataclass(slots=True)
class Work:
    """The work one document has done so far; each ``charge_*`` raises BudgetError past a limit."""

    budget: Budget
    inflated: int = 0
    chars: int = 0
    nodes: int = 0
    started: float = field(default_factory=time.monotonic)

    def charge_inflated(self, n: int, what: str = "the document") -> None:
        self.inflated += n
        if self.inflated > self.budget.max_inflated:
            raise BudgetError(f"{what} decompresses to over {self.budget.max_inflated // MB} MB "
                              "(a decompression bomb?); refused")

    def charge_chars(self, n: int) -> None:
        self.chars += n
        if self.chars > self.budget.max_chars:
            raise BudgetError(f"the document's text is over {self.budget.max_chars:,} characters "
                              "(the extracted-text limit); refused")

    def check_text(self, text: str) -> None:
        """The door for every format: the whole text within the character and line limits.

        Plain text and Markdown are charged here once; the other readers have charged their
        characters as they extracted them, so this only adds the line count for them.
        """
        if len(text) > self.budget.max_chars:
            raise BudgetError(f"the document's text is over {self.budget.max_chars:,} characters "
                              "(the extracted-text limit); refused")
        lines = line_breaks(text)
        if lines > self.budget.max_lines:
            raise BudgetError(f"the document has over {self.budget.max_lines:,} lines "
                              "(the line limit); refused")

    def charge_nodes(self, n: int, what: str = "the document", *, html: bool = False) -> None:
        self.nodes += n
        limit = self.budget.max_html_elements if html else self.budget.max_nodes
        if self.nodes > limit:
            raise BudgetError(f"{what} has over {limit:,} {'elements' if html else 'elements and attributes'} "
                              "(the element limit); refused")

    def check_time(self) -> None:
        if time.monotonic() - self.started > self.budget.max_seconds:
            raise BudgetError(f"reading the document took over {self.budget.max_seconds:g} s "
                              "(the reader time limit); refused")

    def list_value(self, text: str | None, default: int, what: str = "list number") -> int:
        """A list number as written ("3", "-1"): ``default`` if it is not plain ASCII digits
        ("²", "", junk); BudgetError if it is over the limit (also a 5,000-digit one)."""
        if text is None:
            return default
        s = text.strip()
        neg = s.startswith("-")
        digits = s[1:] if neg else s
        if not (digits.isascii() and digits.isdigit()):
            return default
        limit = self.budget.max_list_value
        if len(digits.lstrip("0")) > len(str(limit)) or int(digits) > limit:
            raise BudgetError(f"{what} {s[:12]}{'…' if len(s) > 12 else ''} is over the "
                              f"{limit:,} limit for list numbers; refused")
        return -int(digits) if neg else int(digits)
