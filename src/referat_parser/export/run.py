"""``referat export`` end to end: stream documents -> rows -> SQLite and/or CSV, with a summary."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from referat_parser.errors import InputError
from referat_parser.export.rows import document_rows
from referat_parser.export.sources import iter_documents


@dataclass
class ExportSummary:
    documents: int = 0
    items: int = 0
    participants: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False
    elapsed: float = 0.0

    def exit_code(self) -> int:
        """0 all exported, 3 some sources failed, 1 nothing exported."""
        if self.documents == 0:
            return 1
        return 3 if self.failures else 0

    def line(self, targets: str) -> str:
        rate = self.documents / self.elapsed if self.elapsed > 0 else 0.0
        failed = f"; {len(self.failures)} failed" if self.failures else ""
        stop = " (interrupted)" if self.interrupted else ""
        return (f"exported {self.documents:,} documents ({self.items:,} items, {self.participants:,} participants) "
                f"to {targets} in {self.elapsed:.1f} s, {rate:,.0f} docs/s{failed}{stop}")


def run_export(srcs: list[str], *, sqlite: Path | None = None, csv_dir: Path | None = None, bom: bool = True,
               jobs: int = 1, quiet: bool = False, parse_folders: bool = False) -> ExportSummary:
    """Export every document of ``srcs``; a failing source is recorded and skipped."""
    import sqlite3

    from referat_parser.batch.view import Bar

    sinks: list = []
    try:
        if sqlite is not None:
            from referat_parser.export.sqlite import SqliteSink

            sinks.append(SqliteSink(sqlite))
        if csv_dir is not None:
            from referat_parser.export.csv_out import CsvSink

            sinks.append(CsvSink(csv_dir, bom=bom))
    except (OSError, sqlite3.Error) as e:  # nothing can be done: one clear line
        target = csv_dir if sinks else sqlite
        raise InputError(f"cannot write to {target}: {e}") from None
    summary = ExportSummary()
    started = time.perf_counter()
    try:
        with Bar(None, not quiet and sys.stderr.isatty()) as bar:
            for label, doc, error in iter_documents(srcs, jobs, parse_folders=parse_folders):
                if doc is None:
                    summary.failures.append((label, error or "failed"))
                else:
                    rows = document_rows(doc)
                    for sink in sinks:
                        sink.write(rows)
                    summary.documents += 1
                    summary.items += len(rows.items)
                    summary.participants += len(rows.participants)
                bar.advance()
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        for sink in sinks:
            sink.close()
    summary.elapsed = time.perf_counter() - started
    return summary
