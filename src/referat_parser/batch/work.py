"""Batch processing: many minutes files -> one JSON each (or one JSONL), in parallel.

Not a pipeline stage but the driver around it. Three parts, each testable alone:

* :func:`discover` turns the PATH arguments (files, folders, globs) into a sorted list of
  :class:`Task` (input path, output path relative to the output root: the input's own name
  plus ``.json``). Only regular files are inputs, and no walk follows a link to a folder.
  :func:`collisions` finds outputs two inputs would share, before any work. Only paths are
  held in memory, never contents.
* :func:`run` feeds the tasks to worker processes through a bounded window of futures and
  yields each :class:`Result` **in input order**, whatever the number of workers; a worker
  reads, hashes and parses one file (:func:`work` = :func:`load` then :func:`parse_loaded`),
  so memory stays flat however large the archive. It is the default :class:`Engine`
  (:class:`LocalPool`); :mod:`.cluster` is the other, on a Dask cluster.
* :class:`Summary` counts what happened (parsed, failed, skipped, items, outcomes,
  diagnostics) and becomes the end-of-run table and the ``--report`` JSON.

Resume: a worker skips an input whose existing output records the same input sha256 and
parser version. Writes are atomic (temp file + rename), so a batch killed at any moment
leaves only complete outputs.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import signal
import stat
import time
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from referat_parser.errors import InputError
from referat_parser.io_utils import printable
from referat_parser.readers import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES
from referat_parser.version import __version__

# Inputs a folder walk picks up; files given by name are always taken.
EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".pdf", ".docx", ".odt", ".html", ".htm", ".xhtml"})


@dataclass(frozen=True, slots=True)
class Task:
    """One input file and where its JSON goes (relative to the output root)."""

    path: str
    out: str


@dataclass(slots=True)
class Result:
    """What became of one task. ``json`` is set when a new output must be written."""

    task: Task
    status: str  # "parsed" | "skipped" | "failed"
    json: str | None = None
    error: str | None = None
    items: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    diagnostics: dict[str, int] = field(default_factory=dict)


# --- discovery ----------------------------------------------------------------------------------


def _walk(root: Path) -> Iterator[Path]:
    """Regular files under ``root`` with a known extension, hidden files and folders left out, sorted.

    Links to folders are not followed (so a link loop cannot make the walk endless); a FIFO,
    socket or device is never an input, whatever its name.
    """
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and Path(name).suffix.lower() in EXTENSIONS:
                f = Path(dirpath, name)
                if f.is_file():  # a regular file (or a link to one)
                    yield f


def _glob(pattern: str) -> list[Path]:
    """Regular files matching ``pattern`` (``**`` for any depth), hidden ones left out, sorted.

    pathlib's ``**`` does not descend into linked folders, so links that point back up the
    tree (``a -> .``) cannot make it endless, unlike :func:`glob.glob`.
    """
    parts = Path(pattern).parts
    first = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    base = Path(*parts[:first]) if first else Path(".")
    rest = str(Path(*parts[first:]))
    if parts[-1] == "**":  # glob.glob's "every file below"; pathlib's ** alone means folders only
        rest += "/*"
    hits: list[Path] = []
    for hit in base.glob(rest):
        below = hit.parts[len(base.parts):]
        if not any(part.startswith(".") for part in below) and hit.is_file():
            hits.append(hit)
    return sorted(hits)


def _relative(path: Path) -> Path:
    """A loose file's place in the output tree: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return Path(path.name)


def output_name(rel: Path) -> str:
    """The output of the input at ``rel``: its own name plus ``.json`` (``a/x.txt`` -> ``a/x.txt.json``).

    It depends on the input's own path only, so adding ``x.docx`` beside ``x.txt`` never
    changes where ``x.txt`` goes, and two files of one folder never share an output.
    """
    return str(rel) + ".json"


