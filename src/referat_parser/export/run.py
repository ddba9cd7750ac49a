"""``referat export`` end to end: stream documents -> rows -> SQLite, CSV and/or Parquet, with a summary.

One rule for duplicates in every target: the same sha256 is the same document. Within one
export the first source of a document is exported and later ones are counted as duplicates;
a document already in the SQLite file is replaced. The SQLite file accumulates across exports,
while the CSV and Parquet files are rewritten by each export with the documents of that export.

A source that cannot be exported (unreadable, not valid against the models, a value too large
to store) fails alone: nothing of it is written anywhere, and the export goes on. Only a target
that cannot be written (disk full, a file that is not a referat database) stops the export; then,
as after an interrupted export or one that exported nothing, the CSV and Parquet files are not
replaced, so they never disagree with the summary.
"""

from __future__ import annotations

import contextlib
import dataclasses
import signal
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from referat_parser.errors import InputError
from referat_parser.export.rows import FileIds, document_key, document_rows
from referat_parser.export.sources import iter_documents


@dataclass(frozen=True)
class CsvOptions:
    delimiter: str = ","
    bom: bool = True
    escape_formulas: bool = False  # verbatim unless asked (--escape-formulas, --excel-da)


@dataclass
class ExportSummary:
    sources: int = 0
    documents: int = 0  # distinct documents exported
    duplicates: int = 0  # sources that were a document already exported by this run
    new: int = 0  # ... of the documents: not yet in the SQLite file
    replaced: int = 0  # ... already there (same sha256), replaced
    items: int = 0
    participants: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False
    elapsed: float = 0.0
    sqlite: Path | None = None
    sqlite_total: int | None = None  # documents in the SQLite file after the export
    sqlite_upgraded: bool = False  # the file had the layout of before the mark and was upgraded
    files: list[tuple[str, Path]] = field(default_factory=list)  # ("CSV" | "Parquet", folder)

    def exit_code(self) -> int:
        """0 all exported, 3 some sources failed, 1 nothing exported."""
        if self.documents == 0:
            return 1
        return 3 if self.failures else 0

    def files_written(self) -> bool:
        """CSV and Parquet replace the earlier files only after a run that exported and was not cut short."""
        return self.documents > 0 and not self.interrupted

    def lines(self) -> list[str]:
        """What was exported where, and how each target treats what it held before."""
        head = f"{self.sources:,} sources, {self.documents:,} distinct documents"
        if self.sqlite is not None:
            head += f": {self.new:,} new, {self.replaced:,} replaced"
        if self.duplicates:
            head += f" ({self.duplicates:,} duplicate sources: same sha256, exported once)"
        head += f"; {self.items:,} items, {self.participants:,} participants"
        if self.failures:
            head += f"; {len(self.failures):,} failed"
        head += f"; {self.elapsed:.1f} s" + (" (interrupted)" if self.interrupted else "")
        out = [head]
        if self.sqlite is not None:
            upgraded = "upgraded to the current layout (columns named as in the JSON); " if self.sqlite_upgraded else ""
            out.append(f"  {self.sqlite} (SQLite): {upgraded}{self.sqlite_total:,} documents in all "
                       "(it keeps earlier exports; a document exported again replaces its rows)")
        for kind, folder in self.files:
            if not self.files_written():
                why = "interrupted" if self.interrupted else "nothing exported"
                out.append(f"  {folder} ({kind}): not written ({why}); earlier files left as they were")
            else:
                out.append(f"  {folder} ({kind}): files rewritten with the {self.documents:,} documents of this export")
        return out


