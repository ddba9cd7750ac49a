"""`referat batch`: tree mirroring, JSONL, error isolation, resume, interruption, write faults."""

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
from referat_parser.models import Minutes
from tests.conftest import DEV, SEEDS

runner = CliRunner()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A small archive: seeds at the top, dev documents two folders down, one unrelated file."""
    root = tmp_path / "arkiv"
    (root / "region" / "2020").mkdir(parents=True)
    for f in SEEDS:
        shutil.copy(f, root / f.name)
    for f in DEV[:4]:
        shutil.copy(f, root / "region" / "2020" / f.name)
    (root / "notes.xlsx").write_bytes(b"not minutes")
    (root / ".hidden.txt").write_text("1. Skjult\n", encoding="utf-8")
    return root


def _outputs(root: Path) -> dict[str, dict]:
    return {str(p.relative_to(root)): json.loads(p.read_text(encoding="utf-8")) for p in sorted(root.rglob("*.json"))}


def _report(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_tree_is_mirrored_and_outputs_validate(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = runner.invoke(app, ["batch", str(archive), "-o", str(out), "-j", "1", "--report", str(tmp_path / "r.json")])
    assert r.exit_code == 0, r.output
    got = _outputs(out)
    expected = {f"{f.name}.json" for f in SEEDS} | {f"region/2020/{f.name}.json" for f in DEV[:4]}
    assert set(got) == expected  # no .xlsx, no hidden file
    for name, doc in got.items():
        Minutes.model_validate(doc)
        assert doc["source"]["path"].endswith(Path(name).stem)
    rep = _report(tmp_path / "r.json")
    assert (rep["files"], rep["parsed"], rep["failed"], rep["skipped"]) == (6, 6, 0, 0)
    assert rep["items"] == sum(len(d["items"]) for d in got.values())
    assert sum(rep["decisions_by_outcome"].values()) == sum(
        1 for d in got.values() for i in d["items"] if i["decision"])


def test_jsonl_is_in_input_order_whatever_the_workers(archive: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert runner.invoke(app, ["batch", str(archive), "--jsonl", str(one), "-j", "1", "-q"]).exit_code == 0
    assert run_batch([str(archive)], outdir=None, jsonl=str(two), jobs=2, quiet=True) == 0
    lines1 = one.read_text(encoding="utf-8").splitlines()
    assert lines1 == two.read_text(encoding="utf-8").splitlines()
    paths = [json.loads(line)["source"]["path"] for line in lines1]
    assert len(paths) == 6 and paths == [t.path for t in B.discover([str(archive)])[0]]
    assert not list(tmp_path.glob(".*.tmp"))  # the temp file became the output


def test_jsonl_to_stdout(archive: Path) -> None:
    r = runner.invoke(app, ["batch", str(archive / "region"), "--jsonl", "-", "-q"])
    assert r.exit_code == 0
    docs = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(docs) == 4 and all(d["schema_version"] == "1" for d in docs)


def test_a_corrupt_file_fails_alone(archive: Path, tmp_path: Path) -> None:
    (archive / "region" / "kaput.txt").write_bytes(b"\x00\x01\x02\x03binary" * 50)
    (archive / "tom.txt").write_bytes(b"")
    out, rep = tmp_path / "out", tmp_path / "r.json"
    r = runner.invoke(app, ["batch", str(archive), "-o", str(out), "-j", "2", "--report", str(rep)])
    assert r.exit_code == 3
    report = _report(rep)
    assert (report["parsed"], report["failed"]) == (6, 2)
    failures = {Path(f["path"]).name: f["error"] for f in report["failures"]}
    assert "binary" in failures["kaput.txt"] and "empty" in failures["tom.txt"]
    assert len(_outputs(out)) == 6
    assert "kaput.txt" in r.stderr


def test_nothing_done_is_exit_1_and_nothing_found_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 100)
    assert runner.invoke(app, ["batch", str(bad), "-o", str(tmp_path / "o"), "-q"]).exit_code == 1
    r = runner.invoke(app, ["batch", str(tmp_path / "nothing*.txt"), "-o", str(tmp_path / "o")])
    assert r.exit_code == 2  # the paths hold no input: a mistake in the command line, not a failed batch
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("referat: error: no input files found in ")
    assert "*.docx" in r.stderr and "no regular file matches this glob" in r.stderr and "parsed" not in r.stderr
    (tmp_path / "empty").mkdir()
    r = runner.invoke(app, ["batch", str(tmp_path / "empty"), "--jsonl", "-"])
    assert r.exit_code == 2 and r.stdout == "" and r.stderr.count("\n") == 1
    assert runner.invoke(app, ["batch", str(bad)]).exit_code == 2  # neither -o nor --jsonl


def test_resume_skips_unchanged_and_redoes_changed(archive: Path, tmp_path: Path) -> None:
    out, rep = tmp_path / "out", tmp_path / "r.json"
    args = ["batch", str(archive), "-o", str(out), "-q", "--report", str(rep)]
    assert runner.invoke(app, args).exit_code == 0
    changed = archive / SEEDS[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nEventuelt tilføjet.\n", encoding="utf-8")
    assert runner.invoke(app, args).exit_code == 0
    assert (_report(rep)["parsed"], _report(rep)["skipped"]) == (1, 5)
    # An output from another parser version is not up to date.
    other = out / f"{SEEDS[1].name}.json"
    doc = json.loads(other.read_text(encoding="utf-8"))
    doc["source"]["parser_version"] = "0.0.1"
    other.write_text(json.dumps(doc), encoding="utf-8")
    assert runner.invoke(app, args).exit_code == 0
    assert (_report(rep)["parsed"], _report(rep)["skipped"]) == (1, 5)
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    assert (_report(rep)["parsed"], _report(rep)["skipped"]) == (6, 0)


def test_same_stem_inputs_do_not_overwrite_each_other(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "m.txt").write_text("1. Godkendelse\nBeslutning\nGodkendt.\n", encoding="utf-8")
    (src / "m.md").write_text("1. Orientering\nBeslutning\nTaget til efterretning.\n", encoding="utf-8")
    assert run_batch([str(src)], outdir=tmp_path / "o", jsonl=None, jobs=1, quiet=True) == 0
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["m.md.json", "m.txt.json"]


def test_unwritable_output_fails_that_file_and_keeps_the_rest(archive: Path, tmp_path: Path) -> None:
    out, rep = tmp_path / "out", tmp_path / "r.json"
    (out / "region").mkdir(parents=True)
    (out / "region" / "2020").write_text("a file where a folder must go", encoding="utf-8")
    code = run_batch([str(archive)], outdir=out, jsonl=None, jobs=1, quiet=True, report=rep)
    assert code == 3
    report = _report(rep)
    assert (report["parsed"], report["failed"]) == (2, 4)
    assert all("cannot write output" in f["error"] for f in report["failures"])
    assert len(_outputs(out)) == 2


def test_disk_full_is_a_clear_failure(archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from referat_parser.batch import sinks

    def full(path: Path, text: str, **_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sinks, "write_atomic", full)
    rep = tmp_path / "r.json"
    assert run_batch([str(archive)], outdir=tmp_path / "out", jsonl=None, jobs=1, quiet=True, report=rep) == 1
    assert {f["error"] for f in _report(rep)["failures"]} == {"cannot write output: No space left on device"}
    assert not _outputs(tmp_path / "out")


def test_an_input_that_vanishes_mid_run(archive: Path, tmp_path: Path) -> None:
    tasks, _ = B.discover([str(archive)])
    os.unlink(tasks[2].path)  # gone between discovery and reading
    results = list(B.run(tasks, B.Options(out_root=str(tmp_path / "o")), jobs=2))
    assert [r.task for r in results] == tasks
    assert [r.status for r in results].count("failed") == 1
    assert "no such file" in (results[2].error or "")


def _big_archive(tmp_path: Path, n: int) -> Path:
    root = tmp_path / "big"
    for i in range(n):
        d = root / f"{i // 50:03d}"
        d.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEEDS[i % len(SEEDS)], d / f"m{i:05d}.txt")
    return root


def _assert_only_complete_outputs(out: Path) -> int:
    done = list(out.rglob("*.json"))
    for p in done:
        Minutes.model_validate_json(p.read_bytes())
    return len(done)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_a_killed_batch_leaves_only_complete_outputs(tmp_path: Path, sig: signal.Signals) -> None:
    src, out = _big_archive(tmp_path, 240), tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "referat_parser", "batch", str(src), "-o", str(out), "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.json"))) < 20:
        time.sleep(0.05)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    written = _assert_only_complete_outputs(out)
    assert 0 < written < 240, "the batch should have been stopped midway"
    assert "Traceback" not in err
    if sig != signal.SIGKILL:
        assert proc.returncode == 130
        assert "interrupted" in err  # the summary so far
        assert not list(out.rglob("*.tmp"))
    # A re-run finishes the job and skips what was done.
    rep = tmp_path / "r.json"
    assert run_batch([str(src)], outdir=out, jsonl=None, jobs=2, quiet=True, report=rep) == 0
    assert _report(rep)["skipped"] >= written - 1 and _assert_only_complete_outputs(out) == 240


def test_forked_workers_inherit_the_parser_and_compile_patterns_only_when_they_outnumber_the_cores(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Before a pool is forked the parent imports the parser for all workers; it compiles every
    pattern too only for more workers than cores (else each compiles what it needs, in parallel)."""
    import multiprocessing

    from referat_parser import patterns

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("workers are not forked on this platform")
    compiled: list[int] = []
    monkeypatch.setattr(patterns, "compile_all", lambda: compiled.append(1))
    monkeypatch.setattr(B, "_cores", lambda: 2)
    B._warm_up(2)
    assert "referat_parser.pipeline" in sys.modules and compiled == []
    B._warm_up(3)
    assert compiled == [1]


