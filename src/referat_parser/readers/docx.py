"""Word reader (stage 0): .docx parts -> text lines.

Body paragraphs and tables come out in document order, one line per paragraph
and table rows as :mod:`referat_parser.readers.tables` writes them (cells kept apart:
a participant table reads as one person per line); page headers, footers
and footnotes live in other parts and are left out. Word's automatic list numbers
are not in the paragraph text, so they are rendered here from numbering.xml ("1.
Godkendelse af dagsorden"; bullets become "- "), because item numbers are what the
later stages find items by. The parts are read by :mod:`referat_parser.readers.office`
(streamed, counted, no entities); list values and levels are bounded by the budget.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from referat_parser.errors import InputError
from referat_parser.readers.budget import Work
from referat_parser.readers.tables import row_lines

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _val(el: Any, tag: str) -> str | None:
    """The w:val of child ``tag`` of ``el``, or None."""
    if el is None:
        return None
    child = el.find(_q(tag))
    return None if child is None else child.get(_q("val"))


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


_MAX_ROMAN = 3999  # beyond it roman numerals need bars; Word, too, falls back to digits
_MAX_LETTER_REPEAT = 10  # "aaaaaaaaaa" (n = 260) is as far as a letter label is still a label


def roman(n: int) -> str:
    out: list[str] = []
    for value, digits in _ROMAN:
        count, n = divmod(n, value)
        out.append(digits * count)
    return "".join(out)


def letter(n: int) -> str:
    # Word: a..z, then aa..zz, aaa..: the letter repeats
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def format_number(n: int, fmt: str) -> str:
    """A list number in Word's format names; digits where a format cannot show ``n`` in a few characters."""
    if fmt in ("lowerLetter", "upperLetter") and 0 < n <= 26 * _MAX_LETTER_REPEAT:
        return letter(n) if fmt == "lowerLetter" else letter(n).upper()
    if fmt in ("lowerRoman", "upperRoman") and 0 < n <= _MAX_ROMAN:
        return roman(n) if fmt == "lowerRoman" else roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal, and a readable stand-in for exotic formats


