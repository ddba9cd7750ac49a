"""The HTML page: the source text beside the extracted structure, linked by line numbers.

Pure: a :class:`~.load.Loaded` in, one HTML string out. Every element of the structure that
came from somewhere carries ``data-lines="a-b[,c-d…]"`` (1-based, inclusive, as in the
JSON); the inline script (``view.js``) highlights those lines in the source pane. Where
the JSON has no span of its own (meeting facts, a recommendation clause, an attachment), the
value is looked for, letters and digits only, inside the span that holds it, and that span is
used when it is not found. Every piece of text is escaped; the page loads nothing (a
Content-Security-Policy allows only its own style and script, by hash).
"""

from __future__ import annotations

import base64
import hashlib
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape
from importlib.resources import files
from itertools import accumulate, islice

from referat_parser.html_view.load import Loaded, split_lines
from referat_parser.models import Item, Minutes, Span
from referat_parser.version import __version__

Range = tuple[int, int]

OUTCOMES = ("approved", "recommended", "noted", "discussed", "postponed", "rejected", "other")
_CONTROL = {c: 0x2400 + c for c in range(32) if c != 9} | {127: 0x2421}  # shown as ␀ … ␟, ␡
_REFINE_MAX_LINES = 400  # look for a value inside a span only when the span is this short
_CASE_OPEN_CHARS = 600  # longer case texts start folded
_MAX_RANGES = 64  # ranges one element points at (more become one stretch)


def e(value: object) -> str:
    """Escape text for HTML content and attribute values alike."""
    return escape(str(value), quote=True)


def _asset(name: str) -> str:
    return files("referat_parser.html_view").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _rng(span: Span | None) -> list[Range]:
    return [(span.start_line, span.end_line)] if span else []


def _fmt(ranges: Sequence[Range]) -> str:
    more = f" … ({len(ranges)} ranges)" if len(ranges) > 4 else ""
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges[:4]) + more


def _link(ranges: Sequence[Range], label: str) -> str:
    """The attributes that make an element point at its source lines."""
    if not ranges:
        return ""
    ranges = _clip(ranges)
    lines = ",".join(f"{a}-{b}" for a, b in ranges)
    return f' data-lines="{lines}" data-label="{e(label)}" tabindex="0"'


def _clip(ranges: Sequence[Range]) -> Sequence[Range]:
    """At most _MAX_RANGES ranges: more become one stretch from the first line to the last
    (each value of a long list carried them all, a page quadratic in the list)."""
    if len(ranges) <= _MAX_RANGES:
        return ranges
    return [(min(a for a, _ in ranges), max(b for _, b in ranges))]


def _where(ranges: Sequence[Range]) -> str:
    if not ranges:
        return ""
    word = "line" if len(ranges) == 1 and ranges[0][0] == ranges[0][1] else "lines"
    return f'<span class="where">{word} {_fmt(ranges)}</span>'


def _key(s: str) -> str:
    return "".join(ch for ch in s.casefold() if ch.isalnum())


def _all(hay: str, needle: str) -> Iterable[int]:
    i = hay.find(needle)
    while i >= 0:
        yield i
        i = hay.find(needle, i + 1)


