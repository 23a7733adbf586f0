"""Grids drawn as separate stroked cell rectangles (issue #12 point 1, corpus bps 028 and 031)."""

from __future__ import annotations

from types import SimpleNamespace

from sopdoc.importers.pdf.cells import cell_edges, cell_rects, is_cell
from sopdoc.importers.pdf.importer import import_pdf_file
from sopdoc.importers.pdf.shapes import extract_shapes
from tests.conftest import CORPUS


def _rect(x0: float, top: float, x1: float, bottom: float, stroke: bool = True) -> dict[str, object]:
    return {"object_type": "rect", "x0": x0, "top": top, "x1": x1, "bottom": bottom, "width": x1 - x0,
            "height": bottom - top, "stroke": stroke, "fill": not stroke}


def _page(rects: list[dict[str, object]]) -> SimpleNamespace:
    return SimpleNamespace(objects={"rect": rects, "curve": [], "line": [], "char": []}, rects=rects, curves=[])


def test_cells_share_sides_symbols_float_inside() -> None:
    grid = [_rect(100 + 60 * c, 100 + 40 * r, 160 + 60 * c, 140 + 40 * r) for r in range(3) for c in range(3)]
    symbol = _rect(110, 112, 150, 128)  # a process box inside the first cell, touching no side
    twin = dict(grid[4], stroke=False, fill=True)  # the fill drawn under a stroked cell
    shading = _rect(165, 145, 215, 175, stroke=False)  # filled only: a text background, not a cell
    page = _page([*grid, symbol, twin, shading])
    cells = cell_rects(page)
    assert len(cells) == 9
    assert not is_cell((110, 112, 150, 128), cells) and not is_cell((165, 145, 215, 175), cells)
    shapes = extract_shapes(page, cells)
    assert (110.0, 112.0, 150.0, 128.0) in [s.bbox for s in shapes]
    assert not any(is_cell(s.bbox, cells) for s in shapes)
    edges = cell_edges(cells)
    assert len(edges) == len({(e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges})
    assert all(e["width"] == 0 or e["height"] == 0 for e in edges)


def test_lone_rectangles_are_no_grid() -> None:
    page = _page([_rect(100, 100, 140, 120), _rect(200, 100, 240, 120), _rect(100, 200, 140, 220)])
    assert cell_rects(page) == []


def test_stroked_rectangle_grid_read_by_eye() -> None:
    """bps 028: page 2's grid is 106 stroked rectangles; by eye 8 steps, 5 actors, decisions 5 and 6."""
    sop = import_pdf_file(CORPUS / "bps" / "bps-028-pengajuan-ls-kppn.pdf").load.sop
    assert sop is not None
    assert list(sop.pelaksana) == ["Penyedia", "Operator", "PPK", "PPSPM", "KPPN"]
    assert [k.no for k in sop.kegiatan] == list(range(1, 9))
    assert [list(k.pelaksana) for k in sop.kegiatan][1:7] == [["Operator"], ["PPK"], ["Operator"], ["PPK"],
                                                               ["PPSPM"], ["KPPN"]]
    by_no = {k.no: k for k in sop.kegiatan}
    assert by_no[5].cabang is not None and (by_no[5].cabang.ya, by_no[5].cabang.tidak) == (6, 4)
    assert by_no[6].cabang is not None and (by_no[6].cabang.ya, by_no[6].cabang.tidak) == (7, 5)
