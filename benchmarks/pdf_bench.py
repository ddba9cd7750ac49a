"""Benchmark the PDF reader (issue 22): read speed against pdfium's own text extraction, long PDFs, batch.

A script, not a test. Run from the project root with the dev extras installed (fpdf2 builds the PDFs)::

    python benchmarks/pdf_bench.py            # ~3 minutes on 2 cores
    python benchmarks/pdf_bench.py --quick    # fewer repeats, a 200-page long PDF, no batch
    python benchmarks/pdf_bench.py --only batch   # the batch figures alone (~1.5 minutes)
    python benchmarks/pdf_bench.py --json out.json

The PDFs are made here: the two seeds rendered as the tests render them (plain; with a participant
table; the Word-derived seed with its bordered header table) and a long one, the seed minutes with
bilag (attachments) appended: pages of running text with a running header and page numbers, and a
table every tenth page. Figures:

- read: ``readers.read_bytes`` of the set against the floor, pdfium's own text extraction of the same
  pages (open, text page, ``get_text_range``), alternated round by round in one process; the ratio is
  the median time's (target <= 1.5x), also as pages per second;
- long PDF: time per page of a short and a long version (linear: the ratio near 1) and the peak RSS
  of ``referat parse`` on the long one in a fresh process (target <= 200 MB);
- batch: ``referat batch -j 1`` and ``-j 2`` over a folder of the PDFs, alternated after a warm-up run,
  pages per second (target: -j 2 >= 1.8x -j 1 on an idle machine). Each run records the CPU other
  processes took meanwhile: on a shared machine they take the second core from -j 2, so the runs while
  they took < 0.1 core are reported apart. The folder is 400 files (2,600 pages; ~7 s for -j 1): start-up
  (~0.3 s: imports, patterns, the first parse) is the same for -j 1 and -j 2, and over 144 files it
  alone capped the speedup near 1.8x.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the seed renderings are built by the tests' own builders

from benchmarks.bench import load, print_table  # noqa: E402

REFERAT = [sys.executable, "-m", "referat_parser"]
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def seed_pdfs() -> dict[str, bytes]:
    """The seeds' PDF renderings, as tests/test_formats.py builds them."""
    from tests.test_formats import GODSTRUP, SEEDS, make_klynge_pdf, make_pdf, seed

    return {"godstrup.pdf": make_pdf(seed(GODSTRUP)), "godstrup-table.pdf": make_pdf(seed(GODSTRUP), table=True),
            "klynge.pdf": make_pdf(seed(SEEDS[1])), "klynge-table.pdf": make_klynge_pdf(seed(SEEDS[1]))}


def long_pdf(bilag_pages: int) -> bytes:
    """The Gødstrup minutes and ``bilag_pages`` pages of appended bilag: running text, a running header and
    page numbers, a bordered table every tenth page."""
    from tests.test_formats import _wrap, minutes_pdf, pdf_text, seed

    text = pdf_text(seed())
    words = text.split()
    rng = random.Random(22)
    pdf, font = minutes_pdf()
    pdf.add_page()
    pdf.set_font(font, size=10)
    for line in text.splitlines():
        for row in _wrap(pdf, line.replace("\t", "    "), pdf.epw):
            pdf.cell(0, 5, row, new_x="LMARGIN", new_y="NEXT")
    pdf.set_auto_page_break(False)  # a bilag page is filled line by line to its bottom margin
    for n in range(bilag_pages):
        pdf.add_page()
        pdf.set_font(font, size=10)
        if n == 0:
            pdf.cell(0, 6, "Bilag 1: Rapport om klyngens arbejde", new_x="LMARGIN", new_y="NEXT")
        if n % 10 == 5:
            with pdf.table(col_widths=(50, 55, 85), first_row_as_headings=False) as table:
                for _ in range(12):
                    row = table.row()
                    for _ in range(3):
                        row.cell(" ".join(rng.choice(words) for _ in range(3)))
        while pdf.get_y() < pdf.h - 30:
            for row in _wrap(pdf, " ".join(rng.choice(words) for _ in range(60)), pdf.epw):
                if pdf.get_y() >= pdf.h - 30:
                    break
                pdf.cell(0, 5, row, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())


