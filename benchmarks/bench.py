"""Benchmark referat-parser: in-process parse speed, batch throughput, memory, cold start, growth.

A script, not a test: timings depend on the machine. Run from the project root with the
package installed (``pip install -e .``)::

    python benchmarks/bench.py                 # ~3 minutes on 2 cores
    python benchmarks/bench.py --files 10000   # the archive size for the memory target
    python benchmarks/bench.py --json out.json # also write the figures as JSON
    python benchmarks/bench.py --quick         # a short run (~1 minute): fewer files and repeats

It builds a synthetic archive from the bundled fixtures (each copy made unique by a
trailing line, so every file has its own sha256), then prints one table. Figures are
medians of repeats. Targets are ratios to a floor measured in the same run, runs alternated
with it, so that a busy machine slows both alike:

- in-process: the seed parse against a floor that reads the file, splits its lines and
  matches one case-insensitive stdlib ``re`` pattern (numbered headings and the section labels)
  on every line;
- cold start: ``referat parse FILE`` and ``referat --version`` against a one-command typer app
  that reads the file and prints one pydantic model (path, chars, first 50 lines).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
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


# The in-process floor: read the file, split its lines, one case-insensitive stdlib ``re`` match a
# line of a pattern for numbered headings and the Beslutning/Referat/Det indstilles/Indstilling labels.
FLOOR_LINE = re.compile(r"\s*(?:\d{1,3}\s*[.)]\s*\S|(?:beslutning|referat|det\s+indstilles|indstilling)\b)",
                        re.IGNORECASE)


def floor_parse(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return sum(1 for line in lines if FLOOR_LINE.match(line))


def print_table(rows: list[tuple[str, str, str]]) -> None:
    """The benchmarks' result table: measure, result, notes, as Markdown."""
    w0, w1 = max(len(r[0]) for r in rows), max(len(r[1]) for r in rows)
    print(f"| {'measure':<{w0}} | {'result':<{w1}} | notes |")
    print(f"|{'-' * (w0 + 2)}|{'-' * (w1 + 2)}|-------|")
    for a, b, c in rows:
        print(f"| {a:<{w0}} | {b:<{w1}} | {c} |")


