"""``referat batch`` end to end: discover -> check -> run workers -> write in order -> summarise.

Kept apart from the typer layer so that tests and other programs can drive a batch with
plain arguments. Everything that can be known before the first file is parsed is checked
first: the report can be written, the output folder or JSONL file can be made, and no two
inputs share an output. Each failure is printed as it happens (``referat: failed: PATH:
reason``, also with ``-q``). Ctrl-C and SIGTERM stop it cleanly: no new file is started,
outputs already written stay, the summary so far is printed, and the exit code is 130. When
stdout is a pipe that closes (``--jsonl - | head``), the batch ends quietly with 141, as a
program killed by SIGPIPE does.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterable
from pathlib import Path

from referat_parser.batch.sinks import JsonlSink, TreeSink
from referat_parser.batch.work import (
    EXTENSIONS,
    Engine,
    EngineLost,
    LocalPool,
    Options,
    Result,
    Summary,
    Task,
    collisions,
    discover,
    request_stop,
    reset_stop,
)
from referat_parser.errors import InputError
from referat_parser.io_utils import STDOUT, prepare, printable, safe_line, write_atomic

INTERRUPTED = 130
NO_INPUTS = 2  # the paths given hold no input: a usage error
PIPE_CLOSED = 141  # 128 + SIGPIPE


def _on_stop_signal(signum: int, frame: object) -> None:
    request_stop()  # one clean path (KeyboardInterrupt) for Ctrl-C and kill, at a safe place in the batch


def _why(e: OSError) -> str:
    return e.strerror or str(e)


def _check_collisions(tasks: list[Task], outdir: Path) -> None:
    clash = collisions(tasks, outdir)
    if clash:
        out, first, second = clash[0]
        more = f" (and {len(clash) - 1} more)" if len(clash) > 1 else ""
        raise InputError(f"two inputs would write one output {printable(out)}: {printable(first)} and "
                         f"{printable(second)}{more}; run them as separate batches or use --jsonl")


def _silence_stdout() -> None:
    """stdout's reader is gone: point it at /dev/null so the exit-time flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def run_batch(paths: list[str], *, outdir: Path | None, jsonl: str | None, jobs: int, force: bool = False,
              report: Path | str | None = None, quiet: bool = False, indent: int | None = 2, fmt: str | None = None,
              max_bytes: int = 50 * 1024 * 1024, max_pages: int = 2000, listed: Iterable[str] = (),
              engine: str = "local", scheduler: str | None = None, connect_timeout: float = 10.0,
              fail_fast: bool = False, verbose: bool = False) -> int:
    """Run one batch; returns the exit code (0, 3, 1, 130 when interrupted, 141 when stdout closed).

    ``listed`` are paths taken literally (``--files-from``). ``report`` ``"-"`` is stdout.
    ``fail_fast``: stop at the first input that fails (exit 3, or 1 if none was done).
    ``verbose``: one line on stderr per input as it is done. ``engine`` is ``local`` (a pool of
    ``jobs`` processes) or ``dask`` (the cluster at ``scheduler``, or a local one of ``jobs``
    workers). Raises InputError, before any file is parsed (and, for the engine, before anything
    is written), when the engine cannot be had, the report or the output cannot be written or
    two inputs share an output.
    """
    with _engine(engine, jobs, scheduler, connect_timeout) as pool:
        return _batch(pool, paths, outdir=outdir, jsonl=jsonl, force=force, report=report, quiet=quiet,
                      indent=indent, fmt=fmt, max_bytes=max_bytes, max_pages=max_pages, listed=listed,
                      fail_fast=fail_fast, verbose=verbose)


def _engine(name: str, jobs: int, scheduler: str | None, timeout: float) -> Engine:
    if name == "local" and scheduler is None:
        return LocalPool(jobs)
    if name not in ("local", "dask"):
        raise ValueError(f"unknown engine {name!r}")
    if name == "local":
        raise ValueError("a scheduler address is for the dask engine")
    from referat_parser.batch.cluster import DaskCluster

    return DaskCluster(jobs, scheduler, timeout)


