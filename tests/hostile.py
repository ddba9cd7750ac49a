"""Hostile inputs for the readers, generated (nothing large is committed).

Each probe is (file name, builder, expected exit code, expected message or None). The
builders write small files that ask for unbounded work: a PDF whose 2,000 pages share
one heavy content stream, a flate stream that inflates past the budget, a ZIP member
whose header lies about its size, list numbers of 10^8 in roman numerals or 5,000
digits, 100,000 nested elements, charsets that are not text encodings, corrupt deflate
data. ``tests/test_hostile.py`` runs each through the CLI in a child process and checks
exit code, the one-line message, time and peak memory.

    python tests/hostile.py OUTDIR     # write every probe into OUTDIR, to try by hand
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# ---- PDF ---------------------------------------------------------------------------------------


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from numbered object bodies (1-based), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _stream(data: bytes, flate: bool = True) -> bytes:
    if flate:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _pages_pdf(content: bytes, pages: int, flate: bool = True) -> bytes:
    """``pages`` pages that all draw the one content stream (object 4)."""
    first = 5
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        _stream(content, flate),
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> " \
           b"/Contents 4 0 R >>"
    objects += [page] * pages
    return raw_pdf(objects)


def pdf_shared_content(pages: int = 2000, lines: int = 2500) -> bytes:
    """A small PDF whose 2,000 pages share one content stream of 2,500 text lines each."""
    ops = b"BT /F1 8 Tf 20 830 Td 9 TL " + b"(Deltagere og beslutninger punkt for punkt i udvalget) ' " * lines + b"ET"
    return _pages_pdf(ops, pages)


def pdf_many_runs(pages: int = 2000, rows: int = 59, cols: int = 10) -> bytes:
    """2,000 pages that each look like a big table: 590 short text runs in a grid (the table search's worst case)."""
    ops = b"".join(b"BT /F1 8 Tf %d %d Td (Navn%d) Tj ET " % (20 + 55 * c, 820 - 13 * r, c)
                   for r in range(rows) for c in range(cols))
    return _pages_pdf(ops, pages)


def pdf_unterminated(what: str, count: int = 20_000) -> bytes:
    """Objects without "endobj" or streams without "endstream": pdfium's repair rescans the file for each."""
    z = zlib.compress(b"BT ET ")
    tail = b"\nendstream\n" if what == "obj" else b"\nendobj\n"
    return b"%PDF-1.4\n" + (b"1 0 obj <</Filter /FlateDecode>> stream\n" + z + tail) * count + b"%%EOF\n"


def pdf_false_streams(count: int = 1_500_000) -> bytes:
    """1.5 million "stream" keywords after a /Fl, none of them zlib data: each must cost almost nothing."""
    return b"%PDF-1.4\n" + b"<< /Fl >> stream\nxx\nendstream\n" * count + b"%%EOF\n"


def pdf_flate_bomb(mb: int = 300) -> bytes:
    """One page whose content stream inflates to ``mb`` MB (spaces: valid, empty content)."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    data = b"".join(comp.compress(chunk) for _ in range(mb)) + comp.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>",
        stream,
    ]
    return raw_pdf(objects)


# ---- Word --------------------------------------------------------------------------------------


def docx(body: str, numbering: str | None = None, *, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal .docx: document.xml with ``body`` (w: namespace declared) and optional numbering.xml."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
        if numbering is not None:
            zf.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>')
    return buf.getvalue()


def numbered_paragraphs(n: int, ilvl: str = "0", text: str = "Punkt") -> str:
    return "".join(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                   f"<w:r><w:t>{text} {i}</w:t></w:r></w:p>" for i in range(n))


def numbering(start: str, fmt: str = "decimal", ilvl: str = "0", levels: int = 1) -> str:
    lvls = "".join(f'<w:lvl w:ilvl="{ilvl if levels == 1 else i}"><w:start w:val="{start}"/>'
                   f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl>' for i in range(levels))
    return (f'<w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')


def docx_list_start(start: str, fmt: str, paragraphs: int = 2000) -> bytes:
    return docx(numbered_paragraphs(paragraphs), numbering(start, fmt))


def docx_many_levels(levels: int = 50_000) -> bytes:
    body = "".join(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{i}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                   f"<w:r><w:t>Niveau {i}</w:t></w:r></w:p>" for i in range(levels))
    return docx(body, numbering("1", "lowerRoman", levels=levels))


def docx_lying_size(mb: int = 200) -> bytes:
    """document.xml inflates to ``mb`` MB while its headers declare 2 KB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("word/document.xml", "w") as fh:
        fh.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
        para = b"<w:p><w:r><w:t>" + b"x" * 1000 + b"</w:t></w:r></w:p>"
        for _ in range(mb * 1024 * 1024 // len(para)):
            fh.write(para)
        fh.write(b"</w:body></w:document>")
    data = bytearray(buf.getvalue())
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = zf.getinfo("word/document.xml")
    local = info.header_offset
    data[local + 22:local + 26] = (2048).to_bytes(4, "little")  # uncompressed size in the local header
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (2048).to_bytes(4, "little")  # ... and in the central directory
    return bytes(data)


def docx_big_under_ratio(mb: int = 150) -> bytes:
    """~``mb`` MB of varied text XML (compresses ~6x, under any ratio cap), its sizes declared honestly."""
    import random

    rng = random.Random(1)
    words = [bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(12)]
    block = b"".join(b"<w:p><w:r><w:t>" + b" ".join(rng.choices(words, k=150)) + b"</w:t></w:r></w:p>"
                     for _ in range(1024 * 1024 // 1000))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        with zf.open("word/document.xml", "w") as fh:
            fh.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
            for _ in range(mb * 1024 * 1024 // len(block)):
                fh.write(block)
            fh.write(b"</w:body></w:document>")
    return buf.getvalue()


def docx_style_chain(styles: int = 60_000, paragraphs: int = 20_000) -> bytes:
    """Paragraphs whose style is at the end of a basedOn chain 60,000 styles long."""
    chain = "".join(f'<w:style w:styleId="s{i}"><w:basedOn w:val="s{i - 1}"/></w:style>' for i in range(1, styles))
    body = "".join(f'<w:p><w:pPr><w:pStyle w:val="s{styles - 1 - i % 7}"/></w:pPr><w:r><w:t>Tekst {i}</w:t></w:r></w:p>'
                   for i in range(paragraphs))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
        zf.writestr("word/styles.xml", f'<w:styles xmlns:w="{W}"><w:style w:styleId="s0"><w:pPr><w:numPr>'
                    f'<w:numId w:val="1"/></w:numPr></w:pPr></w:style>{chain}</w:styles>')
        zf.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W}">{numbering("1")}</w:numbering>')
    return buf.getvalue()


def docx_attributes(count: int = 990_000) -> bytes:
    """~1 million elements each with two attributes: ~750 MB as a tree, however small the file."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("word/document.xml", "w") as fh:
        fh.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
        fh.write((b'<w:p w:a="' + b"x" * 100 + b'" w:b="' + b"y" * 10 + b'"/>') * count)
        fh.write(b"</w:body></w:document>")
    return buf.getvalue()


def docx_nested_tables(depth: int = 10_000) -> bytes:
    return docx("<w:tbl><w:tr><w:tc>" * depth + "<w:p><w:r><w:t>Godkendt</w:t></w:r></w:p>"
                + "</w:tc></w:tr></w:tbl>" * depth)


def docx_encrypted_member() -> bytes:
    """A ZIP whose document.xml has the 'encrypted' flag set (zipfile cannot read it)."""
    data = bytearray(docx("<w:p><w:r><w:t>Hej</w:t></w:r></w:p>"))
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        pos = 0
        while (pos := data.find(sig, pos)) != -1:
            flag = 6 if sig == b"PK\x03\x04" else 8
            name_len = int.from_bytes(data[pos + (26 if flag == 6 else 28):pos + (28 if flag == 6 else 30)], "little")
            name = data[pos + (30 if flag == 6 else 46):][:name_len]
            if name == b"word/document.xml":
                data[pos + flag] |= 1
            pos += 4
    return bytes(data)


# ---- OpenDocument ------------------------------------------------------------------------------

ODF_NS = ("xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0' "
          "xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0' "
          "xmlns:table='urn:oasis:names:tc:opendocument:xmlns:table:1.0' "
          "xmlns:style='urn:oasis:names:tc:opendocument:xmlns:style:1.0'")


def odt(body: str, styles: str = "") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", f"<office:document-content {ODF_NS}><office:automatic-styles>{styles}"
                    f"</office:automatic-styles><office:body><office:text>{body}</office:text></office:body>"
                    "</office:document-content>")
    return buf.getvalue()


def odt_list(start: str, fmt: str = "i", items: int = 2000) -> bytes:
    style = (f"<text:list-style style:name='L'><text:list-level-style-number text:level='1' style:num-format='{fmt}' "
             f"style:num-suffix='.' text:start-value='{start}'/></text:list-style>")
    body = "<text:list text:style-name='L'>" + "".join(
        f"<text:list-item><text:p>Punkt {i}</text:p></text:list-item>" for i in range(items)) + "</text:list>"
    return odt(body, style)


def odt_spaces() -> bytes:
    return odt("<text:p>1. Godkendelse<text:s text:c='1000000000'/>af dagsorden</text:p>" * 1000)


def odt_encrypted() -> bytes:
    """A password-protected .odt as LibreOffice writes it: the manifest names the encryption of
    content.xml, whose bytes are ciphertext."""
    import os

    m = "manifest:"
    manifest = (f'<?xml version="1.0" encoding="UTF-8"?><{m}manifest '
                f'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" {m}version="1.2">'
                f'<{m}file-entry {m}full-path="/" {m}media-type="application/vnd.oasis.opendocument.text"/>'
                f'<{m}file-entry {m}full-path="content.xml" {m}media-type="text/xml" {m}size="2048">'
                f'<{m}encryption-data {m}checksum-type="SHA1/1K" {m}checksum="AAAA">'
                f'<{m}algorithm {m}algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" '
                f'{m}initialisation-vector="AAAA"/><{m}key-derivation {m}key-derivation-name="PBKDF2" '
                f'{m}key-size="32" {m}iteration-count="100000" {m}salt="AAAA"/></{m}encryption-data>'
                f'</{m}file-entry></{m}manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", os.urandom(2048), compress_type=zipfile.ZIP_STORED)
        zf.writestr("META-INF/manifest.xml", manifest)
    return buf.getvalue()


def odt_nested_tables(depth: int = 80, rows: int = 6_000) -> bytes:
    """A chain of 80 nested tables, each with 6,000 empty rows beside the one that holds the next:
    a walk that visits every row below at every level costs 80 x 480,000 (it took 23 s at 10,000)."""
    inner = "<text:p>1. Godkendelse af dagsorden</text:p>"
    empty = "<table:table-row/>" * rows
    for _ in range(depth):
        inner = (f"<table:table>{empty}<table:table-row><table:table-cell>{inner}</table:table-cell>"
                 "</table:table-row></table:table>")
    return odt(inner)


# ---- HTML --------------------------------------------------------------------------------------


def html_nested(tag: str = "div", depth: int = 100_000, attrs: str = "") -> bytes:
    return (f"<!DOCTYPE html><html><body><p>1. Godkendelse af dagsorden</p>{f'<{tag}{attrs}>' * depth}"
            f"<p>Godkendt.</p>{f'</{tag}>' * depth}</body></html>").encode()


def html_many_elements(count: int = 990_000) -> bytes:
    """~1 million small elements with attributes in 48 MB (under --max-size): over 1 GB as a tree."""
    return b"<html><body>" + (b'<i class="' + b"x" * 25 + b'" id="a">x</i>') * count + b"</body></html>"


def html_action_links(count: int = 50_000) -> bytes:
    """A block of text and 50,000 javascript: links (each link's bar is looked for: once per block)."""
    links = '<a href="javascript:void(0)">x</a> ' * count
    return f"<html><body><p>1. Punkt</p><div>Tekst {links}</div></body></html>".encode()


def html_nested_tables(depth: int = 10_000) -> bytes:
    return ("<!DOCTYPE html><html><body><p>1. Godkendelse</p>" + "<table><tr><td>" * depth + "Godkendt."
            + "</td></tr></table>" * depth + "</body></html>").encode()


def html_list(attr: str) -> bytes:
    return (f"<!DOCTYPE html><html><body><h1>Referat</h1><ol {attr}><li>Godkendelse af dagsorden</li>"
            "<li value='²'>Eventuelt</li></ol></body></html>").encode()


def html_charset(label: str) -> bytes:
    return (f"<html><head><meta charset='{label}'></head><body><p>1. Ældre og sundhed</p>"
            "<p>Godkendt.</p></body></html>").encode()


# ---- text --------------------------------------------------------------------------------------

SAMPLE = ("Referat af møde i Ældrerådet\nDato: 3. marts 2024\nDeltagere: Søren Ørsted, Åse Bæk\n"
          "1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n2. Økonomi\nBeslutning\nTaget til efterretning.\n")


def text_with_nuls(count: int = 39, size: int = 2048) -> bytes:
    data = bytearray((SAMPLE * (size // len(SAMPLE) + 1)).encode("utf-8")[:size])
    for i in range(count):
        data.insert((i * 97 + 13) % len(data), 0)
    return bytes(data)


def utf8_with_bad_lines() -> bytes:
    lines = SAMPLE.encode("utf-8").split(b"\n")
    lines[2] = "Deltagere: Søren Ørsted, Åse Bæk".encode("cp1252")  # one line pasted in from a Windows file
    return b"\n".join(lines)


def with_markup_residue(text: str, seed: int = 3) -> str:
    """Text pasted out of a web editor: some lines in <p>, <span style>, <b>…<br />, <div>; entities
    (&aelig;, &nbsp;) in others. The first line is wrapped too, so the bytes start like HTML."""
    import random

    rng = random.Random(seed)
    out = []
    for k, line in enumerate(text.splitlines()):
        r = 0.0 if k == 0 else rng.random()
        s = line.replace("æ", "&aelig;") if rng.random() < 0.3 else line
        s = s.replace(" ", "&nbsp;", 1) if rng.random() < 0.3 else s
        if r < 0.25:
            s = f"<p>{s}</p>"
        elif r < 0.4:
            s = f'<span style="font-family:Arial">{s}</span>'
        elif r < 0.5:
            s = f"<b>{s}</b><br />"
        elif r < 0.6:
            s = f'<div class="x">{s}</div>'
        out.append(s)
    return "\n".join(out) + "\n"


def markdown_long_list(size: int = 1_500_000) -> bytes:
    """A 1.5 MB Markdown list of 30,000 items, under the line limit (3 MB, 60,000: ~3 s, docs/limits.md)."""
    item = b"- punkt %05d om budget og drift i kommunen i aar\n"
    return b"".join(item % i for i in range(size // len(item % 0)))


Probe = tuple[str, Callable[[], bytes], int, str | None]

PROBES: list[Probe] = [
    ("shared-content.pdf", pdf_shared_content, 1, "characters (the extracted-text limit)"),
    ("flate-bomb.pdf", pdf_flate_bomb, 1, "the PDF decompresses to over 128 MB"),
    ("objects-without-endobj.pdf", lambda: pdf_unterminated("obj"), 1, "objects, most without their end marker"),
    ("streams-without-endstream.pdf", lambda: pdf_unterminated("stream"), 1,
     "streams, most without their end marker"),
    ("false-streams.pdf", pdf_false_streams, 1, "damaged PDF"),
    ("table-grid.pdf", pdf_many_runs, 1, "characters (the extracted-text limit)"),
    ("lying-size.docx", docx_lying_size, 1, "damaged ZIP member word/document.xml"),
    ("big-under-ratio.docx", docx_big_under_ratio, 1, "decompresses to over 128 MB"),
    ("roman-1e8.docx", lambda: docx_list_start("100000000", "upperRoman"), 1, "over the 1,000,000 limit"),
    ("letter-1e9.docx", lambda: docx_list_start("999999999", "lowerLetter"), 1, "over the 1,000,000 limit"),
    ("roman-900000.docx", lambda: docx_list_start("900000", "lowerRoman"), 0, None),
    ("letters-500000.docx", lambda: docx_list_start("500000", "upperLetter"), 0, None),
    ("levels-50000.docx", docx_many_levels, 0, None),
    ("superscript-ilvl.docx", lambda: docx(numbered_paragraphs(5, ilvl="²"), numbering("1", "decimal", "²")), 0, None),
    ("superscript-start.docx", lambda: docx_list_start("²", "decimal", 5), 0, None),
    ("digits-5000.docx", lambda: docx_list_start("9" * 5000, "decimal", 5), 1, "over the 1,000,000 limit"),
    ("style-chain.docx", docx_style_chain, 0, None),
    ("attributes.docx", docx_attributes, 1, "elements and attributes (the element limit)"),
    ("nested-tables.docx", docx_nested_tables, 1, "word/document.xml nests elements over 256 deep"),
    ("encrypted-member.docx", docx_encrypted_member, 1, "encrypted ZIP member word/document.xml"),
    ("roman-1e8.odt", lambda: odt_list("100000000", "I"), 1, "over the 1,000,000 limit"),
    ("roman-900000.odt", lambda: odt_list("900000", "i"), 0, None),
    ("superscript-start.odt", lambda: odt_list("²", "1", 5), 0, None),
    ("spaces-1e9.odt", odt_spaces, 0, None),
    ("nested-lists.odt", lambda: odt("<text:list><text:list-item>" * 5000 + "<text:p>x</text:p>"
                                     + "</text:list-item></text:list>" * 5000),
     1, "content.xml nests elements over 256 deep"),
    ("nested-tables-chain.odt", odt_nested_tables, 0, None),
    ("encrypted.odt", odt_encrypted, 1, "encrypted OpenDocument file: it needs a password"),
    ("nested-divs.html", html_nested, 0, None),
    ("nested-banner-divs.html", lambda: html_nested("div", 100_000, " class='cookie-banner'"), 0, None),
    ("nested-tables.html", html_nested_tables, 0, None),
    ("action-links.html", html_action_links, 0, None),
    ("many-elements.html", html_many_elements, 1, "over 250,000 elements (the element limit)"),
    ("ol-start-superscript.html", lambda: html_list("start='²'"), 0, None),
    ("ol-start-5000-digits.html", lambda: html_list(f"start='{'9' * 5000}'"), 1, "over the 1,000,000 limit"),
    *((f"charset-{label}.html", (lambda label=label: html_charset(label)), 0, None)
      for label in ("base64", "rot13", "hex", "zlib", "utf-7", "unicode-escape", "uu", "bz2", "idna")),
    ("nuls.txt", text_with_nuls, 0, None),
    ("bad-utf8-lines.txt", utf8_with_bad_lines, 0, None),
    # One long line of what the document-level passes look for, over and over: each must cost
    # linear time (a colon after colon, a gap after gap, a page word, a glued number each time).
    ("colons.txt", lambda: b"abc:" * 500_000, 0, None),
    ("spaces.txt", lambda: b"x " + b" " * 2_000_000 + b"a b c d", 0, None),
    ("page-words.txt", lambda: b"Side 1 af 2 " * 150_000, 0, None),
    ("glued-numbers.txt", lambda: b"Eventuelt1. " * 150_000, 0, None),
    # Round 3 (issue 24): plain text and Markdown meet a character and a line limit at the door,
    # and Markdown's own parser a timer of its own.
    ("short-lines-10mb.txt", lambda: b"a\n" * 5_000_000, 1, "characters (the extracted-text limit)"),
    ("short-lines.txt", lambda: b"a\n" * 1_000_000, 1, "over 100,000 lines (the line limit)"),
    ("form-feeds.txt", lambda: b"Punkt\f" * 200_000, 1, "over 100,000 lines (the line limit)"),
    ("numbered-1e6.txt", lambda: b"".join(b"%d. Punkt\n" % i for i in range(1_000_000)), 1,
     "characters (the extracted-text limit)"),
    ("list-3mb.md", lambda: b"- a\n" * 750_000, 1, "over 100,000 lines (the line limit)"),
    ("list-long-items.md", markdown_long_list, 0, None),
    ("single-line-50mb.txt", lambda: b"ord " * (50 * 1024 * 1024 // 4), 1, "characters (the extracted-text limit)"),
    ("numbered-60000.txt", lambda: b"".join(b"%d. Punkt om noget\n" % i for i in range(60_000)), 0, None),
    ("image-openers.md", lambda: b"![" * 150_000, 0, None),
    ("emphasis-openers.md", lambda: b"*a " * 150_000, 0, None),
    ("dashes.txt", lambda: SAMPLE.encode() + b"-" * 100_000 + b"x\n", 0, None),
    ("pipes.txt", lambda: SAMPLE.encode() + b"|" * 100_000 + b"x\n", 0, None),
    ("tabs.txt", lambda: SAMPLE.encode() + b"\t " * 100_000 + b"x\n", 0, None),
]


def main(outdir: str) -> None:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    for name, build, _, _ in PROBES:
        (out / name).write_bytes(build())
        print(out / name)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hostile-probes")
