"""Off-page connectors (the pentagon of PermenPAN-RB 35/2012) are no step's symbol: not a
terminator, not another actor's box (bps-009 page 2 row 5, bps-048 page 3 row 9). Expected
values written from the page images."""

from __future__ import annotations

from sopdoc.importers.pdf.importer import import_pdf_file
from sopdoc.importers.pdf.shapes import _classify_curve
from tests.conftest import CORPUS


def _curve(x0: float, top: float, rel: list[tuple[float, float]], cmds: str) -> dict[str, object]:
    pts = [(x0 + x, top + y) for x, y in rel]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return {"x0": min(xs), "top": min(ys), "x1": max(xs), "bottom": max(ys), "width": max(xs) - min(xs),
            "height": max(ys) - min(ys), "pts": pts, "path": [(c,) for c in cmds], "fill": False, "stroke": True}


def test_stroked_pentagon_is_an_offpage_connector() -> None:
    # bps-009 page 2: the pentagons "1" and "2" under row 5's boxes, as the PDF draws them
    home_plate = [(16.1, 0.0), (16.1, 7.2), (8.0, 14.5), (0.0, 7.2), (0.0, 0.0), (16.1, 0.0)]
    assert _classify_curve(_curve(258, 448, home_plate, "mllllh")) == "offpage"


def test_outline_of_a_stroked_pentagon_is_an_offpage_connector() -> None:
    # bps-048 page 3: the pentagon drawn as the filled outline of its stroke, every corner doubled
    outline = [(0.4, 16.1), (0.1, 15.7), (9.0, 19.8), (8.8, 19.8), (17.5, 15.7), (17.4, 16.1),
               (17.4, 0.0), (17.8, 0.4), (0.0, 0.4), (0.4, 0.0), (0.4, 16.1)]
    assert _classify_curve(_curve(320, 94, outline, "m" + "l" * 10 + "h")) == "offpage"


def test_pentagon_pointing_right_is_an_offpage_connector() -> None:
    arrow = [(0, 0), (14, 0), (20, 9), (14, 18), (0, 18), (0, 0)]
    assert _classify_curve(_curve(100, 100, arrow, "mllllh")) == "offpage"


def test_other_shapes_keep_their_kind() -> None:
    diamond = [(0.0, 8.2), (10.7, 0.0), (21.4, 8.2), (10.7, 16.4), (0.0, 8.2)]  # bps-009 row 4
    assert _classify_curve(_curve(255, 358, diamond, "mlllh")) == "keputusan"
    box = [(0, 0), (40, 0), (40, 20), (0, 20), (0, 0)]
    assert _classify_curve(_curve(100, 100, box, "mllllh")) == "proses"
    # five corners but the apex is off the middle: no off-page connector
    skew = [(0, 0), (20, 0), (20, 8), (3, 16), (0, 8), (0, 0)]
    assert _classify_curve(_curve(100, 100, skew, "mllllh")) != "offpage"


def test_offpage_connectors_are_neither_terminators_nor_actors() -> None:
    sop = import_pdf_file(CORPUS / "bps" / "bps-009-penjualan-bmn.pdf").load.sop
    assert sop is not None
    row5, row6 = sop.kegiatan[4], sop.kegiatan[5]
    # row 5: a process box under Pengelola Barang (exit A) and one under BPS RI (after exit B),
    # each with an off-page connector below it
    assert row5.no == 5 and row5.simbol == "proses"
    assert row5.pelaksana == ("Pengelola Barang", "BPS RI")
    # row 6 (page 3): the off-page connectors 1 and 2 above a process box under Satuan Kerja
    assert row6.no == 6 and row6.simbol == "proses"
    assert row6.pelaksana == ("Satuan Kerja",)
