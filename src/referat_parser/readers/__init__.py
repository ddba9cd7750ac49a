"""Stage 0, the readers: input bytes -> text with its line structure.

The format is chosen by magic bytes first (PDF, ZIP, OLE, HTML markup at the
start), the file extension second, and ``fmt`` (``--format``) overrides both.
Plain text (with encoding detection), PDF, Word .docx and HTML are read, each by
a module of its own that is imported only when needed (``import
referat_parser.cli`` stays fast). Anything that cannot become text raises
:class:`InputError` with one line a user can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from referat_parser.errors import InputError
from referat_parser.readers.pdf import DEFAULT_MAX_PAGES  # stdlib-only at import: pypdfium2 loads on use

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

FORMATS = ("auto", "text", "txt", "pdf", "docx", "html", "htm", "md", "markdown")
_MAGIC = {b"%PDF": "pdf", b"PK\x03\x04": "zip", b"\xd0\xcf\x11\xe0": "ole"}
_EXTENSIONS = {"pdf": "pdf", "docx": "zip", "docm": "zip", "doc": "ole", "html": "html", "htm": "html",
               "xhtml": "html", "md": "markdown", "markdown": "markdown"}
_FMT = {"text": "text", "txt": "text", "pdf": "pdf", "docx": "zip", "html": "html", "htm": "html",
        "md": "markdown", "markdown": "markdown"}


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    media_type: str
    encoding: str | None
    pages: int | None = None


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one input file, or InputError if it cannot be used."""
    try:
        if path.is_dir():
            raise InputError(f"{path} is a directory; give a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit (--max-size)")
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
    from referat_parser.readers.html import looks_like_html  # no third-party import at module level

    if looks_like_html(data):
        return "html"
    ext = Path(path).suffix.lower().lstrip(".") if path else ""
    return _EXTENSIONS.get(ext, "text")


def read_bytes(data: bytes, *, path: str | None = None, fmt: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, max_pages: int = DEFAULT_MAX_PAGES) -> Decoded:
    """Decode one document's bytes into text."""
    if len(data) > max_bytes:
        raise InputError(f"input is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    if not data.strip():
        raise InputError("empty file")
    want = (fmt or "auto").lower()
    if want not in FORMATS:
        raise InputError(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
    kind = sniff(data, path) if want == "auto" else _FMT[want]
    if kind == "ole":
        raise InputError("legacy Word .doc is not supported; save as .docx or PDF")
    if kind == "pdf":
        from referat_parser.readers.pdf import MEDIA_TYPE as PDF
        from referat_parser.readers.pdf import read_pdf

        text, pages = read_pdf(data, max_pages=max_pages)
        return Decoded(text=text, media_type=PDF, encoding=None, pages=pages)
    if kind == "zip":
        from referat_parser.readers.docx import MEDIA_TYPE as DOCX
        from referat_parser.readers.docx import read_docx

        return Decoded(text=read_docx(data), media_type=DOCX, encoding=None)
    if kind == "html":
        from referat_parser.readers.html import MEDIA_TYPE as HTML
        from referat_parser.readers.html import read_html

        text, encoding = read_html(data)
        return Decoded(text=text, media_type=HTML, encoding=encoding)
    from referat_parser.readers.text import decode_text

    text, encoding = decode_text(data)
    if kind == "text" and want == "auto":
        from referat_parser.readers.markdown import looks_like_markdown

        if looks_like_markdown(text):  # Markdown saved as .txt (or with no name, on stdin)
            kind = "markdown"
    if kind == "markdown":
        from referat_parser.readers.markdown import MEDIA_TYPE as MARKDOWN
        from referat_parser.readers.markdown import markdown_to_text

        return Decoded(text=markdown_to_text(text), media_type=MARKDOWN, encoding=encoding)
    return Decoded(text=text, media_type="text/plain", encoding=encoding)
