"""`referat batch --engine dask` / `--scheduler`: the same outputs, resume, report and exit codes
as the local pool, on a Dask LocalCluster shared by the module (and one the batch starts itself)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from distributed import LocalCluster
from typer.testing import CliRunner

from referat_parser.batch import cluster as C
from referat_parser.batch import run as R
from referat_parser.batch.work import EngineLost, Options, Result, Task
from referat_parser.cli import app
from referat_parser.models import Minutes
from tests.conftest import DEV, DEV2, FIXTURES, SEEDS

runner = CliRunner()
WAIT = ["--connect-timeout", "120"]  # a busy machine must not fail a test
INPUTS = [*map(str, SEEDS), str(FIXTURES / "dev"), str(FIXTURES / "dev2")]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    # A worker that dies once fails its file at once (KilledWorker), instead of after three more tries.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def _batch(*args: str) -> tuple[int, str]:
    r = runner.invoke(app, ["batch", *args])
    return r.exit_code, r.stderr


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _report(path: Path) -> dict:
    rep = json.loads(path.read_text(encoding="utf-8"))
    del rep["elapsed_seconds"], rep["docs_per_second"]
    return rep


def test_the_fixtures_give_the_same_bytes_as_the_local_pool(scheduler: str, tmp_path: Path) -> None:
    local, remote = tmp_path / "local", tmp_path / "dask"
    assert _batch(*INPUTS, "-o", str(local), "-j", "2", "-q", "--report", str(tmp_path / "l.json"))[0] == 0
    code, err = _batch(*INPUTS, "-o", str(remote), "--scheduler", scheduler, *WAIT, "-q",
                       "--report", str(tmp_path / "d.json"))
    assert code == 0, err
    got, want = _tree(remote), _tree(local)
    assert len(want) == len(SEEDS) + len(DEV) + len(DEV2) + 1  # dev2/README.md too: a walk takes any .md
    assert got == want
    assert _report(tmp_path / "d.json") == _report(tmp_path / "l.json")


def test_resume_skips_everything_and_force_redoes_it(scheduler: str, tmp_path: Path) -> None:
    out, rep = tmp_path / "out", tmp_path / "r.json"
    args = [str(FIXTURES / "dev2"), "-o", str(out), "--scheduler", scheduler, *WAIT, "-q", "--report", str(rep)]
    assert _batch(*args)[0] == 0
    first = _tree(out)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}
    assert _batch(*args)[0] == 0
    assert (_report(rep)["parsed"], _report(rep)["skipped"]) == (0, len(first))
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.json")} == stamps  # nothing rewritten
    assert _batch(*args, "--force")[0] == 0
    assert (_report(rep)["parsed"], _report(rep)["skipped"]) == (len(first), 0)
    assert _tree(out) == first


def test_a_failing_input_fails_alone_with_the_same_report_as_local(scheduler: str, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEEDS[0], src / "a.txt")
    (src / "b.txt").write_bytes(bytes(range(256)) * 64)  # binary: an input error
    (src / "d.txt").write_bytes((FIXTURES / (SEEDS[1].name[:-4] + ".json")).read_bytes())  # our own output
    runs = {}
    for name, engine in (("local", ["-j", "2"]), ("dask", ["--scheduler", scheduler, *WAIT])):
        rep = tmp_path / f"{name}.json"
        code, err = _batch(str(src), "-o", str(tmp_path / name), *engine, "-q", "--report", str(rep))
        runs[name] = (code, _report(rep), _tree(tmp_path / name))
        assert code == 3
        assert "referat: failed:" in err and "b.txt" in err and "Traceback" not in err
    assert runs["dask"] == runs["local"]
    assert [Path(f["path"]).name for f in runs["dask"][1]["failures"]] == ["b.txt", "d.txt"]


def test_jsonl_is_the_same(scheduler: str, tmp_path: Path) -> None:
    local, remote = tmp_path / "l.jsonl", tmp_path / "d.jsonl"
    assert _batch(*INPUTS, "--jsonl", str(local), "-j", "2", "-q")[0] == 0
    assert _batch(*INPUTS, "--jsonl", str(remote), "--scheduler", scheduler, *WAIT, "-q")[0] == 0
    lines = remote.read_bytes().splitlines()
    assert remote.read_bytes() == local.read_bytes() and len(lines) == len(SEEDS) + len(DEV) + len(DEV2) + 1
    Minutes.model_validate_json(lines[0])


def test_a_worker_that_dies_fails_its_file_and_the_rest_go_on(scheduler: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(C, "parse_many", _dies_on_b)  # the workers import it from this module
    src = tmp_path / "src"
    src.mkdir()
    names = ["a.txt", "b.txt", *(f"m{i}.txt" for i in range(C.CHUNK_FILES + 2))]  # b in a full chunk, and one more
    for name in names:
        shutil.copy(SEEDS[0], src / name)
    rep = tmp_path / "r.json"
    code, err = _batch(str(src), "-o", str(tmp_path / "out"), "--scheduler", scheduler, *WAIT, "-q",
                       "--report", str(rep))
    assert code == 3, err
    assert _report(rep)["failures"] == [{"path": str(src / "b.txt"),
                                         "error": "the worker process died while reading this file"}]
    assert sorted(_tree(tmp_path / "out")) == sorted(f"{n}.json" for n in names if n != "b.txt")


def _dies_on_b(tasks: list[Task], data: list[bytes], opts: Options) -> list[Result]:
    from referat_parser.batch.cluster import parse_many

    if any(t.path.endswith("b.txt") for t in tasks):
        os._exit(1)  # as a crash inside a native reader would
    return parse_many(tasks, data, opts)


def test_workers_with_another_version_are_refused(scheduler: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(C, "__version__", "0.0.0-other")
    code, err = _batch(*map(str, SEEDS), "-o", str(tmp_path / "out"), "--scheduler", scheduler, *WAIT)
    assert code == 1
    assert err.startswith("referat: error: the Dask worker tcp://") and "0.0.0-other here" in err
    assert not (tmp_path / "out").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    out, rep = tmp_path / "sub" / "out", tmp_path / "sub" / "r.json"
    code, err = _batch(*map(str, SEEDS), "-o", str(out), "--report", str(rep),
                       "--scheduler", f"tcp://127.0.0.1:{_free_port()}", "--connect-timeout", "1")
    assert code == 1
    assert err.startswith("referat: error: cannot reach the Dask scheduler tcp://127.0.0.1:")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "sub").exists()


def test_a_bad_scheduler_address_is_one_line(tmp_path: Path) -> None:
    code, err = _batch(*map(str, SEEDS), "-o", str(tmp_path / "out"), "--scheduler", "nonsense:::")
    assert (code, err.count("\n")) == (1, 1)
    assert err.startswith("referat: error: --scheduler nonsense:::: invalid address")


def test_without_the_extra_the_dask_engine_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    for args in (["--engine", "dask"], ["--scheduler", "tcp://127.0.0.1:8786"]):
        code, err = _batch(*map(str, SEEDS), "-o", str(tmp_path / "out"), *args)
        assert code == 1
        assert err == ("referat: error: the dask engine needs the optional extra dask: pip install "
                       "'dask[distributed]>=2024.1' (on the client and every worker; see docs/dask.md)\n")
    assert not (tmp_path / "out").exists()


def test_scheduler_with_the_local_engine_is_a_usage_error(tmp_path: Path) -> None:
    code, err = _batch(str(SEEDS[0]), "-o", str(tmp_path / "o"), "--engine", "local", "--scheduler", "tcp://x:1")
    assert code == 2 and "--scheduler is for --engine dask" in err
    code, err = _batch(str(SEEDS[0]), "-o", str(tmp_path / "o"), "--engine", "spark")
    assert code == 2 and "spark" in err
    code, err = _batch(str(SEEDS[0]), "-o", str(tmp_path / "o"), "--engine", "dask", "--connect-timeout", "0")
    assert code == 2 and "--connect-timeout must be a positive number of seconds" in err
    assert not (tmp_path / "o").exists()


def test_a_lost_engine_fails_what_was_not_done_and_keeps_what_was(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The scheduler gone mid-run (engine-agnostic, so with a stand-in engine): the outputs written
    stay, the rest count as failed with one line why, the report is written, exit 3."""

    class Lost:
        def __enter__(self) -> Lost:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def run(self, tasks: list[Task], opts: Options) -> Iterator[Result]:
            from referat_parser.batch.work import work

            yield work(tasks[0], opts)
            raise EngineLost("tcp://sched:8786", "the Dask cluster stopped working: scheduler-connection-lost")

    monkeypatch.setattr(R, "_engine", lambda *a: Lost())
    rep = tmp_path / "r.json"
    code, err = _batch(*map(str, SEEDS), str(FIXTURES / "dev"), "-o", str(tmp_path / "out"), "--report", str(rep),
                       "-q", "--engine", "dask")
    got = _report(rep)
    assert code == 3
    assert (got["parsed"], got["failed"]) == (1, got["files"] - 1)
    assert got["failures"] == [{"path": "tcp://sched:8786", "error": "the Dask cluster stopped working: "
                                f"scheduler-connection-lost; {got['files'] - 1} input(s) were not done"}]
    assert err.count("\n") == 1
    assert len(_tree(tmp_path / "out")) == 1


