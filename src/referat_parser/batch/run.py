"""``referat batch`` end to end: discover -> run workers -> write in order -> summarise.

Kept apart from the typer layer so that tests and other programs can drive a batch with
plain arguments. Ctrl-C and SIGTERM stop it cleanly: no new file is started, outputs
already written stay, the summary so far is printed, and the exit code is 130.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

from referat_parser.batch.sinks import JsonlSink, TreeSink
from referat_parser.batch.work import Options, Summary, Task, discover, run
from referat_parser.errors import InputError
from referat_parser.io_utils import write_atomic

INTERRUPTED = 130


def _on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # one clean path for Ctrl-C and kill


def run_batch(paths: list[str], *, outdir: Path | None, jsonl: str | None, jobs: int, force: bool = False,
              report: Path | None = None, quiet: bool = False, indent: int | None = 2, fmt: str | None = None,
              max_bytes: int = 50 * 1024 * 1024, max_pages: int = 2000) -> int:
    """Run one batch; returns the exit code (0, 3, 1, or 130 when interrupted)."""
    tasks, missing = discover(paths)
    summary = Summary(files=len(tasks))
    for arg in missing:
        summary.fail(Task(arg, ""), "no such file, folder or matching glob")
    if not tasks:
        _finish(summary, report, quiet)
        return 1
    try:
        sink: TreeSink | JsonlSink = TreeSink(outdir) if outdir is not None else JsonlSink(jsonl or "-")
    except OSError as e:
        raise InputError(f"cannot write to {outdir or jsonl}: {e.strerror or e}") from None
    opts = Options(out_root=str(outdir) if outdir is not None else None, force=force, fmt=fmt,
                   max_bytes=max_bytes, max_pages=max_pages, indent=indent if outdir is not None else None)
    show_bar = not quiet and sys.stderr.isatty()
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        from referat_parser.batch.view import Bar

        with Bar(len(tasks), show_bar) as bar:
            for result in run(tasks, opts, jobs):
                if result.json is not None:
                    try:
                        sink.write(result.task.out, result.json)
                    except OSError as e:
                        result.status, result.error = "failed", f"cannot write output: {e.strerror or e}"
                summary.add(result)
                bar.advance()
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        signal.signal(signal.SIGTERM, previous)
        try:
            sink.close()
        except OSError as e:
            summary.fail(Task(str(jsonl), ""), f"cannot write output: {e.strerror or e}")
    _finish(summary, report, quiet)
    return INTERRUPTED if summary.interrupted else summary.exit_code()


def _finish(summary: Summary, report: Path | None, quiet: bool) -> None:
    summary.finish()
    if report is not None:
        write_atomic(report, json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n")
    if not quiet:
        from referat_parser.batch.view import print_summary

        print_summary(summary)
