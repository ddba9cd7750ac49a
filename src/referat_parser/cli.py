"""The ``referat`` command line: a thin typer layer over the library.

Machines get plain JSON on stdout; people get rich output from ``referat show``.
Exit codes: 0 ok, 1 input unusable or output unwritable (one line ``referat: error: …`` on
stderr, never a traceback), 2 usage (one line too, with a hint: typer's rich error box is
replaced by :class:`_Group`); batch and export also 3 (some inputs failed) and 130
(interrupted); 141 when stdout's reader went away (``| head``).
Heavy modules (rich) are imported inside the commands that use them, so that
``referat parse`` starts fast.
"""

from __future__ import annotations

import importlib
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from referat_parser.errors import InputError
from referat_parser.io_utils import safe_line
from referat_parser.version import __version__

# typer >= 0.20 carries its own copy of click, older ones use click: take whichever typer raises.
_click = importlib.import_module(typer.BadParameter.__module__.rpartition(".")[0])
_exceptions = importlib.import_module(f"{_click.__name__}.exceptions")
_globals = importlib.import_module(f"{_click.__name__}.globals")


class _Group(TyperGroup):
    """The ``referat`` group: usage errors as one line in the tool's own style, exit 2.

    typer draws a rich box for them; every other error of the tool is one plain line
    ``referat: error: …``, so usage errors are too, with a hint where to look.
    """

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        try:
            rv = super().main(*args, standalone_mode=False, **kwargs)
        except _exceptions.UsageError as e:
            where = e.ctx.command_path if e.ctx is not None else "referat"
            message = e.format_message().rstrip(".")
            if message:  # none: no arguments at all, and the help was printed instead
                sys.stderr.write(safe_line(f"referat: error: {message[:1].lower()}{message[1:]} (see '{where} --help')")
                                 + "\n")
            rv = 2
        except _exceptions.ClickException as e:
            sys.stderr.write(safe_line(f"referat: error: {e.format_message()}") + "\n")
            rv = e.exit_code
        except (getattr(_exceptions, "Abort", typer.Abort), typer.Abort):
            sys.stderr.write("referat: error: aborted\n")
            rv = 1
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    help="Turn Danish meeting minutes (referater) into validated JSON.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _fail(message: str, code: int = 1) -> typer.Exit:
    sys.stderr.write(safe_line(f"referat: error: {message}") + "\n")
    return typer.Exit(code)


def _usage(message: str) -> typer.Exit:
    """A usage error found by a command itself: the same one line as click's, exit 2."""
    ctx = _globals.get_current_context(silent=True)
    return _fail(f"{message} (see '{ctx.command_path if ctx else 'referat'} --help')", 2)


