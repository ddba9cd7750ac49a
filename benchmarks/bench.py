"""Benchmark referat-parser: in-process parse speed, batch throughput, memory, cold start, growth.

A script, not a test: timings depend on the machine. Run from the project root with the
package installed (``pip install -e .``)::

    python benchmarks/bench.py                 # ~3 minutes on 2 cores
    python benchmarks/bench.py --files 10000   # the archive size for the memory target
    python benchmarks/bench.py --json out.json # also write the figures as JSON

It builds a synthetic archive from the bundled fixtures (each copy made unique by a
trailing line, so every file has its own sha256), then prints one table. Figures are
medians of repeats.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted(ROOT.glob("fixtures/*.txt")) + sorted(ROOT.glob("fixtures/dev/*.txt"))
SEED = ROOT / "fixtures" / "godstrup-fsg-2025-04-25.txt"
REFERAT = [sys.executable, "-m", "referat_parser"]


def timings(fn, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def median_time(fn, repeats: int) -> float:
    return statistics.median(timings(fn, repeats))


def build_archive(root: Path, n: int) -> int:
    """n files in folders of 100, cycling through the fixtures; returns total bytes."""
    total = 0
    texts = [p.read_text(encoding="utf-8") for p in FIXTURES]
    for i in range(n):
        d = root / f"body{i % 7}" / f"{2000 + i // 100}"
        d.mkdir(parents=True, exist_ok=True)
        data = (texts[i % len(texts)] + f"\n(kopi {i})\n").encode("utf-8")
        (d / f"referat-{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def in_process(repeats: int) -> dict[str, float]:
    from referat_parser import parse_text
    from referat_parser.extract.people import clear_caches

    seed = SEED.read_text(encoding="utf-8")
    texts = [p.read_text(encoding="utf-8") for p in FIXTURES]
    for t in texts:  # warm up: patterns compiled, caches filled as in a long batch
        parse_text(t)
    seed_t = timings(lambda: parse_text(seed).model_dump_json(), repeats)
    seed_s = statistics.median(seed_t)
    # The same with the name/title caches emptied first: a document whose people are all new.
    fresh_s = median_time(lambda: (clear_caches(), parse_text(seed).model_dump_json()), repeats)
    corpus_s = median_time(lambda: [parse_text(t).model_dump_json() for t in texts], max(3, repeats // 10))
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    # Linear growth: a ~1 MB document against a 10x shorter one, both made of the seed's items.
    small = seed * 4
    big = seed * 40
    small_s = median_time(lambda: parse_text(small), 5)
    big_s = median_time(lambda: parse_text(big), 3)
    return {
        "seed_kb": len(seed.encode("utf-8")) / 1e3, "seed_ms": seed_s * 1e3, "seed_docs_s": 1 / seed_s,
        "seed_fresh_ms": fresh_s * 1e3, "seed_min_ms": min(seed_t) * 1e3,
        "corpus_docs": len(texts), "corpus_docs_s": len(texts) / corpus_s, "corpus_mb_s": mb / corpus_s,
        "growth_small_kb": len(small.encode()) / 1e3, "growth_big_kb": len(big.encode()) / 1e3,
        "growth_small_s": small_s, "growth_big_s": big_s, "growth_ratio": big_s / small_s,
    }


# Byte-code is cached, as after ``pip install``: a PYTHONDONTWRITEBYTECODE in the environment
# would make an editable install recompile the package's sources at every start.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _run_measured(args: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (KB, largest process) of a command, measured in a fresh child."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True,
                         env=_ENV)
    wall, rss = out.stdout.split()
    return float(wall), int(rss)


def batch(archive: Path, n: int, jobs: int, work: Path) -> dict[str, float]:
    out = work / f"out-j{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    wall, rss = _run_measured([*REFERAT, "batch", str(archive), "-o", str(out), "-j", str(jobs), "-q"])
    written = sum(1 for _ in out.rglob("*.json"))
    assert written == n, f"batch wrote {written} of {n}"
    return {"wall_s": wall, "docs_s": n / wall, "peak_rss_mb": rss / 1024}


def batches(archive: Path, n: int, work: Path, repeats: int) -> tuple[dict[str, float], dict[str, float], list[float]]:
    """``-j 1`` and ``-j 2`` runs, alternated so that both see the same phases of a shared machine.

    Returns the median run of each (by docs/s) and every pair's speed-up.
    """
    runs: dict[int, list[dict[str, float]]] = {1: [], 2: []}
    for _ in range(repeats):
        for jobs in (1, 2):
            runs[jobs].append(batch(archive, n, jobs, work))
    ratios = [b["docs_s"] / a["docs_s"] for a, b in zip(runs[1], runs[2], strict=True)]

    def median_run(rs: list[dict[str, float]]) -> dict[str, float]:
        return sorted(rs, key=lambda r: r["docs_s"])[len(rs) // 2]

    return median_run(runs[1]), median_run(runs[2]), ratios


# The least any command line on this stack can do (typer, one pydantic model validated and
# dumped): the floor under "referat parse", measured the same way.
FLOOR_APP = """
import sys
import typer
from pydantic import BaseModel, Field

