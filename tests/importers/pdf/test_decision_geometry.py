"""Decision targets from connector geometry (issue #12 point 5): the ways Word/Excel exports draw
a decision's exits, each pinned on a small drawing of our own, then on the corpus pages where they
were seen. The corpus targets are written from the page images (tests/data/import-expected/
decisions.md), never from the importer's output."""

from __future__ import annotations

from typing import Any

from sopdoc.importers.grid.branch import decision_exits, labelled_targets, row_exits
from sopdoc.importers.grid.geometry import Piece, Shape
from sopdoc.importers.pdf.importer import import_pdf_file
from sopdoc.importers.pdf.shapes import _classify_curve, extract_pieces
from tests.conftest import CORPUS


def _curve(pts: list[tuple[float, float]], cmds: str, fill: bool = True) -> dict[str, Any]:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return {"x0": min(xs), "top": min(ys), "x1": max(xs), "bottom": max(ys), "width": max(xs) - min(xs),
            "height": max(ys) - min(ys), "pts": pts, "path": [(c,) for c in cmds], "fill": fill, "stroke": not fill}


def _rect(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "width": x1 - x0, "height": bottom - top}


class _Page:
    def __init__(self, curves: list[dict[str, Any]] = (), lines: list[dict[str, Any]] = (),  # type: ignore[assignment]
                 rects: list[dict[str, Any]] = ()) -> None:  # type: ignore[assignment]
        self.curves, self.lines, self.rects = list(curves), list(lines), list(rects)


# --- pieces -----------------------------------------------------------------------------------

def test_a_thick_line_drawn_as_a_filled_outline_is_a_connector_piece() -> None:
    # a 1.5 pt connector filled as an outline 1.6 pt wide (bps 338 page 2, Staff column)
    line = _curve([(431.2, 168.8), (432.8, 168.8), (432.8, 204.2), (431.2, 204.2), (431.2, 168.8)], "mllllh")
    assert _classify_curve(line) == "piece"
    flat = _curve([(383.8, 275.1), (409.7, 275.1), (409.7, 276.6), (383.8, 276.6), (383.8, 275.1)], "mllllh")
    assert _classify_curve(flat) == "piece"


def test_an_arrow_tip_or_a_small_square_is_no_line() -> None:
    tip = _curve([(329.8, 156.2), (335.8, 159.2), (329.8, 162.2), (329.8, 156.2)], "mlllh")
    assert _classify_curve(tip) != "piece"
    square = _curve([(0, 0), (2.5, 0), (2.5, 2.5), (0, 2.5), (0, 0)], "mllllh")
    assert _classify_curve(square) != "piece"


def test_a_connector_drawn_as_a_thin_rectangle_on_a_cell_side_is_kept_when_it_ends_at_an_arrow() -> None:
    # the table finder took the connector for a rule and split a cell at it (bps 338): the
    # rectangle lies along that cell's side, but it runs from a box to an arrow tip
    cell = (396.4, 247.1, 433.4, 253.3)
    connector = _rect(432.7, 226.6, 434.2, 263.5)
    tip = (430.45, 262.5, 436.45, 268.5)
    box = (409.9, 209.2, 455.8, 227.2)
    page = _Page(rects=[connector])
    assert extract_pieces(page, [cell]) == []  # without anchors: a rule, as before
    assert extract_pieces(page, [cell], [tip]) == [Piece((432.7, 226.6, 434.2, 263.5))]
    assert extract_pieces(page, [cell], [box]) == [Piece((432.7, 226.6, 434.2, 263.5))]


def test_a_rule_along_a_cell_side_stays_a_rule() -> None:
    cell = (312.9, 190.1, 396.2, 246.9)
    rule = _rect(396.2, 190.1, 396.6, 246.9)
    box_elsewhere = (409.9, 209.2, 455.8, 227.2)
    assert extract_pieces(_Page(rects=[rule]), [cell], [box_elsewhere]) == []


def test_the_outline_of_a_thick_elbow_is_its_sides_not_its_box() -> None:
    # bps 038: an "L" 2 pt thick (up from the diamond, right to a box) whose box holds another
    # connector; as one box the two connectors would be one path
    elbow = [(302.3, 213.1), (302.9, 213.1), (304.1, 212.0), (304.1, 176.0), (302.9, 177.1), (370.8, 177.1),
             (370.8, 174.8), (302.9, 174.8), (301.8, 176.0), (301.8, 212.0), (302.9, 210.8), (302.3, 210.8),
             (302.3, 213.1)]
    pieces = extract_pieces(_Page(curves=[_curve(elbow, "mlclllllcllllh")]), [])
    assert len(pieces) > 2
    inner = (330.0, 185.0, 340.0, 195.0)  # a point inside the L's box, away from its sides
    assert not any(p.bbox[0] <= inner[2] and inner[0] <= p.bbox[2] and p.bbox[1] <= inner[3]
                   and inner[1] <= p.bbox[3] for p in pieces)