def discover(args: Iterable[str], listed: Iterable[str] = ()) -> tuple[list[Task], list[tuple[str, str]]]:
    """Tasks for the PATH arguments (files, folders, globs) and the ``listed`` paths (files or
    folders, taken literally: no glob), and the arguments that gave no input, with the reason.

    A folder mirrors its own tree (``D/a/b/x.txt`` -> ``a/b/x.txt.json``); a file or glob match
    keeps its path relative to the working folder (or its bare name when outside it). Only
    regular files are inputs. A file reached twice (a folder and a glob) is taken once.
    """
    pairs: list[tuple[Path, Path]] = []
    missing: list[tuple[str, str]] = []
    for arg, literal in [(a, False) for a in args] + [(a, True) for a in listed]:
        p = Path(arg)
        why = _unusable(p)
        if why is not None:  # this argument fails alone, with its reason; the batch goes on
            missing.append((arg, why))
        elif p.is_dir():
            pairs.extend((f, f.relative_to(p)) for f in _walk(p))
        elif p.is_file():
            pairs.append((p, _relative(p)))
        elif p.exists():
            missing.append((arg, "not a regular file (a FIFO, socket or device is never read)"))
        elif not literal and glob.has_magic(arg):
            files = _glob(arg)
            pairs.extend((f, _relative(f)) for f in files)
            if not files:
                missing.append((arg, "no regular file matches this glob"))
        else:
            missing.append((arg, "no such file or folder"))
    tasks: list[Task] = []
    seen_in: set[str] = set()
    real = _RealPaths()
    for path, rel in pairs:
        key = real(str(path))
        if key in seen_in:  # the same file reached twice (a folder and a glob)
            continue
        seen_in.add(key)
        tasks.append(Task(str(path), output_name(rel)))
    return tasks, missing


def _unusable(p: Path) -> str | None:
    """Why ``p`` cannot even be looked at (a name over the system's limit, a folder on its way
    that may not be searched), or None: pathlib's is_dir() raises on those instead of saying no."""
    try:
        os.stat(p)
    except (FileNotFoundError, NotADirectoryError):
        return None  # "no such file", or a glob: decided below
    except OSError as e:
        return f"cannot read: {e.strerror or e}"
    except ValueError:  # an embedded NUL
        return "not a usable file name"
    return None


class _RealPaths:
    """``os.path.realpath`` for many files of few folders: each folder resolved once.

    A file's real path is its folder's real path joined with its name, unless the name itself
    is a symbolic link (then it is resolved in full): one lstat a file instead of one a component.
    """

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        folder, name = os.path.split(path)
        if name in ("", ".", ".."):
            return os.path.realpath(path)
        real_folder = self._folders.get(folder)
        if real_folder is None:
            real_folder = self._folders[folder] = os.path.realpath(folder or ".")
        joined = os.path.join(real_folder, name)
        return os.path.realpath(joined) if os.path.islink(joined) else joined


def collisions(tasks: list[Task], out_root: Path) -> list[tuple[str, str, str]]:
    """``(output, input, other input)`` for every output two inputs would share, or that is itself
    one of the inputs. Checked before any work is done: a batch never overwrites its own results."""
    real = _RealPaths()
    inputs = {real(t.path): t.path for t in tasks}
    owner: dict[str, str] = {}
    found: list[tuple[str, str, str]] = []
    for t in tasks:
        out = real(str(out_root / t.out))
        if out in owner:
            found.append((str(out_root / t.out), owner[out], t.path))
        elif out in inputs:
            found.append((str(out_root / t.out), t.path, inputs[out]))
        owner.setdefault(out, t.path)
    return found


# --- the worker ---------------------------------------------------------------------------------


def _up_to_date(out: Path, sha: str) -> bool:
    """True when ``out`` is a complete output of this very input by this parser version."""
    if not out.is_file():  # never open a FIFO there to look: it would block
        return False
    try:
        with out.open("rb") as fh:
            source = json.loads(fh.read()).get("source") or {}
    except (OSError, ValueError, AttributeError):
        return False
    return source.get("sha256") == sha and source.get("parser_version") == __version__


def _stats(result: Result, data: dict) -> Result:
    """Counts for the summary, from a parse's plain data."""
    items = data["items"]
    result.items = len(items)
    result.outcomes = dict(Counter(i["decision"]["outcome"] for i in items if i["decision"]))
    result.diagnostics = dict(Counter(d["code"] for d in data["diagnostics"]))
    return result


@dataclass(frozen=True, slots=True)
class Options:
    """How every task of one batch is done (sent to each worker with the task)."""

    out_root: str | None = None  # None: no per-file outputs (JSONL), so nothing to resume
    force: bool = False  # redo inputs whose output is up to date
    fmt: str | None = None  # --format
    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    indent: int | None = None  # JSON indent of per-file outputs
    write: bool = False  # work() writes the per-file output under out_root itself (the local engine)