def test_engine_dask_starts_its_own_local_cluster(tmp_path: Path) -> None:
    local, remote = tmp_path / "local", tmp_path / "dask"
    assert _batch(*map(str, SEEDS), str(FIXTURES / "dev2"), "-o", str(local), "-j", "1", "-q")[0] == 0
    code, err = _batch(*map(str, SEEDS), str(FIXTURES / "dev2"), "-o", str(remote), "--engine", "dask", "-j", "2",
                       "-q", *WAIT)
    assert code == 0, err
    assert _tree(remote) == _tree(local)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_to_the_process_group_stops_cleanly(tmp_path: Path, sig: signal.Signals) -> None:
    """Ctrl-C reaches the batch and every worker of its LocalCluster: no worker traceback, exit
    130, only complete outputs, no process left behind; a re-run resumes."""
    src, out = tmp_path / "src", tmp_path / "out"
    for i in range(300):
        (src / f"{i // 50}").mkdir(parents=True, exist_ok=True)
        shutil.copy(SEEDS[i % len(SEEDS)], src / f"{i // 50}" / f"m{i:03d}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "referat_parser", "batch", str(src), "-o", str(out), "-j", "2",
                             "--engine", "dask", *WAIT], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and len(list(out.rglob("*.json"))) < 10:
        time.sleep(0.05)
    os.killpg(proc.pid, sig)
    _, err = proc.communicate(timeout=90)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    done = list(out.rglob("*.json"))
    assert 0 < len(done) < 300 and not list(out.rglob("*.tmp"))
    for p in done:
        Minutes.model_validate_json(p.read_bytes())
    with pytest.raises(ProcessLookupError):  # the workers went with the batch
        for _ in range(100):
            os.killpg(proc.pid, 0)
            time.sleep(0.1)
