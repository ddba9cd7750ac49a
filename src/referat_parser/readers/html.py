"""HTML reader (stage 0): HTML bytes -> text lines, via selectolax (lexbor).

Minutes published as web pages arrive wrapped in navigation, cookie banners and
scripts; those (and hidden elements) are dropped, then the tree is walked so
that every block element (p, div, li, h1-h6, tr, br, ...) starts a new line.
That keeps "1." and "Godkendelse" in separate blocks from gluing, and lines are
what the later stages read. Table rows become lines with their cells kept apart
(:mod:`referat_parser.readers.tables`), list items
"N. text" (in <ol>) or "- text" (in <ul>).

Page chrome goes as a class, by element and attribute, never by phrase: navigation,
page headers and footers, asides, forms and buttons, the ARIA landmarks for them,
cookie/consent banners, toolbars (print, share, download) and links that are actions
rather than content (``javascript:``, ``onclick``, ``download``, print); the count is
``chrome_removed``. Before lexbor parses the page, a scan of its tags bounds the work:
more elements than the budget allows is refused, and tags nested deeper than
``max_depth`` are dropped (their text kept), because the tree builder is quadratic in
depth. A ``<meta charset>`` is honoured only when it names a real text encoding.
"""

from __future__ import annotations

import codecs
from typing import Any

from referat_parser.errors import InputError
from referat_parser.readers.budget import Work
from referat_parser.readers.tables import row_lines

MEDIA_TYPE = "text/html"
# Charsets a page may declare: text encodings browsers know. Not utf-7, unicode-escape or the
# bytes-to-bytes codecs (base64, hex, zlib, rot13) Python's codecs.lookup also finds.
_CHARSETS = frozenset({
    "utf-8", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "latin-1", "ascii", "cp437", "cp850", "cp852", "cp865", "cp866", "koi8-r", "koi8-u", "mac-roman",
    "gb2312", "gbk", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr", "iso2022_jp",
    *(f"iso8859-{n}" for n in (*range(2, 12), 13, 14, 15, 16)),
})
_CHROME = ("nav", "header", "footer", "aside", "form", "button", "dialog", "select")
# Landmarks and widgets that are page chrome, by ARIA role or by the words sites name them with.
_CHROME_ROLES = ("navigation", "banner", "contentinfo", "search", "toolbar", "menu", "menubar", "dialog")
_CHROME_NAMES = ("cookie", "consent", "gdpr", "banner", "breadcrumb", "toolbar", "share", "social", "print",
                 "skip-link", "skiplink", "navbar", "topmenu")
# Only elements that may be chrome are looked at (a page may have 10^5 elements with a class).
_CANDIDATES = ", ".join([
    "a[href^=javascript i]", "a[onclick]", "a[download]", "a[href*=print i]", "[hidden]", "[aria-hidden]",
    "[style*=none i]", *(f"[role={role} i]" for role in _CHROME_ROLES),
    *(f"[{attr}*={word} i]" for word in _CHROME_NAMES for attr in ("id", "class")),
])
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "keygen", "frame", "basefont", "isindex"})
# Elements whose end tag is optional (the parser closes them itself): they do not nest in the scan.
_IMPLIED_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "tbody", "thead",
                          "tfoot", "colgroup", "rt", "rp", "html", "head", "body"})
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "noscript")

_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head", "canvas", "map")
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


_TAB = "\ue000"  # a tab of a fragment's text, kept through the parser's whitespace folding
_PAGE_MARKS = ("<!doctype", "<html", "<head", "<body")


def is_fragment(text: str) -> bool:
    """Text with HTML residue rather than a page: markup, but no doctype, <html>, <head> or <body>, and
    several lines (a page's source lines mean nothing; a text's lines are its structure)."""
    head = text[:4096].lower()
    return not any(mark in head for mark in _PAGE_MARKS) and text.count("\n", 0, 4096) >= 3


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
        if name in _CHARSETS:  # a UTF-16 label on a BOM-less 8-bit stream lies; utf-7 and friends are refused
            try:
                return data.decode(name), name
            except (UnicodeDecodeError, LookupError):
                pass  # a wrong declaration: fall through to detection
    return decode_text(data)


