"""The Dask engine: a batch's parses as tasks on a Dask distributed cluster (``--engine dask``).

An :class:`~.work.Engine` like the local pool, so discovery, resume, sinks, atomic writes,
the report, the summary, exit codes and Ctrl-C stay in :mod:`.run`, shared by both.

Who does what: the client (this process) reads each file and decides whether it needs a
parse at all (:func:`~.work.load`: unreadable, already our output, up to date), ships the
bytes, and writes every output. A worker runs :func:`parse_many` (:func:`~.work.parse_loaded`
for each file of a chunk) and returns the JSON texts. So workers need referat-parser installed
(the same version: checked on connecting) but never the client's file system; ``--max-size``
and the chunk size bound each message, and the window of ``WINDOW × worker threads`` tasks in
flight bounds the client's memory. A program that runs this engine itself must guard its main
module (``if __name__ == "__main__":``), as for any spawned worker process.

Without ``--scheduler`` the engine starts a ``LocalCluster`` of ``jobs`` one-thread worker
processes, and stops it at the end. dask and distributed are imported only here, and only
when this engine is chosen: they are the optional extra ``referat-parser[dask]``.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
import logging
import signal
import threading
import warnings
from collections import deque
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

from referat_parser.batch.work import EngineLost, Options, Result, Task, interruptible, load, parse_loaded
from referat_parser.errors import InputError
from referat_parser.io_utils import printable
from referat_parser.version import __version__

CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler and see a worker
WINDOW = 4  # tasks in flight per worker thread: enough to keep every worker busy, few bytes held
CHUNK_FILES = 8  # files per task at most: fewer tasks, yet work enough to share among the workers
CHUNK_BYTES = 1024 * 1024  # and bytes per task (a larger file is a task alone)
# A hint that works wherever referat-parser came from (a clone, a wheel): the extra's own packages.
MISSING = ("the dask engine needs the optional extra dask: pip install 'dask[distributed]>=2024.1' "
           "(on the client and every worker; see docs/dask.md)")


def _distributed() -> Any:
    """The ``distributed`` module, or InputError saying how to install it."""
    try:
        return importlib.import_module("distributed")
    except ImportError:
        raise InputError(MISSING) from None


def _reason(e: BaseException) -> str:
    """One line: the exception's type and the first line of its message (or why a task was cancelled)."""
    if getattr(e, "reason", None):  # a cancelled task: distributed's message repeats its key and advice
        return printable(f"{type(e).__name__}: {e.reason}")  # type: ignore[attr-defined]
    first = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return printable(f"{type(e).__name__}: {first}" if first else type(e).__name__)


