"""Meeting header: title, body, number, date, times, location, chair, minute takers, kind.

Explicit fields win ("Udvalg:", "Mødedato:", "STED", "STARTTIDSPUNKT"); then the
sentence-like header lines ("Referat til mødet i X den 22. juni 2020 kl. 17:30 i
Y"); then the title ("Byrådet - Referat", "Referat af Ældrerådsmøde den …");
then what decision headings name ("Beslutning i X den 04-06-2020"); last, prose
("Mødet i X begyndte kl. 14:30 og sluttede kl. 17:00").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from referat_parser import patterns as P
from referat_parser.extract import body, meeting_date, meeting_time, place, readings
from referat_parser.extract.dates import find_date, find_times
from referat_parser.extract.people import split_names
from referat_parser.extract.readings import Reading
from referat_parser.extract.takers import labelled
from referat_parser.sections import Layout
from referat_parser.structure.model import Model
from referat_parser.tokenize import BLANK, FIELD, HEADING, LABEL, MARKER, TEXT, Token
from referat_parser.vocabulary import (
    ANNUAL_ADJECTIVES,
    ASSEMBLY_KEPT_ADJECTIVES,
    ASSEMBLY_WORDS,
    ATTENDANCE_LABELS,
    BODY_DEFINITE_FORMS,
    BODY_NOUNS,
    CLOCK_WORDS,
    COMPOUND_MEETING_SUFFIXES,
    DATE_ALONE_WORDS,
    DEFINITE_SUFFIXES,
    MEETING_TIME_PROSE,
    ORGANISATION_NOUNS,
    OTHER_MEETINGS,
    PAGE_WORD_ABBREVIATIONS,
    PAGE_WORDS,
    RESIDUE_LINES,
    UI_LINES,
    WEEKDAYS,
)

END_WORDS = MEETING_TIME_PROSE["end"]  # lower case
END_LINES = 12  # the closing lines where minutes say when the meeting ended
BELOW_LINES = 200  # the lines below the header whose years tell the meeting's year from a print date's
DATE_LINE_WORDS = frozenset((*WEEKDAYS, *DATE_ALONE_WORDS))  # what a date alone on its line stands with
MENTION_STEM_CHARS = 30  # a compound body noun's first part ("landsby-", "menigheds-") is no longer
TITLE_LINES = 3  # the header lines that say what meeting this is
KIND_LINES = 6  # the first title lines whose first kind word says the document's kind
SNIPPET_CHARS = 12  # a snippet's letters and digits, at least: shorter, a prefix proves no copy
_ELLIPSES = ("...", "…")
ATTENDANCE_FOLDED = frozenset(" ".join(w.split()).casefold() for w in ATTENDANCE_LABELS)
PAGE_WORDS_FOLDED = frozenset(w.casefold() for w in (*PAGE_WORDS, *PAGE_WORD_ABBREVIATIONS, "p."))  # "P. 4"
UI_LINES_FOLDED = frozenset(w.casefold() for w in (*RESIDUE_LINES, *UI_LINES))


@dataclass(slots=True)
class Header:
    title: str | None = None
    body: str | None = None
    number: str | None = None
    date: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    location: str | None = None
    places: list[Reading] = field(default_factory=list)  # every reading of the place, weighed (not output)
    bodies: list[Reading] = field(default_factory=list)  # … and of the body
    dates: list[Reading] = field(default_factory=list)  # … and of the meeting's date
    times: list[Reading] = field(default_factory=list)  # … and of its start time
    why: list[str] = field(default_factory=list)  # how each weighed field was chosen, where there was a choice
    chair: str | None = None
    minute_takers: list[str] = field(default_factory=list)  # as the rules' order gives them (the kind asks)
    taker_sources: list[tuple[str, list[str]]] = field(default_factory=list)  # what each kind of evidence names
    kind: str | None = None
    kind_hint: str | None = None  # from an agenda marker alone: used when nothing else tells
    lines: list[Token] = field(default_factory=list)  # the header's title lines (no chrome, no other meeting)
    attendance: bool = False  # the header lists who attended or was absent, naming someone
    start_line: int | None = None
    end_line: int | None = None


def _value_lines(toks: list[Token], k: int, many: bool) -> list[str]:
    """The value of a field: its inline value, else the next line(s) until a blank."""
    t = toks[k]
    if t.value:
        return [t.value]
    out: list[str] = []
    j = k + 1
    while j < len(toks) and toks[j].kind == BLANK and not out:
        j += 1
    while j < len(toks) and toks[j].kind in (TEXT, HEADING) and toks[j].text:
        out.append(toks[j].text)
        if not many:
            break
        j += 1
    return out


# A body is read from a title line only up to this length; longer lines are prose or junk.
MAX_TITLE_CHARS = 300


def _definite(stem: str) -> str:
    """"Ældreråd" -> "Ældrerådet", "Skolebestyrelse" -> "Skolebestyrelsen"; a stem in capitals as a
    name is written ("BESTYRELSE" -> "Bestyrelsen", not "BESTYRELSEet")."""
    if stem.isupper():
        stem = stem[0] + stem[1:].lower()
    vowel_end, consonant_end = DEFINITE_SUFFIXES
    return stem + (vowel_end if stem.endswith("e") else consonant_end)


def _genitive_body(m: P.Match[str]) -> str:
    """The body a genitive meeting phrase names: "Forældrebestyrelses møde" -> Forældrebestyrelsen,
    "Byrådets møde" -> Byrådet."""
    named = m.group("body")
    return _definite(named) if named.casefold().endswith(BODY_NOUNS) else named


def _body_from_title(title: str) -> str | None:
    if len(title) > MAX_TITLE_CHARS:  # no title; spares a dozen passes over a huge first line
        return None
    if " > " in title or any(title[i - 1].isalpha() for i in range(1, len(title)) if title[i] == ":"):
        return None  # "Online: Jonas Vinum" is a field, "Referater > Bestyrelsesmøder" a breadcrumb
    s = P.NOISE_SUFFIX.sub("", P.NOISE_PREFIX.sub("", title)).strip()
    m = P.GENITIVE_MEETING.search(s)
    if m:
        return _genitive_body(m)
    m = P.COMPOUND_MEETING.search(s)
    if m and m.group("stem").casefold().endswith(BODY_NOUNS):
        stem = m.group("stem")
        return _definite(stem[0].upper() + stem[1:])
    m = P.TITLE_KIND_SPLIT.search(s)
    if m:
        return s[: m.start()].strip() or None
    _, start, _ = find_date(s)
    if start > 0:
        s = P.DATE_PREAMBLE.sub("", s[:start])  # "… Seniorråd. Torsdag den " before the date
    # Drop the kind words by taking the first stretch between them, never by gluing the
    # words on either side together: a body must occur in the text as printed.
    for rx in (P.KIND_WORD["referat"], P.KIND_WORD["dagsorden"]):
        s = next((part for part in rx.split(s) if part.strip()), "")
    s = P.MEETING_LEAD.sub("", " ".join(s.split()))
    s = " ".join(s.split()).strip(" .,:-–()")
    # Prose holds small sentence words; a body's name may hold "for" ("Lokalrådet for Vestby"), and
    # one ending in a body noun may open with an article ("Det lokale råd").
    if not s or not s[0].isupper() or len(s.split()) > 8:
        return None
    if P.PROSE_WORD.search(s) and not (len(s.split()) <= 4 and s.casefold().endswith(BODY_NOUNS)):
        return None
    return s


# The header's sentences ("Referat af mødet i X den … kl. … i …") are read in the first this many
# characters of a line: some 30 patterns run over these lines, and over one 5 MB line (text
# with no line breaks) they took seconds; no header sentence is that long.
HEADER_LINE_CHARS = 10_000


def _capped(t: Token) -> Token:
    """``t`` with its text cut to HEADER_LINE_CHARS (a copy; most lines come back as they are)."""
    if len(t.text) <= HEADER_LINE_CHARS:
        return t
    text, content = t.line.text[:HEADER_LINE_CHARS], t.line.content[:HEADER_LINE_CHARS]
    return replace(t, line=replace(t.line, text=text, content=content))


def extract_header(layout: Layout, has_decisions: bool, place_model: Model | None = None,
                   body_model: Model | None = None, date_model: Model | None = None,
                   time_model: Model | None = None) -> Header:
    """The header's fields; the models replace the shipped place, body, date and start-time weights
    (cross-validation)."""
    h = Header()
    times = meeting_time.TimeReadings()
    fields: list[tuple[str, str]] = []
    bodies: list[tuple[str, int, dict[str, float]]] = []  # (value, header line or -1, marks): weighed below

    def propose(value: str | None, line: int = -1, **marks: float) -> None:
        if value and (value := body.clean(_trim_body(value.strip()))) and any(c.isalpha() for c in value):
            bodies.append((value, line, marks))

    toks = layout.tokens
    header = layout.header
    dates = meeting_date.collector(lambda: "\n".join(x.text for x in toks[len(header):][:BELOW_LINES]))

    def date_of(text: str, line: int = -1, **marks: float) -> float:
        """Offer the text's date; 1.0 if it had one (the start time's "dated" mark), else 0.0."""
        iso = find_date(text)[0]
        if iso:
            dates.offer(iso, line, **marks)
        return float(iso is not None)

    content = [t for t in header if t.kind != BLANK]
    if content:
        h.start_line, h.end_line = content[0].no, content[-1].no
    snippets = _snippets(content)
    first = next((t for t in toks if t.kind != BLANK and not _chrome(t.text) and t.no not in snippets), None)
    if first is not None and first.kind in (TEXT, LABEL, MARKER) and first in header:
        h.title = _title([t for t in header if t.no not in snippets] if snippets else header) or first.text
    idx = {id(t): k for k, t in enumerate(toks) if t.kind == FIELD}  # where each field stands

    # 1. Explicit fields, in the header zone and the trailer.
    paired = _labels_then_values(header)
    for t in header + layout.trailer:
        if t.kind != FIELD:
            continue
        key = t.key or ""
        vals = [paired[id(t)]] if id(t) in paired else _value_lines(toks, idx[id(t)], many=key == "field:location")
        value = " ".join(vals).strip()
        if not value:
            continue
        fields.append((key, value))
        if key == "field:body":
            propose(value, labelled=1)
        elif key == "field:subject":
            dated = date_of(value, subject=1)  # "Emne: Referat … torsdag den 16. november 2021 kl. 20"
            start, end = find_times(value)
            times.offer_times(start, end, subject=1, dated=dated)
            if not h.start_time:
                h.start_time, h.end_time = start, end
            m = P.MEETING_NUMBER.match(value) or P.MEETING_OF.match(value)
            if m:
                propose(m.group("body"), field_meeting=1, meeting_phrase=1)
                if "n" in m.groupdict() and m.group("n"):
                    h.number = m.group("n")
            propose(_body_of_meeting_word(value), field_meeting=1, meeting_word=1)  # "Emne: Skolebestyrelsesmøde"
        elif key in ("field:date",):
            dated = date_of(value, labelled=1)
            start, end = find_times(value, need_clock=False)
            times.offer_times(start, end, date_field=1, dated=dated)
            h.start_time = h.start_time or start
            h.end_time = h.end_time or end
        elif key == "field:time":
            dated = date_of(value, time_field=1)  # "Tidspunkt: onsdag den 26. november 2019 kl. 19"
            start, end = find_times(_undated(value), need_clock=False, bare_hours=True)  # "Tid: 17-19"
            times.offer_times(start, end, time_field=1, dated=dated)
            h.start_time = h.start_time or start
            h.end_time = h.end_time or end
        elif key == "field:end":
            start, _ = find_times(_undated(value), need_clock=False)
            h.end_time = h.end_time or start
        elif key == "field:kind":
            propose(_body_of_meeting_word(value), field_meeting=1, meeting_word=1)  # "Møde: Bestyrelsesmøde"
            for kind, rx in P.KIND_WORD.items():
                if rx.search(value):
                    h.kind = kind
    if not any(k in _WHEN_WHERE for k, _ in fields):  # no header says when or where: the decisions may
        for key, value in _decision_head_fields(layout):
            fields.append((key, value))
            if key in ("field:date", "field:time"):
                dated = date_of(value, decision_head=1)
                start, end = find_times(value, need_clock=False)
                times.offer_times(start, end, decision_head=1, dated=dated)
                h.start_time, h.end_time = h.start_time or start, h.end_time or end
    for t in toks:
        if t.kind != FIELD or t.key != "field:chair":
            continue
        vals = _value_lines(toks, idx[id(t)], many=False)
        names = split_names(" ".join(vals)) if vals else []
        if names and not h.chair:
            h.chair = names[0]
    h.taker_sources = labelled(layout)
    h.minute_takers = next((names for _, names in h.taker_sources if names), [])

    # 2. Sentence-like header lines: "… mødet i X den <date> kl. <time> i <place>".
    lines = [_capped(t) for t in header if t.kind in (TEXT, LABEL, MARKER, HEADING) and not _other_meeting(t.text)
             and not _chrome(t.text) and t.no not in snippets]
    joined = " ".join(t.text for t in lines[:8])  # "Referat / til / mødet i X / den …" spans lines
    m = P.MEETING_IN.search(joined)
    if m and m.group("body")[:1].isdigit():
        m = None  # "Udvalgets 2. møde i 2015, tirsdag den …": a year, not a body
    if m:
        named = m.group("body").strip()
        if named.isupper() and len(named) <= 6:  # "møde i KBG": a later line may spell it out
            spelled = next((b for x in P.MEETING_IN.finditer(joined)
                            if not (b := x.group("body").strip()).isupper()), None)
            propose(spelled, 0, meeting_phrase=1, spelled_out=1)
        propose(named, 0, meeting_phrase=1)
    for n, t in enumerate(lines[:8]):  # "Referat fra Beboerrådets møde 3. maj 2019": a meeting phrase too
        if "møde" in t.text and (g := P.GENITIVE_MEETING.search(t.text)) is not None:  # the pattern's own word
            propose(_genitive_body(g), n, meeting_phrase=1)
    line_dates = [find_date(t.text) for t in lines[: max(meeting_date.HEADER_LINES, place.MAX_LINES + 1)]]
    first = True
    for n, t in enumerate(lines[: meeting_date.HEADER_LINES]):
        iso, d_start, d_end = line_dates[n]
        if iso:
            rest = [w.strip(".,:;()").casefold() for w in (t.text[:d_start] + " " + t.text[d_end:]).split()]
            dates.offer(iso, n, header_line=1, first=float(first), position=n / meeting_date.HEADER_LINES,
                        alone=float(all(w in DATE_LINE_WORDS or not w.strip("•-–*") for w in rest)),
                        meeting_line=float(any(rx.search(t.text) for rx in P.KIND_WORD.values())
                                           or (("ø" in t.text or "Ø" in t.text)  # "møde" in any case has one
                                               and bool(P.COMPOUND_MEETING.search(t.text)))))
            first = False
        if iso or P.TIME_RANGE.search(t.text):
            start, end = find_times(t.text, need_clock=not iso)
            times.offer_times(start, end, n, header_line=1, dated=float(bool(iso)),
                              position=n / meeting_date.HEADER_LINES)
            if start and not h.start_time:
                h.start_time, h.end_time = start, h.end_time or end
    h.places = place.candidates(lines, header, fields, line_dates)  # the lines' dates are read once
    place_model = place.shipped() if place_model is None else place_model
    h.location = place.choose(h.places, place_model)
    written_by: list[str] = []  # "Referatet er skrevet af Lise", at the head or the end of the minutes
    for t in [*lines[:8], *map(_capped, _last_texts(toks, END_LINES))]:
        if "eferat" in t.text and (m := P.TAKER_PROSE.search(t.text)):
            written_by = split_names(m.group("names"))
            break
    h.taker_sources.append(("prose", written_by))
    h.minute_takers = h.minute_takers or written_by

    # 3. The title; a body made from the meeting word ("lokalrådsmøde" -> "Lokalrådet") gives way
    # to a header line that names it in full ("Hvidovre Lokalråd").
    from_title: dict[str, str | None] = {}  # the title is often the first line: read it once

    def body_of(line: str) -> str | None:
        if line not in from_title:
            from_title[line] = _body_from_title(line)
        return from_title[line]

    if h.title:
        derived = body_of(h.title)
        propose(derived, 0, title=1)
        if derived and derived not in h.title:
            propose(_named_in_full(derived, lines), 0, title=1, spelled_out=1)

    # 4. Decision headings name the body and the date: the first that does is read (they repeat it).
    for t in toks:
        if t.kind == LABEL and t.body:
            propose(t.body, decision_heading=1)
            if not dates and t.date:
                date_of(t.date, decision_heading=1)
            if dates:
                break
    h.dates = dates.all()
    date_model = meeting_date.shipped() if date_model is None else date_model
    h.date, date_policy = meeting_date.choose(h.dates, date_model)

    # 5. The first lines ("Regionsrådet 24-11-2020 13:00"), never the place.
    for n, t in enumerate(lines[:4]):
        if t.kind == TEXT and t.text != h.location and not place.not_a_place(t.text):  # no person line
            propose(body_of(t.text), n, first_line=1)

    # 6. Prose: "Mødet i X begyndte kl. 14:30 og sluttede kl. 17:00"; "Mødet sluttede 21.00".
    if not h.end_time:  # "Mødet sluttede 21.00" closes the minutes: read the last lines only
        for t in _last_texts(toks, END_LINES):
            if any(map(t.text.lower().__contains__, END_WORDS)):
                me = P.TIME_PROSE["end"].search(t.text)
                if me:
                    h.end_time = f"{int(me.group('h')):02d}:{me.group('m')}"
                    break
    if not h.start_time:  # the first prose line that says when the meeting began; it may name the body
        for t in toks:
            if t.kind != TEXT:
                continue
            ms = P.TIME_PROSE["start"].search(t.text)
            if ms:
                h.start_time = f"{int(ms.group('h')):02d}:{ms.group('m')}"
                me = P.TIME_PROSE["end"].search(t.text)
                if me:
                    h.end_time = f"{int(me.group('h')):02d}:{me.group('m')}"
                times.offer_times(h.start_time, h.end_time if me else None, prose=1)
                mb = P.MEETING_IN_PROSE.search(t.text)
                if mb:
                    propose(mb.group("body"), prose=1)
                break

    h.times = times.all()  # the start time: the cascade's order is a feature; the weights choose
    time_model = meeting_time.shipped() if time_model is None else time_model
    start = meeting_time.choose(h.times, time_model)
    if start != h.start_time:
        h.end_time = times.ends.get(start, h.end_time) if start else h.end_time
        h.start_time = start
    time_why = readings.explain("start time", h.times, time_model, h.start_time)

    for n, t in enumerate(lines[:TITLE_LINES]):  # "… REGION SYD SUNDHEDSUDVALGET": the body's own word
        if not P.BODY_NOUN_IN.search(t.text.casefold()):
            continue  # one search rules out a line without a body noun
        for word in t.text.split():
            word = word.strip(".,:;()\"'«»")
            if len(word) > 5 and word.casefold().endswith(BODY_DEFINITE_FORMS):
                propose(word, n, named_word=1)
    propose(_assembly(lines[:TITLE_LINES]), 0, assembly=1)
    for n, t in enumerate(lines[:8]):  # "det årlige Gruppemøde", "ordinært afdelingsmøde": its own word
        m = P.OWN_MEETING.search(t.text) if "øde" in t.text or "ØDE" in t.text else None
        if m and (m.group("adjective").casefold() in ANNUAL_ADJECTIVES
                  or not m.group("stem").casefold().endswith(BODY_NOUNS)):
            word = m.group("word")
            propose(word[0].upper() + word[1:] + "t", n, own_meeting=1)
    parts: list[str] = []  # the text's head, where mentions are counted
    size = 0
    for t in toks:
        if size >= body.MENTION_CHARS:
            break
        parts.append(t.text)
        size += len(t.text) + 1
    text = "\n".join(parts)[: body.MENTION_CHARS]
    named = _named_bodies(text)
    if named and named[0][1] >= 2:  # the body the text names most, twice or more
        propose(named[0][0], mentioned=1)
    shortest: dict[str, str] = {}  # each body noun read so far, and its shortest reading
    for value, _, _ in bodies:
        if (noun := _noun_of(value)) and len(value) < len(shortest.get(noun, value + " ")):
            shortest[noun] = value
    for word, _ in named:  # "Rådsmøde" in the title, "Menighedsrådet" in the items: its full name
        noun = _noun_of(word)  # whose stem ends in the reading's: "Økonomiudvalget" is no "Socialudvalget"
        if noun in shortest and len(word) > len(shortest[noun]) and " " not in word \
                and (word.casefold().endswith(shortest[noun].casefold())  # "Menighedsrådet" of "Rådet"
                     or body.stem(word).endswith(body.stem(shortest[noun]))):  # "Generalforsamlingen"
            propose(word, specified=1)
    found = body.collector(text, h.location)
    for value, line, marks in bodies:
        found.offer(value, line, **marks)
    h.bodies = body.related(found.all())
    body_model = body.shipped() if body_model is None else body_model
    h.body = body.choose(h.bodies, body_model)
    h.why = [w for w in (readings.explain("date", h.dates, date_model, h.date, date_policy), time_why,
                         readings.explain("place", h.places, place_model, h.location),
                         readings.explain("body", h.bodies, body_model, h.body)) if w]

    # Kind: decisions make minutes; otherwise the words of the header say: its title lines
    # first; a "Dagsorden:" marker (minutes print their agenda too) only as a last resort.
    h.lines = lines
    h.attendance = _attendance_taken(header)
    if has_decisions:
        h.kind = "referat"
    elif not h.kind:
        h.kind = kind_in([t for t in lines[:KIND_LINES] if t.kind != MARKER])
        if h.kind is None and h.attendance:
            h.kind = "referat"  # who was there is known only after the meeting
        if h.kind is None:
            h.kind_hint = kind_in(lines[:KIND_LINES])
    return h


_DEFINITE_ENDINGS = frozenset(e + g for e in ("en", "et", "n") for g in ("", "s"))  # "rådet", "Rådets"
_MEETING_ENDINGS = frozenset(s + "møde" + e for s in ("", "s") for e in ("", "t", "r", "rne", "s"))


_WHEN_WHERE = ("field:date", "field:time", "field:location")


def _decision_head_fields(layout: Layout) -> list[tuple[str, str]]:
    """The date, time and place fields at the head of the first decision that has them ("Beslutning fra
    Kulturrådet" / "Dato: 3. maj 2021" / "Sted: Mødesal 2"): minutes with no header repeat the meeting's
    metadata under every decision (FORMAT.md: metadata at a decision's head is not the decision)."""
    for item in layout.items:
        for b in item.blocks:
            if b.kind != "decision":
                continue
            out = []
            for t in b.tokens:
                if t.kind == BLANK:
                    continue
                if t.kind != FIELD:
                    break
                if t.key in _WHEN_WHERE and t.value:
                    out.append((t.key, t.value))
            if out:
                return out
    return []


def _noun_of(value: str) -> str:
    """The body noun a reading ends in, folded, without its definite ending ("Menighedsrådet" -> "råd")."""
    folded = value.casefold().rstrip(" .")
    for ending in ("en", "et", "n", ""):  # a C-level test of all the nouns at once, per ending
        stem = folded[: len(folded) - len(ending)] if ending and folded.endswith(ending) else folded
        if (not ending or stem is not folded) and stem.endswith(BODY_NOUNS):
            return next(n for n in BODY_NOUNS if stem.endswith(n))
    return ""


def _named_bodies(text: str) -> list[tuple[str, int]]:
    """The bodies the text names, in their definite form or as a meeting word's stem ("landsbyrådet",
    "Rådets", "menighedsrådsmøde" -> Menighedsrådet), most often named first (then the first named),
    with how often. Found by the nouns' own positions (``str.find``), not a pattern tried at every
    character."""
    lower = text.lower()
    if len(lower) != len(text):
        return []  # a letter whose lower case is longer ("İ"): positions would not match
    counts: dict[str, list] = {}  # folded -> [count, first position, as printed]
    seen: set[int] = set()  # word starts counted ("samråd" and "råd" find the same word)
    for noun in BODY_NOUNS:
        i = lower.find(noun)
        while i >= 0:
            end = i + len(noun)
            stop = end
            while stop < len(lower) and lower[stop].isalpha():
                stop += 1
            start = i
            while start and lower[start - 1].isalpha() and i - start < MENTION_STEM_CHARS:
                start -= 1
            ending = lower[end:stop]
            word = None
            if ending in _DEFINITE_ENDINGS:  # as printed ("Rådets" -> "Rådet"): a name is never invented
                word = text[start:stop - 1] if ending.endswith("s") else text[start:stop]
            elif ending in _MEETING_ENDINGS:  # FORMAT.md: "menighedsrådsmøde" -> Menighedsrådet
                stem = text[start:end]
                word = _definite(stem[0].upper() + stem[1:])
            if word and start not in seen:
                seen.add(start)
                entry = counts.setdefault(word.casefold(), [0, start, word])
                entry[0] += 1
                entry[1] = min(entry[1], start)
                if word[0].isupper() and not entry[2][0].isupper():
                    entry[2] = word  # shown as the text capitalises it, where it does
            i = lower.find(noun, stop)
    ranked = sorted(counts.values(), key=lambda e: (-e[0], e[1]))
    return [(word, count) for count, _, word in ranked]


def _body_of_meeting_word(value: str) -> str | None:
    """"Bestyrelsen" from a field's value that is a compound meeting word ("Bestyrelsesmøde",
    "Styregruppemøde (holdes hver måned)"), else None."""
    m = P.COMPOUND_MEETING.search(value)
    if not m or m.start() > 0 or not m.group("stem").casefold().endswith(BODY_NOUNS):
        return None
    stem = m.group("stem")
    return _definite(stem[0].upper() + stem[1:])


def _assembly(lines: list[Token]) -> str | None:
    """"Generalforsamling" when the title lines say the meeting is a general assembly."""
    for t in lines:
        words = t.text.split()
        for n, word in enumerate(words):
            if word.strip(".,:;#*").casefold() in ASSEMBLY_WORDS:
                keep = n > 0 and words[n - 1].casefold() in ASSEMBLY_KEPT_ADJECTIVES
                return " ".join([*(words[n - 1 : n] if keep else []), word.strip(".,:;#*")])
    return None


def _trim_body(body: str) -> str:
    """The body without what was read with it: the parent organisation before it ("Sankt Peders
    Sogn, Menighedsrådet", "Vestby Kommune. Byrådet", "Region Syd Sundhedsudvalget") and a compound
    meeting word before "i"
    ("Medlemsmøde i Foreningen Lyst")."""
    words = body.split()
    if len(words) > 2 and words[1].casefold() == "i" and words[0].casefold().endswith(COMPOUND_MEETING_SUFFIXES):
        return " ".join(words[2:])
    for sep in (", ", ". "):
        head, found, last = body.rpartition(sep)
        if found and head and last[:1].isupper() and last.casefold().endswith(BODY_DEFINITE_FORMS):
            return last
    if len(words) > 2 and words[-1].casefold().endswith(BODY_DEFINITE_FORMS) and "-" not in words[-2] \
            and any(w.casefold().startswith(ORGANISATION_NOUNS) for w in words[:-1]):
        return words[-1]  # "REGION SYD SUNDHEDSUDVALGET": the organisation, unparted, then its body
    return body


def _labels_then_values(header: list[Token]) -> dict[int, str]:
    """Flattened PDF headers print the labels first and the values after, in the same order:
    "Dato:" / "Tid:" / "Sted:" / "12. marts 2020" / "kl. 17.00" / "Rådhuset". Pairs them up.
    """
    out: dict[int, str] = {}
    toks = [t for t in header if t.kind != BLANK]
    k = 0
    while k < len(toks):
        run = k
        while run < len(toks) and toks[run].kind == FIELD and not toks[run].value and \
                (toks[run].key or "").startswith("field:"):
            run += 1
        n = run - k
        values = toks[run : run + n]
        if n >= 2 and len(values) == n and all(v.kind in (TEXT, HEADING) for v in values):
            out.update((id(f), v.text) for f, v in zip(toks[k:run], values, strict=True))
            k = run + n
        else:
            k = max(run, k + 1)
    out.update(_values_after_labels_on_a_line(toks))
    return out


def _values_after_labels_on_a_line(toks: list[Token]) -> dict[int, str]:
    """The same on one flattened line: "Dato: Mødetid: Kl Mødested: Udsendt: Afbud: Torsdag den
    3-maj-2001 Byrådssalen". Fields of one source line whose values are empty or a label's vestige
    (a bare clock word, a word with a colon) and then a field whose value holds a date: that
    value is theirs, handed out by its shape: the date to the date's label, the time after it to
    the time's, what follows them to the place's; the field that carried it keeps nothing
    (research phenomenon 27)."""
    out: dict[int, str] = {}
    by_line: dict[int, list[Token]] = {}
    for t in toks:
        if t.kind == FIELD:
            by_line.setdefault(t.no, []).append(t)
    for fields in by_line.values():
        bare = 0
        while bare < len(fields) and _vestige(fields[bare].value or ""):
            bare += 1
        if bare < 2 or bare == len(fields):
            continue
        carrier, labels = fields[bare], fields[:bare]
        value = carrier.value or ""
        iso, _, d_end = find_date(value)
        keys = [t.key for t in labels]
        if not iso or "field:date" not in keys or carrier.key in ("field:date", "field:time"):
            continue
        after = value[d_end:]
        times = [m for m in P.TIME_RANGE.finditer(after) if m.group("kl") or m.group("m") is not None]
        cut = times[-1].end() if times else 0  # the date's time ends here
        when, rest = after[:cut], after[cut:]
        if "field:time" in keys:
            out[id(labels[keys.index("field:time")])] = when
            when = ""
        out[id(labels[keys.index("field:date")])] = value[:d_end] + when  # "Dato: Tid:": the date's label reads both
        if "field:location" in keys and (where := rest.strip(" ,.;–-")):
            out[id(labels[keys.index("field:location")])] = where
        out.update((id(t), "") for t in labels if id(t) not in out)
        out[id(carrier)] = ""
    return out


def _vestige(value: str) -> bool:
    """A field's value that is no value: nothing, a bare clock word ("Kl"), the next label ("Udsendt:")."""
    v = value.strip()
    return not v or v.casefold() in CLOCK_WORDS or (v.endswith(":") and " " not in v)


def _named_in_full(derived: str, lines: list[Token]) -> str | None:
    """A short early line holding the derived body's stem with more words: its full name."""
    stem = derived.casefold()
    for suffix in DEFINITE_SUFFIXES:
        stem = stem.removesuffix(suffix) if len(stem) > 4 else stem
    for t in lines[:6]:
        words = t.text.split()
        if 1 < len(words) <= 5 and stem in t.text.casefold() and not any(c.isdigit() for c in t.text) \
                and not any(rx.search(t.text) for rx in P.KIND_WORD.values()) \
                and any(stem in w and not w.endswith(COMPOUND_MEETING_SUFFIXES) for w in t.text.casefold().split()):
            return t.text.strip(" .:")  # the stem in a name, not only in the meeting word ("Bestyrelsesmøde i X")
    return None


def _other_meeting(text: str) -> bool:
    """A line about other meetings ("Næste møde: 12. maj kl. 17", "Byrådsmøderne begynder kl. 16")."""
    low = text.lower()
    return any(map(low.__contains__, OTHER_MEETINGS))


def _last_texts(toks: list[Token], n: int) -> list[Token]:
    """The last ``n`` text lines, in document order."""
    out: list[Token] = []
    for t in reversed(toks):
        if t.kind == TEXT:
            out.append(t)
            if len(out) == n:
                break
    return out[::-1]


def kind_in(lines: list[Token]) -> str | None:
    """The kind word that comes first in these lines."""
    text = " ".join(t.text for t in lines)
    pos = {k: (m.start() if (m := rx.search(text)) else 10**9) for k, rx in P.KIND_WORD.items()}
    best = min(pos, key=lambda k: pos[k])
    return best if pos[best] < 10**9 else None


def _attendance_taken(header: list[Token]) -> bool:
    """A list of who was present or absent ("Til stede: …", "Fraværende: …") that names someone."""
    toks = [t for t in header if t.kind != BLANK]
    for n, t in enumerate(toks):
        if t.kind == FIELD and t.label and t.label.casefold() in ATTENDANCE_FOLDED:
            value = t.value or (toks[n + 1].text if n + 1 < len(toks) and toks[n + 1].kind == TEXT else "")
            if split_names(value):
                return True
    return False


def _title(header: list[Token]) -> str | None:
    """The first early line naming the kind or the date with more words ("X - referat 21-06-2010")."""
    early = [t for t in header if t.kind in (TEXT, LABEL, MARKER) and not _chrome(t.text)][:6]
    for t in early:
        head = _capped(t).text  # read in its first HEADER_LINE_CHARS; the title is the whole line
        has_kind = any(rx.search(head) for rx in P.KIND_WORD.values())
        if len(head.split(None, 2)) >= 2 and (has_kind or find_date(head)[0]):
            return t.text
    return None


def _undated(value: str) -> str:
    """A time field's value without its date: "03-11-2015 16:30:00" is no range of hours "03-11"."""
    iso, start, end = find_date(value) if any(c.isdigit() for c in value) else (None, 0, 0)
    return f"{value[:start]} {value[end:]}" if iso else value


def _snippets(content: list[Token]) -> set[int]:
    """The lines (numbers) that are a later header line cut short with an ellipsis: a search result's
    snippet above the page it opens ("Udvalgets 2. møde i 2015, tirsdag den 12. maj kl. 14 ..." above
    "… kl. 14,30-16,00"). Chrome: its time and date are the full line's, cut (research phenomenon 14).
    Letters and digits are compared, so a comma the snippet adds or drops does not matter."""
    cut = [t for t in content if t.text.rstrip().endswith(_ELLIPSES)]
    if not cut:
        return set()
    out: set[int] = set()
    for t in cut:
        key = _alnum(t.text.rstrip().rstrip("." + _ELLIPSES[1]))
        if len(key) >= SNIPPET_CHARS and any(u.no > t.no and _alnum(u.text).startswith(key) for u in content):
            out.add(t.no)
    return out


def _alnum(s: str) -> str:
    return "".join(c for c in s.casefold() if c.isalnum())


def _chrome(s: str) -> bool:
    """Page chrome, by its shape, never a value: a breadcrumb ("Referater / Referat 28.2.2024",
    "Forside > Politik"), a page mark opening the line ("Page 4 - Akkorden febr. 19"), a UI
    identifier ("Aula_close Layer 1"), a share or print button ("Del indlæg")."""
    t = s.strip()
    words = t.split()
    if not words:
        return False
    if t.endswith(("/", ">", "»")) or any(sep in t for sep in (" / ", " > ", " » ")):
        return True
    if words[0].casefold() in PAGE_WORDS_FOLDED and len(words) > 1 and words[1].rstrip(".:").isdigit():
        return True
    if any("_" in w and w.replace("_", "").isalnum() and not w.isdigit() for w in words):
        return True
    return t.casefold() in UI_LINES_FOLDED


