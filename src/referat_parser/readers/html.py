"""HTML reader (stage 0): HTML bytes -> text lines, via selectolax (lexbor).

Minutes published as web pages arrive wrapped in navigation, cookie banners and
scripts; those (and hidden elements) are dropped, then the tree is walked so
that every block element (p, div, li, h1-h6, tr, br, ...) starts a new line.
That keeps "1." and "Godkendelse" in separate blocks from gluing, and lines are
what the later stages read. Table rows become "a | b", list items "N. text" (in <ol>) or
"- text" (in <ul>).
"""

from __future__ import annotations

import codecs
from typing import Any

from referat_parser.errors import InputError

MEDIA_TYPE = "text/html"

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
         "template", "svg", "iframe", "object", "head", "select", "dialog", "canvas", "map")
_BANNER = ("cookie", "consent", "gdpr", "banner")
_BLOCK = frozenset({
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr",
    "html", "legend", "li", "main", "menu", "ol", "p", "pre", "section", "summary", "table", "tbody",
    "thead", "tfoot", "tr", "ul", "td", "th",  # td/th are walked as blocks only in layout tables
})
_CELL_BLOCKS = "p, div, br, ul, ol, li, h1, h2, h3, h4, h5, h6, blockquote, pre, section, article, dl"
_SNIFF = ("<!doctype html", "<html", "<head", "<body", "<p>", "<p ", "<div", "<table", "<h1", "<h2", "<meta")


def _meta_charset(data: bytes) -> str | None:
    """The charset a <meta> tag in the first 4 KB declares. (String scanning: patterns.py is the
    project's one regex registry, and it serves the text stages.)"""
    head = data[:4096].lower()
    at = head.find(b"charset")
    while at != -1:
        tag_start = head.rfind(b"<", 0, at)
        if tag_start != -1 and head.startswith(b"<meta", tag_start) and b">" not in head[tag_start:at]:
            rest = head[at + len(b"charset"):].lstrip()
            if rest.startswith(b"="):
                rest = rest[1:].lstrip().lstrip(b"\"'")
                n = 0
                while n < len(rest) and n < 40 and (rest[n:n + 1].isalnum() or rest[n] in b"-_.:"):
                    n += 1
                if n:
                    return rest[:n].decode("ascii")
        at = head.find(b"charset", at + 1)
    return None


def _starts_with_number(text: str) -> bool:
    """Does a list item already carry its number ("3. Fem", "3) Fem")?"""
    digits = len(text) - len(text.lstrip("0123456789"))
    return 0 < digits <= 3 and text[digits:].lstrip()[:1] in (".", ")")


