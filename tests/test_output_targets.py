"""Where outputs go: special files are written through, never replaced; regular files atomically;
missing folders are made; an unwritable or full target is one line, exit 1, nothing half-written.

The special files are a FIFO and symbolic links made in ``tmp_path``: the tests never touch
the real ``/dev``.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from referat_parser import io_utils
from referat_parser.cli import app
from tests.conftest import FIXTURES, ROOT, SEEDS

runner = CliRunner()
SEED = FIXTURES / "klynge-vest-2020-11-25.txt"


class FifoReader:
    """Reads a FIFO to the end in a thread, as ``cat fifo`` would."""

    def __init__(self, fifo: Path) -> None:
        self.data = b""
        self.thread = threading.Thread(target=self._read, args=(fifo,), daemon=True)
        self.thread.start()

    def _read(self, fifo: Path) -> None:
        with open(fifo, "rb") as fh:
            self.data = fh.read()

    def text(self) -> str:
        self.thread.join(60)
        assert not self.thread.is_alive(), "the writer never closed the FIFO"
        return self.data.decode("utf-8")


def _referat(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "referat_parser", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, **kw)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_write_atomic_writes_through_a_fifo_and_leaves_it_a_fifo(fifo: Path) -> None:
    reader = FifoReader(fifo)
    io_utils.write_atomic(fifo, "hello\n")
    assert reader.text() == "hello\n"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in fifo.parent.iterdir()] == ["pipe"]  # no temp file beside it


@pytest.mark.parametrize("command", ["parse", "schema", "batch-jsonl", "batch-report"])
def test_cli_outputs_write_through_a_fifo(fifo: Path, tmp_path: Path, command: str) -> None:
    """``-o``, ``--jsonl`` and ``--report`` into a FIFO (as into /dev/null or /dev/stdout): the FIFO
    gets the output and is still a FIFO afterwards; exit 0."""
    args = {"parse": ["parse", str(SEED), "-o", str(fifo), "--compact"],
            "schema": ["schema", "-o", str(fifo)],
            "batch-jsonl": ["batch", str(SEED), "--jsonl", str(fifo), "-q"],
            "batch-report": ["batch", str(SEED), "-o", str(tmp_path / "out"), "--report", str(fifo), "-q"]}[command]
    reader = FifoReader(fifo)
    r = _referat(*args)
    assert r.returncode == 0, r.stderr
    got = json.loads(reader.text())
    if command == "schema":
        assert "$defs" in got
    elif command == "batch-report":
        assert got["parsed"] == 1
    else:
        assert got["meeting"]["body"] == "Klyngestyregruppe Vest"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_symlink_to_a_file_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    """Decision: a link is written through to its target, like the shell's ``>``; the target keeps
    its inode and mode, the link stays a link, nothing is renamed onto either."""
    target = tmp_path / "real.json"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    inode = target.stat().st_ino
    link = tmp_path / "link.json"
    link.symlink_to(target)
    r = runner.invoke(app, ["parse", str(SEED), "-o", str(link)])
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text(encoding="utf-8"))["kind"] == "referat"
    assert target.stat().st_ino == inode and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_a_symlink_to_a_fifo_is_written_through(fifo: Path, tmp_path: Path) -> None:
    link = tmp_path / "stdout-like"
    link.symlink_to(fifo)  # as /dev/stdout -> /proc/self/fd/1 -> a pipe
    reader = FifoReader(link)
    r = _referat("batch", str(SEED), "--jsonl", str(link), "-q")
    assert r.returncode == 0, r.stderr
    assert json.loads(reader.text())["schema_version"] == "1"
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_dangling_symlink_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "elsewhere" / "victim.json")
    r = _referat("parse", str(SEED), "-o", str(link))
    assert r.returncode == 1
    assert r.stderr.startswith("referat: error: ") and r.stderr.count("\n") == 1
    assert "symbolic link to nothing" in r.stderr
    assert link.is_symlink() and not (tmp_path / "elsewhere").exists()


def test_replacing_a_regular_file_is_atomic_and_keeps_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    inode = out.stat().st_ino
    io_utils.write_atomic(out, "new\n")
    assert out.read_text(encoding="utf-8") == "new\n"
    assert out.stat().st_ino != inode  # renamed into place, not rewritten
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_parse_o_creates_missing_parent_folders(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "m.json"
    r = runner.invoke(app, ["parse", str(SEED), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == "1"


def test_parse_o_into_a_file_where_a_folder_must_be_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("a file", encoding="utf-8")
    r = _referat("parse", str(SEED), "-o", str(tmp_path / "a" / "m.json"))
    assert r.returncode == 1 and r.stderr.startswith("referat: error: cannot write ")
    assert r.stderr.count("\n") == 1 and "internal error" not in r.stderr


def test_parse_o_into_a_read_only_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root a read-only folder is writable, so the refusal is simulated where it happens."""

    def refused(*a: object, **k: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(io_utils.tempfile, "mkstemp", refused)
    out = tmp_path / "m.json"
    r = runner.invoke(app, ["parse", str(SEED), "-o", str(out)])
    assert r.exit_code == 1
    assert r.stderr == f"referat: error: cannot write {out}: Permission denied\n"
    assert not out.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_parse_o_into_a_read_only_folder_for_real(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    r = _referat("parse", str(SEED), "-o", str(ro / "m.json"))
    assert r.returncode == 1 and "Permission denied" in r.stderr and r.stderr.count("\n") == 1


def _small_disk() -> None:
    """A child whose files cannot grow past 20 KB: writes fail as on a full disk (EFBIG)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_parse_o_on_a_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "m.json"
    r = _referat("parse", str(FIXTURES / "godstrup-fsg-2025-04-25.txt"), "-o", str(out), preexec_fn=_small_disk)
    assert r.returncode == 1
    assert r.stderr.startswith(f"referat: error: cannot write {out}: ") and r.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_jsonl_on_a_full_disk_does_not_report_parsed_documents(tmp_path: Path) -> None:
    """A JSONL file that cannot be completed holds nothing, so nothing counts as parsed."""
    out, rep = tmp_path / "all.jsonl", tmp_path / "r.json"
    dev = FIXTURES / "dev"
    r = _referat("batch", str(dev), "--jsonl", str(out), "--report", str(rep), preexec_fn=_small_disk)
    assert r.returncode == 1, r.stderr
    report = json.loads(rep.read_text(encoding="utf-8"))
    n = len(list(dev.glob("*.txt")))
    assert report["parsed"] == 0 and report["failed"] == report["files"] == n and report["items"] == 0
    assert "no document was written" in report["failures"][-1]["error"]
    assert "Traceback" not in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]  # no JSONL, no temp file


def test_report_into_a_missing_folder_is_made_before_the_batch(tmp_path: Path) -> None:
    rep = tmp_path / "reports" / "2026" / "r.json"
    r = runner.invoke(app, ["batch", str(SEEDS[0]), "-o", str(tmp_path / "out"), "--report", str(rep), "-q"])
    assert r.exit_code == 0, r.output
    assert json.loads(rep.read_text(encoding="utf-8"))["parsed"] == 1


def test_an_unwritable_report_fails_before_any_file_is_parsed(tmp_path: Path) -> None:
    (tmp_path / "reports").write_text("a file where the folder must go", encoding="utf-8")
    out = tmp_path / "out"
    r = _referat("batch", str(SEEDS[0]), "-o", str(out), "--report", str(tmp_path / "reports" / "r.json"))
    assert r.returncode == 1
    assert r.stderr.startswith("referat: error: cannot write the report ") and r.stderr.count("\n") == 1
    assert not out.exists()  # nothing was done


def test_the_csv_export_writes_through_a_linked_csv(tmp_path: Path) -> None:
    """The CSV writer uses the same rule: a ``meetings.csv`` that is a link stays a link."""
    csv_dir, kept = tmp_path / "csv", tmp_path / "kept" / "meetings.csv"
    csv_dir.mkdir()
    kept.parent.mkdir()
    kept.write_text("old\n", encoding="utf-8")
    (csv_dir / "meetings.csv").symlink_to(kept)
    r = runner.invoke(app, ["export", str(FIXTURES / "klynge-vest-2020-11-25.json"), "--csv", str(csv_dir), "-q"])
    assert r.exit_code == 0, r.output
    assert (csv_dir / "meetings.csv").is_symlink()
    assert "Klyngestyregruppe Vest" in kept.read_text(encoding="utf-8-sig")
