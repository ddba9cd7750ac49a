"""Plain-text reader: bytes -> str, with the encodings Danish archives really use.

Order: a byte-order mark (UTF-8/16/32), then strict UTF-8, then UTF-16 without a
BOM, then Windows-1252, then charset-normalizer restricted to Nordic-sensible
encodings. Never unrestricted detection: it takes Danish Windows-1252 for cp1250
and turns "Ældre" into "Ćldre".
"""

from __future__ import annotations

import codecs

from referat_parser.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
NORDIC = ("cp1252", "iso8859_15", "latin_1", "cp865", "cp850", "mac_roman")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NULs in every other byte (for Latin text)."""
    head = data[:4096]
    if len(head) < 4:
        return None
    half = len(head) / 2
    even, odd = head[0::2].count(0) / half, head[1::2].count(0) / half
    if odd > 0.4 and even < 0.02:
        return "utf-16-le"
    if even > 0.4 and odd < 0.02:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name) or InputError."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise InputError(f"undecodable text: it starts with a {enc} byte-order mark but is not {enc}") from None
    enc16 = _utf16_without_bom(data)
    if enc16:
        try:
            text = data.decode(enc16)
            if not _looks_binary(text[:4096].encode("utf-8", "replace")):
                return text, enc16
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise InputError("binary file, not text (NUL or control bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # slow import: only for the rare leftovers

    best = from_bytes(data, cp_isolation=list(NORDIC)).best()
    if best is None:
        raise InputError("undecodable text: not UTF-8, UTF-16 or a Nordic 8-bit encoding")
    return str(best), best.encoding
