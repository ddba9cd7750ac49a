"""Rows -> meetings.csv, items.csv and participants.csv, with the same columns as the other targets.

* **Spreadsheet-friendly.** UTF-8 with a byte-order mark by default, so Excel shows æ, ø and å;
  the delimiter is a comma unless told otherwise (Excel with Danish regional settings wants
  ``;``). A list (``minute_takers``, ``recommendation_clauses``, ``attachments``) is one cell
  with one value per line (a line break inside a value becomes a space, so lines and values
  stay one to one); ``complete`` is 1 or 0.
* **Verbatim by default.** Cells hold the values as they are (what pandas, csvkit, DuckDB and
  polars users want: ``- 1. At …`` stays ``- 1. At …``). ``escape_formulas`` (``--escape-formulas``,
  implied by ``--excel-da``) is for files a person opens in a spreadsheet, which would run a text
  starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula (CSV
  injection). Then, as OWASP advises, such a text gets a leading ``'``, which spreadsheets hide
  and treat as "this is text" -- and not only at the start of the cell: a reader may split the
  file at another separator than the one it was written with (LibreOffice asked for ``;``
  splits ``Budget;=1+2`` written in a comma file), so every piece after any separator a reader
  may choose (``, ; |``, tab, line break; spaces after it skipped) is neutralised the same way,
  and every text cell is quoted. Numbers are written as they are.
* **All or nothing.** Each file is written beside its target under a temporary name and
  renamed by :meth:`CsvSink.commit` when the export ends; :meth:`CsvSink.discard` (a failed or
  interrupted export) leaves the previous CSVs (or none). The files hold the documents of one
  export: each export replaces them.
"""

from __future__ import annotations

import csv
import errno
import io
from pathlib import Path
from typing import Any

from referat_parser.export.rows import FILE_TABLES
from referat_parser.io_utils import AtomicFile

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Where a reader may cut a cell, whichever separator it is told to use: after each of these (and
# any spaces, which an importer may trim) a piece that starts like a formula is neutralised too.
SEPARATORS = frozenset(",;|\t\n")


def _neutralised(text: str) -> str:
    """``text`` with a ``'`` before every piece that starts like a formula (at the start or after a separator)."""
    out = []
    piece_start = True
    for ch in text:
        if piece_start and ch in FORMULA_STARTS:
            out.append("'")
            piece_start = False
        out.append(ch)
        if ch in SEPARATORS:
            piece_start = True
        elif ch != " ":
            piece_start = False
    return "".join(out)


def make_folder(folder: Path) -> None:
    """Create the output folder (and its parents); OSError with a plain reason if it cannot be one."""
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder")
    folder.mkdir(parents=True, exist_ok=True)


def cell(value: Any, escape_formulas: bool = False) -> Any:
    """One value as a CSV cell: verbatim, or with every piece that may be read as a formula neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        value = "\n".join(" ".join(v.splitlines()) for v in value)
    if escape_formulas and isinstance(value, str):
        return _neutralised(value)
    return value


class CsvSink:
    def __init__(self, folder: Path, *, delimiter: str = ",", bom: bool = True, escape_formulas: bool = False) -> None:
        self.target = folder
        self.delimiter = delimiter
        self.escape_formulas = escape_formulas
        make_folder(folder)
        self.files: dict[str, AtomicFile] = {}
        try:
            for name, columns in FILE_TABLES.items():
                out = AtomicFile(folder / f"{name}.csv", encoding="utf-8-sig" if bom else "utf-8", newline="")
                self.files[name] = out
                out.fh.write(self._render([list(columns)], header=True))
        except BaseException:
            self.discard()
            raise

    def _render(self, rows: list[list[Any]], header: bool = False) -> str:
        buf = io.StringIO()
        # Escaping: every text cell quoted, so a reader that keeps to quotes never cuts one (the
        # column names are plain words and stay as they are)
        quoting = csv.QUOTE_NONNUMERIC if self.escape_formulas and not header else csv.QUOTE_MINIMAL
        csv.writer(buf, delimiter=self.delimiter, quoting=quoting).writerows(rows)
        return buf.getvalue()

    def prepare(self, tables: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
        """One document's rows as CSV text per file; nothing is written yet.

        Raises ValueError for a value the file cannot hold (a lone surrogate), before any write.
        """
        out = {name: self._render([[cell(r[c], self.escape_formulas) for c in FILE_TABLES[name]] for r in rows])
               for name, rows in tables.items()}
        for text in out.values():
            text.encode("utf-8")
        return out

    def write(self, prepared: dict[str, str]) -> None:
        for name, text in prepared.items():
            self.files[name].fh.write(text)

    def commit(self) -> None:
        """Make the complete files the outputs."""
        for out in self.files.values():
            out.commit()
        self.files.clear()

    def discard(self) -> None:
        """Leave the previous files as they were."""
        for out in self.files.values():
            out.discard()
        self.files.clear()
