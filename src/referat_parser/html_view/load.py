"""What the HTML view shows: the parsed minutes and the text their line numbers refer to.

FILE is either minutes (any format the readers take) or a JSON document the tool wrote. For
minutes, the text is decoded once and parsed, so the page's source pane shows exactly the
lines the spans count. For JSON, the minutes come from the file and the text from the path
recorded in ``source.path`` (as given, then beside the JSON) only when the file there has the
recorded SHA-256, or from the file the user names (``--source``), decoded as the recorded
media type says. A missing, unreadable or changed source is not an error: the page is still made,
with a note saying why the source pane is absent or may be off.
"""

from __future__ import annotations

import hashlib
import json
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from referat_parser import records as R
from referat_parser.errors import InputError
from referat_parser.models import Minutes, Source
from referat_parser.pipeline import parse_data
from referat_parser.readback import check, is_document
from referat_parser.readers import DEFAULT_MAX_BYTES, read_bytes, read_path
from referat_parser.readers.pages import PageStarts, add_pages

# media_type recorded in the JSON -> the reader that produced the text the spans count
_FORMAT_OF = {"text/plain": "text", "text/html": "html", "application/pdf": "pdf",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx"}


@dataclass(frozen=True, slots=True)
class Loaded:
    """One document to picture."""

    minutes: Minutes
    text: str | None  # the decoded input the spans refer to; None when it could not be had
    notes: tuple[str, ...] = ()  # shown on the page: why there is no source, or why it may be off
    from_json: bool = False
    page_starts: PageStarts = ()  # where pages begin in ``text`` (readers.pages)


def split_lines(text: str) -> list[str]:
    """The input's lines, numbered as the parser numbers them (normalize splits the same way)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "" and text:
        lines.pop()  # a final newline ends the last line; it does not start another
    return lines


def _minutes_json(data: bytes, label: str) -> Minutes | None:
    """The document if ``data`` is the tool's JSON output; None if it is something else."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{"):
        return None
    try:
        doc = json.loads(data)
    except ValueError:
        first = head.split(b"\n", 1)[0]
        try:
            doc = json.loads(first)
        except ValueError:
            return None  # minutes that merely start with "{"
        if is_document(doc):
            raise InputError(f"{label} holds several JSON documents (JSONL); --html pictures one: "
                             "pick a line into its own file") from None
        return None
    if not is_document(doc):
        return None
    minutes, errors = check(doc)  # the check of ``referat validate``
    if minutes is None:
        more = f"; and {len(errors) - 3} more ('referat validate' lists them)" if len(errors) > 3 else ""
        raise InputError(f"{label} is referat-parser JSON but invalid: {'; '.join(errors[:3])}{more}")
    return minutes


def _candidates(recorded: str, json_path: Path | None) -> list[Path]:
    """Where the recorded source may be: as given (relative to here), then beside the JSON."""
    first = Path(recorded)
    out = [first]
    if not first.is_absolute() and json_path is not None:
        beside = json_path.parent / first
        if beside.resolve() != first.resolve():
            out.append(beside)
    return out


def _regular(path: Path) -> bool:
    """A regular file with something in it: never a device, FIFO or /proc file (those report 0 bytes)."""
    try:
        st = path.stat()
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size > 0


def _source_text(m: Minutes, json_path: Path | None, max_bytes: int,
                 named: Path | None = None) -> tuple[str | None, tuple[str, ...], PageStarts]:
    """The text the JSON's spans refer to, read again from its source; notes; where its pages begin.

    A JSON names any path it likes, so the path it records is read only when the file there is
    the one that was parsed (a regular file with the recorded SHA-256): a page never embeds a
    file nobody asked for (``/etc/passwd``, ``/proc/self/environ``). A source the user names
    (``named``, ``--source``) is read whatever its hash, with a warning when it differs.
    """
    src = m.source
    if named is not None:
        if not _regular(named):
            return None, (f"Source file {named} is not a regular file with content, so the source text "
                          "cannot be shown.",), ()
        found = [named]
    elif not src.path:
        return None, ("The JSON records no source path (it was parsed from standard input), "
                      "so the source text cannot be shown.",), ()
    elif not src.sha256:
        return None, ("The JSON records no SHA-256 of its source, so the file at its recorded path is not "
                      "read; name the source with --source to show it.",), ()
    else:
        found = [p for p in _candidates(src.path, json_path) if _regular(p)]
        if not found:
            return None, (f"Source file {src.path} not found, so the source text cannot be shown.",), ()
    notes: list[str] = []
    chosen, data = found[0], b""
    for path in found:
        try:
            data = read_path(path, max_bytes=max_bytes)
        except InputError as e:
            return None, (f"Source file cannot be read ({e}), so the source text cannot be shown.",), ()
        chosen = path
        if src.sha256 is None or hashlib.sha256(data).hexdigest() == src.sha256:
            break
    else:
        if named is None:  # only a file the user named is shown when it is not the one parsed
            return None, (f"Source file {src.path} is not the file that was parsed (its SHA-256 differs), "
                          "so it is not shown; name it with --source to show it anyway.",), ()
        notes.append(f"Source file {chosen} has changed since it was parsed (its SHA-256 differs): "
                     "highlighted lines may be off.")
    try:
        decoded = read_bytes(data, path=str(chosen), fmt=_FORMAT_OF.get(src.media_type), max_bytes=max_bytes)
    except InputError as e:
        return None, (f"Source file {chosen} cannot be decoded ({e}), so the source text cannot be shown.",), ()
    text = decoded.text
    if src.lines and len(split_lines(text)) != src.lines:
        notes.append(f"Source file {chosen} now decodes to {len(split_lines(text))} lines, not the "
                     f"{src.lines} the JSON records: highlighted lines may be off.")
    return text, tuple(notes), decoded.page_starts


def load(file: str, *, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
         source: Path | None = None) -> Loaded:
    """Read FILE (a path, an http(s) URL, or ``-`` for stdin): minutes are parsed, the tool's JSON is read.

    ``source`` names the file a JSON's spans refer to (``--source``), instead of its recorded path.

    Raises :class:`InputError` when FILE itself is unusable.
    """
    from referat_parser.readers.url import fetch, is_url

    if file == "-":
        data, path, label = sys.stdin.buffer.read(max_bytes + 1), None, "standard input"
    elif is_url(file):  # fetched; a JSON there has no source beside it to re-read
        data, path, label = fetch(file, max_bytes), None, file
    else:
        data, path, label = read_path(Path(file), max_bytes=max_bytes), Path(file), file
    doc = _minutes_json(data, label)
    if doc is not None:
        text, notes, starts = _source_text(doc, path, max_bytes, source)
        return Loaded(doc, text, notes, from_json=True, page_starts=starts)
    name = None if file == "-" else file  # a path or a URL, as given
    decoded = read_bytes(data, path=name, fmt=fmt, max_bytes=max_bytes)
    meta = Source(path=name, sha256=hashlib.sha256(data).hexdigest(),
                  media_type=decoded.media_type, encoding=decoded.encoding, chars=0, lines=0,
                  pages=decoded.pages)  # chars and lines: counted by the parse
    result = add_pages(parse_data(decoded.text, source=meta.model_dump()), decoded.page_starts)
    return Loaded(R.to_model(result), decoded.text, page_starts=decoded.page_starts)