def test_compile_all_compiles_every_pattern() -> None:
    from referat_parser import patterns

    patterns.compile_all()
    assert all(rx._compiled is not None for rx in patterns.REGISTRY.values())


def _tasks(tmp_path: Path, sizes: list[int]) -> list[B.Task]:
    tasks = []
    for i, size in enumerate(sizes):
        f = tmp_path / f"f{i:04d}.txt"
        f.write_bytes(b"x" * size)
        tasks.append(B.Task(str(f), f"{f.name}.json"))
    return tasks


@pytest.mark.parametrize("n", [0, 1, 2, 5, 8, 9, 31, 144, 1000])
@pytest.mark.parametrize("jobs", [2, 3, 8])
def test_chunks_keep_every_input_once_in_order_and_shrink_to_one_at_the_end(tmp_path: Path, n: int,
                                                                             jobs: int) -> None:
    tasks = _tasks(tmp_path, [100] * n)
    got = list(B.chunks(tasks, jobs))
    assert [t for c in got for t in c] == tasks
    assert all(1 <= len(c) <= B.CHUNK for c in got)
    sizes = [len(c) for c in got]
    assert sizes == sorted(sizes, reverse=True)  # equal files: never a larger chunk after a smaller one
    if n >= 2 * jobs:
        assert sizes[-1] == 1  # the tail is cut fine, so that the workers end together
    if n >= 16 * jobs:
        assert sizes[0] == B.CHUNK  # but not from the start: a round trip per file costs the parent


