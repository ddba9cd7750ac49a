"""The pipeline, end to end: bytes -> text -> clean lines -> tokens -> items -> model.

Each stage is a pure function of the previous stage's value:

    readers.read_bytes   bytes            -> Decoded (text, media type, encoding)
    unwrap.unwrap        text             -> Unwrapped    (hard-wrapped lines joined, numbers kept)
    normalize.normalize  text             -> list[Line]   (clean lines, input line numbers kept)
    tokenize.tokenize    list[Line]       -> list[Token]  (typed lines)
    sections.detect      list[Token]      -> Layout       (the reading the document supports best:
                                                       header zone, agenda, items, sections)
    extract.build        Layout           -> plain data   (fields, participants, dates, outcomes)
    records.validate     plain data       -> the same, checked against the models (strict), once

``parse_data``/``read_data`` give the plain data (what the command line validates and writes
with orjson); ``parse_text``/``parse_bytes``/``parse_file`` give the typed ``Minutes``, validated
from it in one step.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from referat_parser import records as R
from referat_parser.errors import InputError
from referat_parser.extract import build
from referat_parser.models import Minutes, Source
from referat_parser.normalize import normalize
from referat_parser.patterns import deadline, deadline_seconds
from referat_parser.sections import detect
from referat_parser.structure.model import Model
from referat_parser.tokenize import Token, tokenize
from referat_parser.unwrap import unwrap
from referat_parser.version import __version__

TIMEOUT_CODE = "regex-timeout"


def _count_lines(text: str) -> int:
    if not text:
        return 0
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def tokens_of(text: str) -> list[Token]:
    """The first stages: text -> unwrapped text -> clean lines -> typed lines."""
    u = unwrap(text)
    return tokenize(normalize(u.text, u.numbers))


def parse_data(text: str, *, source: R.Data | None = None, model: Model | None = None,
               place_model: Model | None = None, body_model: Model | None = None,
               date_model: Model | None = None, kind_model: Model | None = None,
               time_model: Model | None = None, taker_model: Model | None = None) -> R.Data:
    """Parse minutes given as text into plain data: not yet validated (see ``records.validate``).

    ``source`` is a ``records.source`` dict; its chars, lines and parser version are filled in
    here. ``model`` and the ``*_model`` arguments replace the shipped structure, place, body, date, kind,
    start-time and minute-taker weights (cross-validation fits its own).
    Never raises on any ``str``: oddities become diagnostics.
    """
    src = {**(source or R.source()), "chars": len(text), "lines": _count_lines(text), "parser_version": __version__}
    try:
        with deadline(text):  # one timer for the whole parse (see patterns.deadline)
            layout = detect(tokens_of(text), model)
            return build(layout, src, place_model, body_model, date_model, kind_model, time_model, taker_model)
    except TimeoutError:  # a pattern or the whole parse ran past its budget: degrade, do not fail
        return R.minutes(source=src, meeting=R.meeting(), diagnostics=[R.diagnostic(
            level="error", code=TIMEOUT_CODE,
            message="a pattern took too long on this text; no structure was extracted")])


def parse_text(text: str, *, source: Source | None = None) -> Minutes:
    """Parse minutes given as text. Never raises on any ``str``: oddities become diagnostics."""
    return R.to_model(parse_data(text, source=None if source is None else source.model_dump()))


def read_data(data: bytes, *, path: str | None = None, fmt: str | None = None,
              max_bytes: int | None = None, max_pages: int | None = None, model: Model | None = None,
              place_model: Model | None = None, body_model: Model | None = None,
              date_model: Model | None = None, kind_model: Model | None = None,
              time_model: Model | None = None, taker_model: Model | None = None) -> R.Data:
    """Decode input bytes (any supported format) and parse them into plain data, not yet validated.

    Raises :class:`referat_parser.errors.InputError` when the bytes are unusable or over the
    readers' work budget (``max_bytes`` / ``max_pages`` default to 50 MB, 2,000 PDF pages; the
    other limits are :class:`referat_parser.readers.budget.Budget`'s).
    """
    from referat_parser.readers import WARNING_NOTES, read_bytes

    decoded = read_bytes(data, path=path, fmt=fmt, max_bytes=max_bytes, max_pages=max_pages)
    source = R.source(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=decoded.media_type,
        encoding=decoded.encoding,
        pages=decoded.pages,
        tables=decoded.tables,
        chrome_removed=decoded.chrome_removed,
    )
    result = parse_data(decoded.text, source=source, model=model, place_model=place_model,
                        body_model=body_model, date_model=date_model, kind_model=kind_model,
                        time_model=time_model, taker_model=taker_model)
    if any(d["code"] == TIMEOUT_CODE for d in result["diagnostics"]):
        # A run past the deadline extracted nothing: a file is refused with one line, never
        # passed on as an empty success (parse_data keeps the diagnostic for library callers).
        raise InputError(f"parsing the document took over {deadline_seconds(len(decoded.text)):.0f} s "
                         "(the parse time limit); refused")
    if decoded.page_starts:
        from referat_parser.readers.pages import add_pages

        add_pages(result, decoded.page_starts)
    if decoded.notes:  # what the reader repaired or dropped comes first
        result["diagnostics"][:0] = [R.diagnostic(level="warning" if code in WARNING_NOTES else "info",
                                                  code=code, message=message)
                                     for code, message in decoded.notes]
    return result


def parse_bytes(data: bytes, *, path: str | None = None, fmt: str | None = None,
                max_bytes: int | None = None, max_pages: int | None = None) -> Minutes:
    """Decode input bytes (any supported format) and parse them into the typed result.

    Raises :class:`referat_parser.errors.InputError` as :func:`read_data` does.
    """
    return R.to_model(read_data(data, path=path, fmt=fmt, max_bytes=max_bytes, max_pages=max_pages))


def parse_file(path: str | Path, *, fmt: str | None = None) -> Minutes:
    """Read and parse one file. Raises InputError when it cannot be used."""
    from referat_parser.readers import read_path

    data = read_path(Path(path))
    return parse_bytes(data, path=str(path), fmt=fmt)