def _is_action_link(node: Any) -> bool:
    """A link that does something (print, run a script, download a copy) rather than lead to content."""
    attrs = node.attributes
    href = (attrs.get("href") or "").strip().lower()
    path = href.split("#", 1)[0]
    return (href.startswith("javascript:") or "onclick" in attrs or "download" in attrs
            or any(part.startswith("print") for part in path.replace("?", "/").replace("&", "/").split("/")))


def _only_links(node: Any, memo: dict[int, bool]) -> bool:
    """Is all the text of ``node`` inside links (separators such as "·" or "|" aside)? A walk that does not
    enter links and stops at the first letter or digit; each element is answered once (``memo``)."""
    key = node.mem_id
    if key in memo:
        return memo[key]
    answer = True
    stack = list(node.iter(include_text=True))
    while stack and answer:
        child = stack.pop()
        if child.tag == "a":
            continue
        if child.tag == "-text":
            answer = not any(ch.isalnum() for ch in child.text(deep=False))
        elif child.tag and not child.tag.startswith("-"):
            stack.extend(child.iter(include_text=True))
    memo[key] = answer
    return answer


def _toolbar(link: Any, memo: dict[int, bool]) -> Any:
    """The bar an action link sits in ("Print referat · Hent som PDF"): its largest ancestor that holds only
    links, so the print link's neighbours go with it; the link itself if it shares its block with text."""
    bar = link
    node = link.parent
    while node is not None and node.tag not in ("html", "body", "main", "article") and _only_links(node, memo):
        bar = node
        node = node.parent
    return bar


def _droppable(node: Any, total: int) -> bool:
    """Page chrome (a banner, toolbar, landmark) or a hidden element, but never the page itself."""
    if node.tag in ("html", "body", "main"):
        return False
    if node.tag == "a" and _is_action_link(node):
        return True
    attrs = node.attributes
    style = (attrs.get("style") or "").replace(" ", "").lower()
    hidden = "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true" or "display:none" in style
    ident = f"{attrs.get('id') or ''} {attrs.get('class') or ''}".lower()
    role = (attrs.get("role") or "").strip().lower()
    if not hidden and role not in _CHROME_ROLES and not any(word in ident for word in _CHROME_NAMES):
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


def _walk(root: Any, work: Work) -> tuple[list[str], int]:
    out = _Lines()
    tables = 0
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
        if not tag or tag.startswith("-"):  # comments, doctype; a processing instruction has no tag
            continue
        if tag == "br":
            out.flush()
            continue
        if tag == "table":
            tables += 1
            work.check_time()
        if tag == "tr" and not _is_layout_row(node):
            out.flush()
            for line in row_lines([[_cell_text(c)] for c in node.iter() if c.tag in ("td", "th")]):
                out.raw(line)
            continue
        if tag == "pre":
            out.flush()
            for line in node.text(deep=True).splitlines():
                out.raw(line)
            continue
        if tag in _BLOCK:
            out.flush()
        if tag == "ol":
            ol_counters.append(work.list_value(node.attributes.get("start"), 1, "list start") - 1)
        if tag == "li":
            parent = node.parent
            if parent is not None and parent.tag == "ol" and ol_counters:
                ol_counters[-1] = work.list_value(node.attributes.get("value"), ol_counters[-1] + 1, "list value")
                if not _starts_with_number(_cell_text(node)):
                    out.marker = f"{ol_counters[-1]}. "
            elif parent is not None and parent.tag == "ul":
                out.marker = "- "
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    out.flush()
    return out.lines, tables