def load(task: Task, opts: Options) -> bytes | Result:
    """The bytes of one input, or its Result when it needs no parse (unreadable, already our
    output, or skipped as up to date). Never raises.

    The first half of :func:`work`; the Dask engine runs it on the client, which ships the
    bytes, so workers on a cluster need not see the client's file system.
    """
    from referat_parser.readback import looks_like_output
    from referat_parser.readers import read_path

    try:
        with contextlib.suppress(OSError):  # gone: read_path says so
            if not stat.S_ISREG(os.stat(task.path).st_mode):  # replaced since discovery: never block on it
                raise InputError(f"{printable(task.path)} is not a regular file")
        data = read_path(Path(task.path), max_bytes=opts.max_bytes)
        if looks_like_output(data):
            raise InputError(f"{printable(task.path)} is already parsed referat-parser output (JSON)")
        if opts.out_root is not None and not opts.force:
            sha = hashlib.sha256(data).hexdigest()
            if _up_to_date(Path(opts.out_root, task.out), sha):
                return Result(task, "skipped")
        return data
    except InputError as e:
        return Result(task, "failed", error=str(e))
    except Exception as e:
        return Result(task, "failed", error=f"internal error: {type(e).__name__}: {e}")


def parse_loaded(task: Task, data: bytes, opts: Options) -> Result:
    """Parse the bytes :func:`load` gave; never raises (a failure is a Result).

    The second half of :func:`work`, and all a Dask worker does.
    """
    from referat_parser import records
    from referat_parser.pipeline import read_data

    try:
        parsed = records.validate(read_data(data, path=printable(task.path), fmt=opts.fmt,
                                            max_bytes=opts.max_bytes, max_pages=opts.max_pages))
        return _stats(Result(task, "parsed", json=records.dumps(parsed, indent=opts.indent).decode()), parsed)
    except InputError as e:
        return Result(task, "failed", error=str(e))
    except Exception as e:  # a parser bug must cost one file, not the batch
        return Result(task, "failed", error=f"internal error: {type(e).__name__}: {e}")


def work(task: Task, opts: Options) -> Result:
    """Read, hash and parse one input; never raises (a failure is a Result).

    With ``opts.write`` the output is written here, in the worker, and the Result carries no
    JSON: the writing runs in parallel, and the text does not travel back to the parent.
    """
    loaded = load(task, opts)
    result = loaded if isinstance(loaded, Result) else parse_loaded(task, loaded, opts)
    if opts.write and opts.out_root is not None and result.json is not None:
        from referat_parser.batch.sinks import write_tree_file

        try:
            write_tree_file(Path(opts.out_root), task.out, result.json, set())  # folders may go between batches
        except OSError as e:  # this input fails, the batch goes on (as when the parent writes)
            return Result(task, "failed", error=f"cannot write output: {e.strerror or e}")
        result.json = None
    return result



def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def _warm_up(jobs: int) -> None:
    """Import the parser before the pool starts; compile its patterns too when workers outnumber the cores.

    Where workers are forked (Linux), they start with the modules in memory instead of each
    importing them (~0.1 s). The patterns are another matter: compiling all of them takes
    ~0.09 s in the parent, alone, before any worker starts, while a worker compiles the ones
    its files need (~0.04 s), on its own core, at the same time as the others: measured on
    2 cores, ``-j 2`` over one PDF took 0.33 s with every pattern compiled first, 0.27 s
    without. Workers beyond the cores share them, though, and would each compile the same
    patterns: then once in the parent is cheaper.
    """
    import multiprocessing

    if multiprocessing.get_start_method() == "fork":
        import referat_parser.pipeline  # noqa: F401 - imported for the workers to inherit

        if jobs > _cores():
            from referat_parser import patterns

            patterns.compile_all()


def _quiet_worker() -> None:
    # Ctrl-C goes to the whole process group; the parent alone decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM to the process group: a worker just ends (it must not inherit the parent's handler,
    # which turns SIGTERM into KeyboardInterrupt and would print a traceback from an idle worker).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # If the parent is killed (kill -9), its workers must not live on as orphans (Linux only).
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class _Stop:
    requested = False  # a stop was asked for (SIGTERM)
    waiting = False  # run() is waiting for a result: a safe place to raise


def request_stop() -> None:
    """Stop the running batch soon; called from a signal handler (SIGTERM).

    A handler that raises can land anywhere, also inside a finalizer, where Python prints
    "Exception ignored … KeyboardInterrupt" and goes on. So KeyboardInterrupt is raised at once
    only while :func:`run` waits for a result, and otherwise when it next starts to wait.
    """
    _Stop.requested = True
    if _Stop.waiting:
        raise KeyboardInterrupt


