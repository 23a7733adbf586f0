"""One geometry for every format: the DOCX identity page, converted by LibreOffice, against our PDF.

For every example and a few generated SOPs (long boxes and signature, no effective date so the
DRAFT watermark shows, serif on A4 portrait, a logo, a serif draft), the DOCX is converted to PDF
by LibreOffice in one batch and compared with sopdoc's own PDF of the same layout: the same page
count; every border of the identity table within 1 pt; every text of the identity page on the
same lines (same words per line) with baselines within 1.5 pt; the watermark at the same angle,
place and size (measured from pixels).
Skipped without ``soffice``.
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
import subprocess
import tempfile
from pathlib import Path

import pdfplumber
import pytest

from sopdoc.layout import PageProfile, layout_sop
from sopdoc.layout.geometry import Orientation, PageKind
from sopdoc.model.sop import Pengesahan, Periode
from sopdoc.render.docx import docx_bytes
from sopdoc.render.pdf import render_pdf
from tests.layout.builders import make_sop
from tests.render.docx_helpers import example_paths, load
from tests.render.test_docx_libreoffice import SOFFICE, convert
from tests.render.test_pdf_logo import _png

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
EDGE_TOL = 1.0
BASELINE_TOL = 1.5

LONG = ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 "
        "tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan")


def _generated(tmp: Path) -> dict[str, tuple[object, PageProfile]]:
    long_boxes = make_sop(12, 5, efektif=False).model_copy(update={
        "dasar_hukum": tuple(f"{LONG} ({i})" for i in range(1, 9)),
        "kualifikasi_pelaksana": tuple(f"Memahami tugas pokok dan fungsi bidang ke-{i}" for i in range(1, 7)),
        "peringatan": (LONG,), "periode": Periode("triwulan")})

    ident = long_boxes.identitas.model_copy(update={
        "nama": "Penyusunan Laporan Kinerja Instansi Pemerintah dan Evaluasi Capaian Kinerja Triwulanan",
        "unit": "Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
        "alamat": "Jl. Pahlawan No. 1, Telepon (0362) 123456",
        "disahkan_oleh": Pengesahan(jabatan="Kepala Badan Perencanaan Pembangunan, Penelitian dan Pengembangan "
                                               "Daerah", nama="Dr. Ir. I Made Contoh, M.Si.",
                                       pangkat="Pembina Utama Muda", nip="19650215 199703 1 003")})
    long_boxes = long_boxes.model_copy(update={"identitas": ident})
    logo = tmp / "logo.png"
    _png(logo, 16, 10)
    signed = make_sop(6, 2).model_copy(update={"identitas": make_sop(6, 2).identitas.model_copy(
        update={"tanggal_pembuatan": dt.date(2025, 12, 1)})})
    return {
        "generated-long-draft": (long_boxes, PageProfile()),
        "generated-serif-a4-portrait": (make_sop(10, 3), PageProfile(font="serif", kertas="a4",
                                                                     orientasi_identitas=Orientation.PORTRAIT)),
        "generated-logo": (signed, PageProfile(logo=str(logo))),
        "generated-serif-draft": (make_sop(8, 4, efektif=False), PageProfile(font="serif", kertas="a4")),
    }


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, tuple[object, Path, Path]]:
    """name → (layout, sopdoc's PDF, LibreOffice's PDF of sopdoc's DOCX)."""
    work = tmp_path_factory.mktemp("lo-identity")
    cases = {p.name.replace(".sop.yaml", ""): (load(p), PageProfile()) for p in example_paths()}
    cases.update(_generated(work))
    out = {}
    docs = []
    for name, (sop, profile) in cases.items():
        layout = layout_sop(sop, profile)
        docx = work / f"{name}.docx"
        docx.write_bytes(docx_bytes(sop, profile=profile, layout=layout))
        ours = work / f"{name}.ours.pdf"
        ours.write_bytes(render_pdf(sop, layout))
        docs.append(docx)
        out[name] = (layout, ours, work / f"{name}.pdf")
    convert(docs, work)
    return out


NAMES = [p.name.replace(".sop.yaml", "") for p in example_paths()] + [
    "generated-long-draft", "generated-serif-a4-portrait", "generated-logo", "generated-serif-draft"]


def _identity(layout):
    return next(p for p in layout.pages if p.kind is PageKind.IDENTITY)


@pytest.mark.parametrize("name", NAMES)
def test_same_page_count_as_the_pdf(converted, name: str) -> None:
    layout, ours, lo = converted[name]
    with pdfplumber.open(ours) as a, pdfplumber.open(lo) as b:
        assert len(b.pages) == len(a.pages) == len(layout.pages)


def _has_edge(edges: list[dict], orientation: str, at: float, lo: float, hi: float) -> bool:
    for e in edges:
        if e["orientation"] != orientation:
            continue
        if orientation == "h" and abs(e["top"] - at) <= EDGE_TOL and e["x0"] <= lo + EDGE_TOL \
                and e["x1"] >= hi - EDGE_TOL:
            return True
        if orientation == "v" and abs(e["x0"] - at) <= EDGE_TOL and e["top"] <= lo + EDGE_TOL \
                and e["bottom"] >= hi - EDGE_TOL:
            return True
    return False


def _merged(edges: list[dict]) -> list[dict]:
    """Collinear touching edges joined (a Word border is drawn cell by cell); slanted edges (the
    watermark's outlines) left out."""
    edges = [e for e in edges if e["orientation"] in ("h", "v")]
    out: list[dict] = []
    for e in sorted(edges, key=lambda e: (e["orientation"], round(e["top"] if e["orientation"] == "h" else e["x0"]),
                                          e["x0"] if e["orientation"] == "h" else e["top"])):
        last = out[-1] if out else None
        if last is not None and last["orientation"] == e["orientation"] == "h" and abs(last["top"] - e["top"]) < 0.6 \
                and e["x0"] <= last["x1"] + 0.6:
            last["x1"] = max(last["x1"], e["x1"])
        elif last is not None and last["orientation"] == e["orientation"] == "v" and abs(last["x0"] - e["x0"]) < 0.6 \
                and e["top"] <= last["bottom"] + 0.6:
            last["bottom"] = max(last["bottom"], e["bottom"])
        else:
            out.append(dict(e))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_identity_table_borders_where_the_layout_put_them(converted, name: str) -> None:
    layout, _ours, lo = converted[name]
    page = _identity(layout)
    with pdfplumber.open(lo) as pdf:
        edges = _merged(pdf.pages[page.number - 1].edges)
    cells = [c for c in page.cells if c.border]
    assert len(cells) >= 20
    for c in cells:
        r = c.rect
        assert _has_edge(edges, "h", r.y, r.x, r.right), (c.role, "top")
        assert _has_edge(edges, "h", r.bottom, r.x, r.right), (c.role, "bottom")
        assert _has_edge(edges, "v", r.x, r.y, r.bottom), (c.role, "left")
        assert _has_edge(edges, "v", r.right, r.y, r.bottom), (c.role, "right")


def _lines_in(chars: list[dict], rect) -> list[tuple[str, float]]:
    """(text, baseline) of the lines whose characters' centres lie in ``rect`` (the baseline from
    the text matrix: ``top`` depends on the ascent each producer writes into the font descriptor)."""
    inside = [c for c in chars if rect.x - 1 <= (c["x0"] + c["x1"]) / 2 <= rect.right + 1
              and rect.y - 1 <= (c["top"] + c["bottom"]) / 2 <= rect.bottom + 1]
    rows: dict[float, list[dict]] = {}
    for c in sorted(inside, key=lambda c: (c["top"], c["x0"])):
        key = next((k for k in rows if abs(k - c["top"]) < 2), c["top"])
        rows.setdefault(key, []).append(c)
    out = []
    for _top, cs in sorted(rows.items()):
        text = " ".join("".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"])).replace("\u2011", "-").split())
        if text:
            out.append((text, cs[0]["top"] + cs[0]["y1"] - cs[0]["matrix"][5]))
    return out


def _upright(page) -> list[dict]:
    return [c for c in page.chars if c["size"] < 30]  # not the DRAFT watermark


@pytest.mark.parametrize("name", NAMES)
def test_identity_texts_on_the_same_lines_as_the_pdf(converted, name: str) -> None:
    layout, ours, lo = converted[name]
    page = _identity(layout)
    with pdfplumber.open(ours) as a, pdfplumber.open(lo) as b:
        want_chars, got_chars = _upright(a.pages[page.number - 1]), _upright(b.pages[page.number - 1])
        checked = 0
        for cell in page.cells:
            if cell.text is None or not any(line.strip() for line in cell.text.lines):
                continue
            want, got = _lines_in(want_chars, cell.rect), _lines_in(got_chars, cell.rect)
            assert [t for t, _ in got] == [t for t, _ in want], (cell.role, got, want)
            for (_, top_got), (_, top_want) in zip(got, want, strict=True):
                assert abs(top_got - top_want) <= BASELINE_TOL, (cell.role, top_got, top_want)
            checked += 1
        assert checked >= 15


PDFTOPPM = shutil.which("pdftoppm")
WATERMARK_BAND = (205, 225)
"""Grey levels of the watermark's fill (217) on a 50 dpi greyscale raster: above the shaded header
cells' fill (230), below anti-aliased text and grid only where three pixels in a row are in it."""
ANGLE_TOL = 2.0
PLACE_TOL = 0.03
"""Centre and extent of the watermark: within 3 % of the page's width and height."""


def _raster(pdf: Path, number: int):
    """Page ``number`` of ``pdf`` as a 50 dpi greyscale array (poppler's pdftoppm)."""
    import numpy as np
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([str(PDFTOPPM), "-gray", "-r", "50", "-f", str(number), "-l", str(number), "-singlefile",
                        str(pdf), f"{tmp}/page"], check=True, timeout=60)
        with Image.open(f"{tmp}/page.pgm") as img:
            return np.asarray(img)


def _watermark_pixels(img) -> dict[str, float] | None:
    """The watermark measured from pixels: the principal axis of the pixels in its grey band whose
    eight neighbours are in the band too (the interiors of its strokes; grid lines and text edges
    are too thin to have any), as degrees anticlockwise, and the bounding box (centre and size) as
    fractions of the page. None when fewer than 200 such pixels (no watermark)."""
    import numpy as np

    band = (img >= WATERMARK_BAND[0]) & (img <= WATERMARK_BAND[1])
    core = band[1:-1, 1:-1].copy()
    rows, cols = band.shape
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            core &= band[1 + dy:rows - 1 + dy, 1 + dx:cols - 1 + dx]
    ys, xs = np.nonzero(core)
    if len(xs) < 200:
        return None
    _values, vectors = np.linalg.eigh(np.cov(np.vstack([xs, ys]).astype(float)))
    vx, vy = vectors[:, -1]
    angle = (math.degrees(math.atan2(-vy, vx)) + 90.0) % 180.0 - 90.0  # y grows downwards in the raster
    return {"angle": angle, "cx": (xs.min() + xs.max() + 2) / 2 / cols, "cy": (ys.min() + ys.max() + 2) / 2 / rows,
            "w": (xs.max() - xs.min()) / cols, "h": (ys.max() - ys.min()) / rows}


@pytest.mark.skipif(PDFTOPPM is None, reason="poppler's pdftoppm is not installed")
@pytest.mark.parametrize("name", NAMES)
def test_watermark_rotated_like_the_pdf(converted, name: str) -> None:
    """Every page of a draft: LibreOffice draws the watermark at our PDF's angle, place and size
    (measured from pixels: LibreOffice's PDF has no watermark text); no watermark without a draft."""
    layout, ours, lo = converted[name]
    for number in range(1, len(layout.pages) + 1):
        want, got = _watermark_pixels(_raster(ours, number)), _watermark_pixels(_raster(lo, number))
        if not layout.draft:
            assert want is None and got is None, (number, want, got)
            continue
        assert want is not None and got is not None, (number, want, got)
        assert abs(want["angle"] - 30.0) <= 10.0, want  # the measure sees the PDF's turned word (text covers parts)
        assert abs(want["angle"] - got["angle"]) <= ANGLE_TOL, (number, want, got)
        for key in ("cx", "cy", "w", "h"):
            assert abs(want[key] - got[key]) <= PLACE_TOL, (number, key, want, got)