# --- exits ------------------------------------------------------------------------------------
#
# Rows of 60 pt: row 0 at y 0-60, row 1 at 60-120, row 2 at 120-180. The decision sits in row 1.

DIAMOND = Shape("keputusan", (100.0, 75.0, 140.0, 105.0))  # vertices: left (100, 90), top (120, 75)
OWN_BOX = Shape("proses", (200.0, 80.0, 240.0, 100.0))
NEXT_BOX = Shape("proses", (100.0, 140.0, 140.0, 160.0))
PREV_BOX = Shape("proses", (100.0, 20.0, 140.0, 40.0))


def _line(x0: float, y0: float, x1: float, y1: float) -> Piece:
    return Piece((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))


def test_an_exit_into_a_box_of_the_decisions_own_row_targets_its_own_step() -> None:
    # bps 069 step 3, 122 step 5: up from the top vertex, right, down onto the row's own box
    shapes = [[PREV_BOX], [DIAMOND, OWN_BOX], [NEXT_BOX]]
    pieces = [_line(120, 66, 120, 75), _line(120, 66, 220, 66), _line(220, 66, 220, 76),
              _line(120, 105, 120, 136)]
    arrows = [(217.0, 76.0, 223.0, 80.0), (117.0, 136.0, 123.0, 140.0)]
    found = decision_exits(DIAMOND, 1, shapes, pieces, arrows)
    assert sorted((k, v) for k, _, v in found) == [(1, "top"), (2, "bottom")]
    assert labelled_targets(DIAMOND, 1, found, [])[0] == {"ya": 2, "tidak": 1}


def test_a_path_coming_in_is_no_exit() -> None:
    # the row's box feeds the diamond's right vertex: its tip is at the diamond itself
    shapes = [[PREV_BOX], [DIAMOND, OWN_BOX], [NEXT_BOX]]
    pieces = [_line(144, 90, 200, 90)]
    arrows = [(140.0, 87.0, 144.0, 93.0)]
    assert decision_exits(DIAMOND, 1, shapes, pieces, arrows) == []


def test_an_exit_into_a_terminator_of_its_own_row_names_no_step() -> None:
    # bps 038 step 3: the exit that ends the procedure in the decision's own row
    end = Shape("terminator", (200.0, 80.0, 240.0, 100.0))
    shapes = [[PREV_BOX], [DIAMOND, end], [NEXT_BOX]]
    pieces = [_line(140, 90, 196, 90)]
    arrows = [(196.0, 87.0, 200.0, 93.0)]
    assert decision_exits(DIAMOND, 1, shapes, pieces, arrows) == []


def test_a_line_that_stops_short_of_a_vertex_in_line_with_it_leaves_it() -> None:
    # bps 038 step 3: the exit starts 6 pt above the left vertex, on its vertical
    shapes = [[PREV_BOX], [DIAMOND], [NEXT_BOX]]
    pieces = [_line(100.2, 30, 100.2, 84), _line(100.2, 30, 144, 30)]  # up, then right to the box
    arrows = [(140.0, 27.0, 144.0, 33.0)]
    found = decision_exits(DIAMOND, 1, shapes, pieces, arrows)
    assert [(k, v) for k, _, v in found] == [(0, "left")]


def test_a_line_ten_points_short_or_off_the_axis_does_not_leave() -> None:
    shapes = [[PREV_BOX], [DIAMOND], [NEXT_BOX]]
    arrows = [(140.0, 27.0, 144.0, 33.0)]
    too_short = [_line(100.2, 30, 100.2, 80), _line(100.2, 30, 144, 30)]
    assert decision_exits(DIAMOND, 1, shapes, too_short, arrows) == []
    off_axis = [_line(94.0, 30, 94.0, 84), _line(94.0, 30, 144, 30)]
    assert decision_exits(DIAMOND, 1, shapes, off_axis, arrows) == []


def test_a_line_leaving_a_side_is_named_for_the_nearest_vertex() -> None:
    # a line that starts on the lower-right side, near the bottom vertex
    shapes = [[PREV_BOX], [DIAMOND], [NEXT_BOX]]
    pieces = [_line(126, 101, 126, 136)]  # (126, 100.5) lies on the side from (140, 90) to (120, 105)
    arrows = [(123.0, 136.0, 129.0, 140.0)]
    assert [(k, v) for k, _, v in decision_exits(DIAMOND, 1, shapes, pieces, arrows)] == [(2, "bottom")]


