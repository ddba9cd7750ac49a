r"""Every compiled regular expression, built from the vocabulary: the one pattern registry.

No other module compiles a pattern. Each pattern is wrapped in :class:`Rx`, compiled on first
use, whose methods bound the time of every call, so no input can make a pattern run away.
Running out raises ``TimeoutError`` (an ``OSError`` subclass), which the pipeline turns into a
``regex-timeout`` diagnostic. Patterns avoid nested quantifiers over overlapping classes;
``tests/test_regex_lint.py`` checks that.

Two engines. Sources are written in the ``regex`` module's syntax (``\p{L}``, ``\p{Lu}``, …;
the flags ``IGNORE``, ``MULTILINE``, ``REVERSE``, ``VERSION1`` below carry its values), and a
pattern runs on stdlib ``re`` wherever its source translates there exactly (:func:`to_re`):
``re`` compiles faster, and a parse then never imports ``regex`` (~10 ms of a cold start).
``\p{…}`` classes are spelled out for the Basic Multilingual Plane
(:mod:`referat_parser.unicode_classes`); possessive quantifiers and atomic groups are ``re``'s
too since Python 3.11; a ``REVERSE`` pattern anchored at the end
(``…$``) is searched forwards, which finds the same match (an alternation before an optional
full stop lists "min" before "min.", so that both directions also fill the same groups);
``VERSION1`` (splits at zero-width matches) is how ``re`` splits anyway. A pattern stays on
``regex`` when ``re`` refuses its source (a variable-width lookbehind, a letter class inside a
negated class, …). The choice is made at a pattern's first use, by a translation and a
try-compile, never at import, and ``regex`` is imported only when a pattern or a call (below)
first needs it. ``tests/test_pattern_engines.py`` holds both engines to the same results,
pattern by pattern, on every call the parser makes on the fixtures and on adversarial lines.

The time rule. ``re`` has no ``timeout=``, but it checks for signals while it matches (every
few thousand steps; ``tests/test_pattern_engines.py`` checks that SIGALRM stops a catastrophic
``re`` match). So a call runs on ``re`` only inside :func:`deadline`, one timer for the whole
parse; every other call (off the main thread, without ``setitimer``, SIGALRM taken by the
program) goes to the pattern's ``regex`` twin with ``timeout=``, as before. Text with
characters beyond the BMP (emoji, mathematical letters) also runs on ``regex``, whose classes
cover every plane. Both engines agree except on characters assigned in a later Unicode version
than the other knows (``regex`` ships a newer one than Python 3.11's 14.0).
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from referat_parser import unicode_classes as U
from referat_parser import vocabulary as V

if TYPE_CHECKING:
    import regex

# Seconds one regex call may take. Generous: real documents take microseconds.
TIMEOUT = 2.0
# Budget for one call on a short string (the length of a long line), checked by
# tests/test_pattern_budget.py on adversarial strings: the timeout is the last resort, the
# patterns themselves must be fast (no nested quantifiers: tests/test_regex_lint.py).
# Inside a deadline, calls of regex patterns on strings this short skip their own timeout.
SHORT = 256
# A whole parse under deadline(): a base plus 6 µs a character (~10x the measured speed, so a
# busy machine does not trip it), and never over DEADLINE_MAX: the readers refuse texts over
# 5,000,000 characters, whose parse takes a few seconds, so a parse still running at
# DEADLINE_MAX is a runaway, not a big document (it was ~50 minutes for 50 MB).
DEADLINE_BASE, DEADLINE_PER_CHAR, DEADLINE_MAX = 2.0, 6e-6, 30.0


def deadline_seconds(chars: int) -> float:
    """The time :func:`deadline` gives a text of ``chars`` characters."""
    return min(DEADLINE_BASE + DEADLINE_PER_CHAR * chars, max(DEADLINE_MAX, DEADLINE_BASE))

# Flags, with the regex module's values (tests/test_pattern_engines.py checks them), so that
# defining a pattern does not import regex. IGNORECASE and MULTILINE have the same values in re.
IGNORE = re.IGNORECASE
MULTILINE = re.MULTILINE
REVERSE = 0x400  # regex.REVERSE: search backwards
VERSION1 = 0x100  # regex.VERSION1: split on zero-width matches; full case folding unless "(?-f)"
VERSION0 = 0x2000  # regex.VERSION0
_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE

_armed = False  # True while deadline() has a timer running in this process
_owner: int | None = None  # the thread it runs for: the signal interrupts that thread, no other
_bmp = False  # True while the text under that timer has no character beyond the BMP: re may run
_thread = threading.get_ident

REGISTRY: dict[str, Rx] = {}
# For annotations elsewhere (no other module imports re or regex): the match objects of both
# engines have what the parser uses (group, groups, groupdict, start, end, span, lastgroup).
Match = re.Match


def escape(s: str) -> str:
    """``s`` as a literal: re's escapes mean the same to the regex module."""
    return re.escape(s)


# --- translation to re --------------------------------------------------------------------------
# \p{L}: \w less decimal digits, "_" and the other numeric characters; \p{Lu}, \p{Ll}, \p{Cf}:
# the class spelled out. All for the BMP: text beyond it runs on regex (see deadline).
_LETTER = rf"[^\W\d_{U.WORD_NOT_LETTER}]"
_SPELLED = {"Lu": U.UPPER, "Ll": U.LOWER, "Cf": U.FORMAT}
# Where case is ignored, regex reads \p{Lu} and \p{Ll} alone (outside a class, or a class's one
# member) as any cased letter (Lu, Ll or Lt); beside other members it folds them as re folds a class.
_CASED = U.UPPER + U.LOWER + U.TITLE
_PROPERTY = re.compile(r"\\p\{(\w+)\}")
_FLAG_GROUP = re.compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])")
# regex-only syntax of VERSION1 that re would read differently instead of refusing: nested sets
# and set operations, scoped full case folding.
_V1_ONLY = ("[[", "--", "&&", "||", "~~", "(?f", "(?-f", "(?V")


def _spelled(name: str, blind: bool) -> str | None:
    """The members of a class for ``\\p{name}`` (not L), case ignored or not; None if not spelled out."""
    if name in ("Lu", "Ll") and blind:
        return _CASED
    return _SPELLED.get(name)


def to_re(source: str, flags: int = 0) -> str | None:
    """``source`` in stdlib ``re`` syntax with the same meaning on BMP text, or None if there is none.

    None for a ``REVERSE`` pattern not anchored at the end, for ``VERSION1`` with case
    folding or set syntax, and for a ``\\p{…}`` this module does not spell out or that
    stands in a negated class with ``\\p{L}``. ``re`` may still refuse the result.
    """
    if flags & REVERSE and not (source.endswith("$") and not source.endswith("\\$")):
        return None
    if flags & VERSION1 and (flags & IGNORE or any(v in source for v in _V1_ONLY)):
        return None
    if "\\p{" not in source:
        return source
    out: list[str] = []
    blind, scopes = bool(flags & IGNORE), []  # whether case is ignored here; its value outside each group
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            m = _PROPERTY.match(source, i)
            if m is None:
                out.append(source[i : i + 2])
                i += 2
                continue
            spelled = _LETTER if m.group(1) == "L" else _spelled(m.group(1), blind)
            if spelled is None:
                return None
            out.append(spelled if spelled is _LETTER else f"[{spelled}]")
            i = m.end()
        elif ch == "(":
            m = _FLAG_GROUP.match(source, i)
            on, off, kind = m.groups() if m else ("", "", ":")
            if kind == ":":
                scopes.append(blind)
            blind = (blind or "i" in on) and "i" not in (off or "")
            out.append(source[i : m.end()] if m else ch)
            i = m.end() if m else i + 1
        elif ch == ")":
            blind = scopes.pop() if scopes else blind
            out.append(ch)
            i += 1
        elif ch == "[":
            j = i + 1
            negated = source.startswith("^", j)
            j += negated
            if source.startswith("]", j):  # a literal ] first in a class
                j += 1
            members, letter, single = [], False, None
            while j < n and source[j] != "]":
                m = _PROPERTY.match(source, j) if source[j] == "\\" else None
                if m is None:
                    step = 2 if source[j] == "\\" else 1
                    members.append(source[j : j + step])
                    j += step
                    continue
                if m.group(1) == "L":
                    letter = True
                else:  # inside a class regex folds \p{Lu} and \p{Ll} as re folds the members
                    spelled = _SPELLED.get(m.group(1))
                    if spelled is None:
                        return None
                    members.append(spelled)
                    single = m.group(1)
                j = m.end()
            if j >= n:
                return None  # unterminated: let regex report it
            if not letter and len(members) == 1 and single is not None:
                members = [_spelled(single, blind) or ""]  # a class of one property is the property
            spelled = "^" * negated + "".join(members)
            if not letter:
                out.append(f"[{spelled}]")
            elif negated:
                return None  # re cannot negate a union with the negated letter class
            else:
                out.append(f"(?:{_LETTER}|[{spelled}])" if members else _LETTER)
            i = j + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _regex_compile(source: str, flags: int) -> regex.Pattern[str]:
    import regex  # here: only patterns and calls that need it pay for importing it

    # VERSION0 unless a pattern asks for VERSION1 (to split on zero-width matches): VERSION1
    # compiles a third slower. With VERSION1, simple case folding ("(?-f)"): Danish never needs
    # full folding (ß = SS), and it makes compiling a case-blind alternation three times slower.
    if flags & VERSION1:
        return regex.compile(f"(?-f){source}" if flags & IGNORE else source, flags)
    return regex.compile(source, flags | VERSION0)