def test_a_large_file_is_a_chunk_alone_and_bytes_bound_a_chunk(tmp_path: Path) -> None:
    big, part = B.CHUNK_BYTES + 1, (B.CHUNK_BYTES - 10) // 3
    tasks = _tasks(tmp_path, [10, 10, big, 10, part, part, part, part, *[10] * 100])
    got = list(B.chunks(tasks, 2))
    assert [t for c in got for t in c] == tasks
    assert got[0] == tasks[:2] and got[1] == [tasks[2]]  # the large file alone, the chunk before it cut short
    assert got[2] == tasks[3:7]  # 10 bytes and three parts fit; a fourth part would not
    # a file that is gone counts as empty here: its worker says why it cannot be read
    gone = [B.Task(str(tmp_path / "gone.txt"), "gone.txt.json"), *tasks[:3]]
    assert [t for c in B.chunks(gone, 2) for t in c] == gone


def test_j2_writes_what_j1_writes_in_the_same_order(tmp_path: Path) -> None:
    """Many inputs of unequal size (so several chunk sizes), a corrupt one among them: the
    outputs, the JSONL lines and the report of -j 2 are those of -j 1."""
    src = tmp_path / "src"
    src.mkdir()
    for i in range(40):
        shutil.copy([*SEEDS, *DEV][i % (len(SEEDS) + len(DEV))], src / f"{i:02d}.txt")
    (src / "17.txt").write_bytes(b"\x00\x01binary" * 40)
    runs = {}
    for jobs in (1, 2):
        out, lines, rep = tmp_path / f"out{jobs}", tmp_path / f"{jobs}.jsonl", tmp_path / f"r{jobs}.json"
        assert run_batch([str(src)], outdir=out, jsonl=None, jobs=jobs, quiet=True, report=rep) == 3
        assert run_batch([str(src)], outdir=None, jsonl=str(lines), jobs=jobs, quiet=True) == 3
        report = {k: v for k, v in _report(rep).items() if k not in ("elapsed_seconds", "docs_per_second")}
        runs[jobs] = (_outputs(out), lines.read_text(encoding="utf-8"), report)
    assert runs[1] == runs[2]
    outputs, lines, report = runs[1]
    assert len(outputs) == 39 and report["failed"] == 1 and report["failures"][0]["path"].endswith("17.txt")
    paths = [json.loads(line)["source"]["path"] for line in lines.splitlines()]
    assert paths == [t.path for t in B.discover([str(src)])[0] if not t.path.endswith("17.txt")]