class _Finder:
    """Finds a value's lines inside a span of the source (letters and digits compared).

    A span's letters and digits are computed once and kept for the values after it (an item's
    clauses all look inside one span): recomputing them per value made a page of 200 clauses
    on long lines quadratic.
    """

    _KEEP = 16  # spans kept, and looked in for one value: an item's values look in one or two

    def __init__(self, lines: Sequence[str] | None) -> None:
        self.lines = lines
        self._spans: dict[Range, tuple[str, list[int]]] = {}

    def _span(self, a: int, b: int) -> tuple[str, list[int]]:
        """The span's letters and digits as one string, and where each line starts in it (plus the end)."""
        got = self._spans.get((a, b))
        if got is None:
            assert self.lines is not None
            keys = [_key(self.lines[n - 1]) for n in range(a, b + 1)]
            starts = [0, *accumulate(len(k) for k in keys)]
            if len(self._spans) >= self._KEEP:
                self._spans.clear()
            got = self._spans[(a, b)] = ("".join(keys), starts)
        return got

    def find(self, value: str | None, within: Sequence[Range]) -> list[Range]:
        """The lines ``value`` occupies inside ``within``; ``within`` itself when not found."""
        if not self.lines or not value or not within:
            return list(within)
        needle = _key(value)
        for a, b in within[: self._KEEP]:  # the first few: each is read once, then kept
            b = min(b, len(self.lines))
            if len(needle) < 4 or b < a or b - a > _REFINE_MAX_LINES:
                continue
            hay, starts = self._span(a, b)

            def owner(i: int, a: int = a, starts: list[int] = starts) -> int:
                return a + bisect_right(starts, i) - 1  # the line holding character i (empty lines hold none)

            hits = [(owner(i), owner(i + len(needle) - 1)) for i in islice(_all(hay, needle), _MAX_HITS)]
            if hits:  # the lines the value fills most: "Udvalg: X" over a title that mentions X
                def share(r: Range, a: int = a, starts: list[int] = starts) -> float:
                    return len(needle) / (starts[r[1] - a + 1] - starts[r[0] - a])

                return [max(hits, key=share)]
            head, tail = needle[:40], needle[-40:]  # reflowed or trimmed in between: both ends
            i = hay.find(head)
            j = hay.find(tail, i + 1) if i >= 0 else -1
            if j >= 0:
                return [(owner(i), owner(j + len(tail) - 1))]
        return list(within)


_MAX_HITS = 1000  # places one value is weighed at: a word repeated 10^5 times is found among the first


def _text(s: str | None) -> str:
    return f'<div class="text">{e(s)}</div>' if s else '<div class="text empty">(empty)</div>'


def _badge(outcome: str) -> str:
    return f'<span class="badge o-{e(outcome)}">{e(outcome)}</span>'


# ---------------------------------------------------------------- source pane

_LEGEND = ('<span class="legend"><i class="k-head"></i>header <i class="k-agenda"></i>agenda '
           '<i class="k-item"></i>items <b class="k-person">12</b> participant '
           '<span class="k-none">grey</span> not read</span>')


class _Paint:
    """Colours lines 1..last, each at most once: ``fill`` skips lines already coloured in O(1) amortised."""

    def __init__(self, last: int) -> None:
        self.last = last
        self._next = list(range(last + 2))  # the first line at or after n not yet coloured (path-halved)

    def _find(self, n: int) -> int:
        nxt = self._next
        while nxt[n] != n:
            nxt[n] = nxt[nxt[n]]
            n = nxt[n]
        return n

    def fill(self, region: dict[int, str], a: int, b: int, cls: str) -> None:
        n = self._find(max(a, 1)) if a <= self.last else self.last + 1
        b = min(b, self.last)
        while n <= b:
            if n not in region:  # an agenda line keeps its colour under the header (as before)
                region[n] = cls
            self._next[n] = n + 1
            n = self._find(n + 1)