class Rx:
    """A pattern, compiled on first use (on ``re`` where it translates, else ``regex``), every call bounded.

    Compiling lazily keeps the command line's cold start short: a document needs only some of
    the patterns. A call under an armed :func:`deadline` on BMP text goes to the compiled
    pattern without a timeout (the timer bounds it); any other call to the ``regex`` twin,
    without a timeout if it is short and under the timer, else with ``timeout=`` (which costs
    ~2 µs a call: the regex module reads the clock). Only calls on the thread that armed the
    timer count as under it: the signal interrupts that thread alone.
    """

    __slots__ = ("_compiled", "_on_re", "_twin", "flags", "name", "source")

    def __init__(self, name: str, source: str, flags: int = 0) -> None:
        # A plain int: the flags are tested at every call, and "&" on re's RegexFlag enum runs in Python.
        self.name, self.source, self.flags = name, source, int(flags)
        self._compiled: Any = None  # re.Pattern where the source translates, else the regex one
        self._on_re = False
        self._twin: regex.Pattern[str] | None = None  # the regex pattern, compiled when a call needs it

    @property
    def pattern(self) -> re.Pattern[str] | regex.Pattern[str]:
        """The compiled pattern (re or regex), compiled now if it is not yet."""
        if self._compiled is None:
            source = to_re(self.source, self.flags)
            if source is not None:
                with contextlib.suppress(re.error):  # a regex-only construct, e.g. a variable-width lookbehind
                    self._compiled, self._on_re = re.compile(source, self.flags & _RE_FLAGS), True
            if self._compiled is None:
                self._compiled = self._twin = _regex_compile(self.source, self.flags)
        return self._compiled

    @property
    def engine(self) -> str:
        """"re" or "regex": where calls under a deadline run (compiles the pattern)."""
        self.pattern  # noqa: B018 - the property compiles and caches
        return "re" if self._on_re else "regex"

    @property
    def twin(self) -> regex.Pattern[str]:
        """The pattern compiled by the regex module (the same object when that is the engine)."""
        if self._twin is None:
            self._twin = _regex_compile(self.source, self.flags)
        return self._twin

    def _on_re_now(self) -> Any:
        """The re pattern (compiling it first), or None when the pattern runs on regex."""
        self.pattern  # noqa: B018 - the property compiles and caches
        return self._compiled if self._on_re else None

    def _bounded(self, s: str) -> tuple[regex.Pattern[str], dict[str, float]]:
        """The regex twin and the keywords a call on ``s`` takes (a timeout unless the timer bounds it)."""
        return self.twin, ({} if _owner == _thread() and len(s) <= SHORT else {"timeout": TIMEOUT})

    # Each method: under the timer on BMP text, the re pattern where there is one; else the twin.
    # (Written out in each method, not in a helper: a call costs ~2 µs, a helper call a tenth.)
    # A REVERSE pattern on re is anchored at the end, so its backward match (which starts at
    # the end) is a forward search; its finditer and split run backwards, on regex.
    def match(self, s: str, pos: int = 0) -> Match[str] | None:
        if _bmp and _owner == _thread():
            p = (self._compiled if self._on_re else None) if self._compiled is not None else self._on_re_now()
            if p is not None:
                return p.search(s, pos) if self.flags & REVERSE else p.match(s, pos)
        twin, kw = self._bounded(s)
        return twin.match(s, pos, **kw)

    def fullmatch(self, s: str) -> Match[str] | None:
        if _bmp and _owner == _thread():
            p = (self._compiled if self._on_re else None) if self._compiled is not None else self._on_re_now()
            if p is not None:
                return p.fullmatch(s)
        twin, kw = self._bounded(s)
        return twin.fullmatch(s, **kw)

    def search(self, s: str, pos: int = 0) -> Match[str] | None:
        if _bmp and _owner == _thread():
            p = (self._compiled if self._on_re else None) if self._compiled is not None else self._on_re_now()
            if p is not None:
                return p.search(s, pos)
        twin, kw = self._bounded(s)
        return twin.search(s, pos, **kw)

    def finditer(self, s: str) -> Iterator[Match[str]]:
        if _bmp and _owner == _thread() and not self.flags & REVERSE:
            p = (self._compiled if self._on_re else None) if self._compiled is not None else self._on_re_now()
            if p is not None:
                return p.finditer(s)
        twin, kw = self._bounded(s)
        return twin.finditer(s, **kw)

    def sub(self, repl: str | Callable[[Match[str]], str], s: str) -> str:
        if _bmp and _owner == _thread():
            p = (self._compiled if self._on_re else None) if self._compiled is not None else self._on_re_now()
            if p is not None:
                return p.sub(repl, s)
        twin, kw = self._bounded(s)
        return twin.sub(repl, s, **kw)

    def split(self, s: str) -> list[str]:
        if _bmp and _owner == _thread() and not self.flags & REVERSE:
            p = (self._compiled if self._on_re else None) if self._compiled is not None else self._on_re_now()
            if p is not None:
                return p.split(s)
        twin, kw = self._bounded(s)
        return twin.split(s, **kw)


def compile_all() -> None:
    """Compile every pattern now (a batch does it once before forking its workers).

    The workers parse under a deadline, so this compiles what they call: the re pattern where
    there is one (their regex twins wait until a call needs them, e.g. text beyond the BMP).
    """
    for rx in REGISTRY.values():
        rx.pattern  # noqa: B018 - the property compiles and caches


