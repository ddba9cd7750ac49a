"""``referat show FILE --html OUT.html``: a picture of one extraction, to check whether to trust it.

One self-contained HTML page (inline CSS and a little vanilla JS, nothing loaded from anywhere):
the source text with line numbers on the left, the extracted structure on the right (meeting
facts, participants, agenda, items with their recommendation clauses, case text, decision and
outcome, attachments, diagnostics). Hovering or clicking a piece of the structure highlights
the source lines it came from and scrolls to them; clicking a source line finds what was read
from it. Two modules:

* :mod:`.load` reads FILE, minutes in any input format or the tool's own JSON, and finds the
  text the line numbers refer to;
* :mod:`.page` builds the page (``view.css`` and ``view.js`` beside it are inlined).
"""

from __future__ import annotations

from pathlib import Path

from referat_parser.errors import InputError
from referat_parser.html_view.load import Loaded, load
from referat_parser.html_view.page import render_page
from referat_parser.io_utils import write_atomic
from referat_parser.readers import DEFAULT_MAX_BYTES

__all__ = ["Loaded", "load", "render_page", "write_html"]


def write_html(file: str, out: Path, *, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               source: Path | None = None) -> Loaded:
    """Picture FILE (a path or ``-``) as ``out``, written atomically. Raises InputError when unusable.

    ``source``: the file a JSON's line numbers refer to, when not the one it records (``--source``).
    """
    loaded = load(file, fmt=fmt, max_bytes=max_bytes, source=source)
    page = render_page(loaded)
    try:
        write_atomic(out, page)
    except OSError as e:
        raise InputError(f"cannot write {out}: {e.strerror or e}") from None
    return loaded
