"""Run ``referat batch -j 2`` many times and count runs that print a traceback or do not end.

A script, not a test (200 runs take a few minutes). It guards the pool's shutdown: leaving
the worker pool to the interpreter's exit hook once printed ``Exception ignored in …
_python_exit … Bad file descriptor`` in 10–15 % of runs, and an interrupt that landed inside
the pool's bookkeeping could leave the process waiting for ever at exit.

    python benchmarks/batch_exit_check.py                 # 200 runs on the fixtures, -o into a temp folder
    python benchmarks/batch_exit_check.py --runs 50 --jsonl
    python benchmarks/batch_exit_check.py --runs 50 --interrupt   # SIGTERM at a random moment

Exit 0 when no run printed anything suspicious, hung, or exited other than 0 (130 when interrupted;
a SIGTERM that comes before the batch has set its handler ends the process quietly, as for any
program, and is counted apart).
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUSPECT = ("Traceback", "Exception ignored", "Bad file descriptor", "internal error")


def _archive(tmp: str, interrupt: bool) -> Path:
    """The fixtures, or (to have something to interrupt) 400 copies of them."""
    if not interrupt:
        return ROOT / "fixtures"
    root = Path(tmp, "arkiv")
    sources = sorted((ROOT / "fixtures").rglob("*.txt"))
    for n in range(400):
        d = root / f"{n // 50:02d}"
        d.mkdir(parents=True, exist_ok=True)
        shutil.copy(sources[n % len(sources)], d / f"m{n:03d}.txt")
    return root


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--jsonl", action="store_true", help="write JSONL instead of a tree")
    ap.add_argument("--interrupt", action="store_true", help="send SIGTERM 0.3-2.5 s into each run")
    args = ap.parse_args()
    bad: list[tuple[int, object, str]] = []
    early = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        src = _archive(tmp, args.interrupt)
        target = ["--jsonl", str(Path(tmp, "all.jsonl"))] if args.jsonl else ["-o", str(Path(tmp, "out"))]
        cmd = [sys.executable, "-m", "referat_parser", "batch", str(src), *target, "-j", str(args.jobs),
               "--force", "-q"]
        for n in range(1, args.runs + 1):
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if args.interrupt:
                time.sleep(random.uniform(0.3, 2.5))
                proc.send_signal(signal.SIGTERM)
            try:
                _, err = proc.communicate(timeout=120)
                code: object = proc.returncode
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
                code = "hung"
            if code == -signal.SIGTERM and args.interrupt and not err:
                early += 1  # the signal came before the batch set its handler: SIGTERM's default, quietly
                continue
            ok_codes = (0, 130) if args.interrupt else (0,)
            if code not in ok_codes or any(s in err for s in SUSPECT):
                bad.append((n, code, err.strip().splitlines()[-1] if err.strip() else ""))
    elapsed = time.perf_counter() - started
    what = "SIGTERM-interrupted runs" if args.interrupt else "runs"
    print(f"{args.runs} {what} of referat batch -j {args.jobs}: {len(bad)} with a traceback, a hang or a "
          f"wrong exit ({elapsed:.0f} s)" + (f"; {early} ended by the signal before the batch began" if early else ""))
    for n, code, last in bad[:10]:
        print(f"  run {n}: exit {code}: {last}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