def _can_arm() -> bool:
    """A timer can be ours: POSIX, the main thread, SIGALRM unclaimed and no timer running."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


def _expired(signum: int, frame: object) -> None:
    if _armed:  # not once deadline() is stopping the timer
        raise TimeoutError("the parse ran past its time budget")


def _in_bmp(text: str) -> bool:
    # UTF-16 takes two bytes for a BMP character and four beyond it: one C pass, ~60x faster than
    # max(text). "surrogatepass" lets a lone surrogate (a BMP code point) through as two bytes.
    return text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)


@contextmanager
def deadline(text: str | int, seconds: float | None = None) -> Iterator[bool]:
    """Bound the parse of ``text`` by one timer (SIGALRM) instead of a timeout per call.

    The regex module reads the clock at every call given a timeout, ~2 µs, a sixth of a seed
    document's parse, and ``re`` has no timeout at all; one timer for the whole parse costs
    nothing per call, and both engines check for signals while they match, so a runaway pattern
    is still stopped. Under the timer, calls run on ``re`` (where a pattern has it) if ``text``
    stays in the BMP; given only a length (an int), they stay on ``regex``. The timer runs
    :func:`deadline_seconds` of the length, or ``seconds`` when given.
    Yields whether the timer was armed. It is not (and every call keeps its own timeout)
    off the main thread, without ``setitimer`` (Windows), when SIGALRM or the real-time
    timer is already in use by the program, or inside another deadline.
    """
    global _armed, _bmp, _owner
    if _armed or not _can_arm():
        yield False
        return
    chars = text if isinstance(text, int) else len(text)
    bmp = not isinstance(text, int) and _in_bmp(text)
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, deadline_seconds(chars) if seconds is None else max(seconds, 1e-3))
    _armed, _bmp, _owner = True, bmp, _thread()
    try:
        yield True
    finally:
        # First, with no call in between (Python runs signal handlers only at calls and
        # jumps): from here on a late timer signal finds the handler inert.
        _armed = _bmp = False
        _owner = None
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _rx(name: str, pattern: str, flags: int = 0) -> Rx:
    rx = Rx(name, pattern, flags)
    REGISTRY[name] = rx
    return rx


def behind(words: Iterable[str]) -> str:
    """A lookbehind for any of the literal words (no spaces): one per length, as ``re`` wants fixed widths."""
    by_length: dict[int, list[str]] = {}
    for w in sorted(set(words)):
        by_length.setdefault(len(w), []).append(escape(w))
    return "(?:" + "|".join(f"(?<={'|'.join(ws)})" for _, ws in sorted(by_length.items(), reverse=True)) + ")"


def alt(words: Iterable[str], dotted_last: bool = False) -> str:
    """An alternation of literal phrases, longest first; a space matches any whitespace run.

    ``dotted_last``: a phrase ending in a full stop after the same phrase without it.
    A long one starts with a lookahead for the phrases' first characters: ``re`` tries the
    alternatives one by one at every position (it skips ahead by a first character only for a
    case-sensitive literal), so the lookahead turns most positions away with one class test.
    """
    if dotted_last:
        uniq = sorted(set(words), key=lambda w: (-len(w.rstrip(".")), w.endswith("."), w))
    else:  # ties alphabetically: the same source in every run
        uniq = sorted(set(words), key=lambda w: (-len(w), w))
    body = "(?:" + "|".join(escape(w).replace(r"\ ", r"\s+") for w in uniq) + ")"
    firsts = {w[:1] for w in uniq}
    if len(uniq) < _GUARDED or "" in firsts or any(c.isspace() for c in firsts):
        return body
    return "(?=[" + "".join(escape(c) for c in sorted(firsts)) + "])" + body


_GUARDED = 4  # alternations of this many phrases or more get the first-character lookahead


def alt_tree(words: Iterable[str]) -> str:
    """``alt`` for a case-sensitive pattern, written as a prefix tree: "godkend(?:es|t)".

    The same matches in the same order as ``alt`` (at each branch the longer continuation is
    tried first, the phrase ending there last), but ``re`` reads a shared prefix once instead of
    once an alternative: a quarter faster over long texts. Not for a case-blind pattern: there
    "G…" and "g…" would be two branches, and the shorter phrase in the first could win.
    """
    tree: dict[str, dict] = {}
    for w in set(words):
        node = tree
        for c in w:
            node = node.setdefault(r"\s+" if c == " " else escape(c), {})
        node[""] = {}  # a phrase ends here

    def written(node: dict[str, dict]) -> tuple[str, int]:
        """The node's source and its longest continuation (computed once a node: bottom up)."""
        branches = []
        for unit, child in node.items():
            if unit:
                source, depth = written(child)
                branches.append((-1 - depth, unit, unit + source))
        branches.sort()  # the longer continuation first; ties by unit, the same source every run
        alts = [b[2] for b in branches] + ([""] if "" in node else [])
        return (alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"), -min((b[0] for b in branches), default=0)

    return f"(?:{written(tree)[0]})"


L = r"\p{L}"  # any letter, Danish letters included
UP = r"\p{Lu}"
_DEN = alt(V.DATE_LEAD)  # "den", "d."
_PKT = alt(V.ITEM_REFERENCE)
_AT = alt((V.CLAUSE_LEAD,))
_MEETING_OF = alt(V.MEETING_OF_PHRASES)
_PLACE_IN = alt(V.PLACE_PREPOSITIONS)

# --- normalize: characters and residue --------------------------------------------------------
# Control characters (C0/C1; the line breaks among them are split on first) and every format
# character (\p{Cf}: soft hyphen, zero-width, bidi marks, BOM, U+180E) are dropped.
INVISIBLE = _rx("invisible", "[\u00ad\u200b\u200c\u200d\u2060\ufeff\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f"
                r"\p{Cf}]")
# Terminal escape codes in a captured log: CSI ("ESC [ 0 m", colours, cursor moves), OSC
# ("ESC ] … BEL", window titles; bounded, so an unterminated one cannot eat the text) and
# two-character escapes. Dropped before INVISIBLE would leave "[0m" behind.
ANSI_ESCAPE = _rx("ansi_escape", r"\x1b(?:\[[0-?]*+[ -/]*+[@-~]|\][^\x07\x1b\n]{0,256}+(?:\x07|\x1b\\)?|[@-Z\\-_])")
SURROGATE = _rx("surrogate", "[\ud800-\udfff]")  # lone surrogates cannot be written as UTF-8
HTML_BREAK = _rx("html_break", r"</?(?:p|br|li|div|tr|td|th|h[1-6]|ul|ol|table)\b[^<>\n]{0,200}>", IGNORE)
HTML_TAG = _rx("html_tag", r"</?[a-zA-Z][a-zA-Z0-9]{0,15}(?:\s[^<>\n]{0,200})?/?>")
MARKDOWN_BOLD = _rx("markdown_bold", r"\*{2,}|_{2,}")
MARKDOWN_HEADING = _rx("markdown_heading", r"^#{1,6}\s+")
# A line of only rule characters holding "---" (a table rule) or a "|" (an empty table row). Said
# as a lazy lookahead for the mark, then one possessive run to the end: linear in the line, where
# "[…]*-{3,}[…]*" with "-" in both classes retried every split of a run of dashes (cubic).
TABLE_RULE = _rx("table_rule", r"^(?=[\s|:+-]*?---)[\s|:+-]*+$")
EMPTY_TABLE = _rx("empty_table", r"^(?=[-\s|]*?\|)[-\s|]*+$")
_BULLET_MARKS, _BULLET_DASHES = "•➢▪·◦●■□○\u0335\uf0b7\uf0a7", "-*–o"  # dashes need a space after
BULLET = _rx("bullet", rf"^(?:[{_BULLET_MARKS}]\s*|[{escape(_BULLET_DASHES)}]\s+)")
BULLET_STARTS = frozenset(_BULLET_MARKS + _BULLET_DASHES)  # cheap test before BULLET
BULLET_MARKS = frozenset(_BULLET_MARKS)  # a bullet by itself; a dash is one only before whitespace
MID_BULLET = _rx("mid_bullet", r"\s+[➢•]\s+")
SPACED_WORD = _rx("spaced_word", rf"(?<!{L})(?:{L} ){{3,}}{L}(?!{L})")
PAGE_MARK = _rx("page_mark", rf"\b{alt(V.PAGE_WORDS)}!?\s*\d{{1,4}}\s*{alt(V.PAGE_OF)}!?\s*\d{{1,4}}\b", IGNORE)
# One phrase, or a row of them as links in a bar ("Tilbage til indhold | Retur til menu").
RESIDUE_LINE = _rx("residue_line", rf"^{alt(V.RESIDUE_LINES)}(?:\s*+\|\s*+{alt(V.RESIDUE_LINES)})*+\s*$", IGNORE)
RESIDUE_PREFIX = _rx("residue_prefix", rf"^{alt(V.RESIDUE_PREFIXES)}", IGNORE)
# A residue phrase glued on after a lower-case letter, to the line's end (case-sensitive: glued, it
# keeps its capital).
GLUED_RESIDUE = _rx("glued_residue", rf"(?<=\p{{Ll}}){alt(V.GLUED_RESIDUE)}\b.*$")
GLUED_RESIDUE_NEEDLES = tuple(sorted({w.split()[0] for w in V.GLUED_RESIDUE}))
RESIDUE_LEAD = _rx("residue_lead", rf"^{alt(V.RESIDUE_LEADS)}\b\s*", IGNORE)
# Possessive runs (``*+``, ``++``) where giving characters back can never help: a search over a
# long run of spaces or tabs would otherwise retry every split of the run (cubic time).
# A tab run before a field label ("<TAB>Mødeleder:") or a tag starts a new piece. Matched as the
# whole whitespace run that holds it (one try per run, not per tab: a run of "\t " pairs was
# quadratic); the caller turns the run's tabs into breaks with TAB_RUN.
TAB_FIELD = _rx("tab_field", rf"(?<!\s)(?=[^\S\t]*+\t)\s++(?=<|{UP}[{L} .]{{1,30}}:)")
TAB_RUN = _rx("tab_run", r"\t++")
# Two tabs or a wide gap of spaces between a word and a capital is a column edge ("Jens Hansen
# <TAB><TAB>Ole Madsen", "Underskrift af protokol      Underskrevet"): kept as a cell separator.
# One tab stays a space: text uses it for spacing as often as for columns.
COLUMN_GAP = _rx("column_gap", r"(?:(?<=\p{L})|(?<=\p{L}[.)]))(?:\t{2,}+|[ ]{3,}+)(?=\p{Lu})")
_ALL_HEADINGS = [w for ws in V.SECTION_HEADINGS.values() for w in ws]
# "Meddelelse fra formandenReferat": a section label glued to the end of a heading.
GLUED_LABEL = _rx("glued_label", rf"(?<=\p{{Ll}})(?={alt(_ALL_HEADINGS)}$)", VERSION1)
GLUED_LABEL_ENDS = tuple(sorted({w.split()[-1] for w in _ALL_HEADINGS}))  # cheap test before GLUED_LABEL
# "Eventuelt1. Orientering": the next numbered heading glued to the previous text.
# (The lookahead comes first: it fails at once on most positions, the lookbehind does not.)
GLUED_NUMBER = _rx("glued_number", rf"(?=\d{{1,3}}\.\s*{UP})(?:(?<=\p{{Ll}})|(?<=\p{{Ll}}[.)]))", VERSION1)

# --- normalize: flattened PDF text (many fields and items on one line) --------------------------
FLAT_MIN = 250  # lines longer than this are candidates for unflattening
_FLAT_LABELS = [w for ws in V.HEADER_LABELS.values() for w in ws if len(w) > 3] + [
    w for ws in V.PARTICIPANT_LABELS.values() for w in ws] + list(V.FLAT_BREAKS)
FLAT_LABEL = _rx("flat_label", rf"(?<=\S)\s++(?=(?:{alt(_FLAT_LABELS)})\s*+:)")
# The word a flat label ends with, right before its colon: a cheap test before FLAT_LABEL.
FLAT_LABEL_LAST_WORDS = frozenset(w.split()[-1] for w in _FLAT_LABELS)
FLAT_MARKER = _rx("flat_marker", rf"(?<=\S)\s+(?={alt(V.FLAT_MARKERS)}(?!{L}))")
FLAT_NUMBER = _rx("flat_number", rf"(?:(?<=\s)|^)(?:{alt(V.FLAT_ITEM_PREFIXES)}\s+)?(?P<n>\d{{1,4}})\.\s+(?={UP})")
PAGE_START = _rx("page_start", r"^\d{1,3}\s+(?:!\s+)?(?=\S)")
BANG = _rx("bang", r"\s!(?=\s|$)")

# --- normalize: the document-level pass ----------------------------------------------------------
# Character sequences the per-line cleaner acts on wherever they stand in a line: tabs, markup,
# entities, table cells, bold, mid-line bullets, table rules, gaps (see normalize._flag_lines).
# A page word without its first letter ("ide" of "Side"/"side"), then a number: the lines that
# may hold a page mark (see normalize._page_lines). A literal start lets re skip ahead fast.
PAGE_STEM_NUMBER = tuple(
    _rx(f"page_stem_number_{n}", rf"{escape(stem)}[ !]*\d")
    for n, stem in enumerate(sorted({w.lower()[1:] for w in V.PAGE_WORDS}))
)
CLEAN_TRIGGERS = ("\t", "<", "&", "|", "*", "➢", "•", "__", "---", "  ")

# --- readers: Markdown ---------------------------------------------------------------------------
TASK_BOX = _rx("task_box", r"^\[(?P<mark>[ xX✓]?)\]\s*")
FRONT_MATTER_TITLE = _rx("front_matter_title", r"^title:\s*(?P<title>\S.{0,300})$")
# Signs that a text file is Markdown: ATX headings, task boxes, table rules, links, bold.
MARKDOWN_SIGNS = {
    "heading": _rx("md_heading", r"^#{1,6}[ \t]+\S", MULTILINE),
    "task": _rx("md_task", r"^[ \t]*[-*+][ \t]+\[[ xX]?\][ \t]", MULTILINE),
    "table": _rx("md_table", r"^\|?[ \t]*:?-{3,}:?[ \t]*\|", MULTILINE),
    "link": _rx("md_link", r"\[[^\]\n]{1,200}\]\([^)\s]{1,500}\)"),
    "bold": _rx("md_bold", r"\*\*[^*\n]{1,200}\*\*"),
}
LIQUID = _rx("liquid", r"\{\{[^{}\n]{0,300}\}\}|\{%[^{}\n]{0,300}%\}")

# --- tokenize: item headings --------------------------------------------------------------------
ITEM_HEADING = _rx(
    "item_heading",
    rf"^(?:(?P<prefix>(?i:{alt(V.ITEM_PREFIXES)}))\s*)?(?P<num>\d{{1,6}})(?!\d)"
    rf"(?P<sep>\s*\.\s*\)\s*|\s*\.(?!\d)\s*|\s*[):]\s*|\s+[-–]\s+|\s+|(?={UP})|$)"
    rf"(?P<title>[{L}\"'”“(–-].*)?$",
)
# A flattened table row gluing number, duration and title: "1 5 minGodkendelse af dagsorden".
GLUED_DURATION_HEADING = _rx(
    "glued_duration_heading",
    rf"^(?P<num>\d{{1,4}})\s++(?P<n>\d{{1,3}})\s*+(?P<unit>{alt(V.DURATION_UNITS)})\.?\s*+(?P<title>{UP}.*)$",
    IGNORE,
)
NUMBER_CELL = _rx("number_cell", r"^(?P<num>\d{1,6})\s*[.)]?$")
MONTH_START = _rx("month_start", rf"^{alt(V.MONTHS)}\b", IGNORE)
# (The units "min" before "min.": searched backwards, "\.?" takes a final full stop first and
# leaves "min" to the unit; searched forwards on re, the same order gives the same unit.)
DURATION = _rx(
    "duration",  # searched backwards (REVERSE): it ends the title, so only the last positions are tried
    rf"\s*+[-–—]?\s*+(?:\((?:{UP}\s+)?)?(?:{alt(V.ABOUT)}\s*+)?(?P<n>\d{{1,3}})\s*+"
    rf"(?P<unit>{alt(V.DURATION_UNITS, dotted_last=True)})(?!{L})"
    r"\.?\)?\s*$",
    IGNORE | REVERSE,
)
# A digit anywhere: DURATION holds one, and one C-level search rules out most titles (which have
# none) before the backward search on the regex module, five times dearer.
ANY_DIGIT = _rx("any_digit", r"\d")
# "Punkt 110 minVelkomst": a number, a planned duration and a title printed with nothing between them
# (a table's cells flattened); the digits are split where the numbering runs on (structure.candidates).
GLUED_HEADING = _rx(
    "glued_heading",
    rf"^(?:{alt(V.FLAT_ITEM_PREFIXES)}\s*)?(?P<digits>\d{{1,3}}\s\d{{1,3}}|\d{{2,5}})\s*"
    rf"(?P<unit>{alt(V.DURATION_UNITS, dotted_last=True)})\.?\s*(?P<title>{UP}.*)$",
    IGNORE,
)
# "19.00 - 19.10Formanden bød velkommen.": an item's time slot opening its minutes (a flattened
# schedule table's cell), not part of them.
LEADING_TIME_SLOT = _rx("leading_time_slot", rf"^\d{{1,2}}[.:]\d{{2}}\s*[-–]\s*\d{{1,2}}[.:]\d{{2}}(?=\s*{UP})\s*")
DURATION_LINE = _rx(
    "duration_line",
    rf"^(?:(?P<lead>[{L} ]{{0,40}}?)\s*[-–—:]\s*|\(?)(?:{alt(V.ABOUT)}\s*)?(?P<n>\d{{1,3}})\s*"
    rf"(?P<unit>{alt(V.DURATION_UNITS)})\.?\)?$",
    IGNORE,
)
HEADING_MARKER = _rx("heading_marker", rf"^{alt(V.HEADING_MARKERS)}$")
# Patterns anchored at the end of a title are searched backwards (REVERSE): one position is tried.
TRAILING_MARKER = _rx("trailing_marker", rf"\s+{alt(V.HEADING_MARKERS)}$", REVERSE)
AGENDA_MARKER = _rx("agenda_marker", rf"^{alt(V.AGENDA_MARKERS)}\s*:?$", IGNORE)
NEXT_MEETING = _rx("next_meeting", rf"^{alt(V.NEXT_MEETING_LEADS)}\s*+[:\-–]", IGNORE)
CLOSED_SESSION = _rx("closed_session", rf"^{alt(V.CLOSED_SESSION)}\s*:?$", IGNORE)
# "3. - 8. Valg af enkeltmandsposter": one heading for a range of item numbers.
NUMBER_RANGE = _rx("number_range", r"^[-–]\s*(?P<upto>\d{1,6})\s*\.?\s+(?=\S)")
OPEN_CLOSED = _rx("open_closed", rf"^{alt(V.OPEN_CLOSED)}\s*:?\s*", IGNORE)
# "3. Økonomi" / "12) Eventuelt" / "4 Orientering": a line a hard-wrapped paragraph never continues into.
NUMBERED_LINE_START = _rx("numbered_line_start", r"^\d{1,4}[a-z]?(?:\s*[.)]|\s+(?=[A-ZÆØÅ]))")
# "A: Valg af ordstyrer." / "D:Indkomne forslag.": an item lettered instead of numbered.
LETTERED_HEADING = _rx("lettered_heading", r"^(?P<letter>[A-Z])\s?[:.)]\s*(?P<title>\S.*)$")

# --- tokenize: section headings -----------------------------------------------------------------
SECTION_LABEL = {
    kind: _rx(f"label_{kind}", rf"^(?P<label>{alt(words)})(?P<punct>\s*[:.,;]?)(?P<rest>\s.*|$)", IGNORE)
    for kind, words in V.SECTION_HEADINGS.items()
}
DECISION_LEAD = _rx(
    "decision_lead",
    rf"^(?P<label>{alt(V.DECISION_HEADING_LEADS)})\s+(?P<body>.+?)"
    rf"(?:,?\s+(?:(?:{alt(V.WEEKDAYS)})\s+)?{_DEN}\s+(?P<date>.+?))?(?:,\s*{_PKT}\s*\d+)?\s*:?$",
    IGNORE,
)
DECISION_BARE = _rx(
    "decision_bare",
    rf"^(?P<label>{alt(V.DECISION_HEADING_BARE)})\s+(?P<body>(?-i:{UP})[^,:]{{2,80}}?)"
    rf",?\s+(?:(?:{alt(V.WEEKDAYS)})\s+)?{_DEN}\s+(?P<date>\d.{{2,40}}?)\s*:?$",
    IGNORE,
)
DECISION_BODY_DATE = _rx(
    "decision_body_date",
    rf"^(?P<body>[^,]{{3,120}}?),\s*(?P<date>\d{{1,2}}-\d{{1,2}}-\d{{4}})(?:,\s*{_PKT}\s*\d+)?\s*:?$",
    IGNORE,
)
DECISION_TAIL = _rx(
    "decision_tail",
    rf"^(?P<body>{UP}.{{2,120}}?)s\s+{V.DECISION_HEADING_TAIL}\s+{_DEN}\s+(?P<date>.+?)\s*:?$",
    IGNORE,
)

# --- tokenize: header and participant labels ------------------------------------------------
_FIELD_WORDS = {f"field:{k}": v for k, v in V.HEADER_LABELS.items()}
_FIELD_WORDS.update({f"people:{k}": v for k, v in V.PARTICIPANT_LABELS.items()})
_LABEL_TO_KEY = {w.casefold(): k for k, ws in _FIELD_WORDS.items() for w in ws}
FIELD = _rx("field", rf"^(?P<key>{alt(_LABEL_TO_KEY)})\s*:\s*(?P<value>.*)$", IGNORE)
# "Deltagere fra forvaltningen: A, B", "Afbud fra kommunerne: C": a participant label for one group.
_PEOPLE_LABELS = [w for k, ws in V.PARTICIPANT_LABELS.items() for w in ws if " " not in w]
PEOPLE_GROUP_FIELD = _rx(
    "people_group_field",
    rf"^(?P<key>{alt(_PEOPLE_LABELS)})\s++{alt(V.GROUP_LINKS)}\s++(?P<group>[^:\n]{{2,40}}?)\s*+:\s*+(?P<value>.*)$",
    IGNORE,
)
FIELD_ALONE = _rx("field_alone", rf"^(?P<key>{alt(_LABEL_TO_KEY)})\s*:?$", IGNORE)
# "Referent Jan Hølmkjær", "Ordstyrer Lisbeth Kjær Lagoni": a person label without colon.
PERSON_FIELD = _rx(
    "person_field",
    rf"^(?P<key>{alt(V.HEADER_LABELS['minute_takers'] + V.HEADER_LABELS['chair'])})\s*+(?:[-–]\s*+)?(?<=\s)"
    rf"(?P<value>{UP}{L}*\.?(?:[ -]{UP}{L}*\.?){{0,4}})$",
)


def field_key(label: str) -> str:
    """The canonical key ("field:date", "people:absent", …) of a printed label."""
    return _LABEL_TO_KEY.get(" ".join(label.split()).casefold(), "")


# --- extract: recommendation clauses ----------------------------------------------------------
# "at | text |": the cell's text is the rest, stripped of white space and one closing bar in Python
# (clauses.table_cell); a lazy ".*?" here tried the closing bar at every character.
AT_TABLE = _rx("at_table", rf"^(?:{_AT}\s*)?\|(?P<text>.*)$", IGNORE)
AT_CLAUSE = _rx("at_clause", r"^at\s*[:,]?\s+(?P<text>\S.*)$", IGNORE)
NUMBERED_CLAUSE = _rx("numbered_clause", rf"^(?:\d{{1,2}}|[a-h])\s*[.)]\s*(?:{_AT}\s+)?(?P<text>\S.*)$", IGNORE)
RECOMMENDS = _rx(
    "recommends",
    rf"^(?P<who>.{{0,160}}?)\b{alt(V.RECOMMEND_VERBS)}\b(?P<to>[^,;:]{{0,40}}?)\s*[,;:]?\s*"
    rf"(?:(?<!{L}){_AT}(?!{L})\s*:?\s*(?P<rest>.*))?$",
    IGNORE,
)
TRAILING_COLON = _rx("trailing_colon", r":\s*$", REVERSE)
TRAILING_GROUP = _rx("trailing_group", rf"(?<=\S)\s++{alt(V.AGENDA_GROUPS)}\s*:?$", IGNORE)
# A table of contents' leader dots and the page number after them: "Spørgetid ......... 3" / "… iv".
LEADER_DOTS = _rx("leader_dots", r"(?<=\S)\s*+(?:\.\s?){3,}+\s*+(?:\d{1,4}|[ivxlc]{1,6})?\s*$", IGNORE)
# Leader dots and a page number with more after them ("Spørgetid...xi Til behandling - for lukkede
# døre...xi"): a group heading glued on after the entry's page number.
LEADER_DOTS_INNER = _rx("leader_dots_inner", r"(?<=\S)\s*+(?:\.\s?){3,}+\s*+(?:\d{1,4}|[ivxlc]{1,6})\s+\S.*$")
# A lower-case roman page number closing a dotted table of contents' entry that lost its dots.
TRAILING_ROMAN = _rx("trailing_roman", r"(?<=\S)\s+[ivxlc]{2,6}$")

# --- extract: outcomes ----------------------------------------------------------------------------
# One alternation of every outcome's phrases, not one group an outcome: the phrases of two
# outcomes never share a word-bounded prefix, so the longest-first order finds the same phrase
# the outcome-by-outcome order did, and ``re`` reads a merged prefix tree a third faster. The
# outcome is looked up from the phrase found (``outcome_of``). The word-start test comes once,
# before the alternatives: it fails at once inside words, which is most positions of a text.
OUTCOME = _rx(
    "outcome",
    rf"(?<!{L})(?:{alt(w for ws in V.OUTCOME_PHRASES.values() for w in ws)})(?!{L})",
    IGNORE,
)
# The same over lower-cased text, case-sensitively: several times faster than a case-blind scan
# (see outcome.classify_outcome, which lower-cases a decision once).
OUTCOME_LOWER = _rx(
    "outcome_lower",
    rf"(?<!{L})(?:{alt_tree(w.lower() for ws in V.OUTCOME_PHRASES.values() for w in ws)})(?!{L})",
)
_OUTCOME_OF = {" ".join(w.casefold().split()): k for k, ws in V.OUTCOME_PHRASES.items() for w in ws}


def outcome_of(phrase: str) -> str | None:
    """The outcome an OUTCOME / OUTCOME_LOWER match names ("Taget  til efterretning" -> noted)."""
    return _OUTCOME_OF.get(" ".join(phrase.casefold().split()))


INLINE_VERDICT = _rx(
    "inline_verdict",
    rf"^(?P<title>.{{3,}}?)(?<=\S)(?:[.!?]\s++|\s++[-–:|]\s++|\s++|_)(?P<decision>(?=\p{{Lu}})(?i:{alt(V.INLINE_VERDICTS)})(?!{L}).*)$",
)
STANDARD_TITLE = _rx(
    "standard_title",
    rf"^(?P<title>{alt(V.STANDARD_TITLES)})\s++(?!(?:{alt(V.TITLE_CONTINUATIONS)})(?!{L}))(?P<rest>\S.*)$",
    IGNORE,
)
# "Siden sidst: A) Kirkelige tællinger skal …": minutes after a title's colon, even with more below.
COLON_MINUTES = _rx(
    "colon_minutes",
    rf"^(?P<title>[^:]{{3,{80}}}?):\s++(?P<rest>(?:[A-Za-z]\)|\d{{1,2}}\)|{alt(V.SENTENCE_OPENERS)}\s).*"
    rf"|.*?(?<!{L})(?:{alt(V.FINITE_VERBS)})(?!{L}).*)$",
)
# "Beretning: Formanden fremlagde …": a title, a colon, then a capitalised word (the shape alone).
COLON_SHAPE = _rx("colon_shape", rf"^(?P<title>[^:]{{3,{80}}}?):\s++(?P<rest>\p{{Lu}}.*)$")
# "3. Budget. Beslutning: Godkendt.": a decision label closing the title part of a heading line.
TRAILING_DECISION_LABEL = _rx(
    "trailing_decision_label",
    rf"\s*+[.;–-]\s*+(?-i:(?={UP})){alt(V.SECTION_HEADINGS['decision'])}\s*+:?$",
    IGNORE,
)
# Where minutes printed on the heading line begin: "Title_Godkendt", "Title: text", "Title – text",
# "Title. Text", "Title Vi drøftede …". The earliest point wins (see sections.split_heading_minutes).
HEADING_MINUTES = _rx(
    "heading_minutes",
    rf"_(?=\p{{L}})|\s\|\s++(?=\S)|(?<=[^\s:]):\s++(?=\S)|(?<=\S)\s++[-–]\s++(?=\S)|(?<=[^\s.]{{2}}[.!?])\s++(?=\p{{Lu}})"
    rf"|(?<=\S)\s++(?={alt(V.SENTENCE_OPENERS)}\s)",
)
NEGATED_BEFORE = _rx("negated_before", rf"(?:^|\s){alt(V.NEGATIONS)}\s+$", IGNORE)
RELATIVE_BEFORE = _rx("relative_before", rf",\s*{alt(V.RELATIVE_PRONOUNS)}\s+{alt(V.RELATIVE_STATE_VERBS)}\s+$", IGNORE)
MODAL_BEFORE = _rx("modal_before", rf"(?:^|\s){alt(V.MODALS)}\s+(?:{L}+\s+){{0,2}}$", IGNORE)
# A sentence break: a full stop (or ! ?) after a letter or sign, white space, then a capital, a digit
# or a bullet; or a line break. The match starts AT the stop (one of the four characters first
# lets ``re`` skip to them, several times faster than a lookbehind tried at every position):
# the sentence before it ends one past a stop (see outcome._sentences).
SENTENCE_SPLIT = _rx("sentence_split", r"[.!?\n](?:(?<=[^\d\s][.!?])\s+(?=[\p{Lu}\d•-])|(?<=\n)\n*)")
OTHER_ITEM_SENTENCE = _rx("other_item", rf"^[-•\s]*{alt(V.OTHER_ITEM_REFERENCES)}\s*\d+", IGNORE)

# --- extract: dates and times -----------------------------------------------------------------
_MONTH = alt(V.MONTHS)
DATE_TEXT = _rx(
    "date_text",
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:\s*\.?\s*|-)(?P<mon>{_MONTH})(?!{L})\.?,?(?:(?:\s*|-)(?P<y>\d{{4}})(?!\d))?",
    IGNORE,
)
DATE_MONTH_FIRST = _rx(
    "date_month_first", rf"(?<!{L})(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}}),\s*(?P<y>\d{{4}})(?!\d)", IGNORE
)
DATE_NUMERIC = _rx(
    "date_numeric",
    r"(?<![\d.-])(?P<d>\d{1,2})[-./](?P<m>\d{1,2})(?:[-./](?P<y>\d{4}|\d{2})|\s(?P<y4>\d{4}))(?![\d])",  # "14/1 2024"
)
DATE_ISO = _rx("date_iso", r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
_CLOCK = alt(V.CLOCK_WORDS)
_SEP = alt(V.TIME_RANGE_SEPARATORS)
# "kl. 13.00 – 15.00", "Kl.13.00", "kl. 12,30-14,00", "08:30", "13:30:00", "kl. 15"
TIME_RANGE = _rx(
    "time_range",
    rf"(?:(?<!{L})(?P<kl>{_CLOCK})\s*|(?<![\d.,:]))(?P<h>\d{{1,2}})(?:[.:,](?P<m>\d{{2}}))?(?::\d{{2}})?(?![\d])"
    r"(?![./]\d)"  # "16.08.2012" is a date, not 16:08
    rf"(?:\s*{_SEP}\s*(?:{alt(V.ABOUT)}\s*)?(?:{_CLOCK}\s*)?(?P<h2>\d{{1,2}})(?:[.:,](?P<m2>\d{{2}}))?(?::\d{{2}})?(?![\d.,:]\d))?",
    IGNORE,
)
TIME_PROSE = {
    k: _rx(f"time_prose_{k}", rf"{alt(v)}\s+(?:{_CLOCK}\s*)?(?P<h>\d{{1,2}})[.:](?P<m>\d{{2}})", IGNORE)
    for k, v in V.MEETING_TIME_PROSE.items()
}

# "Vi mødes i spejderhytten:", "Vi mødes mandag den 24.1 i Kastanieborgen 17.00": a meeting verb, a few
# words, a preposition and whatever follows it (the place reader judges the reading by its shape).
PLACE_PROSE_ANY = _rx(
    "place_prose_any",
    rf"(?<!{L}){alt(V.PLACE_PROSE_VERBS)}(?:\s+\S+){{0,8}}?\s+(?P<prep>{_PLACE_IN})\s+"
    rf"(?P<place>(?:[^.,;:!?\n]|(?<=\d)[.:](?=\d)){{2,80}})",
    IGNORE,
)
# The separators of a signature's roles ("sekretær, referent", "formand/referent").
ROLE_SPLIT = _rx("role_split", rf"\s*[,/]\s*|\s+{alt(V.LIST_AND)}\s+")
# A Danish postcode and its town ("5000 Odense C", "8600 Silkeborg"): the end of an address.
POSTCODE_TOWN = _rx("postcode_town", r"(?<![\d.,:/-])\d{4}\s+\p{Lu}\p{Ll}")
PLACE_VERB = _rx("place_verb", rf"(?<!{L}){alt(V.PLACE_PROSE_VERBS)}(?!{L})", IGNORE)
TAKER_PROSE = _rx("taker_prose", rf"(?<!{L}){alt(V.MINUTE_TAKER_PROSE)}\s++(?P<names>[^.;:!?\n]{{2,80}})", IGNORE)
# --- extract: meeting header ------------------------------------------------------------------
# "Referat til mødet i Udvalget for X den 22. juni 2020 kl. 17:30 i Arden Rådhus"
MEETING_IN = _rx(
    "meeting_in",
    rf"(?:^|\s){_MEETING_OF}\s+(?P<body>.+?)\s+(?=(?:\p{{L}}+dag\s+)?{_DEN}\s+\d)",
    IGNORE,
)
MEETING_NUMBER = _rx("meeting_number", rf"^(?P<n>\d{{1,3}})\.\s*{_MEETING_OF}\s+(?P<body>.+)$", IGNORE)
MEETING_OF = _rx("meeting_of", rf"^(?:{alt(V.MEETING_ADJECTIVES)}\s+)?{_MEETING_OF}\s+(?P<body>.+)$", IGNORE)
COMPOUND_MEETING = _rx(
    "compound_meeting",
    rf"(?<!{L})(?P<stem>{L}{{3,40}}?){alt(V.COMPOUND_MEETING_SUFFIXES)}(?!{L})",
    IGNORE,  # "ELEVRÅDSMØDE" too
)
# A body noun anywhere in a (case-folded) name: "…udvalget", "Menighedsråd".
BODY_NOUN_IN = _rx("body_noun_in", alt(V.BODY_NOUNS))
# "det årlige Gruppemøde", "ordinært afdelingsmøde": a meeting that is its own body (an assembly's kind).
OWN_MEETING = _rx(
    "own_meeting",
    rf"(?<!{L})(?P<adjective>{alt(V.OWN_MEETING_ADJECTIVES)})\s+(?P<word>(?P<stem>{L}{{3,40}}?)s?møde)(?!{L})",
    IGNORE,
)
GENITIVE_MEETING = _rx("genitive_meeting", rf"(?<!{L})(?P<body>{UP}{L}{{2,40}})s\s+{alt(V.MEETING_WORDS[:1])}(?!{L})")
_KINDS = V.KIND_WORDS["referat"] + V.KIND_WORDS["dagsorden"]
TITLE_KIND_SPLIT = _rx("title_kind_split", rf"\s+[-–]\s+{alt(_KINDS)}\b", IGNORE)
KIND_WORD = {k: _rx(f"kind_{k}", rf"(?<!{L}){alt(v)}(?!{L})", IGNORE) for k, v in V.KIND_WORDS.items()}
DATE_PREAMBLE = _rx(
    "date_preamble", rf"(?:[,.]?\s*+(?:{alt(V.WEEKDAYS)})\b)?,?\s*+(?:{_DEN})?\s*$", IGNORE)
MEETING_LEAD = _rx(
    "meeting_lead",
    rf"^(?:{alt(V.TITLE_LINKS)}\s+)?(?:{alt(V.MEETING_ADJECTIVES)}\s+)?{alt(V.MEETING_WORDS)}(?:\s+i)?\s+",
    IGNORE,
)
NOISE_SUFFIX = _rx("noise_suffix", rf"(?:\s+[-–|]\s+{alt(V.TITLE_NOISE_SUFFIXES)}(?:\s+[-–|]\s+.*)?)$", IGNORE)
NOISE_PREFIX = _rx("noise_prefix", rf"^{alt(V.TITLE_NOISE)}\s*", IGNORE)

# --- extract: participants ----------------------------------------------------------------------
PAREN = _rx("paren", r"\(\s*(?P<inner>[^()]{0,80}?)\s*(?:\)|$)")
PARTY = _rx("party", r"^[A-ZÆØÅ]$")
INITIALS = _rx("initials", r"^[A-ZÆØÅ]{2,4}$")
# What a word of a person's name looks like ("Holm", "Anne-Marie", "P.", "A.B.", "Chr.", "von"). A
# function, not a pattern: spelled as a regex it repeats \p{Lu} and \p{Ll} eight times, and ``re``
# took 5 ms to compile those classes in every process (a cold start's largest pattern);
# tests/test_patterns.py holds it to that regex.
_NAME_PARTICLE_SET = frozenset(V.NAME_PARTICLES)
_category = unicodedata.category


def name_token(tok: str) -> bool:
    """Is ``tok`` shaped as a word of a name: a capital and small letters (parts joined by hyphens, a
    full stop after), initials with full stops, one capital, a capital and small letters and a full
    stop, or a name particle ("von") as the vocabulary spells it?"""
    if tok in _NAME_PARTICLE_SET:
        return True
    if not tok or _category(tok[0]) != "Lu":
        return False
    if len(tok) == 1:
        return True
    if len(tok) % 2 == 0 and all(tok[i + 1] == "." and _category(tok[i]) == "Lu" for i in range(0, len(tok), 2)):
        return True  # "P.", "A.B."
    if tok[-1] == "." and all(_category(c) == "Ll" for c in tok[1:-1]):
        return True  # "Chr."
    head, *parts = (tok[:-1] if tok[-1] == "." else tok).split("-")
    if len(head) < 2 or not all(_category(c) == "Ll" for c in head[1:]):
        return False
    for part in parts:  # "-Marie", "-jensen"
        rest = part[1:] if part[:1] and _category(part[0]) == "Lu" else part
        if not rest or not all(_category(c) == "Ll" for c in rest):
            return False
    return True
# Separators in a list of names; ") " before a capital splits a flattened table row "A (V) B (C)".
LIST_SPLIT = _rx("list_split", rf"\s*[,;|]\s*|\s+{alt(V.LIST_AND)}\s+|\s*/\s*|\s+[-–]\s+|(?<=\))\s+(?={UP})"
                 rf"|\.(?<=\p{{Ll}}{{3}}\.)\s+(?={UP})")  # "Morten H. Legarth. Henrik Faurby": a full stop ends a name
# "Jens Hansen (A) - afbud", "Inge Lodberg (med afbud)": absence as a suffix on a person's line.
ABSENCE_SUFFIX = _rx(
    "absence_suffix", rf"(?:\s*+[-–,:]\s*+|\s++)\(?(?:med\s+)?{alt(V.ABSENCE_SUFFIXES)}\)?\.?\s*$", IGNORE
)
ABSENCE_NOTE = _rx("absence_note", rf"^(?:med\s+)?{alt(V.ABSENCE_SUFFIXES)}$", IGNORE)
GROUP_LEAD = _rx("group_lead", rf"^(?P<group>[{L}][{L} .\-/]{{1,40}}):\s*(?P<rest>.*)$")
ABSENCE_LEAD = _rx("absence_lead", rf"{alt(V.ABSENCE_PROSE_LEADS)}\s+(?P<names>[^.:;]+)", IGNORE)
ABSENCE_TAIL = _rx(
    "absence_tail",
    rf"(?P<name>{UP}\p{{Ll}}+(?:\s+(?:{UP}\.|{UP}\p{{Ll}}*(?:-{UP}\p{{Ll}}+)?)){{1,4}})(?:\s*\([^)]{{1,20}}\))?\s+"
    rf"(?i:{alt(V.ABSENCE_PROSE_TAILS)})",
)
ABSENCE_SENTENCE = _rx(
    "absence_sentence",
    rf"(?:^|(?<=[.!?:]\s))(?P<names>{UP}[^.:;!?]{{2,300}}?)\s+{alt(V.ABSENCE_SENTENCE_ENDS)}\s*(?:[.!]|$)",
    IGNORE,
)
# Minute takers named anywhere: "… dirigent. Referent: Kim Holt.", "Formand/referent: Henning
# Wangerin", "Referat ved sekretær Jørgen Rubæk." (a label of more than one word that speaks of the
# minutes needs no colon; "skrevet af" alone does: "Artiklen er skrevet af X").
_TAKER_LABELS = V.HEADER_LABELS["minute_takers"]
TAKER_LABEL_IN = _rx(
    "taker_label_in",
    rf"(?<!{L})(?:{alt(_TAKER_LABELS)}\s*+:|{alt(w for w in _TAKER_LABELS if ' ' in w and 'ref' in w.casefold())})"
    rf"\s*+(?P<value>[^;:!?\n|]{{2,80}})",
    IGNORE,
)
TAKER_ELECTED = _rx(
    "taker_elected",
    rf"(?P<names>(?-i:{UP})[^.;:!?\n]{{1,80}}?)\s+(?:blev\s+)?{alt(V.TAKER_ELECTED_VERBS)}\s+(?:som|til)\s+"
    rf"{alt(V.TAKER_ROLE_WORDS)}(?!{L})"
    rf"|(?<!{L})(?:som|til)\s+{alt(V.TAKER_ROLE_WORDS)}\s+(?:blev\s+)?{alt(V.TAKER_ELECTED_VERBS)}\s*+:?\s*+"
    rf"(?P<after>(?-i:{UP})[^.;:!?\n]{{1,80}})",
    IGNORE,
)
_PERSON = rf"{UP}\p{{Ll}}+(?:\s+(?:{UP}\.|{UP}\p{{Ll}}*(?:-{UP}\p{{Ll}}+)?)){{1,4}}"
SUBSTITUTE_PROSE = _rx(
    "substitute_prose",
    rf"(?i:(?<!{L}){alt(V.SUBSTITUTE_LEADS)})\s+(?P<absent>{_PERSON})\s+(?i:{alt(V.SUBSTITUTE_VERBS)})\s+(?P<name>{_PERSON})"
    rf"|(?P<name2>{_PERSON})\s+(?i:{alt(V.SUBSTITUTE_VERBS)})\s+(?i:{alt(V.SUBSTITUTE_LEADS[1:])})\s+(?P<absent2>{_PERSON})",
)
# Where a sentence ends inside a field's value and the next begins ("… og Bo Holm. Afbud fra …").
SENTENCE_BREAK = _rx("sentence_break", r"(?<=\p{L})[.;]\s+(?=\p{Lu})")
# End of a sentence inside a flattened field value ("… i hele mødet. Dog deltog …").
SENTENCE_END = _rx("sentence_end", r"(?<=\p{Ll}{4})\.\s+(?=\p{Lu})")
PROSE_WORD = _rx("prose_word", rf"(?<!{L}){alt(w for w in V.SENTENCE_WORDS if w not in V.NAME_LINKS)}(?!{L})", IGNORE)
PAST_TENSE = _rx("past_tense", rf"(?<!{L}){alt(V.PAST_TENSE_WORDS)}(?!{L})", IGNORE)
SENTENCE_WORDS = _rx("sentence_words", rf"(?<!{L}){alt(V.SENTENCE_WORDS)}(?!{L})")
# A whole title word, or a word ending in a title suffix ("Udviklingskonsulent"). The word is
# taken possessively and its ending tested by a lookbehind: no backtracking through the word.
TITLE_WORD = _rx(
    "title_word",
    rf"(?<![{L}-])(?:{alt(V.TITLE_WORDS)}(?!{L})|[{L}-]*+{behind(V.TITLE_SUFFIXES)})",
    IGNORE,
)
ORG_WORD = _rx("org_word", rf"(?<!{L}){alt(V.ORGANISATION_WORDS)}(?!{L})", IGNORE)
ORG_TOKEN = _rx("org_token", rf"^{L}*(?:{alt(V.ORGANISATION_WORDS)})$", IGNORE)
ACRONYM = _rx("acronym", r"^[A-ZÆØÅ]{2,}[A-ZÆØÅa-zæøå-]*$")

# --- shared ----------------------------------------------------------------------------------------
# "Bilag 1 Morsø Kommune": an appendix printed after the last item.
APPENDIX = _rx("appendix", rf"^{alt(V.SECTION_HEADINGS['attachments'][:1])}\s+\d{{1,2}}\b(?!\s*[:.)]?\s*\p{{Ll}})")
MEETING_IN_PROSE = _rx(
    "meeting_in_prose", rf"{_MEETING_OF}\s+(?P<body>.+?)\s+{alt(V.MEETING_TIME_PROSE['start'])}", IGNORE
)
FILENAME = _rx("filename", r"^\S+\.(?:pdf|docx?|xlsx?|pptx?|odt|rtf|txt)$", IGNORE)


# --- cheap gates for the tokenizer -------------------------------------------------------------
# Every label, field, marker and item prefix pattern starts with a phrase from the vocabulary,
# so a line can only match one if its leading word is the leading word of such a phrase. One
# set lookup spares most lines the dozen anchored matches (see tokenize.classify).
def lead_of(s: str) -> str:
    """The leading run of letters of ``s``, case-folded ("" if it starts with no letter).

    str.isalpha is exactly ``\\p{L}``. A letter run is found by one C-level match of ``\\w``
    less digits and "_" (linear, so it needs no deadline); that class also takes "²" or "½",
    and only then are the characters walked one by one.
    """
    run = _WORD_RUN(s).group()
    if run.isalpha() or not run:
        return run.casefold()
    i, n = 0, len(s)
    while i < n and s[i].isalpha():
        i += 1
    return s[:i].casefold()


_WORD_RUN = re.compile(r"[^\W\d_]*").match


def leads_of(lines: list[str]) -> list[str]:
    """``lead_of`` of every line: one C-level match each, mapped over them all."""
    runs = [m.group() for m in map(_WORD_RUN, lines)]
    joined = "".join(runs)
    if joined and not joined.isalpha():  # a "²" or "½" somewhere: walk those lines' letters
        return [lead_of(run) for run in runs]
    return list(map(str.casefold, runs))


def _leads(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(lead_of(p) for p in phrases)


LABEL_LEADS = _leads(_ALL_HEADINGS + list(V.DECISION_HEADING_LEADS))
FIELD_LEADS = _leads([*_LABEL_TO_KEY, *V.HEADER_LABELS["minute_takers"], *V.HEADER_LABELS["chair"]])
MARKER_LEADS = _leads(V.AGENDA_MARKERS)
PREFIX_LEADS = _leads(V.ITEM_PREFIXES)
RESIDUE_LEAD_WORDS = _leads([*V.RESIDUE_LINES, *V.RESIDUE_PREFIXES, *V.RESIDUE_LEADS])
# Each label pattern can only match a line led by the lead word of one of its phrases: the
# tokenizer tries just the kinds whose phrases share the line's lead, in SECTION_LABEL's order.
_KIND_LEADS = {kind: _leads(words) for kind, words in V.SECTION_HEADINGS.items()}  # once each: import time
SECTION_LABEL_BY_LEAD: dict[str, tuple[tuple[str, Rx], ...]] = {
    lead: tuple((kind, rx) for kind, rx in SECTION_LABEL.items() if lead in _KIND_LEADS[kind])
    for lead in _leads(_ALL_HEADINGS)
}
DECISION_LEAD_LEADS = _leads(V.DECISION_HEADING_LEADS)
DECISION_BARE_LEADS = _leads(V.DECISION_HEADING_BARE)
