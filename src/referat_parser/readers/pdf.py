"""PDF reader (stage 0): PDF bytes -> text lines, via pypdfium2's text layer.

Each page's text comes out in content order; then the page furniture is removed
before the pages are joined with a form feed: page marks ("Side 3 af 12", "3/12",
a bare number) at a page's top or bottom, and running headers/footers, i.e. edge
lines that repeat (digits aside) on most pages of a document of 3+ pages. Words
hyphenated across a line end (or a page break) are re-joined ("beslut-" +
"ning"), but "Social-" + "og sundhed" and "Gødstrup-" + "Klyngen" keep their
dash. Before pdfium opens the file, every flate stream that is not an image is
inflated once in chunks and charged to the budget (a 1 MB file may hold a 1 GB
stream); extracted characters, pages and time are charged page by page. No text
layer (a scan), a password, a damaged file or a budget exceeded raise
:class:`InputError`.
"""

from __future__ import annotations

import zlib
from typing import Any

from referat_parser import vocabulary as V
from referat_parser.errors import InputError
from referat_parser.readers.budget import Work
from referat_parser.readers.furniture import strip_furniture
from referat_parser.readers.pdf_tables import Run, apply_tables, may_hold_table

MEDIA_TYPE = "application/pdf"
_INFLATE_CHUNK = 1024 * 1024

_HYPHENS = ("-", "\u00ad")
_KEEP_DASH_BEFORE = frozenset(V.HYPHEN_KEEP_BEFORE)
PAGE_BREAK = "\f"


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


def join_hyphenated(lines: list[str], crossed: set[int] | None = None) -> list[str]:
    """Re-join words split by a hyphen at a line end, also across a page break (a PAGE_BREAK line); the
    indexes of the output lines so joined across a break are added to ``crossed``."""
    out: list[str] = []
    frag = -1  # where in ``out`` the last line is, if it ends in a word broken by a hyphen (else -1)
    for line in lines:
        if line == PAGE_BREAK:  # one break may come between the word's halves, not two
            frag = frag if frag == len(out) - 1 else -1
            out.append(line)
            continue
        if frag >= 0 and (word := _first_word(nxt := line.lstrip())):
            if crossed is not None and frag != len(out) - 1:
                crossed.add(frag)
            prev = out[frag][:-1]
            if word[0].isupper():  # "Gødstrup-" + "Klyngen": a compound, the dash stays
                out[frag] = f"{prev}-{nxt}"
            elif word in _KEEP_DASH_BEFORE:  # "Social-" + "og sundhedsudvalget": a real dash
                out[frag] = f"{prev}- {nxt}"
            else:
                out[frag] = prev + nxt
            frag = frag if _hyphen_fragment(out[frag]) else -1  # the joined line may end in another
            continue
        out.append(line)
        frag = len(out) - 1 if _hyphen_fragment(line) else -1
    return out


