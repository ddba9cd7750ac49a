"""Rows -> meetings.parquet, items.parquet and participants.parquet (pyarrow, an optional extra).

The same rows and columns as the CSV files, with types: integers as int64, ``complete`` as a
boolean, dates (``date``, ``decision_date``) as ``date32`` and clock times (``start_time``,
``end_time``) as ``time32[s]``, so DuckDB, polars and pandas read dates and times, not text;
lists (``minute_takers``, ``recommendation_clauses``, ``attachments``) as lists of strings.
pyarrow is imported only when ``--parquet`` is given; without it the export stops before doing
anything, with one line saying how to install it (:class:`MissingExtra`).
Like the CSV files, each file is written under a temporary name and renamed when the export
ends, and holds the documents of one export.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import date, time
from pathlib import Path
from typing import Any

from referat_parser.export.csv_out import make_folder
from referat_parser.export.rows import FILE_TABLES, LIST_COLUMNS
from referat_parser.io_utils import _umask, remove_stale_temps, temp_prefix

INTEGER_COLUMNS = frozenset({
    "id", "meeting_id", "position", "line", "duration_minutes", "source_chars", "source_lines", "source_pages",
    "source_tables", "source_chrome_removed", "span_start_line", "span_end_line", "recommendation_span_start_line",
    "recommendation_span_end_line", "decision_span_start_line", "decision_span_end_line",
})
DATE_COLUMNS = frozenset({"date", "decision_date"})  # ISO dates, as the contract holds them
TIME_COLUMNS = frozenset({"start_time", "end_time"})  # HH:MM
ROW_GROUP = 10_000  # rows buffered per table before they are written as one row group
COMPACT_EVERY = 256  # documents' batches waiting for a row group before they are merged into one


class MissingExtra(Exception):
    """pyarrow is not installed; ``str(err)`` is one line for the user."""


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtra("--parquet needs pyarrow (the extra parquet): pip install pyarrow") from None
    return pa, pq


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    """A row with its dates and times as ``datetime.date`` / ``datetime.time`` (the contract checked their form)."""
    out = dict(row)
    for column in DATE_COLUMNS & out.keys():
        if out[column] is not None:
            out[column] = date.fromisoformat(out[column])
    for column in TIME_COLUMNS & out.keys():
        if out[column] is not None:
            out[column] = time.fromisoformat(out[column])
    return out


class ParquetSink:
    def __init__(self, folder: Path) -> None:
        self.pa, pq = _pyarrow()  # first: a missing extra must stop the export before any output
        pa = self.pa
        self.target = folder
        make_folder(folder)

        def kind(column: str) -> Any:
            if column in LIST_COLUMNS:
                return pa.list_(pa.string())
            if column == "complete":
                return pa.bool_()
            if column in DATE_COLUMNS:
                return pa.date32()
            if column in TIME_COLUMNS:
                return pa.time32("s")
            return pa.int64() if column in INTEGER_COLUMNS else pa.string()

        self.schemas = {name: pa.schema([(c, kind(c)) for c in columns]) for name, columns in FILE_TABLES.items()}
        self.files: dict[str, tuple[Path, str, Any]] = {}
        self.pending: dict[str, list[Any]] = {name: [] for name in FILE_TABLES}
        self.pending_rows = dict.fromkeys(FILE_TABLES, 0)
        try:
            for name, schema in self.schemas.items():
                target = folder / f"{name}.parquet"
                remove_stale_temps(target)  # left by a killed earlier export
                fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=folder)
                os.close(fd)
                self.files[name] = (folder / f"{name}.parquet", tmp, pq.ParquetWriter(tmp, schema))
        except BaseException:
            self.discard()
            raise

    def prepare(self, tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
        """One document's rows as typed record batches; raises for a value that does not fit."""
        return {name: self.pa.RecordBatch.from_pylist([_typed(r) for r in rows], schema=self.schemas[name])
                for name, rows in tables.items()}

    def write(self, prepared: dict[str, Any]) -> None:
        for name, batch in prepared.items():
            pending = self.pending[name]
            pending.append(batch)
            self.pending_rows[name] += batch.num_rows
            if self.pending_rows[name] >= ROW_GROUP:
                self._flush(name)
            elif len(pending) >= COMPACT_EVERY:
                # A record batch per document costs ~50 KB of buffers and objects whatever its
                # rows (10,000 small documents held ~530 MB): fold the waiting ones into one.
                table = self.pa.Table.from_batches(pending, schema=self.schemas[name]).combine_chunks()
                self.pending[name] = table.to_batches()

    def _flush(self, name: str) -> None:
        batches, self.pending[name], self.pending_rows[name] = self.pending[name], [], 0
        if batches:
            self.files[name][2].write_table(self.pa.Table.from_batches(batches, schema=self.schemas[name]))

    def commit(self) -> None:
        """Write what is buffered and make the complete files the outputs."""
        for name in self.files:
            self._flush(name)
        for path, tmp, writer in self.files.values():
            writer.close()
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
            os.replace(tmp, path)
        self.files.clear()

    def discard(self) -> None:
        """Leave the previous files as they were."""
        for _, tmp, writer in self.files.values():
            with contextlib.suppress(Exception):
                writer.close()
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        self.files.clear()