app = typer.Typer()

class Span(BaseModel):
    start_line: int = Field(ge=1)
    end_line: int = Field(ge=1)

@app.command()
def parse(path: str) -> None:
    text = open(path, encoding="utf-8").read()
    sys.stdout.write(Span(start_line=1, end_line=max(1, text.count("\\n"))).model_dump_json())

@app.command()
def other() -> None:
    pass

app()
"""


def cold_start(repeats: int, work: Path) -> dict[str, float | str]:
    def times(args: list[str]) -> list[float]:
        _run_measured(args)  # writes the byte-code cache if it is missing
        return [_run_measured(args)[0] for _ in range(repeats)]

    local = Path(sys.executable).with_name("referat")
    exe = str(local) if local.exists() else shutil.which("referat") or ""
    base = [exe] if exe else REFERAT
    floor = work / "floor_app.py"
    floor.write_text(FLOOR_APP, encoding="utf-8")
    version, parse = times([*base, "--version"]), times([*base, "parse", str(SEED)])
    floor_t, bare = times([sys.executable, str(floor), "parse", str(SEED)]), times([sys.executable, "-c", "pass"])
    return {
        "version_s": statistics.median(version), "version_min_s": min(version),
        "parse_s": statistics.median(parse), "parse_min_s": min(parse),
        "floor_s": statistics.median(floor_t), "floor_min_s": min(floor_t),
        "python_s": statistics.median(bare),
        "via": "referat" if exe else "python -m referat_parser",
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000, help="synthetic archive size (default 2000)")
    ap.add_argument("--repeats", type=int, default=50, help="repeats for in-process medians")
    ap.add_argument("--batch-repeats", type=int, default=3, help="alternated -j 1 / -j 2 runs (default 3)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()

    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="referat-bench-") as tmp:
        work = Path(tmp)
        archive = work / "archive"
        size = build_archive(archive, args.files)
        ip = in_process(args.repeats)
        b1, b2, ratios = batches(archive, args.files, work, args.batch_repeats)
        cs = cold_start(15, work)
    res = {"cores": cores, "python": platform.python_version(), "files": args.files,
           "archive_mb": size / 1e6, "in_process": ip, "batch_j1": b1, "batch_j2": b2,
           "batch_speedups": ratios, "cold_start": cs,
           "self_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    rows = [
        ("machine", f"{cores} cores, Python {res['python']}", ""),
        ("parse seed in-process", f"{ip['seed_ms']:.2f} ms  ({ip['seed_docs_s']:.0f} docs/s)",
         f"{ip['seed_kb']:.0f} KB document, median of {args.repeats} (min {ip['seed_min_ms']:.2f} ms)"),
        ("parse seed, caches emptied", f"{ip['seed_fresh_ms']:.2f} ms  ({1e3 / ip['seed_fresh_ms']:.0f} docs/s)",
         "the same, name/title caches emptied before each parse"),
        ("parse fixtures in-process", f"{ip['corpus_docs_s']:.0f} docs/s, {ip['corpus_mb_s']:.2f} MB/s",
         f"{ip['corpus_docs']} documents, 1 process"),
        ("growth 10x longer", f"{ip['growth_ratio']:.1f}x the time",
         f"{ip['growth_small_kb']:.0f} KB: {ip['growth_small_s'] * 1e3:.0f} ms, "
         f"{ip['growth_big_kb']:.0f} KB: {ip['growth_big_s'] * 1e3:.0f} ms"),
        ("referat batch -j 1", f"{b1['docs_s']:.0f} docs/s", f"{args.files} files, {size / 1e6:.1f} MB, "
         f"peak RSS {b1['peak_rss_mb']:.0f} MB"),
        ("referat batch -j 2", f"{b2['docs_s']:.0f} docs/s ({b2['docs_s'] / b1['docs_s']:.2f}x -j 1)",
         f"peak RSS {b2['peak_rss_mb']:.0f} MB (largest process); speed-up of each of "
         f"{len(ratios)} alternated pairs: {', '.join(f'{r:.2f}x' for r in ratios)}"),
        ("cold start: referat --version", f"{cs['version_s']:.3f} s",
         f"via {cs['via']}, median of 15 (min {cs['version_min_s']:.3f} s); bare python {cs['python_s']:.3f} s"),
        ("cold start: referat parse FILE", f"{cs['parse_s']:.3f} s",
         f"the 26 KB seed, to /dev/null, median of 15 (min {cs['parse_min_s']:.3f} s)"),
        ("cold start floor: typer + pydantic", f"{cs['floor_s']:.3f} s",
         f"a 20-line typer app dumping one pydantic model (min {cs['floor_min_s']:.3f} s)"),
    ]
    w0, w1 = max(len(r[0]) for r in rows), max(len(r[1]) for r in rows)
    print(f"| {'measure':<{w0}} | {'result':<{w1}} | notes |")
    print(f"|{'-' * (w0 + 2)}|{'-' * (w1 + 2)}|-------|")
    for a, b, c in rows:
        print(f"| {a:<{w0}} | {b:<{w1}} | {c} |")
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