class DaskCluster:
    """The batch on a Dask cluster: the one at ``scheduler`` (``tcp://host:8786``), or a local one."""

    def __init__(self, jobs: int, scheduler: str | None = None, timeout: float = CONNECT_TIMEOUT) -> None:
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self.timeout = timeout
        self.client: Any = None
        self.cluster: Any = None
        self.threads = 1
        self._scope = contextlib.ExitStack()

    def __enter__(self) -> DaskCluster:
        distributed = _distributed()
        try:
            # SIGTERM stops the batch like Ctrl-C as long as a cluster may be up, so that it is shut down.
            self._scope.enter_context(_on_term(_interrupt))
            self._scope.enter_context(_logs_off())
            self._scope.enter_context(warnings.catch_warnings())
            # Shipping a large file's bytes is the design, not a mistake to warn about.
            warnings.filterwarnings("ignore", message="Sending large graph")
            self._connect(distributed)
        except BaseException:
            self.__exit__()
            raise
        return self

    def _connect(self, distributed: Any) -> None:
        try:
            if self.scheduler is None:
                with _starting():
                    # No dashboard; the scheduler's small HTTP server (health, metrics) always runs: on a free
                    # port of this host only, or a second batch would warn that 8787 is taken.
                    self.cluster = distributed.LocalCluster(
                        n_workers=self.jobs, processes=True, threads_per_worker=1, dashboard_address=None,
                        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}, silence_logs=logging.CRITICAL)
                    self.client = distributed.Client(self.cluster, set_as_default=False, timeout=self.timeout)
            else:
                self.client = distributed.Client(self.scheduler, set_as_default=False, timeout=self.timeout)
                try:
                    self.client.wait_for_workers(1, timeout=self.timeout)
                except TimeoutError:
                    raise InputError(f"the Dask scheduler {printable(self.scheduler)} has no worker (waited "
                                     f"{self.timeout:g} s); start some with 'dask worker {printable(self.scheduler)}'"
                                     ) from None
        except InputError:
            raise
        except Exception as e:  # whatever the reason, the batch cannot start: one line why
            _close_half_made(e, distributed.Client)
            if self.scheduler is None:
                raise InputError(f"cannot start a local Dask cluster: {_reason(e)}") from None
            if isinstance(e, OSError | TimeoutError):
                raise InputError(f"cannot reach the Dask scheduler {printable(self.scheduler)} (waited "
                                 f"{self.timeout:g} s): {_reason(e)}") from None
            if isinstance(e, ValueError):
                raise InputError(f"--scheduler {printable(self.scheduler)}: {printable(str(e))}") from None
            raise InputError(f"{printable(self.scheduler)} did not answer as a Dask scheduler: {_reason(e)}") from None
        versions = self.client.run(importlib.metadata.version, "referat-parser", on_error="return")
        wrong = {w: v for w, v in versions.items() if v != __version__}
        if wrong:
            worker, found = sorted(wrong.items())[0]
            found = "not installed" if isinstance(found, Exception) else f"version {found}"
            raise InputError(f"the Dask worker {printable(worker)} cannot run this batch: referat-parser is "
                             f"{found} there, {__version__} here; install the same version on every worker")
        self.threads = max(1, sum(self.client.nthreads().values()))

    def __exit__(self, *exc: object) -> None:
        # A SIGTERM now is noted only: the batch is ending anyway, and its outcome stands.
        with _on_term(_noted), contextlib.suppress(Exception):
            if self.client is not None:
                self.client.close()
            if self.cluster is not None:
                self.cluster.close()
        self.client = self.cluster = None
        self._scope.close()

    def run(self, tasks: list[Task], opts: Options) -> Generator[Result]:
        """Results of ``tasks`` in their order; at most ``WINDOW × worker threads`` tasks in flight.

        A task parses a chunk of files (:func:`parse_many`): a task costs the cluster some
        milliseconds whatever it does, several times a small file's parse. A worker that dies
        (a crash inside a native reader) is replaced by its nanny, and the scheduler tries the
        task elsewhere; when it has killed workers too often (KilledWorker), each file of the
        chunk is tried again alone, one at a time, and a file that kills a worker then fails;
        the rest go on. Anything else a task raises means the cluster cannot do the work:
        :class:`~.work.EngineLost`.
        """
        from distributed import KilledWorker

        window = WINDOW * self.threads
        groups = _groups(tasks, opts)
        pending: deque[_Group] = deque()  # in input order
        try:
            while True:
                while len(pending) < window and (group := next(groups, None)) is not None:
                    if group.results is None:
                        group.future = self._submit(group.tasks, group.data, opts)
                    pending.append(group)
                if not pending:
                    return
                head = pending.popleft()
                if head.results is None:
                    if head.future is None:  # a file tried alone after a crash: now, when no other is
                        head.future = self._submit(head.tasks, head.data, opts)
                    try:
                        with interruptible():
                            head.results = head.future.result()
                    except KilledWorker:
                        if not head.alone:  # find the file that kills: each alone, one after the other
                            pending.extendleft(reversed([_Group([t], data=[d], alone=True)
                                                         for t, d in zip(head.tasks, head.data, strict=True)]))
                            continue
                        head.results = [Result(head.tasks[0], "failed",
                                               error="the worker process died while reading this file")]
                    except Exception as e:
                        raise EngineLost(self.scheduler or "the local Dask cluster",
                                         f"the Dask cluster stopped working: {_reason(e)}") from None
                yield from head.results
        finally:
            # Interrupted, lost, or the consumer stopped early: what is in flight is not wanted.
            futures = [g.future for g in pending if g.future is not None]
            if futures and self.client is not None:
                with contextlib.suppress(Exception):
                    self.client.cancel(futures)

    def _submit(self, tasks: list[Task], data: list[bytes], opts: Options) -> Any:
        return self.client.submit(parse_many, tasks, data, opts, pure=False)


