"""The PDF reader's costs and reading order (issue 22): what it asks pdfium for, and in what order text comes."""

from __future__ import annotations

import zlib

import pytest

import referat_parser.readers.pdf as P
from referat_parser.readers import read_bytes
from referat_parser.readers.budget import Budget
from referat_parser.readers.pdf import strip_furniture
from tests.test_formats import make_pdf, seed


@pytest.fixture(scope="module")
def plain_pdf() -> bytes:
    return make_pdf(seed())


@pytest.fixture(scope="module")
def table_pdf() -> bytes:
    return make_pdf(seed(), table=True)


def _count_text_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    real = P._run_text

    def counted(textpage, run):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return real(textpage, run)

    monkeypatch.setattr(P, "_run_text", counted)
    return calls


def test_pages_without_a_two_cell_line_never_ask_for_a_runs_text(plain_pdf: bytes,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_text_calls(monkeypatch)
    d = read_bytes(plain_pdf, path="m.pdf")
    assert d.pages and d.pages >= 5 and not d.tables
    assert calls[0] == 0


def test_a_table_page_asks_for_the_text_of_its_table_not_of_every_run(table_pdf: bytes,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2 as pdfium

    calls = _count_text_calls(monkeypatch)
    d = read_bytes(table_pdf, path="m.pdf")
    assert d.tables == 1 and "Louise Berg | direktør | Ikast-Brande Kommune" in d.text.split("\n")
    # the table is on page 1, the only page with a line of two cells: fewer texts asked than it has runs
    runs = pdfium.PdfDocument(table_pdf)[0].get_textpage().count_rects()
    assert 0 < calls[0] < runs * 0.75


def test_a_pdf_too_small_to_hold_a_bomb_is_not_inflated_before_pdfium(plain_pdf: bytes,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    inflated = []
    real = zlib.decompressobj
    monkeypatch.setattr(P.zlib, "decompressobj", lambda *a: inflated.append(1) or real(*a))
    assert len(plain_pdf) * 1032 <= Budget().max_inflated
    read_bytes(plain_pdf, path="m.pdf")
    assert not inflated
    # with a budget it could exceed, every stream is inflated and charged as before
    read_bytes(plain_pdf, path="m.pdf", budget=Budget(max_inflated=len(plain_pdf) * 1000))
    assert inflated


# ---- reading order -------------------------------------------------------------------------------------

ITEMS = [
    ("1. Godkendelse af dagsorden", "Dagsordenen blev gennemgået punkt for punkt, og der var ingen bemærkninger "
     "fra medlemmerne til rækkefølgen.", "Beslutning: Godkendt."),
    ("2. Budget 2026", "Forvaltningen har udarbejdet et forslag til budget for det kommende år, som fremlægges "
     "til drøftelse i udvalget med henblik på videre behandling i byrådet.", "Beslutning: Anbefalet."),
    ("3. Skolestruktur", "Udvalget drøftede den fremtidige skolestruktur i lyset af de faldende børnetal i "
     "landdistrikterne og behovet for nye lokaler.", "Beslutning: Sagen udsættes."),
    ("4. Eventuelt", "Der blev orienteret om det kommende temamøde i juni samt om status på arbejdet med den "
     "nye klimaplan for kommunen.", "Beslutning: Taget til efterretning."),
]
OUTCOMES = [("1", "approved"), ("2", "recommended"), ("3", "postponed"), ("4", "noted")]


def _latin(s: str) -> str:
    return s.encode("latin-1").decode("latin-1")


def two_column_pdf() -> bytes:
    """Minutes set in two balanced, justified columns (as a newsletter-style template does): items 1-2 in the
    left column, 3-4 in the right, the columns' lines side by side on the same baselines."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.cell(0, 6, _latin("Referat af møde i Børne- og Skoleudvalget"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    with pdf.text_columns(ncols=2, gutter=10, text_align="J", balance=True) as columns:
        for title, body, decision in ITEMS:
            columns.write(_latin(f"{title}\n{(body + ' ') * 5}\n{decision}\n\n"))
    return bytes(pdf.output())


def side_box_pdf() -> bytes:
    """Minutes in a main column, ragged right, with a bordered fact box beside the last item (drawn after the
    main text, as a text box anchored there is)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.cell(0, 6, _latin("Referat af møde i Børne- og Skoleudvalget"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    top = pdf.get_y()
    for title, body, decision in ITEMS:
        top = pdf.get_y()
        pdf.multi_cell(120, 5, _latin(f"{title}\n{(body + ' ') * 2}\n{decision}\n"), align="L",
                       new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(140, top)
    pdf.multi_cell(60, 5, _latin("Fakta om udvalget\nUdvalget har ni medlemmer og mødes en gang om måneden i "
                                 "rådhusets mødesal. Møderne er åbne for offentligheden."), border=1)
    return bytes(pdf.output())


@pytest.mark.parametrize("make", [two_column_pdf, side_box_pdf], ids=["two-columns", "side-box"])
def test_columns_and_side_boxes_come_out_in_reading_order(make) -> None:  # type: ignore[no-untyped-def]
    from referat_parser.pipeline import read_data

    data = make()
    d = read_bytes(data, path="m.pdf")
    assert " | " not in d.text and not d.tables
    words = d.text.split()
    # each item whole and in order: its title, all of its text, its decision, then the next item
    at = [words.index(title.split()[1]) for title, _, _ in ITEMS]
    assert at == sorted(at)
    for (_title, body, decision), start, end in zip(ITEMS, at, [*at[1:], len(words)], strict=True):
        assert " ".join(words[start:end]).count(_latin(body.split(",")[0])) >= 2
        assert _latin(decision) in " ".join(words[start:end])
    out = read_data(data, path="m.pdf")
    assert [(i["number"], i["decision"]["outcome"]) for i in out["items"]] == OUTCOMES
    if make is side_box_pdf:  # the box's text stays one block
        assert "Fakta om udvalget Udvalget har ni medlemmer og mødes en gang om måneden i rådhusets mødesal." \
            in " ".join(words)


# ---- page chrome -----------------------------------------------------------------------------------------

CHROME_BODY = ("Udvalget drøftede sagen grundigt og lagde vægt på at borgerne skal inddrages tidligt i "
               "processen. " * 150).split()


def chrome_pdf(variant: str) -> bytes:
    """One item whose text runs over several pages, under page chrome: ``footer-first``, a footer of two lines
    (address, page number) that the page draws before a header of two lines, as Word's PDFs often do, so that
    pdfium gives five lines of chrome before the text; ``alternating``, headers that alternate between odd and
    even pages."""
    from fpdf import FPDF

    class Minutes(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", size=8)
            if variant == "footer-first":
                self.set_auto_page_break(False)
                y = self.get_y()
                self.set_y(-18)
                self.cell(0, 4, _latin("Økonomiudvalget · Rådhuset · 7400 Herning"), new_x="LMARGIN", new_y="NEXT")
                self.cell(0, 4, f"Side {self.page_no()} af {{nb}}", align="C", new_x="LMARGIN", new_y="NEXT")
                self.set_y(y)
                self.set_auto_page_break(True, 22)
                self.cell(0, 5, "Herning Kommune", new_x="LMARGIN", new_y="NEXT")
                self.cell(0, 5, _latin("Referat - Økonomiudvalget 3. marts 2025"), new_x="LMARGIN", new_y="NEXT")
            else:
                odd = self.page_no() % 2
                self.cell(0, 5, _latin("Økonomiudvalget" if odd else "Referat 3. marts 2025"),
                          align="R" if odd else "L", new_x="LMARGIN", new_y="NEXT")
            self.ln(3)
            self.set_font("helvetica", size=10)

        def footer(self) -> None:
            if variant != "footer-first":
                self.set_y(-14)
                self.set_font("helvetica", size=8)
                self.cell(0, 5, str(self.page_no()), align="C")

    pdf = Minutes()
    pdf.set_auto_page_break(True, 22)
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.cell(0, 5, "1. Budget", new_x="LMARGIN", new_y="NEXT")
    copies = 1 if variant == "footer-first" else 3  # the alternating headers need 6 pages or more
    pdf.multi_cell(0, 5, _latin(" ".join(CHROME_BODY * copies)), new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, "Beslutning: Godkendt.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.mark.parametrize("variant", ["footer-first", "alternating"])
def test_page_chrome_never_splits_an_items_text(variant: str) -> None:
    from referat_parser.pipeline import read_data

    data = chrome_pdf(variant)
    d = read_bytes(data, path="m.pdf")
    assert d.pages and d.pages >= (3 if variant == "footer-first" else 6)
    copies = 1 if variant == "footer-first" else 3
    assert d.text.split() == ["1.", "Budget", *(_latin(w) for w in CHROME_BODY * copies), "Beslutning:", "Godkendt."]
    item = read_data(data, path="m.pdf")["items"][0]
    assert item["decision"]["outcome"] == "approved" and (item["span"]["page_start"], item["span"]["page_end"]) == (
        1, d.pages)


def test_a_repeated_line_on_two_pages_or_below_the_edge_is_content() -> None:
    """The deeper look at an edge is for pages whose edge lines all went: a body line is not stripped for
    repeating once the header above it is gone."""
    words = ["budget", "skole", "vej", "park", "havn", "kultur", "sport", "klima", "natur", "by", "land", "hav"]
    body = [[f"Om {w}" for w in words[k:k + 3]] for k in range(0, 12, 3)]
    pages = [[f"Økonomiudvalget {i + 1}.3.2024", *body[i][:2], "Beslutning", body[i][2], f"{i + 1}/4"]
             for i in range(4)]
    assert strip_furniture(pages) == [[*body[i][:2], "Beslutning", body[i][2]] for i in range(4)]
    # but a page whose first three lines all go is looked at below them
    deep = [["Herning Kommune", "Rådhuset", f"Side {i + 1} af 4", "Referat 3.3.2024", *body[i]] for i in range(4)]
    assert strip_furniture(deep) == body


def test_a_label_beside_a_column_of_names_stays_a_table() -> None:
    """Drawn label first, then the names (column by column, as a cell is), in two rows of which the second has
    no label: still a table, not columns of text (one column has one line)."""
    from fpdf import FPDF

    names = [["Anne Fink", "Jan Nybo", "Lene Birk"], ["Eva Knudsen", "Tue Pålman", "Grethe Kirk"]]
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    with pdf.table(col_widths=(30, 160), first_row_as_headings=False) as table:
        for label, cell in (("Deltagere:", names[0]), ("", names[1])):
            row = table.row()
            row.cell(label)
            row.cell(_latin("\n".join(cell)))
    pdf.cell(0, 6, "1. Godkendelse af dagsorden", new_x="LMARGIN", new_y="NEXT")
    d = read_bytes(bytes(pdf.output()))
    assert d.tables == 1
    assert d.text.split("\n")[:7] == ["Deltagere:", *(_latin(n) for n in names[0] + names[1])]
