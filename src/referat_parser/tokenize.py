"""Stage 2: clean lines -> typed tokens (one per line), line numbers kept.

A token says what a line looks like on its own: blank, a numbered heading
candidate, a section label (Det indstilles / Sagsfremstilling / Beslutning …),
a header or participant field ("Mødedato: …", "Afbud:"), an agenda marker
("Dagsorden:", "PUNKTER"), a table row, or plain text. Whether a numbered line
really starts an agenda item depends on its neighbours; that is decided by the
section detector, not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from referat_parser import patterns as P
from referat_parser import vocabulary as V
from referat_parser.normalize import Line, lines_holding

BLANK, HEADING, LABEL, FIELD, MARKER, TABLE, TEXT = (
    "blank", "heading", "label", "field", "marker", "table", "text",
)


@dataclass(slots=True, eq=False)
class Token:
    """One typed line. Treated as immutable; not frozen only because a frozen dataclass is
    twice as dear to build, and the tokenizer builds one per line."""

    kind: str
    line: Line
    # heading candidates
    number: str | None = None
    title: str | None = None
    prefix: str | None = None
    # section labels
    section: str | None = None  # recommendation | case | summary | decision | attachments | other
    label: str | None = None  # the label as printed
    rest: str | None = None  # text after the label on the same line
    body: str | None = None  # body named by a decision heading
    date: str | None = None  # date text of a decision heading
    # fields
    key: str | None = None
    value: str | None = None
    upto: str | None = None  # the last number of a range heading ("3. - 8. Valg …")

    @property
    def no(self) -> int:
        return self.line.no

    @property
    def text(self) -> str:
        return self.line.text


_CANDIDATE_LEADS = P.LABEL_LEADS | P.FIELD_LEADS | P.MARKER_LEADS | P.PREFIX_LEADS


def _body_comma_date(s: str) -> bool:
    """What DECISION_BODY_DATE needs first: a first comma after 3–120 characters, then a digit."""
    i = s.find(",")
    return 3 <= i <= 120 and s[i + 1 :].lstrip()[:1].isdigit() and "-" in s


def _label(line: Line, lead: str) -> Token | None:
    s = line.content
    if not s[:1].isupper():
        return None
    candidates: tuple[P.Rx, ...] = ()
    if lead in P.DECISION_LEAD_LEADS and " " in s:  # the label, a space, the body
        candidates = (P.DECISION_LEAD,)
    if lead in P.DECISION_BARE_LEADS and (" den " in s or " d. " in s):
        candidates += (P.DECISION_BARE,)
    if _body_comma_date(s):  # "Udvalget, 03-03-2016, pkt. 16"
        candidates += (P.DECISION_BODY_DATE,)
    if V.DECISION_HEADING_TAIL in s.lower():  # "Udvalgets beslutning den …"
        candidates += (P.DECISION_TAIL,)
    for rx in candidates:
        m = rx.match(s)
        if m:
            return Token(LABEL, line, section="decision", label=s, rest="",
                         body=m.group("body").strip(), date=m.groupdict().get("date"))
    for kind, rx in P.SECTION_LABEL_BY_LEAD.get(lead, ()):
        m = rx.match(s)
        if not m:
            continue
        punct, rest = m.group("punct").strip(), m.group("rest").strip()
        if rest and not (punct == ":" or (punct == "," and kind == "recommendation")):
            continue
        return Token(LABEL, line, section=kind, label=m.group("label") + punct, rest=rest)
    return None


def _field(line: Line) -> Token | None:
    s = line.content
    for rx in (P.FIELD, P.FIELD_ALONE, P.PERSON_FIELD):
        m = rx.match(s)
        if m:
            value = (m.groupdict().get("value") or "").strip()
            return Token(FIELD, line, key=P.field_key(m.group("key")), label=m.group("key"),
                         value=value)
    m = P.PEOPLE_GROUP_FIELD.match(s) if ":" in s else None
    if m:  # "Deltagere fra forvaltningen: A, B": the group rides in ``body``
        return Token(FIELD, line, key=P.field_key(m.group("key")), label=m.group("key"),
                     value=m.group("value").strip(), body=m.group("group").strip())
    return None


def _table_heading(line: Line, cells: list[str]) -> Token | None:
    """"1 | Godkendelse af dagsorden | 5 min.": a numbered table row is a heading candidate."""
    m = P.NUMBER_CELL.match(cells[0]) if len(cells) >= 2 else None
    if not m or not cells[1][:1].isalpha():
        return None
    words = cells[1].split()
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return None  # "1 | Jens Peter Hansen | Formand": a numbered list of people
    title = " ".join(cells[1:3]) if len(cells) >= 3 and P.DURATION.match(" " + cells[2]) else cells[1]
    return Token(HEADING, line, number=str(int(m.group("num"))), title=title, value="|")


def _heading(line: Line) -> Token | None:
    g = P.GLUED_DURATION_HEADING.match(line.content) if "min" in line.content else None
    if g:  # "1 5 minGodkendelse af dagsorden": the title, then its duration as the sections stage reads it
        return Token(HEADING, line, number=str(int(g.group("num"))),
                     title=f"{g.group('title').strip()} – {g.group('n')} {g.group('unit')}", value=" ")
    m = P.ITEM_HEADING.match(line.content)
    if not m:
        return None
    title = (m.group("title") or "").strip()
    prefix = m.group("prefix")
    sep = m.group("sep")
    if len(m.group("num")) > 3 and not sep.strip():
        return None  # "2020 var et år": a year; item 1000 and up is printed "1000." or "1000)"
    if not title and not prefix and not (sep.strip() and line.content.endswith(sep.strip()[-1])):
        return None  # a bare number; "1." / "1)" alone may carry its title on the next line
    if title and P.MONTH_START.match(title):
        return None  # "1. januar 2020" is a date, not item 1
    if title and not sep.strip() and P.lead_of(title) in P.MARKER_LEADS and P.AGENDA_MARKER.match(title):
        return None  # "1 DAGSORDEN": a page's heading, not item 1
    upto = None
    if title and title[0] in "-–" and (r := P.NUMBER_RANGE.match(title)):
        upto, title = str(int(r.group("upto"))), title[r.end() :]
    return Token(HEADING, line, number=str(int(m.group("num"))), title=title,
                 prefix=prefix, value=sep, upto=upto)


def classify(line: Line) -> Token:
    """The token for one line, judged on the line alone."""
    if line.blank:
        return Token(BLANK, line)
    s = line.content
    lead = line.lead if line.lead is not None else P.lead_of(s)  # the gates below skip patterns
    if not line.bullet and lead in P.MARKER_LEADS and P.AGENDA_MARKER.match(s):
        return Token(MARKER, line)
    tok = _label(line, lead) if not line.bullet else None
    if tok is None and lead in P.FIELD_LEADS:
        tok = _field(line)
    if tok is None and (s[:1].isdigit() or lead in P.PREFIX_LEADS):
        tok = _heading(line)
    if tok is None and "|" in s:
        cells = [c.strip() for c in s.strip("|").split("|")]
        tok = _table_heading(line, [c for c in cells if c]) if s.lstrip("| ")[:1].isdigit() else None
        tok = tok or Token(TABLE, line, value=" | ".join(c for c in cells if c))
    return tok or Token(TEXT, line)


def _candidates(lines: list[Line]) -> set[int]:
    """Indexes of the lines that may be more than plain text, found for the whole document at once.

    ``classify`` can only find a marker, label, field or heading on a line whose lead word leads
    such a phrase, whose first character is a digit, or that holds a table cell or a decision
    heading's body and date; every other non-blank line is plain text. The lead words are set
    lookups; the rest are searches of the joined text.
    """
    contents = [line.content for line in lines]
    starts = list(accumulate((len(c) + 1 for c in contents), initial=0))
    joined = "\n".join(contents)
    found = {i for i, line in enumerate(lines) if line.content and (
        line.lead is None or line.lead in _CANDIDATE_LEADS or line.content[0].isdigit())}

    if "|" in joined:
        lines_holding(joined, "|", starts, found)
    if "," in joined and "-" in joined:  # "Udvalget, 03-03-2016, pkt. 16"
        found.update(i for i, c in enumerate(contents) if "," in c and _body_comma_date(c))
    found |= _lines_naming(V.DECISION_HEADING_TAIL, contents)  # "Udvalgets beslutning den …"
    return found


def _lines_naming(word: str, contents: list[str]) -> set[int]:
    """Indexes of the lines holding ``word`` in any case (what ``word in line.lower()`` finds).

    For an ASCII word, the text's bytes are lower-cased instead of its characters (bytes.lower
    maps ASCII letters alone, ~20x faster than str.lower on Danish text). Two other characters
    lower-case to an ASCII letter: the Kelvin sign to "k", and "İ" to "i" and a combining dot,
    which can only end a match. Words with those take the slow way.
    """
    if not word.isascii() or "k" in word or word.endswith("i"):
        return {i for i, c in enumerate(contents) if word in c.lower()}
    data = "\n".join(contents).encode("utf-8", "surrogatepass").lower()
    needle = word.encode()
    out: set[int] = set()
    line = last = 0
    i = data.find(needle)
    while i >= 0:
        line += data.count(b"\n", last, i)  # counted on from the last hit: linear in the text
        last = i
        out.add(line)
        i = data.find(needle, i + 1)
    return out


def tokenize(lines: list[Line]) -> list[Token]:
    """Type every clean line; only the candidates (see ``_candidates``) are judged one by one."""
    cands = _candidates(lines)
    return [classify(line) if i in cands else Token(TEXT if line.content else BLANK, line)
            for i, line in enumerate(lines)]
