"""OpenDocument Text reader (stage 0): .odt (LibreOffice) -> text lines, via the ZIP and lxml.

content.xml holds the body: paragraphs and headings (one line each), lists (their
numbers rendered from the list style, as Word's are: "7. Prøvehandlinger …"; bullets
become "- "), tables (rows as :mod:`referat_parser.readers.tables` writes them) and
sections, in document order. Page headers and footers live in styles.xml and are left
out, as are footnotes, annotations and tracked deletions. The parts are read by
:mod:`referat_parser.readers.office` under the same budget as Word's.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from referat_parser.errors import InputError
from referat_parser.readers.budget import Work
from referat_parser.readers.docx import format_number
from referat_parser.readers.tables import row_lines

MEDIA_TYPE = "application/vnd.oasis.opendocument.text"
_NS = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
}
_MAX_SPACES = 100  # text:s text:c="1000000000" is not a reason to allocate a gigabyte
_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
_SKIP = ("note", "annotation", "tracked-changes", "bookmark-ref", "sequence-decls", "variable-decls")


def _q(prefix: str, tag: str) -> str:
    return f"{{{_NS[prefix]}}}{tag}"


_P, _H, _LIST, _ITEM, _HEADER = _q("text", "p"), _q("text", "h"), _q("text", "list"), _q("text", "list-item"), \
    _q("text", "list-header")
_TABLE, _SECTION = _q("table", "table"), _q("text", "section")
_SKIP_TAGS = frozenset({*(_q("text", t) for t in _SKIP), _q("office", "annotation")})


@dataclass(slots=True)
class _LevelStyle:
    fmt: str = "decimal"  # or "bullet", or "none"
    prefix: str = ""
    suffix: str = "."
    start: int = 1
    display: int = 1


@dataclass(slots=True)
class _ListStyles:
    work: Work
    styles: dict[str, dict[int, _LevelStyle]] = field(default_factory=dict)

    def add(self, root: Any) -> None:
        if root is None:
            return
        for ls in root.iter(_q("text", "list-style")):
            levels: dict[int, _LevelStyle] = {}
            for child in ls:
                level = self.work.list_value(child.get(_q("text", "level")), 1, "list level")
                if not 1 <= level <= self.work.budget.max_list_levels:
                    continue
                if child.tag == _q("text", "list-level-style-number"):
                    levels[level] = _LevelStyle(
                        fmt=_FORMATS.get(child.get(_q("style", "num-format")) or "", "none"),
                        prefix=(child.get(_q("style", "num-prefix")) or "")[:20],
                        suffix=(child.get(_q("style", "num-suffix")) or "")[:20],
                        start=self.work.list_value(child.get(_q("text", "start-value")), 1, "list start"),
                        display=self.work.list_value(child.get(_q("text", "display-levels")), 1, "list level"))
                elif child.tag == _q("text", "list-level-style-bullet"):
                    levels[level] = _LevelStyle(fmt="bullet")
            self.styles[ls.get(_q("style", "name")) or ""] = levels


class _Walker:
    def __init__(self, styles: _ListStyles, work: Work) -> None:
        self.styles = styles
        self.work = work
        self.tables = 0
        self.counters: dict[str, list[int]] = {}  # list style -> counter per level (continued lists)

    def text(self, el: Any) -> str:
        """The visible text of a paragraph or heading: spans, links, spaces, tabs, line breaks."""
        parts: list[str] = [el.text or ""]
        for child in el:
            tag = child.tag
            if tag in _SKIP_TAGS:
                pass
            elif tag == _q("text", "s"):
                count = (child.get(_q("text", "c")) or "1").strip()
                digits = count.isascii() and count.isdigit()
                parts.append(" " * (min(int(count[:4]), _MAX_SPACES) if digits and len(count) <= 4 else
                                    _MAX_SPACES if digits else 1))
            elif tag == _q("text", "tab"):
                parts.append("\t")
            elif tag == _q("text", "line-break"):
                parts.append("\n")
            elif isinstance(tag, str):
                parts.append(self.text(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def blocks(self, parent: Any) -> Iterator[str]:
        for el in parent:
            tag = el.tag
            if tag in (_P, _H):
                line = self.text(el).strip()
                self.work.charge_chars(len(line) + 1)
                yield line
            elif tag == _LIST:
                yield from self.list(el, None, 1)
            elif tag == _TABLE:
                yield from self.table(el)
            elif tag == _SECTION or tag in (_q("table", "table-header-rows"), _q("table", "table-rows")):
                yield from self.blocks(el)

    def list(self, el: Any, style: str | None, level: int) -> Iterator[str]:
        style = el.get(_q("text", "style-name")) or style or ""
        levels = self.styles.styles.get(style, {})
        counts = self.counters.setdefault(style, [])
        continued = el.get(_q("text", "continue-numbering")) == "true" or el.get(_q("text", "continue-list"))
        if level == 1 and not continued:
            counts.clear()
        for item in el:
            if item.tag not in (_ITEM, _HEADER):
                continue
            lvl = levels.get(level, _LevelStyle(fmt="none"))
            label = ""
            if item.tag == _ITEM and lvl.fmt != "none":
                del counts[level:]  # a shallower item restarts the deeper levels
                while len(counts) < level:
                    counts.append(levels.get(len(counts) + 1, _LevelStyle()).start - 1)
                override = item.get(_q("text", "start-value"))
                counts[level - 1] = (self.work.list_value(override, 0, "list start") if override
                                     else counts[level - 1] + 1)
                if lvl.fmt == "bullet":
                    label = "-"
                else:
                    shown = range(max(1, level - lvl.display + 1), level + 1)
                    number = ".".join(format_number(counts[k - 1], levels.get(k, lvl).fmt) for k in shown)
                    label = f"{lvl.prefix}{number}{lvl.suffix}".strip()
            first = True
            for child in item:
                if child.tag == _LIST:
                    yield from self.list(child, style, min(level + 1, self.work.budget.max_list_levels))
                    continue
                for line in self.blocks([child]):
                    if first and line and label:
                        line, first = f"{label} {line}", False
                    elif line:
                        first = False
                    yield line

    def table(self, el: Any) -> Iterator[str]:
        self.tables += 1
        self.work.check_time()
        for row in _rows(el):
            self.work.check_time()
            cells = [[s for s in self.blocks(cell) if s.strip()]
                     for cell in row if cell.tag == _q("table", "table-cell")]
            yield from row_lines(cells)


_ROW = _q("table", "table-row")
_MANIFEST = "META-INF/manifest.xml"


def _rows(table: Any) -> Iterator[Any]:
    """The table's own rows, in order: its children, or its children's (header rows, row groups).

    Only those two levels are looked at: a nested table's rows are read with that table's cell.
    (``table.iter()`` visited every row below, nested ones too, at every level of nesting: a
    chain of nested tables cost its size times its depth.)
    """
    for child in table:
        if child.tag == _ROW:
            yield child
        elif isinstance(child.tag, str):
            for grandchild in child:
                if grandchild.tag == _ROW:
                    yield grandchild


def read_odt(zf: zipfile.ZipFile, work: Work) -> Any:
    """An .odt (an open ZIP) as Decoded, or InputError."""
    from referat_parser.readers import Decoded
    from referat_parser.readers.office import parse_xml, read_member

    # A password-protected file encrypts its parts (not the ZIP): the manifest says so, and
    # content.xml is then bytes that only look like damaged XML.
    if _MANIFEST in zf.NameToInfo and b"encryption-data" in read_member(zf, _MANIFEST, work):
        raise InputError("encrypted OpenDocument file: it needs a password; save an unprotected copy")
    content = parse_xml(zf, "content.xml", work)
    if content is None:
        raise InputError("damaged OpenDocument file: no content.xml")
    styles = _ListStyles(work)
    styles.add(parse_xml(zf, "styles.xml", work))
    styles.add(content)
    body = content.find(f"{_q('office', 'body')}/{_q('office', 'text')}")
    if body is None:
        raise InputError("not an OpenDocument text: content.xml has no office:text body")
    walker = _Walker(styles, work)
    lines = list(walker.blocks(body))
    return Decoded(text="\n".join(lines) + "\n", media_type=MEDIA_TYPE, encoding=None, tables=walker.tables)
