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
from typer.core import TyperCommand, TyperGroup

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
            if type(e).__name__ == "NoArgsIsHelpError":  # plain ``referat``: the help, on stdout
                sys.stdout.write(e.ctx.get_help() + "\n" if e.ctx is not None else "")
                rv = 2
                if not standalone_mode:
                    return rv
                sys.exit(rv)
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


class _Command(TyperCommand):
    """A command whose help reads as other command-line tools' does: ``Usage: referat parse
    [OPTIONS] FILE``, each argument by its metavar (FILE, PATH…), no type tags such as ``<str>``."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_argument_name(param))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        args = [(_argument_name(p), getattr(p, "help", None) or "") for p in self.get_params(ctx)
                if p.param_type_name == "argument"]
        opts = [rv for p in self.get_params(ctx) if p.param_type_name == "option"
                and (rv := p.get_help_record(ctx)) is not None]
        for title, rows in (("Arguments", args), ("Options", opts)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _argument_name(param: Any) -> str:
    name = param.metavar or param.name.upper()
    name += "..." if param.nargs != 1 else ""
    return name if param.required else f"[{name}]"


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    help="Turn Danish meeting minutes (referater) into validated JSON.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no boxes, no markup to escape, metavars as written
)


class InputFormat(StrEnum):
    """``--format``: every input format the readers know (``auto``: detect from the bytes, then the name)."""

    auto = "auto"
    text = "text"
    pdf = "pdf"
    docx = "docx"
    odt = "odt"
    html = "html"
    md = "md"


_FORMAT_HELP = "Input format (default: detected from the bytes, then the file name)."
_OUTPUT_RULE = "- for stdout; a folder (or a name ending in /) writes {name} into it"


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
    """The bytes of FILE (``-``: stdin; an http(s) URL: fetched), within ``--max-size`` MB."""
    from referat_parser.readers import read_path
    from referat_parser.readers.url import fetch, is_url

    max_bytes = _max_bytes(max_size)
    if file == "-":
        return sys.stdin.buffer.read(max_bytes + 1)
    if is_url(file):
        return fetch(file, max_bytes)
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


@app.command(cls=_Command)
def parse(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Minutes file, an http(s) URL, or - for stdin.")],
    output: Annotated[str | None, typer.Option("-o", "--output", metavar="FILE", help="Write the JSON here, "
                                              "atomically (" + _OUTPUT_RULE.format(name="NAME.json") + ").")] = None,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON.")] = False,
    fmt: Annotated[InputFormat | None, typer.Option("--format", help=_FORMAT_HELP)] = None,
    max_size: Annotated[float, typer.Option("--max-size", metavar="MB",
                                            help="Refuse inputs larger than this many MB.")] = 50,
    max_pages: Annotated[int, typer.Option("--max-pages", metavar="N", callback=_pages,
                                           help="Refuse PDFs with more pages.")] = 2000,
) -> None:
    """Parse one minutes file and print its JSON.

    Example: referat parse minutes.pdf -o json/
    """

    def run() -> None:
        from referat_parser.records import dumps

        target = _output(output, f"{_input_name(file)}.json")
        text = dumps(_parse_data(_read(file, max_size), file, _fmt(fmt), max_size, max_pages),
                     indent=None if compact else 2).decode()
        _emit(target, text + "\n")

    _guard(run)


def _fmt(fmt: InputFormat | None) -> str | None:
    return None if fmt is None else fmt.value


def _input_name(file: str) -> str:
    """The name outputs written into a folder take after their input (``stdin`` for ``-``)."""
    from referat_parser.readers.url import is_url, name_of

    if is_url(file):
        return name_of(file) or "url"
    return "stdin" if file == "-" else (Path(file).name or "stdin")


def _output(target: str | None, name: str) -> Path | None:
    """Where an output option writes (None: stdout), checked before any work is done."""
    from referat_parser.io_utils import output_path, prepare, printable

    path = None if target is None else output_path(target, name)
    if path is not None:
        try:
            prepare(path)
        except OSError as e:
            raise InputError(f"cannot write {printable(str(path))}: {e.strerror or e}") from None
    return path


def _emit(path: Path | None, text: str) -> None:
    """One output: to stdout (None) or written to ``path`` atomically."""
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        _write(path, text)


class EngineName(StrEnum):
    """``referat batch --engine``: where the parses run."""

    local = "local"
    dask = "dask"


@app.command(cls=_Command)
def batch(
    paths: Annotated[list[str] | None, typer.Argument(metavar="PATH", help="Files, folders (recursive) or "
                                                      "globs.")] = None,
    outdir: Annotated[str | None, typer.Option("-o", "--output", metavar="DIR", help="Write one JSON per input "
                                               "into this folder, mirroring the input tree.")] = None,
    jsonl: Annotated[str | None, typer.Option("--jsonl", metavar="FILE", help="Write one JSON document per line "
                                              "to this file instead (" + _OUTPUT_RULE.format(name="batch.jsonl")
                                              + ").")] = None,
    jobs: Annotated[int, typer.Option("-j", "--jobs", metavar="N", help="Worker processes (default: the cores); "
                                      "not used with --scheduler.")] = 0,
    force: Annotated[bool, typer.Option("--force", help="Redo inputs whose output is up to date.")] = False,
    report: Annotated[str | None, typer.Option("--report", metavar="FILE", help="Write the summary as JSON here ("
                                               + _OUTPUT_RULE.format(name="report.json") + ").")] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar and no summary (each failure "
                                        "is still printed).")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="One line per input as it is done.")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first input that fails (the "
                                            "outputs written so far stay).")] = False,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON per output file.")] = False,
    fmt: Annotated[InputFormat | None, typer.Option("--format", help=_FORMAT_HELP)] = None,
    max_size: Annotated[float, typer.Option("--max-size", metavar="MB",
                                            help="Refuse inputs larger than this many MB.")] = 50,
    max_pages: Annotated[int, typer.Option("--max-pages", metavar="N", callback=_pages,
                                           help="Refuse PDFs with more pages.")] = 2000,
    files_from: Annotated[str | None, typer.Option("--files-from", metavar="FILE", help="Also read input paths "
                                                   "from this file (- for stdin), one a line or "
                                                   "NUL-separated.")] = None,
    engine: Annotated[EngineName, typer.Option("--engine", help="Where the parses run: local worker processes, or a "
                                           "Dask cluster (needs the optional extra dask of referat-parser, see "
                                           "docs/dask.md; without --scheduler, a local one of -j "
                                           "workers).")] = EngineName.local,
    scheduler: Annotated[str | None, typer.Option("--scheduler", metavar="ADDRESS", help="Run on the Dask cluster "
                                                  "of this scheduler (tcp://host:8786); implies --engine dask. The "
                                                  "client reads the files and ships their bytes, and writes every "
                                                  "output; the workers need referat-parser, not the files.")] = None,
    connect_timeout: Annotated[float, typer.Option("--connect-timeout", metavar="SECONDS", help="How long to wait "
                                                   "for the Dask scheduler and a worker.")] = 10.0,
) -> None:
    """Parse many minutes files in parallel; re-runs skip inputs whose output is up to date.

    Exit 0 when every file was parsed (or skipped), 3 when some failed, 1 when nothing could be
    done (also when the Dask engine cannot be had, or the scheduler cannot be reached; nothing is
    written then), 2 for a usage error or when the paths hold no input file.

    Example: referat batch arkiv/ -o json/ --report report.json
    """
    from referat_parser.batch.run import run_batch

    if (outdir is None) == (jsonl is None):
        raise _usage("give exactly one of -o DIR or --jsonl FILE")
    if outdir == "-":
        raise _usage("-o is a folder for one JSON per input; for standard output use --jsonl -")
    if report == "-" and jsonl == "-":
        raise _usage("--jsonl - and --report - cannot both be standard output")
    if quiet and verbose:
        raise _usage("give -q or -v, not both")
    if not paths and files_from is None:
        raise _usage("give input PATHs, or --files-from FILE")
    if jobs < 0:
        raise _usage(f"-j/--jobs must be 0 (the cores) or more, not {jobs}")
    if scheduler is not None and engine is EngineName.local and _given("engine"):
        raise _usage("--scheduler is for --engine dask")
    if not connect_timeout > 0 or connect_timeout == float("inf"):
        raise _usage(f"--connect-timeout must be a positive number of seconds, not {connect_timeout}")
    max_bytes = _max_bytes(max_size)

    def run() -> int:
        from referat_parser.io_utils import STDOUT, output_path

        jsonl_to = None if jsonl is None else (STDOUT if jsonl == STDOUT else str(output_path(jsonl, "batch.jsonl")))
        report_to = None if report is None else (STDOUT if report == STDOUT else output_path(report, "report.json"))
        return run_batch(paths or [], outdir=None if outdir is None else Path(outdir), jsonl=jsonl_to,
                         jobs=jobs or (os.cpu_count() or 1), force=force, report=report_to, quiet=quiet,
                         indent=None if compact else 2, fmt=_fmt(fmt), max_bytes=max_bytes, max_pages=max_pages,
                         listed=_listed(files_from) if files_from is not None else (),
                         engine="dask" if scheduler is not None else engine.value, scheduler=scheduler,
                         connect_timeout=connect_timeout, fail_fast=fail_fast, verbose=verbose)

    raise typer.Exit(_guard(run))


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


@app.command(cls=_Command)
def export(
    srcs: Annotated[list[str], typer.Argument(metavar="SRC", help="JSON outputs, JSONL files, batch output "
                                             "folders or minutes files (parsed on the fly); - for stdin.")],
    sqlite: Annotated[str | None, typer.Option("--sqlite", metavar="FILE", help="Write into this SQLite database "
                                               "(created if new; it keeps earlier exports, a document exported "
                                               "again replaces its rows; a folder: referater.db in it).")] = None,
    csv_dir: Annotated[str | None, typer.Option("--csv", metavar="DIR", help="Write meetings.csv, items.csv and "
                                                "participants.csv into this folder (replacing them).")] = None,
    parquet_dir: Annotated[str | None, typer.Option("--parquet", metavar="DIR", help="Write meetings.parquet, "
                                                    "items.parquet and participants.parquet into this folder "
                                                    "(replacing them; needs the extra parquet: pip install "
                                                    "pyarrow).")] = None,
    datasette: Annotated[bool, typer.Option("--datasette", help="With --sqlite: also write the datasette "
                                            "metadata.json beside the database (titles, descriptions, "
                                            "full-text search).")] = False,
    delimiter: Annotated[str | None, typer.Option("--delimiter", metavar="CHAR", help="CSV field delimiter "
                                                  "(default ','; 'tab' for a tab).")] = None,
    excel_da: Annotated[bool, typer.Option("--excel-da", help="CSV for Excel with Danish settings: ';', a "
                                           "byte-order mark and --escape-formulas.")] = False,
    no_bom: Annotated[bool, typer.Option("--no-bom", help="CSV without the UTF-8 byte-order mark.")] = False,
    escape_formulas: Annotated[bool | None, typer.Option("--escape-formulas/--no-escape-formulas", help="For "
                                                         "spreadsheets: prefix ' to CSV text that starts with = + "
                                                         "- @ (also after any , ; | or tab inside a cell) and quote "
                                                         "every text cell. Default: verbatim, unless "
                                                         "--excel-da.", show_default=False)] = None,
    jobs: Annotated[int, typer.Option("-j", "--jobs", metavar="N",
                                      help="Workers for minutes files (default: the cores).")] = 0,
    parse: Annotated[bool, typer.Option("--parse", help="In folders, also parse minutes files (not only "
                                        "*.json and *.jsonl).")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar and no summary.")] = False,
) -> None:
    """Export parsed minutes to SQLite (with full-text search), CSV and/or Parquet.

    The same sha256 is the same document in every target: exported once per run. Exit 0 when
    every source was exported, 3 when some failed, 1 when nothing was exported.

    Example: referat export json/ --sqlite referater.db --csv tabeller/
    """
    if sqlite is None and csv_dir is None and parquet_dir is None:
        raise _usage("give --sqlite FILE, --csv DIR and/or --parquet DIR")
    for name, value in (("--sqlite", sqlite), ("--csv", csv_dir), ("--parquet", parquet_dir)):
        if value == "-":
            raise _usage(f"{name} cannot be standard output (a database or a folder of files)")
    if datasette and sqlite is None:
        raise _usage("--datasette is for --sqlite FILE")
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
        from referat_parser.io_utils import output_path

        csv = CsvOptions(delimiter=";" if excel_da else delimiter or ",", bom=not no_bom,
                         escape_formulas=excel_da if escape_formulas is None else escape_formulas)
        db = None if sqlite is None else output_path(sqlite, "referater.db")
        summary = run_export(srcs, sqlite=db, csv_dir=None if csv_dir is None else Path(csv_dir), csv=csv,
                             parquet_dir=None if parquet_dir is None else Path(parquet_dir),
                             jobs=jobs or (os.cpu_count() or 1), quiet=quiet, parse_folders=parse)
        wrote = None
        if datasette and db is not None and summary.documents:
            from referat_parser.export.datasette import write_metadata

            wrote = write_metadata(db)
        for label, error in summary.failures[:20]:
            sys.stderr.write(safe_line(f"referat: failed: {label}: {error}") + "\n")
        if len(summary.failures) > 20:
            sys.stderr.write(f"referat: … and {len(summary.failures) - 20} more failures\n")
        if not quiet:
            sys.stderr.write("".join(safe_line(line) + "\n" for line in summary.lines()))
            if wrote is not None:
                sys.stderr.write(safe_line(f"  {wrote} (datasette): datasette {db} --metadata {wrote}") + "\n")
        return 130 if summary.interrupted else summary.exit_code()

    raise typer.Exit(_guard(run))


@app.command(cls=_Command)
def schema(
    output: Annotated[str | None, typer.Option("-o", "--output", metavar="FILE", help="Write the schema here ("
                                              + _OUTPUT_RULE.format(name="referat.schema.json") + ").")] = None,
) -> None:
    """Print the JSON Schema of the output (generated from the models).

    Example: referat schema -o referat.schema.json
    """
    import json

    from referat_parser.models import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    _guard(lambda: _emit(_output(output, "referat.schema.json"), text))


@app.command(cls=_Command)
def validate(
    files: Annotated[list[str], typer.Argument(metavar="FILE", help="JSON or JSONL files written by referat "
                                               "(- for stdin).")],
) -> None:
    """Check JSON and JSONL outputs against the output schema; exit 1 if any is invalid.

    One line per valid file ("ok"), and one per problem of an invalid document ("invalid",
    where, the field and the reason): every problem, not only the first.

    Example: referat validate minutes.json all.jsonl
    """
    from referat_parser.readback import iter_checked

    def check(file: str) -> bool:
        label = _label(file)
        try:
            fh = sys.stdin.buffer if file == "-" else open(file, "rb")  # noqa: SIM115 - closed below
        except OSError as e:
            print(safe_line(f"invalid  {label}: cannot read: {e.strerror or e}"))
            return False
        good = bad = 0
        try:
            for where, _, errors in iter_checked(fh, label):
                if not errors:
                    good += 1
                else:
                    for error in errors:
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


@app.command(cls=_Command)
def show(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Minutes file (or its http(s) URL), its JSON or JSONL "
                                        "from referat, or - for stdin.")],
    fmt: Annotated[InputFormat | None, typer.Option("--format", help=_FORMAT_HELP)] = None,
    html: Annotated[str | None, typer.Option("--html", metavar="FILE", help="Write a self-contained HTML page "
                                             "instead: the source beside the extracted structure ("
                                             + _OUTPUT_RULE.format(name="NAME.html") + ").")] = None,
    full: Annotated[bool, typer.Option("--full", help="Whole decision and case texts, not shortened.")] = False,
    source: Annotated[Path | None, typer.Option("--source", metavar="FILE", help="With --html and a JSON: the "
                                                "minutes file its line numbers refer to (else the recorded "
                                                "path is read only if its SHA-256 matches).")] = None,
) -> None:
    """Show parsed minutes as a readable overview (a minutes file is parsed first), or as an HTML page.

    Example: referat show minutes.pdf --html minutes.html
    """
    if html is not None:  # FILE may also be the tool's JSON here (see html_view)
        from referat_parser.html_view import load, render_page

        def picture() -> Path | None:
            target = _output(html, f"{_input_name(file)}.html")
            _emit(target, render_page(load(file, fmt=_fmt(fmt), source=source)))
            return target

        written = _guard(picture)
        if written is not None:
            sys.stderr.write(safe_line(f"referat: wrote {written}") + "\n")
        return
    documents = _guard(lambda: _documents(file, _fmt(fmt)))
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