def reset_stop() -> None:
    _Stop.requested = False


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Where :func:`request_stop` may raise: waiting for (or, with one job, computing) a result."""
    if _Stop.requested:
        raise KeyboardInterrupt
    _Stop.waiting = True
    try:
        yield
    finally:
        _Stop.waiting = False


CHUNK = 8  # inputs per task sent to a worker at most: one round trip for several small files
CHUNK_BYTES = 256 * 1024  # and input bytes per task, unless one file is larger: then it goes alone


def chunks(tasks: list[Task], jobs: int) -> Iterator[list[Task]]:
    """``tasks`` in order, cut into the consecutive chunks :func:`run` sends to ``jobs`` workers.

    A chunk holds up to ``CHUNK`` inputs and ``CHUNK_BYTES`` (a larger file is a chunk alone),
    and towards the end fewer: at most a ``2 × jobs``-th of the inputs not yet cut, down to one.
    A round trip through the pool costs less than a millisecond, a chunk of eight PDFs ~0.15 s:
    with chunks of eight to the end, one worker could parse the last chunk while the others had
    nothing left to do (guided self-scheduling keeps that tail to about one file). Sizes are
    read here, one ``os.stat`` per input as its chunk is cut, while the workers parse.
    """
    i, n = 0, len(tasks)
    step = max(1, 2 * jobs)
    peeked: int | None = None  # the size of tasks[i], read when it did not fit the last chunk
    while i < n:
        most = min(CHUNK, max(1, (n - i) // step))
        chunk: list[Task] = []
        size = 0
        while i < n and len(chunk) < most:
            more = _size(tasks[i].path) if peeked is None else peeked
            peeked = None
            if chunk and size + more > CHUNK_BYTES:
                peeked = more
                break
            chunk.append(tasks[i])
            size += more
            i += 1
        yield chunk


def _size(path: str) -> int:
    """Bytes of ``path``, 0 when it cannot be read (its worker says why)."""
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


def work_chunk(tasks: list[Task], opts: Options) -> list[Result]:
    """:func:`work` for several inputs in one worker call (their results in order)."""
    return [work(t, opts) for t in tasks]


def run(tasks: list[Task], opts: Options, jobs: int = 1) -> Generator[Result]:
    """Results of ``tasks`` in their order, computed by ``jobs`` worker processes.

    Inputs go to the workers in chunks (:func:`chunks`): a round trip through the pool costs
    about as much as parsing a small file, and it runs in the one process that also writes the
    outputs; the last chunks are small, so that the workers finish together. At most
    ``4 × jobs`` chunks are in flight, so memory does not grow with the archive. A worker that
    dies (a crash inside a native reader) breaks the pool and loses every chunk in flight: the
    pool is rebuilt and those inputs are tried again one at a time, each alone in the pool, so
    that only the input that kills a worker fails; the rest go on.
    """
    if jobs <= 1:
        for t in tasks:
            with interruptible():
                result = work(t, opts)
            yield result
        return
    _warm_up(jobs)
    window = 4 * jobs
    todo = chunks(tasks, jobs)
    upcoming = next(todo, None)
    pending: deque[tuple[list[Task], Future[list[Result]]]] = deque()
    suspects: deque[Task] = deque()  # inputs lost with a broken pool, to be tried one at a time
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_quiet_worker)
    try:
        while upcoming is not None or pending or suspects:
            if suspects:
                t = suspects.popleft()
                try:
                    with interruptible():
                        result = pool.submit(work, t, opts).result()
                except BrokenProcessPool:  # alone in the pool: this input is what kills a worker
                    result = Result(t, "failed", error="the worker process died while reading this file")
                    _abandon(pool)
                    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_quiet_worker)
                yield result
                continue
            while upcoming is not None and len(pending) < window:
                pending.append((upcoming, pool.submit(work_chunk, upcoming, opts)))
                upcoming = next(todo, None)
            chunk, fut = pending.popleft()
            try:
                with interruptible():
                    results = fut.result()
            except BrokenProcessPool:  # which input killed which worker is unknown: try each alone
                suspects.extend(chunk)
                suspects.extend(t for c, _ in pending for t in c)
                pending.clear()
                _abandon(pool)
                pool = ProcessPoolExecutor(max_workers=jobs, initializer=_quiet_worker)
                continue
            yield from results
    except BaseException:  # interrupted, or the consumer stopped early (GeneratorExit)
        _abandon(pool)
        raise
    # The normal path waits for the idle workers to exit and the pool's thread to end; leaving
    # them to the interpreter's exit hook printed "Exception ignored … Bad file descriptor".
    pool.shutdown(wait=True)


class EngineLost(Exception):
    """The engine cannot go on (a cluster's scheduler is gone, its workers cannot parse): the
    inputs not done yet fail, ``str(e)`` says why in one line, ``where`` is the engine's name."""

    def __init__(self, where: str, why: str) -> None:
        super().__init__(why)
        self.where = where


class Engine(Protocol):
    """Where a batch's parses run. Entering it gets the workers ready (or raises InputError: then
    nothing has been written); :meth:`run` yields the results in input order, like :func:`run`;
    leaving it lets the workers go. Everything else of a batch is the engine's caller's."""

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc: object) -> None: ...

    def run(self, tasks: list[Task], opts: Options) -> Generator[Result]: ...


