"""Stage 0, the readers: input bytes -> text with its line structure.

The format is chosen by magic bytes first (PDF, ZIP, OLE, images, HTML markup at
the start), the file extension second, and ``fmt`` (``--format``) overrides both.
Plain text (with encoding detection), PDF, Word .docx, OpenDocument .odt and HTML
are read, each by a module of its own that is imported only when needed (``import
referat_parser.cli`` stays fast). Every reader charges its work to one per-document
budget (:mod:`referat_parser.readers.budget`) and says in :class:`Decoded` what it
did (pages, tables, chrome removed, repairs as notes that become diagnostics).
Anything that cannot become text raises :class:`InputError` with one line a user
can act on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from referat_parser.errors import InputError
from referat_parser.readers.budget import MB, Budget, Work

DEFAULT_BUDGET = Budget()
DEFAULT_MAX_BYTES = DEFAULT_BUDGET.max_bytes
DEFAULT_MAX_PAGES = DEFAULT_BUDGET.max_pages

FORMATS = ("auto", "text", "txt", "pdf", "docx", "odt", "html", "htm", "md", "markdown")
_MAGIC = {b"%PDF": "pdf", b"PK\x03\x04": "zip", b"\xd0\xcf\x11\xe0": "ole"}
# Images are not documents, whatever their extension says: they need OCR first.
_IMAGES = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG", b"II*\x00": "TIFF", b"MM\x00*": "TIFF",
           b"GIF87a": "GIF", b"GIF89a": "GIF", b"BM": "BMP"}
_EXTENSIONS = {"pdf": "pdf", "docx": "zip", "docm": "zip", "odt": "zip", "doc": "ole", "html": "html",
               "htm": "html", "xhtml": "html", "md": "markdown", "markdown": "markdown"}
_FMT = {"text": "text", "txt": "text", "pdf": "pdf", "docx": "zip", "odt": "zip", "html": "html", "htm": "html",
        "md": "markdown", "markdown": "markdown"}


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    media_type: str
    encoding: str | None
    pages: int | None = None
    tables: int | None = None  # tables found and read as rows
    chrome_removed: int | None = None  # lines/blocks of page chrome removed
    notes: tuple[tuple[str, str], ...] = ()  # (code, message): what the reader repaired, as diagnostics
    # Where each page begins in ``text`` (readers.pages.PageStarts); empty when the input has no pages
    page_starts: tuple[tuple[int, bool, int], ...] = ()


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one input file, or InputError if it cannot be used."""
    try:
        if path.is_dir():
            raise InputError(f"{path} is a directory; give a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path} is {size / MB:.1f} MB, over the {max_bytes / MB:g} MB limit (--max-size)")
        with path.open("rb") as fh:
            return fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except PermissionError:
        raise InputError(f"cannot read {path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory; give a file") from None
    except OSError as e:
        if isinstance(e, TimeoutError):
            raise
        raise InputError(f"cannot read {path}: {e.strerror or e}") from None


