"""PDF, DOCX and SVG draw judul_flowchart, periode and the worksheet page (lembar_kerja)."""

from __future__ import annotations

import io

from docx.oxml.ns import qn
from pypdf import PdfReader

from sopdoc.layout import PageProfile, layout_sop
from sopdoc.model.sop import LangkahKerja, LembarKerja, Periode
from sopdoc.render.docx import docx_bytes
from sopdoc.render.pdf import render_pdf
from sopdoc.render.svg import render_svg
from tests.layout.builders import make_sop
from tests.render.docx_helpers import all_text, open_docx
from tests.xml_check import assert_well_formed

TITLE = "SOP : PENGUMPULAN DATA KINERJA"
LK = LembarKerja(judul_sop="Pengumpulan Data Kinerja", jenis_kegiatan="Rutin",
                 langkah=(LangkahKerja(no=1, tahap="awal", uraian="Menghimpun data capaian"),))


def _sop(**update):
    return make_sop(6).model_copy(update=update)


def test_pdf_pages_show_worksheet_periode_and_title() -> None:
    sop = _sop(judul_flowchart=TITLE, periode=Periode.BULANAN, lembar_kerja=LK)
    reader = PdfReader(io.BytesIO(render_pdf(sop, layout_sop(sop), attach=False)))
    texts = [p.extract_text() for p in reader.pages]
    assert "LEMBAR KERJA IDENTIFIKASI KEGIATAN" in texts[0] and "Halaman 1 dari" in texts[0]
    assert "Periode" in texts[1] and "Bulanan" in texts[1] and "Nomor SOP" in texts[1]
    assert all(TITLE in t for t in texts[2:])


def test_svg_draws_the_title() -> None:
    svg = render_svg(layout_sop(_sop(judul_flowchart=TITLE)))
    assert f">{TITLE}</text>" in svg
    assert_well_formed(svg)


def test_docx_periode_row_only_when_set() -> None:
    plain = all_text(open_docx(docx_bytes(_sop())).element.body.find(qn("w:tbl")))
    assert "Periode" not in plain and "{%" not in plain
    shown = all_text(open_docx(docx_bytes(_sop(periode=Periode.TRIWULAN))).element.body.find(qn("w:tbl")))
    assert "Periode" in shown and "Triwulan" in shown


def test_docx_title_paragraphs_take_the_reserved_height() -> None:
    sop = _sop(judul_flowchart=TITLE)
    layout = layout_sop(sop)
    body = open_docx(docx_bytes(sop, layout=layout)).element.body
    mt = PageProfile().margins_pt()[0]
    tables = body.findall(qn("w:tbl"))[1:]
    assert len(tables) == len(layout.flow_pages)
    for tbl, page in zip(tables, layout.flow_pages, strict=False):
        heights, texts = [], []
        node = tbl.getprevious()
        while node is not None and node.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
            heights.append(int(node.find(f"{qn('w:pPr')}/{qn('w:spacing')}").get(qn("w:line"))))
            texts.append("".join(t.text for t in node.iter(qn("w:t"))))
            node = node.getprevious()
        assert TITLE in texts
        assert abs(sum(heights) / 20 - (page.table.y - mt)) <= 0.1


def test_docx_worksheet_comes_first_in_its_own_section() -> None:
    body = open_docx(docx_bytes(_sop(lembar_kerja=LK))).element.body
    first = body.find(qn("w:tbl"))
    assert "C. IDENTIFIKASI LANGKAH" in all_text(first)
    nxt = first.getnext()
    assert nxt.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    refs = nxt.find(f"{qn('w:pPr')}/{qn('w:sectPr')}").findall(qn("w:footerReference"))
    assert refs, "the first section carries the footer (Halaman X dari Y)"
