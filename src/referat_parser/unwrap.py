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


def wrap_width(raws: list[str]) -> int | None:
    """The width the text was hard-wrapped at, or None."""
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
    """"Rikke Degn, direktør, …": capitalised words and a comma early, as a list's lines are."""
    head = s[:40].partition(",")[0]
    return head != s[:40] and all(w[:1].isupper() for w in head.split()) and 1 <= len(head.split()) <= 4


def _own_line(prev: str, line: str, width: int) -> bool:
    """Does ``line`` start something of its own rather than continue ``prev``?"""
    s = line.lstrip()
    if s.startswith(_BLOCK_MARKS) or prev.lstrip().startswith(_BLOCK_MARKS) or prev.endswith("\\"):
        return True
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
        return ended or labelled
    if labelled and (ended or ":" in s[:40]):
        return True  # "Beslutning: …", "Afbud: …"
    return _record(prev.lstrip()) and _record(s)  # one person (or thing) per line


def unwrap(text: str) -> Unwrapped:
    """Join the lines a fixed-width export broke; the text unchanged when it has no such width."""
    raws = [r.rstrip() for r in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    width = wrap_width(raws)
    if width is None:
        return Unwrapped(text, None)
    out: list[str] = []
    numbers: list[int] = []
    for no, raw in enumerate(raws, 1):
        if (out and out[-1] and raw.strip() and len(out[-1]) + 1 + len(raw.split(None, 1)[0]) > width - TOLERANCE
                and len(raw) <= width + TOLERANCE and not _own_line(out[-1], raw, width)):
            out[-1] = f"{out[-1]} {raw.strip()}"
            continue
        out.append(raw)
        numbers.append(no)
    if len(out) == len(raws):
        return Unwrapped(text, None)
    return Unwrapped("\n".join(out), numbers)