def in_process(repeats: int) -> dict[str, float]:
    from referat_parser import parse_text, records
    from referat_parser.extract.people import clear_caches
    from referat_parser.pipeline import parse_data

    def to_json(text: str) -> bytes:  # what `referat parse` does with a text: parse, validate, write
        return records.dumps(records.validate(parse_data(text)))

    seed = SEED.read_text(encoding="utf-8")
    texts = [p.read_text(encoding="utf-8") for p in FIXTURES]
    for t in texts:  # warm up: patterns compiled, caches filled as in a long batch
        to_json(t)
    floor_parse(SEED)
    # The seed parse and the floor alternated, one of each per round: both see the same machine.
    seed_t, floor_t = [], []
    for _ in range(repeats):
        floor_t += timings(lambda: floor_parse(SEED), 1)
        seed_t += timings(lambda: to_json(seed), 1)
    seed_s, floor_s = statistics.median(seed_t), statistics.median(floor_t)
    # The library's typed result (Minutes instances built by the validation) and its JSON.
    typed_s = median_time(lambda: parse_text(seed).model_dump_json(), repeats)
    # The same with the name/title caches emptied first: a document whose people are all new.
    fresh_s = median_time(lambda: (clear_caches(), to_json(seed)), repeats)
    corpus_s = median_time(lambda: [to_json(t) for t in texts], max(3, repeats // 10))
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    # Linear growth: a ~1 MB document against a 10x shorter one, both made of the seed's items.
    small = seed * 4
    big = seed * 40
    small_s = median_time(lambda: to_json(small), 5)
    big_s = median_time(lambda: to_json(big), 3)
    return {
        "seed_kb": len(seed.encode("utf-8")) / 1e3, "seed_ms": seed_s * 1e3, "seed_docs_s": 1 / seed_s,
        "floor_ms": floor_s * 1e3, "seed_floor_ratio": seed_s / floor_s,
        "seed_floor_pair_ratio": statistics.median(a / b for a, b in zip(seed_t, floor_t, strict=True)),
        "seed_fresh_ms": fresh_s * 1e3, "seed_typed_ms": typed_s * 1e3, "seed_min_ms": min(seed_t) * 1e3,
        "corpus_docs": len(texts), "corpus_docs_s": len(texts) / corpus_s, "corpus_mb_s": mb / corpus_s,
        "growth_small_kb": len(small.encode()) / 1e3, "growth_big_kb": len(big.encode()) / 1e3,
        "growth_small_s": small_s, "growth_big_s": big_s, "growth_ratio": big_s / small_s,
    }


def pdf_read(repeats: int) -> dict[str, float] | None:
    """The seeds' PDF renderings read against pdfium's own text extraction (benchmarks/pdf_bench.py has the
    long PDF and batch figures); None without fpdf2 (the dev extras), which builds the PDFs."""
    try:
        import fpdf  # noqa: F401
    except ImportError:
        return None
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pdf_bench import read_ratio, seed_pdfs

    return read_ratio(list(seed_pdfs().values()), repeats)


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


# The cold-start floor: the least a command line on this stack does (typer, one pydantic model
# validated and dumped), as the issue defines it: one typer command that reads the file and prints
# one model of its path, its length in characters and its first 50 lines.
FLOOR_APP = """
import sys

import typer
from pydantic import BaseModel


class Doc(BaseModel):
    path: str
    chars: int
    lines: list[str]


def main(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    sys.stdout.write(Doc(path=path, chars=len(text), lines=text.splitlines()[:50]).model_dump_json() + "\\n")


typer.run(main)
"""


def cold_start(repeats: int, work: Path) -> dict[str, float | str]:
    """The floor app, ``referat parse SEED`` and ``referat --version``, alternated round by round."""
    local = Path(sys.executable).with_name("referat")
    exe = str(local) if local.exists() else shutil.which("referat") or ""
    base = [exe] if exe else REFERAT
    floor = work / "floor_app.py"
    floor.write_text(FLOOR_APP, encoding="utf-8")
    commands = {"floor": [sys.executable, str(floor), str(SEED)], "parse": [*base, "parse", str(SEED)],
                "version": [*base, "--version"], "python": [sys.executable, "-c", "pass"]}
    for args in commands.values():  # writes the byte-code caches if they are missing
        _run_measured(args)
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(repeats):
        for key, args in commands.items():
            times[key].append(_run_measured(args)[0])
    med = {k: statistics.median(v) for k, v in times.items()}
    return {
        "version_s": med["version"], "version_min_s": min(times["version"]),
        "parse_s": med["parse"], "parse_min_s": min(times["parse"]),
        "floor_s": med["floor"], "floor_min_s": min(times["floor"]),
        "python_s": med["python"], "repeats": repeats,
        "parse_floor_ratio": med["parse"] / med["floor"], "version_floor_ratio": med["version"] / med["floor"],
        "via": "referat" if exe else "python -m referat_parser",
    }


def growth_rss(work: Path) -> dict[str, float]:
    """Peak RSS of ``referat parse`` on the growth documents (4x and 40x the seed), each in a fresh process."""
    local = Path(sys.executable).with_name("referat")
    base = [str(local)] if local.exists() else REFERAT
    seed = SEED.read_text(encoding="utf-8")
    out: dict[str, float] = {}
    for name, copies in (("small", 4), ("big", 40)):
        path = work / f"growth-{name}.txt"
        path.write_text(seed * copies, encoding="utf-8")
        rss = min(_run_measured([*base, "parse", str(path)])[1] for _ in range(3))
        out[f"{name}_rss_mb"] = rss / 1024
    floor = min(_run_measured([*base, "--version"])[1] for _ in range(3))
    out["version_rss_mb"] = floor / 1024
    return out


def load() -> str:
    try:
        return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "load average unknown"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=None, help="synthetic archive size (default 2000; --quick 300)")
    ap.add_argument("--repeats", type=int, default=None, help="repeats for in-process medians (default 50)")
    ap.add_argument("--batch-repeats", type=int, default=None, help="alternated -j 1 / -j 2 runs (default 3)")
    ap.add_argument("--cold-repeats", type=int, default=None, help="alternated cold-start rounds (default 21)")
    ap.add_argument("--quick", action="store_true", help="a short run: 300 files, 20 repeats, 1 batch pair, "
                    "15 cold-start rounds")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()

    def pick(value: int | None, full: int, quick: int) -> int:
        return value if value is not None else quick if args.quick else full

    files, repeats = pick(args.files, 2000, 300), pick(args.repeats, 50, 20)
    batch_repeats, cold_repeats = pick(args.batch_repeats, 3, 1), max(15, pick(args.cold_repeats, 21, 15))
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="referat-bench-") as tmp:
        work = Path(tmp)
        archive = work / "archive"
        size = build_archive(archive, files)
        ip = in_process(repeats)
        pdf = pdf_read(repeats)
        rss = growth_rss(work)
        load_before = load()
        b1, b2, ratios = batches(archive, files, work, batch_repeats)
        load_after = load()
        cs = cold_start(cold_repeats, work)
    res = {"cores": cores, "python": platform.python_version(), "files": files,
           "archive_mb": size / 1e6, "in_process": ip, "pdf_read": pdf, "growth_rss": rss,
           "batch_j1": b1, "batch_j2": b2,
           "batch_speedups": ratios, "batch_load": [load_before, load_after], "cold_start": cs,
           "self_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    rows = [
        ("machine", f"{cores} cores, Python {res['python']}", load_before),
        ("parse seed in-process", f"{ip['seed_ms']:.2f} ms  ({ip['seed_docs_s']:.0f} docs/s)",
         f"{ip['seed_kb']:.0f} KB document to validated JSON bytes, as `referat parse` does; median of "
         f"{repeats} (min {ip['seed_min_ms']:.2f} ms); target <= 4 ms"),
        ("parse seed, typed API", f"{ip['seed_typed_ms']:.2f} ms",
         "parse_text(seed).model_dump_json(): Minutes instances built by the one validation"),
        ("in-process floor (target: seed <= 12x)", f"{ip['seed_floor_ratio']:.1f}x the floor",
         f"floor {ip['floor_ms']:.3f} ms: read, splitlines, one re match a line; alternated with the seed "
         f"parse ({repeats} rounds), median of per-round ratios {ip['seed_floor_pair_ratio']:.1f}x"),
        *([("read seed PDFs vs pdfium text (target <= 1.5x)", f"{pdf['ratio']:.2f}x the floor",
             f"{pdf['pages']} pages: {pdf['ours_pages_s']:.0f} pages/s, pdfium's open + text page + "
             f"get_text_range {pdf['floor_pages_s']:.0f} pages/s, alternated ({repeats} rounds); "
             "benchmarks/pdf_bench.py for long PDFs and batch")] if pdf else []),
        ("parse seed, caches emptied", f"{ip['seed_fresh_ms']:.2f} ms  ({1e3 / ip['seed_fresh_ms']:.0f} docs/s)",
         "the same, name/title caches emptied before each parse"),
        ("parse fixtures in-process", f"{ip['corpus_docs_s']:.0f} docs/s, {ip['corpus_mb_s']:.2f} MB/s",
         f"{ip['corpus_docs']} documents, 1 process (target >= 250 docs/s)"),
        ("growth 10x longer", f"{ip['growth_ratio']:.1f}x the time",
         f"{ip['growth_small_kb']:.0f} KB: {ip['growth_small_s'] * 1e3:.0f} ms, "
         f"{ip['growth_big_kb']:.0f} KB: {ip['growth_big_s'] * 1e3:.0f} ms (target <= 11x)"),
        ("growth 10x longer: peak RSS", f"{rss['small_rss_mb']:.0f} MB -> {rss['big_rss_mb']:.0f} MB",
         f"referat parse in a fresh process, min of 3; referat --version {rss['version_rss_mb']:.0f} MB"),
        ("referat batch -j 1", f"{b1['docs_s']:.0f} docs/s", f"{files} files, {size / 1e6:.1f} MB, "
         f"peak RSS {b1['peak_rss_mb']:.0f} MB"),
        ("referat batch -j 2", f"{b2['docs_s']:.0f} docs/s ({b2['docs_s'] / b1['docs_s']:.2f}x -j 1)",
         f"{load_before} before, {load_after} after; peak RSS {b2['peak_rss_mb']:.0f} MB (largest process); "
         f"speed-up of each of {len(ratios)} alternated pairs: {', '.join(f'{r:.2f}x' for r in ratios)}"),
        ("cold start: referat parse FILE", f"{cs['parse_s']:.3f} s = {cs['parse_floor_ratio']:.2f}x the floor",
         f"the 26 KB seed, to /dev/null, via {cs['via']}, median of {cold_repeats} (min {cs['parse_min_s']:.3f} s);"
         " target <= 1.1x"),
        ("cold start: referat --version", f"{cs['version_s']:.3f} s = {cs['version_floor_ratio']:.2f}x the floor",
         f"median of {cold_repeats} (min {cs['version_min_s']:.3f} s); target <= 0.8x"),
        ("cold start floor: typer + pydantic", f"{cs['floor_s']:.3f} s",
         f"one typer command printing one model (path, chars, first 50 lines), min {cs['floor_min_s']:.3f} s; "
         f"bare python {cs['python_s']:.3f} s; floor, parse, --version and python alternated"),
    ]
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
