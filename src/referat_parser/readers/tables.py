"""Table rows as text lines, one rule for every reader (Word, OpenDocument, HTML, PDF).

A table in minutes is data: a participant list (name | title | organisation), a
header block (Mødedato: … | Sted: …), a recommendation ("at" | text). Cells are kept
apart, never glued into one run of words:

- cells are separated by " | ", the table-row form the text stages read (a
  participant row becomes one person with title and organisation);
- a cell that is a field ("Sted: Digitalt møde") or follows a label cell
  ("Mødedato:") is separated by a tab instead, so the field is read as a field;
- a row with a cell of several paragraphs (a "Deltagere:" cell beside a list of
  names, one per paragraph) is written cell by cell, one line per paragraph, as
  the document shows it.
"""

from __future__ import annotations

import itertools

_MAX_LABEL = 30


def is_label(cell: str) -> bool:
    """A field label ("Mødedato:") alone in its cell."""
    return cell.endswith(":") and _label_end(cell) == len(cell) - 1


def _label_end(cell: str) -> int:
    """Where the colon of a leading field label is ("Sted: X" -> 4), or -1."""
    colon = cell.find(":")
    if not 0 < colon <= _MAX_LABEL or not cell[0].isupper():
        return -1
    return colon if all(ch.isalpha() or ch in " .-/" for ch in cell[:colon]) else -1


def row_lines(cells: list[list[str]]) -> list[str]:
    """The lines of one table row, given each cell's lines (paragraphs)."""
    cells = [[" ".join(line.split()) for line in cell if line.strip()] for cell in cells]
    cells = [c for c in cells if c]
    if not cells:
        return []
    if any(len(c) > 1 for c in cells):
        lines: list[str] = []
        for cell in cells:
            lines.extend(cell)
        return lines
    flat = [c[0] for c in cells]
    out = flat[0]
    for prev, cell in itertools.pairwise(flat):
        out += ("\t" if is_label(prev) or _label_end(cell) != -1 else " | ") + cell
    return [out]