def _version(value: bool) -> None:
    if value:
        print(f"referat-parser {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("-V", "--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Turn Danish meeting minutes (referater) into validated JSON."""


def _read(file: str, max_size: float) -> bytes:
    """The bytes of FILE (``-``: stdin), within ``--max-size`` MB."""
    from referat_parser.readers import read_path

    max_bytes = _max_bytes(max_size)
    if file == "-":
        return sys.stdin.buffer.read(max_bytes + 1)
    return read_path(Path(file), max_bytes=max_bytes)


def _max_bytes(max_size: float) -> int:
    if not max_size > 0 or max_size == float("inf"):  # also NaN
        raise _usage(f"--max-size must be a positive number of MB, not {max_size}")
    return int(max_size * 1024 * 1024)


def _pages(value: int) -> int:
    """--max-pages: a positive number (the usage error is raised where typer reports it)."""
    if value <= 0:
        raise typer.BadParameter(f"{value} is not a positive number of pages")
    return value


def _label(file: str) -> str:
    from referat_parser.io_utils import printable

    return "<stdin>" if file == "-" else printable(file)


def _not_output(data: bytes, file: str) -> None:
    from referat_parser.readback import looks_like_output

    if looks_like_output(data):
        raise InputError(f"{_label(file)} is already parsed referat-parser output (JSON); "
                         "see it with 'referat show', check it with 'referat validate'")


def _parse_data(data: bytes, file: str, fmt: str | None, max_size: float, max_pages: int = 2000) -> dict:
    """The parse as plain data, validated against the models (strictly, once)."""
    from referat_parser import records
    from referat_parser.pipeline import read_data

    _not_output(data, file)
    return records.validate(read_data(data, path=None if file == "-" else _label(file), fmt=fmt,
                                      max_bytes=_max_bytes(max_size), max_pages=max_pages))


def _parse(data: bytes, file: str, fmt: str | None, max_size: float, max_pages: int = 2000):
    """The parse as the typed ``Minutes``."""
    from referat_parser.pipeline import parse_bytes

    _not_output(data, file)
    return parse_bytes(data, path=None if file == "-" else _label(file), fmt=fmt, max_bytes=_max_bytes(max_size),
                       max_pages=max_pages)


def _write(path: Path, text: str) -> None:
    """Write an output file (parent folders made; special files written through) or one line why not."""
    from referat_parser.io_utils import prepare, printable, write_atomic

    try:
        prepare(path)
        write_atomic(path, text)
    except OSError as e:
        raise InputError(f"cannot write {printable(str(path))}: {e.strerror or e}") from None


def _pipe_closed() -> typer.Exit:
    """stdout's reader went away (``| head``): end quietly, as a program killed by SIGPIPE does."""
    from referat_parser.batch.run import PIPE_CLOSED, _silence_stdout

    _silence_stdout()
    return typer.Exit(PIPE_CLOSED)


def _guard(fn):
    """Run a command body: InputError and anything unexpected become one line and exit 1."""
    try:
        return fn()
    except (typer.Exit, typer.Abort):
        raise
    except InputError as e:
        raise _fail(str(e)) from None
    except KeyboardInterrupt:
        raise _fail("interrupted", 130) from None
    except BrokenPipeError:
        raise _pipe_closed() from None
    except Exception as e:  # a bug must still not print a traceback to a batch log
        if os.environ.get("REFERAT_DEBUG"):
            raise
        raise _fail(f"internal error: {type(e).__name__}: {e} (set REFERAT_DEBUG=1 for details)") from None


@app.command()
def parse(
    file: Annotated[str, typer.Argument(help="Minutes file, or - for stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSON here (atomically).")] = None,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON.")] = False,
    fmt: Annotated[str | None, typer.Option("--format", help="Input format: auto, text, pdf, docx, html.")] = None,
    max_size: Annotated[float, typer.Option("--max-size", help="Refuse inputs larger than this many MB.")] = 50,
    max_pages: Annotated[int, typer.Option("--max-pages", callback=_pages,
                                           help="Refuse PDFs with more pages.")] = 2000,
) -> None:
    """Parse one minutes file and print its JSON."""

    def run() -> None:
        from referat_parser.records import dumps

        text = dumps(_parse_data(_read(file, max_size), file, fmt, max_size, max_pages),
                     indent=None if compact else 2).decode()
        if output is None:
            sys.stdout.write(text + "\n")
            sys.stdout.flush()
        else:
            _write(output, text + "\n")

    _guard(run)


class EngineName(StrEnum):
    """``referat batch --engine``: where the parses run."""

    local = "local"
    dask = "dask"


@app.command()
def batch(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders (recursive) or globs.")] = None,
    outdir: Annotated[Path | None, typer.Option("-o", "--output", help="Write one JSON per input here, "
                                                "mirroring the input tree.")] = None,
    jsonl: Annotated[str | None, typer.Option("--jsonl", help="Write one JSON document per line to this "
                                              "file (- for stdout) instead.")] = None,
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="Worker processes (default: the cores); not used "
                                      "with --scheduler.")] = 0,
    force: Annotated[bool, typer.Option("--force", help="Redo inputs whose output is up to date.")] = False,
    report: Annotated[Path | None, typer.Option("--report", help="Write the summary as JSON here.")] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar and no summary (each failure "
                                        "is still printed).")] = False,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON per output file.")] = False,
    fmt: Annotated[str | None, typer.Option("--format", help="Input format: auto, text, pdf, docx, html.")] = None,
    max_size: Annotated[float, typer.Option("--max-size", help="Refuse inputs larger than this many MB.")] = 50,
    max_pages: Annotated[int, typer.Option("--max-pages", callback=_pages,
                                           help="Refuse PDFs with more pages.")] = 2000,
    files_from: Annotated[str | None, typer.Option("--files-from", help="Also read input paths from this "
                                                   "file (- for stdin), one a line or NUL-separated.")] = None,
    engine: Annotated[EngineName, typer.Option("--engine", help="Where the parses run: local worker processes, or a "
                                           "Dask cluster (needs the optional extra dask of referat-parser; without "
                                           "--scheduler, a local one of -j workers).")] = EngineName.local,
    scheduler: Annotated[str | None, typer.Option("--scheduler", metavar="ADDRESS", help="Run on the Dask cluster "
                                                  "of this scheduler (tcp://host:8786); implies --engine dask. The "
                                                  "client reads the files and ships their bytes, and writes every "
                                                  "output; the workers need referat-parser, not the files.")] = None,
    connect_timeout: Annotated[float, typer.Option("--connect-timeout", metavar="SECONDS", help="How long to wait "
                                                   "for the Dask scheduler and a worker.")] = 10.0,
) -> None:
    """Parse many minutes files in parallel; re-runs skip inputs whose output is up to date.

    Exit 0 when every file was parsed (or skipped), 3 when some failed, 1 when nothing could be done
    (also when the Dask engine cannot be had: the extra is not installed, which is not a mistake in
    the command line, or the scheduler cannot be reached; nothing is written then).
    """
    from referat_parser.batch.run import run_batch

    if (outdir is None) == (jsonl is None):
        raise _usage("give exactly one of -o OUTDIR or --jsonl FILE")
    if not paths and files_from is None:
        raise _usage("give input PATHs, or --files-from FILE")
    if jobs < 0:
        raise _usage(f"-j/--jobs must be 0 (the cores) or more, not {jobs}")
    if scheduler is not None and engine is EngineName.local and _given("engine"):
        raise _usage("--scheduler is for --engine dask")
    if not connect_timeout > 0 or connect_timeout == float("inf"):
        raise _usage(f"--connect-timeout must be a positive number of seconds, not {connect_timeout}")
    max_bytes = _max_bytes(max_size)
    code = _guard(lambda: run_batch(paths or [], outdir=outdir, jsonl=jsonl, jobs=jobs or (os.cpu_count() or 1),
                                    force=force, report=report, quiet=quiet, indent=None if compact else 2,
                                    fmt=fmt, max_bytes=max_bytes, max_pages=max_pages,
                                    listed=_listed(files_from) if files_from is not None else (),
                                    engine="dask" if scheduler is not None else engine.value, scheduler=scheduler,
                                    connect_timeout=connect_timeout))
    raise typer.Exit(code)


