"""Pages in the provenance (issue 22): every span of a paged input says the pages it is on."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from referat_parser import records as R
from referat_parser.pipeline import read_data
from referat_parser.readers import read_bytes
from referat_parser.readers.pages import PageIndex
from referat_parser.readers.pdf import PAGE_BREAK, join_pages

# Three items; item 2 starts on page 2, item 3's decision is on page 3.
PAGES = [
    ["Referat af møde i Økonomiudvalget", "Mødedato: 3. marts 2025", "", "1. Godkendelse af dagsorden",
     "Beslutning: Godkendt."],
    ["2. Budget 2026", "Det indstilles, at budgettet godkendes.", "Beslutning: Godkendt.", "",
     "3. Eventuelt", "Sagsfremstilling", "Intet."],
    ["Beslutning: Taget til efterretning."],
]


def make_paged_pdf(pages: list[list[str]], blank_first: bool = False) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    if blank_first:
        pdf.add_page()  # a cover with no text: page 2 is the first with text
    for lines in pages:
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        for line in lines:
            pdf.cell(0, 6, line.encode("latin-1").decode("latin-1"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def spans(out: dict[str, Any]) -> dict[str, tuple[int, int]]:
    got = {}
    for item in out["items"]:
        got[item["number"]] = (item["span"]["page_start"], item["span"]["page_end"])
        for s in item["sections"]:
            got[f'{item["number"]}/{s["kind"]}'] = (s["span"]["page_start"], s["span"]["page_end"])
    return got


@pytest.mark.parametrize("blank_first", [False, True])
def test_pdf_spans_say_their_pages(blank_first: bool) -> None:
    out = R.validate(read_data(make_paged_pdf(PAGES, blank_first), path="m.pdf"))
    shift = int(blank_first)
    got = spans(out)
    assert got["1"] == (1 + shift, 1 + shift)
    assert got["2"] == (2 + shift, 2 + shift) and got["2/decision"] == (2 + shift, 2 + shift)
    assert got["3"] == (2 + shift, 3 + shift) and got["3/decision"] == (3 + shift, 3 + shift)
    assert out["meeting"]["span"]["page_start"] == 1 + shift
    # and the JSON carries them, through the models
    assert json.loads(R.dumps(out))["items"][2]["span"]["page_end"] == 3 + shift


def test_a_word_hyphenated_across_pages_puts_its_line_on_both() -> None:
    lines, starts = join_pages([["a", "Sagen blev beslut-"], ["ning", "b"], [], ["c"]])
    assert lines == ["a", "Sagen blev beslutning", PAGE_BREAK, "b", PAGE_BREAK, PAGE_BREAK, "c"]
    index = PageIndex(starts)
    assert (index.first(2), index.last(2)) == (1, 2)
    # a PAGE_BREAK line counts with the page before it (page 3 is empty: its break line is on it)
    assert [index.first(n) for n in (1, 3, 4, 5, 6, 7)] == [1, 2, 2, 2, 3, 4]


def test_text_input_has_no_page_keys() -> None:
    data = "\n".join(line for page in PAGES for line in page).encode()
    assert b"page_" not in R.dumps(R.validate(read_data(data, path="m.txt")))
    assert read_bytes(data).page_starts == ()


def test_show_html_marks_where_each_page_begins(tmp_path) -> None:
    from referat_parser.html_view import load, render_page

    path = tmp_path / "m.pdf"
    path.write_bytes(make_paged_pdf(PAGES))
    loaded = load(str(path))
    assert loaded.minutes.items[1].span.page_start == 2  # the parsed-now view has the pages too
    page = render_page(loaded)
    second = loaded.text.split("\n").index("2. Budget 2026") + 1  # (splitlines would split at the form feed)
    assert f'id="L{second}" data-n="{second}" data-page="page 2"' in page
    assert page.count('data-page="page ') == 2
    # from the JSON, the source re-read: the same marks
    out = tmp_path / "m.json"
    out.write_bytes(R.dumps(R.validate(read_data(path.read_bytes(), path=str(path)))))
    assert render_page(load(str(out))).count('data-page="page ') == 2


def make_paged_docx(pages: list[list[str]], *, rendered: bool, mid_paragraph: bool = False) -> bytes:
    """Word minutes with a typed page break (``w:br w:type="page"``) ending each page, or, as Word saves a
    file it has laid out, a ``w:lastRenderedPageBreak`` in the first run of each page after the first."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn
    from lxml import etree

    document = docx.Document()
    for n, lines in enumerate(pages):
        for k, line in enumerate(lines):
            paragraph = document.add_paragraph()
            run = paragraph.add_run(line)
            if n and k == 0 and rendered:
                run._r.insert(0, etree.Element(qn("w:lastRenderedPageBreak")))
            if n < len(pages) - 1 and k == len(lines) - 1 and not rendered:
                run.add_break(WD_BREAK.PAGE)
    if mid_paragraph:  # Word broke the last paragraph across pages: the break sits between two runs
        paragraph = document.add_paragraph()
        paragraph.add_run("Sagen fortsætter")
        second = paragraph.add_run(" på næste side.")
        second._r.insert(0, etree.Element(qn("w:lastRenderedPageBreak")))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("rendered", [False, True], ids=["typed-breaks", "rendered-breaks"])
