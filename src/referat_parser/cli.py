"""The ``referat`` command line: a thin typer layer over the library.

Machines get plain JSON on stdout; people get rich output from ``referat show``.
Exit codes: 0 ok, 1 input unusable (one line on stderr, never a traceback), 2 usage; batch and
export also 3 (some inputs failed) and 130 (interrupted).
Heavy modules (rich) are imported inside the commands that use them, so that
``referat parse`` starts fast.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from referat_parser.errors import InputError
from referat_parser.version import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn Danish meeting minutes (referater) into validated JSON.",
    pretty_exceptions_enable=False,
)


def _fail(message: str, code: int = 1) -> typer.Exit:
    sys.stderr.write(f"referat: error: {message}\n")
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        print(f"referat-parser {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Turn Danish meeting minutes (referater) into validated JSON."""


def _size_mb(value: float) -> float:
    """--max-size: a finite, positive number of MB (a negative one once read stdin to 2 GB)."""
    if not math.isfinite(value) or value <= 0:
        raise typer.BadParameter(f"{value} is not a positive number of MB")
    return value


def _pages(value: int) -> int:
    if value <= 0:
        raise typer.BadParameter(f"{value} is not a positive number of pages")
    return value


def _load(file: str, fmt: str | None, max_size: float, max_pages: int = 2000):
    from referat_parser.pipeline import parse_bytes
    from referat_parser.readers import read_path

    max_bytes = int(max_size * 1024 * 1024)
    if file == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return parse_bytes(data, path=None, fmt=fmt, max_bytes=max_bytes, max_pages=max_pages)
    data = read_path(Path(file), max_bytes=max_bytes)
    return parse_bytes(data, path=file, fmt=fmt, max_bytes=max_bytes, max_pages=max_pages)


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
    max_size: Annotated[float, typer.Option("--max-size", callback=_size_mb,
                                                 help="Refuse inputs larger than this many MB.")] = 50,
    max_pages: Annotated[int, typer.Option("--max-pages", callback=_pages,
                                                help="Refuse PDFs with more pages.")] = 2000,
) -> None:
    """Parse one minutes file and print its JSON."""

    def run() -> None:
        minutes = _load(file, fmt, max_size, max_pages)
        text = minutes.model_dump_json(indent=None if compact else 2)
        if output is None:
            sys.stdout.write(text + "\n")
        else:
            from referat_parser.io_utils import write_atomic

            write_atomic(output, text + "\n")

    _guard(run)


@app.command()
def batch(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs.")],
    outdir: Annotated[Path | None, typer.Option("-o", "--output", help="Write one JSON per input here, "
                                                "mirroring the input tree.")] = None,
    jsonl: Annotated[str | None, typer.Option("--jsonl", help="Write one JSON document per line to this "
                                              "file (- for stdout) instead.")] = None,
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="Worker processes (default: the cores).")] = 0,
    force: Annotated[bool, typer.Option("--force", help="Redo inputs whose output is up to date.")] = False,
    report: Annotated[Path | None, typer.Option("--report", help="Write the summary as JSON here.")] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar and no summary.")] = False,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON per output file.")] = False,
    fmt: Annotated[str | None, typer.Option("--format", help="Input format: auto, text, pdf, docx, html.")] = None,
    max_size: Annotated[float, typer.Option("--max-size", callback=_size_mb,
                                                 help="Refuse inputs larger than this many MB.")] = 50,
    max_pages: Annotated[int, typer.Option("--max-pages", callback=_pages,
                                                help="Refuse PDFs with more pages.")] = 2000,
) -> None:
    """Parse many minutes files in parallel; re-runs skip inputs whose output is up to date.

    Exit 0 when every file was parsed (or skipped), 3 when some failed, 1 when nothing could be done.
    """
    from referat_parser.batch.run import run_batch

    if (outdir is None) == (jsonl is None):
        raise _fail("give exactly one of -o OUTDIR or --jsonl FILE", 2)
    code = _guard(lambda: run_batch(paths, outdir=outdir, jsonl=jsonl, jobs=jobs or (os.cpu_count() or 1),
                                    force=force, report=report, quiet=quiet, indent=None if compact else 2,
                                    fmt=fmt, max_bytes=int(max_size * 1024 * 1024), max_pages=max_pages))
    raise typer.Exit(code)


@app.command()
def export(
    srcs: Annotated[list[str], typer.Argument(help="JSON outputs, JSONL files, batch output folders or "
                                             "minutes files (parsed on the fly).")],
    sqlite: Annotated[Path | None, typer.Option("--sqlite", help="Write into this SQLite database "
                                                "(created if new; re-exports replace rows).")] = None,
    csv_dir: Annotated[Path | None, typer.Option("--csv", help="Write meetings.csv, items.csv and "
                                                 "participants.csv into this folder.")] = None,
    no_bom: Annotated[bool, typer.Option("--no-bom", help="CSV without the UTF-8 byte-order mark.")] = False,
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="Workers for minutes files (default: the cores).")] = 0,
    parse: Annotated[bool, typer.Option("--parse", help="In folders, also parse minutes files (not only "
                                        "*.json / *.jsonl).")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar and no summary line.")] = False,
) -> None:
    """Export parsed minutes to SQLite (with full-text search) and/or CSV.

    Exit 0 when every source was exported, 3 when some failed, 1 when nothing was exported.
    """
    if sqlite is None and csv_dir is None:
        raise _fail("give --sqlite FILE and/or --csv DIR", 2)

    def run() -> int:
        from referat_parser.export import run_export

        summary = run_export(srcs, sqlite=sqlite, csv_dir=csv_dir, bom=not no_bom, jobs=jobs or (os.cpu_count() or 1),
                             quiet=quiet, parse_folders=parse)
        for label, error in summary.failures[:20]:
            sys.stderr.write(f"referat: failed: {label}: {error}\n")
        if len(summary.failures) > 20:
            sys.stderr.write(f"referat: … and {len(summary.failures) - 20} more failures\n")
        if not quiet:
            targets = " and ".join(str(t) for t in (sqlite, csv_dir) if t is not None)
            sys.stderr.write(summary.line(targets) + "\n")
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
        sys.stdout.write(text)
    else:
        from referat_parser.io_utils import write_atomic

        _guard(lambda: write_atomic(output, text))


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="JSON files written by `referat parse`.")],
) -> None:
    """Check JSON files against the output schema; exit 1 if any is invalid."""
    from pydantic import ValidationError

    from referat_parser.models import Minutes

    bad = 0
    for path in files:
        try:
            Minutes.model_validate_json(path.read_bytes())
            print(f"ok       {path}")
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(x) for x in err.get("loc", ())) or "(document)"
            print(f"invalid  {path}: {where}: {err.get('msg')}")
            bad += 1
        except OSError as e:
            print(f"invalid  {path}: cannot read: {e.strerror or e}")
            bad += 1
    if bad:
        raise typer.Exit(1)


@app.command()
def show(
    file: Annotated[str, typer.Argument(help="Minutes file, or - for stdin.")],
    fmt: Annotated[str | None, typer.Option("--format", help="Input format: auto, text, pdf, docx, html.")] = None,
) -> None:
    """Show the parsed minutes as a readable overview."""
    minutes = _guard(lambda: _load(file, fmt, 50))
    from referat_parser.render import render

    render(minutes)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