def parse_many(tasks: list[Task], data: list[bytes], opts: Options) -> list[Result]:
    """One task on a worker: parse each file of a chunk (never raises)."""
    return [parse_loaded(t, d, opts) for t, d in zip(tasks, data, strict=True)]


@dataclass(slots=True)
class _Group:
    """Consecutive tasks: ready ``results`` (no parse needed), or a chunk's ``data`` and the
    ``future`` parsing it."""

    tasks: list[Task]
    results: list[Result] | None = None
    data: list[bytes] = field(default_factory=list)
    future: Any = None
    alone: bool = False  # one file tried again alone, after its chunk's worker died


def _groups(tasks: list[Task], opts: Options) -> Iterator[_Group]:
    """``tasks`` in order, in groups: one that needs no parse with its Result, or a chunk of files
    to parse with their bytes (up to CHUNK_FILES files or CHUNK_BYTES bytes; a file larger than
    that is a chunk alone). The reading happens here, on the client."""
    chunk = _Group([])
    size = 0
    for t in tasks:
        with interruptible():  # a resume of many skipped files still stops at once
            loaded = load(t, opts)
        if isinstance(loaded, Result):
            if chunk.tasks:
                yield chunk
                chunk, size = _Group([]), 0
            yield _Group([t], results=[loaded])
            continue
        chunk.tasks.append(t)
        chunk.data.append(loaded)
        size += len(loaded)
        if len(chunk.tasks) >= CHUNK_FILES or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = _Group([]), 0
    if chunk.tasks:
        yield chunk


def _close_half_made(e: BaseException, cls: type) -> None:
    """Close the Client that raised ``e`` from its constructor (found in the traceback).

    distributed leaves it half made, and its finalizer, at the interpreter's exit, waits for a
    stopped event loop and prints a traceback ("Exception ignored in Client.__del__").
    """
    tb = e.__traceback__
    while tb is not None:
        made = tb.tb_frame.f_locals.get("self")
        if isinstance(made, cls):
            with contextlib.suppress(Exception):
                made.close(timeout=2)
        tb = tb.tb_next


_main_thread = threading.main_thread


@contextlib.contextmanager
def _on_term(handler: Callable[[int, Any], None]) -> Iterator[None]:
    """``handler`` for SIGTERM meanwhile (in the main thread: elsewhere there are no handlers)."""
    if threading.current_thread() is not _main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


_terms: list[int] = []


def _noted(signum: int, frame: Any) -> None:
    _terms.append(signum)


@contextlib.contextmanager
def _starting() -> Iterator[None]:
    """While the LocalCluster starts: Ctrl-C and SIGTERM wait until it is up, then stop the batch.

    Ctrl-C goes to the whole process group, and a worker that gets it prints a traceback; only
    the client decides how to stop. So SIGINT is blocked meanwhile, and the worker processes
    (and the cluster's threads, one of which spawns a crashed worker's replacement) inherit it
    blocked. SIGTERM is noted, not acted on: killing a half-started cluster leaks its
    semaphores. Either becomes KeyboardInterrupt once the cluster is up (and is then shut down).
    """
    if threading.current_thread() is not _main_thread():
        yield
        return
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()  # starting it unblocks signals in the thread that does: first, then
    _terms.clear()
    try:
        with _on_term(_noted):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                yield
            finally:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # a pending Ctrl-C is raised here
    finally:
        if _terms:  # also when the start failed because its workers got the SIGTERM too
            raise KeyboardInterrupt


@contextlib.contextmanager
def _logs_off() -> Iterator[None]:
    """distributed's own log lines (connections closed or lost, workers restarted) off meanwhile.

    The batch says what matters in its own lines (a failed file, a lost cluster). distributed
    gives its loggers their own levels and handlers, so each is set, and then set back.
    """
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)
               if name == "distributed" or name.startswith("distributed.")]
    levels = [log.level for log in loggers]
    for log in loggers:
        log.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for log, level in zip(loggers, levels, strict=True):
            log.setLevel(level)
