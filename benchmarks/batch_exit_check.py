"""Run ``referat batch -j 2`` on the fixtures many times and count runs that print a traceback.

A script, not a test (200 runs take a few minutes). It guards the pool's shutdown: leaving
the worker pool to the interpreter's exit hook once printed ``Exception ignored in …
_python_exit … Bad file descriptor`` in 10–15 % of runs.

    python benchmarks/batch_exit_check.py            # 200 runs, -o into a temp folder
    python benchmarks/batch_exit_check.py --runs 50 --jsonl

Exit 0 when no run printed anything suspicious and every run exited 0.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUSPECT = ("Traceback", "Exception ignored", "Bad file descriptor", "internal error")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--jsonl", action="store_true", help="write JSONL instead of a tree")
    args = ap.parse_args()
    bad: list[tuple[int, int, str]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        target = ["--jsonl", str(Path(tmp, "all.jsonl"))] if args.jsonl else ["-o", str(Path(tmp, "out"))]
        for n in range(1, args.runs + 1):
            r = subprocess.run([sys.executable, "-m", "referat_parser", "batch", str(ROOT / "fixtures"), *target,
                                "-j", str(args.jobs), "--force", "-q"], capture_output=True, text=True, timeout=300)
            if r.returncode != 0 or any(s in r.stderr for s in SUSPECT):
                bad.append((n, r.returncode, r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""))
    elapsed = time.perf_counter() - started
    print(f"{args.runs} runs of referat batch fixtures -j {args.jobs}: {len(bad)} with a traceback or a "
          f"non-zero exit ({elapsed:.0f} s)")
    for n, code, last in bad[:10]:
        print(f"  run {n}: exit {code}: {last}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
