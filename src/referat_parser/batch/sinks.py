"""Where batch results go: one JSON file per input, or one JSONL stream.

Both sinks write nothing half: a per-file output appears by an atomic rename; a JSONL file
is written to a hidden temp file beside it and renamed into place when the batch ends (or
is interrupted: then it holds the complete lines so far). JSONL to stdout is flushed line
by line. A write that fails (read-only folder, disk full) fails that one input, with the
reason; the batch goes on.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from referat_parser.io_utils import AtomicFile, write_atomic


class TreeSink:
    """``OUTDIR/<relative path>.json`` per input, mirroring the input tree."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)  # OSError here means: nothing can be done

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text + "\n")

    def close(self) -> None:
        pass


class JsonlSink:
    """One compact JSON document per line, in input order; ``-`` is stdout."""

    def __init__(self, target: str) -> None:
        self.out: AtomicFile | None = None if target == "-" else AtomicFile(Path(target))
        self.fh: IO[str] = sys.stdout if self.out is None else self.out.fh

    def write(self, rel: str, text: str) -> None:
        self.fh.write(text + "\n")
        if self.out is None:
            self.fh.flush()

    def close(self) -> None:
        """Make the complete lines written so far the output file."""
        if self.out is None:
            self.fh.flush()
            return
        try:
            self.out.commit()
        except BaseException:
            self.out.discard()
            raise
        self.out = None
