"""Where batch results go: one JSON file per input, or one JSONL stream.

Both sinks write nothing half: a per-file output appears by an atomic rename; a JSONL file
is written to a hidden temp file beside it and renamed into place when the batch ends (or
is interrupted: then it holds the complete lines so far). A target that is not a regular file
(``/dev/null``, a FIFO, ``/dev/stdout``) is written through, never replaced (see
:mod:`referat_parser.io_utils`). JSONL to stdout is flushed line by line.

A write that fails in the tree (read-only sub-folder, disk full) fails that one input, with the
reason, and the batch goes on. A JSONL file that fails once is broken as a whole (a buffered
write may have left half a line): every later write fails too, and :meth:`JsonlSink.close`
discards the file and raises, so the batch cannot report documents it did not write.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from referat_parser.io_utils import AtomicFile, prepare, write_atomic


class TreeSink:
    """``OUTDIR/<relative path>.json`` per input, mirroring the input tree.

    Each file is renamed into place complete, but not fsynced one by one: that cost more than
    the parse of a typical file and ran in the one process that writes, so that it, not the
    workers, set a batch's pace. A power cut can leave a recent output empty or missing; a
    re-run of the batch redoes it (an output that does not read back is not up to date).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)  # OSError here means: nothing can be done
        if not os.access(root, os.W_OK):
            raise PermissionError(13, "Permission denied", str(root))
        self._made: set[Path] = set()  # folders known to exist: one mkdir per folder, not per file

    def write(self, rel: str, text: str) -> None:
        write_tree_file(self.root, rel, text, self._made)

    def close(self) -> None:
        pass


def write_tree_file(root: Path, rel: str, text: str, made: set[Path]) -> None:
    """Write one output of a tree (``TreeSink``): its folder made once (remembered in ``made``),
    the file renamed into place complete, not fsynced (see ``TreeSink``). Raises OSError.

    The local engine's workers call it themselves, so that writing runs in parallel too.
    """
    path = root / rel
    if path.parent not in made:
        path.parent.mkdir(parents=True, exist_ok=True)
        made.add(path.parent)
    write_atomic(path, text + "\n", durable=False, clean=False)


class JsonlSink:
    """One compact JSON document per line, in input order; ``-`` is stdout."""

    def __init__(self, target: str) -> None:
        if target != "-":
            prepare(Path(target))
        self.out: AtomicFile | None = None if target == "-" else AtomicFile(Path(target))
        self.fh: IO[str] = sys.stdout if self.out is None else self.out.fh
        self.broken: OSError | None = None

    def write(self, rel: str, text: str) -> None:
        if self.broken is not None:
            raise self.broken
        try:
            self.fh.write(text + "\n")
            if self.out is None:
                self.fh.flush()
        except BrokenPipeError:
            raise
        except OSError as e:
            if self.out is not None:
                self.broken = e
            raise

    def close(self) -> None:
        """Make the complete lines written so far the output file (or raise, leaving none)."""
        if self.out is None:
            self.fh.flush()
            return
        try:
            if self.broken is not None:
                raise self.broken
            self.out.commit()
        except BaseException:
            self.out.discard()
            raise
        self.out = None