@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass(slots=True)
class Numbering:
    """Word list numbering: level definitions per numId, counters as Word keeps them."""

    work: Work
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    restart: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> startOverride
    counter_key: dict[str, str] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def level_index(self, text: str | None) -> int | None:
        """A w:ilvl as a level index; None if it is not one Word can show ("²", "50000")."""
        ilvl = self.work.list_value(text, 0, "list level") if text is not None else 0
        return ilvl if 0 <= ilvl < self.work.budget.max_list_levels else None

    @classmethod
    def from_part(cls, root: Any, work: Work) -> Numbering:
        num = cls(work)
        if root is None:
            return num
        abstract: dict[str, dict[int, _Level]] = {}
        for an in root.iterchildren(_q("abstractNum")):
            levels_of: dict[int, _Level] = {}
            for lvl in an.iterchildren(_q("lvl")):
                ilvl = num.level_index(lvl.get(_q("ilvl"), "0"))
                if ilvl is not None:
                    levels_of[ilvl] = _level(lvl, work)
            abstract[an.get(_q("abstractNumId"))] = levels_of
        for n in root.iterchildren(_q("num")):
            num_id, abs_id = n.get(_q("numId")), _val(n, "abstractNumId")
            levels = dict(abstract.get(abs_id or "", {}))
            overrides: dict[int, int] = {}
            for ov in n.iterchildren(_q("lvlOverride")):
                ilvl = num.level_index(ov.get(_q("ilvl"), "0"))
                if ilvl is None:
                    continue
                lvl = ov.find(_q("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl, work)
                start = _val(ov, "startOverride")
                if start is not None:
                    overrides[ilvl] = work.list_value(start, 1, "list start")
            num.levels[num_id] = levels
            num.restart[num_id] = overrides
            # Word continues one list across all nums of an abstractNum, unless a num restarts it.
            num.counter_key[num_id] = f"num:{num_id}" if overrides else f"abs:{abs_id}"
        return num

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The rendered number for the next paragraph of (numId, ilvl), advancing the counters."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        key = self.counter_key[num_id]
        counts = self.counters.setdefault(key, {})
        if num_id not in self.started:  # a startOverride takes effect where its num is first used
            self.started.add(num_id)
            for lv, start in self.restart[num_id].items():
                counts[lv] = start - 1
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        if counts[ilvl] > self.work.budget.max_list_value:
            self.work.list_value(str(counts[ilvl]), 0)  # raises: over the list-number limit
        for deeper in [k for k in counts if k > ilvl]:  # at most max_list_levels keys
            del counts[deeper]  # a shallower level advancing restarts the deeper ones
        lvl = levels[ilvl]
        if lvl.fmt == "none":
            return None
        if lvl.fmt == "bullet":
            return "-"
        text = lvl.text
        for k in range(9):
            if f"%{k + 1}" in text:
                sub = levels.get(k, _Level())
                value = counts.get(k, sub.start)
                text = text.replace(f"%{k + 1}", format_number(value, sub.fmt))
        return text.strip() or None


def _level(lvl: Any, work: Work) -> _Level:
    return _Level(
        start=work.list_value(_val(lvl, "start"), 1, "list start"),
        fmt=_val(lvl, "numFmt") or "decimal",
        text=(_val(lvl, "lvlText") or "")[:100],
    )


class _Styles:
    """numPr (numId, ilvl) a paragraph style carries, following basedOn. Each style is resolved once
    (a chain of 100,000 styles must not be walked again for every paragraph)."""

    def __init__(self, root: Any) -> None:
        self._by_id: dict[str, Any] = {}
        self._memo: dict[str, tuple[str | None, str | None]] = {}
        if root is not None:
            for st in root.iterchildren(_q("style")):
                self._by_id[st.get(_q("styleId"))] = st

    def _own(self, style_id: str) -> tuple[str | None, str | None]:
        ppr = self._by_id[style_id].find(_q("pPr"))
        npr = ppr.find(_q("numPr")) if ppr is not None else None
        return (None, None) if npr is None else (_val(npr, "numId"), _val(npr, "ilvl"))

    def num_pr(self, style_id: str | None) -> tuple[str | None, str | None]:
        chain: list[str] = []
        seen: set[str] = set()
        base: tuple[str | None, str | None] = (None, None)
        while style_id and style_id in self._by_id and style_id not in seen:
            if style_id in self._memo:
                base = self._memo[style_id]
                break
            seen.add(style_id)
            chain.append(style_id)
            style_id = _val(self._by_id[style_id], "basedOn")
        for sid in reversed(chain):  # a style's own numPr wins over what it is based on
            num_id, ilvl = self._own(sid)
            base = (num_id if num_id is not None else base[0], ilvl if ilvl is not None else base[1])
            self._memo[sid] = base
        return base


def _paragraph_text(p: Any, breaks: list[int] | None = None, rendered: bool = False) -> str:
    """The visible text of a w:p: runs (also inside hyperlinks, fields, insertions), tabs, breaks. Where a page
    begins, the offset into the text is added to ``breaks``: at Word's last rendered page breaks when
    ``rendered`` (the file records them), else at the page breaks typed in (``w:br w:type="page"``)."""
    parts: list[str] = []
    size = 0
    for el in p.iter(_q("t"), _q("tab"), _q("br"), _q("cr"), _q("noBreakHyphen"), _q("lastRenderedPageBreak")):
        if any(True for _ in el.iterancestors(_MC_FALLBACK)):
            continue  # a text box is stored twice (mc:Choice and mc:Fallback): read it once
        tag = el.tag
        if tag == _q("t"):
            parts.append(el.text or "")
            size += len(parts[-1])
        elif tag == _q("tab"):
            if el.getparent().tag == _q("r"):  # not a tab-stop definition in pPr
                parts.append("\t")
                size += 1
        elif tag in (_q("br"), _q("cr")):
            parts.append("\n")
            size += 1
            if breaks is not None and not rendered and el.get(_q("type")) == "page":
                breaks.append(size)
        elif tag == _q("lastRenderedPageBreak"):
            if breaks is not None and rendered:
                breaks.append(size)
            continue
        elif tag == _q("noBreakHyphen"):
            parts.append("-")
            size += 1
    # Tracked deletions (w:delText) and field codes (w:instrText) are not visible text: not read.
    return "".join(parts)


def _on(el: Any) -> bool:
    """Is a Word on/off property (``<w:pageBreakBefore/>``, ``w:val="true"``) present and on?"""
    return el is not None and el.get(_q("val"), "true") not in ("false", "0", "off")


# Where a block's pages begin: (line of the block's text, inside that line?); line == the block's line
# count means at the start of the line after the block
Marks = tuple[tuple[int, bool], ...]


def _marks(raw: str, breaks: list[int]) -> Marks:
    """The page breaks at ``breaks`` (offsets into ``raw``) as lines of ``raw.strip()`` that a page begins at
    or in: a break before the text's first letter begins its first line, one after its last the next line."""
    text = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    lines = text.count("\n") + 1
    out = []
    for at in breaks:
        k = min(max(at - lead, 0), len(text))
        if k >= len(text) and text:
            out.append((lines, False))
        else:
            before = text[:k]
            out.append((before.count("\n"), not (before == "" or before.endswith("\n"))))
    return tuple(out)


class _Walker:
    def __init__(self, numbering: Numbering, styles: _Styles, work: Work, rendered: bool = False) -> None:
        self.numbering = numbering
        self.styles = styles
        self.work = work
        self.tables = 0
        self.rendered = rendered  # the file records Word's rendered page breaks: they, not the typed ones, count

    def paragraph(self, p: Any) -> tuple[str, Marks]:
        breaks: list[int] = []
        raw = _paragraph_text(p, breaks, self.rendered)
        text = raw.strip()
        ppr = p.find(_q("pPr"))
        if not self.rendered and ppr is not None and _on(ppr.find(_q("pageBreakBefore"))):
            breaks.insert(0, 0)  # "page break before" set on the paragraph itself (not through its style)
        marks = _marks(raw, breaks) if breaks else ()
        npr = ppr.find(_q("numPr")) if ppr is not None else None
        style_num, style_ilvl = self.styles.num_pr(_val(ppr, "pStyle"))
        num_id = _val(npr, "numId") if npr is not None else None
        ilvl = _val(npr, "ilvl") if npr is not None else None
        num_id = num_id if num_id is not None else style_num
        ilvl = ilvl if ilvl is not None else style_ilvl
        if not num_id or num_id == "0" or not text:  # Word skips empty numbered paragraphs too
            return text, marks
        level = self.numbering.level_index(ilvl)
        label = self.numbering.label(num_id, level) if level is not None else None
        return (f"{label} {text}" if label else text), marks

    def blocks(self, parent: Any) -> Iterator[tuple[str, Marks]]:
        for el in parent.iterchildren():
            if el.tag == _q("p"):
                line, marks = self.paragraph(el)
                self.work.charge_chars(len(line) + 1)
                yield line, marks
            elif el.tag == _q("tbl"):
                yield from self.table(el)
            elif el.tag in (_q("sdt"), _q("customXml")):  # content controls wrap ordinary blocks
                content = el.find(_q("sdtContent"))
                yield from self.blocks(content if content is not None else el)

    def table(self, tbl: Any) -> Iterator[tuple[str, Marks]]:
        self.tables += 1
        self.work.check_time()
        for tr in tbl.iterchildren(_q("tr")):
            blocks = [list(self.blocks(tc)) for tc in tr.iterchildren(_q("tc"))]
            lines = row_lines([[s for s, _ in cell if s.strip()] for cell in blocks])
            # Cells are rewritten into lines: a page break in a row is put at the row's start (Word moves
            # a row that does not fit to the next page whole, unless it may split), or its end if it broke
            broke = [mark for cell in blocks for k, (_, marks) in enumerate(cell) for mark in marks
                     if k or mark != (0, False)]
            starts = any(cell and cell[0][1][:1] == ((0, False),) for cell in blocks)
            for n, line in enumerate(lines):
                yield line, ((((0, False),) if starts and n == 0 else ())
                             + (((1, False),) if broke and n == len(lines) - 1 else ()))


_REL_NUMBERING = "/relationships/numbering"
_REL_STYLES = "/relationships/styles"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _part_names(zf: zipfile.ZipFile, work: Work) -> dict[str, str]:
    """numbering/styles part names from word/_rels/document.xml.rels (Word's usual names otherwise)."""
    from referat_parser.readers.office import parse_xml

    names = {"numbering": "word/numbering.xml", "styles": "word/styles.xml"}
    rels = parse_xml(zf, "word/_rels/document.xml.rels", work)
    if rels is None:
        return names
    for rel in rels.iterchildren(_RELS):
        kind, target = rel.get("Type") or "", rel.get("Target") or ""
        for key, suffix in (("numbering", _REL_NUMBERING), ("styles", _REL_STYLES)):
            if kind.endswith(suffix) and target and rel.get("TargetMode") != "External":
                names[key] = posixpath.normpath(posixpath.join("word", target)).lstrip("/")
    return names


def read_docx(zf: zipfile.ZipFile, work: Work) -> Any:
    """A .docx (an open ZIP with word/document.xml) as Decoded, or InputError."""
    from referat_parser.readers import Decoded
    from referat_parser.readers.office import parse_xml

    names = _part_names(zf, work)
    numbering = Numbering.from_part(parse_xml(zf, names["numbering"], work), work)
    styles = _Styles(parse_xml(zf, names["styles"], work))
    root = parse_xml(zf, "word/document.xml", work)
    body = root.find(_q("body")) if root is not None else None
    if body is None:
        raise InputError("damaged Word file: word/document.xml has no w:body")
    rendered = next(body.iter(_q("lastRenderedPageBreak")), None) is not None
    walker = _Walker(numbering, styles, work, rendered)
    lines: list[str] = []
    starts: list[tuple[int, bool, int]] = []
    at = 1  # the line of the text the next block begins at
    for line, marks in walker.blocks(body):
        # a break before any text still counts: page 1 was blank (a cover picture), the text begins on page 2
        starts.extend((at + k, mid, len(starts) + n + 2) for n, (k, mid) in enumerate(marks))
        lines.append(line)
        at += line.count("\n") + 1
    return Decoded(text="\n".join(lines) + "\n", media_type=MEDIA_TYPE, encoding=None, tables=walker.tables,
                   page_starts=((1, False, 1), *starts) if starts else ())