def _batch(pool: Engine, paths: list[str], *, outdir: Path | None, jsonl: str | None, force: bool,
           report: Path | str | None, quiet: bool, indent: int | None, fmt: str | None, max_bytes: int, max_pages: int,
           listed: Iterable[str], fail_fast: bool = False, verbose: bool = False) -> int:
    listed = list(listed)
    if report is not None and report != STDOUT:
        try:
            prepare(report)
        except OSError as e:
            raise InputError(f"cannot write the report {printable(str(report))}: {_why(e)}") from None
    tasks, missing = discover(paths, listed)
    if outdir is not None:
        _check_collisions(tasks, outdir)
    if not tasks:  # nothing to do is a mistake in the command line, not a batch that failed: one line
        given = [*paths, *listed]
        looked = ", ".join(printable(a) for a in given[:5]) + (" …" if len(given) > 5 else "")
        why = "".join(f"; {printable(arg)}: {reason}" for arg, reason in missing[:3])
        sys.stderr.write(f"referat: error: no input files found in {looked} (looked for regular files named "
                         f"*{' *'.join(sorted(EXTENSIONS))}, hidden ones skipped){why}\n")
        return NO_INPUTS
    summary = Summary(files=len(tasks))
    for arg, why in missing:
        summary.fail(Task(arg, ""), why)
        _say_failed(printable(arg), why)
    target = outdir if outdir is not None else (jsonl or "-")
    try:
        sink: TreeSink | JsonlSink = TreeSink(outdir) if outdir is not None else JsonlSink(jsonl or "-")
    except OSError as e:
        raise InputError(f"cannot write to {printable(str(target))}: {_why(e)}") from None
    opts = Options(out_root=str(outdir) if outdir is not None else None, force=force, fmt=fmt,
                   max_bytes=max_bytes, max_pages=max_pages, indent=indent if outdir is not None else None,
                   write=outdir is not None and isinstance(pool, LocalPool))
    show_bar = not quiet and sys.stderr.isatty()
    reset_stop()
    previous = {sig: signal.signal(sig, _on_stop_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    pipe_closed = False
    processed = 0
    try:
        from referat_parser.batch.view import Bar

        with Bar(len(tasks), show_bar) as bar:
            results = pool.run(tasks, opts)
            try:
                for result in results:
                    if result.json is not None:
                        try:
                            sink.write(result.task.out, result.json)
                        except BrokenPipeError:
                            raise
                        except OSError as e:
                            if isinstance(sink, JsonlSink) and sink.broken is not None:
                                break  # the JSONL file is lost as a whole: stop (close says why)
                            result.status, result.error = "failed", f"cannot write output: {_why(e)}"
                            result.items, result.outcomes, result.diagnostics = 0, {}, {}
                    processed += 1
                    summary.add(result)
                    if result.status == "failed":
                        bar.note(safe_line(f"referat: failed: {result.task.path}: {result.error or ''}"))
                    elif verbose:
                        bar.note(_done_line(result))
                    bar.advance()
                    if fail_fast and result.status == "failed":
                        summary.stopped = len(tasks) - processed
                        break
            finally:
                results.close()  # on an early stop, end the workers now
    except KeyboardInterrupt:
        summary.interrupted = True
    except EngineLost as e:  # the inputs not done fail as a whole, with one line why; a re-run resumes
        why = f"{e}; {len(tasks) - processed} input(s) were not done"
        summary.failed += len(tasks) - processed
        processed = len(tasks)
        summary.failures.append({"path": printable(e.where), "error": printable(why)})
        _say_failed(printable(e.where), printable(why))
    except BrokenPipeError:
        pipe_closed = True
        _silence_stdout()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        reset_stop()
        try:
            sink.close()
        except BrokenPipeError:
            pipe_closed = True
            _silence_stdout()
        except OSError as e:
            summary.lose(len(tasks) - processed)
            why = f"cannot write output: {_why(e)}; the batch stopped and no document was written"
            summary.failures.append({"path": printable(str(target)), "error": why})
            _say_failed(printable(str(target)), why)
    if pipe_closed:
        _finish(summary, report, quiet=True)
        return PIPE_CLOSED
    _finish(summary, report, quiet)
    return INTERRUPTED if summary.interrupted else summary.exit_code()


def _done_line(result: Result) -> str:
    """``-v``: what became of one input that did not fail."""
    path = printable(result.task.path)
    if result.status == "skipped":
        return f"referat: skipped: {path} (its output is up to date)"
    return f"referat: parsed: {path} ({result.items:,} items)"


def _say_failed(path: str, why: str) -> None:
    sys.stderr.write(safe_line(f"referat: failed: {path}: {why}") + "\n")


def _finish(summary: Summary, report: Path | str | None, quiet: bool) -> None:
    summary.finish()
    if not quiet:
        from referat_parser.batch.view import print_summary

        print_summary(summary)
    if report == STDOUT:
        sys.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    elif report is not None:
        try:
            write_atomic(report, json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n")
        except OSError as e:
            raise InputError(f"cannot write the report {printable(str(report))}: {_why(e)}") from None
