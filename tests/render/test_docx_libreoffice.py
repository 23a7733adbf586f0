"""LibreOffice renders our DOCX where the layout put everything (skipped without ``soffice``).

Each DOCX is converted to PDF by LibreOffice and read with pdfplumber: the page count equals the
layout's, every symbol lies within 1 pt of its layout box, connector pieces land within 1 pt of
the layout and join each other within 1 pt, and every text cell wraps at the same words as the
layout without leaving its cell. "exact-fill" is a SOP whose first page would end on the bottom
margin without the layout's reserve (LibreOffice would then add a blank page).
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pdfplumber
import pytest

from sopdoc.layout import PageProfile, layout_sop
from sopdoc.layout.geometry import BULLET, LINE_WIDTHS, LineClass, PageKind, SymbolKind
from sopdoc.render.docx import render_docx
from tests.render.docx_helpers import exact_fill_case, example_paths, load, long_sop

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
TOL = 1.0


def convert(docx_files: list[Path], out_dir: Path) -> None:
    """Convert DOCX files to PDF with one LibreOffice run and a private profile."""
    profile = Path("/tmp") / f"lo-profile-sopdoc-{uuid.uuid4().hex}"
    try:
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out_dir), *map(str, docx_files)], check=True,
                       timeout=120 + 30 * len(docx_files), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={**os.environ, "HOME": str(profile)})
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[object, Path]]:
    """name → (layout, LibreOffice PDF) for every example, the fixtures and a long SOP."""
    work = tmp_path_factory.mktemp("lo")
    cases = {p.name: (load(p), PageProfile()) for p in example_paths()}
    cases["long-26-steps"] = (long_sop(26), PageProfile())
    cases["exact-fill"] = exact_fill_case()
    out: dict[str, tuple[object, Path]] = {}
    docs = []
    for name, (sop, profile) in cases.items():
        stem = name.replace(".sop.yaml", "")
        docx = work / f"{stem}.docx"
        render_docx(sop, docx, profile=profile)
        docs.append(docx)
        out[name] = (layout_sop(sop, profile), work / f"{stem}.pdf")
    convert(docs, work)
    return out


NAMES = [p.name for p in example_paths()] + ["long-26-steps", "exact-fill"]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOL


@pytest.mark.parametrize("name", NAMES)
def test_page_count_equals_layout(rendered, name: str) -> None:
    layout, pdf_path = rendered[name]
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) == len(layout.pages)


def _symbol_objects(page) -> list[dict]:
    width = LINE_WIDTHS[LineClass.SYMBOL]
    return [o for o in page.rects + page.curves if abs((o.get("linewidth") or 0) - width) < 0.05]


@pytest.mark.parametrize("name", NAMES)
def test_symbols_within_one_point(rendered, name: str) -> None:
    layout, pdf_path = rendered[name]
    with pdfplumber.open(pdf_path) as pdf:
        for lp in layout.pages:
            if lp.kind is not PageKind.FLOWCHART:
                continue
            objs = _symbol_objects(pdf.pages[lp.number - 1])
            assert len(objs) == len(lp.symbols)
            for sym in lp.symbols:
                r = sym.rect
                best = min(objs, key=lambda o: abs((o["x0"] + o["x1"]) / 2 - r.cx)
                           + abs((o["top"] + o["bottom"]) / 2 - r.cy))
                got = (best["x0"], best["top"], best["x1"], best["bottom"])
                assert all(_close(g, w) for g, w in zip(got, (r.x, r.y, r.right, r.bottom), strict=False)), (sym, got)
                if sym.kind is SymbolKind.KEPUTUSAN:
                    assert len(best.get("pts", ())) == 5


def _lines(page) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    width = LINE_WIDTHS[LineClass.CONNECTOR]  # lines, and the arcs of bridges (from one end to the other)
    return [(o["pts"][0], o["pts"][-1]) for o in page.lines + page.curves if abs(o["linewidth"] - width) < 0.05]


def _dist(p, q) -> float:
    return max(abs(p[0] - q[0]), abs(p[1] - q[1]))


def _arrow_tip(page, start, end) -> tuple[float, float] | None:
    """The tip of the arrowhead LibreOffice drew at ``end`` (a small filled curve)."""
    heads = [o for o in page.curves + page.rects if (o.get("linewidth") or 0) < 0.5
             and o["x1"] - o["x0"] < 8 and o["bottom"] - o["top"] < 8
             and o["x0"] - 2 <= end[0] <= o["x1"] + 2 and o["top"] - 2 <= end[1] <= o["bottom"] + 2]
    if not heads:
        return None
    h = heads[0]
    cx, cy = (h["x0"] + h["x1"]) / 2, (h["top"] + h["bottom"]) / 2
    dx, dy = end[0] - start[0], end[1] - start[1]
    if abs(dy) >= abs(dx):
        return (cx, h["bottom"] if dy > 0 else h["top"])
    return (h["x1"] if dx > 0 else h["x0"], cy)


@pytest.mark.parametrize("name", NAMES)
def test_connector_pieces_land_and_join_within_one_point(rendered, name: str) -> None:
    layout, pdf_path = rendered[name]
    with pdfplumber.open(pdf_path) as pdf:
        for lp in layout.pages:
            if lp.kind is not PageKind.FLOWCHART:
                continue
            page = pdf.pages[lp.number - 1]
            lines = _lines(page)
            for conn in lp.connectors:
                matched = []
                for piece in conn.pieces:
                    if _dist(piece.start, piece.end) < 0.5:
                        continue
                    best = min(lines, key=lambda seg: min(_dist(seg[0], piece.start) + _dist(seg[1], piece.end),
                                                          _dist(seg[1], piece.start) + _dist(seg[0], piece.end)))
                    a, b = best if _dist(best[0], piece.start) <= _dist(best[1], piece.start) else best[::-1]
                    assert _dist(a, piece.start) <= TOL, (piece, best)
                    if piece.arrow_end:
                        tip = _arrow_tip(page, piece.start, piece.end)
                        assert tip is not None and _dist(tip, piece.end) <= TOL, (piece, tip)
                    else:
                        assert _dist(b, piece.end) <= TOL, (piece, best)
                    matched.append((a, b))
                for (_, end), (start, _) in itertools.pairwise(matched):
                    assert _dist(end, start) <= TOL


def _pdf_lines_in(chars: list[dict], rect) -> list[str]:
    """The text lines LibreOffice drew inside ``rect`` (characters grouped by baseline)."""
    inside = [c for c in chars if rect.x - TOL <= (c["x0"] + c["x1"]) / 2 <= rect.right + TOL
              and rect.y - TOL <= (c["top"] + c["bottom"]) / 2 <= rect.bottom + TOL]
    rows: dict[float, list[dict]] = {}
    for c in sorted(inside, key=lambda c: (c["top"], c["x0"])):
        key = next((k for k in rows if abs(k - c["top"]) < 2), c["top"])
        rows.setdefault(key, []).append(c)
    lines = ["".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"])) for _, cs in sorted(rows.items())]
    return [" ".join(line.replace("\u2011", "-").split()) for line in lines if line.strip()]


@pytest.mark.parametrize("name", NAMES)
def test_text_cells_wrap_like_the_layout_and_stay_inside(rendered, name: str) -> None:
    layout, pdf_path = rendered[name]
    with pdfplumber.open(pdf_path) as pdf:
        for lp in layout.pages:
            if lp.kind is not PageKind.FLOWCHART:
                continue
            page = pdf.pages[lp.number - 1]
            chars = [c for c in page.chars if c["size"] < 20  # not the DRAFT watermark
                     and not any(lb.rect.contains_point(((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2), 1.0)
                                for lb in lp.labels)]  # exit labels are not cell text
            for row in lp.table.rows:
                for cell in row.cells:
                    if cell.text is None or not cell.text.lines:
                        continue
                    got = _pdf_lines_in(chars, cell.rect)
                    want = [(BULLET if i in cell.text.bullets else "") + " ".join(line.split())
                            for i, line in enumerate(cell.text.lines)]  # a kelengkapan item after its bullet
                    assert got == want, (row.index, cell.col, got, want)
                    for c in chars:
                        if cell.rect.contains_point(((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2)):
                            assert c["x1"] <= cell.rect.right + TOL and c["bottom"] <= cell.rect.bottom + TOL
