"""Export: parsed minutes (JSON, JSONL, or raw files parsed on the fly) -> SQLite, CSV or Parquet.

Not a pipeline stage but a consumer of its output, in small parts:

* :mod:`.sources` streams documents from the SRC arguments, one at a time, each checked
  against the output models;
* :mod:`.rows` turns one document into table rows (pure functions, no I/O), with the JSON
  field names as column names;
* :mod:`.sqlite`, :mod:`.csv_out` and :mod:`.parquet_out` write those rows: a marked SQLite
  database with foreign keys, indexes and an FTS5 index; CSV files for spreadsheets; Parquet
  files (pyarrow, an optional extra) for analysts.

:func:`run_export` drives them for ``referat export``: one rule for duplicates (the same
sha256 is the same document) in every target, and a summary that says what each target holds.
"""

from __future__ import annotations

from referat_parser.export.run import CsvOptions, ExportSummary, run_export

__all__ = ["CsvOptions", "ExportSummary", "run_export"]
