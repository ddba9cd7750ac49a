"""The PDF reader's costs and reading order (issue 22): what it asks pdfium for, and in what order text comes."""

from __future__ import annotations

import zlib

import pytest

import referat_parser.readers.pdf as P
from referat_parser.readers import read_bytes
from referat_parser.readers.budget import Budget
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
