"""Recommendation clauses: the "at …" clauses and numbered points of a recommendation.

Shapes: "at | … |" table rows; lines starting "at"/"At"; "- 1. At …"; "1. …" after
"X indstiller, at:"; "X indstiller, at …" in one line; bullets under an intro ending
in ":" (the intro is then not a clause). A recommendation without any of these
("Til orientering.") is one clause. Continuation lines join the clause above.
"""

from __future__ import annotations

from referat_parser import patterns as P
from referat_parser.vocabulary import CLAUSE_LEAD


def _strip_at(s: str) -> str:
    m = P.AT_CLAUSE.match(s)
    return m.group("text").strip() if m else s.strip()


def table_cell(rest: str) -> str:
    """A table row's text after its first bar: " Godkendt |  " -> "Godkendt"."""
    rest = rest.strip()
    return rest[:-1].rstrip() if rest.endswith("|") else rest


def _bare_number(line: str) -> bool:
    s = line.strip()
    return 2 <= len(s) <= 4 and s[-1] in ".)" and s[:-1].isdigit()


def clauses(lines: list[str]) -> list[str]:
    """Clauses from the lines of a recommendation section."""
    out: list[str] = []
    intro_pending = False  # the last clause is an intro ("… gruppe:") awaiting its points
    started = False
    fresh = False  # a point's marker stood alone ("2." / "at |"): its text, on the next line, is a new clause
    for raw in lines:
        line = raw[2:] if raw.startswith("- ") else raw
        bullet = raw.startswith("- ")
        if not out and line.strip(" :,").casefold() == CLAUSE_LEAD:  # "… indstiller, at" / points below
            started = True
            continue
        new: str | None = None
        m = P.AT_TABLE.match(line) if "|" in line else None
        if m:
            new = _strip_at(table_cell(m.group("text")))
        elif P.NUMBERED_CLAUSE.match(line):
            new = P.NUMBERED_CLAUSE.match(line).group("text")  # type: ignore[union-attr]
            new = _strip_at(new)
        elif P.AT_CLAUSE.match(line) or (bullet and (started or not out)):
            new = _strip_at(line)
        else:
            rec = P.RECOMMENDS.match(line) if not started else None
            if rec and rec.group("who").strip() and rec.group("who")[:1].isupper():
                rest = (rec.group("rest") or "").strip()
                started = True
                if rest:
                    new = rest
                else:
                    intro_pending = True
                    continue
            elif _bare_number(line):  # "2." alone: the point's text follows on the next line
                fresh = True
                continue
            elif out and not fresh:
                # a continuation joins the clause above; a table rule's pipes are no text ("Godkendt |.")
                out[-1] = f"{out[-1]} {' '.join(line.replace('|', ' ').split())}" if "|" in line else \
                    f"{out[-1]} {line.strip()}"
                continue
            else:
                new = line.strip()
        if new is None or not new.strip(" |"):
            fresh = new is not None  # the marker without its text
            continue
        fresh = False
        new = new.strip(" |")
        if intro_pending and out and (bullet or P.NUMBERED_CLAUSE.match(line)) and P.TRAILING_COLON.search(out[-1]):
            out.pop()  # "… gruppe:" introduced the points; it is not a clause itself
        intro_pending = bool(P.TRAILING_COLON.search(new))
        out.append(new)
        started = True
    # A table's pipes are rules, not text: a clause keeps the words of its cells.
    return [" ".join(c.replace("|", " ").split()) if "|" in c else c for c in out if c]