class LocalPool:
    """The default engine: ``jobs`` worker processes on this machine (:func:`run`)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def run(self, tasks: list[Task], opts: Options) -> Generator[Result]:
        return run(tasks, opts, self.jobs)


def _abandon(pool: ProcessPoolExecutor, grace: float = 2.0) -> None:
    """Stop a pool soon: cancel what has not started, give the workers ``grace`` seconds to finish
    the file in hand and exit, end those still busy (a slow hostile file), reap them all.

    Ending a worker only after the grace keeps it from being cut off while it sends a result.
    Ending the idle ones that are left matters as much: an interrupt that lands inside
    ``submit`` can leave the pool waiting for a task no worker will ever get, and the
    interpreter's exit would then wait on the pool for ever (seen once in 15 SIGTERMs).
    """
    procs = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    until = time.monotonic() + grace
    for proc in procs:
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            proc.join(max(0.0, until - time.monotonic()))
    for proc in procs:
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            if proc.is_alive():
                proc.terminate()
                proc.join(5)


# --- the summary --------------------------------------------------------------------------------


@dataclass
class Summary:
    """Running totals of a batch; ``as_dict`` is the ``--report`` JSON."""

    files: int = 0
    parsed: int = 0
    failed: int = 0
    skipped: int = 0
    items: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    diagnostics: Counter[str] = field(default_factory=Counter)
    failures: list[dict[str, str]] = field(default_factory=list)
    interrupted: bool = False
    stopped: int = 0  # --fail-fast: inputs left undone after the first failure
    started: float = field(default_factory=time.perf_counter)
    elapsed: float = 0.0

    def add(self, r: Result) -> None:
        setattr(self, r.status, getattr(self, r.status) + 1)
        self.items += r.items
        self.outcomes.update(r.outcomes)
        self.diagnostics.update(r.diagnostics)
        if r.status == "failed":
            self.failures.append({"path": printable(r.task.path), "error": printable(r.error or "failed")})

    def fail(self, task: Task, error: str) -> None:
        self.failed += 1
        self.failures.append({"path": printable(task.path), "error": printable(error)})

    def lose(self, unprocessed: int) -> None:
        """The one output every result went to (a JSONL file) could not be completed: what was
        parsed, and the ``unprocessed`` inputs never reached, count as failed, and nothing as read."""
        self.failed += self.parsed + unprocessed
        self.parsed = self.items = 0
        self.outcomes.clear()
        self.diagnostics.clear()

    def finish(self) -> Summary:
        self.elapsed = time.perf_counter() - self.started
        return self

    @property
    def done(self) -> int:
        return self.parsed + self.failed + self.skipped

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 and self.files else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files, "parsed": self.parsed, "failed": self.failed, "skipped": self.skipped,
            "interrupted": self.interrupted, "not_done_after_failure": self.stopped, "items": self.items,
            "decisions_by_outcome": dict(sorted(self.outcomes.items())),
            "warnings_by_code": dict(sorted(self.diagnostics.items())),
            "elapsed_seconds": round(self.elapsed, 3), "docs_per_second": round(self.rate, 1),
            "parser_version": __version__, "failures": self.failures,
        }

    def exit_code(self) -> int:
        """0 all done, 3 some failed, 1 nothing could be done."""
        if self.parsed + self.skipped == 0:
            return 1
        return 3 if self.failed else 0