def test_two_diamonds_in_one_row_are_one_decision() -> None:
    # bps 338 step 4: the right diamond loops into the row's box and goes left into the left
    # diamond, which goes up into the right one and down to the next step
    left = Shape("keputusan", (20.0, 75.0, 60.0, 105.0))
    right = DIAMOND
    shapes = [[PREV_BOX], [left, right, OWN_BOX], [NEXT_BOX]]
    pieces = [_line(64, 90, 100, 90),  # right's left vertex to left's right vertex
              _line(120, 66, 120, 75), _line(120, 66, 220, 66), _line(220, 66, 220, 76),  # right's top to the box
              _line(40, 62, 40, 75), _line(40, 62, 110, 62), _line(110, 62, 110, 78),  # left's top to right's side
              _line(40, 105, 40, 150), _line(40, 150, 96, 150)]  # left's bottom to the next step
    arrows = [(60.0, 87.0, 64.0, 93.0), (217.0, 76.0, 223.0, 80.0), (107.0, 78.0, 113.0, 82.0),
              (96.0, 147.0, 100.0, 153.0)]
    found, owners = row_exits([left, right], 1, shapes, pieces, arrows)
    assert sorted(k for k, _, _ in found) == [1, 2]
    assert labelled_targets(left, 1, found, [], owners)[0] == {"ya": 2, "tidak": 1}


# --- the corpus (targets as the page images show them: decisions.md) -----------------------------

def _cabang(name: str) -> tuple[dict[int, tuple[int | None, int | None]], set[int], Any]:
    result = import_pdf_file(CORPUS / "bps" / name)
    sop = result.load.sop
    assert sop is not None
    cab = {k.no: (k.cabang.ya, k.cabang.tidak) for k in sop.kegiatan if k.cabang is not None and k.no}
    missing = {int(d.path[1]) + 1 for d in result.load.diagnostics if d.code == "IMP024"}
    return cab, missing, sop


def test_bps_338_connectors_drawn_as_rules_and_two_diamonds_in_a_row() -> None:
    """Page 2: step 3's diamond goes up and round into step 3's own box, and down then right into
    the line down to step 4's box; step 4's right diamond goes up into step 4's own box and left
    into its left diamond, which goes up into the right one and down then right to step 5."""
    cab, missing, _ = _cabang("bps-338-komponen-ekspor-adhk.pdf")
    assert cab[3] == (4, 3)
    assert cab[4] == (5, 4)
    assert not missing


def test_bps_069_tidak_loops_into_its_own_rows_box() -> None:
    """Page 2: step 3's "Tidak" leaves the top vertex, right, down onto step 3's Fungsional box."""
    cab, missing, _ = _cabang("bps-069-konsumsi-rumahtangga-adhb.pdf")
    assert cab[3] == (4, 3)
    assert not missing


def test_bps_122_tidak_back_into_the_rows_own_box() -> None:
    """Page 2: step 5's exit from the top vertex ends on the top of step 5's BPS Kab/Kota box."""
    cab, missing, _ = _cabang("bps-122-survei-pergudangan-vpek.pdf")
    assert cab[5] == (6, 5)
    assert cab[6] == (7, 5)
    assert not missing


def test_bps_009_a_b_exits_kept_as_labels() -> None:
    """Page 2: step 4's "A" goes left and down to step 5's Pengelola Barang box, its "B" right to
    the Wilayah/Provinsi box of step 4 itself (which goes on to step 5's BPS RI box)."""
    cab, missing, sop = _cabang("bps-009-penjualan-bmn.pdf")
    assert cab[4] == (5, 4)
    step = {k.no: k for k in sop.kegiatan}[4]
    assert step.cabang is not None and (step.cabang.label_ya, step.cabang.label_tidak) == ("A", "B")
    assert not missing


def test_bps_038_the_end_in_its_own_row_stays_reported() -> None:
    """Page 2: step 3's "T" leaves beside the left vertex, up and right to step 2's box; its other
    exit goes right to the terminator in step 3's own row, the end, which no step number names."""
    cab, missing, _ = _cabang("bps-038-pengumpulan-data-publikasi.pdf")
    assert cab[3] == (None, 2)
    assert missing == {3}


def test_bps_048_an_exit_through_an_off_page_connector() -> None:
    """Pages 2-3: step 8's bottom vertex goes down to off-page connector "1"; on page 3 "1" leads
    into step 9's box. Its right vertex goes onto step 8's own Petugas box (which goes on to "2")."""
    cab, missing, _ = _cabang("bps-048-pengolahan-data-capi.pdf")
    assert cab[8] == (9, 8)
    assert not missing


def test_bps_009_small_terminators_are_terminators() -> None:
    """Page 2 step 1 and page 3 step 12: rounded terminators 24 x 7.7 pt."""
    _, _, sop = _cabang("bps-009-penjualan-bmn.pdf")
    ends = {k.no: (k.simbol.value if k.simbol else None, list(k.pelaksana)) for k in sop.kegiatan if k.no in (1, 12)}
    assert ends == {1: ("terminator", ["Satuan Kerja"]), 12: ("terminator", ["Pengelola Barang"])}