def _source_pane(m: Minutes, lines: list[str], page_starts: Sequence[tuple[int, bool, int]] = ()) -> str:
    region: dict[int, str] = {}
    # A page that begins inside a line (a word re-joined across pages) is marked on the line after it
    pages = {line + mid: page for line, mid, page in page_starts if line + mid > 1}
    tag: dict[int, str] = {}
    last = len(lines)  # a JSON from elsewhere may claim any span: colour only the lines that exist
    # Later paint wins (items over the agenda over the header), laid on in reverse, each line
    # once: a JSON of 10^5 items that all claim every line costs items + lines, not their product.
    paint = _Paint(last)
    for i in range(len(m.items) - 1, -1, -1):
        span = m.items[i].span
        paint.fill(region, span.start_line, span.end_line, f"r-item{i % 2}")
    for entry in m.agenda:
        if entry.line and entry.line not in region:
            region[entry.line] = "r-agenda"
    if m.meeting.span:
        paint.fill(region, m.meeting.span.start_line, m.meeting.span.end_line, "r-head")
    for i, item in enumerate(m.items):
        tag.setdefault(item.span.start_line, f"Pkt. {item.number}" if item.number else f"item {i + 1}")
    people = {p.line for p in m.participants if p.line}
    rows = []
    for n, raw in enumerate(lines, start=1):
        cls = region.get(n, "r-none") + (" r-person" if n in people else "") + (" r-start" if n in tag else "")
        t = f' data-tag="{e(tag[n])}"' if n in tag else ""
        pg = f' data-page="page {pages[n]}" title="page {pages[n]} begins"' if n in pages else ""
        rows.append(f'<div class="ln {cls}{" pg" if pg else ""}" id="L{n}" data-n="{n}"{pg}><span class="no">{n}</span>'
                    f'<span class="tx"{t}>{e(raw.translate(_CONTROL))}</span></div>')
    path = m.source.path or "standard input"
    return (
        '<section class="pane src" id="src" aria-label="Source text">'
        f'<div class="panehead"><span class="path" title="{e(path)}">{e(path)}</span>'
        f'<span class="meta">{len(lines)} lines · {e(m.source.media_type)}</span>{_LEGEND}'
        '<span id="status" class="status">Click an item or field to see its lines; '
        'click a line to see what was read from it.</span></div>'
        f'<div class="lines" id="lines">{"".join(rows)}</div></section>'
    )


# ---------------------------------------------------------------- structure pane


def _meeting(m: Minutes, find: _Finder) -> str:
    mt = m.meeting
    head = _rng(mt.span)
    time = " – ".join(t for t in (mt.start_time, mt.end_time) if t) or None
    facts: list[tuple[str, str | None, list[Range]]] = [
        ("Title", mt.title, find.find(mt.title, head)),
        ("Kind", m.kind, head),
        ("Body", mt.body, find.find(mt.body, head)),
        ("Meeting no.", mt.number, head),
        ("Date", mt.date, head),
        ("Time", time, find.find(mt.start_time, head)),
        ("Location", mt.location, find.find(mt.location, head)),
        ("Chair", mt.chair, find.find(mt.chair, head)),
    ]
    rows = [
        f'<div class="fact"{_link(r, label)}><dt>{e(label)}</dt><dd>{e(value)}{_where(r)}</dd></div>'
        for label, value, r in facts if value
    ]
    for name in mt.minute_takers:
        r = find.find(name, head)
        rows.append(f'<div class="fact"{_link(r, "Minute taker")}><dt>Minute taker</dt>'
                    f'<dd>{e(name)}{_where(r)}</dd></div>')
    body = f'<dl class="facts">{"".join(rows)}</dl>' if rows else '<p class="none">No meeting facts found.</p>'
    return (f'<section class="block" id="meeting"><h2{_link(head, "Meeting header")}>Meeting'
            f'{_where(head)}</h2>{body}</section>')


def _participants(m: Minutes) -> str:
    if not m.participants:
        return ('<section class="block" id="participants"><h2>Participants</h2>'
                '<p class="none">No participants found.</p></section>')
    counts = Counter(p.status for p in m.participants)
    summary = " · ".join(f"{counts[s]} {s}" for s in ("present", "absent", "guest") if counts[s])
    rows = []
    for p in m.participants:
        r = [(p.line, p.line)] if p.line else []
        extra = ", ".join(x for x in (f"({p.party})" if p.party else None, p.note) if x)
        rows.append(
            f'<tr class="person st-{e(p.status)}"{_link(r, p.name)}><td class="name">{e(p.name)}</td>'
            f'<td>{e(p.title or "")}</td><td>{e(p.organisation or "")}</td><td>{e(extra)}</td>'
            f'<td><span class="badge s-{e(p.status)}">{e(p.status)}</span></td>'
            f'<td class="num">{e(p.line or "")}</td></tr>'
        )
    return (
        f'<section class="block" id="participants"><h2>Participants <span class="count">{e(summary)}</span></h2>'
        '<table class="people"><thead><tr><th>Name</th><th>Title</th><th>Organisation</th><th>Note</th>'
        f'<th>Status</th><th class="num">Line</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
    )