def _open(sqlite: Path | None, csv_dir: Path | None, csv: CsvOptions, parquet_dir: Path | None) -> tuple[Any, list]:
    """The targets, or InputError before anything is written if one cannot be used."""
    from referat_parser.export.csv_out import CsvSink
    from referat_parser.export.parquet_out import MissingExtra, ParquetSink
    from referat_parser.export.sqlite import SqliteSink, TargetError

    files: list = []
    target: Path | None = None
    try:
        if parquet_dir is not None:  # first: a missing extra stops the export before any output
            target = parquet_dir
            files.append(ParquetSink(parquet_dir))
        if csv_dir is not None:
            target = csv_dir
            files.append(CsvSink(csv_dir, delimiter=csv.delimiter, bom=csv.bom, escape_formulas=csv.escape_formulas))
        target = sqlite
        return (SqliteSink(sqlite) if sqlite is not None else None), files
    except (MissingExtra, TargetError) as e:
        for sink in files:
            sink.discard()
        raise InputError(str(e)) from None
    except (OSError, sqlite3.Error) as e:
        for sink in files:
            sink.discard()
        raise InputError(f"cannot write to {target}: {getattr(e, 'strerror', None) or e}") from None


def _stopped(target: Path | None, e: Exception, summary: ExportSummary, files: list) -> InputError:
    """A target could not be written: the file targets are not replaced; one line says so."""
    for sink in files:
        sink.discard()
    said = f"cannot write to {target}: {getattr(e, 'strerror', None) or e}"
    if summary.sqlite is not None and summary.documents:
        said += f"; the {summary.documents:,} documents before it stay in {summary.sqlite}"
    if files:
        said += "; no CSV or Parquet file was replaced"
    return InputError(said)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> Any:
    """SIGTERM stops an export as Ctrl-C does (exit 130, the database closed and out of WAL mode,
    no temp file left); it used to kill it where it stood. The previous handler, or None when
    signals are not ours to set (not the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _interrupt)


def run_export(srcs: list[str], *, sqlite: Path | None = None, csv_dir: Path | None = None,
               csv: CsvOptions = CsvOptions(), parquet_dir: Path | None = None, jobs: int = 1, quiet: bool = False,
               parse_folders: bool = False) -> ExportSummary:
    """Export every document of ``srcs``; a failing source is recorded and skipped."""
    from referat_parser.batch.view import Bar

    db, files = _open(sqlite, csv_dir, csv, parquet_dir)
    summary = ExportSummary(sqlite=sqlite, files=[
        (kind, folder) for kind, folder in (("CSV", csv_dir), ("Parquet", parquet_dir)) if folder is not None])
    summary.sqlite_upgraded = db is not None and db.upgraded
    exported_at = datetime.now(UTC).isoformat(timespec="seconds")
    ids = FileIds()
    seen: set[tuple[str, str | None]] = set()
    started = time.perf_counter()
    target: Path | None = None
    previous = _stop_on_sigterm()
    try:
        with Bar(None, not quiet and sys.stderr.isatty(), label="referat export") as bar:
            for label, doc, error in iter_documents(srcs, jobs, parse_folders=parse_folders):
                summary.sources += 1
                bar.advance()
                if doc is None:
                    summary.failures.append((label, error or "failed"))
                    continue
                key = document_key(doc)
                if key[1] is not None and key in seen:
                    summary.duplicates += 1
                    continue
                before = dataclasses.replace(ids)
                try:  # everything that can fail for this document alone happens before any write
                    rows = document_rows(doc, exported_at)
                    tables = ids.tables(rows) if files else {}
                    prepared = [(sink, sink.prepare(tables)) for sink in files]
                    target = sqlite
                    replaced = db.write(rows) if db is not None else False
                except (ValueError, OverflowError, TypeError) as e:
                    ids = before
                    summary.failures.append((label, f"cannot be exported: {e}"))
                    continue
                for sink, data in prepared:
                    target = sink.target
                    sink.write(data)
                seen.add(key)
                summary.documents += 1
                summary.replaced += replaced
                summary.new += not replaced
                summary.items += len(rows.items)
                summary.participants += len(rows.participants)
    except KeyboardInterrupt:
        summary.interrupted = True
    except (OSError, sqlite3.Error) as e:
        raise _stopped(target, e, summary, files) from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                summary.sqlite_total = db.count()
            db.close()
    for n, sink in enumerate(files):
        if not summary.files_written():
            sink.discard()
            continue
        try:
            sink.commit()
        except OSError as e:
            raise _stopped(sink.target, e, summary, files[n:]) from None
    summary.elapsed = time.perf_counter() - started
    return summary
