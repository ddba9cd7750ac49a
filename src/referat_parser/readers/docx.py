"""Word reader (stage 0): .docx bytes -> text lines, via python-docx.

Body paragraphs and tables come out in document order, one line per paragraph
and one "a | b" line per table row; page headers, footers and footnotes live in
other parts and are left out. Word's automatic list numbers are not in the
paragraph text, so they are rendered here from numbering.xml ("1. Godkendelse af
dagsorden"; bullets become "- "), because item numbers are what the later stages
find items by. The ZIP is checked for bombs before python-docx opens it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from referat_parser.errors import InputError

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100  # real .docx XML compresses 5-20x; a bomb far more
_RATIO_FLOOR = 10 * 1024 * 1024  # tiny files may compress absurdly well and still be harmless

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


def check_zip(data: bytes) -> None:
    """InputError unless ``data`` is a .docx ZIP of sane size (declared sizes bound what zipfile inflates)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as e:
        raise InputError(f"damaged Word file: not a readable ZIP ({e})") from None
    if not any(i.filename == "word/document.xml" for i in infos):
        raise InputError("not a Word .docx file: a ZIP without word/document.xml")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED:
        raise InputError(f"Word file expands to {total / 1e6:.0f} MB, over the {MAX_UNCOMPRESSED / 1e6:.0f} MB limit")
    if total > _RATIO_FLOOR and total / packed > MAX_RATIO:
        raise InputError(f"Word file expands {total / packed:.0f}x when unpacked (a ZIP bomb?); refused")


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = ""
    for value, digits in _ROMAN:
        while n >= value:
            out, n = out + digits, n - value
    return out


def _letter(n: int) -> str:
    # Word: a..z, then aa..zz, aaa..: the letter repeats
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
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

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    restart: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> startOverride
    counter_key: dict[str, str] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def from_part(cls, root: Any) -> Numbering:
        num = cls()
        if root is None:
            return num
        abstract: dict[str, dict[int, _Level]] = {}
        for an in root.iterchildren(_q("abstractNum")):
            abstract[an.get(_q("abstractNumId"))] = {
                int(lvl.get(_q("ilvl"), "0")): _level(lvl) for lvl in an.iterchildren(_q("lvl"))}
        for n in root.iterchildren(_q("num")):
            num_id, abs_id = n.get(_q("numId")), _val(n, "abstractNumId")
            levels = dict(abstract.get(abs_id or "", {}))
            overrides: dict[int, int] = {}
            for ov in n.iterchildren(_q("lvlOverride")):
                ilvl = int(ov.get(_q("ilvl"), "0"))
                lvl = ov.find(_q("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                start = _val(ov, "startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    overrides[ilvl] = int(start)
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
        for deeper in [k for k in counts if k > ilvl]:
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
                text = text.replace(f"%{k + 1}", _format(value, sub.fmt))
        return text.strip() or None


def _level(lvl: Any) -> _Level:
    start = _val(lvl, "start")
    return _Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText") or "",
    )


class _Styles:
    """numPr (numId, ilvl) a paragraph style carries, following basedOn."""

    def __init__(self, root: Any) -> None:
        self._by_id: dict[str, Any] = {}
        if root is not None:
            for st in root.iterchildren(_q("style")):
                self._by_id[st.get(_q("styleId"))] = st

    def num_pr(self, style_id: str | None) -> tuple[str | None, str | None]:
        num_id = ilvl = None
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._by_id:
            seen.add(style_id)
            st = self._by_id[style_id]
            ppr = st.find(_q("pPr"))
            npr = ppr.find(_q("numPr")) if ppr is not None else None
            if npr is not None:
                num_id = num_id if num_id is not None else _val(npr, "numId")
                ilvl = ilvl if ilvl is not None else _val(npr, "ilvl")
            style_id = _val(st, "basedOn")
        return num_id, ilvl


def _paragraph_text(p: Any) -> str:
    """The visible text of a w:p: runs (also inside hyperlinks, fields, insertions), tabs, breaks."""
    parts: list[str] = []
    for el in p.iter(_q("t"), _q("tab"), _q("br"), _q("cr"), _q("noBreakHyphen")):
        if any(True for _ in el.iterancestors(_MC_FALLBACK)):
            continue  # a text box is stored twice (mc:Choice and mc:Fallback): read it once
        tag = el.tag
        if tag == _q("t"):
            parts.append(el.text or "")
        elif tag == _q("tab"):
            if el.getparent().tag == _q("r"):  # not a tab-stop definition in pPr
                parts.append("\t")
        elif tag in (_q("br"), _q("cr")):
            parts.append("\n")
        elif tag == _q("noBreakHyphen"):
            parts.append("-")
    # Tracked deletions (w:delText) and field codes (w:instrText) are not visible text: not read.
    return "".join(parts)


class _Walker:
    def __init__(self, numbering: Numbering, styles: _Styles) -> None:
        self.numbering = numbering
        self.styles = styles

    def paragraph(self, p: Any) -> str:
        text = _paragraph_text(p).strip()
        ppr = p.find(_q("pPr"))
        npr = ppr.find(_q("numPr")) if ppr is not None else None
        style_num, style_ilvl = self.styles.num_pr(_val(ppr, "pStyle"))
        num_id = _val(npr, "numId") if npr is not None else None
        ilvl = _val(npr, "ilvl") if npr is not None else None
        num_id = num_id if num_id is not None else style_num
        ilvl = ilvl if ilvl is not None else style_ilvl
        if not num_id or num_id == "0" or not text:  # Word skips empty numbered paragraphs too
            return text
        label = self.numbering.label(num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0)
        return f"{label} {text}" if label else text

    def blocks(self, parent: Any) -> Iterator[str]:
        for el in parent.iterchildren():
            if el.tag == _q("p"):
                yield self.paragraph(el)
            elif el.tag == _q("tbl"):
                yield from self.table(el)
            elif el.tag in (_q("sdt"), _q("customXml")):  # content controls wrap ordinary blocks
                content = el.find(_q("sdtContent"))
                yield from self.blocks(content if content is not None else el)

    def table(self, tbl: Any) -> Iterator[str]:
        for tr in tbl.iterchildren(_q("tr")):
            cells = []
            for tc in tr.iterchildren(_q("tc")):
                lines = [s for s in self.blocks(tc) if s.strip()]
                cells.append(" ".join(" ".join(lines).split()))
            if any(cells):
                yield " | ".join(cells)


def read_docx(data: bytes) -> str:
    """The text of a .docx, or InputError."""
    check_zip(data)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        part = document.part
        try:
            numbering_root = part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering_root = None
        try:
            styles_root = part.styles.element
        except (KeyError, NotImplementedError):
            styles_root = None
        walker = _Walker(Numbering.from_part(numbering_root), _Styles(styles_root))
        lines = list(walker.blocks(document.element.body))
    except InputError:
        raise
    except ValueError as e:  # python-docx: a macro document, a template, another OOXML type
        if "content type" in str(e):
            raise InputError("not a Word .docx document (a template, macro document or other Office file?)") from None
        raise InputError(f"damaged Word file: {str(e).splitlines()[0] if str(e) else 'ValueError'}") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, AttributeError, SyntaxError) as e:
        # lxml's XMLSyntaxError is a SyntaxError; python-docx raises KeyError/ValueError on broken parts
        raise InputError(f"damaged Word file: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
                         .rstrip(": ")) from None
    return "\n".join(lines) + "\n"
