"""Danish dates and clock times -> ISO 8601 ("2025-04-25", "13:00").

Handles "25. april 2025", "25. april, 2025", "onsdag den 15. januar 2020",
"d. 26.feb" (year from context), "04-06-2020", "03.04.2017", "2020-02-27",
"Marts 3, 2016", and times "kl. 13.00 – 15.00", "Kl.13.00", "kl. 12,30-14,00",
"08:30", "13:30:00", "kl. 15".
"""

from __future__ import annotations

from datetime import date

from referat_parser import patterns as P
from referat_parser.vocabulary import MONTHS

YEARS = (1950, 2099)  # a four-digit number in this range, alone, is a year


def _iso(y: int, m: int, d: int) -> str | None:
    if y < 100:
        y += 2000 if y < 70 else 1900
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date(s: str, default_year: int | None = None) -> tuple[str | None, int, int]:
    """The first date in ``s``: (ISO date or None, start, end)."""
    best: tuple[str | None, int, int] = (None, len(s) + 1, 0)
    m = P.DATE_TEXT.search(s)
    if m:
        y = m.group("y")
        year = int(y) if y else default_year or _year_before(s[: m.start()])
        if year:
            iso = _iso(year, MONTHS[m.group("mon").casefold()], int(m.group("d")))
            if iso and m.start() < best[1]:
                best = (iso, m.start(), m.end())
    for rx in (P.DATE_ISO, P.DATE_NUMERIC, P.DATE_MONTH_FIRST):
        m = rx.search(s)
        if not m or m.start() >= best[1]:
            continue
        month = m.groupdict().get("m")
        mon = int(month) if month else MONTHS[m.group("mon").casefold()]
        iso = _iso(int(m.groupdict().get("y") or m.group("y4")), mon, int(m.group("d")))
        if iso:
            best = (iso, m.start(), m.end())
    return best if best[0] else (None, -1, -1)


def _year_before(s: str) -> int | None:
    """A year printed earlier in the phrase: "Udvalgets 2. møde i 2015, tirsdag den 12. maj"."""
    for word in reversed(s.split()):
        word = word.strip(",.;:()")
        if len(word) == 4 and word.isdigit() and YEARS[0] <= int(word) <= YEARS[1]:
            return int(word)
    return None


def parse_date(s: str | None, default_year: int | None = None) -> str | None:
    if not s:
        return None
    return find_date(s, default_year)[0]


def _hhmm(h: str | None, m: str | None) -> str | None:
    if h is None:
        return None
    hour, minute = int(h), int(m or 0)
    if hour > 24 or minute > 59:
        return None
    return f"{hour % 24:02d}:{minute:02d}"


def _clock_range(m: P.Match[str]) -> bool:
    """"fra 18.00-20.00", "9.15-10.45": two times with minutes that no month has (00, or over 12),
    the first before the second, are a clock's range without "kl." ("1.10-3.12" may be dates)."""
    if m.group("m") is None or m.group("m2") is None:
        return False
    minutes = int(m.group("m")), int(m.group("m2"))
    return all(v == 0 or v > 12 for v in minutes) and int(m.group("h")) < int(m.group("h2")) <= 24


def find_times(s: str, *, need_clock: bool = True, bare_hours: bool = False) -> tuple[str | None, str | None]:
    """Start and end time in ``s``. Bare numbers count only after "kl." or as HH:MM.

    ``bare_hours``: the value of a time field ("Tid: 17-19"), where a range of two whole hours,
    the first before the second, is a time without "kl.".
    """
    for m in P.TIME_RANGE.finditer(s):
        has_clock = bool(m.group("kl")) or _clock_range(m)
        colon = m.group("m") is not None and s[m.start("m") - 1] == ":"
        if need_clock and not has_clock and not colon:
            continue
        if m.group("m") is None and not has_clock and not (
            bare_hours and m.group("h2") and m.group("m2") is None and int(m.group("h")) < int(m.group("h2")) <= 24
        ):
            continue
        start = _hhmm(m.group("h"), m.group("m"))
        end = _hhmm(m.group("h2"), m.group("m2")) if m.group("h2") else None
        if start:
            return start, end
    return None, None
