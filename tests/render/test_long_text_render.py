"""Long text never truncated in the painted documents (issue #16, item 6): every character of a
3,000-character uraian, of 30 kelengkapan items and of a long output appears in the PDF's text
and in the DOCX, across the continuation rows, in order; LibreOffice lays the DOCX out on as
many pages as the PDF, with each continuation mark."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from docx.oxml.ns import qn

from sopdoc.layout import PageProfile, layout_sop
from sopdoc.layout.geometry import BULLET, ColumnKind
from sopdoc.model.labels import CONTINUED
from sopdoc.render.docx import docx_bytes
from sopdoc.render.pdf import render_pdf
from tests.layout.test_layout_continuation import PROFILES, long_sop
from tests.render.docx_helpers import grid_cells, open_docx

KINDS = (ColumnKind.KEGIATAN, ColumnKind.KELENGKAPAN, ColumnKind.OUTPUT)


def _source(step, kind: ColumnKind) -> str:
    text = {ColumnKind.KEGIATAN: step.uraian, ColumnKind.OUTPUT: step.mutu_baku.output or "",
            ColumnKind.KELENGKAPAN: "".join(step.mutu_baku.kelengkapan)}[kind]
    return "".join(text.split())


def _shown(text: str) -> str:
    """Painted text without what the painter adds: the continuation mark, bullets, hyphens
    shown where a word was broken (the source texts hold none), white space."""
    text = unicodedata.normalize("NFKC", text).replace(CONTINUED, "").replace(BULLET, "")
    return "".join(text.replace("\u2010", "").replace("-", "").split())


def _cells(doc, step: int, kind: ColumnKind):
    for page in doc.flow_pages:
        for row in page.table.step_rows:
            if row.step == step:
                col = next(c for c in page.table.columns if c.kind is kind)
                yield page, row, next(c for c in row.cells if c.col == col.index)


@pytest.mark.parametrize("profile", list(PROFILES))
def test_every_character_appears_in_the_pdf_text(profile):
    sop = long_sop()
    doc = layout_sop(sop, PageProfile.resolve(PROFILES[profile]))
    with pdfplumber.open(io.BytesIO(render_pdf(sop, doc, attach=False))) as pdf:
        for i, step in enumerate(sop.kegiatan):
            for kind in KINDS:
                got = []
                for page, _row, cell in _cells(doc, i, kind):
                    r = cell.rect
                    words = pdf.pages[page.number - 1].crop((r.x, r.y, r.right, r.bottom)).extract_words(
                        use_text_flow=True, keep_blank_chars=False)
                    got.append(" ".join(w["text"] for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"]))))
                assert _shown(" ".join(got)) == _source(step, kind), (i, kind)


@pytest.mark.parametrize("profile", list(PROFILES))
def test_every_character_appears_in_the_docx(profile):
    sop = long_sop()
    prof = PageProfile.resolve(PROFILES[profile])
    layout = layout_sop(sop, prof)
    body = open_docx(docx_bytes(sop, profile=prof, layout=layout)).element.body
    tables = body.findall(qn("w:tbl"))[-len(layout.flow_pages):]
    for i, step in enumerate(sop.kegiatan):
        for kind in KINDS:
            got = []
            for page, row, cell in _cells(layout, i, kind):
                tbl = tables[layout.flow_pages.index(page)]
                tc = dict(grid_cells(tbl.findall(qn("w:tr"))[row.index]))[cell.col]
                got += [t.text or "" for t in tc.iter(qn("w:t"))
                        if not any(a.tag.endswith("}txbxContent") for a in t.iterancestors())]
            assert _shown("".join(got)) == _source(step, kind), (i, kind)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_gives_the_docx_as_many_pages_as_the_pdf(tmp_path: Path):
    sop = long_sop()
    layout = layout_sop(sop)
    src = tmp_path / "panjang.docx"
    src.write_bytes(docx_bytes(sop, layout=layout))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=240)
    with pdfplumber.open(tmp_path / "panjang.pdf") as pdf:
        assert len(pdf.pages) == len(layout.pages)
        text = "".join(p.extract_text() or "" for p in pdf.pages)
    continued = sum(1 for p in layout.flow_pages for r in p.table.step_rows if r.part > 0)
    assert continued >= 1 and text.count(CONTINUED) == continued
