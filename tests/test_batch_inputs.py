"""What a batch takes as input and where each result goes: output names from the input's own
path, collisions refused up front, regular files only, link loops, names that are not UTF-8,
file lists on stdin; and how a batch ends: failures printed with -q, stdout closed, SIGTERM
to the whole process group."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from referat_parser.batch import work as B
from referat_parser.batch.run import run_batch
from referat_parser.cli import app
from tests.conftest import FIXTURES, ROOT, SEEDS

runner = CliRunner()
SEED = FIXTURES / "klynge-vest-2020-11-25.txt"
MINUTES = "1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n"


def _referat(*args: str, cwd: Path = ROOT, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "referat_parser", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120, **kw)


# --- output names -------------------------------------------------------------------------------


def test_output_name_is_the_input_name_plus_json(tmp_path: Path) -> None:
    src = tmp_path / "arkiv"
    (src / "a").mkdir(parents=True)
    (src / "a" / "k.txt").write_text(MINUTES, encoding="utf-8")
    tasks, _ = B.discover([str(src)])
    assert [t.out for t in tasks] == ["a/k.txt.json"]
    # A neighbour with the same stem changes nothing for k.txt.
    (src / "a" / "k.docx").write_bytes(b"")
    (src / "a" / "k.md").write_text(MINUTES, encoding="utf-8")
    tasks, _ = B.discover([str(src)])
    assert [t.out for t in tasks] == ["a/k.docx.json", "a/k.md.json", "a/k.txt.json"]


def test_the_issue_example_gives_three_outputs(tmp_path: Path) -> None:
    """``batch x.html.md x.htm x.html -o out`` once reported 3 parsed and wrote 2 files."""
    for name in ("x.html.md", "x.htm", "x.html"):
        shutil.copy(SEED, tmp_path / name)
    r = _referat("batch", "x.html.md", "x.htm", "x.html", "-o", "out", "-q", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["x.htm.json", "x.html.json", "x.html.md.json"]


def test_two_inputs_for_one_output_are_refused_before_any_work(tmp_path: Path) -> None:
    """Two folders with the same tree inside map to one output tree: refused, nothing written."""
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "m.txt").write_text(MINUTES, encoding="utf-8")
    r = _referat("batch", "a", "b", "-o", "out", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stderr == ("referat: error: two inputs would write one output out/m.txt.json: a/m.txt and b/m.txt; "
                        "run them as separate batches or use --jsonl\n")
    assert not (tmp_path / "out").exists()
    # JSONL has no per-file outputs: the same inputs are fine there.
    r = _referat("batch", "a", "b", "--jsonl", "-", "-q", cwd=tmp_path)
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 2


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    (tmp_path / "m.txt").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "m.txt.json").write_text(MINUTES, encoding="utf-8")  # named files are always taken
    r = _referat("batch", "m.txt", "m.txt.json", "-o", ".", cwd=tmp_path)
    assert r.returncode == 1 and "two inputs would write one output" in r.stderr
    assert (tmp_path / "m.txt.json").read_text(encoding="utf-8") == MINUTES


# --- only regular files, no endless walks -------------------------------------------------------


def test_a_fifo_among_the_inputs_does_not_hang(tmp_path: Path) -> None:
    src = tmp_path / "arkiv"
    src.mkdir()
    (src / "ok.txt").write_text(MINUTES, encoding="utf-8")
    os.mkfifo(src / "pipe.txt")  # nobody ever writes to it: reading it would block for ever
    rep = tmp_path / "r.json"
    for args in ([str(src)], [str(src / "pipe.txt"), str(src / "ok.txt")], [str(src / "*.txt")]):
        r = _referat("batch", *args, "-o", str(tmp_path / "out"), "-q", "--force", "--report", str(rep))
        report = json.loads(rep.read_text(encoding="utf-8"))
        assert report["parsed"] == 1, (args, r.stderr)
        if len(args) == 2:  # named: reported; found in a folder or by a glob: passed over
            assert r.returncode == 3 and "pipe.txt: not a regular file" in r.stderr
        else:
            assert r.returncode == 0 and report["failed"] == 0


def test_a_recursive_glob_over_self_pointing_links_ends(tmp_path: Path) -> None:
    src = tmp_path / "arkiv"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "m.txt").write_text(MINUTES, encoding="utf-8")
    (src / "loop").symlink_to(".")
    (src / "sub" / "up").symlink_to("..")
    (src / "self").symlink_to("self")  # a link to itself
    r = _referat("batch", str(src / "**" / "*.txt"), "--jsonl", "-", "-q")
    assert r.returncode == 0, r.stderr
    assert [json.loads(line)["source"]["path"] for line in r.stdout.splitlines()] == [str(src / "sub" / "m.txt")]
    r = _referat("batch", str(src / "**"), "--jsonl", "-", "-q")  # every file below
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 1
    r = _referat("batch", str(src), "--jsonl", "-", "-q")  # the folder walk does not follow links either
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 1


# --- names that are not UTF-8 -------------------------------------------------------------------


@pytest.fixture
def latin1_name(tmp_path: Path) -> Path:
    raw = os.path.join(os.fsencode(tmp_path), b"m\xf8de.txt")  # "møde" in Latin-1: not UTF-8
    try:
        with open(raw, "wb") as fh:
            fh.write(MINUTES.encode())
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    return Path(os.fsdecode(raw))


def test_a_file_name_that_is_not_utf8_can_be_parsed(latin1_name: Path) -> None:
    r = _referat("parse", str(latin1_name))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["source"]["path"].endswith("m\\xf8de.txt")  # the byte, visibly


def test_a_batch_with_a_non_utf8_name_writes_its_report(latin1_name: Path, tmp_path: Path) -> None:
    out, rep = tmp_path / "out", tmp_path / "r.json"
    os.mkfifo(tmp_path / "x\udcff.txt")  # a failure whose path is not UTF-8 either
    r = _referat("batch", str(latin1_name), str(tmp_path / "x\udcff.txt"), "-o", str(out), "--report", str(rep))
    assert r.returncode == 3, r.stderr
    report = json.loads(rep.read_text(encoding="utf-8"))
    assert (report["parsed"], report["failed"]) == (1, 1)
    assert report["failures"][0]["path"].endswith("x\\xff.txt")
    written = os.listdir(os.fsencode(out))
    assert written == [b"m\xf8de.txt.json"]  # the output keeps the input's own bytes


# --- file lists, failures on stderr ---------------------------------------------------------------


def test_files_from_stdin_newline_and_nul_separated(tmp_path: Path) -> None:
    names = []
    for n, title in enumerate(["a b.txt", "[c].txt", "d.txt"]):  # a space, glob characters
        (tmp_path / title).write_text(MINUTES.replace("dagsorden", f"dagsorden {n}"), encoding="utf-8")
        names.append(str(tmp_path / title))
    for data in ("\n".join(names) + "\n", "\0".join(names)):
        r = runner.invoke(app, ["batch", "--files-from", "-", "--jsonl", "-", "-q"], input=data)
        assert r.exit_code == 0, r.output
        assert [json.loads(line)["source"]["path"] for line in r.stdout.splitlines()] == names


def test_batch_q_still_prints_each_failure(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    r = _referat("batch", str(tmp_path), "--jsonl", "-", "-q")
    assert r.returncode == 3
    lines = r.stderr.splitlines()
    assert lines == [f"referat: failed: {tmp_path / 'bin.txt'}: {lines[0].split(': ', 3)[3]}",
                     f"referat: failed: {tmp_path / 'empty.txt'}: empty file"]
    assert "binary" in lines[0]


def test_already_parsed_json_is_not_parsed_again_in_a_batch(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "klynge-vest-2020-11-25.json", tmp_path / "k.json")
    r = _referat("batch", str(tmp_path / "k.json"), "--jsonl", "-", "-q")
    assert r.returncode == 1 and "already parsed referat-parser output" in r.stderr


# --- how a batch ends ---------------------------------------------------------------------------


def test_jsonl_to_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    src = tmp_path / "arkiv"
    src.mkdir()
    for n in range(60):
        shutil.copy(SEEDS[n % 2], src / f"m{n:02d}.txt")
    cmd = f"{sys.executable} -m referat_parser batch {src} --jsonl - -j 2 | head -c 10 > /dev/null"
    r = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.stderr == ""  # no "failed: Broken pipe" per file, no traceback, no summary
    assert r.returncode == 141


def test_a_normal_j2_run_ends_without_exit_noise(tmp_path: Path) -> None:
    """The pool is shut down and waited for on the normal path (benchmarks/batch_exit_check.py
    repeats this 200 times)."""
    for _ in range(3):
        r = _referat("batch", str(FIXTURES), "-o", str(tmp_path / "out"), "-j", "2", "--force", "-q")
        assert r.returncode == 0 and r.stderr == ""


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


def test_sigterm_to_the_process_group_prints_no_worker_traceback(tmp_path: Path) -> None:
    """Idle workers (more workers than files) once printed a KeyboardInterrupt traceback each."""
    small, big = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(SEED, small)
    big.write_text(SEED.read_text(encoding="utf-8") * 180, encoding="utf-8")  # ~5 MB (under the text limit): seconds
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "referat_parser", "batch", str(small), str(big), "-o", str(out),
                             "-j", "3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_children(proc.pid)) < 3:  # the pool's workers are up
        time.sleep(0.05)
    time.sleep(0.5)  # one worker is on the inputs (they go out in one chunk), the other two are idle
    os.killpg(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    if (out / "b.txt.json").exists():
        pytest.skip("the big file was parsed before the signal came")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err


def test_run_batch_refuses_collisions_from_python(tmp_path: Path) -> None:
    from referat_parser.errors import InputError

    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "m.txt").write_text(MINUTES, encoding="utf-8")
    with pytest.raises(InputError, match="two inputs would write one output"):
        run_batch([str(tmp_path / "a"), str(tmp_path / "b")], outdir=tmp_path / "o", jsonl=None, jobs=1, quiet=True)


def test_folders_are_walked_for_odt_and_markdown_too(tmp_path: Path) -> None:
    from referat_parser.batch.work import discover
    from tests.test_formats import make_odt

    root = tmp_path / "arkiv"
    root.mkdir()
    seed = (ROOT / "fixtures" / "godstrup-fsg-2025-04-25.txt").read_text(encoding="utf-8")
    (root / "a.odt").write_bytes(make_odt(seed))
    (root / "b.md").write_text("# Referat\n\n1. Godkendelse\n", encoding="utf-8")
    (root / "c.markdown").write_text("# Referat\n\n1. Godkendelse\n", encoding="utf-8")
    tasks, _ = discover([str(root)])
    assert sorted(Path(t.path).name for t in tasks) == ["a.odt", "b.md", "c.markdown"]


def test_real_paths_by_folder_equal_os_realpath(tmp_path: Path) -> None:
    # discover() and collisions() resolve every input and output; folders are resolved once.
    import os

    from referat_parser.batch.work import _RealPaths

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("x")
    (tmp_path / "a" / "l.txt").symlink_to(tmp_path / "a" / "b" / "x.txt")
    (tmp_path / "a" / "lb").symlink_to(tmp_path / "a" / "b")
    (tmp_path / "loop1").symlink_to("loop2")
    (tmp_path / "loop2").symlink_to("loop1")
    (tmp_path / "dangling").symlink_to("nowhere")
    real = _RealPaths()
    for rel in ["a/b/x.txt", "a/l.txt", "a/lb/x.txt", "a/lb/../b/x.txt", "a/b/../l.txt", "nope/y.json",
                "a/lb/new/z.json", "loop1", "dangling", "a/b/.", "a/b/..", "a/lb/l2.txt.json"]:
        path = str(tmp_path / rel)
        assert real(path) == os.path.realpath(path), rel
    assert real("relative.txt") == os.path.realpath("relative.txt")
