"""Writing outputs safely: a file appears complete or not at all, and special files stay as they are.

:class:`AtomicFile` decides by what the target is *now* (``lstat``, no link followed):

* **missing or a regular file**: write beside it under a hidden temporary name and rename into
  place on :meth:`~AtomicFile.commit` (atomic: complete or not at all); an existing file keeps
  its permission bits. :meth:`~AtomicFile.discard` removes the temporary file.
* **anything else** (a character device such as ``/dev/null``, a FIFO, a socket, ``/dev/stdout``)
  is opened and written *through*, never renamed over: the device or pipe stays what it is.
* **a symbolic link** is written through to what it points at, like the shell's ``>``: the
  link stays a link and its target keeps its inode, owner and mode (for a regular file that
  write is in place, not atomic). A rename is never made onto a link or its target. A dangling
  link is refused (creating files wherever a link points is how symlink attacks work).

Used by ``parse -o``, ``schema -o``, ``show --html``, the batch outputs and ``--report``, the
JSONL stream and the CSV export alike; :func:`output_path` is the one rule that turns what an
output option says (``-``, a folder, a file) into the file written. :func:`printable` makes a
file name that is not valid UTF-8 safe to print and to put in JSON.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import tempfile
from pathlib import Path


@functools.cache  # read once: reading means setting it, and a signal between the two calls
def _umask() -> int:  # would leave the process with umask 0
    mask = os.umask(0)
    os.umask(mask)
    return mask


def printable(name: str) -> str:
    """``name`` with undecodable bytes of a file name (surrogate escapes) as ``\\xNN``.

    Python keeps the bytes of a non-UTF-8 file name as lone surrogates, which cannot be
    written as UTF-8 (to JSON, a report or a terminal). Valid names come back unchanged.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogateescape") if _only_escapes(name) else name.encode("utf-8", "replace")
        return raw.decode("utf-8", "backslashreplace")


# Characters a terminal acts on rather than shows: C0 (newline, ESC, BEL, …), DEL, C1, and the
# bidirectional overrides that reorder what follows. In a file name they could clear the screen
# or forge a line ("\nreferat: failed: …"), so every message shows them as escapes.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(32), *range(127, 160))} | {
    c: f"\\u{c:04x}" for c in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def safe_line(message: str) -> str:
    """``message`` as one terminal line: control characters escaped (``\x1b``, ``\x0a``), and
    undecodable file-name bytes too (see :func:`printable`)."""
    return printable(message).translate(_CONTROLS)


def _only_escapes(s: str) -> bool:
    return all(not ("\ud800" <= c <= "\udfff") or "\udc80" <= c <= "\udcff" for c in s)


STDOUT = "-"  # an output option given as ``-`` means standard output, for every output option


def output_path(target: str, name: str) -> Path | None:
    """The file an output option names, by one rule for every option: ``None`` for ``-`` (standard
    output); ``name`` inside the folder when ``target`` ends with a path separator or is an existing
    folder (``-o out/`` writes ``out/<name>``, the folder made if missing); else ``target`` itself.
    """
    if target == STDOUT:
        return None
    if target.endswith((os.sep, "/")) or os.path.isdir(target):
        return Path(target) / name
    return Path(target)


def writes_through(path: Path) -> bool:
    """True when ``path`` is written in place (a device, FIFO, socket or symlink), False when by
    temp file and rename (a regular file or nothing yet). OSError for a dangling symlink."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    if stat.S_ISREG(st.st_mode):
        return False
    if stat.S_ISLNK(st.st_mode) and not os.path.exists(path):
        raise OSError(f"{printable(str(path))} is a symbolic link to nothing; remove it or point it at a file")
    return True


def prepare(path: Path) -> None:
    """Check, before any work is done, that ``path`` can be written; create its parent folders.

    Raises OSError with the reason (a folder in the way, a read-only folder, a dangling link).
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(21, "is a directory", str(path))
    if writes_through(path):
        return
    parent = path.parent if str(path.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    if not os.access(parent, os.W_OK):
        raise PermissionError(13, "Permission denied", str(parent))


def temp_prefix(path: Path) -> str:
    """The start of a temp file's name for ``path``: hidden, and saying which process writes it
    (``.all.jsonl.4711.`` + random + ``.tmp``), so that a later run can tell one left behind."""
    return f".{path.name}.{os.getpid()}."


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process (or a number no process has): leave its file alone
    return True


def remove_stale_temps(path: Path) -> int:
    """Remove the temp files of ``path`` whose writer no longer runs (killed with ``kill -9``, a
    power cut): ``.NAME.PID.xxxxxxxx.tmp`` beside it, PID not a running process. Returns how many.

    Only files named by :func:`temp_prefix` are touched; one of a process still running, or of
    another machine's process with a PID alive here, is left alone.
    """
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    head = f".{path.name}."
    removed = 0
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(head) and name.endswith(".tmp")):
            continue
        pid, _, rest = name[len(head):-len(".tmp")].partition(".")
        if not (pid.isdigit() and rest and "." not in rest) or _alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed += 1
    return removed


class AtomicFile:
    """A text file that becomes ``path`` only when committed (or a special file written through).

    ``clean``: first remove the temp files a killed earlier run left beside ``path`` (one
    directory listing: off for the many files of a batch's output tree).
    """

    def __init__(self, path: Path, *, encoding: str = "utf-8", newline: str | None = None,
                 durable: bool = True, clean: bool = True) -> None:
        self.path = Path(path)
        self.tmp: str | None = None
        self.durable = durable  # fsync before the rename (a power cut then cannot leave it empty)
        if writes_through(self.path):
            self.fh = open(self.path, "w", encoding=encoding, newline=newline)  # noqa: SIM115 - closed in commit/discard
            return
        mode = 0o666 & ~_umask()  # mkstemp makes 0600; outputs are ordinary files
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(os.stat(self.path).st_mode)  # replacing a file keeps its mode
        parent = self.path.parent if str(self.path.parent) else Path(".")
        if clean:
            remove_stale_temps(self.path)
        fd, self.tmp = tempfile.mkstemp(prefix=temp_prefix(self.path), suffix=".tmp", dir=parent)
        try:
            os.fchmod(fd, mode)
            self.fh = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        except BaseException:  # Ctrl-C or SIGTERM right here must not leave the temp file
            os.close(fd)
            os.unlink(self.tmp)
            raise

    def commit(self) -> None:
        """Flush to disk and rename into place (or just flush and close a special file)."""
        self.fh.flush()
        if self.tmp is None:
            self.fh.close()
            return
        if self.durable:
            os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.fh.close()
        if self.tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.tmp)


def write_atomic(path: Path, text: str, *, durable: bool = True, clean: bool = True) -> None:
    """Write ``text`` to ``path`` via a temp file in the same folder and a rename (special files:
    written through). ``durable``: fsync the file before the rename; ``clean``: see AtomicFile."""
    out = AtomicFile(path, durable=durable, clean=clean)
    try:
        out.fh.write(text)
        out.commit()
    except BaseException:
        out.discard()
        raise