def test_word_page_breaks_give_the_spans_pages(rendered: bool) -> None:
    out = R.validate(read_data(make_paged_docx(PAGES, rendered=rendered), path="m.docx"))
    got = spans(out)
    assert got["1"] == (1, 1) and got["2"] == (2, 2) and got["2/decision"] == (2, 2)
    assert got["3"] == (2, 3) and got["3/decision"] == (3, 3)


def test_word_paragraph_broken_across_pages_ends_on_the_next() -> None:
    data = make_paged_docx(PAGES, rendered=True, mid_paragraph=True)
    out = R.validate(read_data(data, path="m.docx"))
    index = PageIndex(read_bytes(data).page_starts)
    last = out["items"][-1]["span"]["end_line"]
    assert (index.first(last), index.last(last)) == (3, 4)
    assert out["items"][-1]["span"]["page_end"] == 4


def test_word_without_page_breaks_has_no_pages() -> None:
    data = make_paged_docx([[line for page in PAGES for line in page]], rendered=False)
    assert read_bytes(data).page_starts == ()
    assert b"page_" not in R.dumps(R.validate(read_data(data, path="m.docx")))


def test_the_schema_has_the_page_fields_and_takes_a_paged_output() -> None:
    import jsonschema

    from referat_parser.models import json_schema

    schema = json_schema()
    span = schema["$defs"]["Span"]
    assert {"page_start", "page_end"} <= set(span["properties"]) and set(span["required"]) == {"start_line",
                                                                                                "end_line"}
    out = json.loads(R.dumps(R.validate(read_data(make_paged_pdf(PAGES), path="m.pdf"))))
    jsonschema.validate(out, schema)
    out["items"][0]["span"]["page_start"] = 0  # pages count from 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(out, schema)


def test_word_page_break_before_a_paragraph_begins_a_page() -> None:
    import docx

    document = docx.Document()
    for n, lines in enumerate(PAGES):
        for k, line in enumerate(lines):
            paragraph = document.add_paragraph(line)
            if n and k == 0:
                paragraph.paragraph_format.page_break_before = True
    document.add_paragraph("Sidste linje").paragraph_format.page_break_before = False  # off: no page
    buf = io.BytesIO()
    document.save(buf)
    got = spans(R.validate(read_data(buf.getvalue(), path="m.docx")))
    assert got["1"] == (1, 1) and got["2"] == (2, 2) and got["3"] == (2, 3) and got["3/decision"] == (3, 3)
