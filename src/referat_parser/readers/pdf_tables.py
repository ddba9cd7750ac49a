"""Tables in a PDF page (stage 0): text runs with their boxes -> table rows with their cells apart.

pdfium gives a page's text in content order and, per run of text, a box. A table is
found from the boxes: runs on one baseline with a gap wider than half a line height between
them are cells of one row; the lines below that keep to the same columns belong to the
same table. Within it:

- where the page draws the table's borders (cell boxes, rules), they part the rows, so a
  label centred beside a cell of several lines lands in its row; otherwise
- a line with text in the first column starts a new row, unless the first column's
  last line was full (its next word would not have fit: the cell wrapped) and so were
  the others it fills, and it fills fewer columns than the line above (rows of cells
  of several lines parted by more space than a cell's lines are cut at those gaps);
- a line in a column whose last line was full continues that line (a wrapped cell);
  otherwise it is a new paragraph of the cell ("Deltagere:" beside one name a line).

Rows are then written by :mod:`referat_parser.readers.tables`. A table whose cells are all
one line (a participant list) simply replaces the page lines that ran its cells together;
a table with cells of several lines replaces the span of page lines it covers, and only
when every one of those lines is a piece of the table (else pdfium's text stays). Two
columns of running text are not a table: a region qualifies when two of its lines have a cell
starting at the same place beyond the first column, and when some row's first cell is not
full or it has at most three rows of several cells.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from referat_parser.readers.tables import row_lines

_CELL_GAP = 0.5  # a gap this many line heights wide between two runs on one baseline parts two cells
_ALIGN = 3.0  # points: runs whose left edges are this close start in the same column
_MAX_PLAIN_ROWS = 3
_COLUMN_LINES = 3  # lines a column of running text (or a side box) has at least


class Run:
    """A run of text and its box. The text may be left to ``fetch``, asked on first use: in pdfium a run's
    text is a call that scans the whole page, and most runs of a page with a table are not in it."""

    __slots__ = ("_fetch", "_text", "bottom", "left", "right", "top")

    def __init__(self, left: float, bottom: float, right: float, top: float, text: str | None = None,
                 fetch: Callable[[Run], str] | None = None) -> None:
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self._text, self._fetch = text, fetch

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self._fetch(self) if self._fetch is not None else ""
        return self._text

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)

    def __repr__(self) -> str:
        return f"Run({self.left:g}, {self.bottom:g}, {self.right:g}, {self.top:g}, {self._text!r})"


@dataclass(slots=True)
class Line:
    cells: list[list[Run]]  # runs grouped into cells, left to right

    @property
    def lefts(self) -> list[float]:
        return [c[0].left for c in self.cells]

    def text(self, k: int) -> str:
        return " ".join(r.text for r in self.cells[k])


def _rows(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped into visual lines, top to bottom, each left to right."""
    rows: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        if rows:
            first = rows[-1][0]
            overlap = min(first.top, run.top) - max(first.bottom, run.bottom)
            if overlap > 0.5 * min(first.height, run.height):
                rows[-1].append(run)
                continue
        rows.append([run])
    for row in rows:
        row.sort(key=lambda r: r.left)
    return rows


def _gap(prev: Run, cur: Run) -> bool:
    return cur.left - prev.right > _CELL_GAP * prev.height


def baselines(runs: list[Run]) -> list[Line]:
    """Runs grouped into visual lines (top to bottom) and cells (left to right)."""
    lines = []
    for row in _rows(runs):
        cells: list[list[Run]] = [[row[0]]]
        for prev, cur in itertools.pairwise(row):
            if _gap(prev, cur) and not (len(cells) == 1 and _marker(cells[0])):
                cells.append([cur])
            else:
                cells[-1].append(cur)
        lines.append(Line(cells))
    return lines


Box = tuple[float, float, float, float]  # left, bottom, right, top


