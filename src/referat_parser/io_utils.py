"""Writing outputs safely: a file appears complete or not at all.

:class:`AtomicFile` writes beside its target under a hidden temporary name and renames it
into place on :meth:`~AtomicFile.commit`; :meth:`~AtomicFile.discard` (or an exception in
:func:`write_atomic`) removes the temporary file. Used by ``parse -o``, the batch outputs,
the JSONL stream and the CSV export alike.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from pathlib import Path


@functools.cache  # read once: reading means setting it, and a signal between the two calls
def _umask() -> int:  # would leave the process with umask 0
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicFile:
    """A text file that becomes ``path`` only when committed."""

    def __init__(self, path: Path, *, encoding: str = "utf-8", newline: str | None = None) -> None:
        self.path = Path(path)
        parent = self.path.parent if str(self.path.parent) else Path(".")
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=parent)
        try:
            os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
            self.fh = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        except BaseException:  # Ctrl-C or SIGTERM right here must not leave the temp file
            os.close(fd)
            os.unlink(self.tmp)
            raise

    def commit(self) -> None:
        """Flush to disk and rename into place."""
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.fh.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temp file in the same folder and a rename."""
    out = AtomicFile(path)
    try:
        out.fh.write(text)
        out.commit()
    except BaseException:
        out.discard()
        raise