def test_an_interrupt_while_opening_an_output_leaves_no_temp_file(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (or SIGTERM, which the batch turns into the same) can land between creating the
    temp file and opening it: the temp file must go too (a killed-batch test once caught it)."""
    from referat_parser import io_utils

    def interrupted(fd: int, mode: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(io_utils.os, "fchmod", interrupted)
    with pytest.raises(KeyboardInterrupt):
        io_utils.write_atomic(tmp_path / "x.json", "{}")
    assert list(tmp_path.iterdir()) == []


def _dies_on_b(task: B.Task, opts: B.Options) -> B.Result:
    if task.path.endswith("b.txt"):
        os._exit(1)  # as a crash inside a native reader would
    return _WORK(task, opts)


_WORK = B.work


def test_a_worker_that_dies_fails_only_its_file_in_a_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Inputs go to the workers in chunks; a crash loses every chunk in flight, whose inputs are
    # then tried one at a time: only the input that kills a worker fails.
    monkeypatch.setattr(B, "work", _dies_on_b)  # the forked workers inherit it
    src = tmp_path / "src"
    src.mkdir()
    names = ["a.txt", "b.txt", *(f"m{i:02d}.txt" for i in range(3 * B.CHUNK))]
    for name in names:
        shutil.copy(SEEDS[0], src / name)
    rep = tmp_path / "r.json"
    code = run_batch([str(src)], outdir=tmp_path / "out", jsonl=None, jobs=2, quiet=True, report=rep)
    assert code == 3
    assert _report(rep)["failures"] == [{"path": str(src / "b.txt"),
                                         "error": "the worker process died while reading this file"}]
    assert sorted(_outputs(tmp_path / "out")) == sorted(f"{n}.json" for n in names if n != "b.txt")