def _agenda(m: Minutes) -> str:
    if not m.agenda:
        return ""
    numbers = {it.number for it in m.items}
    rows = []
    for a in m.agenda:
        r = [(a.line, a.line)] if a.line else []
        only = "" if a.number in numbers else ' <span class="badge warn">only in the agenda</span>'
        mins = f' <span class="dim">{a.duration_minutes} min.</span>' if a.duration_minutes else ""
        rows.append(f'<li{_link(r, f"Agenda {a.number}")}><span class="n">{e(a.number)}</span> '
                    f'{e(a.title)}{mins}{only}{_where(r)}</li>')
    return (f'<section class="block" id="agenda"><details><summary><h2>Agenda (table of contents) '
            f'<span class="count">{len(m.agenda)} entries</span></h2></summary>'
            f'<ul class="agenda">{"".join(rows)}</ul></details></section>')


def _sections_of(item: Item, kind: str) -> list[Range]:
    """The lines of an item's sections of one kind, touching ranges merged."""
    out: list[Range] = []
    for a, b in sorted((s.span.start_line, s.span.end_line) for s in item.sections if s.kind == kind):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _item(i: int, item: Item, find: _Finder) -> str:
    span = _rng(item.span)
    label = f"Item {item.number}" if item.number else f"Item #{i + 1}"
    head = [f'<span class="n">{e(item.number or "–")}</span><h3>{e(item.title)}</h3>']
    if item.decision:
        head.append(_badge(item.decision.outcome))
    if not item.complete:
        head.append('<span class="badge warn" title="The text ends inside this item">incomplete</span>')
    head.append(_where(span))
    parts = [f'<header class="item-head">{"".join(head)}</header>']
    if item.duration_minutes:
        parts.append(f'<div class="dim">{item.duration_minutes} min.</div>')
    if item.recommendation:
        rec = item.recommendation
        where = _clip(_sections_of(item, "recommendation") or find.find(rec.text, span))
        if rec.clauses:
            lis = "".join(f'<li{_link(r, f"{label}: clause {k}")}>{e(c)}{_where(r)}</li>'
                          for k, c in enumerate(rec.clauses, start=1)
                          for r in [find.find(c, where)])
            inner = f'<ol class="clauses">{lis}</ol>'
        else:
            inner = _text(rec.text)
        parts.append(f'<div class="field rec" data-kind="recommendation"{_link(where, f"{label}: recommendation")}>'
                     f'<div class="label">Recommendation{_where(where)}</div>{inner}</div>')
    if item.case_description is not None:
        where = _sections_of(item, "case")
        text = item.case_description
        fold = " open" if len(text) <= _CASE_OPEN_CHARS else ""
        parts.append(f'<div class="field case" data-kind="case"{_link(where, f"{label}: case text")}>'
                     f'<details{fold}><summary class="label">Case text <span class="dim">{len(text):,} chars</span>'
                     f'{_where(where)}</summary>{_text(text)}</details></div>')
    if item.decision:
        d = item.decision
        where = _clip(_sections_of(item, "decision") or find.find(d.text, span))
        meta = " · ".join(e(x) for x in (d.heading, d.body, d.date) if x)
        parts.append(f'<div class="field dec" data-kind="decision"{_link(where, f"{label}: decision")}>'
                     f'<div class="label">Decision {_badge(d.outcome)} <span class="dim">{meta}</span>'
                     f'{_where(where)}</div>{_text(d.text)}</div>')
    att_sections = _sections_of(item, "attachments")
    if item.attachments or att_sections:
        where = _clip(att_sections or span)
        lis = "".join(f'<li{_link(r, f"{label}: attachment")}>{e(a)}{_where(r)}</li>'
                      for a in item.attachments for r in [find.find(a, where)])
        listed = f"<ul>{lis}</ul>" if lis else '<div class="text empty">(heading only, none listed)</div>'
        parts.append(f'<div class="field att" data-kind="attachments"{_link(where, f"{label}: attachments")}>'
                     f'<div class="label">Attachments{_where(where)}</div>{listed}</div>')
    others = [s for s in item.sections if s.kind in ("summary", "other")]
    if others:
        chips = "".join(
            f'<span class="chip"{_link(r, f"{label}: {s.heading or s.kind}")}>{e(s.heading or "(no heading)")} '
            f'<span class="dim">{e(s.kind)}</span>{_where(r)}</span>'
            for s in others for r in [[(s.span.start_line, s.span.end_line)]])
        parts.append(f'<div class="field other"><div class="label">Other sections</div>{chips}</div>')
    return (f'<article class="item" id="item-{i + 1}" data-kind="item" data-index="{i + 1}"'
            f'{_link(span, label)}>{"".join(parts)}</article>')


