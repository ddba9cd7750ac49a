"""Stage 0, the readers: input bytes -> text with its line structure.

The format is chosen by magic bytes first, the file extension second, and
``fmt`` (``--format``) overrides both. Today plain text is read (with encoding
detection); PDF, Word and HTML readers slot in here as modules of their own.
Anything that cannot become text raises :class:`InputError` with one line a
user can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from referat_parser.errors import InputError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_MAGIC = {b"%PDF": "pdf", b"PK\x03\x04": "zip", b"\xd0\xcf\x11\xe0": "ole"}
_TEXT_FORMATS = {None, "text", "txt", "auto"}


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
    """The input format: magic bytes first, then the extension."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    ext = Path(path).suffix.lower().lstrip(".") if path else ""
    return {"pdf": "pdf", "docx": "zip", "doc": "ole"}.get(ext, "text")


def read_bytes(data: bytes, *, path: str | None = None, fmt: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode one document's bytes into text."""
    if len(data) > max_bytes:
        raise InputError(f"input is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    if not data.strip():
        raise InputError("empty file")
    kind = fmt.lower() if fmt and fmt.lower() not in _TEXT_FORMATS else sniff(data, path)
    if kind in ("pdf", "zip", "ole", "docx", "doc", "html", "htm"):
        name = {"zip": "Word/ZIP", "ole": "legacy Word", "docx": "Word"}.get(kind, kind.upper())
        raise InputError(f"{name} input is not supported yet; convert it to text first")
    if kind not in ("text", "txt", "auto"):
        raise InputError(f"unknown --format {fmt!r}; use text")
    from referat_parser.readers.text import decode_text

    text, encoding = decode_text(data)
    return Decoded(text=text, media_type="text/plain", encoding=encoding)