def _given(param: str) -> bool:
    """Whether the option ``param`` of the running command was given on the command line."""
    ctx = _globals.get_current_context(silent=True)
    source = ctx.get_parameter_source(param) if ctx is not None else None
    return source is not None and source.name == "COMMANDLINE"


def _listed(source: str) -> list[str]:
    """Paths from a file list (``find … -print0`` or one a line); names need not be UTF-8."""
    if source == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as e:
            raise _fail(f"cannot read the file list {_label(source)}: {e.strerror or e}") from None
    entries = data.split(b"\0") if b"\0" in data else data.splitlines()
    return [os.fsdecode(e) for e in entries if e.strip()]


@app.command()
def export(
    srcs: Annotated[list[str], typer.Argument(help="JSON outputs, JSONL files, batch output folders or "
                                             "minutes files (parsed on the fly).")],
    sqlite: Annotated[Path | None, typer.Option("--sqlite", help="Write into this SQLite database (created if "
                                                "new; it keeps earlier exports, a document exported again "
                                                "replaces its rows).")] = None,
    csv_dir: Annotated[Path | None, typer.Option("--csv", help="Write meetings.csv, items.csv and "
                                                 "participants.csv into this folder (replacing them).")] = None,
    parquet_dir: Annotated[Path | None, typer.Option("--parquet", help="Write meetings.parquet, items.parquet and "
                                                     "participants.parquet into this folder (replacing them; "
                                                     "needs pip install 'referat-parser\\[parquet]').")] = None,
    delimiter: Annotated[str | None, typer.Option("--delimiter", help="CSV field delimiter (default ','; "
                                                  "'tab' or '\\t' for a tab).")] = None,
    excel_da: Annotated[bool, typer.Option("--excel-da", help="CSV for Excel with Danish settings: ';' "
                                           "and a byte-order mark.")] = False,
    no_bom: Annotated[bool, typer.Option("--no-bom", help="CSV without the UTF-8 byte-order mark.")] = False,
    escape_formulas: Annotated[bool, typer.Option("--escape-formulas/--no-escape-formulas",
                                                  help="Prefix CSV text cells starting with = + - @ (which a "
                                                  "spreadsheet would run as a formula) with '.")] = True,
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="Workers for minutes files (default: the cores).")] = 0,
    parse: Annotated[bool, typer.Option("--parse", help="In folders, also parse minutes files (not only "
                                        "*.json / *.jsonl).")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar and no summary.")] = False,
) -> None:
    """Export parsed minutes to SQLite (with full-text search), CSV and/or Parquet.

    The same sha256 is the same document in every target: exported once per run. Exit 0 when
    every source was exported, 3 when some failed, 1 when nothing was exported.
    """
    if sqlite is None and csv_dir is None and parquet_dir is None:
        raise _usage("give --sqlite FILE, --csv DIR and/or --parquet DIR")
    if delimiter in ("tab", "\\t"):
        delimiter = "\t"
    if delimiter is not None and (len(delimiter) != 1 or delimiter in '"\r\n'):
        raise _usage(f"--delimiter must be one character other than a quote or a line break, not {delimiter!r}")
    if excel_da and (no_bom or delimiter not in (None, ";")):
        raise _usage("--excel-da means ';' and a byte-order mark: leave out --delimiter and --no-bom")
    if (delimiter or excel_da or no_bom) and csv_dir is None:
        raise _usage("--delimiter, --excel-da and --no-bom are for --csv DIR")

    def run() -> int:
        from referat_parser.export.run import CsvOptions, run_export

        csv = CsvOptions(delimiter=";" if excel_da else delimiter or ",", bom=not no_bom,
                         escape_formulas=escape_formulas)
        summary = run_export(srcs, sqlite=sqlite, csv_dir=csv_dir, csv=csv, parquet_dir=parquet_dir,
                             jobs=jobs or (os.cpu_count() or 1), quiet=quiet, parse_folders=parse)
        for label, error in summary.failures[:20]:
            sys.stderr.write(safe_line(f"referat: failed: {label}: {error}") + "\n")
        if len(summary.failures) > 20:
            sys.stderr.write(f"referat: … and {len(summary.failures) - 20} more failures\n")
        if not quiet:
            sys.stderr.write("".join(safe_line(line) + "\n" for line in summary.lines()))
        return 130 if summary.interrupted else summary.exit_code()

    raise typer.Exit(_guard(run))


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the schema here.")] = None,
) -> None:
    """Print the JSON Schema of the output (generated from the models)."""
    import json

    from referat_parser.models import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        _guard(lambda: sys.stdout.write(text))
    else:
        _guard(lambda: _write(output, text))


