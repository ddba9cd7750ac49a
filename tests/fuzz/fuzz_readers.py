"""Coverage-guided fuzzing of the readers (PDF, Word, OpenDocument, HTML) with atheris: run by hand.

    pip install -e '.[dev,fuzz]'     # atheris, and fpdf2/python-docx to build the seed corpus
    cd /tmp && python /path/to/repo/tests/fuzz/fuzz_readers.py -max_total_time=600 -rss_limit_mb=2048 -timeout=20
    python tests/fuzz/fuzz_readers.py crash-<hash>     # replay one finding

The first input byte picks the target; the rest is the document:

    0  PDF bytes as they are            3  HTML bytes as they are
    1  word/document.xml, zipped into a .docx (so mutations reach the XML, not the ZIP checksum)
    2  content.xml, zipped into an .odt     4  a whole .docx/.odt ZIP as it is
    5  word/numbering.xml beside a document of numbered paragraphs

Each input goes through ``parse_bytes``: it must return a model that validates and survives a
JSON round trip, or raise ``InputError`` (unusable input, over the work budget); anything else,
a hang (``-timeout``) or running out of memory (``-rss_limit_mb``) is a finding. The corpus is
seeded with renderings of the fixtures built by ``tests/test_formats.py`` (``.fuzz-corpus-readers/``
in the repository root, ignored by git). Every finding becomes a case in ``tests/test_hostile.py``
or ``tests/test_regressions.py``.
"""

from __future__ import annotations

import contextlib
import io
import sys
import zipfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from referat_parser import parse_bytes
    from referat_parser.errors import InputError
    from referat_parser.models import Minutes

ROOT = Path(__file__).resolve().parents[2]
MAX_INPUT = 200_000  # bytes: a rendered seed is 10-60 KB
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUMBERED = "".join(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{i % 3}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                   f"<w:r><w:t>Punkt {i}</w:t></w:r></w:p>" for i in range(6))


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _document(target: int, body: bytes) -> tuple[bytes, str]:
    if target == 0:
        return body, "fuzz.pdf"
    if target == 1:
        return _zip({"word/document.xml": body}), "fuzz.docx"
    if target == 2:
        return _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": body}), "fuzz.odt"
    if target == 3:
        return body, "fuzz.html"
    if target == 5:
        document = f'<w:document xmlns:w="{W}"><w:body>{NUMBERED}</w:body></w:document>'.encode()
        return _zip({"word/document.xml": document, "word/numbering.xml": body}), "fuzz.docx"
    return body, "fuzz.docx"


def _check(m: Minutes) -> None:
    again = Minutes.model_validate_json(m.model_dump_json())
    assert again == m


def test_one_input(data: bytes) -> None:
    if not data:
        return
    document, path = _document(data[0] % 6, data[1:MAX_INPUT])
    with contextlib.suppress(InputError):  # unusable input may be refused, nothing else
        _check(parse_bytes(document, path=path))


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _seed_corpus() -> list[str]:
    """Renderings of the two seeds in every format, prefixed by their target byte; made once."""
    corpus = ROOT / ".fuzz-corpus-readers"
    if (corpus / "seeded").exists():
        return [str(corpus)]
    sys.path.insert(0, str(ROOT))
    from tests.test_formats import (
        KLYNGE,
        SEEDS,
        make_docx,
        make_docx_with_participant_table,
        make_html,
        make_klynge_docx,
        make_klynge_pdf,
        make_odt,
        make_pdf,
        seed,
    )

    corpus.mkdir(exist_ok=True)
    tables = {  # the table layouts: PDF geometry, Word cells of several paragraphs
        "godstrup-table.pdf": b"\x00" + make_pdf(seed(), table=True),
        "klynge-table-top.pdf": b"\x00" + make_klynge_pdf(seed(KLYNGE)),
        "klynge-table-middle.pdf": b"\x00" + make_klynge_pdf(seed(KLYNGE), "MIDDLE"),
        "klynge-table.document.xml": b"\x01" + _members(make_klynge_docx(seed(KLYNGE)))["word/document.xml"],
        "godstrup-table.document.xml": b"\x01" + _members(make_docx_with_participant_table(seed()))[
            "word/document.xml"],
    }
    for name, data in tables.items():
        (corpus / name).write_bytes(data[:MAX_INPUT])
    for stem in SEEDS:
        text = seed(stem)
        docx, odt = make_docx(text), make_odt(text)
        files = {
            f"{stem}.pdf": b"\x00" + make_pdf(text),
            f"{stem}.document.xml": b"\x01" + _members(docx)["word/document.xml"],
            f"{stem}.content.xml": b"\x02" + _members(odt)["content.xml"],
            f"{stem}.html": b"\x03" + make_html(text),
            f"{stem}.docx": b"\x04" + docx,
            f"{stem}.odt": b"\x04" + odt,
            f"{stem}.numbering.xml": b"\x05" + _members(docx)["word/numbering.xml"],
        }
        for name, data in files.items():
            (corpus / name).write_bytes(data[:MAX_INPUT])
    (corpus / "seeded").write_bytes(b"")
    return [str(corpus)]


def main() -> None:
    args = sys.argv[:]
    if not any(not a.startswith("-") for a in args[1:]):
        args += _seed_corpus()
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