def may_hold_table(boxes: list[Box], text_of: Callable[[int], str]) -> bool:
    """Could the page whose text runs have these boxes hold a table? Only if some line of it has two cells, i.e.
    a gap between two runs that is not the tab after a list number: :func:`find_tables` starts a table at such
    a line and at no other. The lines are grouped as :func:`baselines` groups them, on plain tuples (every page
    is asked, most have no table); ``text_of(k)`` gives box k's text, asked for only when the box is the first of
    its line, alone before the line's one gap, and so may be a list number ("1.<tab>Godkendelse")."""
    rows: list[list[tuple[float, float, float, int]]] = []  # (left, right, height, index), a line's boxes
    first = (0.0, 0.0, 0.0)  # top, bottom, height of the current line's first box
    for top, left, k in sorted((-b[3], b[0], k) for k, b in enumerate(boxes)):
        top = -top
        bottom, right = boxes[k][1], boxes[k][2]
        height = max(top - bottom, 1.0)
        if rows and min(first[0], top) - max(first[1], bottom) > 0.5 * min(first[2], height):
            rows[-1].append((left, right, height, k))
            continue
        rows.append([(left, right, height, k)])
        first = (top, bottom, height)
    for row in rows:
        if len(row) < 2:
            continue
        row.sort(key=lambda box: box[0])
        gaps = [n for n in range(len(row) - 1) if row[n + 1][0] - row[n][1] > _CELL_GAP * row[n][2]]
        if not gaps:
            continue
        if gaps == [0] and _marker([Run(0, 0, 0, 0, text_of(row[0][3]))]):
            continue  # "1." | "Godkendelse af dagsorden": one cell
        return True
    return False


def _marker(cell: list[Run]) -> bool:
    """A list number or bullet that a tab parts from its text ("1.", "12)", "a)", "2.3", "•"): not a cell."""
    text = " ".join(r.text for r in cell)
    if len(text) > 5:
        return False
    if len(text) == 1:
        return not text.isalnum()  # a bullet
    core = text[:-1]
    return text[-1] in ".)" and (core.replace(".", "").isdigit() or (len(core) == 1 and core.isalpha()))


def _column(left: float, columns: list[float]) -> int | None:
    for k, x in enumerate(columns):
        if abs(left - x) <= _ALIGN:
            return k
    return None


@dataclass(slots=True)
class _Table:
    columns: list[float]
    lines: list[Line] = field(default_factory=list)


def _limits(columns: list[float], page_right: float) -> list[float]:
    return [x - _ALIGN for x in columns[1:]] + [page_right]


def _extend(line: Line, columns: list[float], page_right: float) -> list[float] | None:
    """The table's columns with ``line`` in it, or None if the line does not keep to them. A line of several
    cells may add columns (a cell centred lower down shows up later) as long as no cell crosses one."""
    new = [c[0].left for c in line.cells if _column(c[0].left, columns) is None]
    if new and len(line.cells) < 2:
        return None
    merged = sorted([*columns, *new])
    limits = _limits(merged, page_right)
    for cell in line.cells:
        k = _column(cell[0].left, merged)
        if k is None or cell[-1].right > limits[k]:
            return None
    return merged


def find_tables(lines: list[Line], page_right: float) -> list[tuple[int, int, _Table]]:
    """(first line, last line, table) for each table region of a page."""
    found = []
    i = done = 0
    while i < len(lines):
        line = lines[i]
        if len(line.cells) < 2:
            i += 1
            continue
        table = _Table(columns=line.lefts, lines=[line])
        j = i + 1
        while j < len(lines):
            columns = _extend(lines[j], table.columns, page_right)
            gap = _bottom(table.lines[-1]) - _top(lines[j])
            if columns is None or gap > 2 * lines[j].cells[0][0].height:
                break
            table.columns = columns
            table.lines.append(lines[j])
            j += 1
        # Cells centred in tall rows begin above the first line of several cells: take the lines above
        # that start in a column other than the first (text above the table starts at the margin).
        first = i
        while first > done and _inner(lines[first - 1], table, page_right):
            table.lines.insert(0, lines[first - 1])
            first -= 1
        if _aligned(table):
            found.append((first, j - 1, table))
            i = done = j
        else:
            table.lines = table.lines[i - first:]
            i += 1
    return found