def _page_lines(text: str) -> list[str]:
    # pdfium marks a line-end hyphen with U+FFFE (or U+0002) and glues the next text on, even when
    # that is a footer ("implement\ufffeSide 1 af 8"): restore hyphen and break, and re-join ourselves.
    text = text.replace("\ufffe", "-\n").replace("\x02", "-\n").replace("\x00", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [s.rstrip() for s in text.split("\n") if s.strip()]


# Each run is a call into pdfium that scans the page, so the search for tables is bounded: pages of more runs
# or characters than a page of table rows has are not searched, nor pages after the document's first 5,000 runs.
_MAX_RUNS = 600  # ~70 lines of a 3-column table, or a page of running text in several fonts
_MAX_TABLE_PAGE_CHARS = 20_000
_MAX_DOC_RUNS = 5_000


class _BoundedText:
    """The text of a box on one page, by one call into pdfium into a buffer of the page's size (pypdfium2's
    ``get_text_bounded`` calls twice, once for the length: the call scans the whole page, ~40 µs)."""

    def __init__(self, textpage: Any) -> None:
        import ctypes

        import pypdfium2.raw as pdfium_c

        self._size = max(textpage.count_chars(), 0) + 1  # a box's text is some of the page's characters
        self._buffer = (ctypes.c_ushort * self._size)()
        self._raw, self._call = textpage.raw, pdfium_c.FPDFText_GetBoundedText

    def __call__(self, box: Run) -> str:
        n = self._call(self._raw, box.left, box.top, box.right, box.bottom, self._buffer, self._size)
        if n <= 0:
            return ""
        text = memoryview(self._buffer).cast("B")[:2 * min(n, self._size)].tobytes().decode("utf-16-le", "ignore")
        return " ".join(text.replace("\ufffe", "-").replace("\x02", "-").replace("\x00", "").split())


def _rects(textpage: Any, count: int) -> list[tuple[float, float, float, float]]:
    """The boxes (left, bottom, right, top) of the page's text runs, by pdfium's own call: pypdfium2's
    ``get_rect`` makes four ctypes doubles a call."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(top), ctypes.byref(right), ctypes.byref(bottom))
    raw, get = textpage.raw, pdfium_c.FPDFText_GetRect
    out = []
    for i in range(count):
        get(raw, i, *refs)
        out.append((left.value, bottom.value, right.value, top.value))
    return out


def _runs(textpage: Any) -> list[Run]:
    """The page's text runs with their boxes, their text fetched when first asked for (a call that scans the
    page, ~40 µs); none for a page too dense to search for tables, nor for a page whose boxes show no line of
    two cells (most pages). A run whose text is blank stays a run, of no words: pdfium gives no box to spaces
    alone (their glyphs have no height), so it is rare, and a table's rows join cells' words by single spaces."""
    count = textpage.count_rects()
    if count > _MAX_RUNS or textpage.count_chars() > _MAX_TABLE_PAGE_CHARS:
        return []
    boxes = _rects(textpage, count)
    texts: dict[int, str] = {}  # the list numbers' texts the gate asked for, not asked again
    bounded = _BoundedText(textpage)

    def text_of(k: int) -> str:
        if k not in texts:
            texts[k] = _run_text(bounded, Run(*boxes[k]))
        return texts[k]

    if not may_hold_table(boxes, text_of):
        return []
    return [Run(*box, texts.get(k), lambda run: _run_text(bounded, run)) for k, box in enumerate(boxes)]


def _run_text(bounded: _BoundedText, run: Run) -> str:
    return bounded(run)


_MAX_PATHS = 2000  # path objects looked at for table borders on one page


def _rules(page: Any) -> list[float]:
    """Heights of the horizontal edges the page draws: tops and bottoms of boxes, thin horizontal lines. Path
    objects on the page and in its forms one level down, by pdfium's own calls (pypdfium2's ``get_objects``
    wraps every object of the page in a Python object)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    heights: list[float] = []
    paths = 0
    pending: list[tuple[Any, bool]] = [(page.raw, False)]  # (page or form object, is it a form)
    while pending and paths < _MAX_PATHS:
        parent, form = pending.pop(0)
        count = (pdfium_c.FPDFFormObj_CountObjects if form else pdfium_c.FPDFPage_CountObjects)(parent)
        get = pdfium_c.FPDFFormObj_GetObject if form else pdfium_c.FPDFPage_GetObject
        for i in range(max(count, 0)):
            obj = get(parent, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj) if obj else None
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and not form:
                pending.append((obj, True))
            if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
                continue
            paths += 1
            if paths > _MAX_PATHS:
                break
            if not pdfium_c.FPDFPageObj_GetBounds(obj, *refs) or right.value - left.value < 10:
                continue  # a vertical rule or a dot
            b, t = bottom.value, top.value
            heights.extend((b, t) if t - b > 2 else ((b + t) / 2,))
    return heights


def _reason(err: Exception) -> str:
    """pdfium's cause, one line: "Failed to load document (PDFium: Data format error)." -> "data format error"."""
    text = (str(err).splitlines() or [""])[0]
    reason = text.split("(PDFium:", 1)[-1].strip(" .)").lower()
    return reason or "cannot be opened"


def _stream_starts(data: bytes) -> Any:
    """Offsets where the data of a non-image flate stream begins (byte scanning, no PDF parser)."""
    pos = 0
    while (at := data.find(b"stream", pos)) != -1:
        pos = at + 6
        if data[at - 3:at] == b"end":
            continue
        start = at + 6
        if data[start:start + 2] == b"\r\n":
            start += 2
        elif data[start:start + 1] in (b"\n", b"\r"):
            start += 1
        else:
            continue
        cmf, flg = data[start:start + 1], data[start + 1:start + 2]
        if not (cmf and flg and cmf[0] & 0x0F == 8 and (cmf[0] * 256 + flg[0]) % 31 == 0):
            continue  # not a zlib header
        dict_at = data.rfind(b"obj", max(0, at - 1024), at)
        head = data[dict_at if dict_at != -1 else max(0, at - 1024):at]
        if b"/Fl" in head and b"/Image" not in head:  # /FlateDecode or /Fl; images are not inflated for text
            yield start


_MANY_OBJECTS = 1000


def check_objects(data: bytes) -> None:
    """Refuse thousands of objects or streams that lack their end marker: pdfium's repair scans to the end of
    the file for each of them (20,000 took minutes)."""
    ended = data.count(b"endstream")
    for what, opened, closed in ((b"objects", data.count(b" obj"), data.count(b"endobj")),
                                 (b"streams", data.count(b"stream") - ended, ended)):
        if opened > _MANY_OBJECTS and closed < opened // 2:
            raise InputError(f"damaged PDF: {opened:,} {what.decode()}, most without their end marker; refused")