def _items(m: Minutes, find: _Finder) -> str:
    body = "".join(_item(i, it, find) for i, it in enumerate(m.items)) or '<p class="none">No items found.</p>'
    return f'<section class="block" id="items"><h2>Items <span class="count">{len(m.items)}</span></h2>{body}</section>'


def _diagnostics(m: Minutes) -> str:
    if not m.diagnostics:
        return '<section class="block" id="diagnostics"><h2>Diagnostics</h2><p class="none">None.</p></section>'
    lis = "".join(
        f'<li class="diag d-{e(d.level)}"{_link([(d.line, d.line)] if d.line else [], d.code)}>'
        f'<span class="badge l-{e(d.level)}">{e(d.level)}</span> <code>{e(d.code)}</code> {e(d.message)}'
        f'{_where([(d.line, d.line)] if d.line else [])}</li>'
        for d in m.diagnostics)
    return (f'<section class="block" id="diagnostics"><h2>Diagnostics <span class="count">{len(m.diagnostics)}'
            f'</span></h2><ul class="diags">{lis}</ul></section>')


# ---------------------------------------------------------------- page


def _summary(m: Minutes) -> str:
    mt = m.meeting
    bits = [x for x in (mt.body, mt.date, m.kind) if x]
    outcomes = Counter(it.decision.outcome for it in m.items if it.decision)
    stats = [f"{len(m.items)} items", f"{len(m.participants)} participants", f"{len(m.diagnostics)} diagnostics"]
    badges = "".join(f'{_badge(o)}<span class="dim">×{outcomes[o]}</span> ' for o in OUTCOMES if outcomes[o])
    return (f'<div class="sub">{" · ".join(e(b) for b in bits)}</div>'
            f'<div class="stats">{" · ".join(stats)} {badges}</div>')


def _notes(notes: Iterable[str]) -> str:
    return "".join(f'<div class="note">{e(n)}</div>' for n in notes)


def render_page(loaded: Loaded) -> str:
    """The whole page as one string (UTF-8, self-contained)."""
    m = loaded.minutes
    lines = split_lines(loaded.text) if loaded.text is not None else None
    find = _Finder(lines)
    css, js = _asset("view.css"), _asset("view.js")
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    title = m.meeting.title or m.meeting.body or m.source.path or "Minutes"
    origin = "from its JSON" if loaded.from_json else "parsed now"
    doc = "".join((_meeting(m, find), _participants(m), _agenda(m), _items(m, find), _diagnostics(m)))
    src = _source_pane(m, lines, loaded.page_starts) if lines is not None else ""
    page = (
        '<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="referat-parser {e(__version__)}">'
        f"<title>{e(title)} · referat show</title><style>{css}</style></head>"
        f'<body class="{"with-src" if lines is not None else "no-src"}">'
        f'<header class="top"><h1>{e(title)}</h1>{_summary(m)}'
        f'<div class="origin dim">{e(m.source.path or "standard input")} · {e(origin)} · parser '
        f'{e(m.source.parser_version or "?")}</div>{_notes(loaded.notes)}</header>'
        f'<main>{src}<section class="pane doc" id="doc" aria-label="Extracted structure">{doc}</section></main>'
        f"<script>{js}</script></body></html>\n"
    )
    return page.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate must not stop the write