def bound_tags(text: str, work: Work) -> tuple[str, int]:
    """(text, tags dropped): refuse more elements than the budget allows; drop the tags nested deeper than
    ``max_depth`` (their text stays). A scan of tag names, not a parser: end tags the parser would imply
    (p, li, td …) and void elements do not nest; raw-text elements (script, style) are skipped."""
    limit = work.budget.max_depth
    depth = deep = nodes = 0
    cuts: list[tuple[int, int]] = []
    n = len(text)
    pos = text.find("<")
    while pos != -1:
        end = text.find(">", pos + 1)
        if end == -1:
            break
        closing = text.startswith("/", pos + 1)
        k = pos + 1 + closing
        name_end = k
        while name_end < end and (text[name_end].isalnum() or text[name_end] in "-:_"):
            name_end += 1
        name = text[k:name_end].lower()
        nxt = end + 1
        if name and text[k].isalpha():
            if not closing:
                nodes += 1
                if nodes > work.budget.max_html_elements:
                    work.charge_nodes(nodes, "the HTML page", html=True)
                if name in _RAW_TEXT:  # skip to its end tag: a script's "<div" is not a tag
                    found = [c for c in (text.find(f"</{name}", end), text.find(f"</{name.upper()}", end)) if c != -1]
                    nxt = min(found, default=n)
            nests = name not in _VOID and name not in _IMPLIED_END and not text.startswith("/", end - 1)
            if deep:
                if nests:
                    deep += -1 if closing else 1
                cuts.append((pos, end + 1))
            elif nests and not closing:
                if depth >= limit:
                    deep = 1
                    cuts.append((pos, end + 1))
                else:
                    depth += 1
            elif nests and closing:
                depth = max(0, depth - 1)
        pos = text.find("<", nxt)
    if not cuts:
        return text, 0
    pieces, last = [], 0
    for a, b in cuts:
        pieces.append(text[last:a])
        last = b
    pieces.append(text[last:])
    return "".join(pieces), len(cuts)


def read_html(data: bytes, work: Work) -> Any:
    """An HTML page as Decoded, or InputError."""
    from referat_parser.readers import Decoded

    text, encoding = decode_html(data)
    fragment = is_fragment(text)
    if fragment:  # text with markup residue: its line breaks are lines, its tabs field separators
        text = text.replace("\r\n", "\n").replace("\t", _TAB).replace("\n", "<br>\n")
    text, dropped = bound_tags(text, work)
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
    # A <form> or <header> that wraps the whole page (ASP.NET sites do) is not chrome: it holds the minutes.
    chrome = [n for n in tree.css(", ".join(_CHROME)) if len(n.text(deep=True)) < max(2000, total // 2)]
    memo: dict[int, bool] = {}
    chrome += [_toolbar(n, memo) if n.tag == "a" else n for n in tree.css(_CANDIDATES) if _droppable(n, total)]
    chrome = list({n.mem_id: n for n in chrome}.values())  # two links of one bar: the bar once
    # Remove (and count) the outermost ones only: a descendant of a removed node is freed memory.
    ids = {n.mem_id for n in chrome}
    outermost = [n for n in chrome if not any(a.mem_id in ids for a in _ancestors(n))]
    for node in outermost:
        node.decompose()
    removed = len(outermost)
    work.check_time()
    lines, tables = _walk(root, work)
    if fragment:
        lines = [line.replace(f" {_TAB} ", "\t").replace(_TAB, "\t") for line in lines]
    work.charge_chars(sum(map(len, lines)) + len(lines))
    if not lines:
        raise InputError("HTML page has no text")
    notes: tuple[tuple[str, str], ...] = ()
    if dropped:
        notes += (("html-flattened", f"{dropped:,} tags nested deeper than {work.budget.max_depth} levels were "
                   "dropped (their text kept)"),)
    if fragment:
        notes += (("markup-residue", "the text carries HTML tags or entities without a page around them; "
                   "it was read as HTML, line by line"),)
    return Decoded(text="\n".join(lines) + "\n", media_type=MEDIA_TYPE, encoding=encoding, tables=tables,
                   chrome_removed=removed, notes=notes)