def pages_of(data: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def floor_read(data: bytes) -> None:
    """pdfium's own text extraction: open, and for each page a text page and its text."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    for i in range(len(doc)):
        page = doc[i]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    doc.close()


def read_ratio(pdfs: list[bytes], repeats: int) -> dict[str, float]:
    """``read_bytes`` of ``pdfs`` against the floor, alternated round by round in this process."""
    from referat_parser.readers import read_bytes

    def ours() -> None:
        for data in pdfs:
            read_bytes(data, path="x.pdf")

    def floor() -> None:
        for data in pdfs:
            floor_read(data)

    ours(), floor()  # warm up: imports, pdfium loaded
    ours_t, floor_t = [], []
    for _ in range(repeats):
        for fn, acc in ((floor, floor_t), (ours, ours_t)):
            t = time.perf_counter()
            fn()
            acc.append(time.perf_counter() - t)
    pages = sum(map(pages_of, pdfs))
    o, f = statistics.median(ours_t), statistics.median(floor_t)
    return {"pages": pages, "ours_pages_s": pages / o, "floor_pages_s": pages / f, "ratio": o / f,
            "pair_ratio": statistics.median(a / b for a, b in zip(ours_t, floor_t, strict=True))}


def _measured(args: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (KB) of a command in a fresh child."""
    probe = ("import resource, subprocess, sys, time\n"
             "t = time.perf_counter(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True, env=_ENV)
    wall, rss = out.stdout.split()
    return float(wall), int(rss)


def long_figures(work: Path, bilag: int, repeats: int) -> dict[str, float]:
    """Time per page of the long PDF and of one a tenth as long; peak RSS of ``referat parse`` on the long one."""
    from referat_parser.readers import read_bytes

    short_data, long_data = long_pdf(bilag // 10), long_pdf(bilag)
    n_short, n_long = pages_of(short_data), pages_of(long_data)
    short_t, long_t = [], []
    for _ in range(repeats):
        for data, acc in ((short_data, short_t), (long_data, long_t)):
            t = time.perf_counter()
            read_bytes(data, path="long.pdf")
            acc.append(time.perf_counter() - t)
    per_short, per_long = statistics.median(short_t) / n_short, statistics.median(long_t) / n_long
    path = work / "long.pdf"
    path.write_bytes(long_data)
    wall, rss = min(_measured([*REFERAT, "parse", str(path)]) for _ in range(2))
    return {"short_pages": n_short, "long_pages": n_long, "short_ms_page": per_short * 1e3,
            "long_ms_page": per_long * 1e3, "per_page_ratio": per_long / per_short, "long_mb": len(long_data) / 1e6,
            "parse_s": wall, "parse_peak_rss_mb": rss / 1024}


_TIMED = ("import os, resource, subprocess, sys, time\n"
          "def busy():\n"  # CPU seconds the whole machine has spent busy (Linux), or None
          "    try:\n"
          "        with open('/proc/stat') as fh: f = [int(x) for x in fh.readline().split()[1:]]\n"
          "    except OSError: return None\n"
          "    return (sum(f[:8]) - f[3] - f[4]) / os.sysconf('SC_CLK_TCK')\n"
          "b = busy(); t = time.perf_counter()\n"
          "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
          "wall = time.perf_counter() - t; a = busy(); r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
          "cpu = r.ru_utime + r.ru_stime\n"
          "print(wall, cpu, -1 if a is None else max(0.0, (a - b) - cpu))\n")


def _timed(args: list[str]) -> tuple[float, float, float]:
    """Wall time and CPU time of a command in a fresh child, and the CPU time other processes took
    meanwhile (-1 where /proc/stat is not there): on a shared machine, how idle it was."""
    out = subprocess.run([sys.executable, "-c", _TIMED, *args], capture_output=True, text=True, check=True, env=_ENV)
    wall, cpu, others = map(float, out.stdout.split())
    return wall, cpu, others


def batch_figures(work: Path, pdfs: dict[str, bytes], copies: int, repeats: int) -> dict[str, object]:
    """``referat batch -j 1`` and ``-j 2`` over ``copies`` of each PDF (each copy its own bytes), alternated
    after a warm-up run of each, in turn first in a round.

    Each run also records how much CPU other processes took meanwhile (in cores: CPU seconds per
    second of the run): -j 2 needs both cores, so a run where others took a core's share measures
    the neighbours, not the batch. The ratio of the medians of the runs while others took < 0.1 core
    is reported apart.
    """
    folder = work / "pdfs"
    folder.mkdir()
    pages = 0
    for k in range(copies):
        for name, data in pdfs.items():
            (folder / f"{k:03d}-{name}").write_bytes(data + f"\n% copy {k}\n".encode())
            pages += pages_of(data)

    def once(jobs: int) -> tuple[float, float, float]:
        out = work / f"out-{jobs}"
        shutil.rmtree(out, ignore_errors=True)  # every run parses and writes every file (no resume)
        return _timed([*REFERAT, "batch", str(folder), "-o", str(out), "-j", str(jobs), "-q"])

    once(1), once(2)  # warm-up, not counted: the files and the byte-code in the page cache
    runs: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}
    for r in range(repeats):
        for jobs in ((1, 2) if r % 2 == 0 else (2, 1)):  # either goes first in half the rounds
            runs[jobs].append(once(jobs))
    j1, j2 = statistics.median(w for w, _, _ in runs[1]), statistics.median(w for w, _, _ in runs[2])
    pairs = [(a[0] / b[0], max(a[2] / a[0], b[2] / b[0])) for a, b in zip(runs[1], runs[2], strict=True)]
    quiet = {jobs: [w for w, _, others in runs[jobs] if 0 <= others < 0.1 * w] for jobs in (1, 2)}
    return {"files": copies * len(pdfs), "pages": pages, "j1_pages_s": pages / j1, "j2_pages_s": pages / j2,
            "speedup": j1 / j2, "pair_speedups": [s for s, _ in pairs], "others_cores": [o for _, o in pairs],
            "quiet_runs": [len(quiet[1]), len(quiet[2])],
            "quiet_speedup": statistics.median(quiet[1]) / statistics.median(quiet[2]) if all(quiet.values()) else None,
            "j1_cpu_s": statistics.median(c for _, c, _ in runs[1]),
            "j2_cpu_s": statistics.median(c for _, c, _ in runs[2])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="10 rounds, a 200-page long PDF, no batch")
    ap.add_argument("--repeats", type=int, default=None, help="alternated rounds of the read ratio (default 30)")
    ap.add_argument("--bilag", type=int, default=None,
                    help="pages of bilag in the long PDF (default 492: 500 pages in all)")
    ap.add_argument("--only", choices=("read", "batch"),
                    help="read: the read ratios and the long PDF only; batch: the batch figures only")
    ap.add_argument("--batch-copies", type=int, default=100, help="copies of each seed PDF in the batch folder")
    ap.add_argument("--batch-repeats", type=int, default=5, help="alternated -j 1 / -j 2 rounds of the batch")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    if args.quick and args.only == "batch":
        ap.error("--quick runs no batch")
    repeats = args.repeats or (10 if args.quick else 30)
    bilag = args.bilag or (192 if args.quick else 492)
    pdfs = seed_pdfs()
    res: dict[str, object] = {"load_before": load()}
    with tempfile.TemporaryDirectory(prefix="referat-pdf-bench-") as tmp:
        work = Path(tmp)
        if args.only != "batch":
            res["read_seeds"] = read_ratio(list(pdfs.values()), repeats)
            res["long"] = long_figures(work, bilag, 3)
            res["read_with_long"] = read_ratio([*pdfs.values(), long_pdf(bilag // 10)], max(3, repeats // 3))
        if not args.quick and args.only != "read":
            res["batch"] = batch_figures(work, pdfs, args.batch_copies, args.batch_repeats)
    res["load_after"] = load()
    rows = [("machine", f"{os.cpu_count()} cores", f"{res['load_before']} before, {res['load_after']} after")]
    if "read_seeds" in res:
        rows += read_rows(res["read_seeds"], res["read_with_long"], res["long"], repeats)  # type: ignore[arg-type]
    if "batch" in res:
        b = res["batch"]
        quiet = f"{b['quiet_speedup']:.2f}x" if b["quiet_speedup"] else "-"  # type: ignore[index]
        rows.append(("referat batch PDFs -j 2 vs -j 1", f"{b['speedup']:.2f}x",  # type: ignore[index]
                     f"{b['files']} files, {b['pages']} pages: -j 1 {b['j1_pages_s']:.0f} pages/s, -j 2 "  # type: ignore[index]
                     f"{b['j2_pages_s']:.0f} pages/s (medians of {args.batch_repeats} alternated rounds; CPU "
                     f"{b['j1_cpu_s']:.2f} s and {b['j2_cpu_s']:.2f} s); pairs "  # type: ignore[index]
                     + ", ".join(f"{r:.2f}x ({o:.2f})" for r, o in zip(b["pair_speedups"], b["others_cores"],  # type: ignore[index]
                                                                       strict=True))
                     + f" (in brackets: the most cores other processes took in either run); medians of the runs "
                     f"while they took < 0.1 core ({b['quiet_runs'][0]} and {b['quiet_runs'][1]} runs): "  # type: ignore[index]
                     f"{quiet}; target >= 1.8x on an idle machine"))
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")


def read_rows(seeds: dict[str, float], with_long: dict[str, float], longf: dict[str, float],
              repeats: int) -> list[tuple[str, str, str]]:
    """The table's rows of the read ratios and the long PDF."""
    return [
        ("read seed PDFs vs pdfium text", f"{seeds['ratio']:.2f}x the floor",
         f"{seeds['pages']} pages: {seeds['ours_pages_s']:.0f} pages/s, floor {seeds['floor_pages_s']:.0f} "
         f"pages/s; median of {repeats} alternated rounds (pair median {seeds['pair_ratio']:.2f}x); target <= 1.5x"),
        ("read seeds + a long PDF", f"{with_long['ratio']:.2f}x the floor",
         f"{with_long['pages']} pages: {with_long['ours_pages_s']:.0f} pages/s, floor "
         f"{with_long['floor_pages_s']:.0f} pages/s"),
        ("long PDF: time per page", f"{longf['per_page_ratio']:.2f}x",
         f"{longf['short_pages']} pages {longf['short_ms_page']:.2f} ms/page, {longf['long_pages']} pages "
         f"{longf['long_ms_page']:.2f} ms/page (linear: ~1x)"),
        ("long PDF: referat parse", f"peak RSS {longf['parse_peak_rss_mb']:.0f} MB",
         f"{longf['long_pages']} pages, {longf['long_mb']:.1f} MB, {longf['parse_s']:.2f} s in a fresh process; "
         "target <= 200 MB"),
    ]


if __name__ == "__main__":
    main()
