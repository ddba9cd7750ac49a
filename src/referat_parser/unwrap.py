"""Stage 0b: text -> the same text with hard-wrapped lines joined again (and where each came from).

Text exported at a fixed width (e-mail, old web pages, ``fmt``/``textwrap``, some PDF text)
breaks titles, sentences and whole flattened paragraphs over several lines; the stages after
this one must read the same document whatever the width. A text is hard-wrapped when many of
its lines end close to one width ``W`` and almost none is longer. In such a text a line is
joined to the one before when its first word would not have fitted there (how a greedy
wrapper breaks) and it does not start something of its own: a bullet, a numbered line, a
label or field ("Beslutning:", "Afbud:"), a table row, a Markdown block, or a short line after
a finished sentence. A text with no such width comes back unchanged. ``numbers`` says which
input line each output line starts on, so spans still point at the input.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from referat_parser import patterns as P

# The narrowest and widest widths a wrapped export uses.
MIN_WIDTH, MAX_WIDTH = 40, 160
# A width is the text's when this share of its lines end within SLACK of it ...
WRAPPED_SHARE = 0.25
SLACK = 20
# ... and at most this share of them run past it (a long URL, a table row).
OVER_SHARE = 0.03
# Too few lines say nothing about a width.
MIN_LINES = 12
# The fewest full lines running on into a lower-case line that show a text was wrapped.
MIN_RUN_ON = 3
# Without a width most lines end near (many short lines: headings, bullets, names), this many
# full lines running on into a lower-case line, nearly all ending near one width, show it too ...
RUN_ON_LINES = 10
RUN_ON_NEAR = 0.8
# ... where a few more lines may run past it (a PDF reader's re-joined hyphenated words).
RUN_ON_OVER = 0.05
# Proportional fonts (PDF) break a little before the character count says.
TOLERANCE = 2
# A line this much shorter than the width, after a finished sentence, continues no paragraph.
SHORT_SHARE = 0.6
# Lines that open a block of their own in Markdown or a table.
_BLOCK_MARKS = ("#", ">", "|", "```", "\t")
_OWN_LEADS = P.LABEL_LEADS | P.FIELD_LEADS | P.MARKER_LEADS | P.PREFIX_LEADS


@dataclass(frozen=True, slots=True)
class Unwrapped:
    text: str
    numbers: list[int] | None  # input line number of each output line; None: unchanged


def wrap_width(raws: list[str]) -> tuple[int, int] | None:
    """The width the text was hard-wrapped at and how many characters short of it a line may break, or
    None. Widths found from run-on lines alone are a proportional font's (PDF): an eighth of it (a line of
    narrow letters holds that many more)."""
    if width := _width_of_lines(raws):
        return width, _tolerance(raws, width)
    if width := _width_of_run_ons(raws):
        return width, max(TOLERANCE, width // 8)
    return None


def _tolerance(raws: list[str], width: int) -> int:
    """How short of ``width`` a line may break: a monospaced export breaks only where the next word would not
    fit (TOLERANCE); a proportional font breaks where the lines that run on say it does (the shortest but a
    twentieth of them, as line length plus the next word), at most an eighth of the width. Breaks that
    spread less than a sixteenth of the width are a fixed-width export's that misjudged its width."""
    fits = sorted(len(a) + 1 + len(b.split(None, 1)[0]) for a, b in _run_ons(raws))
    short = width - fits[len(fits) // 20] + 1 if fits else 0
    if short <= width // 16:
        return TOLERANCE
    return max(TOLERANCE, min(width // 8, short))


def _run_ons(raws: list[str]) -> list[tuple[str, str]]:
    """(line, next line) where a line long enough to be wrapped runs on into a lower-case line."""
    return [(a, b) for a, b in pairwise(raws) if len(a) >= MIN_WIDTH and b.lstrip()[:1].islower()]


def _width_of_run_ons(raws: list[str]) -> int | None:
    """The width the lines that run on into a lower-case line end at, when there are many and nearly all
    end near one width (a wrapped text with many short lines of its own)."""
    runs = sorted(len(a) for a, _ in _run_ons(raws))
    if len(runs) < RUN_ON_LINES:
        return None
    width = runs[int(len(runs) * 0.9)]  # the longest, but for a tenth: a run-on line is at most full
    lengths = [len(r) for r in raws if r]
    near = sum(1 for n in runs if width - SLACK <= n <= width + TOLERANCE)
    over = sum(1 for n in lengths if n > width + TOLERANCE)
    if not MIN_WIDTH <= width <= MAX_WIDTH or near < RUN_ON_NEAR * len(runs) or over > RUN_ON_OVER * len(lengths):
        return None
    return width


def _width_of_lines(raws: list[str]) -> int | None:
    """The width many of the lines end near and almost none passes."""
    lengths = [len(r) for r in raws if r]
    if len(lengths) < MIN_LINES or sum(n > MAX_WIDTH + TOLERANCE for n in lengths) > OVER_SHARE * len(lengths):
        return None  # too few lines, or too many longer than any wrap width: no sort needed
    lengths.sort()
    width = lengths[len(lengths) - 1 - int(len(lengths) * OVER_SHARE)]  # the longest, but for a few
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    near = sum(1 for n in lengths if width - SLACK <= n <= width)
    over = sum(1 for n in lengths if n > width + TOLERANCE)
    if near < WRAPPED_SHARE * len(lengths) or over > OVER_SHARE * len(lengths):
        return None
    # Short lines of headings and notes can all end near one width too; a wrapped text breaks
    # sentences, so some of its full lines run on into a line that starts in lower case.
    run_on = sum(1 for a, b in pairwise(raws) if len(a) >= width - SLACK and b.lstrip()[:1].islower())
    return width if run_on >= MIN_RUN_ON else None


def _record(s: str) -> bool:
    """"Rikke Degn, direktør, …", "Sygeplejefaglig direktør, Lisbeth …": a capitalised name or title and a
    comma early, as a list's lines are."""
    head = s[:40].partition(",")[0]
    words = head.split()
    return (head != s[:40] and head[:1].isupper() and 1 <= len(words) <= 4
            and all(w.replace("-", "").replace(".", "").isalpha() for w in words))


def _own_line(prev: str, line: str, width: int) -> bool:
    """Does ``line`` start something of its own rather than continue ``prev``?"""
    s = line.lstrip()
    if s.startswith(_BLOCK_MARKS) or prev.lstrip().startswith(_BLOCK_MARKS) or prev.endswith("\\"):
        return True
    if "\t" in prev or "\t" in s:
        return True  # a table row's cells: a row neither continues nor is continued
    if s[0] in P.BULLET_MARKS or (s[0] in "-–*" and s[1:2] == " "):
        return True
    if s[0].isdigit() and P.NUMBERED_LINE_START.match(s):
        return True  # "3. Økonomi" / "12) Eventuelt": a heading or a numbered point
    if len(line) - len(s) > len(prev) - len(prev.lstrip()) + 1:
        return True  # indented deeper than the line above: a paragraph's first line
    if not (s[0].isupper() or s[0].isdigit()):
        return False
    ended = prev[-1:] in ".!?:|"
    if ended and P.LETTERED_HEADING.match(s):
        return True  # "C: Fremlæggelse af regnskab." under a paragraph
    labelled = P.lead_of(s) in _OWN_LEADS
    if len(s) < SHORT_SHARE * width:  # a short line: the end of a paragraph, or a line of its own
        return ended or labelled or (_record(prev.lstrip()) and _record(s))
    if labelled and (ended or ":" in s[:40]):
        return True  # "Beslutning: …", "Afbud: …"
    return _record(prev.lstrip()) and _record(s)  # one person (or thing) per line


def unwrap(text: str) -> Unwrapped:
    """Join the lines a fixed-width export broke; the text unchanged when it has no such width."""
    raws = [r.rstrip() for r in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    wrap = wrap_width(raws)
    if wrap is None:
        return Unwrapped(text, None)
    width, tolerance = wrap
    out: list[str] = []
    numbers: list[int] = []
    last = ""  # the physical line before: whether a word fitted on it is what tells a wrap
    for no, raw in enumerate(raws, 1):
        if (out and out[-1] and raw.strip() and len(last) + 1 + len(raw.split(None, 1)[0]) > width - tolerance
                and len(raw) <= width + tolerance and not _own_line(out[-1], raw, width)):
            out[-1] = f"{out[-1]} {raw.strip()}"
        else:
            out.append(raw)
            numbers.append(no)
        last = raw
    if len(out) == len(raws):
        return Unwrapped(text, None)
    return Unwrapped("\n".join(out), numbers)
