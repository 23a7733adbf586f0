"""pdfium pages stand in for pdfplumber's: same text, same shapes by kind and stroke width."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from sopdoc.importers.pdf.pdfium import open_pdfium_pages
from sopdoc.layout import layout_sop
from sopdoc.render.pdf import render_pdf
from sopdoc.source.reader import load_sop
from tests.conftest import EXAMPLES
from tests.importers.pdf.fixtures import CORPUS


def _shapes(page) -> Counter:
    return Counter((o["object_type"], round(float(o["linewidth"] or 0), 2), bool(o["stroke"]), len(o["pts"]))
                   for o in page.rects + page.curves + page.lines if o["stroke"])


def _text(page) -> str:
    return "".join(sorted("".join(c["text"] for c in page.chars).replace(" ", "")))


@pytest.fixture(scope="module")
def own_pdf(tmp_path_factory) -> Path:
    sop = load_sop(EXAMPLES / "pengumpulan-data-kinerja.sop.yaml").sop
    path = tmp_path_factory.mktemp("pdfium") / "sop.pdf"
    path.write_bytes(render_pdf(sop, layout_sop(sop), attach=False))
    return path


def test_own_pdf_objects_match_pdfplumber(own_pdf: Path) -> None:
    total, fast = open_pdfium_pages(str(own_pdf), 30)
    with pdfplumber.open(own_pdf) as pdf:
        assert total == len(pdf.pages) == len(fast)
        for a, b in zip(fast, pdf.pages, strict=False):
            assert _shapes(a) == _shapes(b)
            assert _text(a) == _text(b)
            for ca, cb in zip(a.chars, b.chars, strict=False):
                assert abs(ca["matrix"][4] - cb["matrix"][4]) < 0.5 and abs(ca["matrix"][5] - cb["matrix"][5]) < 0.2


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.pdf")))
def test_corpus_text_and_grid_match_pdfplumber(name: str) -> None:
    """Signed PDFs wrap each page in a form XObject (scaled): sizes and positions must follow it."""
    _, fast = open_pdfium_pages(str(CORPUS / name), 30)
    with pdfplumber.open(CORPUS / name) as pdf:
        for a, b in zip(fast, pdf.pages, strict=False):
            assert len(a.rects) == len(b.rects)
            assert _text(a) == _text(b)
            sizes_a = Counter(round(c["size"], 1) for c in a.chars)
            sizes_b = Counter(round(c["size"], 1) for c in b.chars)
            assert sizes_a.most_common(1)[0][0] == sizes_b.most_common(1)[0][0]


def test_ligature_glyph_stays_one_character(tmp_path: Path) -> None:
    from sopdoc.model.sop import Kegiatan, Simbol, Sop

    sop = Sop(pelaksana=("Staf",), kegiatan=(Kegiatan(no=1, uraian="x \ufb01 fi y", pelaksana=("Staf",),
                                                      simbol=Simbol.PROSES),))
    path = tmp_path / "ligatur.pdf"
    path.write_bytes(render_pdf(sop, layout_sop(sop), attach=False))
    _, fast = open_pdfium_pages(str(path), 5)
    line = "".join(c["text"] for c in fast[1].chars if c["text"] in "x\ufb01fiy ")
    assert "x \ufb01 fi y" in line


def test_rotated_page_is_left_to_pdfplumber(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "diputar.pdf"
    canvas = Canvas(str(path))
    canvas.drawString(72, 720, "x")
    canvas.setPageRotation(90)
    canvas.showPage()
    canvas.save()
    with pytest.raises(ValueError):
        open_pdfium_pages(str(path), 5)
