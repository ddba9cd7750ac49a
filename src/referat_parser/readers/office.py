"""ZIP-based office files (stage 0): open the ZIP safely, say what it is, hand it to its reader.

Word .docx and OpenDocument .odt are ZIPs of XML parts. The parts are inflated here
in chunks and every byte that comes out is charged to the document's budget, so a
member that declares 2 KB and expands to 2 GB is stopped at the limit, not trusted;
the XML is fed to lxml's pull parser as it streams, with entities and network off,
libxml2's depth limit on, and every element and attribute counted against the element budget
(the tree lives in memory: a million of them is ~250 MB). A
ZIP that is neither (a spreadsheet, a presentation, an EPUB, a plain archive) is
refused with a line that says what it is.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

from referat_parser.errors import InputError
from referat_parser.readers.budget import BudgetError, Work

_CHUNK = 256 * 1024
_ODF_TEXT = ("application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template")
_ODF_KINDS = {"spreadsheet": "an OpenDocument spreadsheet (.ods)",
              "presentation": "an OpenDocument presentation (.odp)",
              "graphics": "an OpenDocument drawing (.odg)"}


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as e:
        raise InputError(f"damaged ZIP file (Word/OpenDocument?): not readable ({e})") from None


def read_member(zf: zipfile.ZipFile, name: str, work: Work) -> bytes:
    """One member's bytes, inflated in chunks and charged to the budget as they come."""
    return b"".join(stream_member(zf, name, work))


def stream_member(zf: zipfile.ZipFile, name: str, work: Work) -> Any:
    try:
        with zf.open(name) as fh:
            while True:
                chunk = fh.read(_CHUNK)
                if not chunk:
                    return
                work.charge_inflated(len(chunk), "the file")
                work.check_time()
                yield chunk
    except RuntimeError:  # zipfile's word for an encrypted member
        raise InputError(f"encrypted ZIP member {name}: it needs a password; save an unprotected copy") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError) as e:
        # a corrupt deflate stream, a bad CRC, an unsupported compression or an encrypted member
        raise InputError(f"damaged ZIP member {name}: {str(e).splitlines()[0] if str(e) else type(e).__name__}") \
            from None


def parse_xml(zf: zipfile.ZipFile, name: str, work: Work) -> Any:
    """The root element of one XML member, or None if the member is missing."""
    from lxml import etree

    if name not in zf.NameToInfo:
        return None
    # No entity expansion (billion laughs, XXE), no network, libxml2's default depth limit (no huge_tree).
    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, no_network=True, huge_tree=False,
                                 load_dtd=False, remove_comments=True, remove_pis=True)
    try:
        for chunk in stream_member(zf, name, work):
            parser.feed(chunk)
            work.charge_nodes(sum(1 + len(el.attrib) for _, el in parser.read_events()), "the document")
        root = parser.close()
        work.charge_nodes(sum(1 + len(el.attrib) for _, el in parser.read_events()), "the document")
    except etree.XMLSyntaxError as e:
        if "Excessive depth" in str(e):
            raise BudgetError(f"{name} nests elements over {work.budget.max_depth} deep (the depth limit); "
                              "refused") from None
        raise InputError(f"damaged XML in {name}: {str(e).splitlines()[0] if str(e) else 'syntax error'}") from None
    return root


def describe_zip(zf: zipfile.ZipFile) -> str:
    """What a ZIP that is not a Word or OpenDocument text is, in a few words."""
    names = zf.namelist()
    if "xl/workbook.xml" in names:
        return "an Excel workbook (.xlsx)"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation (.pptx)"
    if "mimetype" in names:
        try:
            mime = zf.read("mimetype")[:100].decode("ascii", "replace").strip()
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, ValueError, OSError):
            mime = ""
        if mime == "application/epub+zip":
            return "an EPUB e-book"
        for key, what in _ODF_KINDS.items():
            if key in mime:
                return what
    return f"a ZIP archive of {len(names):,} file{'s' if len(names) != 1 else ''}"


def odf_mimetype(zf: zipfile.ZipFile) -> str | None:
    if "mimetype" not in zf.NameToInfo:
        return None
    try:
        return zf.read("mimetype")[:100].decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, ValueError, OSError):
        return None


def read_office(data: bytes, work: Work) -> Any:
    """A Word .docx or OpenDocument .odt as Decoded, or InputError saying what the ZIP is."""
    zf = open_zip(data)
    with zf:
        if "word/document.xml" in zf.NameToInfo:
            from referat_parser.readers.docx import read_docx

            return read_docx(zf, work)
        if odf_mimetype(zf) in _ODF_TEXT or ("content.xml" in zf.NameToInfo and "mimetype" not in zf.NameToInfo):
            from referat_parser.readers.odt import read_odt

            return read_odt(zf, work)
        raise InputError(f"not a Word or OpenDocument text file: {describe_zip(zf)}")
