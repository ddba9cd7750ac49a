"""Export: parsed minutes (JSON, JSONL, or raw files parsed on the fly) -> SQLite or CSV.

Not a pipeline stage but a consumer of its output, in three small parts:

* :mod:`.sources` streams documents from the SRC arguments, one at a time;
* :mod:`.rows` turns one document into table rows (pure functions, no I/O);
* :mod:`.sqlite` and :mod:`.csv_out` write those rows: SQLite with foreign keys, indexes and an
  FTS5 index (via sqlite-utils), CSV files with a BOM for Excel.

:func:`run_export` drives them for ``referat export``.
"""

from __future__ import annotations

from referat_parser.export.run import ExportSummary, run_export

__all__ = ["ExportSummary", "run_export"]