# Deflate expands at most 1032-fold (a 258-byte match costs at least 2 bits): a file of 124 KB cannot
# inflate (one filter deep, as pdfium's streams are checked here) to more than 128 MB.
_DEFLATE_MAX_RATIO = 1032


def check_streams(data: bytes, work: Work) -> None:
    """Inflate every non-image flate stream in chunks, charging the bytes to the budget as they come.
    Input is read through a memoryview in small steps (no copies), and a stream that is not zlib data
    costs one failed header check."""
    if len(data) * _DEFLATE_MAX_RATIO <= work.budget.max_inflated - work.inflated:
        return  # too small to hold a bomb: all of it inflated would still be within the budget
    view = memoryview(data)
    for n, start in enumerate(_stream_starts(data)):
        if n % 1024 == 0:
            work.check_time()
        inflater = zlib.decompressobj()
        pos = start
        step = 4096  # grows: a real stream is read in ever larger pieces, a false start costs 4 KB at most
        try:
            while not inflater.eof and pos < len(data):
                out = inflater.decompress(view[pos:pos + step], _INFLATE_CHUNK)
                work.charge_inflated(len(out), "the PDF")
                while inflater.unconsumed_tail and not inflater.eof:
                    out = inflater.decompress(inflater.unconsumed_tail, _INFLATE_CHUNK)
                    work.charge_inflated(len(out), "the PDF")
                    work.check_time()
                pos += step
                step = min(step * 4, _INFLATE_CHUNK)
        except zlib.error:
            continue  # not zlib data after all, or corrupt: pdfium decides what it is worth


def read_pdf(data: bytes, work: Work) -> Any:
    """The text of a PDF as Decoded, or InputError."""
    from referat_parser.readers import Decoded

    max_pages = work.budget.max_pages
    # pdfium happily reconstructs a cut-off file and returns its first pages as if complete;
    # a PDF must end with %%EOF (within the last KB, as readers allow for trailing junk).
    if b"%%EOF" not in data[-1024:]:
        raise InputError("damaged PDF: truncated (no end-of-file marker)")
    check_objects(data)
    check_streams(data, work)
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
        tables = 0  # pages with a table (a table across pages counts once per page)
        runs_left = _MAX_DOC_RUNS
        for i in range(n):
            work.check_time()
            page = doc[i]
            try:
                textpage = page.get_textpage()
                try:
                    work.charge_chars(textpage.count_chars())
                    lines = _page_lines(textpage.get_text_range())
                    if runs_left > 0:
                        runs_left -= textpage.count_rects()
                        lines, found = apply_tables(lines, _runs(textpage), page.get_width(),
                                                    lambda page=page: _rules(page))
                    else:
                        found = 0
                    pages.append(lines)
                    tables += bool(found)
                finally:
                    textpage.close()
            finally:
                page.close()
    except pdfium.PdfiumError as e:
        raise InputError(f"damaged PDF: {_reason(e)}") from None
    finally:
        doc.close()
    if not any(pages):
        raise InputError("a scanned PDF: no text layer; OCR it first (e.g. ocrmypdf in.pdf out.pdf)")
    kept = strip_furniture(pages)
    removed = sum(map(len, pages)) - sum(map(len, kept))
    lines, starts = join_pages(kept)
    return Decoded(text="\n".join(lines) + "\n", media_type=MEDIA_TYPE, encoding=None, pages=n, tables=tables,
                   chrome_removed=removed, page_starts=starts)


def join_pages(pages: list[list[str]]) -> tuple[list[str], tuple[tuple[int, bool, int], ...]]:
    """The pages' lines as one text, a PAGE_BREAK line between two pages (none before the first page with
    text), hyphenated words re-joined; and where each page begins (readers.pages.PageStarts). The PAGE_BREAK
    line is counted with the page before it; a word re-joined across a break puts its line on both pages."""
    lines: list[str] = []
    into: list[int] = []  # the page (1-based) each PAGE_BREAK leads into
    first = 1
    for no, page in enumerate(pages, 1):
        if lines:
            lines.append(PAGE_BREAK)
            into.append(no)
        elif page:
            first = no
        lines.extend(page)
    crossed: set[int] = set()
    joined = join_hyphenated(lines, crossed)
    starts = [(1, False, first)]
    breaks = iter(into)
    for k, line in enumerate(joined):
        if line == PAGE_BREAK:
            page = next(breaks)
            # k - 1 is the line before the break: re-joined with the next page's first word, it ends there
            starts.append((k, True, page) if k - 1 in crossed else (k + 2, False, page))
    return joined, tuple(starts)
