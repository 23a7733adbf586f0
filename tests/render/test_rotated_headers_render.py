"""Rotated actor headers (issue #16, item 3) come out the same in PDF, DOCX and SVG: text turned
90° reading bottom-to-top in each actor header cell, and read back as the actor's name."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pdfplumber

from sopdoc.importers.docx.importer import import_docx_file
from sopdoc.importers.pdf.importer import import_pdf_file
from sopdoc.layout import layout_sop
from sopdoc.layout.geometry import ColumnKind
from sopdoc.render.docx import docx_bytes
from sopdoc.render.pdf import render_pdf
from sopdoc.render.svg import render_svg
from sopdoc.source.reader import load_sop
from tests.conftest import DATA

SOP = load_sop(DATA / "layout" / "delapan-pelaksana-nama-panjang.sop.yaml").sop


def _actor_cells(page):
    table = page.table
    return [c for c in table.rows[1].cells if table.columns[c.col].kind is ColumnKind.PELAKSANA]


def test_pdf_sets_actor_headers_bottom_to_top_inside_their_cells():
    doc = layout_sop(SOP)
    with pdfplumber.open(io.BytesIO(render_pdf(SOP, doc, attach=False))) as pdf:
        for lp in doc.flow_pages:
            page = pdf.pages[lp.number - 1]
            for cell in _actor_cells(lp):
                r = cell.rect
                inside = [c for c in page.chars if r.x <= (c["x0"] + c["x1"]) / 2 <= r.right
                          and r.y <= (c["top"] + c["bottom"]) / 2 <= r.bottom]
                assert inside and not any(c["upright"] for c in inside)
                # every glyph inside the cell, reading upwards: the lowest glyph starts the name
                assert all(r.x - 0.5 <= c["x0"] and c["x1"] <= r.right + 0.5 and r.y - 0.5 <= c["top"]
                           and c["bottom"] <= r.bottom + 0.5 for c in inside)
                first_line = min(round(c["matrix"][4], 1) for c in inside)
                line = sorted((c for c in inside if round(c["matrix"][4], 1) == first_line), key=lambda c: -c["bottom"])
                assert cell.text.lines[0].startswith("".join(c["text"] for c in line).strip())


def _without_customxml(raw: bytes, path: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if not info.filename.startswith("customXml/"):
                zout.writestr(info, zin.read(info))
    return path


def test_docx_actor_header_cells_read_bottom_to_top():
    raw = docx_bytes(SOP)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    pages = len(layout_sop(SOP).flow_pages)
    assert xml.count('<w:textDirection w:val="btLr"/>') == 8 * pages


def test_svg_turns_actor_header_text():
    doc = layout_sop(SOP)
    svg = render_svg(doc, include_identity=False, embed_font=False)
    turned = re.findall(r'<text [^>]*transform="translate\(([\d.]+) ([\d.]+)\) rotate\(-90\)"[^>]*>([^<]*)</text>', svg)
    cells = [c for p in doc.flow_pages for c in _actor_cells(p)]
    assert len(turned) == sum(len(c.text.lines) for c in cells)
    first = cells[0]
    assert (float(turned[0][0]), turned[0][2]) == (round(first.rect.x, 2), first.text.lines[0])


def test_own_pdf_and_docx_read_rotated_actor_names_back(tmp_path: Path):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(render_pdf(SOP, layout_sop(SOP), attach=False))
    docx = _without_customxml(docx_bytes(SOP), tmp_path / "x.docx")
    for got in (import_pdf_file(pdf).load.sop, import_docx_file(docx).load.sop):
        assert got is not None
        assert got.pelaksana == SOP.pelaksana
        assert [k.pelaksana for k in got.kegiatan] == [k.pelaksana for k in SOP.kegiatan]