@app.command()
def validate(
    files: Annotated[list[str], typer.Argument(help="JSON or JSONL files written by referat (- for stdin).")],
) -> None:
    """Check JSON and JSONL outputs against the output schema; exit 1 if any is invalid.

    One line per file (``ok`` or ``invalid``), and one per invalid line of a JSONL file.
    """
    from referat_parser.readback import iter_minutes

    def check(file: str) -> bool:
        label = _label(file)
        try:
            fh = sys.stdin.buffer if file == "-" else open(file, "rb")  # noqa: SIM115 - closed below
        except OSError as e:
            print(safe_line(f"invalid  {label}: cannot read: {e.strerror or e}"))
            return False
        good = bad = 0
        try:
            for where, _, error in iter_minutes(fh, label):
                if error is None:
                    good += 1
                else:
                    print(safe_line(f"invalid  {where}: {error}"))
                    bad += 1
        except OSError as e:
            print(safe_line(f"invalid  {label}: cannot read: {e.strerror or e}"))
            return False
        finally:
            if fh is not sys.stdin.buffer:
                fh.close()
        if not good and not bad:
            print(safe_line(f"invalid  {label}: no JSON document in it"))
        elif not bad:
            print(safe_line(f"ok       {label}" + (f" ({good} documents)" if good > 1 else "")))
        return bool(good) and not bad

    results = _guard(lambda: [check(f) for f in files])
    if not all(results):
        raise typer.Exit(1)


@app.command()
def show(
    file: Annotated[str, typer.Argument(help="Minutes file, its JSON or JSONL from referat, or - for stdin.")],
    fmt: Annotated[str | None, typer.Option("--format", help="Input format: auto, text, pdf, docx, html.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Write a self-contained HTML page instead: the "
                                              "source beside the extracted structure.")] = None,
    full: Annotated[bool, typer.Option("--full", help="Whole decision and case texts, not shortened.")] = False,
    source: Annotated[Path | None, typer.Option("--source", metavar="FILE", help="With --html and a JSON: the "
                                                "minutes file its line numbers refer to (else the recorded "
                                                "path is read only if its SHA-256 matches).")] = None,
) -> None:
    """Show parsed minutes as a readable overview (a minutes file is parsed first), or as an HTML page."""
    if html is not None:  # FILE may also be the tool's JSON here (see html_view)
        from referat_parser.html_view import write_html

        _guard(lambda: write_html(file, html, fmt=fmt, source=source))
        sys.stderr.write(safe_line(f"referat: wrote {html}") + "\n")
        return
    documents = _guard(lambda: _documents(file, fmt))
    from referat_parser.render import render

    _guard(lambda: [render(m, full=full) for m in documents])


def _documents(file: str, fmt: str | None) -> list:
    """The minutes in FILE: parsed from a minutes file, or read back from referat's JSON/JSONL."""
    import io

    from referat_parser.readback import iter_minutes, looks_like_output

    data = _read(file, 50)
    if not looks_like_output(data):
        return [_parse(data, file, fmt, 50)]
    documents = []
    for where, minutes, error in iter_minutes(io.BytesIO(data), _label(file)):
        if minutes is None:
            raise InputError(f"{where} is not valid referat-parser output: {error}")
        documents.append(minutes)
    return documents


def main() -> None:
    app(prog_name="referat")  # also as ``python -m referat_parser``: hints name the command users type


if __name__ == "__main__":
    main()
