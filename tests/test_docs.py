"""Every example output in README.md and docs/*.md is what the command prints today.

The documents mark what is checked, so that an example cannot go stale:

* a ```` ```console ```` block is run: each ``$ command`` line runs in a shell (``referat`` and
  ``python3`` are this checkout's), in a scratch folder per document where ``fixtures/`` is the
  repository's; the lines after it up to the next ``$`` are what it must print (stdout, then
  stderr). ``…`` in an expected line stands for any text (a time, a hash);
* ```` ```sql ```` then ```` ```text ````: the query runs on the database the document's console
  blocks made (``<!-- db: FILE -->`` before it names it), and the text block is its result, a
  header line and one line per row, columns two spaces apart as ``sqlite3 -column`` aligns them;
* ```` ```python ```` then ```` ```text ````: the code runs in the scratch folder and the text block
  is what it prints.

``bash`` blocks are illustrations without output (a server, a cluster), and are not run.
``python tests/test_docs.py --print`` shows what each checked block prints now; ``--fill`` writes
that into the text blocks after the sql and python blocks (review the diff).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.M | re.S)
DB_NOTE = re.compile(r"<!-- db: (\S+) -->\s*$")


@dataclass
class Block:
    kind: str
    body: str
    line: int
    db: str | None = None
    at: tuple[int, int] = (0, 0)  # where the body is in the document's text


def blocks(text: str) -> list[Block]:
    out = []
    for m in FENCE.finditer(text):
        before = text[:m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        db = DB_NOTE.search(before)
        out.append(Block(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1, db.group(1) if db else None,
                         m.span(2)))
    return out


def matches(expected: str, actual: str) -> bool:
    """``actual`` is ``expected`` line by line, with ``…`` standing for any text."""
    exp, act = expected.rstrip("\n").split("\n"), actual.rstrip("\n").split("\n")
    if exp == [""] and act == [""]:
        return True
    return len(exp) == len(act) and all(
        re.fullmatch(".*?".join(re.escape(p) for p in e.split("…")), a) for e, a in zip(exp, act, strict=True))


def table(cursor: sqlite3.Cursor) -> str:
    """Rows as ``sqlite3 -column`` prints them: a header, columns padded to the widest value, 2 spaces apart."""
    head = [d[0] for d in cursor.description]
    rows = [["" if v is None else str(v) for v in row] for row in cursor.fetchall()]
    widths = [max(len(r[k]) for r in [head, *rows]) for k in range(len(head))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
                     for r in [head, *rows]) + "\n"


class Scratch:
    """A folder where one document's examples run, in order, as a reader would type them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        (folder / "fixtures").symlink_to(ROOT / "fixtures")
        bin_dir = folder / ".bin"
        bin_dir.mkdir()
        (bin_dir / "referat").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m referat_parser "$@"\n')
        (bin_dir / "referat").chmod(0o755)
        (bin_dir / "python3").symlink_to(sys.executable)
        self.namespace: dict[str, object] = {"__name__": "__doc__"}  # python blocks of a document build on each other
        self.env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "COLUMNS": "100",
                    "PYTHONPATH": str(ROOT / "src")}

    def console(self, body: str) -> list[tuple[str, str, str]]:
        """(command, expected, actual) for each ``$`` line of a console block."""
        out: list[tuple[str, str, str]] = []
        for chunk in re.split(r"^\$ ", body, flags=re.M)[1:]:
            command, _, expected = chunk.partition("\n")
            r = subprocess.run(["bash", "-c", command], cwd=self.folder, env=self.env, capture_output=True,
                               text=True, timeout=300)
            out.append((command, expected, r.stdout + r.stderr))
        return out

    def sql(self, db: str, query: str) -> str:
        conn = sqlite3.connect(self.folder / db)
        try:
            return table(conn.execute(query))
        finally:
            conn.close()

    def python(self, code: str) -> str:
        buf = io.StringIO()
        cwd = os.getcwd()
        os.chdir(self.folder)
        try:
            with contextlib.redirect_stdout(buf):
                exec(compile(code, "<doc>", "exec"), self.namespace)
        finally:
            os.chdir(cwd)
        return buf.getvalue()


def run_document(path: Path, folder: Path, fill: bool = False) -> list[tuple[str, str, str]]:
    """(where, expected, actual) for every checked example of one document.

    ``fill``: write what the sql and python blocks print into their text blocks (to update them).
    """
    scratch = Scratch(folder)
    found: list[tuple[str, str, str]] = []
    text = path.read_text(encoding="utf-8")
    bs = blocks(text)
    filled: list[tuple[tuple[int, int], str]] = []
    for k, b in enumerate(bs):
        where = f"{path.name}:{b.line}"
        if b.kind == "console":
            found += [(f"{where}: $ {cmd}", exp, act) for cmd, exp, act in scratch.console(b.body)]
        elif b.kind in ("sql", "python") and k + 1 < len(bs) and bs[k + 1].kind == "text":
            if b.kind == "sql":
                assert b.db, f"{where}: say which database with <!-- db: FILE --> before the sql block"
                actual = scratch.sql(b.db, b.body)
            else:
                actual = scratch.python(b.body)
            found.append((where, bs[k + 1].body, actual))
            filled.append((bs[k + 1].at, actual))
    if fill:
        for (start, end), actual in reversed(filled):
            text = text[:start] + actual + text[end:]
        path.write_text(text, encoding="utf-8")
    return found


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_example_output_is_what_the_command_prints(path: Path, tmp_path: Path) -> None:
    for where, expected, actual in run_document(path, tmp_path):
        assert matches(expected, actual), f"{where}\n--- documented:\n{expected}--- printed:\n{actual}"


def test_readme_is_short_and_keeps_both_quickstart_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    assert ("python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/referat parse "
            "fixtures/godstrup-fsg-2025-04-25.txt") in readme
    assert "python3 -m venv .venv && .venv/bin/pip install -q '.[dev]' && .venv/bin/python -m pytest" in readme
    for word in ("seed", "dev2", "this round", "../", "/work/", "shared/"):
        assert word not in readme.lower(), word
    for link in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / link).is_file(), link


def test_the_matcher_and_the_table_are_strict() -> None:
    assert matches("a … s\nb", "a 0.5 s\nb") and not matches("a … s", "a 0.5 s\nextra")
    assert not matches("x", "y")
    conn = sqlite3.connect(":memory:")
    assert table(conn.execute("SELECT 'ab' AS x, NULL AS yy UNION ALL SELECT 'c', 3")) == "x   yy\nab\nc   3\n"


if __name__ == "__main__":  # python tests/test_docs.py --print|--fill [NAME]: what each checked block prints now
    import tempfile

    for doc in DOCUMENTS:
        if len(sys.argv) > 2 and sys.argv[2] not in doc.name:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            for where, expected, actual in run_document(doc, Path(tmp), fill=sys.argv[1:2] == ["--fill"]):
                mark = "ok" if matches(expected, actual) else "DIFFERS"
                print(f"=== {where} [{mark}]\n{actual}", end="" if actual.endswith("\n") else "\n")
