"""Readers: bytes -> text, with the encodings Danish archives use."""

from __future__ import annotations

import pytest

from referat_parser import parse_bytes
from referat_parser.errors import InputError
from referat_parser.readers import read_bytes

DANISH = "Ældrerådet\nSagsfremstilling\nØkonomi og Ålborg: æ ø å\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (DANISH.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + DANISH.encode("utf-8"), "utf-8-sig"),
        (DANISH.encode("utf-16"), "utf-16"),
        (DANISH.encode("cp1252"), "cp1252"),
        (DANISH.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_encodings(data: bytes, encoding: str) -> None:
    d = read_bytes(data)
    assert d.text.lstrip("\ufeff") == DANISH
    assert d.encoding == encoding


def test_cp1252_is_not_mistaken_for_cp1250() -> None:
    d = read_bytes("Referat af Ældrerådsmøde\n".encode("cp1252"))
    assert "Ældre" in d.text and "Ć" not in d.text


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), (b"  \n\n", "empty"), (b"\x00\x01\x02\x03" * 100, "binary"), (b"%PDF-1.4\n", "PDF")],
)
def test_unusable(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_bytes(data)


def test_parse_bytes_records_source() -> None:
    m = parse_bytes(DANISH.encode("cp1252"), path="x.txt")
    assert (m.source.path, m.source.encoding, m.source.media_type) == ("x.txt", "cp1252", "text/plain")
    assert len(m.source.sha256 or "") == 64