def looks_like_html(data: bytes) -> bool:
    """HTML by content: markup at the very start (after a BOM and whitespace)."""
    head = data[:1024]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        start = head.decode("utf-16", "ignore")
    else:
        start = head.decode("latin-1")
    start = start.lstrip("\ufeff\u00ef\u00bb\u00bf \t\r\n").lower()
    return start.startswith(_SNIFF)


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOM, then <meta charset>, then the plain-text rules (UTF-8, then cp1252 ...)."""
    from referat_parser.readers.text import decode_text

    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data)
    label = _meta_charset(data)
    if label:
        # As browsers do (WHATWG): Latin-1 and ASCII labels mean Windows-1252.
        label = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                 "ascii": "cp1252", "iso8859-1": "cp1252"}.get(label, label)
        try:
            name = codecs.lookup(label).name
        except LookupError:
            name = None
        if name and not name.startswith("utf-16"):  # a UTF-16 label on a BOM-less 8-bit stream lies
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                pass  # a wrong declaration: fall through to detection
    return decode_text(data)


def _droppable(node: Any, total: int) -> bool:
    """A cookie/consent banner or a hidden element, but never the page itself."""
    if node.tag in ("html", "body", "main"):
        return False
    attrs = node.attributes
    style = (attrs.get("style") or "").replace(" ", "").lower()
    hidden = "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true" or "display:none" in style
    ident = f"{attrs.get('id') or ''} {attrs.get('class') or ''} {attrs.get('role') or ''}".lower()
    if not hidden and not any(word in ident for word in _BANNER):
        return False
    # A wrapper whose class merely mentions a banner ("has-cookie-banner"), or a page a script
    # would reveal, must not take the minutes with it.
    return len(node.text(deep=True)) < max(2000, total // 2)


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.marker = ""  # a list number or bullet waiting for its item's first text

    def add(self, text: str) -> None:
        if self.marker and text.strip():
            self.buf.append(self.marker)
            self.marker = ""
        self.buf.append(text)

    def flush(self) -> None:
        line = " ".join("".join(self.buf).split())
        self.buf = []
        if line:
            self.lines.append(line)

    def raw(self, line: str) -> None:
        self.flush()
        if line.strip():
            self.lines.append(line.rstrip())


def _ancestors(node: Any) -> list[Any]:
    out = []
    parent = node.parent
    while parent is not None:
        out.append(parent)
        parent = parent.parent
    return out


def _is_layout_row(tr: Any) -> bool:
    """A row of an old page-layout table (a cell holding several paragraphs, or a table): walk its
    cells as blocks of their own, or the whole minutes would become one "a | b" line."""
    return any(len(c.css(_CELL_BLOCKS)) >= 2 or c.css_first("table") is not None
               for c in tr.iter() if c.tag in ("td", "th"))


def _cell_text(cell: Any) -> str:
    return " ".join(cell.text(deep=True, separator=" ").split())


def _walk(root: Any) -> list[str]:
    out = _Lines()
    # An explicit stack: deeply nested divs must not hit Python's recursion limit.
    stack: list[tuple[Any, bool]] = [(root, False)]
    ol_counters: list[int] = []
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            if tag == "ol":
                ol_counters.pop()
            elif tag == "li":
                out.marker = ""  # an empty item must not number the next line
            if tag in _BLOCK:
                out.flush()
            continue
        if tag == "-text":
            out.add(node.text(deep=False))
            continue
        if tag.startswith("-"):  # comments, doctype
            continue
        if tag == "br":
            out.flush()
            continue
        if tag == "tr" and not _is_layout_row(node):
            cells = [_cell_text(c) for c in node.iter() if c.tag in ("td", "th")]
            out.flush()
            if any(cells):
                out.raw(" | ".join(cells))
            continue
        if tag == "pre":
            out.flush()
            for line in node.text(deep=True).splitlines():
                out.raw(line)
            continue
        if tag in _BLOCK:
            out.flush()
        if tag == "ol":
            start = (node.attributes.get("start") or "1").strip()
            ol_counters.append(int(start) - 1 if start.lstrip("-").isdigit() else 0)
        if tag == "li":
            parent = node.parent
            if parent is not None and parent.tag == "ol" and ol_counters:
                value = (node.attributes.get("value") or "").strip()
                ol_counters[-1] = int(value) if value.isdigit() else ol_counters[-1] + 1
                if not _starts_with_number(_cell_text(node)):
                    out.marker = f"{ol_counters[-1]}. "
            elif parent is not None and parent.tag == "ul":
                out.marker = "- "
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    out.flush()
    return out.lines


def read_html(data: bytes) -> tuple[str, str]:
    """(text, encoding) of an HTML page, or InputError."""
    text, encoding = decode_html(data)
    from selectolax.lexbor import LexborHTMLParser

    try:
        tree = LexborHTMLParser(text)
    except Exception as e:  # lexbor refuses very little; anything it does is unusable input
        raise InputError(f"damaged HTML: {e}") from None
    root = tree.root
    if root is None:
        raise InputError("damaged HTML: no document")
    tree.strip_tags(list(_DROP), recursive=True)
    total = len(root.text(deep=True))
    banners = [n for n in tree.css("[id], [class], [role], [hidden], [aria-hidden], [style]")
               if _droppable(n, total)]
    # Remove outermost ones only: a descendant of a removed node is freed memory.
    ids = {n.mem_id for n in banners}
    for node in banners:
        if not any(a.mem_id in ids for a in _ancestors(node)):
            node.decompose()
    lines = _walk(root)
    if not lines:
        raise InputError("HTML page has no text")
    return "\n".join(lines) + "\n", encoding