def _inner(line: Line, table: _Table, page_right: float) -> bool:
    """Is ``line``, just above the table, a piece of a cell beyond the first column?"""
    return (bool(_column(line.cells[0][0].left, table.columns))
            and _extend(line, table.columns, page_right) == table.columns
            and _bottom(line) - _top(table.lines[0]) <= 2 * line.cells[0][0].height)


def _aligned(table: _Table) -> bool:
    """A table has two lines of several cells with a cell starting at the same place beyond the first column,
    or one such line and two more lines that start in a column beyond the first (a cell of several lines):
    one line with a wide space in it, or a justified paragraph, has neither."""
    starts = [_column(c[0].left, table.columns) for line in table.lines if len(line.cells) >= 2
              for c in line.cells[1:]]
    if any(starts.count(k) >= 2 for k in set(starts) if k):
        return True
    inner = sum(1 for line in table.lines if len(line.cells) == 1 and _column(line.cells[0][0].left,
                                                                                table.columns))
    return bool(starts) and inner >= 2


def _top(line: Line) -> float:
    return max(r.top for c in line.cells for r in c)


def _bottom(line: Line) -> float:
    return min(r.bottom for c in line.cells for r in c)


def _full(run: Run, next_text: str, limit: float) -> bool:
    """Would the first word of ``next_text`` have fitted after ``run`` before ``limit``? If not, it wrapped."""
    per_char = (run.right - run.left) / max(len(run.text), 1)
    word = next_text.split(" ", 1)[0]
    return run.right + (len(word) + 1) * per_char > limit


def _ruled_bands(table: _Table, rules: list[float]) -> list[int] | None:
    """Indexes of the lines that start a row, where the page draws the rows' borders (``rules``: heights of
    horizontal edges of boxes and lines); None if no border runs between the table's lines."""
    top, bottom = _top(table.lines[0]), _bottom(table.lines[-1])
    inside = sorted({round(y, 1) for y in rules if bottom < y < top}, reverse=True)
    if not inside:
        # Borders above and below but none between: one row whose cells are centred at different heights.
        reach = 3 * table.lines[0].cells[0][0].height
        boxed = any(top <= y <= top + reach for y in rules) and any(bottom - reach <= y <= bottom for y in rules)
        return [0] if boxed else None
    rising = inside[::-1]
    # the number of borders above each line's middle
    bands = [len(rising) - bisect.bisect_right(rising, (_top(line) + _bottom(line)) / 2) for line in table.lines]
    return [0] + [n for n in range(1, len(bands)) if bands[n] != bands[n - 1]]


