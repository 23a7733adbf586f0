"""The paper writers stay bounded: at most PAPER_ROWS rows per table with a note naming the
XLSX/JSON, and a cell longer than a page is cut (a 20,000-character step text once made reportlab
give up with a LayoutError)."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest

from sopdoc.katalog import writers
from sopdoc.katalog.blocks import Heading, Table


def _blocks(rows: int, cell: str = "x") -> list:
    return [Heading("Uji", 0), Table("Uji", ["No", "Teks"], [[i, cell] for i in range(rows)], [1, 5])]


def test_long_tables_are_cut_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writers, "PAPER_ROWS", 10)
    with zipfile.ZipFile(BytesIO(writers.report_docx(_blocks(13), "en"))) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "3 more rows of this table are in the XLSX and JSON reports" in body
    assert ">9<" in body and ">10<" not in body  # rows 0–9 shown
    from pypdf import PdfReader

    pdf = PdfReader(BytesIO(writers.report_pdf(_blocks(13), "id")))
    assert "3 baris lagi dari tabel ini ada di laporan XLSX dan JSON" in "".join(p.extract_text() for p in pdf.pages)
    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(writers.report_xlsx(_blocks(13))), read_only=True)["Uji"]
    assert len(list(sheet.iter_rows())) == 14  # the workbook keeps every row


def test_a_huge_cell_is_cut_on_paper() -> None:
    huge = "Menyusun laporan kinerja " * 1000
    assert writers.report_pdf(_blocks(2, huge)).startswith(b"%PDF")
    with zipfile.ZipFile(BytesIO(writers.report_docx(_blocks(2, huge)))) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "…" in body and huge not in body