def sniff(data: bytes, path: str | None) -> str:
    """The input format (text, pdf, zip, ole or html): magic bytes first, then the extension."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    for magic in _IMAGES:
        if data.startswith(magic) and (magic != b"BM" or _looks_like_bmp(data)):
            return "image"
    from referat_parser.readers.html import looks_like_html  # no third-party import at module level

    if looks_like_html(data):
        return "html"
    if path and "://" in path:  # a URL: the name its path ends in, without a query
        from referat_parser.readers.url import name_of

        path = name_of(path)
    ext = Path(path).suffix.lower().lstrip(".") if path else ""
    return _EXTENSIONS.get(ext, "text")


def _looks_like_bmp(data: bytes) -> bool:
    """"BM" also starts ordinary text ("BMI-tal …"): a BMP header declares its own size."""
    return len(data) >= 26 and int.from_bytes(data[2:6], "little") == len(data) and data[6:10] == bytes(4)


def _image_kind(data: bytes) -> str | None:
    for magic, name in _IMAGES.items():
        if data.startswith(magic) and (magic != b"BM" or _looks_like_bmp(data)):
            return name
    return None


def read_bytes(data: bytes, *, path: str | None = None, fmt: str | None = None,
               max_bytes: int | None = None, max_pages: int | None = None,
               budget: Budget | None = None) -> Decoded:
    """Decode one document's bytes into text, within ``budget`` (``max_bytes``/``max_pages`` override it)."""
    budget = budget or DEFAULT_BUDGET
    if max_bytes is not None:
        budget = replace(budget, max_bytes=max_bytes)
    if max_pages is not None:
        budget = replace(budget, max_pages=max_pages)
    max_bytes = budget.max_bytes
    if len(data) > max_bytes:
        raise InputError(f"input is {len(data) / MB:.1f} MB, over the {max_bytes / MB:g} MB limit (--max-size)")
    if not data.strip():
        raise InputError("empty file")
    want = (fmt or "auto").lower()
    if want not in FORMATS:
        raise InputError(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
    image = _image_kind(data)
    if image:  # whatever --format or the extension say
        raise InputError(f"a {image} image, not a document: OCR it first (e.g. ocrmypdf or tesseract)")
    kind = sniff(data, path) if want == "auto" else _FMT[want]
    work = budget.start()
    decoded = _read_kind(data, kind, work)
    work.check_text(decoded.text)  # the one door for every format (plain text has no other)
    if kind in ("text", "markdown") and (kind == "markdown" or want == "auto"):
        decoded = _markdown(decoded, kind)
    return decoded


def _read_kind(data: bytes, kind: str, work: Work) -> Decoded:
    if kind == "ole":
        raise InputError("legacy Word .doc is not supported; save as .docx or PDF")
    if kind == "pdf":
        from referat_parser.readers.pdf import read_pdf

        return read_pdf(data, work)
    if kind == "zip":
        from referat_parser.readers.office import read_office

        return read_office(data, work)
    if kind == "html":
        from referat_parser.readers.html import read_html

        return read_html(data, work)
    from referat_parser.readers.text import read_text

    return read_text(data, work)


# Markdown is parsed by markdown-it (pure Python, linear on minutes, but some runs of
# delimiters such as "![" or "*a " cost it far more): it gets a timer of its own, this base
# plus this much a character, and past it the text is read as plain text, with a warning.
MARKDOWN_SECONDS, MARKDOWN_PER_CHAR, MARKDOWN_MAX = 2.0, 1e-6, 6.0


def _markdown(decoded: Decoded, kind: str) -> Decoded:
    """A text file that is (or, unnamed, looks like) Markdown as its plain text, within a time budget."""
    from referat_parser.patterns import deadline
    from referat_parser.readers.markdown import MEDIA_TYPE as MARKDOWN
    from referat_parser.readers.markdown import looks_like_markdown, markdown_to_text

    text = decoded.text
    if kind == "text":
        # Under one timer, as a parse is (patterns.deadline): so bounded, the sniffing patterns run
        # on stdlib re, and a plain text file's parse never imports the regex module.
        with deadline(text):
            if not looks_like_markdown(text):  # Markdown saved as .txt (or with no name, on stdin)
                return decoded
    seconds = min(MARKDOWN_SECONDS + MARKDOWN_PER_CHAR * len(text), MARKDOWN_MAX)
    try:
        with deadline(text, seconds) as armed:
            if not armed and len(text) > MARKDOWN_PLAIN_OVER:
                raise TimeoutError  # no timer here (a thread, Windows): only a small text is converted
            plain = markdown_to_text(text)
    except TimeoutError:
        note = ("markdown-timeout", f"the Markdown markup took over {seconds:g} s to read; "
                "the text was read as plain text, markup and all")
        return replace(decoded, media_type=MARKDOWN, notes=(*decoded.notes, note))
    return replace(decoded, text=plain, media_type=MARKDOWN)


MARKDOWN_PLAIN_OVER = 1_000_000  # characters: without a timer, larger Markdown is read as plain text
# Notes that are warnings (the rest are info): the document was read, but not as it should be.
WARNING_NOTES = frozenset({"markdown-timeout"})