def _bands(table: _Table) -> list[int] | None:
    """Indexes of the lines that start a row, where rows are parted by more space than lines in a cell
    (cell padding, a border); None if every gap is the same (then the first column tells the rows)."""
    gaps = [_bottom(a) - _top(b) for a, b in itertools.pairwise(table.lines)]
    first = table.columns[0]
    if not gaps or all(abs(line.cells[0][0].left - first) <= _ALIGN for line in table.lines):
        return None  # every line has a first cell: rows of one line each (sizes may vary, gaps with them)
    height = min(r.height for line in table.lines for c in line.cells for r in c)
    usual = sorted(gaps)[len(gaps) // 2]
    starts = [0] + [k + 1 for k, g in enumerate(gaps) if g > usual + 0.4 * height]
    return starts if len(starts) > 1 else None


def table_rows(table: _Table, page_right: float, rules: list[float] | None = None
               ) -> tuple[list[list[list[str]]], bool]:
    """(rows of cells of paragraphs, is it a table rather than columns of running text)."""
    columns = table.columns
    limits = _limits(columns, page_right)
    bands = (_ruled_bands(table, rules) if rules else None) or _bands(table)
    rows: list[list[list[str]]] = []
    last: list[Run | None] = []
    first_cell_full = 0
    multi = 0
    above: set[int | None] = set()
    for n, line in enumerate(table.lines):
        cells = {_column(c[0].left, columns): c for c in line.cells}
        head = cells.get(0)
        if bands is not None:
            new_row = n in bands
        else:
            # A new row: text in the first column that is not the rest of a wrapped line, or text beside it
            # in a column whose last line did not wrap either (all the row's cells begin together).
            # The same columns filled as on the line above is a new row too: all cells seldom wrap at once.
            new_row = not rows or (head is not None and (
                last[0] is None or not _full(last[0], head[0].text, limits[0])
                or any(k not in (0, None) and (last[k] is None or not _full(last[k], c[0].text, limits[k]))
                       for k, c in cells.items())
                or (len(cells) >= 2 and set(cells) == above)))
        above = set(cells)
        if new_row:
            rows.append([[] for _ in columns])
            last = [None] * len(columns)
        if len(line.cells) >= 2:
            multi += 1
            first_cell_full += head is not None and _full(head[-1], "mmmm", limits[0])
        for k, cell in cells.items():
            if k is None:
                continue
            text = " ".join(r.text for r in cell)
            prev = last[k]
            if prev is not None and rows[-1][k] and _full(prev, text, limits[k]):
                rows[-1][k][-1] += " " + text
            else:
                rows[-1][k].append(text)
            last[k] = cell[-1]
    is_table = multi <= _MAX_PLAIN_ROWS or first_cell_full < multi
    return rows, is_table


def _drawn_by_column(table: _Table, order: dict[int, int]) -> bool:
    """Did the page draw the region column by column, all of one column's text before the next's? That is
    columns of running text, or a side box beside the text, and pdfium's lines already follow it in reading
    order; a table of several rows is drawn row by row. ``order``: each run's place in the page's content."""
    drawn = sorted((order[id(run)], k) for line in table.lines for cell in line.cells
                   if (k := _column(cell[0].left, table.columns)) is not None for run in cell)
    columns = [k for _, k in drawn]
    # two columns of several lines each: a label beside a cell of names, drawn label first, is a table
    lines = Counter(k for line in table.lines for k in {_column(cell[0].left, table.columns) for cell in line.cells})
    return (sum(1 for k, n in lines.items() if k is not None and n >= _COLUMN_LINES) >= 2
            and all(a <= b for a, b in itertools.pairwise(columns)))


def _norm(s: str) -> str:
    return " ".join(s.split())


def apply_tables(page: list[str], runs: list[Run], page_right: float,
                 rules: Callable[[], list[float]] | None = None) -> tuple[list[str], int]:
    """The page's lines with its tables written as rows; (lines, tables found). ``rules`` gives the heights
    of the page's horizontal borders, asked for only when the page has a table."""
    lines = baselines(runs)
    out = page
    found = 0
    tables = find_tables(lines, page_right)
    borders = rules() if rules and tables else None
    order = {id(run): k for k, run in enumerate(runs)}
    for _, _, table in tables:
        rows, is_table = table_rows(table, page_right, borders)
        if not is_table or (len(rows) >= 2 and _drawn_by_column(table, order)):
            continue
        pieces = {_norm(r.text) for line in table.lines for cell in line.cells for r in cell}
        # pdfium runs neighbouring cells of one baseline together in content order: any run of them
        n_cells = [(line, len(line.cells)) for line in table.lines]
        pieces |= {_norm(" ".join(line.text(k) for k in range(a, b)))
                   for line, n in n_cells for a in range(n) for b in range(a + 1, n + 1)}
        hits = [n for n, s in enumerate(out) if _norm(s) in pieces]
        if not hits:
            continue
        lo, hi = hits[0], hits[-1]
        if any(_norm(s) not in pieces for s in out[lo:hi + 1]):
            continue  # the table's text is not one span of the page: keep pdfium's lines
        written = [line for row in rows for line in row_lines(row)]
        out = [*out[:lo], *written, *out[hi + 1:]]
        found += 1
    return out, found
